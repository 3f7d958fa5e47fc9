"""Document cache, operation choice, error masking."""

from __future__ import annotations

import logging

import pytest
from graphql import parse

from competency_graph.api.execution import DocumentCache, is_slow, select_operation
from competency_graph.api.guards import Limits, validation_rules
from competency_graph.api.schema import graphql_schema
from competency_graph.model import analysis

from ..graphql_support import client_for, small_state


def test_a_query_text_is_parsed_and_validated_once() -> None:
    cache = DocumentCache(graphql_schema(), validation_rules(Limits()), size=2)
    first = cache.get("{ rules { id } }")
    assert cache.get("{ rules { id } }") is first
    assert cache.stats() == {"hits": 1, "misses": 1, "size": 1}
    broken = cache.get("{ rules { id }")
    assert broken.document is None
    assert [e.message for e in broken.syntax_errors] == [
        "Syntax Error: Expected Name, found <EOF>."
    ]
    invalid = cache.get("{ rules { nope } }")
    assert [e.message for e in invalid.validation_errors] == [
        "Cannot query field 'nope' on type 'Rule'. Did you mean 'code'?"
    ]
    assert cache.stats()["size"] == 2  # bounded: the oldest entry was dropped


def test_select_operation_and_slow_fields() -> None:
    document = parse("query A { rules { id } } query B { check { conforms } }")
    chosen = select_operation(document, "B")
    assert not isinstance(chosen, Exception)
    assert is_slow(chosen)
    other = select_operation(document, "A")
    assert not isinstance(other, Exception) and not is_slow(other)
    for hidden in (
        "{ ... on Query { matchPositions(skills: []) { position { id } } } }",
        "query { ...F } fragment F on Query { x: checkJobDescription }",
    ):
        hidden_document = parse(hidden)
        operation = select_operation(hidden_document, None)
        assert not isinstance(operation, Exception)
        assert is_slow(operation, hidden_document)
    missing = select_operation(document, "C")
    assert isinstance(missing, Exception)
    assert missing.message == "unknown operation named 'C'"  # type: ignore[attr-defined]


def test_an_unexpected_exception_is_logged_not_shown(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail from /srv/internal/path")

    monkeypatch.setattr(analysis, "coverage", broken)
    with client_for(small_state()) as client, caplog.at_level(logging.ERROR):
        response = client.post(
            "/graphql",
            json={
                "query": '{ ok: skill(id: "skill:crm") { id } '
                'coverage(position: "position:trainee") { skills { id } } }'
            },
        )
    assert response.status_code == 200
    body = response.json()
    assert body["errors"][0]["message"] == (
        "internal error while resolving this field; see the server log"
    )
    assert body["errors"][0]["path"] == ["coverage"]
    request_id = body["errors"][0]["extensions"]["requestId"]
    assert f"error resolving ['coverage'] (request id {request_id})" in caplog.text
    assert "secret detail" not in response.text
    assert "secret detail from /srv/internal/path" in caplog.text


def test_a_server_bug_outside_graphql_is_a_clean_500(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from competency_graph.server.app import GraphQLEndpoint

    def broken(self: object, *args: object) -> None:
        raise RuntimeError("secret")

    monkeypatch.setattr(GraphQLEndpoint, "execute", broken)
    with client_for(small_state()) as client, caplog.at_level(logging.ERROR):
        response = client.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    assert response.json() == {
        "errors": [
            {
                "message": "internal server error; see the server log",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
            }
        ]
    }
    assert f"unhandled error serving POST /graphql (request id {request_id})" in caplog.text
