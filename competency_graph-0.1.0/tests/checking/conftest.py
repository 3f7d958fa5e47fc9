"""Shared fixtures of the checking tests: plain pySHACL over every example, run once.

The cross-engine tests (tests/checking/test_shapes.py: the shipped shapes mean the same in
pySHACL as in ``check``; tests/checking/test_formats.py: our SHACL report is pySHACL's) read
one pySHACL run over the shipped ontology and every example the checker's example tests
use, loaded together. One run per example would cost ~40 s each (pySHACL evaluates each
SPARQL constraint once per focus node, over the whole ontology); together they take one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from competency_graph.checking.shapes import shipped_shapes
from competency_graph.graph.files import LoadedGraph, load_graph

from ..conftest import EXAMPLES

#: every example the checker's example tests read (tests/checking/test_engine.py)
EXAMPLE_FILES = [
    *sorted((EXAMPLES / "job-descriptions" / "invalid").glob("*/*.ttl")),
    *sorted((EXAMPLES / "job-descriptions" / "valid").glob("*.ttl")),
    EXAMPLES / "vacancies" / "seed-000-vacancies.ttl",
]


class ParsedOnce(Graph):
    """A view of a graph whose SPARQL texts are parsed once, not once per focus node.

    pySHACL sends each constraint's text (its own PREFIX lines included) for every focus
    node; rdflib parses it each time (170 s for one example instead of 39 s). The cache
    keeps the text exactly as pySHACL built it: no namespaces are added, so a shape that
    forgot a prefix still fails here as it would anywhere else.
    """

    _parsed: ClassVar[dict[str, Query]] = {}

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            parsed = self._parsed.get(query_object)
            if parsed is None:
                parsed = self._parsed[query_object] = prepareQuery(query_object)
            query_object = parsed
        return super().query(query_object, *args, **kwargs)


@dataclass(frozen=True)
class PyshaclRun:
    """Every example loaded together, and plain pySHACL's validation report on them."""

    loaded: LoadedGraph
    report: Graph


@pytest.fixture(scope="session")
def pyshacl_on_every_example() -> PyshaclRun:
    """``pyshacl.validate`` as anyone would call it: the shipped shapes as they are, the data
    as loaded (no skill closure, no inference, no SHACL-AF); ~40-80 s."""
    loaded = load_graph(EXAMPLE_FILES)
    data = ParsedOnce(store=loaded.graph.store, identifier=loaded.graph.identifier)
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shipped_shapes().graph,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    return PyshaclRun(loaded, report)


def canonical(graph: Graph, node: Node | None) -> Node | frozenset[tuple[Node, Node]] | None:
    """``node`` itself, or for a blank node (a copied shape or constraint) what describes it:
    its properties with IRI or literal values; the same in any graph it is copied to."""
    if not isinstance(node, BNode):
        return node
    return frozenset(
        (predicate, value)
        for predicate, value in graph.predicate_objects(node)
        if isinstance(value, URIRef | Literal)
    )
