"""Every example query in examples/queries gives its committed answer on the shipped ontology."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from competency_graph.graph.source import Source
from competency_graph.server.state import GraphState

from .conftest import EXAMPLES, doc_page
from .graphql_support import client_for

QUERIES = sorted((EXAMPLES / "queries").glob("*.graphql"))
#: these run with the seed vacancies loaded too (the shipped ontology has no vacancies)
VACANCY_QUERIES = sorted((EXAMPLES / "queries" / "vacancies").glob("*.graphql"))
SEED_VACANCIES = EXAMPLES / "vacancies" / "seed-000-vacancies.ttl"
#: these write: run in order, on one server with an empty edits folder (serve --edits DIR)
EDITING_QUERIES = sorted((EXAMPLES / "queries" / "editing").glob("*.graphql"))


@pytest.fixture(scope="module")
def shipped_client() -> Iterator[TestClient]:
    state = GraphState(gate=None)
    state.start()
    with client_for(state) as client:
        yield client


@pytest.fixture(scope="module")
def vacancies_client() -> Iterator[TestClient]:
    state = GraphState(Source([SEED_VACANCIES]), gate=None)
    state.start()
    with client_for(state) as client:
        yield client


@pytest.fixture(scope="module")
def editing_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from competency_graph.server.app import ServerSettings, create_app
    from competency_graph.server.editing import Editor

    state = GraphState(gate=None)
    editor = Editor(state, tmp_path_factory.mktemp("editing") / "edits")
    state.start()
    with TestClient(create_app(state, ServerSettings(sighup=False), editor)) as client:
        yield client


def test_there_are_examples_with_answers() -> None:
    assert len(QUERIES) >= 10
    assert len(VACANCY_QUERIES) >= 2
    assert len(EDITING_QUERIES) >= 4
    everything = QUERIES + VACANCY_QUERIES + EDITING_QUERIES
    missing = [q.name for q in everything if not q.with_suffix(".expected.json").is_file()]
    assert missing == []


def test_the_editing_examples_answer_in_order(editing_client: TestClient) -> None:
    for query in EDITING_QUERIES:  # each step's expectedVersion is the one before's answer
        check_answer(editing_client, query)


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_example_answer_over_http(shipped_client: TestClient, query: Path) -> None:
    check_answer(shipped_client, query)


@pytest.mark.parametrize("query", VACANCY_QUERIES, ids=lambda p: p.stem)
def test_vacancy_example_answer_over_http(vacancies_client: TestClient, query: Path) -> None:
    check_answer(vacancies_client, query)


def check_answer(client: TestClient, query: Path) -> None:
    expected = json.loads(query.with_suffix(".expected.json").read_text(encoding="utf-8"))
    response = client.post(
        "/graphql",
        json={"query": query.read_text(encoding="utf-8")},
        headers={"accept": "application/graphql-response+json"},
    )
    assert response.status_code == 200
    assert response.json() == expected, (
        f"{query.name} answers differently; if the ontology changed on purpose, regenerate "
        "with `python examples/client.py --write-expected`"
    )


def test_the_console_default_query_answers(shipped_client: TestClient) -> None:
    from competency_graph.api.graphiql import DEFAULT_QUERY

    response = shipped_client.post("/graphql", json={"query": DEFAULT_QUERY})
    assert "errors" not in response.json()
    assert response.json()["data"]["skillsSupporting"]


def test_the_graphql_guide_shows_what_the_server_says(shipped_client: TestClient) -> None:
    section = doc_page("graphql.md")
    # the curl example: its one-line answer is printed right after the command
    query = '{ dutiesSupportedBy(skill: "skill:bitrix24") { duty { id } via { id } } }'
    assert query.replace('"', '\\"') in section
    printed = next(line for line in section.splitlines() if line.startswith('{"data":{"duties'))
    answer = shipped_client.post("/graphql", json={"query": query}).json()
    assert json.loads(printed) == answer
    # the serve --get example, printed one object per line
    start = section.index("$ competency-graph serve --get '/graphql?query={skillsSupporting")
    block = section[section.index("{", section.index("\n", start)) : section.index("```", start)]
    get_query = '{skillsSupporting(duty:"duty:form-client-base"){skill{id}direct}}'
    assert json.loads(block) == shipped_client.get("/graphql", params={"query": get_query}).json()
