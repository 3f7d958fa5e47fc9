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

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from competency_graph.graph.files import LoadedGraph, load_graph, new_graph
from competency_graph.graph.stats import GraphStats, compute_stats
from competency_graph.graph.store import GraphStore, TripleIndex, open_store

#: where ``--sparql-user``'s password is read from (never from the command line)
PASSWORD_VARIABLE = "COMPETENCY_GRAPH_SPARQL_PASSWORD"

F = TypeVar("F", bound=Callable[..., Any])


def store_options(command: F) -> F:
    """The options that name a store: ``--store`` or ``--sparql-endpoint`` (with update
    URL and user; the password comes from :data:`PASSWORD_VARIABLE`)."""
    options = [
        click.option(
            "--store",
            "store_path",
            type=click.Path(path_type=Path, file_okay=False),
            help="Also read this on-disk store (made by `competency-graph import esco`).",
        ),
        click.option(
            "--sparql-endpoint",
            metavar="URL",
            help="Also read a SPARQL 1.1 endpoint (its query URL).",
        ),
        click.option(
            "--sparql-update-endpoint",
            metavar="URL",
            help="The endpoint's update URL (only needed to write).",
        ),
        click.option(
            "--sparql-user",
            metavar="USER",
            help=f"Basic-auth user for the endpoint (password: ${PASSWORD_VARIABLE}).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def store_from_options(
    store_path: Path | None,
    sparql_endpoint: str | None,
    sparql_update_endpoint: str | None,
    sparql_user: str | None,
) -> GraphStore | None:
    """The store the options name, or None."""
    return open_store(
        store_path,
        sparql_endpoint,
        sparql_update_endpoint,
        sparql_user,
        os.environ.get(PASSWORD_VARIABLE) if sparql_user is not None else None,
    )


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
