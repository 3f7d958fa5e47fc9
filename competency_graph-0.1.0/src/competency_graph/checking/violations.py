"""Violation building: a back end's raw result becomes a :class:`~.report.Violation`.

A back end (compiled SPARQL, pySHACL, HermiT) says only *which* shape or constraint matched
*which* node. Here that becomes what a person reads: the rule's message in the report's
language with the labels of the focus and value filled in, the constraint's own detail
message, the fix, the sources, and where to fix it.

Where to fix it is the statement that holds the offending value, not the entity that owns
it: for ``(job description, cg:includesDuty, duty)`` the line where the description lists
the duty; for ``(position, cg:hasRequirement, skill)`` the requirement that names the skill
(one step further); for a missing value, where the property's other values are, else the
focus itself. In a YAML job description that is also a field path (``duties[3]``,
``agreements``), and the message and fix speak of the format's fields, not of properties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from competency_graph.checking.backends.hermit import ReasonerResult
from competency_graph.checking.report import Location, ShaclResult, Violation
from competency_graph.checking.shapes import Shapes
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import LoadedGraph, SourceLocation
from competency_graph.graph.terms import Triple
from competency_graph.model.rules import Rule, article_name
from competency_graph.namespaces import CG, PREFIXES, SH, compact_id

#: the languages a violation's message is given in (the SHACL report carries each)
MESSAGE_LANGUAGES = ("en", "ru")

#: after this many labels looked up one by one in one report, the labels are all read in
#: one scan (0.1 s for ESCO's 18k labels, against ~10 us each)
BULK_LABELS = 2_000
#: the focus of an owl-consistency violation that names no entity: the ontology itself
ONTOLOGY_IRI = "https://w3id.org/competency-graph/ontology"


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result as a back end gives it, before labels and messages."""

    shape: Node  # the node shape or property shape the result comes from
    constraint: Node  # what holds its sh:message: the sh:sparql node or the shape itself
    focus: Node | None
    path: Node | None
    value: Node | None
    component: Node | None = None  # sh:sourceConstraintComponent, when the back end says


class Labels:
    """``rdfs:label`` of nodes in a language, looked up one by one until a report needs
    many, then read all at once (and kept for the checker's later reports)."""

    def __init__(self, working: WorkingGraph) -> None:
        self.working = working
        self._all: dict[Node, dict[str, str]] | None = None
        self._lookups = 0

    def new_report(self) -> None:
        """Count lookups afresh: one large report reads all labels, many small ones never."""
        self._lookups = 0

    def __call__(self, node: Node | None, lang: str) -> str:
        """rdfs:label of ``node`` in ``lang`` (other language as fallback), else its id."""
        if node is None:
            return ""
        if isinstance(node, Literal):
            return node_text(node)
        if self._all is None and self._lookups >= BULK_LABELS:
            self._all = self.working.all_labels()
        if self._all is not None:
            labels = self._all.get(node, {})
        else:
            self._lookups += 1
            labels = self.working.labels(node)
        other = "en" if lang == "ru" else "ru"
        found = labels.get(lang) or labels.get(other) or labels.get("")
        return found or compact_id(str(node))


