"""The catalogues of the pages' words, and how a visitor's language is chosen."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from competency_graph.web.i18n import CATALOGUES, EN, RU, language, t


def test_both_catalogues_have_the_same_keys() -> None:
    assert sorted(RU) == sorted(EN)
    assert set(CATALOGUES) == {"ru", "en"}


def test_both_catalogues_name_the_same_fields() -> None:
    fields = {key: sorted(_fields(RU[key])) for key in RU}
    assert fields == {key: sorted(_fields(EN[key])) for key in EN}


def test_t_fills_fields_in_the_language_asked() -> None:
    assert t("signed_in_as", "en", name="anna", role="editor") == "Signed in as anna (editor)"
    assert t("signed_in_as", "ru", name="anna", role="редактор") == "Вы вошли как anna (редактор)"


def test_an_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        t("no-such-key", "en")


def _request(headers: dict[str, str]) -> Request:
    raw = [(name.encode(), value.encode()) for name, value in headers.items()]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": raw})


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, "ru"),
        ({"accept-language": "en-GB,en;q=0.9"}, "en"),
        ({"accept-language": "de, ru;q=0.5"}, "ru"),
        ({"accept-language": "en", "cookie": "cg_lang=ru"}, "ru"),
        ({"accept-language": "ru", "cookie": "cg_lang=en"}, "en"),
        ({"accept-language": "en", "cookie": "cg_lang=xx"}, "en"),
    ],
)
def test_language_is_the_choice_then_the_browser_then_russian(
    headers: dict[str, str], expected: str
) -> None:
    assert language(_request(headers)) == expected


def _fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
