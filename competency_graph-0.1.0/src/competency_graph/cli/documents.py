"""Commands that write documents, JSON-LD and pictures: ``render``, ``export-vacancy``,
``import-vacancy`` and ``picture``.

Every command that reads the graph takes the input files as arguments after its id, like
every other command (:func:`~competency_graph.cli.options.graph_inputs`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import click

from competency_graph.cli.options import (
    EXIT_VIOLATIONS,
    STDOUT,
    GraphInputs,
    format_option,
    graph_inputs,
    lang_option,
    output_option,
    write_output,
)
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.importers.job_posting import (
    DATE_FORMS,
    area_of,
    is_before,
    moment_of,
    place_of,
)
from competency_graph.model import ids
from competency_graph.model.readmodel import EMPLOYMENT_TYPES, ReadModel, build_read_model
from competency_graph.rendering.formats import DOCUMENT_FORMATS, PICTURE_FORMATS

T = TypeVar("T")

# The writers (python-docx, matplotlib) are imported inside the commands that use them, so
# that every other command of the CLI starts fast.


def _model(inputs: GraphInputs) -> ReadModel:
    return build_read_model(inputs.load().graph)


@click.command()
@click.argument("position")
@graph_inputs
@format_option(list(DOCUMENT_FORMATS), "md", "Document format.")
@lang_option
@output_option("File to write; '-' prints md/html (docx needs a file).")
@click.option(
    "--force",
    is_flag=True,
    help="Write the document even when it states what the law prohibits (the violations "
    "are still printed).",
)
def render(
    position: str, inputs: GraphInputs, output_format: str, lang: str, output: str, force: bool
) -> None:
    """Render the job description of POSITION as a printable document.

    POSITION is an id such as position:account-manager, or a position IRI; PATHS are more
    files to read with the ontology. The document has the "Approved" and "Agreed" blocks,
    general provisions, duties, rights, responsibility with legal references, and the
    familiarisation sheet.

    The position is first checked against the rules whose violation makes the text unlawful
    (discrimination, discriminatory wording, citizenship, the limits of liability): their
    violations are printed on standard error, and on an error no document is written and the
    exit code is 1, unless --force.

    \b
    Examples:
      competency-graph render position:account-manager --lang en
      competency-graph render position:account-manager --format docx -o account-manager.docx
      competency-graph render position:regional-account-manager my-position.yaml
    """
    from competency_graph.rendering import render_job_description

    if output_format == "docx" and output == STDOUT:
        raise InputError("--format docx needs a file: give -o FILE.docx")
    loaded = inputs.load()
    model = build_read_model(loaded.graph)
    document = render_job_description(model, position, output_format, lang)
    if _unlawful(loaded, ids.require(model, position, "position"), lang) and not force:
        click.echo(
            "error: not rendered: the job description states what the law prohibits (above); "
            "correct it, or give --force to render it anyway",
            err=True,
        )
        click.get_current_context().exit(EXIT_VIOLATIONS)
    write_output(output, document)


def _unlawful(loaded: LoadedGraph, position: str, lang: str) -> bool:
    """Check ``position`` (an IRI) against the rules checked before rendering, print what
    they find on standard error, and say whether any of it is an error."""
    from competency_graph.checking.engine import Checker
    from competency_graph.model.rules import Severity, read_rules

    # with --no-ontology the graph may hold no rules: then there is nothing to check against
    rules = [rule.id for rule in read_rules(loaded.graph).values() if rule.before_rendering]
    if not rules:
        return False
    report = Checker(loaded).check_position(position, lang=lang, rules=rules)
    for violation in report.sorted():
        where = f"{violation.location}: " if violation.location else ""
        level = violation.severity.value
        click.echo(f"{level}: {where}[{violation.rule_id}] {violation.message}", err=True)
    return any(v.severity is Severity.ERROR for v in report.violations)


@click.command("export-vacancy")
@click.argument("vacancy", required=False)
@graph_inputs
@click.option(
    "--all",
    "export_all",
    is_flag=True,
    help="Export every vacancy (an @graph); then every argument is an input file.",
)
@lang_option
@click.option(
    "--employer",
    metavar="NAME",
    help="Name of the hiring organisation (hiringOrganization) for vacancies whose graph "
    "states none; the graph's employer wins.",
)
@click.option(
    "--employment-type",
    "employment_types",
    multiple=True,
    type=click.Choice(list(EMPLOYMENT_TYPES.values())),
    help="schema.org employmentType (repeatable) for vacancies whose graph states none; "
    "the graph's types win.",
)
@click.option(
    "--date-posted",
    metavar="DATE",
    help="datePosted (ISO 8601: 2026-11-20 or 2026-11-20T09:00:00+03:00) for vacancies "
    "whose graph states none.",
)
@click.option(
    "--valid-through",
    metavar="DATE",
    help="validThrough, the last day applications are taken (ISO 8601), for vacancies "
    "whose graph states none.",
)
@click.option(
    "--location",
    "locations",
    metavar="PLACE",
    multiple=True,
    help="Workplace (jobLocation, repeatable) as 'LOCALITY, REGION, COUNTRY', "
    "'LOCALITY, COUNTRY' or 'COUNTRY' (ISO 3166-1 code such as RU), words in --lang, for "
    "vacancies whose graph states no workplace and no remote work.",
)
@click.option(
    "--remote",
    "remote_from",
    metavar="COUNTRY",
    multiple=True,
    help="Fully remote (jobLocationType TELECOMMUTE) for applicants in COUNTRY "
    "(applicantLocationRequirements, repeatable), for vacancies whose graph states no "
    "workplace and no remote work.",
)
@output_option("File to write; '-' prints it.")
def export_vacancy(
    vacancy: str | None,
    inputs: GraphInputs,
    export_all: bool,
    lang: str,
    employer: str | None,
    employment_types: tuple[str, ...],
    date_posted: str | None,
    valid_through: str | None,
    locations: tuple[str, ...],
    remote_from: tuple[str, ...],
    output: str,
) -> None:
    """Export VACANCY (or --all) as schema.org JobPosting JSON-LD in one language.

    PATHS are more files to read with the ontology. Title, description and names are in
    --lang. The employer, employment types, dates and workplace are the ones the graph
    states; the options only fill in for vacancies that state none, and nothing is made
    up: a vacancy without a date or a workplace is exported without one (Google for Jobs
    requires datePosted and jobLocation, or --remote).

    \b
    Examples:
      competency-graph export-vacancy vacancy:seed-000-posting-06 \\
          examples/vacancies/seed-000-vacancies.ttl --lang en
      competency-graph export-vacancy --all examples/vacancies/seed-000-vacancies.ttl \\
          --date-posted 2026-11-20 --location "Москва, RU" -o vacancies.jsonld
    """
    from competency_graph.rendering.job_posting import Defaults, dump, job_posting, job_postings

    if export_all and vacancy is not None:
        # with --all there is no id: the first argument is an input file like the rest
        if not Path(vacancy).exists():
            raise InputError(
                f"give either a VACANCY id or --all: with --all every argument is an input "
                f"file, and there is no file {vacancy!r}"
            )
        inputs = GraphInputs((Path(vacancy), *inputs.paths), inputs.include_shipped)
        vacancy = None
    if not export_all and (vacancy is None or Path(vacancy).is_file()):
        raise InputError("give either a VACANCY id or --all")
    if locations and remote_from:
        raise InputError("give either --location or --remote: a remote job has no workplace")
    defaults = Defaults(
        hiring_organization={"name": employer} if employer else None,
        employment_types=employment_types,
        date_posted=_moment("--date-posted", date_posted),
        valid_through=_moment("--valid-through", valid_through),
        locations=tuple(_parsed("--location", place_of, text, lang) for text in locations),
        remote_from=tuple(_parsed("--remote", area_of, text, lang) for text in remote_from),
    )
    if (
        defaults.date_posted is not None
        and defaults.valid_through is not None
        and is_before(defaults.valid_through, defaults.date_posted)
    ):
        raise InputError(f"--valid-through {valid_through} is before --date-posted {date_posted}")
    model = _model(inputs)
    if vacancy is not None:
        write_output(output, dump(job_posting(model, vacancy, lang=lang, defaults=defaults)))
    else:
        write_output(output, dump(job_postings(model, lang=lang, defaults=defaults)))


def _moment(option: str, text: str | None) -> datetime | None:
    """An option's ISO 8601 date or date-time; a clean error when it is none."""
    if text is None:
        return None
    moment = moment_of(text)
    if moment is None:
        raise InputError(f"{option}: {text!r} is not a date or date-time ({DATE_FORMS})")
    return moment


