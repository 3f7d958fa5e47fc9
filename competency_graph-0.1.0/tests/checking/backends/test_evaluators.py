"""Rule evaluators: the registry, and how a finding becomes a violation."""

from __future__ import annotations

from rdflib import URIRef

from competency_graph.checking.backends.evaluators import (
    EVALUATORS,
    RuleFinding,
    evaluator_class,
    violation_of,
)
from competency_graph.checking.backends.vocabulary import VocabularyEvaluator
from competency_graph.checking.backends.wording import WordingEvaluator
from competency_graph.checking.engine import Checker
from competency_graph.graph.files import LoadedGraph
from competency_graph.model.domain import Text
from competency_graph.model.rules import Severity
from competency_graph.namespaces import CG, ID_BASE

from ...conftest import shipped_rule_ids


def test_each_evaluator_implements_a_rule_of_the_catalogue() -> None:
    assert set(EVALUATORS) <= set(shipped_rule_ids())
    assert evaluator_class("references") is VocabularyEvaluator
    assert evaluator_class("discriminatory-wording") is WordingEvaluator
    assert evaluator_class("labels") is None


def test_a_finding_fills_the_rules_message_with_its_own_detail_severity_and_norms(
    shipped: LoadedGraph,
) -> None:
    checker = Checker(shipped)
    rule = checker.catalogue["discriminatory-wording"]
    position = URIRef(ID_BASE + "position/account-manager")
    finding = RuleFinding(
        focus=position,
        path=CG.sourceText,
        value=CG.citizenship,
        detail=Text(en="«граждане РФ» (cg:sourceText@ru, characters 0–11)", ru="…"),
        severity=Severity.WARNING,
        norms=(ID_BASE + "norm/labour-code-art-64",),
    )
    violation = violation_of(checker.violations, rule, finding, "en")
    assert violation.message == (
        "The words of 'Account manager' set a requirement on citizenship, which the law "
        "prohibits or restricts: «граждане РФ» (cg:sourceText@ru, characters 0–11)."
    )
    assert violation.severity is Severity.WARNING
    assert violation.source == (
        "Labour Code art. 3 and 64 and the employment law: a posting's or a job description's "
        "own words must not restrict candidates by circumstances unrelated to business "
        "qualities; Labour Code of the RF, art. 64"  # the finding's norm, by name
    )
    assert (violation.focus, violation.path, violation.value) == (
        str(position),
        str(CG.sourceText),
        str(CG.citizenship),
    )
    assert violation.location is not None and violation.location.path.endswith("positions.ttl")
