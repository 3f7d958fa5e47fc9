"""Loading RDF: imports resolved offline, and every syntax error located."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from competency_graph.errors import InputError
from competency_graph.graph.files import (
    LoadedGraph,
    SourceLocation,
    load_files,
    load_graph,
    new_graph,
    parse_rdf_file,
)
from competency_graph.namespaces import CG

from ..conftest import FIXTURES, ONTOLOGY

BAD = FIXTURES / "loading"


def test_shipped_ontology_loads_every_module_through_the_catalog(shipped: LoadedGraph) -> None:
    loaded_names = sorted(path.name for path in shipped.files)
    assert loaded_names == sorted(
        [
            "competency-graph.ttl",
            "core.ttl",
            "legal-norms.ttl",
            "legal-lists.ttl",
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
        ("ntriples_bad_line.nt", 2, 1, "malformed N-Triples: Invalid line"),
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


@pytest.mark.parametrize(
    ("fixture", "line", "column", "words"),
    [
        # rdflib says "EOF found after object" at offset -1: the error is at the end of the
        # last statement (line 5, after "pos:last a cg:Position"), not before the file
        ("turtle_last_statement_without_dot.ttl", 5, 23, "malformed Turtle: EOF found"),
        # a file cut off after a predicate makes rdflib's parser read past the end
        ("turtle_cut_off_at_end_of_file.ttl", 6, 26, "the file ends in the middle of a statement"),
    ],
)
def test_a_statement_unfinished_at_end_of_file_is_located_on_its_last_line(
    fixture: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(InputError) as raised:
        load_files([BAD / fixture])
    error = raised.value
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    assert str(error).startswith(f"{BAD / fixture}:{line}:{column}: ")


def test_a_file_that_is_not_utf8_is_located_at_its_first_bad_byte(tmp_path: Path) -> None:
    cp1251 = tmp_path / "positions.ttl"
    cp1251.write_bytes(
        b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + '<urn:x> rdfs:label "Менеджер"@ru .\n'.encode()
        + b'<urn:y> rdfs:label "'
        + "Кассир".encode("cp1251")
        + b'"@ru .\n'
    )
    with pytest.raises(InputError) as caught:
        load_files([cp1251])
    assert caught.value.message.startswith("not UTF-8 text: invalid")
    assert (caught.value.line, caught.value.column) == (3, 21)


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


def test_a_remote_jsonld_context_is_refused_at_its_line_without_going_online() -> None:
    fixture = BAD / "jsonld_remote_context.jsonld"
    with pytest.raises(InputError) as raised:
        load_files([fixture])
    error = raised.value
    assert (error.line, error.column) == (2, 15)
    assert "'https://schema.org/' is a remote document" in error.message
    assert "put the context inline" in error.message


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_a_jsonld_context_in_a_local_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "context.jsonld").write_text(
        '{"@context": {"cg": "https://w3id.org/competency-graph/ontology#"}}', encoding="utf-8"
    )
    data = tmp_path / "position.jsonld"
    data.write_text(
        '{"@context": "context.jsonld", "@id": "https://w3id.org/competency-graph/id/position/x",'
        ' "@type": "cg:Position"}',
        encoding="utf-8",
    )
    loaded = load_files([data])
    assert (URIRef("https://w3id.org/competency-graph/id/position/x"), RDF.type, CG.Position) in (
        loaded.graph
    )


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("rdfxml_html_page.rdf", "not RDF/XML: the document never declares the RDF namespace"),
        ("jsonld_plain_json.jsonld", "not JSON-LD: no @context, @id, @type, @graph or IRI key"),
    ],
)
def test_a_document_that_is_not_rdf_at_all_is_refused(fixture: str, words: str) -> None:
    # rdflib reads the page as triples about <file:///…/html>, the JSON as nothing, silently
    with pytest.raises(InputError) as raised:
        load_files([BAD / fixture])
    assert words in raised.value.message
    assert (raised.value.line, raised.value.column) == (1, 1)


def test_an_empty_rdf_document_is_fine(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rdf"
    empty.write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', encoding="utf-8"
    )
    assert len(load_files([empty]).graph) == 0


def test_a_source_location_reads_as_file_line_and_column_when_known() -> None:
    assert str(SourceLocation("jd.yaml", 3)) == "jd.yaml:3"
    assert str(SourceLocation("jd.yaml", 3, 7)) == "jd.yaml:3:7"