def _parsed(option: str, parse: Callable[[str, str], T], text: str, lang: str) -> T:
    """An option's value parsed by ``parse``; its ValueError as a clean error."""
    try:
        return parse(text, lang)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None


@click.command("import-vacancy")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@output_option("Turtle file to write; '-' prints it.")
def import_vacancy(file: Path, output: str) -> None:
    """Turn JobPosting JSON-LD (one posting, a list or an @graph) into the ontology's RDF.

    The Turtle written is an input file like any other for every command that reads the
    graph (e.g. `competency-graph stats vacancies.ttl`).

    \b
    Example:
      competency-graph import-vacancy vacancies.jsonld -o vacancies.ttl
    """
    from competency_graph.importers.job_posting import read_postings

    graph = read_postings(file)
    write_output(output, graph.serialize(format="turtle"))


@click.group()
def picture() -> None:
    """Draw the coverage matrix of a position or the organisation graph (SVG or PNG)."""


_picture_format_option = format_option(list(PICTURE_FORMATS), "svg", "Picture format.")
_picture_output_option = output_option("File to write; '-' prints SVG (PNG needs a file).")


@picture.command()
@click.argument("position")
@graph_inputs
@_picture_format_option
@lang_option
@_picture_output_option
def coverage(
    position: str, inputs: GraphInputs, output_format: str, lang: str, output: str
) -> None:
    """Duties x skills of POSITION: which required skill supports which duty, and the gaps.

    \b
    Example:
      competency-graph picture coverage position:account-manager --format png -o coverage.png
    """
    from competency_graph.rendering.pictures import coverage_picture

    drawn = coverage_picture(_model(inputs), position, output_format, lang)
    write_output(output, _text_if_svg(drawn, output_format))


@picture.command()
@graph_inputs
@_picture_format_option
@lang_option
@_picture_output_option
def org(inputs: GraphInputs, output_format: str, lang: str, output: str) -> None:
    """All positions with reporting lines, substitutes and career steps.

    \b
    Example:
      competency-graph picture org --format png --lang en -o org.png
    """
    from competency_graph.rendering.pictures import org_picture

    drawn = org_picture(_model(inputs), output_format, lang)
    write_output(output, _text_if_svg(drawn, output_format))


def _text_if_svg(content: bytes, fmt: str) -> str | bytes:
    return content.decode("utf-8") if fmt == "svg" else content
