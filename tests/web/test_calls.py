"""The pages' in-process GraphQL operations (web/calls.py)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from starlette.requests import Request

from competency_graph.web import calls


def test_an_operation_past_its_turn_is_answered_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.BoundedSemaphore(1)
    gate.acquire()  # the only slot taken
    monkeypatch.setattr(calls, "_running", gate)
    monkeypatch.setattr(calls, "WAIT_SECONDS", 0.01)
    request: Any = Request({"type": "http", "headers": []})
    answer = calls._in_turn(request, "{ __typename }", None)
    assert (answer.ok, answer.code, answer.message) == (
        False,
        "BUSY",
        "the server is busy checking; try again in a moment",
    )


def test_an_operation_that_does_not_validate_is_a_bug_said_plainly() -> None:
    with pytest.raises(ValueError, match="the pages' operation does not validate: Cannot query"):
        calls._document("{ noSuchField }")
