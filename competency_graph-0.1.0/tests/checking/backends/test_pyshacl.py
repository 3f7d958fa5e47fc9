"""The pySHACL back end: the skill closure it reads, and a position checked on the part of
the graph its rules read gives the full run's answers on that position's entities."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from competency_graph.checking.backends.pyshacl import with_skill_closure
from competency_graph.checking.engine import Checker
from competency_graph.checking.scope import owned_entities
from competency_graph.graph.files import load_graph
from competency_graph.namespaces import CG, expand_id

from ...conftest import EXAMPLES

DUTY_COVERAGE = EXAMPLES / "job-descriptions" / "invalid" / "duty-coverage"


def test_the_skill_closure_is_reflexive_and_follows_broader_skills() -> None:
    a, b, c = (URIRef(f"http://example.org/{name}") for name in "abc")
    graph = Graph()
    graph.add((a, SKOS.broader, b))
    graph.add((b, SKOS.broader, c))
    graph.add((c, RDF.type, CG.Skill))
    closed = with_skill_closure(graph)
    covered = sorted((str(s)[-1], str(o)[-1]) for s, o in closed.subject_objects(CG.coversSkill))
    assert covered == [("a", "a"), ("a", "b"), ("a", "c"), ("b", "b"), ("b", "c"), ("c", "c")]
    assert len(graph) == 3  # the graph given is left as it was


def test_a_position_checked_by_pyshacl_gives_its_share_of_the_full_pyshacl_run() -> None:
    checker = Checker(load_graph(sorted(DUTY_COVERAGE.glob("*.ttl"))), engine="pyshacl")
    full = checker.check_graph(reasoner=False)
    position = expand_id("position:example-uncovered-duty")
    owned = {str(node) for node in owned_entities(checker.working, position)}
    focused = checker.check_position(str(position))
    assert focused.violations == [v for v in full.violations if v.focus in owned]
    assert [v.rule_id for v in focused.violations] == ["duty-coverage"]
