"""Run the rule catalogue: SHACL shapes compiled to oxigraph queries, OWL consistency
through HermiT.

The checker reads one in-memory pyoxigraph store (:class:`~.working.WorkingGraph`): the
loaded files, a store's triples when one is given (``check --store esco.store``), and the
skill closure. rdflib graphs are made only for pySHACL (``engine="pyshacl"``, or a shape
beyond the compiled subset) and for HermiT.

Two ways to check:

- :meth:`Checker.check_graph` validates the whole graph against the selected rules;
- :meth:`Checker.check_position` checks one position (its job descriptions, duties, rights,
  responsibilities, requirements and vacancies) by validating only the part of the graph
  those rules can reach. pySHACL's ``focus_nodes`` alone silently skips the constraints of
  property shapes (DESIGN section 7), so instead of focusing the shapes we cut the data:
  the result is the full run's result restricted to the position's entities (a test holds
  the two to the same answers on the same defects).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from competency_graph.checking.backends.compiled import (
    CompiledConstraint,
    CompiledShapes,
    compile_shapes,
    evaluate,
)
from competency_graph.checking.backends.hermit import ReasonerUnavailable, run_hermit
from competency_graph.checking.report import Location, Report, Violation
from competency_graph.checking.rules import OWL_CONSISTENCY, Rule, read_rules, select_rules
from competency_graph.checking.working import SKILL_PREDICATES, WorkingGraph, skill_closure
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.graph.ontology import shapes_dir
from competency_graph.graph.stats import instances_of
from competency_graph.graph.store import GraphStore
from competency_graph.namespaces import CG, ORG, PREFIXES, SH, compact_id

#: how SHACL constraints are evaluated: compiled to oxigraph queries, or pySHACL itself
ENGINES = ("oxigraph", "pyshacl")
#: above this many triples owl-consistency is not run: HermiT took 2 min 47 s and 1.7 GB
#: on ESCO with the ontology (736k triples); the shipped ontology has about 7k
REASONER_TRIPLE_LIMIT = 200_000
#: after this many labels looked up one by one in one check, the checker reads them all in
#: one scan (0.1 s for ESCO's 18k labels, against ~10 us each)
_BULK_LABELS = 2_000


@lru_cache(maxsize=512)
def _prepared(query_text: str) -> Query:
    return prepareQuery(query_text, initNs=PREFIXES)


class _PreparedQueryGraph(Graph):
    """A view of a graph whose SPARQL queries are parsed once per process.

    pySHACL sends each SPARQL-based constraint's text once per focus node, and rdflib
    spends ~35 ms parsing it every time (DESIGN section 7); the prepared query is reusable.
    """

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _queryable(graph: Graph) -> Graph:
    """``graph`` itself, seen through :class:`_PreparedQueryGraph` (no copy)."""
    if isinstance(graph, _PreparedQueryGraph):
        return graph
    return _PreparedQueryGraph(store=graph.store, identifier=graph.identifier)


@dataclass(frozen=True)
class Shapes:
    """The SHACL shapes of the catalogue and which rule each shape implements."""

    graph: Graph
    rule_of_shape: dict[Node, str]  # node and property shapes -> rule id
    node_shapes_of_rule: dict[str, tuple[URIRef, ...]]


def read_shapes(folder: Path) -> Shapes:
    """Load every ``*.ttl`` in the shapes folder and index shapes by rule."""
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise InputError("no SHACL shapes found (expected *.ttl files)", folder)
    graph = load_files(files, follow_imports=False).graph
    rule_of_shape: dict[Node, str] = {}
    node_shapes: dict[str, list[URIRef]] = {}
    for shape, rule in graph.subject_objects(CG.implementsRule):
        rule_id = compact_id(str(rule)).removeprefix("rule:")
        rule_of_shape[shape] = rule_id
        if isinstance(shape, URIRef):
            node_shapes.setdefault(rule_id, []).append(shape)
        for property_shape in graph.objects(shape, SH.property):
            rule_of_shape[property_shape] = rule_id
        for sparql in graph.objects(shape, SH.sparql):
            rule_of_shape[sparql] = rule_id
    return Shapes(graph, rule_of_shape, {k: tuple(v) for k, v in node_shapes.items()})


def shipped_shapes() -> Shapes:
    """The shapes in ``ontology/shapes/`` of the ontology in use, read once per folder."""
    return _shapes_in(shapes_dir())


@cache
def _shapes_in(folder: Path) -> Shapes:
    # keyed by folder: `--ontology DIR` (or a test) may point at another ontology's shapes
    return read_shapes(folder)


class Checker:
    """Checks one loaded graph, and the store given with it. Build once per graph; methods
    are safe to call repeatedly.

    ``store`` (optional) holds the bulk data (ESCO, or positions kept in a triple store):
    its triples are bulk-loaded with the loaded files into one in-memory oxigraph store,
    which every compiled constraint, label and ownership lookup reads.
    """

    def __init__(
        self,
        loaded: LoadedGraph,
        shapes: Shapes | None = None,
        engine: str = "oxigraph",
        store: GraphStore | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise InputError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
        self.engine = engine
        self.loaded = loaded
        self.source = store
        self.working = WorkingGraph.of(loaded.graph, store)
        self.shapes = shapes or shipped_shapes()
        self.catalogue = read_rules(self.working.instances(CG.Rule))
        if not self.catalogue:
            raise InputError(
                "the graph holds no consistency rules (cg:Rule); load ontology/rules.ttl"
            )
        self._tbox: Graph | None = None
        self._compiled: dict[tuple[str, ...], CompiledShapes] = {}
        self._labels: dict[Node, dict[str, str]] | None = None
        self._label_lookups = 0
        self._sources: dict[tuple[str, str], str] = {}
        self._messages: dict[tuple[Node, str], str] = {}

    @cached_property
    def graph(self) -> Graph:
        """The working graph as rdflib (skill closure included), for pySHACL; made on first use.

        Without a store it is the loaded graph plus the closure, as pySHACL has always read
        it; with a store, a copy of the working store (slow at ESCO scale, and needed only by
        ``engine="pyshacl"``, a shape the compiler does not take, or HermiT).
        """
        if self.source is None:
            return with_skill_closure(self.loaded.graph)
        return self.working.to_rdflib()

    # -- public API ------------------------------------------------------------
    def check_graph(
        self,
        lang: str = "en",
        rules: Sequence[str] = (),
        skip: Sequence[str] = (),
        reasoner: bool = True,
    ) -> Report:
        """Run the selected rules (all by default) over the whole graph."""
        started = time.perf_counter()
        selected = select_rules(self.catalogue, tuple(rules), tuple(skip))
        report = self._new_report(selected, lang)
        report.violations.extend(self._run_rules(selected, lang, position=None))
        if reasoner and any(rule.id == OWL_CONSISTENCY for rule in selected):
            report.violations.extend(self._run_reasoner(lang, report))
        elif any(rule.id == OWL_CONSISTENCY for rule in selected):
            report.rules_run.remove(OWL_CONSISTENCY)
            report.notes.append("owl-consistency skipped (--no-reasoner)")
        report.seconds = time.perf_counter() - started
        return report

    def check_position(
        self,
        position: str,
        lang: str = "en",
        rules: Sequence[str] = (),
        skip: Sequence[str] = (),
    ) -> Report:
        """Check one position and what belongs to it, without validating everything."""
        started = time.perf_counter()
        iri = URIRef(position)
        if str(CG.Position) not in self.working.classes_by_node([iri]).get(iri, ()):
            raise InputError(f"unknown position {compact_id(position)!r}")
        selected = [
            r
            for r in select_rules(self.catalogue, tuple(rules), tuple(skip))
            if r.id != OWL_CONSISTENCY
        ]
        report = self._new_report(selected, lang)
        report.violations.extend(self._run_rules(selected, lang, position=iri))
        report.seconds = time.perf_counter() - started
        return report

    def position_neighbourhood(self, position: URIRef) -> tuple[Graph, set[Node]]:
        """The triples the rules need to judge ``position``, and the entities it owns."""
        return _Neighbourhood(self.graph, self.tbox()).collect(position)

    def tbox(self) -> Graph:
        """Vocabulary triples every check needs (class hierarchy, enumerations), cached."""
        if self._tbox is None:
            tbox = Graph()
            vocabulary = str(CG)
            for triple in self.graph:
                subject, predicate, _ = triple
                if predicate == RDFS.subClassOf or (
                    isinstance(subject, URIRef) and str(subject).startswith(vocabulary)
                ):
                    tbox.add(triple)
            self._tbox = tbox
        return self._tbox

    # -- internals ---------------------------------------------------------------
    def _new_report(self, selected: list[Rule], lang: str) -> Report:
        return Report(
            rules_run=[rule.id for rule in selected],
            files=[str(path) for path in self.loaded.files],
            lang=lang,
        )

    def _run_rules(
        self, selected: list[Rule], lang: str, position: URIRef | None
    ) -> list[Violation]:
        shapes = [
            shape for rule in selected for shape in self.shapes.node_shapes_of_rule.get(rule.id, ())
        ]
        if not shapes:
            return []
        if self.engine == "pyshacl":
            if position is None:
                return self._run_shacl(self.graph, shapes, lang, focus=None)
            data, focus = self.position_neighbourhood(position)
            return self._run_shacl(data, shapes, lang, focus=focus)
        key = tuple(str(shape) for shape in shapes)
        if key not in self._compiled:
            self._compiled[key] = compile_shapes(self.shapes.graph, shapes)
        compiled = self._compiled[key]
        work: list[tuple[CompiledConstraint, list[Node] | None]]
        if position is None:
            work = [(constraint, None) for constraint in compiled.constraints]
        else:
            # each constraint over the owned entities it targets; none: nothing to run
            classes = self.working.classes_by_node(owned_entities(self.working, position))
            work = []
            for constraint in compiled.constraints:
                targeted = [node for node, held in classes.items() if constraint.applies_to(held)]
                if targeted:
                    work.append((constraint, targeted))
        self._label_lookups = 0  # one large report reads all labels, many small ones never
        violations: set[Violation] = set()
        for constraint, targeted_or_all in work:
            for row in evaluate(self.working.store, constraint, targeted_or_all):
                violation = self._make_violation(
                    constraint.shape, constraint.constraint, row.focus, row.path, row.value, lang
                )
                if violation is not None:
                    violations.add(violation)
        if compiled.unsupported:
            fallback = list(compiled.unsupported)
            if position is None:
                violations.update(self._run_shacl(self.graph, fallback, lang, focus=None))
            else:
                data, focus = self.position_neighbourhood(position)
                violations.update(self._run_shacl(data, fallback, lang, focus=focus))
        return sorted(violations, key=_stable_order)

    def _run_shacl(
        self, data: Graph, shapes: list[URIRef], lang: str, focus: set[Node] | None
    ) -> list[Violation]:
        _conforms, results, _text = pyshacl.validate(
            _queryable(data),
            shacl_graph=self.shapes.graph,
            inference="none",
            advanced=False,
            use_shapes=[str(shape) for shape in shapes],
            allow_warnings=True,
        )
        violations = []
        for result in results.subjects(RDF.type, SH.ValidationResult):
            focus_node = results.value(result, SH.focusNode)
            if focus is not None and focus_node not in focus:
                continue
            violation = self._violation(results, result, lang)
            if violation is not None:
                violations.append(violation)
        return sorted(set(violations), key=_stable_order)

    def _violation(self, results: Graph, result: Node, lang: str) -> Violation | None:
        shape = results.value(result, SH.sourceShape)
        if shape is None:
            return None
        constraint = results.value(result, SH.sourceConstraint) or shape
        return self._make_violation(
            shape,
            constraint,
            results.value(result, SH.focusNode),
            results.value(result, SH.resultPath),
            results.value(result, SH.value),
            lang,
        )

    def _make_violation(
        self,
        shape: Node,
        constraint: Node,
        focus: Node | None,
        path: Node | None,
        value: Node | None,
        lang: str,
    ) -> Violation | None:
        rule_id = self.shapes.rule_of_shape.get(shape)
        if rule_id is None or rule_id not in self.catalogue:
            return None
        rule = self.catalogue[rule_id]
        detail = self._messages.get((constraint, lang))
        if detail is None:
            detail = _in_language(self.shapes.graph.objects(constraint, SH.message), lang)
            self._messages[(constraint, lang)] = detail
        if value == focus:  # a SPARQL constraint without ?value reports the focus node
            value = None
        focus_label = self.label(focus, lang)
        value_label = self.label(value, lang) if value is not None else None
        return Violation(
            rule_id=rule.id,
            severity=rule.severity,
            message=_fill(rule.message.get(lang), focus_label, value_label, detail),
            focus=_node_text(focus),
            focus_label=focus_label,
            path=str(path) if isinstance(path, URIRef) else None,
            value=_node_text(value) if value is not None else None,
            value_label=value_label,
            fix=rule.fix.get(lang),
            source=self._source(rule, "en"),
            source_label=self._source(rule, lang),
            location=self.location(focus),
        )

    def _source(self, rule: Rule, lang: str) -> str:
        found = self._sources.get((rule.id, lang))
        if found is None:
            found = self._sources[(rule.id, lang)] = rule.source_label(lang)
        return found

    def _run_reasoner(self, lang: str, report: Report) -> list[Violation]:
        rule = self.catalogue[OWL_CONSISTENCY]
        triples = len(self.working)
        if triples > REASONER_TRIPLE_LIMIT:
            report.notes.append(
                f"owl-consistency not run: {triples:,} triples (skill closure included) is "
                "beyond what HermiT checks in reasonable time (limit "
                f"{REASONER_TRIPLE_LIMIT:,}; with ESCO it took almost 3 min and 1.7 GB); "
                "check the ontology and your files without the store to run it"
            )
            report.rules_run.remove(OWL_CONSISTENCY)
            return []
        report.reasoner_used = True
        try:
            result = run_hermit(self.graph if self.source is not None else self.loaded.graph)
        except ReasonerUnavailable as exc:
            report.notes.append(f"owl-consistency not run: {exc}")
            report.rules_run.remove(OWL_CONSISTENCY)
            return []
        findings: list[tuple[str, str, str]] = []
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
        for focus, detail_text, explanation in findings:
            message = _fill(rule.message.get(lang), "", None, detail_text)
            if explanation:
                message = f"{message}\n{explanation}"
            violations.append(
                Violation(
                    rule_id=rule.id,
                    severity=rule.severity,
                    message=message,
                    focus=focus or "https://w3id.org/competency-graph/ontology",
                    focus_label=self.label(URIRef(focus), lang) if focus else "",
                    fix=rule.fix.get(lang),
                    source=rule.source,
                    source_label=rule.source_label(lang),
                    location=self.location(URIRef(focus)) if focus else None,
                )
            )
        return violations

    def label(self, node: Node | None, lang: str) -> str:
        """rdfs:label of ``node`` in ``lang`` (other language as fallback), else its id."""
        if node is None:
            return ""
        if isinstance(node, Literal):
            return _node_text(node)
        if self._labels is None and self._label_lookups >= _BULK_LABELS:
            self._labels = self.working.all_labels()  # a large report: one scan of them all
        if self._labels is not None:
            labels = self._labels.get(node, {})
        else:
            self._label_lookups += 1
            labels = self.working.labels(node)
        other = "en" if lang == "ru" else "ru"
        found = labels.get(lang) or labels.get(other) or labels.get("")
        return found or compact_id(str(node))

    def location(self, node: Node | None) -> Location | None:
        """File and line where ``node`` is described, when known."""
        found = self.loaded.location_of(node)
        return Location(found.path, found.line) if found else None


def with_skill_closure(graph: Graph) -> Graph:
    """A copy of ``graph`` with ``cg:coversSkill`` materialised (reflexive + transitive),
    as pySHACL reads it; see :func:`~.working.skill_closure`."""
    working = Graph()
    for prefix, namespace in graph.namespaces():
        working.bind(prefix, namespace, override=True)
    working += graph
    broader: dict[Node, set[Node]] = {}
    for narrower, wider in graph.subject_objects(SKOS.broader):
        broader.setdefault(narrower, set()).add(wider)
    skills: set[Node] = set(instances_of(graph, CG.Skill))
    for predicate in SKILL_PREDICATES:
        skills.update(graph.objects(None, predicate))
    skills.update(broader)
    for skill, covered in skill_closure(broader, skills):
        working.add((skill, CG.coversSkill, covered))
    return working


class _Neighbourhood:
    """Collects the subgraph that the rules read when judging one position."""

    def __init__(self, graph: Graph, tbox: Graph) -> None:
        self.graph = graph
        self.out = Graph()
        self.out += tbox
        self.focus: set[Node] = set()

    def describe(self, node: Node) -> None:
        """Add the concise bounded description of ``node`` (blank nodes followed)."""
        stack = [node]
        seen: set[Node] = set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            for triple in self.graph.triples((current, None, None)):
                self.out.add(triple)
                if isinstance(triple[2], BNode):
                    stack.append(triple[2])

    def objects(self, nodes: Iterable[Node], predicate: URIRef) -> set[Node]:
        return {o for n in nodes for o in self.graph.objects(n, predicate)}

    def collect(self, position: URIRef) -> tuple[Graph, set[Node]]:
        g = self.graph
        owned = owned_entities(g, position)
        descriptions = set(g.subjects(CG.describes, position))
        vacancies = set(g.subjects(CG.forPosition, position))
        duties = self.objects(descriptions, CG.includesDuty)
        requirements = self.objects({position, *vacancies}, CG.hasRequirement)
        for node in owned:
            self.describe(node)
        self.focus = owned
        # the reporting chain upwards (cycles) and the standard position's duties
        chain: set[Node] = {position}
        frontier: list[Node] = [position]
        while frontier:
            for boss in g.objects(frontier.pop(), ORG.reportsTo):
                if boss not in chain:
                    chain.add(boss)
                    frontier.append(boss)
        for member in chain:
            for triple in g.triples((member, ORG.reportsTo, None)):
                self.out.add(triple)
        for standard in g.objects(position, CG.specialises):
            for standard_description in g.subjects(CG.describes, standard):
                self.out.add((standard_description, CG.describes, standard))
                for triple in g.triples((standard_description, CG.includesDuty, None)):
                    self.out.add(triple)
        # skills with their broader chain
        skills = self.objects(duties, CG.supportedBy) | self.objects(duties, CG.requiresCompetence)
        skills |= {o for r in requirements for o in g.objects(r, CG.requiredSkill)}
        skills |= {o for r in requirements for o in g.objects(r, CG.experienceSkill)}
        frontier_skills = list(skills)
        while frontier_skills:
            skill = frontier_skills.pop()
            for triple in g.triples((skill, CG.coversSkill, None)):
                self.out.add(triple)
            for triple in g.triples((skill, SKOS.broader, None)):
                self.out.add(triple)
                if triple[2] not in skills:
                    skills.add(triple[2])
                    frontier_skills.append(triple[2])
        # types and flags of everything referenced, so sh:class and head checks see them
        referenced = {o for o in self.out.objects() if isinstance(o, URIRef)}
        for node in referenced | skills | chain:
            for predicate in (RDF.type, CG.isHeadOfOrganisation, CG.allowedByLabourCode):
                for triple in g.triples((node, predicate, None)):
                    self.out.add(triple)
        # entities sharing a label with an owned entity (duplicate-label rule)
        for node in owned:
            for label in g.objects(node, RDFS.label):
                for other in g.subjects(RDFS.label, label):
                    for predicate in (RDF.type, RDFS.label):
                        for triple in g.triples((other, predicate, None)):
                            self.out.add(triple)
        return self.out, self.focus


class Triples(Protocol):
    """The two reads :func:`owned_entities` makes: an rdflib graph or a working graph."""

    def subjects(self, predicate: URIRef, obj: Node, /) -> Iterable[Node]: ...

    def objects(self, subject: Node, predicate: URIRef, /) -> Iterable[Node]: ...


def owned_entities(graph: Triples, position: URIRef) -> set[Node]:
    """What a position's check reports on: the position, its job descriptions and their
    duties, rights and responsibilities, its named requirements and its vacancies."""
    descriptions = set(graph.subjects(CG.describes, position))
    vacancies = set(graph.subjects(CG.forPosition, position))
    owned: set[Node] = {position, *descriptions, *vacancies}
    for description in descriptions:
        for predicate in (CG.includesDuty, CG.grantsRight, CG.establishesResponsibility):
            owned.update(graph.objects(description, predicate))
    for holder in (position, *vacancies):
        owned.update(r for r in graph.objects(holder, CG.hasRequirement) if isinstance(r, URIRef))
    return owned


def _stable_order(violation: Violation) -> tuple[Any, ...]:
    """The report's order, ties (two messages on one focus and value) broken by message, so
    that a report does not change from run to run with Python's string hashing."""
    return (*violation.sort_key(), violation.message)


def _in_language(values: Iterable[Node], lang: str) -> str:
    texts = {(v.language or ""): str(v) for v in values if isinstance(v, Literal)}
    return texts.get(lang) or texts.get("en") or texts.get("") or next(iter(texts.values()), "")


def _fill(template: str, focus: str, value: str | None, detail: str) -> str:
    detail = detail.replace("{value}", value or "")
    return (
        template.replace("{focus}", focus)
        .replace("{value}", value or "")
        .replace("{detail}", detail)
    )


def _node_text(node: Node | None) -> str:
    """IRIs and strings as they are; numbers in one canonical form whichever engine ran."""
    if node is None:
        return ""
    if isinstance(node, Literal) and node.datatype in _NUMERIC:
        try:
            return format(Decimal(str(node)).normalize(), "f")
        except InvalidOperation:
            return str(node)
    return str(node)


_NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.int, XSD.long}
