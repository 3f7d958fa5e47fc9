"""The one skill closure: a skill covers itself and every broader skill, transitively, and
the read model, the checker's working store and the rdflib copy pySHACL reads agree."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from competency_graph.checking.backends.pyshacl import with_skill_closure
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.skills import covered_skills, covers_skill_triples, skill_coverage
from competency_graph.model.matching import match_index
from competency_graph.model.readmodel import build_read_model
from competency_graph.namespaces import CG

EX = "https://example.org/skill/"
#: excel -> office -> software; a cycle a <-> b
BROADER = {"excel": ["office"], "office": ["software"], "a": ["b"], "b": ["a"]}
SKILLS_TTL = f"""
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{EX}excel> a cg:Tool ; skos:broader <{EX}office> .
<{EX}office> skos:broader <{EX}software> .
<https://example.org/duty/report> cg:supportedBy <{EX}sql> , "a literal, not a skill" .
"""


def test_a_skill_covers_itself_and_every_broader_skill() -> None:
    assert covered_skills("excel", BROADER) == {"excel", "office", "software"}
    assert covered_skills("software", BROADER) == {"software"}
    assert covered_skills("unknown", BROADER) == {"unknown"}


def test_a_cycle_ends() -> None:
    assert covered_skills("a", BROADER) == {"a", "b"}


def test_coverage_pairs_every_skill_with_what_it_covers() -> None:
    assert sorted(skill_coverage(BROADER, ["excel", "software"])) == [
        ("excel", "excel"),
        ("excel", "office"),
        ("excel", "software"),
        ("software", "software"),
    ]


def test_the_skills_of_a_graph_are_typed_named_or_narrower() -> None:
    graph = Graph().parse(data=SKILLS_TTL, format="turtle")
    graph.parse(data=_SUBCLASS, format="turtle")
    found = {(str(s)[len(EX) :], str(o)[len(EX) :]) for s, _, o in covers_skill_triples(graph)}
    assert found == {
        ("excel", "excel"),  # a cg:Tool, a subclass of cg:Skill
        ("excel", "office"),
        ("excel", "software"),
        ("office", "office"),  # has a broader skill
        ("office", "software"),
        ("sql", "sql"),  # named by a duty; the literal is not a skill
    }
    assert all(p == CG.coversSkill for _, p, _ in covers_skill_triples(graph))


_SUBCLASS = """
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
cg:Tool rdfs:subClassOf cg:Skill .
"""


def test_the_working_store_and_the_rdflib_copy_hold_the_same_closure() -> None:
    graph = Graph().parse(data=SKILLS_TTL + _SUBCLASS, format="turtle")
    in_rdflib = set(with_skill_closure(graph).triples((None, CG.coversSkill, None)))
    in_working = set(WorkingGraph.of(graph).store.match(None, CG.coversSkill, None))
    assert in_working == in_rdflib == set(covers_skill_triples(graph))
    assert not any(isinstance(s, Literal) for s, _, _ in in_working)


def test_the_matching_rule_answers_what_the_checker_materialises(shipped: LoadedGraph) -> None:
    """The checker's closure is the gaps' and matches' rule without closeMatch: itself,
    broader skills and exactMatch links either way (the shipped skills' ESCO IRIs)."""
    model = build_read_model(shipped.graph)
    materialised: dict[str, set[str]] = {}
    for skill, _, covered in covers_skill_triples(shipped.graph):
        if isinstance(skill, URIRef) and str(skill) in model.skills:
            materialised.setdefault(str(skill), set()).add(str(covered))
    assert len(materialised) == len(model.skills) > 100
    index = match_index(model)
    assert materialised == {iri: set(index.covered(iri)) for iri in model.skills}
    # the read model's ancestors are the broader chain alone, a part of it
    assert all(model.ancestors[iri] <= materialised[iri] for iri in model.skills)
    crossing = {iri for iri in model.skills if model.ancestors[iri] != materialised[iri]}
    assert len(crossing) > 40  # the skills with (or under one with) an ESCO exactMatch
