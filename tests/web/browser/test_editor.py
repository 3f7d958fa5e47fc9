"""The editor's rows in Chromium, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .support import LAPTOP, Served, sign_in


@pytest.fixture()
def page_without_javascript(browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context(viewport=LAPTOP, base_url=served.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_rows_are_added_and_removed_without_javascript(page_without_javascript: Any) -> None:
    page = page_without_javascript
    sign_in(page, "editor")
    page.goto("/positions/new/edit")
    page.fill("#f-duties-0-label-ru", "Первая обязанность")
    page.get_by_role("button", name="Add a duty").click()
    page.wait_for_load_state()
    assert page.input_value("#f-duties-0-label-ru") == "Первая обязанность"  # kept
    assert page.locator("#f-duties-1-label-ru").count() == 1
    page.get_by_role("button", name="Remove: Duty 1").click()
    page.wait_for_load_state()
    assert page.locator("#f-duties-0-label-ru").count() == 0
    assert page.locator("legend", has_text="Duty 1").count() == 1  # row 1, now the first


def test_with_javascript_a_new_row_takes_the_focus(page: Any) -> None:
    sign_in(page, "editor")
    page.goto("/positions/new/edit")
    page.evaluate("window.sameDocument = true")
    page.get_by_role("button", name="Add a responsibility").click()
    page.locator("#f-responsibilities-1-label-ru").wait_for()
    page.wait_for_function("document.activeElement.id === 'f-responsibilities-1-label-ru'")
    assert page.evaluate("window.sameDocument === true")  # the form was swapped, no reload