class ViolationBuilder:
    """Makes the violations of one checker's reports (its caches live as long as it)."""

    def __init__(
        self,
        catalogue: dict[str, Rule],
        shapes: Shapes,
        working: WorkingGraph,
        loaded: LoadedGraph,
    ) -> None:
        self.catalogue = catalogue
        self.shapes = shapes
        self.loaded = loaded
        self.label = Labels(working)
        self._sources: dict[tuple[str, str], str] = {}
        self._origins: dict[Node, tuple[Node, Node | None, tuple[Triple, ...]]] = {}
        self._texts: dict[tuple[Node, URIRef, str], str] = {}

    def location(self, node: Node | None) -> Location | None:
        """File and line where ``node`` is described, when known."""
        found = self.loaded.location_of(node)
        return _location(found) if found else None

    def locate(self, focus: Node | None, path: Node | None, value: Node | None) -> Location | None:
        """Where to fix a violation of ``focus`` through ``path`` with ``value``: the
        statement that states it, else the focus (naming the field that is missing)."""
        found = self._statement(focus, path, value)
        if found is not None:
            return _location(found)
        home = self.loaded.location_of(focus)
        if home is None:
            return None
        if home.field is not None and isinstance(path, URIRef):
            missing = _property_field(home.field, path)
            if missing is not None:
                return Location(home.path, home.line, home.column, missing)
        return _location(home)

    def _statement(
        self, focus: Node | None, path: Node | None, value: Node | None
    ) -> SourceLocation | None:
        if not isinstance(focus, URIRef) or not isinstance(path, URIRef):
            return None
        statement, graph = self.loaded.statement_location, self.loaded.graph
        if value is not None:
            found = statement(focus, path, value)
            if found is not None:
                return found
            # (position, cg:hasRequirement, skill): the requirement that names the skill
            for through in graph.objects(focus, path):
                if (through, None, value) in graph:
                    found = statement(focus, path, through)
                    if found is not None:
                        return found
        return statement(focus, path)

    def from_finding(self, finding: Finding, lang: str, shacl: bool = False) -> Violation | None:
        """The violation a SHACL result stands for; None for a shape of no selected rule.
        With ``shacl``, also its RDF terms and its message in every language
        (:attr:`Violation.shacl`, for the SHACL report)."""
        rule_id = self.shapes.rule_of_shape.get(finding.shape)
        if rule_id is None or rule_id not in self.catalogue:
            return None
        rule = self.catalogue[rule_id]
        focus, path, value = finding.focus, finding.path, finding.value
        if value == focus:  # a SPARQL constraint without ?value reports the focus node
            value = None
        location = self.locate(focus, path, value)
        in_yaml = location is not None and location.field is not None
        fix = self.fix(rule, finding.constraint, lang, in_yaml)
        messages: dict[str, str] = {}
        focus_label, value_label = "", None
        for language in dict.fromkeys((lang, *MESSAGE_LANGUAGES) if shacl else (lang,)):
            focus_text = self.label(focus, language)
            value_text = self.label(value, language) if value is not None else None
            messages[language] = self._message(
                rule, finding.constraint, language, focus_text, value_text, in_yaml
            )
            if language == lang:
                focus_label, value_label = focus_text, value_text
        return Violation(
            rule_id=rule.id,
            severity=rule.severity,
            message=messages[lang],
            focus=node_text(focus),
            focus_label=focus_label,
            path=str(path) if isinstance(path, URIRef) else None,
            value=node_text(value) if value is not None else None,
            value_label=value_label,
            fix=fix,
            source=self._source(rule, "en"),
            source_label=self._source(rule, lang),
            location=location,
            shacl=self._shacl(finding, messages) if shacl and focus is not None else None,
        )

    def _message(
        self,
        rule: Rule,
        constraint: Node,
        lang: str,
        focus: str,
        value: str | None,
        in_yaml: bool = False,
    ) -> str:
        """The rule's message in ``lang`` with the labels of the focus and the value, and the
        constraint's own message as its detail (in the format's fields for YAML input)."""
        detail = self._constraint_text(constraint, SH.message, lang)
        if in_yaml:
            detail = in_fields(detail)
        return fill(rule.message.get(lang), focus, value, detail)

    def _shacl(self, finding: Finding, messages: dict[str, str]) -> ShaclResult:
        """The result as SHACL reports it: source shape and constraint, the value's term."""
        assert finding.focus is not None
        shape, constraint, described = self._origin(finding.constraint)
        value = finding.value
        if value is None and constraint is not None:
            value = finding.focus  # SHACL 5.3.2: no ?value bound, the focus node is the value
        return ShaclResult(
            focus=finding.focus,
            source_shape=shape,
            component=finding.component or SH.SPARQLConstraintComponent,
            source_constraint=constraint,
            value=value,
            messages=tuple(sorted(messages.items())),
            shapes=described,
        )

    def _origin(self, holder: Node) -> tuple[Node, Node | None, tuple[Triple, ...]]:
        """For what holds a finding's sh:message: (source shape, sh:sparql node or None, the
        triples describing whichever of the two is a blank node), once per holder."""
        found = self._origins.get(holder)
        if found is None:
            graph = self.shapes.graph
            owner = graph.value(None, SH.sparql, holder)
            shape, constraint = (holder, None) if owner is None else (owner, holder)
            described = tuple(
                triple
                for node in (shape, constraint)
                if isinstance(node, BNode)
                for triple in _description(graph, node)
            )
            found = self._origins[holder] = (shape, constraint, described)
        return found

    def _constraint_text(self, constraint: Node, predicate: URIRef, lang: str) -> str:
        """The constraint's text (its sh:message, its own fix) in ``lang``; '' when none."""
        key = (constraint, predicate, lang)
        if key not in self._texts:
            texts = self.shapes.graph.objects(constraint, predicate)
            self._texts[key] = in_language(texts, lang)
        return self._texts[key]

    def fix(self, rule: Rule, constraint: Node | None, lang: str, in_yaml: bool) -> str:
        """The fix for the case the constraint found (else the rule's; a Python evaluator
        has no constraint), in the words of the input: the job-description format's fields
        for YAML and JSON, properties for RDF."""
        case = (
            self._constraint_text(constraint, CG.caseFixHint, lang) if constraint else ""
        ) or rule.fix.get(lang)
        if not in_yaml:
            return case
        written = self._constraint_text(constraint, CG.caseYamlFixHint, lang) if constraint else ""
        return written or rule.yaml_fix.get(lang) or in_fields(case)

    def norm_names(self, norms: Iterable[str], lang: str) -> str:
        """``Labour Code of the RF, art. 3, ...``: the norms by name (their labels without
        the article's title), a norm the graph does not name by its id."""
        return ", ".join(article_name(self.label(URIRef(norm), lang)) for norm in norms)

    def _source(self, rule: Rule, lang: str) -> str:
        found = self._sources.get((rule.id, lang))
        if found is None:
            found = self._sources[(rule.id, lang)] = rule.source_label(lang)
        return found

    def from_reasoner(self, rule: Rule, result: ReasonerResult, lang: str) -> list[Violation]:
        """The violations of ``rule`` (owl-consistency) for what HermiT found: one per
        contradiction explained, or one for the ontology; one per unsatisfiable class."""
        findings: list[tuple[str, str, str]] = []  # focus IRI, detail, explanation
        if not result.consistent:
            inconsistent = {"en": "the ontology is inconsistent", "ru": "онтология противоречива"}
            for culprit, why in result.culprits_ru if lang == "ru" else result.culprits:
                labelled = re.sub(
                    r"<([^>]+)>", lambda m: f"'{self.label(URIRef(m.group(1)), lang)}'", why
                )
                findings.append((culprit, f"{inconsistent[lang]}: {labelled}", ""))
            if not result.culprits:
                findings.append(("", inconsistent[lang], result.explanation))
        for cls in result.unsatisfiable_classes:
            label = self.label(URIRef(cls), lang)
            unsat = {"en": f"class '{label}' is unsatisfiable", "ru": f"класс «{label}» невыполним"}
            findings.append((cls, unsat[lang], ""))
        violations = []
        for focus, detail, explanation in findings:
            message = fill(rule.message.get(lang), "", None, detail)
            if explanation:
                message = f"{message}\n{explanation}"
            violations.append(
                Violation(
                    rule_id=rule.id,
                    severity=rule.severity,
                    message=message,
                    focus=focus or ONTOLOGY_IRI,
                    focus_label=self.label(URIRef(focus), lang) if focus else "",
                    fix=rule.fix.get(lang),
                    source=rule.source,
                    source_label=rule.source_label(lang),
                    location=self.location(URIRef(focus)) if focus else None,
                )
            )
        return violations


