"""Triples read from a store, indexed once for the read model and the counts.

The read model asks an rdflib graph's questions (``objects``, ``subjects``, ``value``...)
hundreds of thousands of times; over the 730k triples of ESCO an rdflib graph answers them
too slowly and holds too much. :class:`TripleIndex` answers the same questions from two
dicts, filled by one bulk read of the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Protocol, cast

from rdflib import Graph
from rdflib.term import Node

from competency_graph.graph.stores import GraphStore
from competency_graph.graph.terms import Triple


class GraphReads(Protocol):
    """The pattern reads a walk over the graph makes, as an rdflib graph offers them: an
    rdflib graph, a :class:`TripleIndex` or the checker's working graph."""

    def subjects(self, predicate: Node, obj: Node | None, /) -> Iterable[Node]:
        """Subjects of the triples with ``predicate`` (and object ``obj``, unless None)."""

    def objects(self, subject: Node | None, predicate: Node, /) -> Iterable[Node]:
        """Objects of the triples with ``predicate`` (and subject ``subject``, unless None)."""

    def subject_objects(self, predicate: Node, /) -> Iterable[tuple[Node, Node]]:
        """(subject, object) of every triple with ``predicate``."""


class TripleIndex:
    """Triples indexed by subject and by predicate-object, read like an rdflib graph.

    It offers exactly the reads the read-model builder makes (``objects``, ``subjects``,
    ``value``, ``predicate_objects``, ``in``, ``len``) at dict speed, so one builder serves
    every store.
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._spo: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self._pos: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        # every triple, to skip repeats: a set finds one by hash, where looking through the
        # (s, p) list called rdflib's Python-level __eq__ 6M times for ESCO (a third of the time)
        self._triples: set[Triple] = set()
        self.add_all(triples)

    @classmethod
    def of(cls, store: GraphStore, ontology: Graph | None = None) -> TripleIndex:
        """Every triple of ``store`` (one bulk read) and of ``ontology``, when given."""
        index = cls(ontology if ontology is not None else ())
        index.add_all(store.triples())
        return index

    def as_graph(self) -> Graph:
        """This index typed as the rdflib graph whose read methods it offers."""
        return cast(Graph, self)

    def add_all(self, triples: Iterable[Triple]) -> None:
        """Add triples; a triple already present is not added twice."""
        spo, pos, known = self._spo, self._pos, self._triples
        for triple in triples:
            if triple in known:
                continue
            known.add(triple)
            s, p, o = triple
            spo[s][p].append(o)
            pos[p][o].append(s)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: Triple) -> bool:
        return triple in self._triples

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is None:
            by_object = self._pos.get(predicate, {}) if predicate is not None else {}
            for value, subjects in by_object.items():
                for _ in subjects:  # one per triple, as rdflib does
                    yield value
            return
        by_predicate = self._spo.get(subject)
        if not by_predicate:
            return
        if predicate is None:
            for values in by_predicate.values():
                yield from values
        else:
            yield from by_predicate.get(predicate, ())

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        by_object = self._pos.get(predicate) if predicate is not None else None
        if by_object is None:
            return
        if obj is None:
            for subjects in by_object.values():
                yield from subjects
        else:
            yield from by_object.get(obj, ())

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        for value, subjects in self._pos.get(predicate, {}).items():
            for subject in subjects:
                yield subject, value

    def value(self, subject: Node, predicate: Node) -> Node | None:
        values = self._spo.get(subject, {}).get(predicate)
        return values[0] if values else None

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        for predicate, values in self._spo.get(subject, {}).items():
            for value in values:
                yield predicate, value
