"""axe-core on every page, in both languages: no serious or critical violation."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Served, axe_violations, seed_draft, sign_in

#: a description the workflow tests write and approve (then five revisions exist), and its
#: second duty, whose skills the editor test empties
WRITTEN = ("field-sales-manager", 1)
#: else the example, written and edited once here
SEEDED = ("regional-account-manager", 3)


def pages(slug: str) -> tuple[str, ...]:
    """Every page of the app (web's and the editor's), as the admin sees them."""
    return (
        "/",
        "/?q=менеджер",
        f"/positions/{slug}",
        "/skills/negotiation",
        f"/gap?position={slug}&have=skill:crm",
        "/positions/new/edit",
        "/positions/account-manager/edit",  # a new edition of the ontology's: rows by reference
        f"/positions/{slug}/editions",
        "/positions/account-manager/editions",  # not edited here yet
        f"/positions/{slug}/editions/diff?from=1&to=2",
        "/audit",
        "/positions/no-such-position",
    )


@pytest.fixture(scope="module")
def written(served: Served) -> tuple[str, int]:
    """A description written here (by the workflow tests, which run first; else now)."""
    if (served.edits / f"{WRITTEN[0]}.yaml").exists():
        return WRITTEN
    if not (served.edits / f"{SEEDED[0]}.yaml").exists():
        seed_draft(served, agree=False)
    return SEEDED


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_page_has_a_serious_accessibility_violation(
    page: Any, written: tuple[str, int], lang: str
) -> None:
    slug, duty = written
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"/lang/{lang}?next=/sign-in")
    found["/sign-in"] = axe_violations(page)
    sign_in(page, "admin", lang)
    for path in pages(slug):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang, path
        assert page.locator("h1").count() == 1, path
        found[path] = axe_violations(page)
    # the editor with the live check's messages at the fields
    page.goto(f"/positions/{slug}/edit")
    page.fill(f"#f-duties-{duty}-supported_by", "")
    page.locator(f"#e-duties-{duty}-supported_by .severity-error").wait_for(timeout=15_000)
    found["editor with a violation"] = axe_violations(page)
    assert {path: v for path, v in found.items() if v} == {}
