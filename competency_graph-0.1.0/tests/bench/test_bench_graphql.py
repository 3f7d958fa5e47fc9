"""The benchmark's SPARQL answers equal the GraphQL answers: an independent cross-check."""

from __future__ import annotations

from graphql import execute, parse

from competency_graph.api.context import ApiContext
from competency_graph.api.schema import graphql_schema
from competency_graph.graph.files import LoadedGraph
from competency_graph.model.readmodel import build_read_model

from ..conftest import bench_script


def test_sparql_and_graphql_give_the_same_answers(shipped: LoadedGraph) -> None:
    bench = bench_script("bench_graphql")
    context = ApiContext(model=build_read_model(shipped.graph))
    supporting = execute(graphql_schema(), parse(bench.SUPPORTING), context_value=context)
    assert supporting.data == bench.sparql_supporting(shipped.graph)  # type: ignore[union-attr]
    assert len(supporting.data["skillsSupporting"]) == 7  # type: ignore[index,union-attr]
    position = execute(graphql_schema(), parse(bench.POSITION_QUERY), context_value=context)
    expected = bench.sparql_position(shipped.graph)
    expected["position"]["id"] = bench.POSITION
    assert position.data == expected  # type: ignore[union-attr]
    assert bench.count_fields(position.data) >= 100
