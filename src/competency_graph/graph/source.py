"""Reading, checking and serving a graph kept in a store (``--store`` / ``--sparql-endpoint``).

The shipped ontology (and any files given) is loaded as always; the store adds the bulk
data (ESCO, or a company's own positions kept in a triple store). The read model indexes
both at once (:func:`competency_graph.model.readmodel.build_read_model_from_store`); the checker
bulk-loads both into one in-memory oxigraph store (``Checker(loaded, store=...)``).
:func:`with_store` makes an rdflib copy of it all, which only checking an unsaved job
description against a served store still needs. Serving a store:
:mod:`competency_graph.server.store_state`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from competency_graph.graph.files import LoadedGraph, load_graph, new_graph
from competency_graph.graph.index import TripleIndex
from competency_graph.graph.stats import GraphStats, compute_stats
from competency_graph.graph.stores import GraphStore


def load_files(paths: Sequence[Path], include_shipped: bool) -> LoadedGraph:
    """The shipped ontology and ``paths`` (nothing at all is fine: the store has the data)."""
    if not paths and not include_shipped:
        return LoadedGraph(new_graph())
    return load_graph(paths, include_shipped=include_shipped)


def with_store(loaded: LoadedGraph, store: GraphStore) -> LoadedGraph:
    """``loaded`` with every triple of ``store`` added, as one rdflib graph (for the checker)."""
    graph = new_graph()
    graph += loaded.graph
    graph.addN((s, p, o, graph) for s, p, o in store.triples())
    return LoadedGraph(graph, list(loaded.files), dict(loaded.locations))


def store_stats(loaded: LoadedGraph, store: GraphStore) -> GraphStats:
    """Counts per concept over the loaded files and the store together."""
    return compute_stats(TripleIndex.of(store, loaded.graph).as_graph())
