"""Violation building: messages filled in the report's language, labels, canonical values,
and the violations of what HermiT found."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from competency_graph.checking import violations
from competency_graph.checking.backends.hermit import ReasonerResult
from competency_graph.checking.shapes import shipped_shapes
from competency_graph.checking.violations import (
    Finding,
    Labels,
    ViolationBuilder,
    fill,
    in_language,
    node_text,
    shacl_message,
)
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import LoadedGraph
from competency_graph.model.rules import read_rules
from competency_graph.namespaces import CG, ID_BASE, expand_id

EXCEL = expand_id("skill:ms-excel")
NO_LABEL = URIRef(ID_BASE + "skill/example-without-label")


@pytest.fixture(scope="module")
def builder(shipped: LoadedGraph) -> ViolationBuilder:
    working = WorkingGraph.of(shipped.graph)
    return ViolationBuilder(read_rules(shipped.graph), shipped_shapes(), working, shipped)


def test_fill_puts_labels_and_the_detail_with_its_own_value_in_the_template() -> None:
    template = "'{focus}': {detail} ({value})"
    assert fill(template, "Manager", "PM", "label '{?value}' is short") == (
        "'Manager': label 'PM' is short (PM)"
    )
    assert fill(template, "Manager", None, "no value") == "'Manager': no value ()"
    assert fill("{detail}", "Manager", "PM", "{$this}: '{$value}'") == "Manager: 'PM'"


def test_a_shape_message_is_a_shacl_template() -> None:
    template = "{?value} of {$this}, {?path} unbound, {value} not a variable"
    assert shacl_message(template, {"this": "Manager", "value": "PM"}) == (
        "PM of Manager, {?path} unbound, {value} not a variable"
    )


def test_numbers_are_shown_in_one_canonical_form() -> None:
    assert node_text(Literal("2.50", datatype=XSD.decimal)) == "2.5"
    assert node_text(Literal("100", datatype=XSD.integer)) == "100"
    assert node_text(Literal("1E2", datatype=XSD.double)) == "100"
    assert node_text(Literal("n/a", datatype=XSD.decimal)) == "n/a"
    assert node_text(Literal("007")) == "007"
    assert node_text(None) == ""


def test_a_message_comes_in_the_language_asked_then_english_then_untagged() -> None:
    messages = [Literal("короткая", lang="ru"), Literal("short", lang="en"), Literal("plain")]
    assert in_language(messages, "ru") == "короткая"
    assert in_language(messages[1:], "ru") == "short"
    assert in_language(messages[2:], "ru") == "plain"
    assert in_language([], "ru") == ""


@pytest.mark.parametrize("bulk", [False, True], ids=["one by one", "all at once"])
def test_labels_fall_back_to_the_other_language_then_to_the_id(
    shipped: LoadedGraph, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    if bulk:
        monkeypatch.setattr(violations, "BULK_LABELS", 0)
    label = Labels(WorkingGraph.of(shipped.graph))
    assert label(EXCEL, "en") == "Microsoft Excel"
    assert label(NO_LABEL, "en") == "skill:example-without-label"
    assert label(Literal("3.0", datatype=XSD.decimal), "en") == "3"
    assert label(None, "en") == ""


def test_a_finding_of_a_shape_of_no_rule_makes_no_violation(builder: ViolationBuilder) -> None:
    stray = Finding(
        URIRef("http://example.org/Shape"), URIRef("http://example.org/c"), EXCEL, None, None
    )
    assert builder.from_finding(stray, "en") is None


def test_hermits_findings_become_owl_consistency_violations_with_labels(
    builder: ViolationBuilder,
) -> None:
    rule = builder.catalogue["owl-consistency"]
    why = f"<{EXCEL}> is an instance of both <{CG.Language}> and <{CG.Tool}>, which are disjoint"
    result = ReasonerResult(
        consistent=False,
        culprits=[(str(EXCEL), why)],
        culprits_ru=[(str(EXCEL), f"<{EXCEL}> противоречива")],
        unsatisfiable_classes=[str(CG.Tool)],
    )
    english = builder.from_reasoner(rule, result, "en")
    assert [(v.rule_id, v.focus, v.focus_label, v.message) for v in english] == [
        (
            "owl-consistency",
            str(EXCEL),
            "Microsoft Excel",
            "The ontology is not logically consistent or has an unsatisfiable class: the "
            "ontology is inconsistent: 'Microsoft Excel' is an instance of both 'Language' and "
            "'Tool or software', which are disjoint.",
        ),
        (
            "owl-consistency",
            str(CG.Tool),
            "Tool or software",
            "The ontology is not logically consistent or has an unsatisfiable class: class "
            "'Tool or software' is unsatisfiable.",
        ),
    ]
    (russian, _) = builder.from_reasoner(rule, result, "ru")
    assert russian.message == (
        "Онтология логически противоречива или содержит невыполнимый класс: онтология "
        "противоречива: 'Microsoft Excel' противоречива."
    )


def test_an_unexplained_inconsistency_lands_on_the_ontology_with_hermits_words(
    builder: ViolationBuilder,
) -> None:
    rule = builder.catalogue["owl-consistency"]
    result = ReasonerResult(consistent=False, explanation="HermiT: clash")
    (violation,) = builder.from_reasoner(rule, result, "en")
    assert violation.focus == violations.ONTOLOGY_IRI
    assert violation.location is None
    assert violation.message.endswith("the ontology is inconsistent.\nHermiT: clash")
