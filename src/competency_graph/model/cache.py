"""The read model of an on-disk store, cached in the store folder: a restart in about a second.

Building the read model of ESCO from its store takes ~20 s (14 s of it reading 730k triples
out of RocksDB into Python); loading the same model back from a pickle takes under one. So
:func:`store_read_model` keeps what it built in the store folder, in
``competency-graph.read-model.pickle`` (:data:`CACHE_FILE`), and the next start over the same
store reads that instead. ``serve --store`` uses it; ``import esco`` writes it at its end.

**Never stale.** The file's header records what the model was built from; the cache is used
only when all of it still holds, else the model is built again from the store and the cache
rewritten, with one log line saying why:

- the store: :func:`~competency_graph.graph.stores.oxigraph.folder_fingerprint` of its
  folder (the name, size and modification time of every file) as it was when the store was
  opened. A read-only open changes none of them; every write through oxigraph does
  (checked in the tests);
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
Only stores opened from a folder are cached: a SPARQL endpoint cannot be fingerprinted
without reading it, so it is read in full at every start.

**Trust.** The payload is a pickle. It is loaded by an unpickler that constructs only the
read model's own types (the domain dataclasses, rdflib terms, datetimes), so a doctored file
cannot name a function to call; still, whoever can write the store folder decides what the
server answers, cache or not: give the folder the same protection as the store.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import logging
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Sequence
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
from competency_graph.graph.index import TripleIndex
from competency_graph.graph.ontology import CATALOG_FILE, entry_file
from competency_graph.graph.source import load_files
from competency_graph.graph.stores import OWN_FILE_PREFIX, GraphStore
from competency_graph.graph.stores.oxigraph import OxigraphStore, folder_fingerprint
from competency_graph.model import domain
from competency_graph.model.readmodel import ReadModel, build_read_model_from_index
from competency_graph.model.rules import Rule, read_rules
from competency_graph.reading import open_input

log = logging.getLogger(__name__)

#: the cache's name in the store folder (the store's fingerprint leaves it out)
CACHE_FILE = f"{OWN_FILE_PREFIX}read-model.pickle"
#: bump when what is pickled changes shape (the source digest catches code changes too)
FORMAT = 1
#: what ``serve --read-model-cache`` accepts: read and write it, build and rewrite it, or
#: neither read nor write it
CacheMode = Literal["use", "rebuild", "off"]
CACHE_MODES: tuple[CacheMode, ...] = ("use", "rebuild", "off")

#: the package's modules whose code decides what is cached (what the read model, the rules
#: and the loaded graph hold): any change to one of them rebuilds the cache
BUILDING_MODULES = (
    "__init__.py",
    "atomic.py",
    "errors.py",
    "graph/files.py",
    "graph/index.py",
    "graph/ontology.py",
    "graph/skills.py",
    "graph/source.py",
    "graph/stats.py",
    "graph/stores/__init__.py",
    "graph/stores/oxigraph.py",
    "graph/stores/rdflib.py",
    "graph/stores/sparql.py",
    "graph/terms.py",
    "model/cache.py",
    "model/domain.py",
    "model/readmodel.py",
    "model/rules.py",
    "namespaces.py",
    "reading.py",
)

_MAGIC = b"competency-graph read-model cache\n"
_MAX_HEADER = 1 << 20
# a file modified this close to (or after) the start of a load may have changed while it was
# read, even where modification times are coarse: such a load is not cached
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class StoreReadModel:
    """The read model of a store and the files loaded with it, and where it came from."""

    loaded: LoadedGraph
    model: ReadModel
    rules: dict[str, Rule]
    #: "cache" (read from the cache) or "store" (built from the store's triples)
    source: str
    #: seconds taken to read or build it (opening the store not included)
    seconds: float
    #: what happened to the cache, in words (for ``/healthz`` and the import's output)
    cache: str

    def as_json(self) -> dict[str, Any]:
        """The read model's origin as ``/healthz`` shows it."""
        return {"source": self.source, "seconds": round(self.seconds, 3), "cache": self.cache}


def store_read_model(
    store: GraphStore,
    paths: Sequence[Path] = (),
    include_shipped: bool = True,
    mode: CacheMode = "use",
) -> StoreReadModel:
    """The read model of ``store`` with the shipped ontology (unless ``include_shipped`` is
    False) and ``paths``: from the store folder's cache when it is up to date, else built
    from the store (and cached, unless ``mode`` is "off").

    Raises :class:`~competency_graph.errors.InputError` when the files or the store cannot
    be read, as building without a cache does; a cache problem is only logged.
    """
    started = time.perf_counter()
    folder, no_cache = _cache_folder(store, mode)
    request = _request(paths, include_shipped)
    if folder is not None:
        for leftover in remove_abandoned(folder, CACHE_FILE):
            log.info("read model: removed %s, left by a write that was interrupted", leftover)
        why, level = "asked to rebuild it", logging.INFO
        if mode == "use":
            found, why, level = _read(folder / CACHE_FILE, request, _store_key(store))
            if found is not None:
                _freeze()
                seconds = time.perf_counter() - started
                log.info("read model: from the cache in %s (%.2f s)", store.name, seconds)
                return StoreReadModel(*found, "cache", seconds, f"read from {folder / CACHE_FILE}")
        log.log(level, "read model: %s: building it from the store %s", why, store.name)
    load_started = time.time_ns()
    loaded = load_files(paths, include_shipped)
    inputs = _inputs(loaded.files)
    index = TripleIndex.of(store, loaded.graph)
    model = build_read_model_from_index(index)
    rules = read_rules(index.as_graph())
    del index
    seconds = time.perf_counter() - started
    log.info("read model: built from %s in %.1f s", store.name, seconds)
    if folder is None:
        outcome = no_cache
    else:
        unsafe = _changed_since(loaded.files, load_started, inputs, store)
        if unsafe is None:
            header = {**request, "store": _store_key(store), "inputs": inputs, "built": seconds}
            outcome = _write(folder, header, (loaded, model, rules))
        else:
            outcome = f"not written: {unsafe}"
            log.info("read model: not cached: %s", unsafe)
    _freeze()
    return StoreReadModel(loaded, model, rules, "store", seconds, outcome)


