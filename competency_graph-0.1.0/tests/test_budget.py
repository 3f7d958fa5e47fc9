"""The time budget heavy work checks between its steps."""

from __future__ import annotations

import threading
import time

import pytest

from competency_graph.budget import BudgetExceeded, check_budget, time_budget


def test_no_budget_outside_a_block_and_with_none() -> None:
    check_budget()
    with time_budget(None):
        time.sleep(0.01)
        check_budget()


def test_a_spent_budget_stops_the_work_at_the_next_check() -> None:
    with time_budget(0.01):
        check_budget()  # within the budget
        time.sleep(0.02)
        with pytest.raises(BudgetExceeded) as raised:
            check_budget()
    assert raised.value.seconds == 0.01
    assert str(raised.value) == "the operation ran over its time budget of 0.01 s and stopped"
    check_budget()  # the block is over: no budget any more


def test_an_inner_block_has_its_own_budget_and_gives_the_outer_one_back() -> None:
    with time_budget(60):
        with time_budget(0), pytest.raises(BudgetExceeded):
            time.sleep(0.001)
            check_budget()
        check_budget()


def test_a_budget_holds_in_its_own_thread_only() -> None:
    seen: list[str] = []

    def other() -> None:
        check_budget()
        seen.append("other thread not stopped")

    with time_budget(0):
        time.sleep(0.001)
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        with pytest.raises(BudgetExceeded):
            check_budget()
    assert seen == ["other thread not stopped"]
