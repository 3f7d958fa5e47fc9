"""A time budget for heavy work, checked by the work itself between its steps.

The server runs a heavy request (a check, ``matchPositions``) in a worker thread and answers
503 when the request's time budget runs out. A Python thread cannot be stopped from outside,
so the work checks the budget between steps (between the constraints of a check, between
the queries that read a store) and stops with :class:`BudgetExceeded` at the first step
after the deadline. Its thread then ends, and the slot it holds under the server's cap of
concurrent heavy requests is freed: the cap bounds the work really running.

Outside :func:`time_budget` (the CLI, a reload's gate check) :func:`check_budget` does
nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: (deadline on the monotonic clock, the budget in seconds) of the block running, if any
_deadline: ContextVar[tuple[float, float] | None] = ContextVar(
    "competency_graph_deadline", default=None
)


class BudgetExceeded(Exception):
    """The work ran over its time budget and stopped between two steps."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the operation ran over its time budget of {seconds:g} s and stopped")
        self.seconds = seconds


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block within ``seconds`` (None: no budget): :func:`check_budget` inside it
    raises :class:`BudgetExceeded` once they have passed."""
    if seconds is None:
        yield
        return
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check_budget() -> None:
    """Raise :class:`BudgetExceeded` when the budget of the running block has passed."""
    found = _deadline.get()
    if found is not None and time.monotonic() > found[0]:
        raise BudgetExceeded(found[1])
