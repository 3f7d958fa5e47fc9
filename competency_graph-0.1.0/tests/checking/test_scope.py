"""The position scope: the entities a position's check reports on, found once."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from rdflib import URIRef
from rdflib.term import Node

from competency_graph.checking.scope import PositionScope, owned_entities
from competency_graph.checking.working import WorkingGraph
from competency_graph.errors import InputError
from competency_graph.graph.files import load_graph
from competency_graph.namespaces import CG, compact_id, expand_id

from ..conftest import FIXTURES

OWNER = FIXTURES / "scope" / "position-and-what-it-owns.ttl"


@pytest.fixture(scope="module")
def working() -> WorkingGraph:
    return WorkingGraph.of(load_graph([OWNER]).graph)


def _ids(nodes: Iterable[Node]) -> list[str]:
    return sorted(compact_id(str(node)) for node in nodes if isinstance(node, URIRef))


def test_a_position_owns_its_descriptions_their_items_its_named_requirements_and_vacancies(
    working: WorkingGraph,
) -> None:
    owned = owned_entities(working, expand_id("position:example-owner"))
    assert _ids(owned) == [
        "duty:example-owned",
        "jd:example-owner",
        "position:example-owner",
        "requirement:example-named",
        "requirement:example-of-the-vacancy",
        "responsibility:example-owned",
        "right:example-owned",
        "vacancy:example-owner",
    ]
    assert len(owned) == 8  # the unnamed requirement is not reported on by itself


def test_the_scope_knows_the_classes_of_what_it_owns_and_what_each_constraint_targets(
    working: WorkingGraph,
) -> None:
    scope = PositionScope.of(working, str(expand_id("position:example-owner")))
    assert scope.position == expand_id("position:example-owner")
    assert scope.owned == frozenset(owned_entities(working, scope.position))
    assert _ids(scope.targeted_by(frozenset({str(CG.Duty), str(CG.Right)}))) == [
        "duty:example-owned",
        "right:example-owned",
    ]
    assert _ids(scope.targeted_by(frozenset({str(CG.Requirement)}))) == [
        "requirement:example-named",
        "requirement:example-of-the-vacancy",
    ]
    assert scope.targeted_by(frozenset({str(CG.Skill)})) == []


@pytest.mark.parametrize("identifier", ["position:nobody", "duty:example-owned"])
def test_an_id_that_names_no_position_is_an_error(working: WorkingGraph, identifier: str) -> None:
    with pytest.raises(InputError, match=f"unknown position '{identifier}'"):
        PositionScope.of(working, str(expand_id(identifier)))
