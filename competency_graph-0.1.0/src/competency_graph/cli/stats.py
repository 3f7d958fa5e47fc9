"""``competency-graph stats``: how many positions, duties, skills... the graph holds."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

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
from competency_graph.graph.ontology import OntologyLocation, locate_ontology


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
    source = inputs.source(store.open())
    loaded = source.load()
    result = source.stats(loaded)
    files = f"{len(loaded.files)} files" + (" + store" if source.store is not None else "")
    title = f"{files}, {result.triples} triples"
    ontology = locate_ontology() if inputs.include_shipped else None
    if output_format == "json":
        where = {"ontology": ontology.as_json() if ontology is not None else None}
        click.echo(json.dumps({"triples": result.triples, **result.counts, **where}, indent=2))
        return
    click.echo(f"ontology: {_shown(ontology) if ontology else 'not loaded (--no-ontology)'}")
    table = Table(title=title, title_justify="left")
    table.add_column("Concept")
    table.add_column("Count", justify="right")
    for name, count in result.rows():
        table.add_row(name, str(count))
    Console(width=100).print(table)


def _shown(location: OntologyLocation) -> str:
    """The location for people: relative to the current folder when inside it."""
    path = location.path
    with contextlib.suppress(ValueError):
        path = path.relative_to(Path.cwd())
    return f"{path} ({location.reason})"
