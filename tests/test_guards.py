"""Query guards: depth, aliases, complexity, page-size cap, introspection off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from competency_graph.api.guards import Cost, Limits, measure
from competency_graph.api.schema import graphql_schema

from .graphql_support import GRAPHQL_RESPONSE, client_for, small_state

LIMITS = Limits(max_depth=6, max_aliases=3, max_complexity=300, max_page_size=20)


@pytest.fixture(scope="module")
def guarded() -> Iterator[TestClient]:
    with client_for(small_state(), limits=LIMITS) as client:
        yield client


def refused(client: TestClient, query: str) -> list[dict[str, object]]:
    response = client.post("/graphql", json={"query": query}, headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400, response.text
    body = response.json()
    assert "data" not in body
    errors: list[dict[str, object]] = body["errors"]
    return errors


def test_depth_bomb_is_refused(guarded: TestClient) -> None:
    # reportsTo is a cycle in the type system: a client can nest it forever
    bomb = '{ position(id: "position:account-manager") { ' + "reportsTo { " * 8 + "id" + " }" * 10
    errors = refused(guarded, bomb)
    assert [e["message"] for e in errors] == [
        "the anonymous operation is 10 levels deep; the maximum depth is 6"
    ]
    assert errors[0]["extensions"] == {"code": "MAX_DEPTH", "limit": 6, "actual": 10}


def test_depth_counts_through_fragments(guarded: TestClient) -> None:
    query = """query Deep { position(id: "position:trainee") { ...A } }
      fragment A on Position { reportsTo { ...B } }
      fragment B on Position { reportsTo { reportsTo { reportsTo { reportsTo { id } } } } }"""
    assert [e["message"] for e in refused(guarded, query)] == [
        "operation 'Deep' is 7 levels deep; the maximum depth is 6"
    ]


def test_fragment_cycle_is_reported_not_looped(guarded: TestClient) -> None:
    query = """{ position(id: "position:trainee") { ...A } }
      fragment A on Position { reportsTo { ...B } }
      fragment B on Position { reportsTo { ...A } }"""
    messages = [e["message"] for e in refused(guarded, query)]
    assert "Cannot spread fragment 'A' within itself via 'B'." in messages


def test_alias_bomb_is_refused(guarded: TestClient) -> None:
    bomb = "{ " + " ".join(f'a{i}: skill(id: "skill:crm") {{ id }}' for i in range(50)) + " }"
    errors = refused(guarded, bomb)
    assert [e["message"] for e in errors] == ["the document has 50 aliases; the maximum is 3"]
    assert errors[0]["extensions"] == {"code": "MAX_ALIASES", "limit": 3, "actual": 50}


def test_three_aliases_pass(guarded: TestClient) -> None:
    query = (
        '{ a: skill(id: "skill:crm") { id } b: duty(id: "duty:negotiate") { id } c: __typename }'
    )
    response = guarded.post("/graphql", json={"query": query})
    assert response.json() == {
        "data": {"a": {"id": "skill:crm"}, "b": {"id": "duty:negotiate"}, "c": "Query"}
    }


def test_complexity_counts_pages_times_their_size() -> None:
    schema = graphql_schema()
    # 1 (skills) + 5 x (1 nodes + 2 scalars): a page's nodes count once per item
    assert measure(schema, "{ skills(first: 5) { nodes { id label } } }", 20)[0].complexity == 16
    # without `first` a page counts the cap (20); with a variable too
    assert measure(schema, "{ skills { nodes { id } } }", 20)[0].complexity == 41
    variable = "query($n: Int) { skills(first: $n) { nodes { id } } }"
    assert measure(schema, variable, 20)[0].complexity == 41
    # an unpaginated list counts its children ASSUMED_LIST_SIZE (10) times
    plain = '{ position(id: "x") { requirements { id skill { id } } } }'
    assert measure(schema, plain, 20)[0] == Cost(depth=4, complexity=1 + 1 + 10 * 3)


def test_list_in_list_bomb_is_refused(guarded: TestClient) -> None:
    # supportedBy { id } = 1 + 10 x 1 = 11; duty { ... } = 12; dutiesSupported = 1 + 10 x 12;
    # nodes = 1 + 121; skills = 1 + 20 x 122 = 2441
    bomb = "{ skills(first: 20) { nodes { dutiesSupported { duty { supportedBy { id } } } } } }"
    errors = refused(guarded, bomb)
    assert [e["message"] for e in errors] == [
        "the anonymous operation could resolve 2441 fields; the maximum complexity is 300 "
        "(ask for smaller pages or fewer fields)"
    ]
    assert errors[0]["extensions"] == {"code": "MAX_COMPLEXITY", "limit": 300, "actual": 2441}
    # 1 + 10 x (1 + 1 + 21) = 231: within the limit
    fine = "{ skills(first: 10) { nodes { id dutiesSupported { duty { id } } } } }"
    assert measure(graphql_schema(), fine, 20)[0].complexity == 231
    assert guarded.post("/graphql", json={"query": fine}).status_code == 200


def test_page_over_the_cap_is_an_error_not_a_short_page(guarded: TestClient) -> None:
    response = guarded.post(
        "/graphql",
        json={"query": "{ skills(first: 21) { nodes { id } } }"},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200  # a field error: the request itself was valid
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "first: 21 is over the page-size cap of 20; ask for a smaller page "
                "and follow pageInfo.endCursor",
                "locations": [{"line": 1, "column": 3}],
                "path": ["skills"],
            }
        ],
    }
    ok = guarded.post("/graphql", json={"query": "{ skills(first: 20) { totalCount } }"})
    assert ok.json() == {"data": {"skills": {"totalCount": 9}}}


def test_introspection_on_by_default_and_off_on_request() -> None:
    query = "{ __schema { queryType { name } } }"
    with client_for(small_state()) as client:
        assert client.post("/graphql", json={"query": query}).json() == {
            "data": {"__schema": {"queryType": {"name": "Query"}}}
        }
    with client_for(small_state(), limits=Limits(introspection=False)) as client:
        errors = refused(client, query)
        assert [e["message"] for e in errors] == [
            "GraphQL introspection has been disabled, but the requested query contained the "
            f"field '{name}'."
            for name in ("__schema", "queryType")
        ]
        # __typename is not introspection
        assert client.post("/graphql", json={"query": "{ __typename }"}).json() == {
            "data": {"__typename": "Query"}
        }
