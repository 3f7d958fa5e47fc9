"""``competency-graph import ...``: bring external classifications into a persistent store."""

from __future__ import annotations

from pathlib import Path

import click

from competency_graph.cli.options import ontology_option
from competency_graph.errors import InputError
from competency_graph.importers.esco import ATTRIBUTION, ImportResult, import_esco
from competency_graph.importers.store_writer import remove_interrupted_imports


@click.group("import")
def import_group() -> None:
    """Import an external classification into an on-disk store (see `serve --store`)."""


@import_group.command("esco")
@click.argument(
    "folders", metavar="FOLDER...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    "store",
    metavar="STORE",
    required=True,
    type=click.Path(path_type=Path),
    help="The store folder to create (an oxigraph database).",
)
@click.option("--force", is_flag=True, help="Replace the store if it exists.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when standard error is a terminal).",
)
@click.option(
    "--no-read-model-cache",
    is_flag=True,
    help="Do not build the read model and cache it in the store at the end (the first "
    "`serve --store` then builds it from the store: ~20 s at ESCO scale).",
)
@ontology_option
def esco(
    folders: tuple[Path, ...],
    store: Path,
    force: bool,
    progress: bool | None,
    no_read_model_cache: bool,
    ontology: Path | None,
) -> None:
    """Import ESCO from FOLDER (the published CSV zips, or the CSV files unpacked; several
    folders or zip archives may be given).

    Occupations become positions, skills keep their type and reuse level, essential and
    optional links become skill requirements, hierarchies (ISCO groups, skill groups) and
    skill-skill relations are kept, under the ESCO IRIs. The English classification is
    required; the classification in other languages (classification-de-csv.zip...) adds
    its labels and definitions in those languages. The store is written beside STORE and
    moved into place only when the whole import succeeded (a full or read-only disk leaves
    an existing store as it was); what an import killed outright left beside STORE is
    removed by the next one.
    Then the read model of the store with the shipped ontology is built (from what was
    read) and cached in the store folder, so that `serve --store` starts in about a second.
    With --ontology DIR, matches and the read model use that ontology.

    \b
    Examples:
      competency-graph import esco esco-v1.1.1 -o esco.store   # the folder of the two zips
      competency-graph import esco esco-v1.1.1 classification-de-csv.zip -o esco.store
    """
    del ontology  # in use already: its option's callback set it
    for leftover in remove_interrupted_imports(store):
        click.echo(f"note: removed {leftover}, left by an import that was interrupted", err=True)
    result = import_esco(list(folders), store, force=force, progress=progress)
    click.echo(result.summary())
    if result.orphan_links:
        click.echo(
            f"note: {result.orphan_links} links name an occupation or skill that "
            "occupations_en.csv / skills_en.csv do not hold; kept as they are"
        )
    if not no_read_model_cache:
        cache_read_model(store, result)
    click.echo(ATTRIBUTION)


def cache_read_model(store: Path, imported: ImportResult | None = None) -> None:
    """Build the read model of ``store`` with the shipped ontology and cache it there; from
    the rows ``imported`` read, when given, instead of reading the store back."""
    from competency_graph.graph.files import LoadedGraph
    from competency_graph.graph.source import Source
    from competency_graph.graph.stores import open_store
    from competency_graph.importers.esco_model import esco_read_model
    from competency_graph.model.cache import load_read_model
    from competency_graph.model.readmodel import ReadModel

    found = imported.classification if imported is not None else None

    def from_rows(loaded: LoadedGraph) -> ReadModel | None:
        assert imported is not None and found is not None
        return esco_read_model(found, loaded.graph, imported.triples)

    click.echo("building the read model for a fast first start...", err=True)
    try:
        opened = Source(store=open_store("oxigraph", store))
        prepared = load_read_model(opened, "rebuild", build=from_rows if found else None)
    except InputError as exc:  # the store is imported all the same; `serve` will say it too
        click.echo(f"note: read model not cached: {exc}")
        return
    if prepared.cache.startswith("written"):
        click.echo(f"read model built in {prepared.seconds:.1f} s, {prepared.cache}")
    else:
        click.echo(f"note: read model built in {prepared.seconds:.1f} s, {prepared.cache}")
