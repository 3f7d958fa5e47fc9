"""The position scope: what a check of one position reports on, worked out once per check.

A position's check (``check --position``) reports on the position, its job descriptions and
their duties, rights and responsibilities, its named requirements and its vacancies
(:func:`owned_entities`). :class:`PositionScope` turns the position id into an IRI once,
finds those entities and their classes in one pass over the working graph, and answers each
back end's question: which of them does a constraint target?
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from rdflib import URIRef
from rdflib.term import Node

from competency_graph.checking.working import WorkingGraph
from competency_graph.model.ids import expand, unknown_id
from competency_graph.namespaces import CG


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


@dataclass(frozen=True)
class PositionScope:
    """One position, the entities its check reports on, and their classes."""

    position: URIRef
    owned: frozenset[Node]
    #: each named owned entity that has a type -> its classes' IRIs, superclasses included
    classes: Mapping[Node, set[str]]

    @classmethod
    def of(cls, working: WorkingGraph, position: str) -> PositionScope:
        """The scope of ``position``, any id form of :mod:`competency_graph.model.ids`; one
        that names no position is an :class:`~competency_graph.errors.UnknownIdError` naming
        the closest position."""
        expanded = expand(position, "position")
        iri = URIRef(expanded) if expanded is not None else None
        owned = owned_entities(working, iri) if iri is not None else set()
        classes = working.classes_by_node(owned)
        if iri is None or str(CG.Position) not in classes.get(iri, ()):
            raise unknown_id("position", position, working.members(CG.Position))
        return cls(iri, frozenset(owned), classes)

    def targeted_by(self, targets: frozenset[str]) -> list[Node]:
        """The owned entities that are instances of one of the ``targets`` classes."""
        return [node for node, held in self.classes.items() if not targets.isdisjoint(held)]
