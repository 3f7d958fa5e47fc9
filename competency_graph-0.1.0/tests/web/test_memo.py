"""Answers kept while one read model is served."""

from __future__ import annotations

from competency_graph.model.readmodel import ReadModel
from competency_graph.web.memo import ModelMemo


def test_an_answer_is_made_once_per_model() -> None:
    memo: ModelMemo[str] = ModelMemo()
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text

    first, second = ReadModel(), ReadModel()
    assert memo.get(first, "k", lambda: make("a")) == "a"
    assert memo.get(first, "k", lambda: make("b")) == "a"
    assert memo.peek(first, "k") == "a"
    assert memo.get(second, "k", lambda: make("c")) == "c"  # a reload: made again
    assert memo.peek(first, "k") is None
    assert made == ["a", "c"]


def test_the_least_recently_used_answer_goes_first() -> None:
    memo: ModelMemo[int] = ModelMemo(size=2)
    model = ReadModel()
    memo.get(model, 1, lambda: 1)
    memo.get(model, 2, lambda: 2)
    memo.peek(model, 1)  # used: kept
    memo.get(model, 3, lambda: 3)
    assert (memo.peek(model, 1), memo.peek(model, 2), memo.peek(model, 3)) == (1, None, 3)
