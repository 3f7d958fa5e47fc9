"""Input errors: located, gathered, and in Russian."""

from __future__ import annotations

import pytest

from competency_graph.errors import InputError, in_russian


@pytest.mark.parametrize(
    ("english", "russian"),
    [
        ("no such file", "нет такого файла"),
        (
            "unknown skill 'Exel' at duties[0].supported_by[0] (did you mean 'Excel'?)",
            "неизвестный навык «Exel» (поле duties[0].supported_by[0]) (возможно, «Excel»?)",
        ),
        (
            "unknown legal norm 'ст. 999' at responsibilities[0].legal_basis[0]",
            "неизвестная правовая норма «ст. 999» (поле responsibilities[0].legal_basis[0])",
        ),
        ("unknown position 'position:nobody'", "неизвестная должность «position:nobody»"),
        (
            "'skill:crm' is a skill, not a position at position.reports_to",
            "«skill:crm» — это навык, а не должность (поле position.reports_to)",
        ),
        (
            "missing required field 'en' at duties[1].label (and 2 more problems)",
            "нет обязательного поля «en» (поле duties[1].label) (и ещё проблем: 2)",
        ),
        (
            "unknown field 'dutys' (did you mean 'duties'?)",
            "неизвестное поле «dutys» (возможно, «duties»?)",
        ),
        (
            "status must be one of draft, agreed, approved, in-force, not 'done' at status",
            "status: допустимо draft, agreed, approved, in-force, а не 'done' (поле status)",
        ),
        (
            "expected a number, not 'three' at requirements[0].experience.years",
            "ожидалось: число, а не 'three' (поле requirements[0].experience.years)",
        ),
        (
            "'2026-02-30' is not a valid date (no such day) at approval.date",
            "'2026-02-30' — недопустимое значение: дата (такого дня нет) (поле approval.date)",
        ),
        ("malformed Turtle: objectList expected", "ошибка синтаксиса Turtle: objectList expected"),
        (
            "unknown rule id 'x' (known: approval, labels)",
            "неизвестный id правила «x» (известны: approval, labels)",
        ),
        # a message the catalogue does not know stays as it is
        ("the moon is made of cheese", "the moon is made of cheese"),
    ],
)
def test_messages_in_russian(english: str, russian: str) -> None:
    assert in_russian(english) == russian


def test_an_error_in_a_language_with_its_place() -> None:
    error = InputError("no such file", "jd.yaml", 3, 5, field="duties[0]")
    assert error.located_text("ru") == "jd.yaml:3:5: нет такого файла"
    assert error.located_text("en") == str(error) == "jd.yaml:3:5: no such file"
    assert error.field == "duties[0]" and not error.recoverable
