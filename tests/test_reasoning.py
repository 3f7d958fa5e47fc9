"""HermiT via owlready2: the shipped ontology is consistent, and a contradiction is caught."""

from __future__ import annotations

import pytest
from rdflib import Graph

from competency_graph.loading import LoadedGraph, load_files
from competency_graph.reasoning import java_available, run_hermit

from .conftest import FIXTURES

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(not java_available(), reason="HermiT needs java on PATH"),
]


def test_shipped_ontology_is_consistent_with_no_unsatisfiable_classes(
    shipped: LoadedGraph,
) -> None:
    result = run_hermit(shipped.graph)
    assert result.consistent
    assert result.unsatisfiable_classes == []


def test_an_individual_in_two_disjoint_skill_kinds_makes_the_ontology_inconsistent(
    shipped: LoadedGraph,
) -> None:
    broken = Graph()
    broken += shipped.graph
    broken += load_files([FIXTURES / "reasoning" / "skill_both_tool_and_language.ttl"]).graph
    result = run_hermit(broken)
    assert not result.consistent
    assert result.explanation


def test_a_class_below_two_disjoint_kinds_is_reported_unsatisfiable(
    shipped: LoadedGraph,
) -> None:
    broken = Graph()
    broken += shipped.graph
    broken += load_files([FIXTURES / "reasoning" / "class_below_disjoint_kinds.ttl"]).graph
    result = run_hermit(broken)
    assert result.consistent
    assert result.unsatisfiable_classes == ["https://example.org/ToolLanguage"]
