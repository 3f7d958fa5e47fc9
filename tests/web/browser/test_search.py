"""End to end in Chromium: a search in Russian with an inflected word finds the position."""

from __future__ import annotations

from typing import Any


def test_an_inflected_russian_word_finds_the_position(page: Any) -> None:
    page.goto("/lang/ru?next=/")
    page.get_by_label("Что найти").fill("менеджерами по работе с ключевыми клиентами")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url("**/?q=*")
    result = page.get_by_role("link", name="Менеджер по работе с ключевыми клиентами")
    assert result.first.get_attribute("href") == "/positions/key-account-manager"
    result.first.click()
    assert page.locator("h1").inner_text().startswith("Менеджер по работе с ключевыми клиентами")
