"""Helpers shared by the GraphQL tests: a server over the small fixture organisation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from competency_graph.api.guards import Limits
from competency_graph.graph.source import Source
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.state import GraphState

from .conftest import FIXTURES, ONTOLOGY

SMALL_ORG = [ONTOLOGY / "core.ttl", FIXTURES / "api" / "small_org.ttl"]
GRAPHQL_RESPONSE = "application/graphql-response+json"


def small_state(paths: list[Path] | None = None) -> GraphState:
    """A started state over core.ttl and the small organisation (no rules: no gate)."""
    state = GraphState(Source(paths or SMALL_ORG, include_shipped=False), gate=None)
    state.start()
    return state


def client_for(state: GraphState, **settings: Any) -> TestClient:
    """A test client of an app serving ``state``; ``settings`` override ServerSettings."""
    limits = settings.pop("limits", Limits())
    return TestClient(create_app(state, ServerSettings(limits=limits, sighup=False, **settings)))


@pytest.fixture(scope="module")
def small_client() -> Iterator[TestClient]:
    """A client of a server over the small organisation with default settings."""
    with client_for(small_state()) as client:
        yield client


def post(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    """POST a query; assert a 200 without errors; return ``data``."""
    response = client.post("/graphql", json={"query": query, "variables": variables or None})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def errors_of(client: TestClient, query: str, **variables: Any) -> list[str]:
    """POST a query expecting errors; return their messages."""
    response = client.post(
        "/graphql",
        json={"query": query, "variables": variables or None},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    body = response.json()
    assert response.status_code in (200, 400), response.text
    return [e["message"] for e in body["errors"]]


def answer(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    """POST a query; assert a 200; return the whole body (``data`` and ``errors``)."""
    response = client.post("/graphql", json={"query": query, "variables": variables or None})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
