"""Query guards: depth, aliases, complexity, page-size cap, introspection off."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from graphql import GraphQLError, get_introspection_query
from starlette.testclient import TestClient

from competency_graph.api.guards import Cost, Limits, measure, parse_document
from competency_graph.api.schema import graphql_schema

from ..graphql_support import GRAPHQL_RESPONSE, client_for, small_state

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
                "extensions": {"code": "BAD_USER_INPUT"},
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


def test_a_repeated_field_is_refused_before_graphql_core_compares_it_pairwise(
    guarded: TestClient,
) -> None:
    # graphql-core's merge check compares same-name fields pairwise: 1000 x __typename
    # (11 KB) cost it 1.7 s, and then it answered only "Validation aborted."
    errors = refused(guarded, "{ " + "__typename " * 200 + "}")
    assert [e["message"] for e in errors] == [
        "'__typename' is selected 200 times at one level; the maximum is 10 "
        "(select a field once, or give aliases)"
    ]
    assert errors[0]["extensions"] == {"code": "MAX_REPEATED_FIELD", "limit": 10, "actual": 200}
    # fields of the same name merge: 4 x position { 3 x id } selects id 12 times at one level
    merged = "{ " + 'position(id: "x") { id id id } ' * 4 + "}"
    assert [e["extensions"] for e in refused(guarded, merged)] == [
        {"code": "MAX_REPEATED_FIELD", "limit": 10, "actual": 12}
    ]
    # ten times, also through fragments, is still an answer
    fine = "{ ...A ...B } fragment A on Query { " + "__typename " * 5 + "} "
    fine += "fragment B on Query { " + "__typename " * 5 + "}"
    assert guarded.post("/graphql", json={"query": fine}).json() == {
        "data": {"__typename": "Query"}
    }


def test_fragments_spreading_each_other_are_measured_once(guarded: TestClient) -> None:
    # F0 spreads F1 twice, F1 spreads F2 twice...: 2^24 fields from 1 KB of text; measuring
    # every spread again took seconds per level
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(24))
    bomb = "{ ...F0 } " + fragments + " fragment F24 on Query { __typename }"
    started = time.perf_counter()
    errors = refused(guarded, bomb)
    assert time.perf_counter() - started < 5
    assert errors[0]["extensions"] == {
        "code": "MAX_COMPLEXITY",
        "limit": 300,
        "actual": 2**24,
    }


def test_a_document_over_the_token_limit_is_refused_before_parsing() -> None:
    with client_for(small_state(), limits=Limits(max_tokens=50)) as client:
        errors = refused(client, "{ " + 'skill(id: "skill:crm") { id } ' * 10 + "}")
        assert errors == [
            {
                "message": "the document has more than 50 tokens; the maximum is 50 (pass "
                "large input values as variables)",
                "extensions": {"code": "MAX_TOKENS", "limit": 50},
            }
        ]
        # a comment is not a token, and 50 tokens pass
        fine = "# " + "x" * 1000 + "\n{ " + "__typename " * 10 + "}"
        assert client.post("/graphql", json={"query": fine}).status_code == 200


def test_parse_document_counts_tokens_with_graphql_cores_parser() -> None:
    twelve = "{ a b c d e f g h i j }"  # 12 tokens, and a comment that is not one
    assert len(parse_document(f"# {'x' * 500}\n{twelve}", max_tokens=12).definitions) == 1
    with pytest.raises(GraphQLError) as over:
        parse_document(twelve, max_tokens=11)
    # graphql-core's own message is recognised (this fails if its wording changes)
    assert (over.value.message, over.value.extensions) == (
        "the document has more than 11 tokens; the maximum is 11 (pass large input values "
        "as variables)",
        {"code": "MAX_TOKENS", "limit": 11},
    )
    assert over.value.locations is None
    with pytest.raises(GraphQLError) as syntax:
        parse_document("{ a b", max_tokens=11)
    assert syntax.value.message == "Syntax Error: Expected Name, found <EOF>."
    assert parse_document("{ a }" * 100).definitions  # no limit


def test_the_standard_introspection_query_passes_the_default_guards() -> None:
    # GraphiQL, gql, Apollo and Insomnia fetch the schema with this query; it nests
    # `ofType` 7 times (depth 15), so the depth guard used to refuse it and GraphiQL had
    # no documentation and no completion
    query = get_introspection_query(descriptions=True, input_value_deprecation=True)
    with client_for(small_state()) as client:
        response = client.post(
            "/graphql",
            json={"query": query, "operationName": "IntrospectionQuery"},
            headers={"accept": GRAPHQL_RESPONSE},
        )
    assert response.status_code == 200, response.text
    types = {t["name"] for t in response.json()["data"]["__schema"]["types"]}
    assert {"Position", "Skill", "Requirement"} <= types
    assert measure(graphql_schema(), query)[0].depth == 6
    # nesting that multiplies is still refused: fields of the types of fields...
    bomb = "{ __schema { types { fields { type { ofType { fields { type { ofType { fields {"
    bomb += " type { ofType { fields { name } } } } } } } } } } } } }"
    with client_for(small_state()) as client:
        assert client.post("/graphql", json={"query": bomb}).json()["errors"]
