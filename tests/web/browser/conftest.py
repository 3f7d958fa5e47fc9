"""Browser fixtures: one app served for the whole run, one Chromium, a fresh context per test.

Every test here skips, saying why, when the system's Chromium (or Playwright) is absent;
`.ci/run` installs Chromium, so CI runs them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .support import LAPTOP, Served, chromium_missing, launch, serve, sign_in, sign_out

__all__ = ["sign_in", "sign_out"]

MISSING = chromium_missing()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every browser test, and skip them all with the reason when Chromium is absent.
    The browser tests run last, the accessibility tests last of all: they look at the pages
    of what the others wrote (and write a draft themselves only when run alone)."""
    for item in items:
        if "tests/web/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            if MISSING is not None:
                item.add_marker(pytest.mark.skip(reason=MISSING))
    # the browser tests go after every other test (Playwright's sync API keeps an event loop
    # in the main thread until the session ends: asyncio.run() in a later test would fail)
    items.sort(
        key=lambda item: (
            "tests/web/browser/" in item.nodeid,
            "tests/web/browser/test_accessibility.py" in item.nodeid,
        )
    )


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The real app under uvicorn (edits folder, tokens for every role, audit log)."""
    with serve(tmp_path_factory.mktemp("browser")) as app:
        yield app


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system's package."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, served: Served) -> Iterator[Any]:
    """A fresh page (own cookies) at laptop width, with the app's base URL, that fails on
    any JavaScript error the page throws."""
    context = browser.new_context(viewport=LAPTOP, base_url=served.url, accept_downloads=True)
    context.set_default_timeout(10_000)
    errors: list[str] = []
    new = context.new_page()
    new.on("pageerror", lambda error: errors.append(str(error)))
    yield new
    context.close()
    assert errors == [], errors
