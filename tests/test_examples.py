"""Every example query in examples/queries gives its committed answer on the shipped ontology."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from competency_graph.graphstate import GraphState

from .conftest import EXAMPLES
from .graphql_support import client_for

QUERIES = sorted((EXAMPLES / "queries").glob("*.graphql"))


@pytest.fixture(scope="module")
def shipped_client() -> Iterator[TestClient]:
    state = GraphState(gate=None)
    state.start()
    with client_for(state) as client:
        yield client


def test_there_are_examples_with_answers() -> None:
    assert len(QUERIES) >= 9
    missing = [q.name for q in QUERIES if not q.with_suffix(".expected.json").is_file()]
    assert missing == []


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_example_answer_over_http(shipped_client: TestClient, query: Path) -> None:
    expected = json.loads(query.with_suffix(".expected.json").read_text(encoding="utf-8"))
    response = shipped_client.post(
        "/graphql",
        json={"query": query.read_text(encoding="utf-8")},
        headers={"accept": "application/graphql-response+json"},
    )
    assert response.status_code == 200
    assert response.json() == expected, (
        f"{query.name} answers differently; if the ontology changed on purpose, regenerate "
        "with `python examples/client.py --write-expected`"
    )
