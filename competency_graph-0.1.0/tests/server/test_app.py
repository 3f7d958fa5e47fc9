"""GraphQL over HTTP: methods, media types, status codes, body limits, console, health, CORS."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from competency_graph.api.guards import Limits
from competency_graph.server.app import JSON, negotiate

from ..graphql_support import GRAPHQL_RESPONSE, client_for, small_client, small_state

__all__ = ["small_client"]

QUERY = '{ skill(id: "skill:crm") { label } }'


def test_post_json_answers_application_json_by_default(small_client: TestClient) -> None:
    response = small_client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"data": {"skill": {"label": "CRM systems"}}}


def test_graphql_response_json_when_accepted(small_client: TestClient) -> None:
    response = small_client.post(
        "/graphql",
        json={"query": QUERY},
        headers={"accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"skill": {"label": "CRM systems"}}}


def test_get_runs_queries_with_variables_and_operation_name(small_client: TestClient) -> None:
    response = small_client.get(
        "/graphql",
        params={
            "query": "query A { a: __typename } query B($id: ID!) { skill(id: $id) { id } }",
            "operationName": "B",
            "variables": json.dumps({"id": "skill:crm"}),
        },
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"skill": {"id": "skill:crm"}}}


def test_mutation_over_get_is_405_with_allow_post(small_client: TestClient) -> None:
    response = small_client.get("/graphql", params={"query": "mutation { anything }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "errors": [
            {
                "message": "a mutation cannot be sent with GET; use POST",
                "extensions": {"code": "METHOD_NOT_ALLOWED"},
            }
        ]
    }


def test_other_methods_are_405(small_client: TestClient) -> None:
    response = small_client.put("/graphql", json={"query": QUERY})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.json() == {
        "errors": [{"message": "PUT is not allowed", "extensions": {"code": "METHOD_NOT_ALLOWED"}}]
    }


def test_head_is_a_get_without_a_body_and_options_lists_the_methods(
    small_client: TestClient,
) -> None:
    head = small_client.head("/graphql", params={"query": QUERY})
    get = small_client.get("/graphql", params={"query": QUERY})
    assert (head.status_code, head.headers["content-type"]) == (200, "application/json")
    assert head.headers["content-length"] == get.headers["content-length"]
    mutation = small_client.head("/graphql", params={"query": "mutation { anything }"})
    assert (mutation.status_code, mutation.headers["allow"]) == (405, "POST")
    options = small_client.options("/graphql")
    assert (options.status_code, options.content) == (204, b"")
    assert options.headers["allow"] == "GET, HEAD, POST, OPTIONS"


def test_malformed_json_body_is_400_spec_shaped(small_client: TestClient) -> None:
    response = small_client.post(
        "/graphql", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": "the body is not valid JSON: Expecting value at line 1 column 11",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[1, 2]", "the body must be a JSON object with a 'query' string"),
        (b"{}", "the request has no 'query' string"),
        (b'{"query": 42}', "the request has no 'query' string"),
        (
            b'{"query": "{ __typename }", "variables": [1]}',
            "'variables' must be a JSON object or null",
        ),
        (
            b'{"query": "{ __typename }", "operationName": 1}',
            "'operationName' must be a string or null",
        ),
        (b"\xff\xfe", "the body is not UTF-8"),
        (b"[" * 50_000 + b"]" * 50_000, "the body nests JSON 50000 levels deep; the limit is 64"),
        (
            b'{"query": "{ __typename }", "variables": {"n": ' + b"9" * 4301 + b"}}",
            "the body has a number of 4301 digits; the limit is 100",
        ),
        (
            b'{"query": "{ __typename }", "variables": {"n": NaN}}',
            "the body is not valid JSON: NaN is not a JSON number",
        ),
        (
            b'{"query": "{ __typename }", "extensions": "x"}',
            "'extensions' must be a JSON object or null",
        ),
    ],
)
def test_bad_request_parameters_are_400(
    small_client: TestClient, body: bytes, message: str
) -> None:
    response = small_client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]
    }


def test_wrong_content_type_is_415(small_client: TestClient) -> None:
    response = small_client.post("/graphql", content=QUERY, headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json() == {
        "errors": [
            {
                "message": "POST needs Content-Type: application/json (got 'text/plain')",
                "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"},
            }
        ]
    }


def test_unacceptable_accept_is_406(small_client: TestClient) -> None:
    response = small_client.post("/graphql", json={"query": QUERY}, headers={"accept": "text/csv"})
    assert response.status_code == 406
    assert "accept application/graphql-response+json or application/json" in response.text


def test_oversized_body_is_413() -> None:
    with client_for(small_state(), max_body_bytes=200) as client:
        padding = " " * 300
        response = client.post("/graphql", json={"query": "{ __typename }" + padding})
        assert response.status_code == 413
        assert response.json() == {
            "errors": [
                {
                    "message": "the body is 326 bytes; the limit is 200 bytes",
                    "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                }
            ]
        }

        # without Content-Length the streamed body is cut off at the limit too
        def chunks():  # type: ignore[no-untyped-def]
            yield b'{"query": "{ __typename }' + b" " * 150
            yield b" " * 150 + b'"}'

        response = client.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert response.json() == {
            "errors": [
                {
                    "message": "the body is over the limit of 200 bytes",
                    "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                }
            ]
        }


def test_syntax_and_validation_errors_status_depends_on_media_type(
    small_client: TestClient,
) -> None:
    for query, message, code in (
        ("{ skill(id: ", "Syntax Error: Unexpected <EOF>.", "GRAPHQL_PARSE_FAILED"),
        (
            "{ nonsense }",
            "Cannot query field 'nonsense' on type 'Query'.",
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ):
        legacy = small_client.post("/graphql", json={"query": query})
        assert legacy.status_code == 200
        assert [e["message"] for e in legacy.json()["errors"]] == [message]
        assert [e["extensions"]["code"] for e in legacy.json()["errors"]] == [code]
        assert "data" not in legacy.json()
        modern = small_client.post(
            "/graphql", json={"query": query}, headers={"accept": GRAPHQL_RESPONSE}
        )
        assert modern.status_code == 400
        assert [e["message"] for e in modern.json()["errors"]] == [message]


def test_bad_variables_are_a_request_error(small_client: TestClient) -> None:
    response = small_client.post(
        "/graphql",
        json={"query": "query($id: ID!) { skill(id: $id) { id } }", "variables": {}},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Variable '$id' of required type 'ID!' was not provided.",
                "locations": [{"line": 1, "column": 7}],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ]
    }


def test_field_errors_keep_partial_data_and_status_200(small_client: TestClient) -> None:
    response = small_client.post(
        "/graphql",
        json={
            "query": '{ ok: skill(id: "skill:crm") { id } '
            'bad: coverage(position: "x:y") { skills { id } } }'
        },
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None  # coverage is non-null, so the error nulls the root
    assert [e["message"] for e in body["errors"]] == ["unknown position 'x:y'"]


def test_multiple_operations_need_operation_name(small_client: TestClient) -> None:
    response = small_client.post(
        "/graphql",
        json={"query": "query A { __typename } query B { __typename }"},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "the document has several operations: give operationName",
                "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"},
            }
        ]
    }


def test_browser_gets_graphiql_with_vendored_assets(small_client: TestClient) -> None:
    response = small_client.get("/graphql", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>competency-graph GraphiQL</title>" in response.text
    assert 'GraphiQL.createFetcher({ url: "/graphql" })' in response.text
    for asset in (
        "graphiql.min.js",
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
    ):
        assert f'"/graphiql/{asset}"' in response.text
        served = small_client.get(f"/graphiql/{asset}")
        assert served.status_code == 200, asset
        assert len(served.content) > 10_000
    assert small_client.get("/graphiql/../server.py").status_code == 404
    # a browser with a query in the URL gets the answer, not the page
    answer = small_client.get(
        "/graphql", params={"query": QUERY}, headers={"accept": "text/html,*/*;q=0.8"}
    )
    assert answer.json() == {"data": {"skill": {"label": "CRM systems"}}}


def test_plain_console_page(small_client: TestClient) -> None:
    response = small_client.get("/console")
    assert response.status_code == 200
    assert "<title>competency-graph GraphQL</title>" in response.text
    assert "fetch(location.pathname" not in response.text  # it posts to /graphql
    assert 'fetch("/graphql"' in response.text


def test_schema_file_is_served(small_client: TestClient) -> None:
    response = small_client.get("/schema.graphql")
    assert response.status_code == 200
    assert "type Query {" in response.text


def test_healthz_reports_version_triples_and_last_reload(small_client: TestClient) -> None:
    health = small_client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["ontologyVersion"] == "unversioned"  # the fixture has no entry ontology
    assert health["version"].startswith("unversioned+")
    assert health["triples"] > 1000
    assert health["files"] == 2
    assert health["lastReload"]["ok"] is True
    assert health["lastReload"]["trigger"] == "startup"


def test_cors_only_for_configured_origins() -> None:
    with client_for(small_state(), cors_origins=("https://hr.example",)) as client:
        preflight = client.options(
            "/graphql",
            headers={
                "origin": "https://hr.example",
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://hr.example"
        other = client.post(
            "/graphql", json={"query": QUERY}, headers={"origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in other.headers
    with client_for(small_state()) as client:
        response = client.post(
            "/graphql", json={"query": QUERY}, headers={"origin": "https://hr.example"}
        )
        assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", JSON),
        (f"application/json;q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        ("text/html, */*;q=0.1", JSON),
    ],
)
def test_negotiate(accept: str | None, expected: str) -> None:
    assert negotiate(accept) == expected


def test_document_routes_are_mounted_and_follow_the_served_model(
    small_client: TestClient,
) -> None:
    response = small_client.get("/positions/account-manager/job-description.md?lang=en")
    assert response.status_code == 200
    assert "Account manager" in response.text
    assert small_client.get("/positions/nope/job-description.md").status_code == 404
    assert small_client.get("/").text.startswith("competency-graph: GraphQL at /graphql")


def test_get_with_bad_variables_is_400(small_client: TestClient) -> None:
    response = small_client.get(
        "/graphql", params={"query": "{ __typename }", "variables": "{not json"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "variables is not valid JSON: Expecting property name enclosed in "
                "double quotes at line 1 column 2",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }
    deep = small_client.get(
        "/graphql", params={"query": "{ __typename }", "variables": "[" * 5000 + "]" * 5000}
    )
    assert deep.status_code == 400
    assert deep.json() == {
        "errors": [
            {
                "message": "variables nests JSON 5000 levels deep; the limit is 64",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"variables": "{bad"},
            "variables is not valid JSON: Expecting property name enclosed "
            "in double quotes at line 1 column 2",
        ),
        (
            {"variables": '{"n": ' + "1" * 4301 + "}"},
            "variables has a number of 4301 digits; the limit is 100",
        ),
        (
            {"extensions": '{"n": ' + "1" * 4301 + "}"},
            "extensions has a number of 4301 digits; the limit is 100",
        ),
        (
            {"extensions": "{bad"},
            "extensions is not valid JSON: Expecting property name "
            "enclosed in double quotes at line 1 column 2",
        ),
        (
            {"variables": '{"x": Infinity}'},
            "variables is not valid JSON: Infinity is not a JSON number",
        ),
    ],
)
def test_get_with_malformed_or_unbounded_json_is_400(
    small_client: TestClient, params: dict[str, str], message: str
) -> None:
    response = small_client.get("/graphql", params={"query": "{ __typename }", **params})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]
    }


def test_an_internal_failure_is_a_500_with_a_request_id_logged_once(
    small_client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from competency_graph.server import app

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app, "run", broken)
    response = small_client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32
    assert response.json() == {
        "errors": [
            {
                "message": "internal server error; see the server log",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
            }
        ]
    }
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [r.getMessage() for r in logged] == [
        f"unhandled error serving POST /graphql (request id {request_id})"
    ]


def test_a_client_leaving_mid_body_is_no_error(caplog: pytest.LogCaptureFixture) -> None:
    import asyncio
    import logging

    caplog.set_level(logging.INFO, logger="competency_graph")

    from competency_graph.server.app import ServerSettings, create_app

    app = create_app(small_state(), ServerSettings())
    caplog.clear()
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"100")],
        "client": ("127.0.0.1", 1),
        "server": ("localhost", 80),
        "scheme": "http",
        "root_path": "",
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }
    messages = iter(
        [
            {"type": "http.request", "body": b'{"query": ', "more_body": True},
            {"type": "http.disconnect"},
        ]
    )

    async def receive() -> dict[str, object]:
        return next(messages)

    async def send(message: object) -> None:
        pass

    asyncio.run(app(scope, receive, send))
    assert [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")] == []
    assert [r.getMessage() for r in caplog.records if r.name.startswith("competency")] == [
        "client left before sending the whole body of /graphql"
    ]


def test_a_query_nested_beyond_the_parser_limit_is_a_syntax_error(
    small_client: TestClient,
) -> None:
    query = "{" + "a{" * 5000 + "b" + "}" * 5001
    # the parser gives up on the nesting before it reads the default 2000 tokens, and with
    # any token limit
    for limits in (Limits(), Limits(max_tokens=20_000)):
        with client_for(small_state(), limits=limits) as client:
            response = client.post("/graphql", json={"query": query})
        assert response.status_code == 200
        assert response.json()["errors"][0]["message"] == (
            "Syntax Error: Document is nested too deeply. Parsing aborted."
        )


def test_a_lone_surrogate_in_variables_is_echoed_escaped_not_a_500(
    small_client: TestClient,
) -> None:
    body = (
        b'{"query": "query($p: ID!) { coverage(position: $p) { skills { id } } }", '
        b'"variables": {"p": "\\ud800"}}'
    )
    response = small_client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    assert b"\"unknown position '\\ud800'\"" in response.content


def test_healthz_counts_document_cache_hits() -> None:
    with client_for(small_state()) as client:
        assert client.get("/healthz").json()["documentCache"] == {
            "hits": 0,
            "misses": 0,
            "size": 0,
        }
        for _ in range(3):
            client.post("/graphql", json={"query": QUERY})
        assert client.get("/healthz").json()["documentCache"] == {
            "hits": 2,
            "misses": 1,
            "size": 1,
        }


def test_graphiql_assets_are_compressed_for_browsers(small_client: TestClient) -> None:
    response = small_client.get("/graphiql/graphiql.min.js", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.num_bytes_downloaded < 1_000_000
    assert len(response.content) > 3_000_000  # httpx decompressed it


def test_heavy_operations_are_capped_and_timed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import time

    import httpx

    from competency_graph.server import app as app_module
    from competency_graph.server.app import ServerSettings, create_app

    real_run = app_module.run

    def slow_run(*args: Any) -> Any:
        time.sleep(0.6)  # a check at scale, in miniature
        return real_run(*args)

    monkeypatch.setattr(app_module, "run", slow_run)
    heavy = {"query": "{ check { conforms } }"}

    async def scenario(settings: ServerSettings) -> list[tuple[int, str | None, float]]:
        transport = httpx.ASGITransport(app=create_app(small_state(), settings))
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:

            async def one(delay: float) -> tuple[int, str | None, float]:
                await asyncio.sleep(delay)
                started = time.monotonic()
                response = await client.post("/graphql", json=heavy)
                elapsed = time.monotonic() - started
                return response.status_code, response.headers.get("retry-after"), elapsed

            return list(await asyncio.gather(one(0), one(0.2)))

    capped = asyncio.run(scenario(ServerSettings(sighup=False, max_concurrent_checks=1)))
    assert [(status, retry) for status, retry, _ in capped] == [(200, None), (503, "1")]
    assert capped[1][2] < 0.2  # refused at once, not queued
    timed = asyncio.run(
        scenario(ServerSettings(sighup=False, max_concurrent_checks=2, heavy_timeout=0.3))
    )
    assert [(status, retry) for status, retry, _ in timed] == [(503, "1"), (503, "1")]


def test_a_heavy_operation_over_its_budget_stops_and_frees_its_slot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The work stops at its next step after the budget, so the next heavy request gets the
    slot instead of a 503 while an abandoned thread would still be running."""
    import asyncio
    import time

    import httpx
    from graphql import ExecutionResult

    from competency_graph.budget import check_budget
    from competency_graph.server import app as app_module
    from competency_graph.server.app import ServerSettings, create_app

    ended: list[float] = []
    calls = []

    def stepwise_run(*args: Any) -> Any:
        calls.append(time.monotonic())
        try:
            if len(calls) == 1:  # the first request: 3 s of work in steps of 20 ms
                for _ in range(150):
                    time.sleep(0.02)
                    check_budget()
            return ExecutionResult(data={"check": {"conforms": True}})  # the next: at once
        finally:
            ended.append(time.monotonic())

    monkeypatch.setattr(app_module, "run", stepwise_run)
    heavy = {"query": "{ check { conforms } }"}
    settings = ServerSettings(sighup=False, max_concurrent_checks=1, heavy_timeout=0.3)

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(small_state(), settings))
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:
            first = await client.post("/graphql", json=heavy)
            await asyncio.sleep(0.2)  # the work notices the budget within a step (20 ms)
            second = await client.post("/graphql", json=heavy)
            return [first, second]

    first, second = asyncio.run(scenario())
    assert first.status_code == 503
    assert first.headers["retry-after"] == "1"
    assert first.json()["errors"][0]["message"] == (
        "the operation ran over the time budget of 0.3 s; it stops at its next step and keeps "
        "its slot until then (1 of 1 heavy slots taken)"
    )
    assert ended[0] - calls[0] < 0.6  # stopped soon after 0.3 s, not after 3 s
    assert second.status_code == 200, second.text
    assert second.json() == {"data": {"check": {"conforms": True}}}


