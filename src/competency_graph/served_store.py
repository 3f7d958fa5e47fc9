"""A served snapshot whose read model indexes the loaded files and a store (``serve --store``).

Kept apart from :mod:`competency_graph.stored` so that the command line does not import the
server's modules until ``serve`` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from competency_graph.graphstate import Snapshot
from competency_graph.loading import LoadedGraph
from competency_graph.readmodel import ReadModel, build_read_model_from_store
from competency_graph.store import GraphStore
from competency_graph.stored import load_files, with_store


class StoreSnapshot(Snapshot):
    """A served snapshot whose read model indexes the loaded files and a store.

    The checker (check queries, the reload gate) gets the store's triples on first use.
    """

    def __init__(self, loaded: LoadedGraph, store: GraphStore) -> None:
        self.store = store
        model: ReadModel = build_read_model_from_store(store, loaded.graph)
        super().__init__(loaded, model=model)

    @cached_property
    def _checker(self) -> Any:
        from competency_graph.checking.engine import Checker

        return Checker(with_store(self._loaded, self.store))


def snapshot_maker(
    paths: Sequence[Path], include_shipped: bool, store: GraphStore
) -> Callable[[], Snapshot]:
    """What :class:`~competency_graph.graphstate.GraphState` calls to load a snapshot."""

    def make() -> Snapshot:
        return StoreSnapshot(load_files(paths, include_shipped), store)

    return make
