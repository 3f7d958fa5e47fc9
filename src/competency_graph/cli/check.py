"""``competency-graph check``: run the consistency rules, report, and exit 1 on violations."""

from __future__ import annotations

import click

from competency_graph.checking.engine import Checker
from competency_graph.checking.formats import FORMATS, render
from competency_graph.checking.rules import rule_infos
from competency_graph.cli.options import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    GraphInputs,
    StoreOptions,
    format_option,
    graph_inputs,
    lang_option,
    output_option,
    store_options,
    write_output,
)
from competency_graph.errors import InputError
from competency_graph.model.rules import Severity

_FAIL_ON = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "never": None,
}


@click.command()
@graph_inputs
@format_option(
    FORMATS,
    "text",
    "Report format: text for people; json, junit, sarif or shacl (sh:ValidationReport "
    "in Turtle) for machines.",
)
@output_option("File to write the report to; '-' prints it.")
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
@lang_option
@click.option("--no-reasoner", is_flag=True, help="Skip owl-consistency (HermiT needs Java, ~2 s).")
@click.option(
    "--require-reasoner",
    is_flag=True,
    help="Exit 2 when owl-consistency cannot run (no Java on PATH, a graph too large for "
    "HermiT) instead of noting it in the report: for CI.",
)
@click.option(
    "--position",
    metavar="ID",
    help="Check only this position (e.g. position:account-manager) and what it owns.",
)
@store_options
def check(
    inputs: GraphInputs,
    output_format: str,
    output: str,
    fail_on: str,
    only_rules: tuple[str, ...],
    skip_rules: tuple[str, ...],
    lang: str,
    no_reasoner: bool,
    require_reasoner: bool,
    position: str | None,
    store: StoreOptions,
) -> None:
    """Check the graph against every consistency rule.

    With no PATHS, the shipped ontology; with PATHS, those files (Turtle, N-Triples,
    RDF/XML, JSON-LD, or YAML/JSON job descriptions) checked together with it.
    Exit code 0: nothing at or above --fail-on; 1: violations; 2: usage or input error
    (an unreadable file, a literal of the wrong datatype, HermiT failing on the input, or
    with --require-reasoner the reasoner unable to run). Without Java, owl-consistency is
    not run and the report says so.

    \b
    Examples:
      competency-graph check
      competency-graph check my-position.ttl --format sarif -o check.sarif
      competency-graph check my-position.yaml --lang en
    """
    if require_reasoner and (no_reasoner or position is not None):
        other = "--no-reasoner" if no_reasoner else "--position (a position check never runs it)"
        raise InputError(f"--require-reasoner and {other} contradict each other")
    source = inputs.source(store.open())
    checker = Checker(source.load(), store=source.store)
    shacl = output_format == "shacl"  # the RDF terms and both languages' messages
    if position is not None:
        report = checker.check_position(
            position, lang=lang, rules=only_rules, skip=skip_rules, shacl=shacl
        )
    else:
        report = checker.check_graph(
            lang=lang,
            rules=only_rules,
            skip=skip_rules,
            reasoner=not no_reasoner,
            require_reasoner=require_reasoner,
            shacl=shacl,
        )
    if not report.rules_run:  # a check that checked nothing must not pass
        why = (
            "a --position check does not run owl-consistency (the reasoner judges the whole graph)"
            if position is not None
            else "; ".join(report.notes) or "owl-consistency was skipped"
        )
        raise InputError(f"no rule left to run: {why}")
    threshold = _FAIL_ON[fail_on]
    rendered = render(
        report, output_format, rules=rule_infos(checker.catalogue, lang), fail_on=threshold
    )
    write_output(output, rendered)
    click.get_current_context().exit(EXIT_VIOLATIONS if report.fails(threshold) else EXIT_OK)
