"""``competency-graph stats``: how many positions, duties, skills... the graph holds."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from competency_graph.cli.options import (
    GraphInputs,
    StoreOptions,
    graph_inputs,
    store_options,
    table_format_option,
)
from competency_graph.graph.stats import compute_stats


@click.command()
@graph_inputs
@table_format_option
@store_options
def stats(inputs: GraphInputs, output_format: str, store: StoreOptions) -> None:
    """Count positions, duties, skills and the other concepts in the graph.

    With no PATHS, the shipped ontology; with PATHS (RDF files or YAML/JSON job
    descriptions), those files together with it; with --store or --sparql-endpoint, that
    store too.

    \b
    Examples:
      competency-graph stats examples/vacancies/seed-000-vacancies.ttl
      competency-graph stats --store esco.store
    """
    opened = store.open()
    if opened is None:
        loaded = inputs.load()
        result = compute_stats(loaded.graph)
        title = f"{len(loaded.files)} files, {result.triples} triples"
    else:
        from competency_graph.graph.source import store_stats

        loaded = inputs.load_beside_store()
        result = store_stats(loaded, opened)
        title = f"{len(loaded.files)} files + store, {result.triples} triples"
    if output_format == "json":
        click.echo(json.dumps({"triples": result.triples, **result.counts}, indent=2))
        return
    table = Table(title=title, title_justify="left")
    table.add_column("Concept")
    table.add_column("Count", justify="right")
    for name, count in result.rows():
        table.add_row(name, str(count))
    Console(width=100).print(table)
