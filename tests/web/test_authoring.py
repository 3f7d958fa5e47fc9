"""The editor and the approval steps over HTTP (web/authoring.py), on the shipped ontology."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from competency_graph.server.editing import Editor
from competency_graph.server.state import GraphState
from competency_graph.web.authoring import next_edition, signature_steps

from .editing_support import (
    client_of,
    form_pairs,
    new_description,
    post_form,
    served,
)
from .support import csrf_of, sign_in, text_of

__all__ = ["served"]  # the fixture, shared with test_history


@pytest.fixture()
def editor_client(served: tuple[GraphState, Editor, Path]) -> Iterator[TestClient]:
    with client_of(served) as client:
        sign_in(client, "editor")
        yield client


def test_the_new_description_form_labels_every_field(editor_client: TestClient) -> None:
    page = editor_client.get("/positions/new/edit")
    assert page.status_code == 200
    assert page.text.count("<h1>") == 1
    assert "<title>New job description · " in page.text
    ids = re.findall(r'<(?:input|textarea|select) [^>]*id="([^"]+)"', page.text)
    labels = set(re.findall(r'<label for="([^"]+)"', page.text))
    assert ids and [i for i in ids if i.startswith("f-") and i not in labels] == []
    assert 'aria-describedby="e-duties-0-label-ru e-duties-0"' in page.text
    assert 'hx-post="/positions/new/check" hx-trigger="input delay:800ms"' in page.text


def test_the_editor_is_in_russian_too(served: tuple[GraphState, Editor, Path]) -> None:
    with client_of(served, "ru") as client:
        sign_in(client, "editor")
        words = text_of(client.get("/positions/new/edit").text)
    assert "Новая должностная инструкция" in words
    assert "Сохранить проект" in words


def test_an_ontology_description_opens_as_its_next_edition(editor_client: TestClient) -> None:
    page = editor_client.get("/positions/pos:account-manager/edit")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "saving makes a new edition (2.0) as a draft, without the old edition's" in words
    pairs = dict(form_pairs(page.text))
    assert pairs["version"] == "2.0"
    assert pairs["status"] == "draft"
    assert pairs["duties.0.item"] == "ref"
    assert pairs["duties.0.ref"].startswith("duty:")
    assert pairs["position.id"] == "account-manager"


def test_next_edition_drops_the_signatures_and_numbers_the_draft() -> None:
    old = {"status": "in-force", "version": "1.0", "approval": {}, "agreements": [], "x": 1}
    assert next_edition(old) == {"status": "draft", "version": "2.0", "x": 1}
    assert next_edition({"status": "approved"})["version"] == "2"


def test_the_live_check_puts_the_violation_at_the_duty(editor_client: TestClient) -> None:
    pairs = new_description(editor_client, "live-check-manager")
    answer = post_form(editor_client, "/positions/new/check", pairs)
    assert answer.status_code == 200
    slot = re.search(
        r'<div class="field-errors" id="e-duties-1-supported_by" hx-swap-oob="true">(.*?)</div>',
        answer.text,
        re.S,
    )
    assert slot is not None
    assert "Preparing visit reports" in slot.group(1)
    assert "severity-error" in slot.group(1)
    assert '<a href="#f-duties-1-supported_by">' in answer.text
    # the counts go to the page's live region, which screen readers announce
    status = re.search(r'<p id="check-status" hx-swap-oob="innerHTML">([^<]*)</p>', answer.text)
    assert status is not None and status.group(1).startswith("1 errors, ")
    # every other slot is emptied
    assert '<div class="field-errors" id="e-duties-0-supported_by" hx-swap-oob="true"></div>' in (
        answer.text
    )


def test_the_live_check_says_what_the_form_lacks_before_asking_the_api(
    editor_client: TestClient,
) -> None:
    pairs = new_description(editor_client, "")
    answer = post_form(editor_client, "/positions/new/check", pairs)
    assert '<a href="#f-position-id">Required</a>' in answer.text


def test_a_refused_save_keeps_the_form_and_writes_nothing(
    editor_client: TestClient, served: tuple[GraphState, Editor, Path]
) -> None:
    pairs = new_description(editor_client, "refused-manager")
    answer = post_form(editor_client, "/positions/new/edit", [*pairs, ("action", "save")])
    assert answer.status_code == 422
    assert "Fix these to save" in text_of(answer.text)
    assert 'value="Preparing visit reports (refused-manager)"' in answer.text
    assert 'id="f-duties-1-supported_by" name="duties.1.supported_by" rows="2" ' in answer.text
    assert re.search(r'id="f-duties-1-supported_by"[^>]*aria-invalid="true"', answer.text)
    assert not (served[2] / "edits" / "refused-manager.yaml").exists()


def test_a_saved_draft_goes_to_its_editions_and_a_stale_save_is_a_conflict(
    editor_client: TestClient, served: tuple[GraphState, Editor, Path]
) -> None:
    pairs = new_description(editor_client, "saved-manager")
    pairs = [(k, "skill:client-search" if k == "duties.1.supported_by" else v) for k, v in pairs]
    answer = post_form(editor_client, "/positions/new/edit", [*pairs, ("action", "save")])
    assert (answer.status_code, answer.headers["location"]) == (
        303,
        "/positions/saved-manager/editions",
    )
    version = served[1].version("saved-manager")
    assert version is not None
    assert f"Draft saved: version {version}." in text_of(
        editor_client.get(answer.headers["location"]).text
    )
    # opened again, it is the file written here
    page = editor_client.get("/positions/saved-manager/edit")
    assert f'name="expected_version" value="{version}"' in page.text
    pairs = form_pairs(page.text)
    changed = post_form(
        editor_client, "/positions/saved-manager/edit", [*pairs, ("action", "save")], version="1.1"
    )
    assert changed.status_code == 303
    stale = post_form(
        editor_client, "/positions/saved-manager/edit", [*pairs, ("action", "save")], version="1.2"
    )
    assert stale.status_code == 409
    current = served[1].version("saved-manager")
    assert f"it is now at version {current}" in text_of(stale.text)
    assert '<a href="/positions/saved-manager/edit">Load the current version</a>' in stale.text
    assert 'name="version" value="1.2"' in stale.text  # nothing typed is lost


def test_rows_are_added_and_removed_without_javascript(editor_client: TestClient) -> None:
    pairs = form_pairs(editor_client.get("/positions/new/edit").text)
    added = post_form(editor_client, "/positions/new/edit", [*pairs, ("action", "add:duties")])
    assert added.status_code == 200
    assert re.search(r'id="f-duties-1-label-ru"[^>]*autofocus', added.text)
    removed = post_form(
        editor_client,
        "/positions/new/edit",
        [*form_pairs(added.text), ("action", "remove:duties.0")],
    )
    assert 'id="f-duties-0-label-ru"' not in removed.text
    assert 'id="f-duties-1-label-ru"' in removed.text
    assert "Duty 1" in text_of(removed.text)  # numbered as shown


def test_a_post_without_the_csrf_token_is_refused(editor_client: TestClient) -> None:
    pairs = [(k, v) for k, v in new_description(editor_client, "x") if k != "csrf"]
    answer = editor_client.post(
        "/positions/new/check",
        content=urlencode(pairs),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 403


def test_readers_may_not_edit(served: tuple[GraphState, Editor, Path]) -> None:
    with client_of(served) as client:
        anonymous = client.get("/positions/new/edit", follow_redirects=False)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"].startswith("/sign-in?next=/positions/new/edit")
        sign_in(client, "reader")
        assert client.get("/positions/new/edit").status_code == 403


def test_a_server_without_an_edits_folder_says_so() -> None:
    from ..graphql_support import small_state
    from .support import web_client

    with web_client() as client:
        page = client.get("/positions/new/edit")
    assert page.status_code == 409
    assert "start it with `competency-graph serve --edits DIR`" in text_of(page.text)
    assert small_state is not None


def test_an_unknown_position_is_a_404_naming_it(editor_client: TestClient) -> None:
    page = editor_client.get("/positions/no-such-manager/edit")
    assert page.status_code == 404
    assert "no-such-manager" in text_of(page.text)


def approval_steps_of(client: TestClient, slug: str) -> str:
    return client.get(f"/positions/{slug}/editions").text


def test_the_approval_steps_go_in_order_by_role(
    served: tuple[GraphState, Editor, Path],
) -> None:
    with client_of(served) as client:
        sign_in(client, "editor")
        pairs = new_description(client, "approved-manager")
        pairs = [
            (k, "skill:client-search" if k == "duties.1.supported_by" else v) for k, v in pairs
        ]
        saved = post_form(client, "/positions/new/edit", [*pairs, ("action", "save")])
        assert saved.status_code == 303
        page = approval_steps_of(client, "approved-manager")
        assert "Agree as:" not in page  # an editor does not agree
        version = served[1].version("approved-manager")
        refused = client.post(
            "/positions/approved-manager/agree",
            data={"csrf": csrf_of(page), "expected_version": version, "role": "legal-service"},
        )
        assert refused.status_code == 403
    with client_of(served) as client:
        sign_in(client, "approver")
        page = approval_steps_of(client, "approved-manager")
        csrf = csrf_of(page)

        def step(kind: str, **fields: str) -> str:
            current = served[1].version("approved-manager") or ""
            answer = client.post(
                f"/positions/approved-manager/{kind}",
                data={"csrf": csrf, "expected_version": current, "name": "Орлов А. В.", **fields},
            )
            assert answer.status_code == 200
            return text_of(answer.text)

        early = step("approve")
        assert "Not done: the job description of position:approved-manager is draft: it is" in early
        assert "(missing: legal-service, hr-department, immediate-supervisor)" in early
        assert "Agreed: Legal service." in step("agree", role="legal-service")
        assert "Agreed: HR department." in step("agree", role="hr-department")
        assert "Agreed: Immediate supervisor." in step("agree", role="immediate-supervisor")
        assert "Approved." in step("approve")
        assert "Status: approved." in text_of(approval_steps_of(client, "approved-manager"))
        assert "Familiarisation recorded." in step("familiarise", name="Егорова Н. С.")
        assert "Status: in force." in text_of(approval_steps_of(client, "approved-manager"))
        # edited now, it opens as the next edition
        words = text_of(client.get("/positions/approved-manager/edit").text)
        assert "saving makes a new edition (2.0) as a draft" in words


def test_a_draft_is_deleted(
    editor_client: TestClient, served: tuple[GraphState, Editor, Path]
) -> None:
    pairs = new_description(editor_client, "deleted-manager")
    pairs = [(k, "skill:client-search" if k == "duties.1.supported_by" else v) for k, v in pairs]
    assert (
        post_form(editor_client, "/positions/new/edit", [*pairs, ("action", "save")]).status_code
        == 303
    )
    page = approval_steps_of(editor_client, "deleted-manager")
    answer = editor_client.post(
        "/positions/deleted-manager/delete",
        data={"csrf": csrf_of(page), "expected_version": served[1].version("deleted-manager")},
        follow_redirects=False,
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    assert not (served[2] / "edits" / "deleted-manager.yaml").exists()
    assert "Draft deleted." in text_of(editor_client.get("/").text)


def test_the_steps_show_buttons_by_role_and_state() -> None:
    draft = {"status": "draft", "agreements": [{"role": "legal-service", "name": "B", "date": "d"}]}
    steps = signature_steps(draft, may_approve=True, may_edit=True)
    assert [(s["kind"], s["role"], bool(s["done"]), s["button"]) for s in steps] == [
        ("agree", "legal-service", True, False),
        ("agree", "hr-department", False, True),
        ("agree", "immediate-supervisor", False, True),
        ("approve", None, False, True),
        ("familiarise", None, False, False),
    ]
    assert steps[3]["waiting"] == "step_after_agreements"
    approved = {"status": "approved", "approval": {"name": "O"}}
    steps = signature_steps(approved, may_approve=False, may_edit=True)
    assert [s["button"] for s in steps] == [False, False, False, False, True]


def test_the_header_offers_a_new_description_to_editors_and_the_audit_trail_to_admins(
    served: tuple[GraphState, Editor, Path],
) -> None:
    with client_of(served) as client:
        assert 'href="/positions/new/edit"' not in client.get("/").text
        sign_in(client, "editor")
        home = client.get("/").text
        assert '<a href="/positions/new/edit">New description</a>' in home
        assert 'href="/audit"' not in home
    with client_of(served, "ru") as client:
        sign_in(client, "admin")
        home = client.get("/").text
        assert '<a href="/audit">Журнал изменений</a>' in home


def test_a_new_description_of_a_position_written_here_is_a_conflict(
    editor_client: TestClient, served: tuple[GraphState, Editor, Path]
) -> None:
    pairs = new_description(editor_client, "twice-manager")
    pairs = [(k, "skill:client-search" if k == "duties.1.supported_by" else v) for k, v in pairs]
    first = post_form(editor_client, "/positions/new/edit", [*pairs, ("action", "save")])
    assert first.status_code == 303
    again = post_form(editor_client, "/positions/new/edit", [*pairs, ("action", "save")])
    assert again.status_code == 409
    version = served[1].version("twice-manager")
    assert f"it is now at version {version}" in text_of(again.text)
    assert '<a href="/positions/twice-manager/edit">Load the current version</a>' in again.text


def test_a_position_without_a_description_opens_with_its_names(editor_client: TestClient) -> None:
    page = editor_client.get("/positions/head-of-legal-service/edit")
    assert page.status_code == 200
    pairs = dict(form_pairs(page.text))
    assert pairs["position.id"] == "head-of-legal-service"
    assert pairs["position.label.en"] == "Head of legal service"
    assert (pairs["status"], pairs["version"]) == ("draft", "1.0")