# -- the key ----------------------------------------------------------------------------------
def _cache_folder(store: GraphStore, mode: CacheMode) -> tuple[Path | None, str]:
    """The folder the cache lives in, or None and why there is none."""
    if mode == "off":
        return None, "off (--read-model-cache off)"
    if not isinstance(store, OxigraphStore) or store.folder is None:
        return None, f"none: {store.name} is not a store folder (nothing to fingerprint)"
    if store.fingerprint is None:
        log.warning("read model: no cache: the store changed while it was being opened")
        return None, "none: the store changed while it was being opened"
    return store.folder, ""


def _store_key(store: GraphStore) -> str | None:
    return store.fingerprint if isinstance(store, OxigraphStore) else None


def _request(paths: Sequence[Path], include_shipped: bool) -> dict[str, Any]:
    """What is loaded with the store, and what the cache must have been built from."""
    named = ([str(entry_file())] if include_shipped else []) + [str(p) for p in paths]
    relative = any(not Path(p).is_absolute() for p in named)
    return {
        "format": FORMAT,
        "code": _code(),
        "shipped": include_shipped,
        "paths": named,
        # relative paths name other files from another folder
        "cwd": str(Path.cwd()) if relative else None,
    }


@cache
def _code() -> dict[str, str]:
    """The versions the cache depends on, and a digest of the modules that build it."""
    package = Path(__file__).resolve().parents[1]
    sha = hashlib.sha256()
    for name in BUILDING_MODULES:
        sha.update(name.encode("utf-8") + b"\0" + (package / name).read_bytes())
    return {
        "competency-graph": __version__,
        "source": sha.hexdigest(),
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "rdflib": rdflib.__version__,
        "pyoxigraph": pyoxigraph.__version__,
    }


def _inputs(files: Iterable[Path]) -> dict[str, str | None]:
    """SHA-256 of every loaded file and of the catalog beside it (None: absent)."""
    found: dict[str, str | None] = {}
    for path in files:
        found[str(path)] = _sha256(path)
        catalog = path.resolve().parent / CATALOG_FILE
        found.setdefault(str(catalog), _sha256(catalog))
    return found


def _sha256(path: Path) -> str | None:
    """The file's SHA-256; None when it does not exist. The names come from the cache's
    header too, so only a regular file is read (a pipe or a device named there would hang)."""
    if not path.exists():
        return None
    try:
        with open_input(path) as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except InputError as exc:  # not a regular file, unreadable: never what was cached
        return f"unreadable: {exc.message}"


def _changed_since(
    files: Sequence[Path], load_started_ns: int, inputs: dict[str, str | None], store: GraphStore
) -> str | None:
    """Why a model built from ``files`` and ``store`` may not match what they hold now
    (so it must not be cached), or None."""
    for path in files:
        for checked in (path, path.resolve().parent / CATALOG_FILE):
            try:
                modified = checked.stat().st_mtime_ns
            except FileNotFoundError:
                continue
            # modified during the load, or so shortly before it that a coarse clock hides it
            if modified >= load_started_ns - _RACY_NS:
                return f"{checked} was modified while the model was built"
    if _inputs(files) != inputs:
        return "a loaded file changed while the model was built"
    folder = store.folder if isinstance(store, OxigraphStore) else None
    if folder is None or folder_fingerprint(folder) != _store_key(store):
        return "the store changed since it was opened"
    return None


# -- reading ----------------------------------------------------------------------------------
Payload = tuple[LoadedGraph, ReadModel, dict[str, Rule]]


def _read(
    file: Path, request: dict[str, Any], store: str | None
) -> tuple[Payload | None, str, int]:
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
            stale = _stale(header, request, store)
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
        payload = _unpickle(data)
    except Exception as exc:  # any failure to decode means: build it again
        return _unreadable(file, f"{type(exc).__name__}: {exc}")
    return payload, "", logging.INFO


def _stale(header: Any, request: dict[str, Any], store: str | None) -> str | None:
    """Why a cache with ``header`` does not answer ``request`` over ``store``, or None."""
    if not isinstance(header, dict):
        return "no header"
    if header.get("format") != request["format"] or header.get("code") != request["code"]:
        return "written by another version of competency-graph"
    if header.get("store") != store:
        return "the store changed"
    if any(header.get(k) != request[k] for k in ("shipped", "paths", "cwd")):
        return "other files are loaded with the store"
    inputs = header.get("inputs")
    if not isinstance(inputs, dict):
        return "no record of the loaded files"
    for name, digest in inputs.items():
        if _sha256(Path(name)) != digest:
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


def _unpickle(data: bytes) -> Payload:
    enabled = gc.isenabled()
    gc.disable()  # nothing to collect among 1M new objects: scanning them would triple the time
    try:
        found = _ModelUnpickler(io.BytesIO(data)).load()
    finally:
        if enabled:
            gc.enable()
    triples, files, locations, model, rules = found
    if not isinstance(model, ReadModel) or not isinstance(rules, dict):
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
        model,
        rules,
    )
    data = pickle.dumps(flat, protocol=pickle.HIGHEST_PROTOCOL)
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
    size = len(data) / 1e6
    seconds = time.perf_counter() - started
    log.info("read model: cached in %s (%.0f MB, %.1f s)", target, size, seconds)
    return f"written to {target}"
