"""The compiled back end: every shipped shape compiles, every compiled SHACL parameter gives
pySHACL's answers (one fixture per parameter, data-driven as pySHACL's own tests), and what
the compiler does not translate is named, not silently skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from competency_graph.checking.backends.compiled import (
    CONSTRAINTS,
    CompiledBackend,
    CompiledShapes,
    Fallback,
    compile_shapes,
)
from competency_graph.checking.backends.pyshacl import PyshaclBackend
from competency_graph.checking.shapes import shipped_shapes
from competency_graph.checking.violations import Finding, node_text
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import load_files
from competency_graph.namespaces import SH

from ...conftest import FIXTURES

COMPILED = FIXTURES / "compiled"
CASES = sorted(COMPILED.glob("*.ttl"))


def node_shapes(graph: Graph) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def test_every_shipped_shape_compiles_without_falling_back_to_pyshacl() -> None:
    shapes = shipped_shapes()
    every = node_shapes(shapes.graph)
    assert len(every) == len(shapes.rule_of_shape.keys() & set(every)) > 0
    compiled = compile_shapes(shapes.graph, every)
    assert compiled.fallbacks == ()
    assert {constraint.shape for constraint in compiled.constraints} == set(every)


def test_every_compiled_parameter_has_a_fixture_holding_it_to_pyshacl() -> None:
    named = {path.stem for path in CASES}
    assert {str(parameter).removeprefix(str(SH)) for parameter in CONSTRAINTS} <= named


EX = "http://example.org/"


def _text(node: Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, Literal):  # numbers in canonical form, as the reports show them
        tag = f"@{node.language}" if node.language else ""
        if node.datatype is not None and node.datatype != XSD.string:
            tag = "^^" + str(node.datatype).replace(str(XSD), "xsd:")
        return f'"{node_text(node)}"{tag}'
    return str(node).replace(EX, "ex:") if str(node).startswith(EX) else f"<{node}>"


def _answers(findings: list[Finding]) -> list[str]:
    """``focus path value`` per result; the value left out when it is the focus (as the
    checker's messages do)."""
    return sorted(
        " ".join(
            (
                _text(f.focus),
                _text(f.path),
                _text(None if f.value == f.focus else f.value),
            )
        )
        for f in findings
    )


def _expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(line.removeprefix("# expect:").strip() for line in lines if "# expect:" in line)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_compiled_results_equal_pyshacl_results_and_the_stated_ones(path: Path) -> None:
    graph = load_files([path], follow_imports=False).graph  # the shapes and the data
    shapes = node_shapes(graph)
    backend = CompiledBackend(graph, WorkingGraph.of(graph).store)
    compiled = backend.compile(shapes)
    assert compiled.fallbacks == ()
    fast = _answers(list(backend.findings(compiled, None)))
    reference = _answers(PyshaclBackend(graph, graph).findings(shapes, None))
    assert fast == reference == _expected(path)


SHAPE_PREAMBLE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
"""


@pytest.mark.parametrize(
    ("shape", "reason"),
    [
        ("sh:targetNode ex:anna ; sh:class ex:Person", "uses sh:targetNode"),
        ("sh:property [ sh:path ex:name ; sh:minCount 1 ]", "has no sh:targetClass"),
        (
            "sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minLength 2 ]",
            "uses sh:minLength",
        ),
        (
            "sh:targetClass ex:Person ; sh:property [ sh:path ( ex:knows ex:name ) ; "
            "sh:minCount 1 ]",
            "uses an sh:path that is not a single predicate",
        ),
        (
            "sh:targetClass ex:Person ; sh:sparql [ sh:ask 'ASK {}' ]",
            "uses sh:sparql without sh:select",
        ),
        ("sh:targetClass ex:Person ; sh:minCount 1", "uses sh:minCount on a node shape"),
        (
            "sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minCount 'one' ]",
            "uses an sh:minCount that is not an integer",
        ),
        (
            "sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:nodeKind ex:Odd ]",
            "uses sh:nodeKind <http://example.org/Odd>",
        ),
    ],
)
def test_a_shape_beyond_the_compiler_becomes_a_fallback_naming_what_it_uses(
    shape: str, reason: str
) -> None:
    graph = Graph().parse(
        data=f"{SHAPE_PREAMBLE}ex:Shape a sh:NodeShape ; {shape} .", format="turtle"
    )
    compiled = compile_shapes(graph, [URIRef("http://example.org/Shape")])
    assert compiled.constraints == ()
    assert compiled.fallbacks == (Fallback(URIRef("http://example.org/Shape"), reason),)


def test_the_compiled_form_of_a_selection_is_made_once() -> None:
    shapes = shipped_shapes()
    backend = CompiledBackend(shapes.graph, WorkingGraph.of(Graph()).store)
    selection = node_shapes(shapes.graph)[:2]
    assert backend.compile(selection) is backend.compile(list(selection))


COVERING = "(skos:broader|skos:exactMatch|^skos:exactMatch)*"


def _coverage_shapes(marked: bool, path: str = COVERING) -> Graph:
    """A shape asking which skills a duty's skill covers (itself, broader ones, the same in
    another scheme): marked or not."""
    mark = "cg:readsSkillClosure true ;" if marked else ""
    return Graph().parse(
        format="turtle",
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix cg: <https://w3id.org/competency-graph/ontology#> .
        <{EX}Covered> a sh:NodeShape ; sh:targetClass cg:Duty ;
            sh:sparql [ {mark} sh:select '''
                PREFIX cg: <https://w3id.org/competency-graph/ontology#>
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT $this ?value WHERE {{ $this cg:supportedBy/{path} ?value }}''' ] .
        """,
    )


def test_a_marked_constraint_reads_the_covering_path_from_the_skill_closure() -> None:
    (marked,) = compile_shapes(_coverage_shapes(True), [URIRef(EX + "Covered")]).constraints
    assert "cg:supportedBy/<https://w3id.org/competency-graph/ontology#coversSkill> ?value" in (
        marked.query
    )
    (unmarked,) = compile_shapes(_coverage_shapes(False), [URIRef(EX + "Covered")]).constraints
    assert f"cg:supportedBy/{COVERING} ?value" in unmarked.query
    assert marked.component == unmarked.component == SH.SPARQLConstraintComponent
    # skos:broader* alone is not what the closure holds (it crosses exactMatch): walked
    (broader_only,) = compile_shapes(
        _coverage_shapes(True, "skos:broader*"), [URIRef(EX + "Covered")]
    ).constraints
    assert "cg:supportedBy/skos:broader* ?value" in broader_only.query
    data = Graph().parse(
        format="turtle",
        data=f"""
        @prefix cg: <https://w3id.org/competency-graph/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <{EX}report> a cg:Duty ; cg:supportedBy <{EX}excel> .
        <{EX}excel> skos:broader <{EX}office> .
        <{EX}spreadsheets> skos:exactMatch <{EX}excel> .
        """,
    )
    store = WorkingGraph.of(data).store
    for constraint in (marked, unmarked):  # the closure and the walk: the same answers
        found = CompiledBackend(Graph(), store).findings(CompiledShapes((constraint,)), None)
        assert _answers(list(found)) == [
            "ex:report - ex:excel",
            "ex:report - ex:office",
            "ex:report - ex:spreadsheets",
        ]
