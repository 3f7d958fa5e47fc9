"""The editor's words in both languages (web/authoring_words.py)."""

from __future__ import annotations

import re

from competency_graph.web.authoring_words import EN, RU, w


def test_both_catalogues_have_the_same_keys_and_fields() -> None:
    assert sorted(RU) == sorted(EN)
    for key in RU:
        assert re.findall(r"{(\w+)}", RU[key]) == re.findall(r"{(\w+)}", EN[key]), key


def test_a_text_is_filled_in_its_language() -> None:
    assert w("saved", "en", version="abc") == "Draft saved: version abc."
    assert w("saved", "ru", version="abc") == "Проект сохранён: версия abc."
    assert w("save_draft", "de") == "Сохранить проект"  # an unknown language: Russian
