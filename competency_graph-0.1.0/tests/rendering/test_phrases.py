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
    format_years,
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


def test_a_label_takes_the_case_its_sentence_needs() -> None:
    supervisor, head = "Руководитель отдела продаж", "Генеральный директор"
    assert phrase("general.supervisor", "ru", supervisor=supervisor) == (
        "Работник подчиняется непосредственно руководителю отдела продаж."
    )
    assert phrase("general.appointment", "ru", head=head).endswith(
        "приказом генерального директора."
    )
    assert phrase("general.supervisor", "en", supervisor="Head of sales") == (
        "The employee reports directly to the head of sales."
    )
    # a name keeps its capital; a blank to fill in by hand stays a blank
    assert phrase("general.substitute", "ru", substitute="HR-менеджер").endswith(
        "исполняет HR-менеджер."
    )
    assert phrase("general.supervisor", "ru", supervisor="________________") == (
        "Работник подчиняется непосредственно ________________."
    )


def test_years_after_at_least() -> None:
    assert [format_years(n, "ru") for n in (1, 2, 5, 1.5)] == [
        "1 года",
        "2 лет",
        "5 лет",
        "1,5 года",
    ]
    assert [format_years(n, "en") for n in (1, 2, 1.5)] == ["1 year", "2 years", "1.5 years"]


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
