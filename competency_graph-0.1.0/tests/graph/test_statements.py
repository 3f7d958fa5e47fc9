"""The Turtle statement scanner: the line of every statement with a named subject."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from competency_graph.graph.files import LoadedGraph, SourceLocation, load_files
from competency_graph.graph.statements import ANY, statement_lines
from competency_graph.namespaces import CG, ID_BASE

from ..conftest import FIXTURES, ONTOLOGY

TRICKY = FIXTURES / "statements" / "tricky_turtle.ttl"
JD = f"{ID_BASE}job-description/sample"
DUTY = f"{ID_BASE}duty/"


def test_objects_are_placed_on_their_own_lines_past_strings_and_comments() -> None:
    lines = statement_lines(TRICKY.read_text(encoding="utf-8"))
    assert lines[(JD, str(CG.includesDuty), DUTY + "first")] == 9
    assert lines[(JD, str(CG.includesDuty), DUTY + "second")] == 10
    assert lines[(JD, str(CG.includesDuty), ANY)] == 9
    assert lines[(JD, str(CG.longNote), ANY)] == 11
    # after a string that spans three lines, the count is still right
    assert lines[(JD, str(CG.grantsRight), f"{ID_BASE}right/ask")] == 18
    assert lines[(DUTY + "second", str(CG.level), ANY)] == 20


def test_a_blank_node_stands_for_what_it_says() -> None:
    lines = statement_lines(TRICKY.read_text(encoding="utf-8"))
    # the HR department's agreement is the second [ ... ], on line 15
    assert lines[(JD, str(CG.agreedBy), str(CG["legal-service"]))] == 14
    assert lines[(JD, str(CG.agreedBy), str(CG["hr-department"]))] == 15
    assert lines[(JD, str(CG.agreedBy), ANY)] == 14
    # inside a collection nothing is named: the statement is where it opens
    assert lines[(JD, str(CG.order), ANY)] == 17
    assert (JD, str(CG.order), DUTY + "first") not in lines


@pytest.mark.parametrize("path", sorted(ONTOLOGY.glob("*.ttl")), ids=lambda p: p.name)
def test_every_statement_of_the_shipped_ontology_is_found(path: Path) -> None:
    graph = Graph().parse(path)
    lines = statement_lines(path.read_text(encoding="utf-8"))
    named = [
        (str(s), str(p), str(o))
        for s, p, o in graph
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    ]
    assert named and all(statement in lines for statement in named)


def test_loaded_graph_finds_a_turtle_statement_in_the_subjects_file() -> None:
    loaded = load_files([TRICKY], follow_imports=False)
    found = loaded.statement_location(URIRef(JD), CG.includesDuty, URIRef(DUTY + "second"))
    assert found == SourceLocation(str(TRICKY), 10)
    assert loaded.statement_location(URIRef(JD), CG.agreedBy) == SourceLocation(str(TRICKY), 14)
    assert loaded.statement_location(URIRef(JD), CG.includesDuty, URIRef(DUTY + "none")) is None


def test_a_recorded_statement_wins_over_the_turtle_files() -> None:
    loaded = load_files([TRICKY], follow_imports=False)
    yaml_line = SourceLocation("jd.yaml", 4, 5, "duties[1]")
    statement = (URIRef(JD), CG.includesDuty, URIRef(DUTY + "second"))
    loaded.statements[statement] = yaml_line
    assert loaded.statement_location(*statement) == yaml_line
    assert LoadedGraph(Graph()).statement_location(*statement) is None
