"""The graph a check reads: one in-memory pyoxigraph store, built once per checker.

It holds the loaded files (the shipped ontology, the user's files), every triple of a store
given with ``--store`` / ``--sparql-endpoint`` (ESCO: 730k triples, bulk-loaded from the
store's N-Triples dump without an rdflib copy) and the materialised skill closure
(``cg:coversSkill``). The compiled SHACL constraints run on it, and the checker reads
from it what a report needs: the entities a position owns, types and labels.

The skill closure is computed in one place, :func:`skill_closure`, for this store and for
the rdflib graph that pySHACL reads
(:func:`competency_graph.checking.backends.pyshacl.with_skill_closure`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from competency_graph.graph.stores import GraphStore, OxigraphStore
from competency_graph.namespaces import CG

T = TypeVar("T", bound=Hashable)

#: the predicates whose objects are skills, besides instances of cg:Skill
SKILL_PREDICATES = (CG.supportedBy, CG.requiresCompetence, CG.requiredSkill, CG.experienceSkill)
_XSD_STRING = str(XSD.string)
_DEFAULT = ox.DefaultGraph()


def skill_closure(broader: Mapping[T, Iterable[T]], skills: Iterable[T]) -> Iterator[tuple[T, T]]:
    """(skill, covered) pairs: every skill covers itself and each broader skill, transitively.

    The rules ask "is skill A the same as or narrower than skill B" many times per check; a
    property path (``skos:broader*``) is a graph walk each time, a materialised
    ``cg:coversSkill`` triple an index lookup.
    """
    for skill in skills:
        yield skill, skill
        seen: set[T] = set()
        stack = list(broader.get(skill, ()))
        while stack:
            ancestor = stack.pop()
            if ancestor in seen:
                continue
            seen.add(ancestor)
            yield skill, ancestor
            stack.extend(broader.get(ancestor, ()))


class WorkingGraph:
    """The triples a check reads, in one in-memory oxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def of(cls, graph: Graph, source: GraphStore | None = None) -> WorkingGraph:
        """``graph`` (the loaded files) and every triple of ``source``, with the skill closure."""
        store = ox.Store()
        if isinstance(source, OxigraphStore):
            # oxigraph terms straight into the bulk loader: no rdflib term per triple (and
            # faster than a dump to N-Triples parsed again: 5.9 s against 7.1 s for ESCO)
            store.bulk_extend(source.store.quads_for_pattern(None, None, None, _DEFAULT))
        elif source is not None:
            store.bulk_extend(_quad(*triple) for triple in source.triples())
        files = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(files, format=ox.RdfFormat.N_TRIPLES)
        working = cls(store)
        working._add_skill_closure()
        return working

    def _add_skill_closure(self) -> None:
        broader: dict[Any, set[Any]] = {}
        for quad in self.store.quads_for_pattern(None, _named(SKOS.broader), None, _DEFAULT):
            broader.setdefault(quad.subject, set()).add(quad.object)
        alternatives = "|".join(f"<{p}>" for p in SKILL_PREDICATES)
        query = (
            f"SELECT DISTINCT ?skill WHERE {{ "
            f"{{ ?skill <{RDF.type}>/<{RDFS.subClassOf}>* <{CG.Skill}> }} "
            f"UNION {{ ?holder {alternatives} ?skill }} }}"
        )
        skills = set(broader)
        skills.update(solution[0] for solution in self._select(query))
        covers = _named(CG.coversSkill)
        self.store.bulk_extend(
            ox.Quad(skill, covers, covered) for skill, covered in skill_closure(broader, skills)
        )

    def _select(self, query: str) -> ox.QuerySolutions:
        solutions = self.store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions

    def __len__(self) -> int:
        return len(self.store)

    # -- the reads a check makes (rdflib terms in and out, like an rdflib graph) --------
    def objects(self, subject: Node, predicate: URIRef, /) -> list[Node]:
        """Objects of ``subject``'s ``predicate`` triples."""
        if isinstance(subject, Literal):
            return []
        return [
            to_rdflib(quad.object)
            for quad in self.store.quads_for_pattern(
                _resource(subject), _named(predicate), None, _DEFAULT
            )
        ]

    def subjects(self, predicate: URIRef, obj: Node, /) -> list[Node]:
        """Subjects of the triples with ``predicate`` and object ``obj``."""
        return [
            to_rdflib(quad.subject)
            for quad in self.store.quads_for_pattern(
                None, _named(predicate), to_oxigraph(obj), _DEFAULT
            )
        ]

    def has_type(self, node: Node) -> bool:
        """True when ``node`` has an ``rdf:type``."""
        if isinstance(node, Literal):
            return False
        found = self.store.quads_for_pattern(_resource(node), _named(RDF.type), None, _DEFAULT)
        return next(iter(found), None) is not None

    def classes_by_node(self, nodes: Iterable[Node]) -> dict[Node, set[str]]:
        """For each named node of ``nodes`` that has a type: the IRIs of its classes,
        superclasses included."""
        named = {str(node): node for node in nodes if isinstance(node, URIRef)}
        if not named:
            return {}
        terms = " ".join(f"<{iri}>" for iri in named)
        query = (
            f"SELECT DISTINCT ?node ?class WHERE {{ VALUES ?node {{ {terms} }} "
            f"?node <{RDF.type}>/<{RDFS.subClassOf}>* ?class }}"
        )
        found: dict[Node, set[str]] = {}
        for solution in self._select(query):
            found.setdefault(named[solution[0].value], set()).add(solution[1].value)
        return found

    def members(self, cls: URIRef) -> list[str]:
        """The IRIs of the named instances of ``cls``, instances of its subclasses included."""
        query = (
            f"SELECT DISTINCT ?node WHERE {{ ?node <{RDF.type}>/<{RDFS.subClassOf}>* <{cls}> "
            "FILTER(isIRI(?node)) }"
        )
        return [solution[0].value for solution in self._select(query)]

    def labels(self, node: Node) -> dict[str, str]:
        """``node``'s ``rdfs:label`` texts by language tag ("" for none)."""
        found: dict[str, str] = {}
        if isinstance(node, Literal):
            return found
        for quad in self.store.quads_for_pattern(
            _resource(node), _named(RDFS.label), None, _DEFAULT
        ):
            value = quad.object
            if isinstance(value, ox.Literal):
                found[value.language or ""] = value.value
        return found

    def all_labels(self) -> dict[Node, dict[str, str]]:
        """Every ``rdfs:label`` by subject and language, in one scan (for large reports)."""
        found: dict[Node, dict[str, str]] = {}
        terms: dict[Any, Node] = {}
        for quad in self.store.quads_for_pattern(None, _named(RDFS.label), None, _DEFAULT):
            value = quad.object
            if not isinstance(value, ox.Literal):
                continue
            subject = terms.get(quad.subject)
            if subject is None:
                subject = terms[quad.subject] = to_rdflib(quad.subject)
            found.setdefault(subject, {})[value.language or ""] = value.value
        return found

    def instances(self, cls: URIRef) -> Graph:
        """Every triple about the instances of ``cls`` (the rule catalogue: ``cg:Rule``)."""
        graph = Graph()
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s <{RDF.type}> <{cls}> ; ?p ?o }}"
        triples = self.store.query(query)
        assert isinstance(triples, ox.QueryTriples)
        for triple in triples:
            graph.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        return graph

    def to_rdflib(self) -> Graph:
        """An rdflib copy (for pySHACL, when a shape is beyond the compiled subset)."""
        data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_DEFAULT)
        return Graph().parse(data=data, format="nt")


def _named(iri: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _resource(node: Node) -> ox.NamedNode | ox.BlankNode:
    term = to_oxigraph(node)
    if isinstance(term, ox.Literal):
        raise TypeError(f"a literal cannot be a subject: {node!r}")
    return term


def _quad(subject: Node, predicate: Node, obj: Node) -> ox.Quad:
    if not isinstance(predicate, URIRef):
        raise TypeError(f"not a predicate: {predicate!r}")
    return ox.Quad(_resource(subject), _named(predicate), to_oxigraph(obj))


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The oxigraph term for an rdflib term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = node.datatype or XSD.string
        return ox.Literal(str(node), datatype=ox.NamedNode(str(datatype)))
    raise TypeError(f"not an RDF term: {node!r}")


def to_rdflib(term: object) -> Node:
    """The rdflib term for an oxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.language, term.datatype.value if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


@lru_cache(maxsize=4096)
def _literal(value: str, language: str | None, datatype: str | None) -> Literal:
    # an rdflib Literal costs ~25 us to make; reports repeat the same few values
    if language:
        return Literal(value, lang=language)
    if datatype in (None, _XSD_STRING):
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))
