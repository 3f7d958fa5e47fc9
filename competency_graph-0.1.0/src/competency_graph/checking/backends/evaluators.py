"""Rule evaluators: rules implemented in Python instead of SHACL, and their registry.

Most rules are SHACL shapes (:mod:`.compiled`, :mod:`.pyshacl`). A few judge what SHACL
cannot say well:

- ``discriminatory-wording`` (:mod:`.wording`) reads the words of vacancies and job
  descriptions with a Russian morphology library and pattern rules: SPARQL regular
  expressions know neither inflection nor word order;
- ``references`` (:mod:`.vocabulary`) also checks every IRI of the project's namespaces
  against what the graph defines, and every value of a closed value set against its members,
  with a "did you mean" drawn from the candidates: a string distance SPARQL does not have.

An evaluator is built once per checker over its working graph and asked for the findings of
the whole graph or of one position's scope (only findings whose focus the position owns). A
finding is a focus, a property, a value and its own ``{detail}`` in both languages; the
checker fills the rule's message with it like a SHACL result's ``sh:message``. A rule may have
both shapes and an evaluator (``references``): the checker runs both.

The registry, :data:`EVALUATORS`, maps a rule id to the evaluator's class, named by module
path so that a check that skips the rule never imports it (pymorphy3's dictionaries take a
while to load).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from rdflib import URIRef
from rdflib.term import Node

from competency_graph.checking.report import Violation
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.violations import ViolationBuilder, fill, in_fields, node_text
from competency_graph.checking.working import WorkingGraph
from competency_graph.model.domain import Text
from competency_graph.model.rules import Rule, Severity


@dataclass(frozen=True)
class RuleFinding:
    """What an evaluator found: where, and what to say about it."""

    focus: Node
    path: URIRef | None
    value: Node | None
    #: the ``{detail}`` of the rule's message, per language
    detail: Text
    #: a severity below the rule's (a ground that is restricted, not protected); None: the rule's
    severity: Severity | None = None
    #: the legal norms of this finding (the ground's), cited instead of the rule's own
    norms: tuple[str, ...] = ()


class RuleEvaluator(Protocol):
    """A rule implemented in Python, built once per checker over its working graph."""

    def __init__(self, working: WorkingGraph) -> None: ...

    def findings(self, scope: PositionScope | None) -> Iterable[RuleFinding]:
        """The findings in the whole graph (``scope`` None) or on the scope's entities."""
        ...


#: rule id -> ``module:Class`` of its evaluator (imported when the rule first runs)
EVALUATORS: dict[str, str] = {
    "discriminatory-wording": "competency_graph.checking.backends.wording:WordingEvaluator",
    "references": "competency_graph.checking.backends.vocabulary:VocabularyEvaluator",
}


def evaluator_class(rule_id: str) -> type[RuleEvaluator] | None:
    """The evaluator class of ``rule_id``, or None when the rule has none."""
    target = EVALUATORS.get(rule_id)
    if target is None:
        return None
    module, _, name = target.partition(":")
    found: type[RuleEvaluator] = getattr(importlib.import_module(module), name)
    return found


def violation_of(
    builder: ViolationBuilder, rule: Rule, finding: RuleFinding, lang: str
) -> Violation:
    """The violation of ``rule`` that ``finding`` stands for, in ``lang``."""
    focus_label = builder.label(finding.focus, lang)
    value = finding.value
    value_label = builder.label(value, lang) if value is not None else None
    source, source_label = rule.source, rule.source_label(lang)
    if finding.norms:  # the ground's norms, by name like the rule's own
        norms, norms_here = (builder.norm_names(finding.norms, lg) for lg in ("en", lang))
        principle = rule.source_principle.rstrip(".")
        principle_here = (rule.source_principles.get(lang) or rule.source_principle).rstrip(".")
        source = f"{principle}; {norms}" if principle else norms
        source_label = f"{principle_here}; {norms_here}" if principle_here else norms_here
    # at the statement to fix, in the input's words (a YAML field, not a property)
    location = builder.locate(finding.focus, finding.path, value)
    in_yaml = location is not None and location.field is not None
    detail = finding.detail.get(lang)
    return Violation(
        rule_id=rule.id,
        severity=finding.severity or rule.severity,
        message=fill(
            rule.message.get(lang),
            focus_label,
            value_label,
            in_fields(detail) if in_yaml else detail,
        ),
        focus=node_text(finding.focus),
        focus_label=focus_label,
        path=str(finding.path) if finding.path is not None else None,
        value=node_text(value) if value is not None else None,
        value_label=value_label,
        fix=builder.fix(rule, None, lang, in_yaml),
        source=source,
        source_label=source_label,
        location=location,
    )
