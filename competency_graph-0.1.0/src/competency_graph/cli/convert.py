"""``competency-graph convert``: a job description between YAML and Turtle, both ways, and the
export of any job description in the graph (shipped or imported) to YAML.

What is converted:

- ``--position ID``: that position's job description in the loaded graph (the shipped
  ontology plus PATHS);
- else the one YAML/JSON job description among PATHS;
- else the one job description the RDF files among PATHS define.

Into what: ``--to``, else the suffix of ``-o FILE`` (``.yaml``/``.yml`` or ``.ttl``), else the
other format (a YAML file becomes Turtle; Turtle and ``--position`` become YAML).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import click
from rdflib import Graph, URIRef

from competency_graph.cli.options import (
    STDOUT,
    GraphInputs,
    graph_inputs,
    output_option,
    write_output,
)
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.importers.job_description import JobDescriptionInput, load_job_description
from competency_graph.importers.registry import default_importer_for_file
from competency_graph.importers.revision import own_items, replace_description
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import CG, compact_id, expand_id

#: --to choices, and the output suffixes that choose them when --to is not given
TARGETS = ("yaml", "ttl")
_SUFFIX_TARGETS = {".yaml": "yaml", ".yml": "yaml", ".ttl": "ttl"}


@click.command()
@graph_inputs
@click.option(
    "--position",
    metavar="ID",
    help="Export this position's job description (e.g. position:account-manager) from the "
    "graph: the shipped ontology and PATHS.",
)
@click.option(
    "--to",
    "target",
    type=click.Choice(TARGETS),
    help="Write YAML or Turtle. Default: the suffix of -o, else the other format than the "
    "input's (YAML becomes Turtle; Turtle and --position become YAML).",
)
@output_option("File to write; '-' prints it.")
def convert(inputs: GraphInputs, position: str | None, target: str | None, output: str) -> None:
    """Convert a job description between YAML and Turtle, or export one to YAML.

    PATHS hold the job description to convert (one YAML/JSON file, or RDF files defining
    one), and any RDF files it refers to; the shipped ontology is read with them. A YAML
    file written here reads back into the same statements (a note names anything the format
    cannot hold); loaded with the ontology, it replaces the position's job description, so
    an exported description can be edited and checked as its new edition.

    \b
    Examples:
      competency-graph convert --position position:account-manager -o account-manager.yaml
      competency-graph convert my-position.yaml -o my-position.ttl
      competency-graph convert my-position.ttl -o my-position.yaml
    """
    source = _source(inputs, position)
    chosen = target
    if chosen is None and output != STDOUT:
        chosen = _SUFFIX_TARGETS.get(Path(output).suffix.lower())
    if chosen is None:
        chosen = "ttl" if source.converted is not None else "yaml"
    if chosen == "ttl" and source.converted is not None:
        write_output(output, _turtle(source.converted.graph, source.converted.source))
        return
    from competency_graph.rendering.job_description_yaml import export_job_description

    exported = export_job_description(source.loaded.graph, source.position, source.model)
    for note in exported.notes():
        click.echo(f"note: {note}", err=True)
    if chosen == "yaml":
        write_output(output, exported.text)
    else:
        from competency_graph.importers.job_description import convert_job_description

        graph = convert_job_description(exported.data, source.model, "<export>").graph
        write_output(output, _turtle(graph, compact_id(source.position)))


@dataclass(frozen=True)
class _Source:
    """The job description to convert: its position, in the loaded graph; ``converted`` is
    the YAML/JSON file's conversion when the input is one."""

    position: str
    loaded: LoadedGraph
    converted: JobDescriptionInput | None = None

    @cached_property
    def model(self) -> ReadModel:
        """The read model of the loaded graph (only YAML output needs it)."""
        return build_read_model(self.loaded.graph)


def _source(inputs: GraphInputs, position: str | None) -> _Source:
    importers = {path: default_importer_for_file(path).name for path in inputs.paths}
    descriptions = [p for p in inputs.paths if importers[p] == "job-description"]
    if position is not None:
        loaded = inputs.load()
        return _Source(_position_iri(position), loaded)
    if len(descriptions) > 1:
        names = ", ".join(str(p) for p in descriptions)
        raise InputError(f"convert one job description at a time, not {names}")
    if descriptions:
        # read against everything else, so that the file's own conversion is what is written
        others = GraphInputs(
            tuple(p for p in inputs.paths if p not in descriptions), inputs.include_shipped
        )
        loaded = others.load()
        converted = load_job_description(descriptions[0], build_read_model(loaded.graph))
        earlier = len(loaded.notes)
        converted.add_to(loaded)
        for note in loaded.notes[earlier:]:  # a new edition of a position the graph has
            click.echo(f"note: {note}", err=True)
        return _Source(converted.position, loaded, converted)
    rdf = [p for p in inputs.paths if importers[p] == "rdf"]
    if not rdf:
        raise InputError(
            "nothing to convert: give a YAML or Turtle job description, or --position ID"
        )
    graphs = {path: load_files([path], follow_imports=False).graph for path in rdf}
    found = sorted({str(p) for graph in graphs.values() for p in _positions_described(graph)})
    if not found:
        raise InputError(
            f"no job description in {', '.join(str(p) for p in rdf)}: give a file that has "
            "one, or --position ID"
        )
    if len(found) > 1:
        files = [str(path) for path, graph in graphs.items() if _positions_described(graph)]
        listed = ", ".join(compact_id(p) for p in found)
        raise InputError(
            f"{', '.join(files)} describe{'s' if len(files) == 1 else ''} {len(found)} job "
            f"descriptions ({listed}): choose one with --position ID",
        )
    position = URIRef(found[0])
    # the files' description is the one converted, even of a position the ontology describes:
    # it replaces the ontology's (as a YAML file would), rather than being merged with it
    defining = [path for path, graph in graphs.items() if position in _positions_described(graph)]
    loaded = GraphInputs(
        tuple(p for p in inputs.paths if p not in defining), inputs.include_shipped
    ).load()
    for path in defining:
        graph = graphs[path]
        replace_description(loaded.graph, position, own_items(graph, position), stated=graph)
    merged = load_files(defining, follow_imports=False)
    loaded.graph += merged.graph
    loaded.files += merged.files
    loaded.locations.update(merged.locations)
    return _Source(str(position), loaded)


def _positions_described(graph: Graph) -> set[URIRef]:
    return {p for p in graph.objects(None, CG.describes) if isinstance(p, URIRef)}


def _position_iri(identifier: str) -> str:
    try:
        return str(expand_id(identifier))
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _turtle(graph: Graph, source: str) -> str:
    header = (
        f"# The job description of {source}, as the ontology's RDF "
        "(written by `competency-graph convert`).\n"
    )
    return header + graph.serialize(format="turtle")
