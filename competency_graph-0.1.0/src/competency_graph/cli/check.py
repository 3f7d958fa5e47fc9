"""``competency-graph check``: run the consistency rules, report, and exit 1 on violations.

Every problem of the inputs is reported at once, in the report's format and language (a
SARIF file is written for GitHub even when an input cannot be read), and the rules still run
on what could be read when the problems only left something out (unknown references); the
exit code is then 2. ``--watch`` runs the check again on every change to the input files or
the ontology folder and prints what changed: the violations that are new and those fixed.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from competency_graph.checking.causes import input_causes
from competency_graph.checking.engine import Checker
from competency_graph.checking.formats import FORMATS, render
from competency_graph.checking.report import Report, Violation
from competency_graph.checking.rules import rule_infos
from competency_graph.cli.options import (
    EXIT_OK,
    EXIT_USAGE,
    EXIT_VIOLATIONS,
    STDOUT,
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
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.ontology import ontology_dir
from competency_graph.model.rules import Rule, Severity

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
@click.option(
    "--watch",
    is_flag=True,
    help="Check again on every change to PATHS or the ontology folder, printing the "
    "violations that are new and those fixed; Ctrl-C stops.",
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
    watch: bool,
    store: StoreOptions,
) -> None:
    """Check the graph against every consistency rule.

    With no PATHS, the shipped ontology; with PATHS, those files (Turtle, N-Triples,
    RDF/XML, JSON-LD, or YAML/JSON job descriptions) checked together with it.
    Exit code 0: nothing at or above --fail-on; 1: violations; 2: usage or input error
    (an unreadable file, a literal of the wrong datatype, HermiT failing on the input, or
    with --require-reasoner the reasoner unable to run). Every input error is reported, in
    --format and --lang; the rules still run on what could be read. Without Java,
    owl-consistency is not run and the report says so.

    \b
    Examples:
      competency-graph check
      competency-graph check my-position.ttl --format sarif -o check.sarif
      competency-graph check my-position.yaml --lang en
      competency-graph check my-position.yaml --watch
    """
    run = CheckRun(
        inputs,
        store,
        position,
        only_rules,
        skip_rules,
        lang,
        not no_reasoner,
        require_reasoner,
        shacl=output_format == "shacl",  # the RDF terms and both languages' messages
    )
    threshold = _FAIL_ON[fail_on]
    if watch:
        if output_format != "text" and output == STDOUT:
            raise click.UsageError("--watch prints text; give -o FILE for another --format")
        watch_paths = [*inputs.paths, ontology_dir()]
        report = watch_checks(run, _file_changes(watch_paths), _Writer(output_format, output))
        click.get_current_context().exit(_exit_code(report, threshold))
    report, catalogue = run.once()
    _show_input_errors(report)
    if report.violations or report.rules_run or output_format != "text":
        rendered = render(
            report, output_format, rules=rule_infos(catalogue, lang), fail_on=threshold
        )
        write_output(output, rendered)
    click.get_current_context().exit(_exit_code(report, threshold))


@dataclass(frozen=True)
class CheckRun:
    """What one check reads and runs: the same every time ``--watch`` runs it again."""

    inputs: GraphInputs
    store: StoreOptions
    position: str | None
    only_rules: tuple[str, ...]
    skip_rules: tuple[str, ...]
    lang: str
    reasoner: bool
    #: owl-consistency must run (``--require-reasoner``): when it cannot, an input error
    require_reasoner: bool = False
    #: violations carry their RDF terms and messages in every language (``--format shacl``)
    shacl: bool = False

    def once(self) -> tuple[Report, dict[str, Rule]]:
        """Load the inputs and check them. An input error is never raised: it is in the
        report (with the violations of what could be read, if anything could)."""
        from competency_graph.importers.inputs import InputProblems

        paths = [str(path) for path in self.inputs.paths]
        contradiction = self._contradiction()
        if contradiction is not None:  # reported like any input error, in --format
            return Report(files=paths, lang=self.lang, input_errors=[contradiction]), {}
        errors: list[InputError] = []
        loaded: LoadedGraph | None
        source = None
        try:
            source = self.inputs.source(self.store.open())
            loaded = source.load()
        except InputProblems as problems:
            loaded, errors = problems.loaded, list(problems.all)
        except InputError as error:
            loaded, errors = None, list(error.all)
        report, catalogue = Report(files=paths, lang=self.lang), {}
        if loaded is not None and source is not None:
            try:
                checker = Checker(loaded, store=source.store)
                catalogue = checker.catalogue
                report = self._check(checker)
            except InputError as error:
                errors += error.all
        report.input_errors = errors
        report.violations = input_causes(report.violations, errors, self.lang)
        return report, catalogue

    def _contradiction(self) -> InputError | None:
        """``--require-reasoner`` with an option that never runs the reasoner."""
        if not self.require_reasoner or (self.reasoner and self.position is None):
            return None
        other = (
            "--no-reasoner" if not self.reasoner else "--position (a position check never runs it)"
        )
        return InputError(f"--require-reasoner and {other} contradict each other")

    def _check(self, checker: Checker) -> Report:
        rules, skip = self.only_rules, self.skip_rules
        if self.position is not None:
            report = checker.check_position(
                self.position, lang=self.lang, rules=rules, skip=skip, shacl=self.shacl
            )
        else:
            report = checker.check_graph(
                lang=self.lang,
                rules=rules,
                skip=skip,
                reasoner=self.reasoner,
                require_reasoner=self.require_reasoner,
                shacl=self.shacl,
            )
        if not report.rules_run:  # a check that checked nothing must not pass
            why = (
                "a --position check does not run owl-consistency (the reasoner judges the "
                "whole graph)"
                if self.position is not None
                else "; ".join(report.notes) or "owl-consistency was skipped"
            )
            raise InputError(f"no rule left to run: {why}")
        return report


def _exit_code(report: Report, threshold: Severity | None) -> int:
    if report.input_errors:
        return EXIT_USAGE
    return EXIT_VIOLATIONS if report.fails(threshold) else EXIT_OK


def _show_input_errors(report: Report) -> None:
    """Each input error on stderr, ``error: file:line:column: message``, in the report's
    language (the machine formats carry them too)."""
    for error in report.input_errors:
        click.echo(f"error: {error.located_text(report.lang)}", err=True)


# -- watch -------------------------------------------------------------------------------------

_WATCH_WORDS = {
    "en": {
        "run": "{time} {summary}",
        "new": "new",
        "fixed": "fixed",
        "same": "no change",
        "stopped": "stopped watching",
    },
    "ru": {
        "run": "{time} {summary}",
        "new": "новое",
        "fixed": "исправлено",
        "same": "без изменений",
        "stopped": "наблюдение остановлено",
    },
}


@dataclass(frozen=True)
class _Writer:
    """Where ``--watch`` writes each full report: nowhere but the terminal (text), or the
    ``-o`` file in ``--format`` (rewritten at every run, for a viewer that follows it)."""

    output_format: str
    output: str

    def write(self, report: Report, catalogue: dict[str, Rule]) -> None:
        if self.output != STDOUT:
            rules = rule_infos(catalogue, report.lang)
            write_output(self.output, render(report, self.output_format, rules=rules))


def watch_checks(
    run: CheckRun,
    changes: Iterable[object],
    writer: _Writer | None = None,
    echo: Callable[[str], None] = click.echo,
) -> Report:
    """Check once and print the report; then, for each item of ``changes`` (a set of
    changed files), check again and print only what changed: the violations and input
    errors that are new and those that are gone. The last report is returned when
    ``changes`` ends (Ctrl-C ends the file watcher's).
    """
    report, catalogue = run.once()
    _show_input_errors(report)
    echo(render(report, "text", rules=rule_infos(catalogue, run.lang)).rstrip("\n"))
    if writer is not None:
        writer.write(report, catalogue)
    words = _WATCH_WORDS.get(run.lang, _WATCH_WORDS["en"])
    try:
        for _ in changes:
            previous = report
            report, catalogue = run.once()
            echo(_changes_text(previous, report, words))
            if writer is not None:
                writer.write(report, catalogue)
    except KeyboardInterrupt:  # Ctrl-C while a check runs: stop as cleanly as between runs
        pass
    echo(words["stopped"])
    return report


def _changes_text(previous: Report, report: Report, words: dict[str, str]) -> str:
    """``12:01:03 2 errors, ...`` then ``+ new`` and ``- fixed`` lines (or ``no change``)."""
    new, fixed = report.changes_since(previous)
    errors_before = {error.located_text(report.lang) for error in previous.input_errors}
    errors_now = [error.located_text(report.lang) for error in report.input_errors]
    lines = [f"{words['new']}: error: {e}" for e in errors_now if e not in errors_before]
    lines += [f"{words['fixed']}: error: {e}" for e in sorted(errors_before - set(errors_now))]
    lines += [f"{words['new']}: {_one_line(v)}" for v in new]
    lines += [f"{words['fixed']}: {_one_line(v)}" for v in fixed]
    summary = render(report, "text").rstrip("\n").rsplit("\n", 1)[-1]
    head = words["run"].format(time=time.strftime("%H:%M:%S"), summary=summary)
    return "\n".join([head, *(lines or [words["same"]])])


def _one_line(violation: Violation) -> str:
    where = f"{violation.location}: " if violation.location else ""
    field = violation.location.field if violation.location else None
    at = f" [{field}]" if field else ""
    return f"{where}{violation.severity.value}[{violation.rule_id}]{at} {violation.message}"


def _file_changes(paths: Iterable[Path]) -> Iterable[object]:
    """The changes to ``paths`` (files, and every file below a folder), one set per burst
    of changes, until Ctrl-C. Folders are watched, not files: an editor that saves by
    replacing the file would otherwise end the watch.

    Watching starts here, before the first check: a file saved while that check runs is
    checked again, not missed."""
    from watchfiles import watch  # imported only for --watch

    watched, relevant = watch_filter(paths)
    # idle periods yield empty sets (WATCH_IDLE_MS apart), so that the first one returns
    # as soon as the watcher is set up
    changes = watch(
        *watched,
        watch_filter=relevant,
        raise_interrupt=False,
        yield_on_timeout=True,
        rust_timeout=WATCH_IDLE_MS,
    )
    first = next(changes, None)
    return (changed for changed in itertools.chain([first], changes) if changed)


#: how long the file watcher waits for a change before it yields an empty set
WATCH_IDLE_MS = 300


def watch_filter(paths: Iterable[Path]) -> tuple[list[Path], Callable[[object, str], bool]]:
    """The folders to watch for ``paths`` (a file's folder, a folder itself), and which
    changed paths count: the files themselves, anything below a folder."""
    files = {Path(p).resolve() for p in paths if not Path(p).is_dir()}
    folders = {Path(p).resolve() for p in paths if Path(p).is_dir()}

    def relevant(_change: object, changed: str) -> bool:
        path = Path(changed).resolve()
        return path in files or any(path.is_relative_to(folder) for folder in folders)

    return sorted(folders | {file.parent for file in files}), relevant
