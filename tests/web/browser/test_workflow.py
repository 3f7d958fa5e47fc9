"""End to end in Chromium: an editor writes a description and sees a violation at its field,
fixes it and saves; an approver agrees and approves in order (out of order refused); the
DOCX carries the approval block."""

from __future__ import annotations

import io
from typing import Any

from .conftest import sign_in, sign_out
from .support import Served

POSITION = "field-sales-manager"


def fill_new_description(page: Any) -> None:
    """A new position whose second duty no skill supports (rule duty-coverage)."""
    page.goto("/positions/new/edit")
    page.fill("#f-position-id", POSITION)
    page.fill("#f-position-label-ru", "Менеджер по выездным продажам")
    page.fill("#f-position-label-en", "Field sales manager")
    page.fill("#f-position-department", "Отдел по работе с клиентами")
    page.fill("#f-position-reports_to", "Head of customer service department")
    page.fill("#f-position-substitute", "position:senior-account-manager")
    page.fill("#f-position-appointed_by", "position:head-of-organisation")
    page.fill("#f-requirements-0-skill", "skill:client-search")
    page.fill("#f-duties-0-label-ru", "Поиск клиентов на выезде")
    page.fill("#f-duties-0-label-en", "Finding clients in the field")
    page.fill("#f-duties-0-supported_by", "skill:client-search")
    page.fill("#f-duties-0-id", "find-clients")
    page.get_by_role("button", name="Add a duty").click()
    page.locator("#f-duties-1-label-ru").wait_for()  # the form came back with the row
    page.fill("#f-duties-1-label-ru", "Подготовка отчётов о визитах")
    page.fill("#f-duties-1-label-en", "Preparing visit reports")
    page.fill("#f-rights-0-label-ru", "Право выбирать маршрут визитов")
    page.fill("#f-rights-0-label-en", "Right to choose the route of visits")
    page.fill("#f-rights-0-facilitates", "find-clients")
    page.fill("#f-responsibilities-0-label-ru", "Дисциплинарная ответственность за неисполнение")
    page.fill("#f-responsibilities-0-label-en", "Disciplinary liability for non-performance")
    page.select_option("#f-responsibilities-0-kind", "disciplinary")
    page.check("input[name='responsibilities.0.sanctions'][value='remark']")
    page.check("input[name='responsibilities.0.sanctions'][value='reprimand']")
    page.fill("#f-responsibilities-0-legal_basis", "norm:labour-code-art-192")


def test_an_editor_sees_the_violation_at_the_duty_fixes_it_and_saves(
    page: Any, served: Served
) -> None:
    sign_in(page, "editor")
    fill_new_description(page)
    # the live check (htmx, debounced) puts duty-coverage at the second duty's skills
    message = page.locator("#e-duties-1-supported_by .severity-error")
    message.wait_for(timeout=15_000)
    assert "Preparing visit reports" in message.inner_text()
    field = page.locator("#f-duties-1-supported_by")
    assert field.get_attribute("aria-invalid") == "true"
    assert "e-duties-1-supported_by" in (field.get_attribute("aria-describedby") or "")
    assert page.locator("#check-status[role=status]").inner_text().startswith("1 errors, ")
    link = page.locator("#check-summary a[href='#f-duties-1-supported_by']")
    assert "Preparing visit reports" in link.inner_text()
    # a save now is refused, shown at the field, and nothing typed is lost
    page.get_by_role("button", name="Save draft").first.click()
    page.locator("#e-duties-1-supported_by .severity-error").wait_for()
    assert page.input_value("#f-duties-1-label-en") == "Preparing visit reports"
    assert page.input_value("#f-rights-0-facilitates") == "find-clients"
    assert not (served.edits / f"{POSITION}.yaml").exists()
    # fixed: the check clears the field, the save writes the draft
    page.fill("#f-duties-1-supported_by", "skill:client-search")
    page.locator(".check-clean, #check-summary:not(.has-errors)").first.wait_for(timeout=15_000)
    assert page.locator("#e-duties-1-supported_by").inner_text() == ""
    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_url(f"**/positions/{POSITION}/editions")
    assert "Draft saved" in page.locator(".flashes").inner_text()
    assert (served.edits / f"{POSITION}.yaml").is_file()


def test_an_approver_agrees_and_approves_in_order_and_the_docx_has_the_approval(
    page: Any, served: Served
) -> None:
    from docx import Document

    if not (served.edits / f"{POSITION}.yaml").is_file():  # run alone: write the draft first
        sign_in(page, "editor")
        fill_new_description(page)
        page.fill("#f-duties-1-supported_by", "skill:client-search")
        page.get_by_role("button", name="Save draft").first.click()
        page.wait_for_url(f"**/positions/{POSITION}/editions")
        sign_out(page)
    sign_in(page, "approver")
    page.goto(f"/positions/{POSITION}/editions")
    # out of order: the head's approval before the agreements is refused with the API's reason
    page.get_by_role("button", name="Approve").click()
    refusal = page.locator(".flash-error").inner_text()
    assert "is approved only after the legal service" in refusal
    assert "missing: legal-service, hr-department, immediate-supervisor" in refusal
    for role, name in (
        ("Legal service", "Белова Е. С."),
        ("HR department", "Кузнецова М. И."),
        ("Immediate supervisor", "Васильева О. Г."),
    ):
        button = page.get_by_role("button", name=f"Agree as: {role}")
        button.locator("xpath=ancestor::form").locator("input[name=name]").fill(name)
        button.click()
        assert f"Agreed: {role}." in page.locator(".flashes").inner_text()
    assert "agreed" in page.locator(".status-line").inner_text()
    approve = page.get_by_role("button", name="Approve")
    approve.locator("xpath=ancestor::form").locator("input[name=name]").fill("Орлов А. В.")
    approve.click()
    assert "Approved." in page.locator(".flashes").inner_text()
    assert "approved" in page.locator(".status-line").inner_text()
    # the document as it prints, with the approval block
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "APPROVED" in text  # the approval block: the head's signature and the agreements
    assert "Орлов А. В." in text
    assert "AGREED" in text
    assert "Белова Е. С." in text
    assert "Status: approved." in text
