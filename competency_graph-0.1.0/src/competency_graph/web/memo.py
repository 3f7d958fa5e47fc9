"""Answers kept for as long as the server serves one read model.

A served model never changes (a reload swaps in a new one), so what a page derives from it
(a job description laid out, a position's check) can be kept until the model changes; the
memo then starts again empty. At most ``size`` answers are kept, the least recently used
dropped first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from competency_graph.model.readmodel import ReadModel

T = TypeVar("T")


class ModelMemo(Generic[T]):
    """The last ``size`` answers made under one read model."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._model: ReadModel | None = None
        self._answers: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, model: ReadModel, key: Hashable) -> T | None:
        """The answer kept for ``key`` under ``model``, or None."""
        with self._lock:
            if model is not self._model or key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key]

    def get(self, model: ReadModel, key: Hashable, make: Callable[[], T]) -> T:
        """The answer for ``key`` under ``model``, made by ``make`` when not kept."""
        found = self.peek(model, key)
        if found is not None:
            return found
        answer = make()  # outside the lock: other pages are not held up meanwhile
        with self._lock:
            if model is not self._model:
                self._model = model
                self._answers.clear()
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer
