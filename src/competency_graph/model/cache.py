"""The read model of a source, cached in its store folder: a restart in about a second.

:func:`load_read_model` gives the read model of a :class:`~competency_graph.graph.source.Source`
(the files, and a store when there is one). Building the read model of ESCO from its store
takes ~20 s (14 s of it reading 730k triples out of RocksDB into Python); loading the same
model back from its columns takes about half a second. So it keeps what it built in the
store folder, in ``competency-graph.read-model.cache`` (:data:`CACHE_FILE`), and the next
start over the same store reads that instead. ``serve --store`` uses it; ``import esco``
writes it at its end, from a read model it builds from its own rows (``build``).

**Format.** A line naming the file, a JSON header line, then the payload: the read model as
columns (:mod:`competency_graph.model.columns`: one table per domain class, one column per
field, each string once; loaded by ``marshal`` and one loop per class, not one unpickling
step per object) and the rest (the loaded files' triples and locations, the rules: a few
thousand objects) as a pickle.

**Never stale.** The file's header records what the model was built from; the cache is used
only when all of it still holds, else the model is built again from the store and the cache
rewritten, with one log line saying why:

- the store: its fingerprint as it was when the store was opened
  (:meth:`~competency_graph.graph.source.Source.key`; for a store folder
  :func:`~competency_graph.graph.stores.oxigraph.folder_fingerprint`, the name, size and
  modification time of every file). A read-only open changes none of them; every write
  through oxigraph does (checked in the tests);
- the files loaded with it: which were asked for (the shipped ontology, the given paths),
  then the SHA-256 of every file the load read (``owl:imports`` followed) and of the catalog
  beside each, which decides where imports resolve. A file modified while it was being
  loaded or while the model was built (its modification time says so, or its hash changed)
  is not cached;
- the code: :data:`FORMAT`, the package version and a digest of the modules that build
  what is cached (:data:`BUILDING_MODULES`), the rdflib, pyoxigraph and Python versions.

A missing, truncated or corrupt file (length and CRC-32 of the payload are in the header),
or one that names classes it may not, is rebuilt with a log line, never a traceback; so is
anything but a regular file in its place (a pipe or a device would hang the start). A
folder that cannot be written (a read-only mount, a full disk) means no cache, with a log
line. The file is written by :func:`~competency_graph.atomic.write_atomically` (beside its
final name, then renamed), so readers see the old cache or the new one, never half of one.
Only stores with a folder and a fingerprint are cached: a SPARQL endpoint cannot be
fingerprinted without reading it, so it is read in full at every start.

**Trust.** The columns hold only strings, numbers and tuples, turned into the read model's
own classes by their names; the rest is a pickle loaded by an unpickler that constructs only
the read model's own types (the domain dataclasses, rdflib terms, datetimes), so a doctored
file cannot name a function to call; still, whoever can write the store folder decides what the
server answers, cache or not: give the folder the same protection as the store.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import logging
import marshal
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pyoxigraph
import rdflib

from competency_graph import __version__
from competency_graph.atomic import WriteError, remove_abandoned, write_atomically
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, SourceLocation, new_graph
from competency_graph.graph.source import Source, file_digest, file_digests
from competency_graph.graph.stores import OWN_FILE_PREFIX, GraphStore
from competency_graph.model import columns, domain
from competency_graph.model.readmodel import (
    ReadModel,
    build_read_model,
    build_read_model_from_index,
)
from competency_graph.model.rules import Rule, read_rules
from competency_graph.reading import open_input

log = logging.getLogger(__name__)

#: the cache's name in the store folder (the store's fingerprint leaves it out)
CACHE_FILE = f"{OWN_FILE_PREFIX}read-model.cache"
#: the name of the cache before it held columns (a pickle of the whole model): removed when
#: a cache is written
LEGACY_CACHE_FILE = f"{OWN_FILE_PREFIX}read-model.pickle"
#: bump when what is stored changes shape (the source digest catches code changes too)
FORMAT = 2
#: builds the read model of the files loaded and the store, or None to read the store back
Build = Callable[[LoadedGraph], ReadModel | None]
#: what ``serve --read-model-cache`` accepts: read and write it, build and rewrite it, or
#: neither read nor write it
CacheMode = Literal["use", "rebuild", "off"]
CACHE_MODES: tuple[CacheMode, ...] = ("use", "rebuild", "off")

_PACKAGE = Path(__file__).resolve().parents[1]
#: the package's modules whose code decides what is cached (what the read model, the rules
#: and the loaded graph hold): any change to one of them rebuilds the cache. Every store
#: back end is one of them (the triples come through it), a new one included.
BUILDING_MODULES = (
    "__init__.py",
    "atomic.py",
    "errors.py",
    "graph/datatypes.py",
    "graph/files.py",
    "graph/index.py",
    "graph/ontology.py",
    "graph/skills.py",
    "graph/source.py",
    "graph/statements.py",
    "graph/stats.py",
    "graph/terms.py",
    "model/cache.py",
    "model/columns.py",
    "model/domain.py",
    "model/readmodel.py",
    "model/rules.py",
    "namespaces.py",
    "redaction.py",
    "reading.py",
    *(f"graph/stores/{p.name}" for p in sorted((_PACKAGE / "graph" / "stores").glob("*.py"))),
)

_MAGIC = b"competency-graph read-model cache\n"
_MAX_HEADER = 1 << 20


@dataclass(frozen=True)
class LoadedReadModel:
    """The read model of a :class:`~competency_graph.graph.source.Source`, and where it came
    from."""

    loaded: LoadedGraph
    model: ReadModel
    rules: dict[str, Rule]
    #: "files" (built from the files: no store), "cache" (read from the cache beside the
    #: store) or "store" (built from the files and the store's triples)
    origin: str
    #: seconds taken to read or build it (opening the store not included)
    seconds: float
    #: what happened to the cache, in words (for ``/healthz`` and the import's output)
    cache: str
    #: the store's name (None: no store)
    store: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The read model's origin as ``/healthz`` shows it."""
        if self.store is None:
            return {"source": self.origin}
        return {
            "store": self.store,
            "source": self.origin,
            "seconds": round(self.seconds, 3),
            "cache": self.cache,
        }

    def note(self) -> str:
        """What the server's load log line says about it ("" when built from the files)."""
        if self.store is None:
            return ""
        where = "its cache" if self.origin == "cache" else "the store"
        return f" (read model from {where}: {self.seconds:.1f} s)"


def load_read_model(
    source: Source, mode: CacheMode = "use", build: Build | None = None
) -> LoadedReadModel:
    """The read model of ``source``. Without a store it is built from the files; with one,
    it comes from the store folder's cache when that is up to date, else it is built from
    the files and the store (and cached, unless ``mode`` is "off"). ``build``, when given,
    builds it instead of reading the store back (an importer that has the store's rows in
    hand); it may answer None to leave it to the store.

    Raises :class:`~competency_graph.errors.InputError` when the files or the store cannot
    be read, as building without a cache does; a cache problem is only logged.
    """
    started = time.perf_counter()
    store = source.store
    if store is None:
        loaded = source.load()
        model, rules = build_read_model(loaded.graph), read_rules(loaded.graph)
        return LoadedReadModel(loaded, model, rules, "files", _since(started), "none: no store")
    folder, no_cache = _cache_folder(store, mode)
    request = {"format": FORMAT, "code": _code(), **source.key()}
    if folder is not None:
        for leftover in remove_abandoned(folder, CACHE_FILE):
            log.info("read model: removed %s, left by a write that was interrupted", leftover)
        why, level = "asked to rebuild it", logging.INFO
        if mode == "use":
            found, why, level = _read(folder / CACHE_FILE, request)
            if found is not None:
                _freeze()
                seconds = _since(started)
                log.info("read model: from the cache in %s (%.2f s)", store.name, seconds)
                cached = f"read from {folder / CACHE_FILE}"
                return LoadedReadModel(*found, "cache", seconds, cached, store.name)
        log.log(level, "read model: %s: building it from the store %s", why, store.name)
    load_started = time.time_ns()
    loaded = source.load()
    inputs = file_digests(loaded.files)
    handed = build(loaded) if build is not None else None
    if handed is not None:
        model = handed
        rules = read_rules(loaded.graph)  # rules are the ontology's: a store holds none
    else:
        index = source.index(loaded)
        model = build_read_model_from_index(index)
        rules = read_rules(index.as_graph())
        del index
    seconds = _since(started)
    log.info("read model: built from %s in %.1f s", store.name, seconds)
    if folder is None:
        outcome = no_cache
    else:
        unsafe = source.changed_since(loaded, load_started, inputs)
        if unsafe is None:
            header = {**request, "inputs": inputs, "built": seconds}
            outcome = _write(folder, header, (loaded, model, rules))
        else:
            outcome = f"not written: {unsafe}"
            log.info("read model: not cached: %s", unsafe)
    _freeze()
    return LoadedReadModel(loaded, model, rules, "store", seconds, outcome, store.name)


def _since(started: float) -> float:
    return time.perf_counter() - started


# -- the key ----------------------------------------------------------------------------------
def _cache_folder(store: GraphStore, mode: CacheMode) -> tuple[Path | None, str]:
    """The folder the cache lives in, or None and why there is none."""
    if mode == "off":
        return None, "off (--read-model-cache off)"
    if store.folder is None:
        return None, f"none: {store.name} is not a store folder (nothing to fingerprint)"
    if store.fingerprint is None:
        log.warning("read model: no cache: the store changed while it was being opened")
        return None, "none: the store changed while it was being opened"
    return store.folder, ""


@cache
def _code() -> dict[str, str]:
    """The versions the cache depends on, and a digest of the modules that build it."""
    sha = hashlib.sha256()
    for name in BUILDING_MODULES:
        sha.update(name.encode("utf-8") + b"\0" + (_PACKAGE / name).read_bytes())
    return {
        "competency-graph": __version__,
        "source": sha.hexdigest(),
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "rdflib": rdflib.__version__,
        "pyoxigraph": pyoxigraph.__version__,
    }


# -- reading ----------------------------------------------------------------------------------
Payload = tuple[LoadedGraph, ReadModel, dict[str, Rule]]


def _read(file: Path, request: dict[str, Any]) -> tuple[Payload | None, str, int]:
    """The cached payload, or None, why it cannot be used and how loudly to say so."""
    if not file.exists() and not file.is_symlink():
        return None, "no cache yet", logging.INFO
    try:
        # a regular file only: a pipe or a device put in its place must not hang the start
        with open_input(file) as stream:
            if stream.readline(len(_MAGIC)) != _MAGIC:
                return _unreadable(file, "not a read-model cache")
            line = stream.readline(_MAX_HEADER + 1)
            if len(line) > _MAX_HEADER:
                return _unreadable(file, f"a header of over {_MAX_HEADER:,} bytes")
            header = json.loads(line)
            stale = _stale(header, request)
            if stale is not None:
                return None, f"the cache is out of date ({stale})", logging.INFO
            # the size first: a doctored header must not make the start read gigabytes
            left = os.fstat(stream.fileno()).st_size - stream.tell()
            if left != header.get("bytes"):
                return _unreadable(file, f"{left} bytes of data, {header.get('bytes')} written")
            data = stream.read()
    except InputError as exc:  # not a regular file, a loop of links
        return _unreadable(file, exc.message)
    # a header that is not JSON, or nested so deep that the JSON parser gives up
    except (OSError, ValueError, RecursionError) as exc:
        return _unreadable(file, f"{type(exc).__name__}: {exc}")
    if len(data) != header.get("bytes"):  # it changed while being read
        return _unreadable(file, f"{len(data)} bytes of data, {header.get('bytes')} written")
    if zlib.crc32(data) != header.get("crc32"):
        return _unreadable(file, "its CRC-32 does not match")
    try:
        payload = _decode(data)
    except Exception as exc:  # any failure to decode means: build it again
        return _unreadable(file, f"{type(exc).__name__}: {exc}")
    return payload, "", logging.INFO


def _stale(header: Any, request: dict[str, Any]) -> str | None:
    """Why a cache with ``header`` does not answer ``request``, or None."""
    if not isinstance(header, dict):
        return "no header"
    if header.get("format") != request["format"] or header.get("code") != request["code"]:
        return "written by another version of competency-graph"
    if header.get("store") != request["store"]:
        return "the store changed"
    if any(header.get(k) != request[k] for k in ("shipped", "paths", "cwd")):
        return "other files are loaded with the store"
    inputs = header.get("inputs")
    if not isinstance(inputs, dict):
        return "no record of the loaded files"
    for name, digest in inputs.items():
        if file_digest(Path(name)) != digest:
            return f"{name} changed"
    return None


