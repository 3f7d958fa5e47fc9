"""The shapes of the catalogue: each rule's node shapes, and the rule of every shape part."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from competency_graph.checking.shapes import read_shapes, shipped_shapes
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.model.rules import read_rules
from competency_graph.namespaces import SH

from ..conftest import FIXTURES, shipped_rule_ids


def test_every_rule_has_a_node_shape_but_owl_consistency_and_the_python_only_ones() -> None:
    shapes = shipped_shapes()
    python_only = {"discriminatory-wording"}  # evaluators.EVALUATORS, with no shape
    expected = [
        rule for rule in shipped_rule_ids() if rule != "owl-consistency" and rule not in python_only
    ]
    assert sorted(shapes.node_shapes_of_rule) == expected


def test_the_property_shapes_and_sparql_constraints_of_a_shape_belong_to_its_rule() -> None:
    shapes = shipped_shapes()
    (labels,) = shapes.node_shapes_of_rule["labels"]
    parts = [*shapes.graph.objects(labels, SH.sparql), *shapes.graph.objects(labels, SH.property)]
    assert len(parts) == 2
    assert {shapes.rule_of_shape[part] for part in [labels, *parts]} == {"labels"}


def test_the_shapes_of_a_selection_come_in_the_rules_order(shipped: LoadedGraph) -> None:
    shapes = shipped_shapes()
    catalogue = read_rules(shipped.graph)
    chosen = [catalogue["structure"], catalogue["labels"], catalogue["owl-consistency"]]
    assert shapes.of_rules(chosen) == [
        *shapes.node_shapes_of_rule["structure"],
        *shapes.node_shapes_of_rule["labels"],
    ]


def test_a_shape_is_named_by_its_cgsh_prefix_in_notes() -> None:
    graph = read_shapes(FIXTURES / "fallback" / "shapes").graph
    shape = URIRef("https://w3id.org/competency-graph/shapes#ShortLabels")
    assert graph.namespace_manager.normalizeUri(shape) == "cgsh:ShortLabels"


def test_a_folder_without_shapes_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no SHACL shapes found"):
        read_shapes(tmp_path)
