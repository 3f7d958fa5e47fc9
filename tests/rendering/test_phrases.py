"""The bilingual table of fixed words: complete, consistent placeholders, dates as printed."""

from __future__ import annotations

from datetime import datetime
from string import Formatter

import pytest

from competency_graph.errors import InputError
from competency_graph.rendering.phrases import (
    LANGUAGES,
    PHRASES,
    check_language,
    format_date,
    format_number,
    phrase,
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_every_phrase_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = PHRASES[key]
    assert set(texts) == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    assert _placeholders(texts["ru"]) == _placeholders(texts["en"])


def test_phrase_fills_placeholders() -> None:
    assert phrase("version", "ru", version="2.1") == "Редакция 2.1"
    assert phrase("section.rights", "en") == "Rights"


def test_dates_as_printed_on_a_signature() -> None:
    moment = datetime(2025, 3, 7)
    assert format_date(moment, "ru") == "«07» марта 2025 г."
    assert format_date(moment, "en") == "7 March 2025"
    assert format_date(None, "ru") == "«___» ____________ 20___ г."


def test_numbers_as_a_person_writes_them() -> None:
    assert [format_number(v) for v in (1.0, 1.5, 3, 0.0)] == ["1", "1.5", "3", "0"]


def test_unknown_language_is_an_input_error() -> None:
    assert check_language("en") == "en"
    with pytest.raises(InputError, match="unknown language 'de'"):
        check_language("de")
