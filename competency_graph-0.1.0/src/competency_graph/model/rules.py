"""The rule catalogue, read from ``ontology/rules.ttl`` (rules are data, not code).

A rule is a domain object like a position: the read model's cache keeps the catalogue, the
API lists it, the checker (:mod:`competency_graph.checking`) selects and runs the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from competency_graph.errors import InputError
from competency_graph.model.domain import Text
from competency_graph.namespaces import CG, compact_id

OWL_CONSISTENCY = "owl-consistency"


class Severity(StrEnum):
    """How serious a violation is. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """3 for error, 2 for warning, 1 for info."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Rule:
    """One consistency rule: id, severity, bilingual title/message/fix, and its sources."""

    iri: str
    id: str
    severity: Severity
    title: Text
    message: Text
    fix: Text
    source_norms: tuple[str, ...]
    source_principle: str
    #: the practice or principle in both languages (``source_principle`` is its English text)
    source_principles: Text = field(default_factory=Text)
    #: the fix for a YAML or JSON job description, naming the format's fields
    yaml_fix: Text = field(default_factory=Text)
    #: the legal norms by name (``Labour Code of the RF, art. 68``), as ``source_norms``
    norm_names: tuple[Text, ...] = ()
    #: ids the rule had before it was renamed (``cg:formerRuleId``): still accepted
    former_ids: tuple[str, ...] = ()
    #: ``render`` checks a position against this rule first (``cg:checkedBeforeRendering``)
    before_rendering: bool = False

    @property
    def source(self) -> str:
        """The sources in one line (English): the practice or principle, then the norms."""
        return self.source_label("en")

    def source_label(self, lang: str) -> str:
        """The sources in one line, in ``lang``: ``principle; Labour Code of the RF, art. 68``
        (a norm with no name in the graph by its id)."""
        principle = self.source_principles.get(lang) if lang != "en" else None
        principle = principle or self.source_principle
        names = self.norm_names or tuple(Text() for _ in self.source_norms)
        norms = ", ".join(
            name.get(lang) or compact_id(norm)
            for norm, name in zip(self.source_norms, names, strict=True)
        )
        if principle and norms:
            principle = principle.rstrip(".")
        return "; ".join(part for part in (principle, norms) if part)


def _text(graph: Graph, node: URIRef, predicate: URIRef) -> Text:
    ru = en = None
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal):
            if value.language == "ru":
                ru = str(value)
            elif value.language in ("en", None):
                en = str(value)
    return Text(ru=ru, en=en)


def _norm_name(graph: Graph, norm: URIRef) -> Text:
    """A legal norm's name in both languages (:func:`article_name` of its labels)."""
    label = _text(graph, norm, RDFS.label)
    ru, en = (article_name(text) if text else None for text in (label.ru, label.en))
    return Text(ru=ru, en=en)


def article_name(label: str) -> str:
    """A legal norm's name: its label without the article's title (``ТК РФ, ст. 68`` of
    ``ТК РФ, ст. 68. Оформление приема на работу``)."""
    return _NAMED_ARTICLE.sub(r"\1", label)


#: an article's label: its name (up to the article number), then its title
_NAMED_ARTICLE = re.compile(r"^(.*?\d[\w.]*?)\. .*$", re.S)


def read_rules(graph: Graph) -> dict[str, Rule]:
    """Every ``cg:Rule`` in ``graph`` by id, in catalogue order of ids (the norms a rule
    cites are named by their labels when ``graph`` has them)."""
    rules: dict[str, Rule] = {}
    for node in graph.subjects(RDF.type, CG.Rule):
        if not isinstance(node, URIRef):
            continue
        rule_id = str(graph.value(node, CG.ruleId) or "")
        severity_iri = graph.value(node, CG.severity)
        severity_name = str(severity_iri).rsplit("#", 1)[-1] if severity_iri else ""
        if not rule_id or severity_name not in {s.value for s in Severity}:
            raise InputError(f"rule <{node}> needs cg:ruleId and cg:severity error|warning|info")
        principle = _text(graph, node, CG.sourcePrinciple)
        norms = tuple(sorted(str(n) for n in graph.objects(node, CG.sourceNorm)))
        rules[rule_id] = Rule(
            iri=str(node),
            id=rule_id,
            severity=Severity(severity_name),
            title=_text(graph, node, RDFS.label),
            message=_text(graph, node, CG.message),
            fix=_text(graph, node, CG.fixHint),
            yaml_fix=_text(graph, node, CG.yamlFixHint),
            source_norms=norms,
            norm_names=tuple(_norm_name(graph, URIRef(norm)) for norm in norms),
            source_principle=principle.get("en"),
            source_principles=principle,
            former_ids=tuple(sorted(str(f) for f in graph.objects(node, CG.formerRuleId))),
            before_rendering=graph.value(node, CG.checkedBeforeRendering) == Literal(True),
        )
    return dict(sorted(rules.items()))
