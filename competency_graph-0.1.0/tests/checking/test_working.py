"""The checker's working graph: the loaded files and a store's triples in one in-memory
oxigraph store, with the skill closure, read with rdflib terms."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from competency_graph.checking.engine import Checker
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import load_graph
from competency_graph.graph.stores.rdflib import RdflibStore
from competency_graph.namespaces import CG

from ..conftest import FIXTURES

EX = "https://example.org/"
ANALYST, SQL, DATA = URIRef(f"{EX}position/analyst"), URIRef(f"{EX}skill/sql"), URIRef(f"{EX}d")
FILES = f"""
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
cg:Knowledge rdfs:subClassOf cg:Skill .
<{SQL}> a cg:Knowledge ; rdfs:label "SQL"@en , "язык SQL"@ru ; skos:broader <{DATA}> .
<{ANALYST}> cg:hasRequirement [ rdfs:label "знание SQL"@ru ; cg:requiredSkill <{SQL}> ] .
"""
STORE = f"""
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
<{ANALYST}> a cg:Position .
<{EX}duty/report> cg:supportedBy "SQL, written as text" .
"""


def working() -> WorkingGraph:
    files = Graph().parse(data=FILES, format="turtle")
    store = RdflibStore(Graph().parse(data=STORE, format="turtle"))
    return WorkingGraph.of(files, store)


def test_files_store_and_closure_in_one_store() -> None:
    found = working()
    assert len(found) == 8 + 2 + 2  # files, store, cg:coversSkill of sql (itself and data)
    assert sorted(found.objects(SQL, CG.coversSkill)) == [DATA, SQL]
    assert found.objects(DATA, CG.coversSkill) == []  # only named as broader: not a skill
    assert found.subjects(RDF.type, CG.Position) == [ANALYST]


def test_a_literal_named_as_a_skill_is_no_skill_and_no_crash() -> None:
    found = working()
    assert found.subjects(CG.coversSkill, Literal("SQL, written as text")) == []


def test_labels_types_and_blank_nodes() -> None:
    found = working()
    assert found.labels(SQL) == {"en": "SQL", "ru": "язык SQL"}
    assert found.labels(Literal("SQL")) == {}
    assert found.has_type(ANALYST) and not found.has_type(DATA)
    assert found.classes_by_node([SQL, ANALYST, Literal("x")]) == {
        SQL: {str(CG.Knowledge), str(CG.Skill)},
        ANALYST: {str(CG.Position)},
    }
    (requirement,) = found.objects(ANALYST, CG.hasRequirement)
    assert isinstance(requirement, BNode)
    # a blank node read from the store is found there again, with its label
    assert found.labels(requirement) == {"ru": "знание SQL"}
    assert found.all_labels()[requirement] == {"ru": "знание SQL"}
    assert found.all_labels()[SQL] == {"en": "SQL", "ru": "язык SQL"}


def test_instances_and_the_rdflib_copy() -> None:
    found = working()
    knowledge = found.instances(CG.Knowledge)
    assert set(knowledge.predicate_objects(SQL)) >= {(RDF.type, CG.Knowledge)}
    assert len(knowledge) == 6  # type, two labels, broader, covers itself and data
    copy = found.to_rdflib()
    assert len(copy) == len(found)
    assert (SQL, RDFS.label, Literal("язык SQL", lang="ru")) in copy


def test_a_check_reports_a_literal_where_a_skill_is_expected() -> None:
    """It used to stop with a traceback building the skill closure."""
    loaded = load_graph([FIXTURES / "checking" / "duty_supported_by_a_literal.ttl"])
    report = Checker(loaded).check_graph(rules=["references"], reasoner=False)
    assert [(v.focus, v.value) for v in report.violations] == [
        ("https://example.org/duty/report", "Excel")
    ]
