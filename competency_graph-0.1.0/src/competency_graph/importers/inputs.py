"""The input files of a command, merged: RDF files and YAML/JSON job descriptions together.

Every command that reads a graph takes the same inputs: the shipped ontology (unless left
out) plus any number of files. A file is read by the importer its suffix names in the
registry (:func:`~competency_graph.importers.registry.default_importer_for_file`): YAML and
JSON files are job descriptions, Turtle, N-Triples, RDF/XML, JSON-LD and the other RDF
suffixes are RDF; any other suffix is an error before anything is read.

The RDF files are loaded first, in one pass (so each ``owl:imports`` is followed once); the
other files then go through their importers in registry order, those that resolve
references (job descriptions) last, against the read model of everything loaded before
them, so a job description may name skills, norms and positions that the shipped ontology
or the given files define.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import URIRef

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_graph, new_graph
from competency_graph.importers.registry import (
    IMPORTERS,
    Imported,
    Importer,
    default_importer_for_file,
)
from competency_graph.model.ids import kind_name
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import compact_id


class InputProblems(InputError):
    """Every problem of a command's inputs at once, in the order of the files (the first
    is this error itself, the others are in ``more``).

    ``loaded`` is what could be read when each problem was left out by its reader and the
    rest read on (``recoverable``: an unknown reference), so that ``check`` can still run
    the rules on it; else None.
    """

    def __init__(self, problems: Sequence[InputError], loaded: LoadedGraph | None) -> None:
        first = problems[0]
        super().__init__(
            first.message,
            first.path,
            first.line,
            first.column,
            field=first.field,
            recoverable=first.recoverable,
        )
        self.more = tuple(problems[1:])
        self.loaded = loaded


def load_inputs(paths: Sequence[Path] = (), include_shipped: bool = True) -> LoadedGraph:
    """The shipped ontology (unless ``include_shipped`` is false) plus every file of
    ``paths``, each read by its default importer, merged into one graph.

    ``loaded.files`` lists every file read (RDF first, then the others by importer, each in
    the order given); ``loaded.locations`` points each entity a job description created at
    its line in that file, so violations are reported there. A job description of a position
    the graph already has is a new edition: it replaces the old one, and ``loaded.notes``
    says which edition replaced which. Two job descriptions of the same position, like any
    unreadable or invalid file, are an :class:`InputError`: every file is read before it is
    raised, as :class:`InputProblems` naming every problem.
    """
    chosen = [(default_importer_for_file(Path(p)), Path(p)) for p in paths]
    rdf = [path for importer, path in chosen if importer.name == "rdf"]
    others = [(importer, path) for importer, path in chosen if importer.name != "rdf"]
    resolving = [path for importer, path in others if importer.needs_model]
    if not include_shipped and not rdf and resolving:
        # a job description alone has nothing to resolve its skills and norms against
        raise InputError(
            "a job description needs the ontology it refers to: load the shipped ontology "
            "or the RDF files that define its skills and norms",
            resolving[0],
        )
    errors: list[InputError] = []
    if rdf or include_shipped or not others:
        loaded = load_graph(rdf, include_shipped=include_shipped, errors=errors)
    else:
        loaded = LoadedGraph(new_graph())
    _add_others(loaded, others, errors)
    if errors:
        problems = [problem for error in errors for problem in error.all]
        usable = all(problem.recoverable for problem in problems)
        raise InputProblems(problems, loaded if usable else None)
    return loaded


def _add_others(
    loaded: LoadedGraph, others: Sequence[tuple[Importer, Path]], errors: list[InputError]
) -> None:
    """Read the files that are not RDF, importer by importer in registry order; a file
    that cannot be read is left out, its problems added to ``errors``."""
    model: ReadModel | None = None
    described: dict[str, Path] = {}
    for importer in IMPORTERS.values():
        for path in (path for chosen, path in others if chosen is importer):
            if importer.needs_model and model is None:  # built once, when first needed
                model = build_read_model(loaded.graph)
            try:
                imported = importer.read(path, model)
                _refuse_described_twice(imported, path, described)
            except InputError as error:
                errors.append(error)
                continue
            errors.extend(imported.problems)
            imported.add_to(loaded)


def _refuse_described_twice(imported: Imported, path: Path, described: dict[str, Path]) -> None:
    """Each entity described whole (a job description's position) by one input only."""
    for iri in imported.described:
        if iri in described:
            where = imported.locations.get(URIRef(iri))
            compact = compact_id(iri)
            raise InputError(
                f"{compact!r} is also described by {described[iri]}: give each "
                f"{kind_name(compact.partition(':')[0])} its own id",
                path,
                where.line if where else None,
                where.column if where else None,
            )
        described[iri] = path
