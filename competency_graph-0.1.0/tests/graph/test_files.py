"""Loading RDF: imports resolved offline, and every syntax error located."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
        # cut inside a string literal: located at the quote that opens it
        ("turtle_cut_inside_a_string.ttl", 6, 16, "this string literal is never closed"),
        ("turtle_cut_inside_a_long_string.ttl", 6, 21, "this string literal is never closed"),
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


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
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


# -- hostile input: bounded and offline --------------------------------------------------------


@pytest.fixture()
def context_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that serves a JSON-LD context and records every fetch."""
    fetched: list[str] = []

    class Context(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fetched.append(self.path)
            body = b'{"@context": {"cg": "https://w3id.org/competency-graph/ontology#"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", fetched
    finally:
        server.shutdown()
        server.server_close()


POSITION = "https://w3id.org/competency-graph/id/position/x"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    "document",
    [
        {"@context": "{url}"},
        {"@context": " {url}"},
        {"@context": "\t{url}"},
        {"@context": "\n{url}"},
        {"@context": "\r\n {url}"},
        {"@context": "{URL}"},
        {"@context": "{netpath}"},
        {"@context": ["{url}", {"cg": "https://w3id.org/competency-graph/ontology#"}]},
        {"@context": {"@version": 1.1, "@import": " {url}"}},
        {
            "@context": {
                "@version": 1.1,
                "p": {"@id": "https://example.org/p", "@context": "{url}"},
            },
            "p": {"@id": "https://example.org/q"},
        },
    ],
    ids=[
        "plain",
        "space",
        "tab",
        "newline",
        "crlf-space",
        "upper-case",
        "network-path",
        "list",
        "import",
        "scoped",
    ],
)
def test_a_jsonld_context_is_never_fetched_however_it_is_spelled(
    context_server: tuple[str, list[str]], tmp_path: Path, document: dict[str, object]
) -> None:
    url, fetched = context_server
    text = json.dumps({**document, "@id": POSITION, "@type": "cg:Position"}, indent=1)
    text = text.replace("{url}", f"{url}/context").replace("{URL}", f"{url.upper()}/context")
    text = text.replace("{netpath}", url.removeprefix("http:") + "/context")
    path = tmp_path / "position.jsonld"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_files([path])
    error = raised.value
    assert "is a remote document; contexts are not fetched" in error.message
    assert error.path == str(path)
    assert error.line is not None
    assert fetched == []


@pytest.mark.timeout(10)
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_a_local_jsonld_context_must_be_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "context.jsonld")
    data = tmp_path / "position.jsonld"
    data.write_text(f'{{"@context": "context.jsonld", "@id": "{POSITION}"}}', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_files([data])
    assert raised.value.path == str(tmp_path / "context.jsonld")
    assert raised.value.message == "a named pipe (FIFO): only regular files are read"


@pytest.mark.timeout(20)
def test_an_rdfxml_entity_bomb_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as raised:
        load_files([BAD / "rdfxml_entity_bomb.rdf"])
    assert time.perf_counter() - started < 2
    error = raised.value
    assert error.message.startswith("RDF/XML entity declarations (<!ENTITY lol ...>) are not read")
    assert error.line == 4


def test_an_rdfxml_external_entity_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        load_files([BAD / "rdfxml_external_entity.rdf"])
    assert raised.value.message.startswith("RDF/XML entity declarations (<!ENTITY secret ...>)")
    assert raised.value.line == 3


def test_an_rdfxml_doctype_without_entities_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "doctype.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="{POSITION}"/></rdf:RDF>\n',
        encoding="utf-8",
    )
    assert len(load_files([path]).graph) == 0


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("value", "words", "column"),
    [
        ("[" * 5000 + "]" * 5000, "nested deeper than 100 levels", 101),
        ("9" * 5000, "a number of 5,000 digits", 2),
    ],
    ids=["deep", "long-number"],
)
def test_deep_or_huge_jsonld_is_located(
    tmp_path: Path, value: str, words: str, column: int
) -> None:
    path = tmp_path / "hostile.jsonld"
    path.write_text(f'{{"@id": "{POSITION}",\n"https://example.org/p":\n {value}}}', "utf-8")
    with pytest.raises(InputError) as raised:
        load_files([path])
    error = raised.value
    assert words in error.message
    assert (error.line, error.column) == (3, column)


def test_a_loop_of_links_is_an_input_error(tmp_path: Path) -> None:
    loop = tmp_path / "x.ttl"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="a loop of symbolic links") as raised:
        load_files([loop])
    assert raised.value.path == str(loop)


@pytest.mark.timeout(10)
def test_a_device_named_like_rdf_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "x.ttl"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"a device \(a link to /dev/zero\)"):
        load_files([link])


def test_with_an_error_list_every_file_is_tried_and_the_bad_ones_left_out(tmp_path: Path) -> None:
    errors: list[InputError] = []
    bad = BAD / "turtle_missing_dot.ttl"
    good = FIXTURES / "statements" / "tricky_turtle.ttl"
    loaded = load_files([bad, tmp_path / "missing.ttl", good], errors=errors)
    assert [(e.path, e.line) for e in errors] == [
        (str(bad), 5),
        (str(tmp_path / "missing.ttl"), None),
    ]
    assert loaded.files == [good]
    with pytest.raises(InputError):  # without the list, the first error is raised
        load_files([bad, good])
