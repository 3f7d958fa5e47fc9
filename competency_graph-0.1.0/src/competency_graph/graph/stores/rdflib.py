"""An rdflib graph as a store: what the product has always read (the shipped ontology and
the user's files, loaded in memory)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.term import Node

from competency_graph.graph.stores import GraphStore
from competency_graph.graph.terms import Triple


class RdflibStore(GraphStore):
    """An rdflib graph held in memory."""

    def __init__(self, graph: Graph, name: str = "rdflib graph") -> None:
        self.graph = graph
        self.name = name

    def triples(self) -> Iterator[Triple]:
        yield from self.graph

    def select(self, query: str) -> list[dict[str, Node]]:
        return [
            {str(k): v for k, v in row.asdict().items()}  # type: ignore[union-attr]
            for row in self.graph.query(query)
        ]

    def construct(self, query: str) -> Iterator[Triple]:
        yield from self.graph.query(query)  # type: ignore[misc]

    def insert(self, graph: Graph) -> None:
        self.graph += graph

    def __len__(self) -> int:
        return len(self.graph)
