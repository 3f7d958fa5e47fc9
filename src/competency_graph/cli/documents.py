"""Commands that write documents, JSON-LD and pictures: ``render``, ``export-vacancy``,
``import-vacancy`` and ``picture``. Registered on the main group in
:mod:`competency_graph.cli.main`.

Every command reads the shipped ontology plus any ``--data`` files; library errors (unknown
id, missing file, malformed input) are :class:`~competency_graph.errors.InputError` and the
main group prints them as one line and exits with 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from click.decorators import FC

from competency_graph.errors import InputError
from competency_graph.graph.files import load_graph
from competency_graph.model.readmodel import EMPLOYMENT_TYPES, ReadModel, build_read_model
from competency_graph.rendering.formats import DOCUMENT_FORMATS, PICTURE_FORMATS
from competency_graph.rendering.phrases import LANGUAGES

# The writers (python-docx, matplotlib) are imported inside the commands that use them, so
# that every other command of the CLI starts fast.

STDOUT = "-"

_data_option = click.option(
    "--data",
    "-d",
    "data",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Extra RDF file to load with the ontology (repeatable).",
)
_no_ontology_option = click.option(
    "--no-ontology", is_flag=True, help="Do not load the shipped ontology; only --data files."
)
_lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="ru",
    show_default=True,
    help="Language of labels and fixed words.",
)


def _output_option(help_text: str) -> Callable[[FC], FC]:
    return click.option("--output", "-o", default=STDOUT, show_default=True, help=help_text)


def _model(data: Sequence[Path], no_ontology: bool) -> ReadModel:
    return build_read_model(load_graph(data, include_shipped=not no_ontology).graph)


def write_output(output: str, content: str | bytes) -> None:
    """Write ``content`` to the file ``output``, or text to stdout for ``-``.

    Binary content (DOCX, PNG) is never written to stdout: it needs a file.
    """
    if output == STDOUT:
        if isinstance(content, bytes):
            raise InputError("binary output needs a file: give -o FILE")
        click.echo(content, nl=False)
        return
    path = Path(output)
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path) from None
    size = len(content if isinstance(content, bytes) else content.encode("utf-8"))
    click.echo(f"wrote {path} ({size} bytes)", err=True)


@click.command()
@click.argument("position")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DOCUMENT_FORMATS)),
    default="md",
    show_default=True,
    help="Document format.",
)
@_lang_option
@_output_option("File to write; '-' prints md/html to stdout (docx needs a file).")
@_data_option
@_no_ontology_option
def render(
    position: str, fmt: str, lang: str, output: str, data: Sequence[Path], no_ontology: bool
) -> None:
    """Render the job description of POSITION as a printable document.

    POSITION is an id such as position:account-manager, or a position IRI. The document has
    the "Approved" and "Agreed" blocks, general provisions, duties, rights, responsibility
    with legal references, and the familiarisation sheet.

    \b
    Examples:
      competency-graph render position:account-manager --lang en
      competency-graph render position:account-manager --format docx -o account-manager.docx
    """
    from competency_graph.rendering import render_job_description

    if fmt == "docx" and output == STDOUT:
        raise InputError("--format docx needs a file: give -o FILE.docx")
    write_output(output, render_job_description(_model(data, no_ontology), position, fmt, lang))


@click.command("export-vacancy")
@click.argument("vacancy", required=False)
@click.option("--all", "export_all", is_flag=True, help="Export every vacancy (an @graph).")
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
@_output_option("File to write; '-' prints to stdout.")
@_data_option
@_no_ontology_option
def export_vacancy(
    vacancy: str | None,
    export_all: bool,
    employer: str | None,
    employment_types: tuple[str, ...],
    output: str,
    data: Sequence[Path],
    no_ontology: bool,
) -> None:
    """Export VACANCY (or --all) as schema.org JobPosting JSON-LD.

    The employer and employment types are the ones the graph states; --employer and
    --employment-type only fill in for vacancies that state none.

    \b
    Examples:
      competency-graph export-vacancy vacancy:seed-000-posting-06 \\
          -d examples/vacancies/seed-000-vacancies.ttl
      competency-graph export-vacancy --all -d examples/vacancies/seed-000-vacancies.ttl \\
          -o vacancies.jsonld
    """
    from competency_graph.rendering.job_posting import dump, job_posting, job_postings

    if export_all == (vacancy is not None):
        raise InputError("give either a VACANCY id or --all")
    model = _model(data, no_ontology)
    extra: dict[str, Any] = {
        "hiring_organization": {"name": employer} if employer else None,
        "employment_types": employment_types,
    }
    if vacancy is not None:
        write_output(output, dump(job_posting(model, vacancy, **extra)))
    else:
        write_output(output, dump(job_postings(model, **extra)))


@click.command("import-vacancy")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_output_option("Turtle file to write; '-' prints to stdout.")
def import_vacancy(file: Path, output: str) -> None:
    """Turn JobPosting JSON-LD (one posting, a list or an @graph) into the ontology's RDF.

    The Turtle written can be loaded with the ontology (-d FILE) by every other command.

    \b
    Example:
      competency-graph import-vacancy vacancies.jsonld -o vacancies.ttl
    """
    from competency_graph.rendering.job_posting import read_postings

    graph = read_postings(file)
    write_output(output, graph.serialize(format="turtle"))


@click.group()
def picture() -> None:
    """Draw the coverage matrix of a position or the organisation graph (SVG or PNG)."""


_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(list(PICTURE_FORMATS)),
    default="svg",
    show_default=True,
    help="Picture format.",
)


@picture.command()
@click.argument("position")
@_format_option
@_lang_option
@_output_option("File to write; '-' prints SVG to stdout (PNG needs a file).")
@_data_option
@_no_ontology_option
def coverage(
    position: str, fmt: str, lang: str, output: str, data: Sequence[Path], no_ontology: bool
) -> None:
    """Duties x skills of POSITION: which required skill supports which duty, and the gaps.

    \b
    Example:
      competency-graph picture coverage position:account-manager --format png -o coverage.png
    """
    from competency_graph.rendering.pictures import coverage_picture

    drawn = coverage_picture(_model(data, no_ontology), position, fmt, lang)
    write_output(output, _text_if_svg(drawn, fmt))


@picture.command()
@_format_option
@_lang_option
@_output_option("File to write; '-' prints SVG to stdout (PNG needs a file).")
@_data_option
@_no_ontology_option
def org(fmt: str, lang: str, output: str, data: Sequence[Path], no_ontology: bool) -> None:
    """All positions with reporting lines, substitutes and career steps.

    \b
    Example:
      competency-graph picture org --format png --lang en -o org.png
    """
    from competency_graph.rendering.pictures import org_picture

    write_output(output, _text_if_svg(org_picture(_model(data, no_ontology), fmt, lang), fmt))


def _text_if_svg(content: bytes, fmt: str) -> str | bytes:
    return content.decode("utf-8") if fmt == "svg" else content


COMMANDS: tuple[click.Command, ...] = (render, export_vacancy, import_vacancy, picture)
