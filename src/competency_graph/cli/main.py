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
from competency_graph.checking.engine import Checker
from competency_graph.checking.formats import FORMATS, render
from competency_graph.checking.report import Severity
from competency_graph.checking.rules import read_rules, rule_infos
from competency_graph.cli.serve import export_sdl, serve
from competency_graph.errors import InputError
from competency_graph.graph.files import load_graph
from competency_graph.graph.source import (
    load_files,
    store_from_options,
    store_options,
    store_stats,
)
from competency_graph.graph.stats import compute_stats
from competency_graph.importers.inputs import load_inputs
from competency_graph.namespaces import compact_id, expand_id

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
            for more in exc.more:
                click.echo(f"error: {more}", err=True)
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

_table_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table for people; json: for scripts.",
)


@cli.command()
@_paths_argument
@_no_ontology_option
@_table_format_option
@store_options
def stats(
    paths: Sequence[Path],
    no_ontology: bool,
    output_format: str,
    store_path: Path | None,
    sparql_endpoint: str | None,
    sparql_update_endpoint: str | None,
    sparql_user: str | None,
) -> None:
    """Count positions, duties, skills and the other concepts in the graph.

    With no PATHS, the shipped ontology; with PATHS, those RDF files together with it;
    with --store or --sparql-endpoint, that store too.

    \b
    Example:
      competency-graph stats examples/vacancies/seed-000-vacancies.ttl
      competency-graph stats --store esco.store
    """
    store = store_from_options(store_path, sparql_endpoint, sparql_update_endpoint, sparql_user)
    if store is None:
        loaded = load_graph(paths, include_shipped=not no_ontology)
        result = compute_stats(loaded.graph)
        title = f"{len(loaded.files)} files, {result.triples} triples"
    else:
        loaded = load_files(paths, include_shipped=not no_ontology)
        result = store_stats(loaded, store)
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


_FAIL_ON = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "never": None,
}


@cli.command()
@_paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text for people; json, junit, sarif or shacl (sh:ValidationReport "
    "in Turtle) for machines.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(_FAIL_ON)),
    default="error",
    show_default=True,
    help="Exit 1 when a violation at or above this severity is found.",
)
@click.option(
    "--rule", "only_rules", multiple=True, metavar="ID", help="Run only this rule (repeatable)."
)
@click.option(
    "--skip", "skip_rules", multiple=True, metavar="ID", help="Do not run this rule (repeatable)."
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ru"]),
    default="en",
    show_default=True,
    help="Language of messages and labels.",
)
@click.option("--no-reasoner", is_flag=True, help="Skip owl-consistency (HermiT needs Java, ~2 s).")
@click.option(
    "--position",
    metavar="ID",
    help="Check only this position (e.g. position:account-manager) and what it owns.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
@store_options
def check(
    paths: Sequence[Path],
    output_format: str,
    fail_on: str,
    only_rules: tuple[str, ...],
    skip_rules: tuple[str, ...],
    lang: str,
    no_reasoner: bool,
    position: str | None,
    output: Path | None,
    store_path: Path | None,
    sparql_endpoint: str | None,
    sparql_update_endpoint: str | None,
    sparql_user: str | None,
) -> None:
    """Check the graph against every consistency rule.

    With no PATHS, the shipped ontology; with PATHS, those files (Turtle, N-Triples,
    RDF/XML, JSON-LD, or YAML/JSON job descriptions) checked together with it.
    Exit code 0: nothing at or above --fail-on; 1: violations; 2: usage or input error.

    \b
    Examples:
      competency-graph check
      competency-graph check my-position.ttl --format sarif -o check.sarif
      competency-graph check my-position.yaml --lang ru
    """
    loaded = load_inputs(paths)
    store = store_from_options(store_path, sparql_endpoint, sparql_update_endpoint, sparql_user)
    checker = Checker(loaded, store=store)
    if position is not None:
        iri = _resolve_id(position)
        report = checker.check_position(iri, lang=lang, rules=only_rules, skip=skip_rules)
    else:
        report = checker.check_graph(
            lang=lang, rules=only_rules, skip=skip_rules, reasoner=not no_reasoner
        )
    if not report.rules_run:  # a check that checked nothing must not pass
        why = (
            "a --position check does not run owl-consistency (the reasoner judges the whole graph)"
            if position is not None
            else "; ".join(report.notes) or "owl-consistency was skipped"
        )
        raise InputError(f"no rule left to run: {why}")
    rendered = render(
        report, output_format, rules=rule_infos(checker.catalogue, lang), fail_on=_FAIL_ON[fail_on]
    )
    if output is None:
        click.echo(rendered, nl=not rendered.endswith("\n"))
    else:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write the report: {exc.strerror}", output) from None
    ctx = click.get_current_context()
    ctx.exit(EXIT_VIOLATIONS if report.fails(_FAIL_ON[fail_on]) else EXIT_OK)


def _resolve_id(identifier: str) -> str:
    try:
        return str(expand_id(identifier))
    except ValueError as exc:
        raise InputError(str(exc)) from None


@cli.command()
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en", show_default=True)
@_table_format_option
def rules(lang: str, output_format: str) -> None:
    """List the consistency rules: id, severity, title and source.

    The rules are data (ontology/rules.ttl), implemented by the SHACL shapes in
    ontology/shapes/ and, for owl-consistency, by the HermiT reasoner.
    """
    loaded = load_graph()
    catalogue = read_rules(loaded.graph)
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": rule.id,
                        "severity": rule.severity.value,
                        "title": rule.title.get(lang),
                        "fix": rule.fix.get(lang),
                        "source": rule.source_label(lang),
                        "sourceNorms": [compact_id(n) for n in rule.source_norms],
                    }
                    for rule in catalogue.values()
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{len(catalogue)} rules", title_justify="left")
    table.add_column("Rule")
    table.add_column("Severity")
    table.add_column("Title")
    table.add_column("Legal norms")
    for rule in catalogue.values():
        norms = ", ".join(compact_id(n) for n in rule.source_norms)
        table.add_row(rule.id, rule.severity.value, rule.title.get(lang), norms)
    Console(width=120).print(table)


cli.add_command(serve)
cli.add_command(export_sdl)

from competency_graph.cli.importing import import_group  # noqa: E402

cli.add_command(import_group)


from competency_graph.cli import documents as rendering_cli  # noqa: E402

for _command in rendering_cli.COMMANDS:
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="competency-graph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
