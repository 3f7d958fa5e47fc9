"""Where the product's triples come from: one :class:`Source` for the commands, the checker,
the read-model cache and the server.

A source is the shipped ontology (or not), the files given (RDF; with the commands' reader,
YAML/JSON job descriptions too), and optionally a store (a store folder, a SPARQL endpoint:
:mod:`competency_graph.graph.stores`) holding the bulk data: ESCO, or a company's own
positions kept in a triple store. It answers

- **which triples**: :meth:`Source.load` reads the files (with the line each entity is
  defined on); the store is read in bulk when a view needs it;
- **which view**: the files alone as an rdflib graph (what the product has always read);
  files and store indexed together (:meth:`Source.index`: the read model, the counts). The
  checker bulk-loads the store beside the files into its own in-memory oxigraph store
  (:meth:`~competency_graph.graph.stores.GraphStore.load_into`), so nothing makes an rdflib
  copy of a store;
- **which fingerprint**: :meth:`Source.key` (what is asked for, and the store's
  fingerprint) and :func:`file_digests` (what the files held), on which the read-model cache
  is keyed, and :meth:`Source.changed_since` (whether something changed while it was read).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_graph, new_graph
from competency_graph.graph.index import TripleIndex
from competency_graph.graph.ontology import CATALOG_FILE, entry_file
from competency_graph.graph.stats import GraphStats, compute_stats
from competency_graph.graph.stores import GraphStore
from competency_graph.reading import open_input

# a file modified this close to (or after) the start of a load may have changed while it was
# read, even where modification times are coarse
_RACY_NS = 2_000_000_000

#: how a source reads its files: (paths, include the shipped ontology?) -> the loaded graph.
#: :func:`~competency_graph.graph.files.load_graph` reads RDF; the commands and the server
#: pass :func:`~competency_graph.importers.inputs.load_inputs`, which reads YAML/JSON job
#: descriptions too (it needs the read model, a layer above this one)
Reader = Callable[[Sequence[Path], bool], LoadedGraph]


@dataclass(frozen=True)
class Source:
    """The shipped ontology (unless ``include_shipped`` is False), the files ``paths`` (read
    by ``reader``) and, optionally, a ``store``: where one graph's triples come from."""

    paths: Sequence[Path] = ()
    include_shipped: bool = True
    store: GraphStore | None = None
    reader: Reader = load_graph

    def __post_init__(self) -> None:
        # any sequence of paths or strings; kept as a tuple of paths (a frozen value)
        object.__setattr__(self, "paths", tuple(Path(p) for p in self.paths))

    def named_files(self) -> list[Path]:
        """The files asked for: the shipped ontology's entry file, then ``paths`` (the load
        follows their ``owl:imports``)."""
        return ([entry_file()] if self.include_shipped else []) + list(self.paths)

    # -- which triples, which view ---------------------------------------------------------
    def load(self) -> LoadedGraph:
        """The files (the store is read by the views that need it). No files at all is fine
        with a store (it has the data); without one it is an :class:`InputError`."""
        if self.store is not None and not self.include_shipped and not self.paths:
            return LoadedGraph(new_graph())
        return self.reader(self.paths, self.include_shipped)

    def index(self, loaded: LoadedGraph) -> TripleIndex:
        """The files ``loaded`` and every triple of the store (one bulk read), indexed once."""
        index = TripleIndex(loaded.graph)
        if self.store is not None:
            index.add_all(self.store.triples())
        return index

    def stats(self, loaded: LoadedGraph) -> GraphStats:
        """Counts per concept over the files ``loaded`` and the store together."""
        if self.store is None:
            return compute_stats(loaded.graph)
        return compute_stats(self.index(loaded).as_graph())

    # -- which fingerprint -------------------------------------------------------------------
    def key(self) -> dict[str, Any]:
        """What this source names, as the read-model cache records it: the shipped ontology
        or not, the files asked for (and the folder relative paths are read from) and the
        store's fingerprint (None: the store cannot tell without being read)."""
        named = [str(p) for p in self.named_files()]
        relative = any(not Path(p).is_absolute() for p in named)
        return {
            "shipped": self.include_shipped,
            "paths": named,
            # relative paths name other files from another folder
            "cwd": str(Path.cwd()) if relative else None,
            "store": self.store.fingerprint if self.store is not None else None,
        }

    def changed_since(
        self, loaded: LoadedGraph, load_started_ns: int, digests: dict[str, str | None]
    ) -> str | None:
        """Why what was built from ``loaded`` (whose load started at ``load_started_ns``,
        :func:`time.time_ns`, and read files with ``digests``) and the store may not match
        what they hold now, or None."""
        for path in loaded.files:
            for checked in (path, path.resolve().parent / CATALOG_FILE):
                try:
                    modified = checked.stat().st_mtime_ns
                except FileNotFoundError:
                    continue
                # modified during the load, or so shortly before it that a coarse clock hides it
                if modified >= load_started_ns - _RACY_NS:
                    return f"{checked} was modified while the model was built"
        if file_digests(loaded.files) != digests:
            return "a loaded file changed while the model was built"
        if self.store is not None:
            now = self.store.current_fingerprint()
            if now is None or now != self.store.fingerprint:
                return "the store changed since it was opened"
        return None


def file_digests(files: Sequence[Path]) -> dict[str, str | None]:
    """SHA-256 of every file and of the catalog beside it (which decides where imports
    resolve); None: absent."""
    found: dict[str, str | None] = {}
    for path in files:
        found[str(path)] = file_digest(path)
        catalog = path.resolve().parent / CATALOG_FILE
        found.setdefault(str(catalog), file_digest(catalog))
    return found


def file_digest(path: Path) -> str | None:
    """SHA-256 of the file at ``path``; None when it does not exist. The names come from the
    read-model cache's header too, so only a regular file is read (a pipe or a device named
    there would hang)."""
    if not path.exists():
        return None
    try:
        with open_input(path) as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except InputError as exc:  # not a regular file, unreadable: never what was cached
        return f"unreadable: {exc.message}"
