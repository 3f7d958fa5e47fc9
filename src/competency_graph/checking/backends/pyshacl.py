"""The pySHACL back end: the reference SHACL engine, for ``engine="pyshacl"`` and for the
shapes the compiler does not translate (:mod:`.compiled` names them; the report says so).

It reads an rdflib graph: the loaded files with the skill closure, or an rdflib copy of the
working store. pySHACL's ``focus_nodes`` alone silently skips the constraints of property
shapes, so a position is checked by cutting the data instead of focusing the shapes: the
part of the graph the rules read when judging the position (:class:`Neighbourhood`), with
only the results on the position's own entities kept (a test holds this to the full run's
answers on the same defects).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from competency_graph.checking.scope import PositionScope
from competency_graph.checking.violations import Finding
from competency_graph.graph.skills import covers_skill_triples
from competency_graph.namespaces import CG, ORG, PREFIXES, SH


@lru_cache(maxsize=512)
def _prepared(query_text: str) -> Query:
    return prepareQuery(query_text, initNs=PREFIXES)


class _PreparedQueryGraph(Graph):
    """A view of a graph whose SPARQL queries are parsed once per process.

    pySHACL sends each SPARQL-based constraint's text once per focus node, and rdflib
    spends ~35 ms parsing it every time; the prepared query is reusable.
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


class PyshaclBackend:
    """Runs pySHACL over ``data`` (the working graph in rdflib) with the shapes graph."""

    def __init__(self, shapes: Graph, data: Graph) -> None:
        self.shapes = shapes
        self.data = data
        self._tbox: Graph | None = None

    def findings(self, node_shapes: Sequence[URIRef], scope: PositionScope | None) -> list[Finding]:
        """Every result of ``node_shapes`` over the whole graph, or on one position's entities."""
        if scope is None:
            return self._validate(self.data, node_shapes, focus=None)
        neighbourhood = Neighbourhood(self.data, self.tbox()).collect(scope)
        return self._validate(neighbourhood, node_shapes, focus=scope.owned)

    def tbox(self) -> Graph:
        """Vocabulary triples every check needs (class hierarchy, enumerations), cached."""
        if self._tbox is None:
            tbox = Graph()
            vocabulary = str(CG)
            for triple in self.data:
                subject, predicate, _ = triple
                if predicate == RDFS.subClassOf or (
                    isinstance(subject, URIRef) and str(subject).startswith(vocabulary)
                ):
                    tbox.add(triple)
            self._tbox = tbox
        return self._tbox

    def _validate(
        self, data: Graph, node_shapes: Sequence[URIRef], focus: Iterable[Node] | None
    ) -> list[Finding]:
        import pyshacl  # only when a shape needs it: not on every start (~0.1 s import)

        _conforms, results, _text = pyshacl.validate(
            _queryable(data),
            shacl_graph=self.shapes,
            inference="none",
            advanced=False,
            use_shapes=[str(shape) for shape in node_shapes],
            allow_warnings=True,
        )
        kept = None if focus is None else set(focus)
        findings = []
        for result in results.subjects(RDF.type, SH.ValidationResult):
            focus_node = results.value(result, SH.focusNode)
            if kept is not None and focus_node not in kept:
                continue
            shape = results.value(result, SH.sourceShape)
            if shape is None:
                continue
            findings.append(
                Finding(
                    shape,
                    results.value(result, SH.sourceConstraint) or shape,
                    focus_node,
                    results.value(result, SH.resultPath),
                    results.value(result, SH.value),
                    results.value(result, SH.sourceConstraintComponent),
                )
            )
        return findings


def with_skill_closure(graph: Graph) -> Graph:
    """A copy of ``graph`` with ``cg:coversSkill`` materialised (reflexive + transitive),
    as pySHACL reads it; see :mod:`competency_graph.graph.skills`."""
    working = Graph()
    for prefix, namespace in graph.namespaces():
        working.bind(prefix, namespace, override=True)
    working += graph
    working.addN((s, p, o, working) for s, p, o in covers_skill_triples(graph))
    return working


class Neighbourhood:
    """Collects the subgraph that the rules read when judging one position."""

    def __init__(self, graph: Graph, tbox: Graph) -> None:
        self.graph = graph
        self.out = Graph()
        self.out += tbox

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
        """Objects of ``predicate`` on any of ``nodes``."""
        return {o for n in nodes for o in self.graph.objects(n, predicate)}

    def collect(self, scope: PositionScope) -> Graph:
        """The triples the rules need to judge the position of ``scope``."""
        g = self.graph
        position = scope.position
        descriptions = set(g.subjects(CG.describes, position))
        vacancies = set(g.subjects(CG.forPosition, position))
        duties = self.objects(descriptions, CG.includesDuty)
        requirements = self.objects({position, *vacancies}, CG.hasRequirement)
        for node in scope.owned:
            self.describe(node)
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
        # skills with their broader and exactMatch chains
        skills = self.objects(duties, CG.supportedBy) | self.objects(duties, CG.requiresCompetence)
        skills |= {o for r in requirements for o in g.objects(r, CG.requiredSkill)}
        skills |= {o for r in requirements for o in g.objects(r, CG.experienceSkill)}
        frontier_skills = list(skills)
        while frontier_skills:
            skill = frontier_skills.pop()
            for triple in g.triples((skill, CG.coversSkill, None)):
                self.out.add(triple)
            # the links the closure follows: broader, and exactMatch either way
            linked = [(t, t[2]) for t in g.triples((skill, SKOS.broader, None))]
            linked += [(t, t[2]) for t in g.triples((skill, SKOS.exactMatch, None))]
            linked += [(t, t[0]) for t in g.triples((None, SKOS.exactMatch, skill))]
            for triple, other in linked:
                self.out.add(triple)
                if other not in skills:
                    skills.add(other)
                    frontier_skills.append(other)
        # types and flags of everything referenced, so sh:class and head checks see them
        referenced = {o for o in self.out.objects() if isinstance(o, URIRef)}
        for node in referenced | skills | chain:
            for predicate in (RDF.type, CG.isHeadOfOrganisation, CG.allowedByLabourCode):
                for triple in g.triples((node, predicate, None)):
                    self.out.add(triple)
        # entities sharing a label with an owned entity (duplicate-label rule)
        for node in scope.owned:
            for label in g.objects(node, RDFS.label):
                for other in g.subjects(RDFS.label, label):
                    for predicate in (RDF.type, RDFS.label):
                        for triple in g.triples((other, predicate, None)):
                            self.out.add(triple)
        return self.out
