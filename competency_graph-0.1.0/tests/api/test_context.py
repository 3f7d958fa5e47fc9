"""The request's language from Accept-Language (api/context.py)."""

from __future__ import annotations

import pytest

from competency_graph.api.context import preferred_language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("ru", "ru"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("en-US,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru"),  # German is not written: the next one asked for
        ("ru;q=0.2, en;q=0.8", "en"),  # by quality, not by order
        ("en, ru", "en"),  # equal quality: the first
        ("ru;q=0", "en"),  # q=0 means "not this one"
        ("fr", "en"),
        ("*", "en"),
        ("ru;q=garbage, en;q=0.1", "en"),
    ],
)
def test_the_preferred_written_language(header: str | None, expected: str) -> None:
    assert preferred_language(header) == expected
