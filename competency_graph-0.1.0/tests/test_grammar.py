"""Labels inside sentences: capitals kept for names, Russian cases of noun phrases, years."""

from __future__ import annotations

import pytest

from competency_graph.grammar import inflect_phrase, lemmas, lower_first, plural_years, search_words


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Руководитель отдела продаж", "руководитель отдела продаж"),
        ("Head of sales", "head of sales"),
        ("Microsoft Office", "Microsoft Office"),  # a two-word name
        ("Excel в объёме пользователя", "Excel в объёме пользователя"),  # Latin in Russian
        ("HR-менеджер", "HR-менеджер"),  # an abbreviation
        ("IT director", "IT director"),
        ("CRM", "CRM"),
        ("Москва", "Москва"),  # the dictionary knows the place
        ("уже строчная", "уже строчная"),
        ("", ""),
    ],
)
def test_lower_first_keeps_names_and_abbreviations(label: str, expected: str) -> None:
    assert lower_first(label) == expected


@pytest.mark.parametrize(
    ("label", "case", "expected"),
    [
        # the head noun, and the words after it kept as written
        ("руководитель отдела продаж", "datv", "руководителю отдела продаж"),
        (
            "начальник отдела по работе с клиентами",
            "datv",
            "начальнику отдела по работе с клиентами",
        ),
        ("директор по развитию", "ablt", "директором по развитию"),
        # adjectives agree with the head
        ("генеральный директор", "gent", "генерального директора"),
        (
            "старший менеджер по работе с клиентами",
            "gent",
            "старшего менеджера по работе с клиентами",
        ),
        ("новая должность", "gent", "новой должности"),
        ("новая должность", "accs", "новую должность"),
        ("старший менеджер", "accs", "старшего менеджера"),  # animate: like the genitive
        ("новый отдел", "accs", "новый отдел"),  # inanimate: like the nominative
        ("старшие менеджеры", "datv", "старшим менеджерам"),
        # capitals where they were, hyphenated words whole
        ("HR-менеджер", "datv", "HR-менеджеру"),
        ("секретарь-референт", "gent", "секретаря-референта"),
        ("Генеральный директор", "gent", "Генерального директора"),
        ("менеджер по работе с клиентами", "nomn", "менеджер по работе с клиентами"),
    ],
)
def test_inflect_phrase_puts_the_head_and_its_adjectives_in_the_case(
    label: str, case: str, expected: str
) -> None:
    assert inflect_phrase(label, case) == expected


@pytest.mark.parametrize("label", ["Microsoft Office", "________________", "head of sales", "по"])
def test_a_phrase_the_dictionary_cannot_read_is_left_as_written(label: str) -> None:
    assert inflect_phrase(label, "datv") == label


def test_an_unknown_case_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown case 'dative'"):
        inflect_phrase("директор", "dative")


@pytest.mark.parametrize(
    ("years", "genitive", "nominative"),
    [
        (1, "1 года", "1 год"),
        (2, "2 лет", "2 года"),
        (4, "4 лет", "4 года"),
        (5, "5 лет", "5 лет"),
        (11, "11 лет", "11 лет"),
        (12, "12 лет", "12 лет"),
        (21, "21 года", "21 год"),
        (22, "22 лет", "22 года"),
        (111, "111 лет", "111 лет"),
        (3.0, "3 лет", "3 года"),
        (1.5, "1,5 года", "1,5 года"),
    ],
)
def test_plural_years_agrees_with_the_number(years: float, genitive: str, nominative: str) -> None:
    assert (plural_years(years), plural_years(years, "nomn")) == (genitive, nominative)


def test_years_are_counted_only_in_the_nominative_or_genitive() -> None:
    with pytest.raises(ValueError, match="not 'datv'"):
        plural_years(2, "datv")


def test_search_words_fold_case_and_yo_and_split_at_punctuation() -> None:
    assert search_words("HR-менеджер по работе с Ёлками, C++ и 1С") == [
        "hr", "менеджер", "по", "работе", "с", "елками", "c", "и", "1с",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("бухгалтера", {"бухгалтер"}),
        ("менеджером", {"менеджер"}),
        ("клиентами", {"клиент"}),
        ("стали", {"сталь", "стать"}),  # both readings: the search need not guess
        ("managers", {"manager"}),
        ("companies", {"company"}),
        ("business", {"business"}),
        ("analysis", {"analysis"}),
        ("crm", {"crm"}),
        ("bus", {"bus"}),  # too short to lose an ending
    ],
)
def test_lemmas_are_the_dictionary_forms_of_a_word(word: str, expected: set[str]) -> None:
    assert lemmas(word) == expected
