"""Where the triples the product reads are kept: the store interface and its back ends.

A :class:`GraphStore` is one place triples live. The back ends, one module each, imported
only when first used (as rdflib's store plugins are):

- :mod:`.rdflib`: an rdflib graph in memory (:class:`~.rdflib.RdflibStore`);
- :mod:`.oxigraph`: a pyoxigraph store, in memory or in a folder on disk
  (:class:`~.oxigraph.OxigraphStore`: what ``competency-graph import esco`` writes; reopening
  it takes milliseconds). The checker's working store is one too;
- :mod:`.sparql`: any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso,
  Neptune), with a query URL, an optional update URL and optional basic-auth credentials
  (:class:`~.sparql.SparqlEndpoint`).

:func:`open_store` opens one by kind (:data:`BACK_ENDS`), so a new kind of store is one
module here and one line in that table.

The read model never queries a store per request: :meth:`GraphStore.triples` hands over every
triple in one bulk read (one pattern scan, or one ``CONSTRUCT`` over HTTP, so blank nodes
keep one identity), and :class:`~competency_graph.graph.index.TripleIndex` indexes them once
for the read model. A check of one unsaved job description reads only what it touches,
through a few :meth:`GraphStore.construct` queries (:mod:`competency_graph.checking.focus`).
This package is the only code that talks SPARQL to a store; it never
pastes user strings into a query: the queries it is given are built from the ontology and
the shapes, and data is written term by term by a serialiser.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.terms import Triple

if TYPE_CHECKING:
    from competency_graph.graph.stores.oxigraph import OxigraphStore

__all__ = [
    "BACK_ENDS",
    "OWN_FILE_PREFIX",
    "GraphStore",
    "Triple",
    "back_end",
    "graph_update",
    "open_store",
]

#: files the product keeps in a store folder (the read-model cache) start with this; they are
#: not part of the store (oxigraph's RocksDB leaves files it does not know alone)
OWN_FILE_PREFIX = "competency-graph."

#: kind of store -> the module and class of its back end, imported on first use; each
#: class has an ``open(location, **options)`` class method
BACK_ENDS: dict[str, tuple[str, str]] = {
    "oxigraph": (f"{__name__}.oxigraph", "OxigraphStore"),
    "sparql": (f"{__name__}.sparql", "SparqlEndpoint"),
}


class GraphStore(ABC):
    """Where the triples the product reads are kept."""

    #: how the store is named in messages and ``/healthz`` (a path or a URL, no credentials)
    name: str = ""
    #: a digest of what the store held when it was opened, for a store that can tell
    #: without being read (a store folder); None otherwise. The read-model cache is keyed
    #: on it.
    fingerprint: str | None = None
    #: the folder the product may keep its own files in beside the store (the read-model
    #: cache, named with :data:`OWN_FILE_PREFIX`), or None
    folder: Path | None = None

    @abstractmethod
    def triples(self) -> Iterator[Triple]:
        """Every triple of the default graph and the named graphs together, in one bulk read."""

    @abstractmethod
    def select(self, query: str) -> list[dict[str, Node]]:
        """Run a SELECT query; rows map the bound variables' names to rdflib terms."""

    def construct(self, query: str) -> Iterator[Triple]:
        """The triples a CONSTRUCT query makes, in one read (blank nodes keep one identity
        within it). A focused check reads what it needs of a store this way."""
        raise InputError(f"this store cannot answer CONSTRUCT queries: {self.name}")

    def construct_into(self, query: str, target: OxigraphStore) -> int:
        """Add the triples of a CONSTRUCT query to ``target``; returns how many there were
        (the back ends that parse into oxigraph terms hand them over without rdflib's)."""
        found = list(self.construct(query))
        target.bulk_add(found)
        return len(found)

    @abstractmethod
    def insert(self, graph: Graph) -> None:
        """Add the triples of ``graph`` (all or nothing)."""

    def replace_graph(self, name: str, graph: Graph | None) -> None:
        """Make the named graph ``name`` hold exactly the triples of ``graph`` (None: remove
        it), in one update: readers see the old triples or the new ones, never a mix.

        This is how the server writes a job description through a store (one named graph
        per position: :mod:`competency_graph.server.editing`); every read of a store sees
        its default graph and its named graphs together. A store that cannot be written
        says why (an :class:`~competency_graph.errors.InputError`)."""
        raise InputError(f"this store cannot be written: {self.name}")

    def named_graph(self, name: str) -> Graph:
        """The triples of the named graph ``name`` (empty when there is none)."""
        graph = Graph()
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri(name)} {{ ?s ?p ?o }} }}"
        for triple in self.construct(query):
            graph.add(triple)
        return graph

    def current_fingerprint(self) -> str | None:
        """The :attr:`fingerprint` the store has now (None: it cannot tell)."""
        return None

    def load_into(self, target: OxigraphStore) -> None:
        """Bulk-load every triple of this store into ``target`` (the checker's working
        store), the fastest way this back end has."""
        target.bulk_add(self.triples())

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(str(rows[0]["n"])) if rows else 0


def graph_update(name: str, graph: Graph | None) -> str:
    """The SPARQL Update that makes the named graph ``name`` hold the triples of ``graph``
    (None: drops it): one request, so one transaction in the stores that have them.

    The data is N-Triples written by rdflib's serialiser (every term escaped); ``name`` is an
    IRI the product makes, checked here all the same."""
    drop = f"DROP SILENT GRAPH {_iri(name)}"
    if graph is None:
        return drop
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return f"{drop} ;\nINSERT DATA {{ GRAPH {_iri(name)} {{\n{data}\n}} }}"


def _iri(name: str) -> str:
    """``<name>`` for a query, refusing a name that could end the IRI early."""
    if not name or any(c in name for c in '<>"{}|^`\\ \n\t'):
        raise InputError(f"not a usable graph name: {name!r}")
    return f"<{name}>"


def back_end(kind: str) -> Callable[..., GraphStore]:
    """The ``open`` of the back end for ``kind`` (a key of :data:`BACK_ENDS`), imported now."""
    found = BACK_ENDS.get(kind)
    if found is None:
        known = ", ".join(sorted(BACK_ENDS))
        raise InputError(f"unknown kind of store {kind!r} (known: {known})")
    module, name = found
    opener: Callable[..., GraphStore] = getattr(importlib.import_module(module), name).open
    return opener


def open_store(kind: str, location: str | Path, **options: Any) -> GraphStore:
    """Open the store of ``kind`` at ``location`` (a folder, a URL), with the back end's
    ``options``: ``open_store("oxigraph", "esco.store")``,
    ``open_store("sparql", url, update_url=..., user=..., password=...)``."""
    return back_end(kind)(location, **options)
