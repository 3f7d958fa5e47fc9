"""A served snapshot whose read model indexes the loaded files and a store (``serve --store``).

Kept apart from :mod:`competency_graph.stored` so that the command line does not import the
server's modules until ``serve`` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from competency_graph.checking.rules import read_rules
from competency_graph.graphstate import Snapshot
from competency_graph.loading import LoadedGraph
from competency_graph.readmodel import build_read_model_from_index
from competency_graph.store import GraphStore, TripleIndex
from competency_graph.stored import load_files, with_store


class StoreSnapshot(Snapshot):
    """A served snapshot whose read model indexes the loaded files and a store.

    The checker (check queries, the reload gate) gets the store's triples on first use.
    """

    def __init__(self, loaded: LoadedGraph, store: GraphStore) -> None:
        self.store = store
        index = TripleIndex.of(store, loaded.graph)
        super().__init__(loaded, model=build_read_model_from_index(index))
        self.rules = read_rules(index.as_graph())  # the store may hold rules too

    def checked_graph(self) -> LoadedGraph:
        return self._with_store

    @cached_property
    def _with_store(self) -> LoadedGraph:
        return with_store(self._loaded, self.store)


def snapshot_maker(
    paths: Sequence[Path], include_shipped: bool, store: GraphStore
) -> Callable[[], Snapshot]:
    """What :class:`~competency_graph.graphstate.GraphState` calls to load a snapshot."""

    def make() -> Snapshot:
        return StoreSnapshot(load_files(paths, include_shipped), store)

    return make
