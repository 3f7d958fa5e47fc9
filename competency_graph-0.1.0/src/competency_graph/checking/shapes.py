"""The SHACL shapes that implement the rule catalogue, and which rule each shape implements.

Every node shape in ``ontology/shapes/`` names its rule with ``cg:implementsRule``; its
property shapes and SPARQL constraints belong to the same rule, so a back end's result (which
names the shape or the constraint it came from) is traced back to its rule here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files
from competency_graph.graph.ontology import shapes_dir
from competency_graph.model.rules import Rule
from competency_graph.namespaces import CG, SH, compact_id

#: the namespace of the shipped shapes, ``cgsh:`` in notes that name a shape
SHAPES_NAMESPACE = "https://w3id.org/competency-graph/shapes#"


@dataclass(frozen=True)
class Shapes:
    """The SHACL shapes of the catalogue and which rule each shape implements."""

    graph: Graph
    rule_of_shape: dict[Node, str]  # node and property shapes, sh:sparql nodes -> rule id
    node_shapes_of_rule: dict[str, tuple[URIRef, ...]]

    def of_rules(self, rules: Iterable[Rule]) -> list[URIRef]:
        """The node shapes implementing ``rules``, in the rules' order."""
        return [shape for rule in rules for shape in self.node_shapes_of_rule.get(rule.id, ())]


def read_shapes(folder: Path) -> Shapes:
    """Load every ``*.ttl`` in the shapes folder and index shapes by rule."""
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise InputError("no SHACL shapes found (expected *.ttl files)", folder)
    graph = load_files(files, follow_imports=False).graph
    graph.bind("cgsh", SHAPES_NAMESPACE)
    rule_of_shape: dict[Node, str] = {}
    node_shapes: dict[str, list[URIRef]] = {}
    for shape, rule in graph.subject_objects(CG.implementsRule):
        rule_id = compact_id(str(rule)).removeprefix("rule:")
        rule_of_shape[shape] = rule_id
        if isinstance(shape, URIRef):
            node_shapes.setdefault(rule_id, []).append(shape)
        for property_shape in graph.objects(shape, SH.property):
            rule_of_shape[property_shape] = rule_id
        for sparql in graph.objects(shape, SH.sparql):
            rule_of_shape[sparql] = rule_id
    return Shapes(graph, rule_of_shape, {k: tuple(v) for k, v in node_shapes.items()})


def shipped_shapes() -> Shapes:
    """The shapes in ``ontology/shapes/`` of the ontology in use, read once per folder."""
    return _shapes_in(shapes_dir())


@cache
def _shapes_in(folder: Path) -> Shapes:
    # keyed by folder: `--ontology DIR` (or a test) may point at another ontology's shapes
    return read_shapes(folder)
