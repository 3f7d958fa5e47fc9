"""Loading RDF: imports resolved offline, and every syntax error located."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from competency_graph.errors import InputError
from competency_graph.loading import LoadedGraph, load_files, load_graph, new_graph, parse_rdf_file
from competency_graph.namespaces import CG

from .conftest import FIXTURES, ONTOLOGY

BAD = FIXTURES / "loading"


def test_shipped_ontology_loads_every_module_through_the_catalog(shipped: LoadedGraph) -> None:
    loaded_names = sorted(path.name for path in shipped.files)
    assert loaded_names == sorted(
        [
            "competency-graph.ttl",
            "core.ttl",
            "legal-norms.ttl",
            "positions.ttl",
            "rules.ttl",
            "sectors.ttl",
            "skills.ttl",
        ]
    )
    ontologies = set(shipped.graph.subjects(RDF.type, OWL.Ontology))
    assert URIRef("https://w3id.org/competency-graph/ontology/core") in ontologies


def test_every_ontology_file_parses_on_its_own() -> None:
    for path in sorted(ONTOLOGY.glob("**/*.ttl")):
        loaded = load_files([path], follow_imports=False)
        assert len(loaded.graph) > 0, path


def test_subject_locations_point_at_the_defining_line(shipped: LoadedGraph) -> None:
    location = shipped.location_of(CG.Position)
    assert location is not None
    lines = Path(location.path).read_text(encoding="utf-8").splitlines()
    assert location.path.endswith("core.ttl")
    assert lines[location.line - 1].startswith("cg:Position a owl:Class")


@pytest.mark.parametrize(
    ("fixture", "line", "column", "words"),
    [
        ("turtle_missing_dot.ttl", 5, 1, "malformed Turtle"),
        ("ntriples_bad_line.nt", 2, 1, "malformed nt"),
        ("rdfxml_mismatched_tag.rdf", 4, 5, "malformed RDF/XML: mismatched tag"),
        ("jsonld_trailing_comma.jsonld", 4, 1, "malformed JSON-LD"),
    ],
)
def test_syntax_errors_name_file_line_and_column(
    fixture: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(InputError) as raised:
        load_files([BAD / fixture])
    error = raised.value
    assert error.path == str(BAD / fixture)
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    assert str(error).startswith(f"{BAD / fixture}:{line}:{column}: ")


def test_missing_file_is_an_input_error_not_a_crash() -> None:
    with pytest.raises(InputError, match="no such file"):
        load_graph([Path("does/not/exist.ttl")])


def test_unknown_suffix_is_rejected_with_the_known_ones(tmp_path: Path) -> None:
    odd = tmp_path / "positions.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown RDF file type '\.csv' \(known: "):
        load_files([odd])


def test_import_missing_from_the_catalog_names_the_importing_file() -> None:
    with pytest.raises(InputError) as raised:
        load_files([BAD / "import_not_in_catalog.ttl"])
    assert raised.value.path == str(BAD / "import_not_in_catalog.ttl")
    assert "<https://example.org/not-mapped-anywhere> is not mapped" in raised.value.message


def test_a_broken_file_adds_nothing_to_the_graph_being_built(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    good.write_text(
        "@prefix cg: <https://w3id.org/competency-graph/ontology#> .\n"
        "<https://example.org/p> a cg:Position .\n",
        encoding="utf-8",
    )
    building = LoadedGraph(new_graph())
    parse_rdf_file(good, building)
    with pytest.raises(InputError):
        parse_rdf_file(BAD / "turtle_missing_dot.ttl", building)
    assert len(building.graph) == 1
    assert building.files == [good]