def _location(found: SourceLocation) -> Location:
    return Location(found.path, found.line, found.column, found.field)


def _property_field(item: str, predicate: URIRef) -> str | None:
    """The job-description field of ``predicate`` on the item at field path ``item``."""
    # imported here: only a check of a YAML or JSON job description needs the format
    from competency_graph.importers.job_description import property_field

    return property_field(item, predicate)


_PROPERTY = re.compile(r"\b([a-z]+):([A-Za-z]\w*)\b")


def in_fields(text: str) -> str:
    """``text`` with each property it names (``cg:familiarisedBy``) replaced by the field of
    the job-description format that states it (``familiarisation``)."""
    from competency_graph.importers.job_description import field_names

    names = field_names()

    def field(match: re.Match[str]) -> str:
        namespace = PREFIXES.get(match.group(1))
        return (
            names.get(f"{namespace}{match.group(2)}", match.group()) if namespace else match.group()
        )

    return _PROPERTY.sub(field, text)


def stable_order(violation: Violation) -> tuple[Any, ...]:
    """The report's order, ties (two messages on one focus and value) broken by message, so
    that a report does not change from run to run with Python's string hashing."""
    return (*violation.sort_key(), violation.message)


def in_language(values: Iterable[Node], lang: str) -> str:
    """The literal of ``values`` in ``lang``, else in English, untagged, or any."""
    texts = {(v.language or ""): str(v) for v in values if isinstance(v, Literal)}
    return texts.get(lang) or texts.get("en") or texts.get("") or next(iter(texts.values()), "")


def fill(template: str, focus: str, value: str | None, detail: str) -> str:
    """A rule message with ``{focus}``, ``{value}`` and ``{detail}`` filled in; ``detail`` is
    a constraint's sh:message, whose ``{?value}`` and ``{$this}`` (SHACL's template syntax)
    are filled in first, with the labels of the value and the focus."""
    detail = shacl_message(detail, {"this": focus, "value": value or ""})
    return (
        template.replace("{focus}", focus)
        .replace("{value}", value or "")
        .replace("{detail}", detail)
    )


#: a variable in an sh:message template: ``{?value}`` or ``{$value}`` (SHACL 5.3.2)
_TEMPLATE_VARIABLE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def shacl_message(template: str, bindings: dict[str, str]) -> str:
    """``template`` with each ``{?name}`` / ``{$name}`` replaced by ``bindings[name]``, as a
    SHACL engine substitutes solution variables; a name not bound is left as written."""
    return _TEMPLATE_VARIABLE.sub(
        lambda match: bindings.get(match.group(1), match.group(0)), template
    )


def _description(graph: Graph, node: BNode) -> Iterator[Triple]:
    """The triples about ``node`` and, through blank nodes, what they describe (its CBD)."""
    seen: set[Node] = set()
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for triple in graph.triples((current, None, None)):
            yield triple
            if isinstance(triple[2], BNode):
                stack.append(triple[2])


def node_text(node: Node | None) -> str:
    """IRIs and strings as they are; numbers in one canonical form whichever back end ran."""
    if node is None:
        return ""
    if isinstance(node, Literal) and node.datatype in _NUMERIC:
        try:
            return format(Decimal(str(node)).normalize(), "f")
        except InvalidOperation:
            return str(node)
    return str(node)


_NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.int, XSD.long}
