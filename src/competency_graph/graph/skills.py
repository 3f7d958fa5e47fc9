"""The one skill closure: is skill A the same as or narrower than skill B?

A skill covers itself and every skill it is narrower than (``skos:broader``, followed
transitively): "Excel" covers "MS Office". A duty that needs "MS Office" is supported by a
position that has "Excel"; the other way round it is not. The read model keeps each skill's
covered skills (:attr:`~competency_graph.model.readmodel.ReadModel.ancestors`), and the
checker materialises its closure as ``cg:coversSkill`` triples (:func:`covers_skill_triples`,
which also crosses ``skos:exactMatch`` links either way: the same concept in another scheme,
ESCO, meets the same needs, as :mod:`competency_graph.model.matching` counts in gaps and
matches), because the rules ask the question many times per check: a property path is a
graph walk each time, a materialised triple an index lookup.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

from rdflib import Literal
from rdflib.namespace import SKOS
from rdflib.term import Node

from competency_graph.graph.index import GraphReads
from competency_graph.graph.stats import instances_of
from competency_graph.graph.terms import Triple
from competency_graph.namespaces import CG

T = TypeVar("T", bound=Hashable)

#: the predicates whose objects are skills, besides instances of cg:Skill
SKILL_PREDICATES = (CG.supportedBy, CG.requiresCompetence, CG.requiredSkill, CG.experienceSkill)


def covered_skills(skill: T, broader: Mapping[T, Iterable[T]]) -> set[T]:
    """``skill`` and every skill it is narrower than: ``broader`` maps a skill to the skills
    one level up; followed transitively (cycles are harmless)."""
    covered = {skill}
    frontier = [skill]
    while frontier:
        for wider in broader.get(frontier.pop(), ()):
            if wider not in covered:
                covered.add(wider)
                frontier.append(wider)
    return covered


def skill_coverage(broader: Mapping[T, Iterable[T]], skills: Iterable[T]) -> Iterator[tuple[T, T]]:
    """(skill, covered) pairs: for each of ``skills``, every skill it covers
    (:func:`covered_skills`)."""
    for skill in skills:
        for covered in covered_skills(skill, broader):
            yield skill, covered


def covers_skill_triples(graph: GraphReads) -> Iterator[Triple]:
    """The ``cg:coversSkill`` triples of every skill of ``graph``: the instances of cg:Skill
    and its subclasses, what a duty or requirement names as its skill, and every node with
    a ``skos:broader``. A skill covers what it reaches by ``skos:broader`` and by
    ``skos:exactMatch`` either way (the shapes' path ``(skos:broader|skos:exactMatch|
    ^skos:exactMatch)*``): the same concept in another scheme meets the same needs. A
    literal named as a skill is not one (a shape reports it)."""
    broader: dict[Node, set[Node]] = {}
    for narrower, wider in graph.subject_objects(SKOS.broader):
        broader.setdefault(narrower, set()).add(wider)
    for one, other in graph.subject_objects(SKOS.exactMatch):
        if one != other:  # a link read both ways, as the path's ^skos:exactMatch does
            broader.setdefault(one, set()).add(other)
            broader.setdefault(other, set()).add(one)
    skills: set[Node] = set(instances_of(graph, CG.Skill))
    for predicate in SKILL_PREDICATES:
        skills.update(graph.objects(None, predicate))
    skills.update(broader)
    for skill, covered in skill_coverage(broader, skills):
        if not isinstance(skill, Literal) and not isinstance(covered, Literal):
            yield skill, CG.coversSkill, covered
