"""The input files of a command, merged: RDF files and YAML/JSON job descriptions together.

Every command that reads a graph takes the same inputs: the shipped ontology (unless left
out) plus any number of files. A file is read by its suffix: YAML and JSON files are job
descriptions (:mod:`competency_graph.importers.job_description`), everything else is RDF
(:mod:`competency_graph.graph.files`, which names the RDF suffixes it knows).

The RDF files are loaded first; each job description is then converted against the read
model of everything loaded, so it may name skills, norms and positions that the shipped
ontology or the given RDF files define.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import URIRef

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, SourceLocation, load_graph
from competency_graph.importers.job_description import is_job_description_file
from competency_graph.namespaces import compact_id


def load_inputs(paths: Sequence[Path] = (), include_shipped: bool = True) -> LoadedGraph:
    """The shipped ontology (unless ``include_shipped`` is false) plus RDF files plus YAML/JSON
    job descriptions, merged into one graph.

    ``loaded.files`` lists every file read (RDF first, then job descriptions, each in the
    order given); ``loaded.locations`` points each entity a job description created at its
    line in that file, so violations are reported there. Two job descriptions of the same
    position, like any unreadable or invalid file, are an :class:`InputError`.
    """
    paths = [Path(p) for p in paths]
    rdf_paths = [p for p in paths if not is_job_description_file(p)]
    description_paths = [p for p in paths if is_job_description_file(p)]
    if not include_shipped and not rdf_paths and description_paths:
        # a job description alone has nothing to resolve its skills and norms against
        raise InputError(
            "a job description needs the ontology it refers to: load the shipped ontology "
            "or the RDF files that define its skills and norms",
            description_paths[0],
        )
    loaded = load_graph(rdf_paths, include_shipped=include_shipped)
    if description_paths:
        _add_job_descriptions(loaded, description_paths)
    return loaded


def _add_job_descriptions(loaded: LoadedGraph, paths: Sequence[Path]) -> None:
    # imported here: the read model and the YAML reader are only needed when such a file is given
    from competency_graph.importers.job_description import load_job_description
    from competency_graph.model.readmodel import build_read_model

    model = build_read_model(loaded.graph)
    described: dict[str, Path] = {}
    for path in paths:
        converted = load_job_description(path, model)
        if converted.position in described:
            where = converted.locations.get(converted.position)
            raise InputError(
                f"{compact_id(converted.position)!r} is also described by "
                f"{described[converted.position]}: give each position its own id",
                path,
                where.line if where else None,
                where.column if where else None,
            )
        described[converted.position] = path
        loaded.graph += converted.graph
        loaded.files.append(path)
        # the job description's line wins over an RDF file's for an entity it redefines:
        # that is the file the user is editing
        for iri, location in converted.locations.items():
            loaded.locations[URIRef(iri)] = SourceLocation(location.path, location.line or 1)
