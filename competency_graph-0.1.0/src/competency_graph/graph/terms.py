"""rdflib terms <-> pyoxigraph terms: the one converter between the two libraries.

The product reads stores through pyoxigraph (a store folder, an endpoint's answers parsed
by oxigraph, the checker's in-memory store) and hands rdflib terms to everything above the
store, so each direction is written once, here.

- **Blank nodes keep their label both ways**: ``_:b1`` read from a store is
  ``BNode("b1")``, and ``BNode("b1")`` written to one is ``_:b1``. So a blank node read
  from a store (a violation's focus node, say) names the same node when it is looked up
  there again. Labels belong to the store they come from: a back end whose labels are
  scoped more narrowly (an endpoint's, to one response) reads its blank nodes with fresh
  labels (:mod:`competency_graph.graph.stores.sparql`).
- **Literals**: a language tag stays a language tag; ``xsd:string`` is rdflib's plain
  literal (RDF 1.1 makes them one); any other datatype stays typed.

:class:`Terms` does the same conversions for a bulk read, making each distinct term once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from competency_graph.errors import InputError

#: a triple of rdflib terms, as every store hands them over
Triple = tuple[Node, Node, Node]
#: what an oxigraph triple may hold
OxigraphTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_XSD_STRING = str(XSD.string)
_DEFAULT_GRAPH = ox.DefaultGraph()


def to_rdflib(term: Any) -> Node:
    """The rdflib term for an oxigraph term.

    Raises :class:`InputError` for anything else (an RDF-star triple term sent by an
    endpoint, say): the product reads plain RDF only.
    """
    kind = type(term)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.Literal:
        return _literal(term.value, term.language, term.datatype.value)
    if kind is ox.BlankNode:
        return BNode(term.value)
    raise InputError(f"unsupported RDF term in a store: {term!r}")


@lru_cache(maxsize=4096)
def _literal(value: str, language: str | None, datatype: str) -> Literal:
    # an rdflib Literal costs ~25 us to make (it parses its value); reports repeat the same
    # few values
    return _make_literal(value, language, datatype)


def _make_literal(value: str, language: str | None, datatype: str) -> Literal:
    if language:
        return Literal(value, lang=language)
    if datatype == _XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))


def to_oxigraph(node: Node) -> OxigraphTerm:
    """The oxigraph term for an rdflib term (a :class:`TypeError` for a variable or a
    graph, which no store holds)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))
    raise TypeError(f"not an RDF term: {node!r}")


def to_oxigraph_quad(triple: Triple) -> ox.Quad:
    """The triple as an oxigraph quad in the default graph."""
    subject, predicate, obj = (to_oxigraph(node) for node in triple)
    if isinstance(subject, ox.Literal):
        raise TypeError(f"a literal cannot be a subject: {triple[0]!r}")
    if not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"not a predicate: {triple[1]!r}")
    return ox.Quad(subject, predicate, obj, _DEFAULT_GRAPH)


class Terms:
    """The conversions of this module for one bulk read or write, each distinct term made
    once: ESCO's 730k triples name about 100k distinct terms, and one rdflib object per
    term also keeps the read model small."""

    def __init__(self) -> None:
        # keyed by the terms' strings: hashing a pyoxigraph term costs more than reading them
        self._iris: dict[str, URIRef] = {}
        self._literals: dict[tuple[str, str | None, str], Literal] = {}
        self._blanks: dict[str, BNode] = {}
        self._oxigraph: dict[Node, OxigraphTerm] = {}

    def rdflib(self, term: Any) -> Node:
        """:func:`to_rdflib`, remembered."""
        kind = type(term)
        if kind is ox.NamedNode:
            value: str = term.value
            iri = self._iris.get(value)
            if iri is None:
                iri = self._iris[value] = URIRef(value)
            return iri
        if kind is ox.Literal:
            key = (term.value, term.language, term.datatype.value)
            literal = self._literals.get(key)
            if literal is None:
                literal = self._literals[key] = _make_literal(*key)
            return literal
        if kind is ox.BlankNode:
            label: str = term.value
            blank = self._blanks.get(label)
            if blank is None:
                blank = self._blanks[label] = BNode(label)
            return blank
        return to_rdflib(term)  # not a term: raises

    def triple(self, subject: Any, predicate: Any, obj: Any) -> Triple:
        """Three oxigraph terms as an rdflib triple."""
        return (self.rdflib(subject), self.rdflib(predicate), self.rdflib(obj))

    def oxigraph(self, node: Node) -> OxigraphTerm:
        """:func:`to_oxigraph`, remembered."""
        found = self._oxigraph.get(node)
        if found is None:
            found = self._oxigraph[node] = to_oxigraph(node)
        return found

    def quad(self, triple: Triple) -> ox.Quad:
        """:func:`to_oxigraph_quad`, each term remembered."""
        subject, predicate, obj = triple
        if isinstance(subject, Literal):
            raise TypeError(f"a literal cannot be a subject: {subject!r}")
        if not isinstance(predicate, URIRef):
            raise TypeError(f"not a predicate: {predicate!r}")
        return ox.Quad(
            self.oxigraph(subject),  # type: ignore[arg-type]
            self.oxigraph(predicate),  # type: ignore[arg-type]
            self.oxigraph(obj),
            _DEFAULT_GRAPH,
        )


def solution_rows(solutions: ox.QuerySolutions) -> list[dict[str, Node]]:
    """SELECT solutions as rows mapping each bound variable to an rdflib term."""
    terms = Terms()
    names = [v.value for v in solutions.variables]
    found = []
    for solution in solutions:
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = terms.rdflib(value)
        found.append(row)
    return found
