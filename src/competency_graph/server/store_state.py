"""A served snapshot whose read model indexes the loaded files and a store (``serve --store``).

Kept apart from :mod:`competency_graph.graph.source` so that the command line does not import the
server's modules until ``serve`` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.source import with_store
from competency_graph.graph.stores import GraphStore
from competency_graph.model.cache import CacheMode, StoreReadModel, store_read_model
from competency_graph.server.state import Snapshot


class StoreSnapshot(Snapshot):
    """A served snapshot whose read model indexes the loaded files and a store.

    The read model comes from the store folder's cache when it is up to date
    (:mod:`competency_graph.model.cache`). The checker (check queries, the reload gate) reads
    the store's triples into its own in-memory oxigraph store on first use; only an unsaved
    job description checked with ``checkJobDescription`` gets an rdflib copy of it all.
    """

    def __init__(self, prepared: StoreReadModel, store: GraphStore) -> None:
        self.store = store
        self.prepared = prepared
        super().__init__(prepared.loaded, model=prepared.model)
        self.rules = prepared.rules  # the store may hold rules too

    def checked_graph(self) -> LoadedGraph:
        return self._with_store

    @cached_property
    def _checker(self) -> Any:
        # the checker bulk-loads the store into its own oxigraph store: no rdflib copy
        from competency_graph.checking.engine import Checker

        return Checker(self._loaded, store=self.store)

    @cached_property
    def _with_store(self) -> LoadedGraph:
        return with_store(self._loaded, self.store)

    def read_model_origin(self) -> dict[str, Any]:
        return {"store": self.store.name, **self.prepared.as_json()}

    def origin_note(self) -> str:
        found = self.prepared
        where = "its cache" if found.source == "cache" else "the store"
        return f" (read model from {where}: {found.seconds:.1f} s)"


def snapshot_maker(
    paths: Sequence[Path], include_shipped: bool, store: GraphStore, cache: CacheMode = "use"
) -> Callable[[], Snapshot]:
    """What :class:`~competency_graph.server.state.GraphState` calls to load a snapshot.

    ``cache``: how the read-model cache in the store folder is used (see
    :data:`~competency_graph.model.cache.CacheMode`); "rebuild" applies to the first load
    only, reloads use the cache again.
    """
    mode = cache

    def make() -> Snapshot:
        nonlocal mode
        prepared = store_read_model(store, paths, include_shipped, mode)
        mode = "use" if mode == "rebuild" else mode
        return StoreSnapshot(prepared, store)

    return make
