"""A pyoxigraph store, in memory or in a folder on disk.

``competency-graph import esco`` writes one to a folder (RocksDB); reopening it read-only
takes milliseconds. The checker bulk-loads the loaded files and any store into an
in-memory one (:meth:`OxigraphStore.in_memory`) and runs its compiled constraints there,
through the few operations below that the other back ends do not need: bulk adds,
pattern reads and ``CONSTRUCT``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.stores import OWN_FILE_PREFIX, GraphStore, graph_update
from competency_graph.graph.terms import Terms, Triple, solution_rows, to_oxigraph

_DEFAULT_GRAPH = ox.DefaultGraph()


class OxigraphStore(GraphStore):
    """A pyoxigraph store, in memory or on disk.

    A store opened from disk knows its ``folder`` and the :func:`folder_fingerprint` the
    folder had when it was opened (None when the folder changed while it was being opened):
    what the read-model cache is keyed on.
    """

    def __init__(
        self,
        store: ox.Store,
        name: str = "oxigraph (in memory)",
        folder: Path | None = None,
        fingerprint: str | None = None,
    ) -> None:
        self._store = store
        self.name = name
        self.read_only = False
        # a store folder may hold named graphs (job descriptions written through the
        # server) read together with its default graph; the checker's working store, in
        # memory, has a default graph only and its queries skip the union's extra step
        self._union = folder is not None
        self._graphs: ox.DefaultGraph | None = None if self._union else _DEFAULT_GRAPH
        self.folder = folder
        self.fingerprint = fingerprint

    @classmethod
    def open(cls, location: str | Path, read_only: bool = True) -> OxigraphStore:
        """Open the store folder at ``location`` (``import esco`` makes one)."""
        path = Path(location)
        if not path.is_dir() or not (path / "CURRENT").is_file():
            reason = "no such store" if not path.exists() else "not an oxigraph store folder"
            raise InputError(f"{reason} (make one with `competency-graph import esco`)", path)
        before = folder_fingerprint(path)
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise InputError(f"cannot open the store: {exc}", path) from None
        # a read-only open changes no file: equal fingerprints mean nobody wrote meanwhile
        if read_only:
            after = folder_fingerprint(path)
            fingerprint = before if before == after else None
        else:  # opening to write touches the folder's files: what they are now is the key
            fingerprint = folder_fingerprint(path)
        opened = cls(store, str(path), path, fingerprint)
        opened.read_only = read_only
        return opened

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        """A new empty store in memory."""
        return cls(ox.Store())

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphStore:
        """An in-memory store holding the triples of ``graph``."""
        found = cls.in_memory()
        found.insert(graph)
        return found

    # -- the store interface -------------------------------------------------------------
    def triples(self) -> Iterator[Triple]:
        terms = Terms()
        for quad in self._store.quads_for_pattern(None, None, None, self._graphs):
            yield terms.triple(quad.subject, quad.predicate, quad.object)

    def select(self, query: str) -> list[dict[str, Node]]:
        solutions = self._store.query(query, use_default_graph_as_union=self._union)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError(f"not a SELECT query: {query[:80]!r}")
        return solution_rows(solutions)

    def insert(self, graph: Graph) -> None:
        data = graph.serialize(format="nt", encoding="utf-8")
        self._store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def replace_graph(self, name: str, graph: Graph | None) -> None:
        if self.read_only:
            raise InputError("the store was opened read-only: it cannot be written", self.name)
        self._store.update(graph_update(name, graph))
        if self.folder is not None:
            self._store.flush()
            # our own write: the read model rebuilt from the store now is keyed on it
            self.fingerprint = folder_fingerprint(self.folder)

    def current_fingerprint(self) -> str | None:
        return folder_fingerprint(self.folder) if self.folder is not None else None

    def load_into(self, target: OxigraphStore) -> None:
        # oxigraph terms straight into the bulk loader: no rdflib term per triple (and
        # faster than a dump to N-Triples parsed again: 5.9 s against 7.1 s for ESCO); the
        # named graphs (job descriptions written through the server) join the default one
        if self._union and next(iter(self._store.named_graphs()), None) is not None:
            target.bulk_extend(
                ox.Quad(q.subject, q.predicate, q.object, _DEFAULT_GRAPH)
                for q in self._store.quads_for_pattern(None, None, None, None)
            )
        else:
            target.bulk_extend(self._store.quads_for_pattern(None, None, None, _DEFAULT_GRAPH))

    def __len__(self) -> int:
        return len(self._store)

    # -- what the checker's working store does besides -----------------------------------
    def bulk_add(self, triples: Iterable[Triple]) -> None:
        """Add rdflib triples through the bulk loader (not atomic: for a store being built)."""
        terms = Terms()
        self._store.bulk_extend(terms.quad(triple) for triple in triples)

    def bulk_extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add oxigraph quads through the bulk loader (not atomic: for a store being built)."""
        self._store.bulk_extend(quads)

    def match(
        self, subject: Node | None, predicate: Node | None, obj: Node | None
    ) -> Iterator[Triple]:
        """The triples matching a pattern (None: any term), of every graph of a store folder."""
        if isinstance(subject, Literal) or not isinstance(predicate, URIRef | None):
            return  # a literal is never a subject, only an IRI a predicate
        found = self._store.quads_for_pattern(
            cast(ox.NamedNode | ox.BlankNode | None, _pattern(subject)),
            cast(ox.NamedNode | None, _pattern(predicate)),
            _pattern(obj),
            self._graphs,
        )
        terms = Terms()
        for quad in found:
            yield terms.triple(quad.subject, quad.predicate, quad.object)

    def construct(self, query: str) -> Iterator[Triple]:
        """The triples a CONSTRUCT query makes (over every graph)."""
        found = self._store.query(query, use_default_graph_as_union=self._union)
        if not isinstance(found, ox.QueryTriples):
            raise TypeError(f"not a CONSTRUCT query: {query[:80]!r}")
        terms = Terms()
        for triple in found:
            yield terms.triple(triple.subject, triple.predicate, triple.object)

    def construct_into(self, query: str, target: OxigraphStore) -> int:
        found = self._store.query(query, use_default_graph_as_union=self._union)
        if not isinstance(found, ox.QueryTriples):
            raise TypeError(f"not a CONSTRUCT query: {query[:80]!r}")
        quads = [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT_GRAPH) for t in found]
        target.bulk_extend(quads)
        return len(quads)


def _pattern(node: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    return None if node is None else to_oxigraph(node)


def folder_fingerprint(folder: Path) -> str:
    """A digest of the name, size and modification time (ns) of every file in ``folder``
    (and below), leaving out the product's own files (:data:`OWN_FILE_PREFIX`, hidden or not).

    Opening an oxigraph store read-only changes none of these; every write through
    oxigraph appends to a log file or makes new files, so changes a size or a name even on
    file systems with coarse modification times.
    """
    listing = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            if name.lstrip(".").startswith(OWN_FILE_PREFIX):  # the cache, or its temporary file
                continue
            path = Path(root, name)
            try:
                found = path.stat()
            except FileNotFoundError:  # removed while listing (a compaction): still a change
                continue
            relative = path.relative_to(folder).as_posix()
            listing.append(f"{relative}\t{found.st_size}\t{found.st_mtime_ns}")
    return hashlib.sha256("\n".join(listing).encode("utf-8")).hexdigest()