def test_the_server_hands_the_gil_back_sooner_while_it_runs() -> None:
    """Heavy work runs in threads of the server's process: a short GIL switch interval lets
    the event loop answer cheap queries between their steps. Put back when the server stops."""
    import sys

    before = sys.getswitchinterval()
    with client_for(small_state()) as client:
        assert client.post("/graphql", json={"query": "{ __typename }"}).status_code == 200
        assert sys.getswitchinterval() == pytest.approx(0.001)
    assert sys.getswitchinterval() == before
    with client_for(small_state(), switch_interval=None):
        assert sys.getswitchinterval() == before


def test_work_that_stops_itself_at_its_budget_is_answered_503(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the work notices its budget before the server's timer does, the answer is the
    same 503, not a field error."""
    from graphql import ExecutionResult, GraphQLError

    from competency_graph.budget import BudgetExceeded
    from competency_graph.server import app as app_module

    def stopped(*args: Any) -> ExecutionResult:
        error = GraphQLError("stopped", original_error=BudgetExceeded(120))
        return ExecutionResult(data=None, errors=[error])

    monkeypatch.setattr(app_module, "run", stopped)
    with client_for(small_state()) as client:
        response = client.post("/graphql", json={"query": "{ check { conforms } }"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "120"
    assert response.json()["errors"][0]["message"] == (
        "the operation ran over the time budget of 120 s and stopped"
    )