def _unreadable(file: Path, reason: str) -> tuple[None, str, int]:
    return None, f"the cache {file} is unreadable ({reason})", logging.WARNING


class _ModelUnpickler(pickle.Unpickler):
    """Constructs the read model's own types and nothing else (no functions, no modules)."""

    ALLOWED = frozenset(
        {
            ("competency_graph.model.readmodel", "ReadModel"),
            ("competency_graph.model.rules", "Rule"),
            ("competency_graph.model.rules", "Severity"),
            ("rdflib.term", "URIRef"),
            ("rdflib.term", "BNode"),
            ("rdflib.term", "Literal"),
            ("datetime", "datetime"),
            ("datetime", "date"),
            ("datetime", "timedelta"),
            ("datetime", "timezone"),
        }
        | {
            ("competency_graph.model.domain", name)
            for name, value in vars(domain).items()
            if isinstance(value, type) and value.__module__ == domain.__name__
        }
    )

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"a read-model cache may not name {module}.{name}")
        return super().find_class(module, name)


def _decode(data: bytes) -> Payload:
    enabled = gc.isenabled()
    gc.disable()  # nothing to collect among 1M new objects: scanning them would triple the time
    try:
        parts = marshal.loads(data)
        if not (isinstance(parts, tuple) and len(parts) == 2):
            raise columns.ColumnsError("not a read-model cache payload")
        model = columns.loads(parts[0])
        found = _ModelUnpickler(io.BytesIO(parts[1])).load()
    finally:
        if enabled:
            gc.enable()
    triples, files, locations, rules = found
    if not isinstance(rules, dict):
        raise pickle.UnpicklingError("not a read model")
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    loaded = LoadedGraph(
        graph,
        [Path(name) for name in files],
        {iri: SourceLocation(path, line) for iri, (path, line) in locations.items()},
    )
    return loaded, model, rules


def _freeze() -> None:
    """Move everything alive now out of the cyclic collector's sight.

    The read model holds no reference cycles, but every full collection would walk its
    million objects (~0.3 s, a stall for the requests of that moment).
    """
    gc.freeze()


# -- writing ----------------------------------------------------------------------------------
def _write(folder: Path, header: dict[str, Any], payload: Payload) -> str:
    """Write the cache atomically; return what happened, in words (logged here)."""
    started = time.perf_counter()
    loaded, model, rules = payload
    # the loaded graph as plain triples and strings: nothing for the unpickler to trust
    flat = (
        tuple(loaded.graph),
        [str(path) for path in loaded.files],
        {iri: (where.path, where.line) for iri, where in loaded.locations.items()},
        rules,
    )
    try:
        stored = columns.dumps(model)
    except columns.ColumnsError as exc:
        log.warning("read model: no cache: %s", exc)
        return f"not written: {exc}"
    rest = pickle.dumps(flat, protocol=pickle.HIGHEST_PROTOCOL)
    data = marshal.dumps((stored, rest), columns.MARSHAL_VERSION)
    header = {
        **header,
        "bytes": len(data),
        "crc32": zlib.crc32(data),
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    target = folder / CACHE_FILE
    header_line = json.dumps(header, sort_keys=True).encode("utf-8") + b"\n"
    try:
        # readable by whoever may read the store
        mode = stat.S_IMODE((folder / "CURRENT").stat().st_mode)
        # the folder's own file: a link in its place is replaced, never followed
        write_atomically(target, [_MAGIC, header_line, data], mode=mode, follow_links=False)
    except (OSError, WriteError) as exc:
        why = exc.reason if isinstance(exc, WriteError) else exc.strerror or str(exc)
        reason = f"cannot write in {folder} ({why})"
        log.warning("read model: no cache: %s; every start will build the model again", reason)
        return f"not written: {reason}"
    legacy = folder / LEGACY_CACHE_FILE
    if legacy.is_file() and not legacy.is_symlink():
        legacy.unlink(missing_ok=True)
        log.info("read model: removed %s (the cache's former format)", legacy)
    size = len(data) / 1e6
    seconds = time.perf_counter() - started
    log.info("read model: cached in %s (%.0f MB, %.1f s)", target, size, seconds)
    return f"written to {target}"
