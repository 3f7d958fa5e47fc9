"""The rule catalogue: rules read from the graph, selection by id, and former ids."""

from __future__ import annotations

import pytest

from competency_graph.checking.engine import Checker
from competency_graph.checking.rules import resolve_ids, select_rules
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph


def test_a_generalised_rule_keeps_its_former_id(shipped: LoadedGraph) -> None:
    catalogue = Checker(shipped).catalogue
    assert catalogue["discrimination"].former_ids == ("vacancy-discrimination",)
    assert catalogue["citizenship"].former_ids == ("vacancy-citizenship",)
    assert resolve_ids(catalogue, ("vacancy-discrimination", "labels")) == (
        "discrimination",
        "labels",
    )


def test_a_former_id_selects_and_skips_the_rule(shipped: LoadedGraph) -> None:
    catalogue = Checker(shipped).catalogue
    selected = select_rules(catalogue, ("vacancy-discrimination", "discrimination"))
    assert [rule.id for rule in selected] == ["discrimination"]
    remaining = select_rules(catalogue, (), ("vacancy-citizenship",))
    assert "citizenship" not in [rule.id for rule in remaining]
    assert len(remaining) == len(catalogue) - 1


def test_an_unknown_id_is_an_error_listing_the_known_ones(shipped: LoadedGraph) -> None:
    with pytest.raises(InputError, match="unknown rule id 'vacancy-age' \\(known: approval, "):
        select_rules(Checker(shipped).catalogue, ("vacancy-age",))
