"""The ``competency-graph`` command group: every command registered in one place.

A command lives in its own module of this package (one per command or family) and is
registered below; the options it shares with the others come from
:mod:`competency_graph.cli.options`, which also holds the exit codes: 0 success, 1
violations (``check``), 2 usage or input error, printed as one located line, never a
traceback. Library modules never import this package.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping, Sequence

import click

from competency_graph import __version__
from competency_graph.cli.options import Group

#: every command, in the order `--help` and docs/cli.md list them: its name and where it is
#: defined (``module:attribute``). A command's module is imported when the command is first
#: asked for: `serve` does not wait for the checker's command line, nor `check` for the
#: server's (a quarter of a second of imports each).
COMMANDS: dict[str, str] = {
    "check": "competency_graph.cli.check:check",
    "stats": "competency_graph.cli.stats:stats",
    "rules": "competency_graph.cli.rules:rules",
    "serve": "competency_graph.cli.serve:serve",
    "export-sdl": "competency_graph.cli.serve:export_sdl",
    "new-token": "competency_graph.cli.serve:new_token",
    "render": "competency_graph.cli.documents:render",
    "convert": "competency_graph.cli.convert:convert",
    "export-vacancy": "competency_graph.cli.documents:export_vacancy",
    "import-vacancy": "competency_graph.cli.documents:import_vacancy",
    "picture": "competency_graph.cli.documents:picture",
    "import": "competency_graph.cli.importing:import_group",
}


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name, each imported from where :data:`COMMANDS` says the first
    time it is asked for (click reads a group's ``commands`` as this mapping)."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = dict(where)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        found = self._loaded.get(name)
        if found is None:
            module, _, attribute = self._where[name].partition(":")  # KeyError: no such command
            found = self._loaded[name] = getattr(importlib.import_module(module), attribute)
        return found

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._where.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._where[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="competency-graph")
def cli() -> None:
    """Role-and-competency knowledge graph for HR: check, query and serve it.

    Every command takes its input files as arguments (RDF files or YAML/JSON job
    descriptions) and reads them with the shipped ontology, or with the one in
    --ontology DIR, or alone with --no-ontology. --lang is ru unless told otherwise.
    Exit codes: 0 success, 1 violations, 2 usage or input error. Reference: docs/cli.md.
    """


cli.commands = LazyCommands(COMMANDS)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="competency-graph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
