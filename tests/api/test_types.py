"""Types over ESCO data: skill groups in the hierarchy, ISCO groups, labels in any language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import graphql_sync

from competency_graph.api.context import ApiContext
from competency_graph.api.schema import graphql_schema
from competency_graph.graph.files import load_graph
from competency_graph.importers.esco import import_esco
from competency_graph.importers.esco_model import esco_read_model

from ..importers.test_esco import KEY_ACCOUNT, with_groups_and_german

NEGOTIATE = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000002"


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> ApiContext:
    """The ESCO fixture with two skill groups and German labels, and the shipped ontology."""
    folder: Path = tmp_path_factory.mktemp("esco")
    result = import_esco(with_groups_and_german(folder), folder / "store", progress=False)
    assert result.classification is not None
    model = esco_read_model(result.classification, load_graph().graph, result.triples)
    assert model is not None
    return ApiContext(model=model)


def run(context: ApiContext, query: str, **variables: Any) -> dict[str, Any]:
    found = graphql_sync(graphql_schema(), query, context_value=context, variable_values=variables)
    assert not found.errors, found.errors
    assert found.data is not None
    return found.data


def test_a_skill_is_narrower_than_its_esco_skill_group(context: ApiContext) -> None:
    data = run(
        context,
        """query($id: ID!) { skill(id: $id) { broader { label kind code: id
             broader { label kind narrower { label } } } } }""",
        id=NEGOTIATE,
    )
    assert data["skill"]["broader"] == [
        {
            "label": "negotiating",
            "kind": "SKILL_GROUP",
            "code": "http://data.europa.eu/esco/skill/S1.6",
            "broader": [
                {
                    "label": "communication, collaboration and creativity",
                    "kind": "SKILL_GROUP",
                    "narrower": [{"label": "negotiating"}],
                }
            ],
        }
    ]


def test_an_occupation_has_its_isco_group(context: ApiContext) -> None:
    data = run(
        context,
        """query($id: ID!) { position(id: $id) {
             iscoGroup { code label de: label(language: "de") broader { code } } } }""",
        id=KEY_ACCOUNT,
    )
    assert data["position"]["iscoGroup"] == {
        "code": "1420",
        "label": "sales, marketing and development managers",
        "de": "Führungskräfte in Vertrieb, Marketing und Entwicklung",
        "broader": [],
    }


def test_any_language_is_asked_for_by_code_and_falls_back_to_english(
    context: ApiContext,
) -> None:
    data = run(
        context,
        """query($id: ID!) { position(id: $id) { de: label(language: "de")
             upper: label(language: "DE", lang: RU) fr: label(language: "fr") ru: label(lang: RU)
             definition(language: "de") } }""",
        id=KEY_ACCOUNT,
    )
    assert data["position"] == {
        "de": "Key-Account-Manager/Key-Account-Managerin",
        "upper": "Key-Account-Manager/Key-Account-Managerin",
        "fr": "sales account manager",
        "ru": "sales account manager",
        "definition": "Key-Account-Manager betreuen den Verkauf an bestimmte Kunden.",
    }


def test_a_language_that_is_no_code_is_a_located_error(context: ApiContext) -> None:
    found = graphql_sync(
        graphql_schema(),
        '{ skills(first: 1) { nodes { label(language: "de; drop") } } }',
        context_value=context,
    )
    assert found.errors is not None
    [error] = found.errors
    assert error.message == (
        "language: 'de; drop' is not a language code (BCP 47: de, pt, en-US...)"
    )
    assert error.path == ["skills", "nodes", 0, "label"]
