"""The ``competency-graph`` command group: every command registered in one place.

A command lives in its own module of this package (one per command or family) and is
registered below; the options it shares with the others come from
:mod:`competency_graph.cli.options`, which also holds the exit codes: 0 success, 1
violations (``check``), 2 usage or input error, printed as one located line, never a
traceback. Library modules never import this package.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from competency_graph import __version__
from competency_graph.cli.check import check
from competency_graph.cli.convert import convert
from competency_graph.cli.documents import export_vacancy, import_vacancy, picture, render
from competency_graph.cli.importing import import_group
from competency_graph.cli.options import Group
from competency_graph.cli.rules import rules
from competency_graph.cli.serve import export_sdl, new_token, serve
from competency_graph.cli.stats import stats


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="competency-graph")
def cli() -> None:
    """Role-and-competency knowledge graph for HR: check, query and serve it.

    Every command takes its input files as arguments (RDF files or YAML/JSON job
    descriptions) and reads them with the shipped ontology, or with the one in
    --ontology DIR, or alone with --no-ontology. --lang is ru unless told otherwise.
    Exit codes: 0 success, 1 violations, 2 usage or input error. Reference: docs/cli.md.
    """


#: every command, in the order `--help` and docs/cli.md list them
COMMANDS: tuple[click.Command, ...] = (
    check,
    stats,
    rules,
    serve,
    export_sdl,
    new_token,
    render,
    convert,
    export_vacancy,
    import_vacancy,
    picture,
    import_group,
)
for _command in COMMANDS:
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="competency-graph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
