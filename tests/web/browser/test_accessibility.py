"""axe-core on every page, in both languages: no serious or critical violation."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Served, axe_violations, seed_draft, sign_in

POSITION = "regional-account-manager"
#: every page of the app (web's and the editor's), as the admin sees them
PAGES = (
    "/",
    "/?q=менеджер",
    f"/positions/{POSITION}",
    "/skills/negotiation",
    f"/gap?position={POSITION}&have=skill:crm",
    "/positions/new/edit",
    "/positions/account-manager/edit",  # a new edition of the ontology's: rows by reference
    f"/positions/{POSITION}/editions",
    "/positions/account-manager/editions",  # not edited here yet
    f"/positions/{POSITION}/editions/diff?from=1&to=2",
    "/audit",
    "/positions/no-such-position",
)


@pytest.fixture(scope="module")
def seeded(served: Served) -> Served:
    """The example draft written and edited once (so editions and a diff exist)."""
    if not (served.edits / f"{POSITION}.yaml").exists():
        seed_draft(served, agree=False)
    return served


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_page_has_a_serious_accessibility_violation(
    page: Any, seeded: Served, lang: str
) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"/lang/{lang}?next=/sign-in")
    found["/sign-in"] = axe_violations(page)
    sign_in(page, "admin", lang)
    for path in PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang, path
        assert page.locator("h1").count() == 1, path
        found[path] = axe_violations(page)
    # the editor with the live check's messages at the fields
    page.goto(f"/positions/{POSITION}/edit")
    page.fill("#f-duties-3-supported_by", "")
    page.locator("#e-duties-3-supported_by .severity-error").wait_for(timeout=15_000)
    found["editor with a violation"] = axe_violations(page)
    assert {path: v for path, v in found.items() if v} == {}
