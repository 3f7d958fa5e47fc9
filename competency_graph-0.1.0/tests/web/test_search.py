"""Search by lemma across positions, duties, skills and departments."""

from __future__ import annotations

import pytest

from competency_graph.model.readmodel import ReadModel
from competency_graph.web.search import IndexCache, SearchIndex

from ..graphql_support import small_state

ID = "https://w3id.org/competency-graph/id/"


@pytest.fixture(scope="module")
def model() -> ReadModel:
    return small_state().snapshot.model


@pytest.fixture(scope="module")
def index(model: ReadModel) -> SearchIndex:
    return SearchIndex(model)


def _found(index: SearchIndex, query: str, kind: str) -> list[str]:
    return [hit.iri.removeprefix(ID) for hit in index.search(query).hits[kind]]


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("менеджером", "position", ["position/template-manager", "position/cellular-manager",
                                    "position/account-manager"]),
        ("Менеджеру по работе с клиентами", "position", ["position/account-manager"]),
        ("managers", "position", ["position/account-manager", "position/template-manager",
                                  "position/cellular-manager"]),
        ("отчётов", "duty", ["duty/prepare-reports"]),
        ("переговорам", "skill", ["skill/negotiation"]),
        ("excel", "skill", ["skill/ms-excel"]),  # an alternative label too
        ("отдела продаж", "department", ["department/sales"]),
    ],
)  # fmt: skip
def test_a_word_in_any_form_finds_the_labels_it_is_in(
    index: SearchIndex, query: str, kind: str, expected: list[str]
) -> None:
    assert _found(index, query, kind)[: len(expected)] == expected


def test_every_word_of_the_query_must_match(index: SearchIndex) -> None:
    assert _found(index, "менеджер стажёр", "position") == []
    assert index.search("менеджер стажёр").empty


def test_a_query_word_of_three_letters_finds_the_words_it_begins(index: SearchIndex) -> None:
    assert _found(index, "перегов", "skill") == ["skill/negotiation"]
    assert _found(index, "ex", "skill") == []  # two letters: only whole words
    typed = index.search("ex", ("skill",), min_prefix=1).hits["skill"]  # suggestions
    assert [hit.iri.removeprefix(ID) for hit in typed] == ["skill/ms-excel"]


def test_a_label_equal_to_the_query_comes_first(index: SearchIndex) -> None:
    hits = index.search("MS Office", ("skill",)).hits["skill"]
    assert [(hit.iri.removeprefix(ID), hit.exact) for hit in hits] == [("skill/ms-office", True)]
    english = index.search("английский язык", ("skill",)).hits["skill"]
    assert english[0].iri == ID + "skill/english" and english[0].exact


def test_prepositions_narrow_nothing(index: SearchIndex) -> None:
    assert _found(index, "по", "position") == ["position/account-manager"]  # alone: a word
    assert _found(index, "работа с клиентами", "position") == ["position/account-manager"]


def test_results_are_cut_at_the_limit_with_the_total_kept(index: SearchIndex) -> None:
    results = index.search("ms", ("skill",), limit=1)
    assert (len(results.hits["skill"]), results.totals["skill"]) == (1, 3)


def test_an_empty_query_finds_nothing(index: SearchIndex) -> None:
    assert index.search("  ,, ").empty


def test_find_one_takes_an_id_a_label_or_the_one_hit(index: SearchIndex) -> None:
    assert index.find_one("skill:crm", "skill") == ID + "skill/crm"
    assert index.find_one("crm", "skill") == ID + "skill/crm"
    assert index.find_one("CRM-системы", "skill") == ID + "skill/crm"
    assert index.find_one("стрессоустойчивости", "skill") == ID + "skill/stress-resistance"
    assert index.find_one("MS", "skill") is None  # three skills: which one?
    assert index.find_one("Менеджер", "position") is None  # three positions: which one?


def test_the_index_is_kept_per_model(model: ReadModel) -> None:
    cache = IndexCache()
    first = cache.of(model)
    assert cache.of(model) is first
    other = small_state().snapshot.model
    assert cache.of(other) is not first
    assert cache.of(other).model is other
