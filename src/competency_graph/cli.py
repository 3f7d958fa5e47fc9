"""The ``competency-graph`` command line: a thin layer over the library.

Exit codes: 0 success (or no violations at or above ``--fail-on``), 1 violations,
2 usage or input error. Library errors become one clean line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from competency_graph import __version__
from competency_graph.errors import InputError
from competency_graph.loading import load_graph
from competency_graph.serving import export_sdl, serve
from competency_graph.stats import compute_stats

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2


class _Group(click.Group):
    """Turns library errors into a located one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="competency-graph")
def cli() -> None:
    """Role-and-competency knowledge graph for HR: check, query and serve it."""


_paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
_no_ontology_option = click.option(
    "--no-ontology",
    is_flag=True,
    help="Do not load the shipped ontology; only the given files.",
)


@cli.command()
@_paths_argument
@_no_ontology_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def stats(paths: Sequence[Path], no_ontology: bool, output_format: str) -> None:
    """Count positions, duties, skills and the other concepts in the graph.

    With no PATHS, the shipped ontology; with PATHS, those RDF files together with it.

    \b
    Example:
      competency-graph stats examples/vacancies/seed-000-vacancies.ttl
    """
    loaded = load_graph(paths, include_shipped=not no_ontology)
    result = compute_stats(loaded.graph)
    if output_format == "json":
        click.echo(json.dumps({"triples": result.triples, **result.counts}, indent=2))
        return
    table = Table(
        title=f"{len(loaded.files)} files, {result.triples} triples", title_justify="left"
    )
    table.add_column("Concept")
    table.add_column("Count", justify="right")
    for name, count in result.rows():
        table.add_row(name, str(count))
    Console(width=100).print(table)


cli.add_command(serve)
cli.add_command(export_sdl)


from competency_graph.rendering import cli as rendering_cli  # noqa: E402

for _command in rendering_cli.COMMANDS:
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="competency-graph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
