"""Editions, the diff between two, and the audit trail over HTTP (web/history.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from competency_graph.api.context import Signature
from competency_graph.api.principals import Principal
from competency_graph.web.history import DiffLine, action_key, diff_lines, when

from ..conftest import EXAMPLES
from .editing_support import Served, client_of, served
from .support import sign_in, text_of

__all__ = ["served"]

EXAMPLE = EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml"
ANNA = Principal("anna.hr", "editor")


@pytest.fixture(scope="module")
def written(served: Served) -> Served:
    """The example as a draft written, reworded once and agreed by the legal service."""
    _, editor, _ = served
    data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str))
    data["status"] = "draft"
    for signed in ("agreements", "approval", "familiarisation"):
        data.pop(signed)
    first = editor.save(
        data, create=True, expected_version=None, dry_run=False, lang="en", who=ANNA
    )
    data["duties"][3]["label"]["en"] = "Weekly report on sales in the region"
    second = editor.save(
        data, create=False, expected_version=first.version, dry_run=False, lang="en", who=ANNA
    )
    step = Signature("Белова Е. С.", "2026-03-02", second.version or "", who=ANNA)
    editor.agree("regional-account-manager", "legal-service", step)
    return served


def test_the_editions_page_lists_every_write_and_the_steps_by_role(written: Served) -> None:
    with client_of(written) as client:
        sign_in(client, "approver")
        page = client.get("/positions/regional-account-manager/editions")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Editions: Regional account manager" in words
    assert "Status: draft. Edition 1.0." in words
    assert "Agreed by: Legal service Белова Е. С., 2026-03-02" in words
    assert "3 2026-" in words and "anna.hr agreed (Legal service) 1.0 draft" in words
    assert "anna.hr edited 1.0 draft" in words
    assert "anna.hr created 1.0 draft" in words
    assert "Agree as: HR department" in words
    assert "Agree as: Legal service" not in words  # done
    assert "Approve waiting" not in words
    assert "waiting: after all three agreements" in words
    assert "Record familiarisation" not in words  # not before approval
    assert 'href="/positions/regional-account-manager/job-description.docx?lang=en"' in page.text


def test_a_reader_sees_the_steps_without_buttons(written: Served) -> None:
    with client_of(written, "ru") as client:
        sign_in(client, "reader")
        words = text_of(client.get("/positions/regional-account-manager/editions").text)
    assert "Согласование и утверждение" in words
    assert "Согласовать" not in words
    assert "Утвердить" not in words


def test_a_description_of_the_ontology_has_no_editions_yet(written: Served) -> None:
    with client_of(written) as client:
        sign_in(client, "editor")
        words = text_of(client.get("/positions/account-manager/editions").text)
    assert "it comes from the ontology" in words
    assert "Start a new edition" in words


def test_the_diff_shows_the_lines_changed(written: Served) -> None:
    with client_of(written) as client:
        sign_in(client, "reader")
        page = client.get("/positions/regional-account-manager/editions/diff?from=1&to=2")
        assert page.status_code == 200
        words = text_of(page.text)
        assert "Changes: revision 1 → 2" in words
        assert "removed en: Monthly report on sales in the region" in words
        assert "added en: Weekly report on sales in the region" in words
        unknown = client.get("/positions/regional-account-manager/editions/diff?from=1&to=9")
        assert unknown.status_code == 400
        assert "has no revision 9 (known: 1, 2, 3)" in text_of(unknown.text)
        bad = client.get("/positions/regional-account-manager/editions/diff?from=x&to=2")
        assert bad.status_code == 400
        assert "from must be a revision number, not 'x'" in text_of(bad.text)


def test_diff_lines_number_both_revisions() -> None:
    text = "--- revision 1\n+++ revision 2\n@@ -2,3 +2,3 @@\n a\n-b\n+c\n d\n"
    assert diff_lines(text) == [
        DiffLine("hunk", "@@ -2,3 +2,3 @@"),
        DiffLine("same", "a", 2, 2),
        DiffLine("removed", "b", 3, None),
        DiffLine("added", "c", None, 3),
        DiffLine("same", "d", 4, 4),
    ]


def test_times_are_shown_to_the_second() -> None:
    assert when("2026-12-02T09:58:43.035+00:00") == "2026-12-02 09:58:43"
    assert when(None) == ""


def test_history_actions_have_words() -> None:
    assert action_key("agree:legal-service") == "action_agree"
    assert action_key("new-edition") == "action_new-edition"


def test_admins_read_the_audit_trail(written: Served) -> None:
    with client_of(written) as client:
        sign_in(client, "approver")
        assert client.get("/audit").status_code == 403
    with client_of(written, "ru") as client:
        sign_in(client, "admin")
        page = client.get("/audit")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Журнал изменений" in words
    assert (
        "anna.hr редактор согласование (Юридическая служба) Региональный менеджер по работе"
        in words
    )
    assert "anna.hr редактор создание Региональный менеджер по работе с клиентами 1.0 проект" in (
        words
    )
