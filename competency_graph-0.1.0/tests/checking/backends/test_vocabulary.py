"""The vocabulary evaluator (rule references): undefined IRIs of the project's namespaces and
values outside closed value sets, found from the ontology, each with a "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from competency_graph.checking.backends.vocabulary import VocabularyEvaluator, in_project, short
from competency_graph.checking.engine import Checker
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import LoadedGraph, load_graph
from competency_graph.namespaces import CG, ID_BASE

from ...conftest import EXAMPLES

REFERENCES = EXAMPLES / "job-descriptions" / "invalid" / "references"
TYPOS = REFERENCES / "typos-in-closed-value-sets.ttl"
TERMS = REFERENCES / "misspelt-property-class-and-literal.ttl"


def _evaluator(path: Path) -> VocabularyEvaluator:
    return VocabularyEvaluator(WorkingGraph.of(load_graph([path]).graph))


def test_the_closed_value_sets_are_read_from_the_ontologys_one_of_lists(
    shipped: LoadedGraph,
) -> None:
    vocabulary = VocabularyEvaluator(WorkingGraph.of(shipped.graph)).vocabulary
    closed = {
        short(prop): short(cls)
        for prop, classes in vocabulary.ranges.items()
        for cls in classes
        if cls in vocabulary.members
    }
    assert closed == {
        "cg:agreementRole": "cg:AgreementRole",
        "cg:educationLevel": "cg:EducationLevel",
        "cg:employmentType": "cg:EmploymentType",
        "cg:jobLocationType": "cg:JobLocationType",
        "cg:liabilityKind": "cg:LiabilityKind",
        "cg:materialLiabilityLimit": "cg:LiabilityLimit",
        "cg:necessity": "cg:Necessity",
        "cg:severity": "cg:Severity",
        "cg:status": "cg:DocumentStatus",
    }
    assert [short(str(m)) for m in vocabulary.members[str(CG.DocumentStatus)]] == [
        "cg:draft",
        "cg:agreed",
        "cg:approved",
        "cg:in-force",
    ]


def test_the_shipped_ontology_names_nothing_undefined(shipped: LoadedGraph) -> None:
    assert list(VocabularyEvaluator(WorkingGraph.of(shipped.graph)).findings(None)) == []


def test_typos_in_closed_value_sets_are_found_on_the_entity_that_states_them() -> None:
    findings = sorted(
        (short(str(f.focus)), short(str(f.path)), short(str(f.value)), f.detail.en)
        for f in _evaluator(TYPOS).findings(None)
    )
    jd = "jd:example-closed-set-typos"
    assert findings == [
        (
            jd,
            "cg:agreementRole",
            "cg:legal",
            "the value of 'agreement role' (cg:agreementRole), but nothing in the graph "
            "defines it (did you mean cg:legal-service?)",
        ),
        (
            jd,
            "cg:status",
            "cg:inforce",
            "the value of 'status' (cg:status), but nothing in the graph defines it "
            "(did you mean cg:in-force?)",
        ),
        (
            "requirement:example-closed-set-typos-client-relationships",
            "cg:necessity",
            "cg:esential",
            "the value of 'necessity' (cg:necessity), but nothing in the graph defines it "
            "(did you mean cg:essential?)",
        ),
        (
            "responsibility:example-closed-set-typos",
            "cg:liabilityKind",
            "cg:disciplinary",
            "the value of 'liability kind' (cg:liabilityKind), but nothing in the graph "
            "defines it (did you mean cg:disciplinary-liability?)",
        ),
    ]


def test_a_misspelt_property_a_misspelt_class_and_a_literal_in_a_closed_set() -> None:
    details = {short(str(f.value)): f.detail for f in _evaluator(TERMS).findings(None)}
    assert details["cg:necesity"].en == (
        "a property, but the ontology defines no property cg:necesity (did you mean cg:necessity?)"
    )
    assert details["cg:SkilRequirement"].en == (
        "its class (rdf:type), but the ontology defines no such class "
        "(did you mean cg:SkillRequirement?)"
    )
    assert details["in-force"].en == (
        "the value of 'status' (cg:status), which takes only one of cg:draft, cg:agreed, "
        "cg:approved, cg:in-force (cg:DocumentStatus) (did you mean cg:in-force?)"
    )
    assert details["in-force"].ru == (
        "значение свойства «статус» (cg:status), а допустимо только одно из: cg:draft, "
        "cg:agreed, cg:approved, cg:in-force (cg:DocumentStatus) "
        "(может быть, имелось в виду cg:in-force?)"
    )


def test_an_undefined_iri_with_nothing_close_gets_no_suggestion(shipped: LoadedGraph) -> None:
    graph = Graph()
    graph += shipped.graph
    position = URIRef(ID_BASE + "position/account-manager")
    graph.add((position, CG.inWorkCategory, CG["circus-performers"]))
    (finding,) = VocabularyEvaluator(WorkingGraph.of(graph)).findings(None)
    assert (finding.focus, finding.value) == (position, CG["circus-performers"])
    assert finding.detail.en.endswith("but nothing in the graph defines it")


def test_only_the_projects_namespaces_must_name_something_defined() -> None:
    assert in_project(str(CG.status)) and in_project(ID_BASE + "skill/excel")
    assert not in_project("http://data.europa.eu/esco/skill/1")
    assert not in_project("https://w3id.org/competency-graph/seed/000")


@pytest.mark.parametrize("path", [TYPOS, TERMS], ids=lambda p: p.name)
def test_a_position_check_finds_the_same_on_what_the_position_owns(path: Path) -> None:
    checker = Checker(load_graph([path]))
    position = next(
        str(p) for p in checker.loaded.graph.subjects() if "/position/example-" in str(p)
    )
    scope = PositionScope.of(checker.working, position)
    evaluator = VocabularyEvaluator(checker.working)
    whole = {(f.focus, f.value) for f in evaluator.findings(None) if f.focus in scope.owned}
    assert {(f.focus, f.value) for f in evaluator.findings(scope)} == whole
    assert whole
