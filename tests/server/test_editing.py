"""Job descriptions written over GraphQL (server/editing.py, api/mutations.py), over HTTP."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from starlette.testclient import TestClient

from competency_graph.api.inputs import from_job_description_data
from competency_graph.api.principals import ROLES, Principal
from competency_graph.cli.main import cli
from competency_graph.graph.source import Source
from competency_graph.server.access import Tokens, digest
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.audit import AuditLog
from competency_graph.server.editing import Editor, files_in
from competency_graph.server.state import GraphState, error_gate

from ..conftest import EXAMPLES

VALID = EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml"

SAVE = """mutation Save($jd: JobDescriptionInput!, $dry: Boolean) {
  createJobDescription(input: $jd, dryRun: $dry) {
    position file written version report { conforms counts { error warning } } } }"""
UPDATE = """mutation Update($jd: JobDescriptionInput!, $v: String!) {
  updateJobDescription(input: $jd, expectedVersion: $v) { written version } }"""
DELETE = """mutation Delete($p: ID!, $v: String!) {
  deleteJobDescription(position: $p, expectedVersion: $v) { written } }"""


def document(status: str = "draft") -> dict[str, Any]:
    """The valid regional account manager, as a client would send its data."""
    data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(VALID.read_text()), default=str))
    data["status"] = status
    return data


def serving(folder: Path, *, gate: bool = True) -> tuple[GraphState, Editor]:
    """A started state of the shipped ontology and the files of ``folder``, and its editor."""
    paths = files_in(folder) if folder.is_dir() else []
    state = GraphState(Source(paths), gate=error_gate if gate else None)
    editor = Editor(state, folder)
    state.start()
    return state, editor


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    return tmp_path / "edits"


@pytest.fixture()
def client(folder: Path) -> Iterator[TestClient]:
    state, editor = serving(folder)
    with TestClient(create_app(state, ServerSettings(sighup=False), editor)) as test_client:
        yield test_client


def call(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_description_that_breaks_a_rule_is_refused_with_input_paths_and_nothing_written(
    client: TestClient, folder: Path
) -> None:
    data = document()
    data["duties"][0]["supported_by"] = ["skill:1c"]  # a skill the position does not require
    body = call(client, SAVE, jd=from_job_description_data(data))
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["message"].endswith("nothing was written")
    rules = {v["rule"] for v in error["extensions"]["violations"]}
    assert "duty-coverage" in rules
    assert all(
        v["severity"] in ("ERROR", "WARNING", "INFO") for v in error["extensions"]["violations"]
    )
    assert list(folder.iterdir()) == []


def test_a_written_description_is_served_checked_by_the_cli_and_survives_a_restart(
    client: TestClient, folder: Path
) -> None:
    body = call(client, SAVE, jd=from_job_description_data(document()))
    saved = body["data"]["createJobDescription"]
    assert (saved["position"], saved["file"], saved["written"]) == (
        "position:regional-account-manager",
        "regional-account-manager.yaml",
        True,
    )
    assert saved["report"]["counts"]["error"] == 0
    written = folder / "regional-account-manager.yaml"
    assert len(saved["version"]) == 16
    # served at once
    served = call(
        client, '{ position(id: "regional-account-manager") { id jobDescription { status } } }'
    )
    assert served["data"]["position"] == {
        "id": "position:regional-account-manager",
        "jobDescription": {"status": "DRAFT"},
    }
    version = call(client, '{ jobDescriptionVersion(position: "regional-account-manager") }')
    assert version["data"] == {"jobDescriptionVersion": saved["version"]}
    # CI reads the same file
    checked = CliRunner().invoke(cli, ["check", str(written), "--no-reasoner"])
    assert checked.exit_code == 0, checked.output
    # a new server on the same folder serves it
    restarted, _ = serving(folder, gate=False)
    assert "https://w3id.org/competency-graph/id/position/regional-account-manager" in (
        restarted.snapshot.model.positions
    )


def test_a_dry_run_checks_and_writes_nothing(client: TestClient, folder: Path) -> None:
    body = call(client, SAVE, jd=from_job_description_data(document()), dry=True)
    assert body["data"]["createJobDescription"]["written"] is False
    assert body["data"]["createJobDescription"]["version"] is None
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_stale_version_is_a_conflict_naming_the_current_one(client: TestClient) -> None:
    first = call(client, SAVE, jd=from_job_description_data(document()))
    version = first["data"]["createJobDescription"]["version"]
    again = call(client, SAVE, jd=from_job_description_data(document()))
    assert again["errors"][0]["extensions"] == {"code": "CONFLICT", "currentVersion": version}
    changed = document()
    changed["version"] = "1.1"
    updated = call(client, UPDATE, jd=from_job_description_data(changed), v=version)
    new_version = updated["data"]["updateJobDescription"]["version"]
    assert new_version != version
    stale = call(client, UPDATE, jd=from_job_description_data(document()), v=version)
    assert stale["data"] is None
    assert stale["errors"][0]["extensions"] == {"code": "CONFLICT", "currentVersion": new_version}
    assert "read it again" in stale["errors"][0]["message"]


def test_only_a_draft_is_deleted(client: TestClient, folder: Path) -> None:
    created = call(client, SAVE, jd=from_job_description_data(document("in-force")))
    version = created["data"]["createJobDescription"]["version"]
    refused = call(client, DELETE, p="regional-account-manager", v=version)
    assert refused["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert "only a draft may be deleted" in refused["errors"][0]["message"]
    draft = call(client, UPDATE, jd=from_job_description_data(document("draft")), v=version)
    deleted = call(
        client,
        DELETE,
        p="regional-account-manager",
        v=draft["data"]["updateJobDescription"]["version"],
    )
    assert deleted["data"] == {"deleteJobDescription": {"written": True}}
    assert files_in(folder) == []  # its revisions are kept, not served
    gone = call(client, '{ position(id: "regional-account-manager") { id } }')
    assert gone["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_server_without_an_edits_folder_takes_no_writes() -> None:
    state = GraphState(Source(()), gate=None)
    state.start()
    with TestClient(create_app(state, ServerSettings(sighup=False))) as plain:
        body = call(plain, SAVE, jd=from_job_description_data(document()))
    assert body["errors"][0]["extensions"]["code"] == "NOT_AVAILABLE"
    assert "--edits DIR" in body["errors"][0]["message"]


def test_concurrent_updates_lose_nothing(folder: Path) -> None:
    state, editor = serving(folder, gate=False)
    app = create_app(state, ServerSettings(sighup=False, max_concurrent_checks=8), editor)
    with TestClient(app) as client:
        created = call(client, SAVE, jd=from_job_description_data(document()))
        outcomes: list[tuple[str, str]] = []  # (edition written or "CONFLICT", based on)
        lock = threading.Lock()

        def edit(worker: int) -> None:
            for attempt in range(5):
                base = call(
                    client, '{ jobDescriptionVersion(position: "regional-account-manager") }'
                )
                based_on = base["data"]["jobDescriptionVersion"]
                changed = document()
                changed["version"] = f"w{worker}-a{attempt}"  # never the created "1.0"
                body = call(client, UPDATE, jd=from_job_description_data(changed), v=based_on)
                with lock:
                    if body.get("data"):
                        outcomes.append((changed["version"], based_on))
                    else:
                        assert body["errors"][0]["extensions"]["code"] == "CONFLICT", body
                        outcomes.append(("CONFLICT", based_on))

        workers = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert len(outcomes) == 20
    accepted = [edition for edition, _ in outcomes if edition != "CONFLICT"]
    assert accepted  # some got through, the rest were told
    # each accepted update was based on a different version: none overwrote another unseen
    bases = [based_on for edition, based_on in outcomes if edition != "CONFLICT"]
    assert len(set(bases)) == len(bases)
    assert created["data"]["createJobDescription"]["version"] in bases
    final = yaml.safe_load((folder / "regional-account-manager.yaml").read_text())
    assert final["version"] == accepted[-1]
    assert [p.name for p in files_in(folder)] == ["regional-account-manager.yaml"]
    assert [p for p in folder.rglob("*") if p.name.endswith(".tmp")] == []  # no half-written
    assert len(editor.history("regional-account-manager")) == 1 + len(accepted)


def roles_app(folder: Path, tmp_path: Path, anonymous: str = "read") -> tuple[TestClient, Path]:
    """A server with a tokens file (one token per role, named by it) and an audit log."""
    tokens = Tokens(
        {digest(f"{role}-token"): Principal(f"the-{role}", role) for role in ROLES}, anonymous
    )
    state, _ = serving(folder)
    audit_path = tmp_path / "audit.jsonl"
    audit = AuditLog(audit_path)
    editor = Editor(state, folder, audit)
    app = create_app(state, ServerSettings(sighup=False, tokens=tokens), editor, audit)
    return TestClient(app), audit_path


def bearer(role: str) -> dict[str, str]:
    return {"authorization": f"Bearer {role}-token"}


def test_only_editors_write_and_every_write_is_audited(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client, audit_path = roles_app(folder, tmp_path)
    with client:
        variables = {"jd": from_job_description_data(document())}
        anonymous = client.post("/graphql", json={"query": SAVE, "variables": variables})
        assert anonymous.status_code == 200  # reading needs no token: the field is refused
        assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert anonymous.json()["errors"][0]["message"] == (
            "createJobDescription needs a token with the role editor or above: "
            "Authorization: Bearer <token>"
        )
        reader = client.post(
            "/graphql", json={"query": SAVE, "variables": variables}, headers=bearer("reader")
        )
        assert reader.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert reader.json()["errors"][0]["message"] == (
            "createJobDescription needs the role editor or above; the-reader has the role reader"
        )
        assert not folder.exists() or list(folder.iterdir()) == []
        wrong = client.post(
            "/graphql", json={"query": SAVE, "variables": variables}, headers=bearer("nobody")
        )
        assert wrong.status_code == 401
        assert wrong.headers["www-authenticate"] == "Bearer"
        assert wrong.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        written = client.post(
            "/graphql", json={"query": SAVE, "variables": variables}, headers=bearer("editor")
        ).json()["data"]["createJobDescription"]
        # anonymous still reads
        read = client.post(
            "/graphql", json={"query": '{ position(id: "regional-account-manager") { id } }'}
        )
        assert read.json()["data"] == {"position": {"id": "position:regional-account-manager"}}
        # the log, as admins see it
        log_query = {
            "query": "{ auditLog { who role action position before after status edition } }"
        }
        refused = client.post("/graphql", json=log_query, headers=bearer("approver"))
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        entries = client.post("/graphql", json=log_query, headers=bearer("admin")).json()
    assert entries["data"]["auditLog"] == [
        {
            "who": "the-editor",
            "role": "editor",
            "action": "create",
            "position": "position:regional-account-manager",
            "before": None,
            "after": written["version"],
            "status": "draft",
            "edition": "1.0",
        }
    ]
    assert len(audit_path.read_text().splitlines()) == 1
    # no token, digest or Authorization header in the log or the audit trail
    logged = caplog.text + audit_path.read_text()
    for role in ROLES:
        assert f"{role}-token" not in logged
        assert digest(f"{role}-token") not in logged


def test_a_server_refusing_anonymous_requests_answers_401(folder: Path, tmp_path: Path) -> None:
    client, _ = roles_app(folder, tmp_path, anonymous="none")
    with client:
        anonymous = client.post("/graphql", json={"query": "{ rules { id } }"})
        with_token = client.post(
            "/graphql", json={"query": "{ __typename }"}, headers=bearer("reader")
        )
        document = "/positions/key-account-manager/job-description.md"
        statuses = [client.get(document).status_code]
        statuses.append(client.get(document, headers=bearer("reader")).status_code)
        health = client.get("/healthz").status_code  # a load balancer's probe needs no token
    assert (statuses, health) == ([401, 200], 200)
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"] == [
        {
            "message": "this server needs a token: Authorization: Bearer <token>",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ]
    assert with_token.json() == {"data": {"__typename": "Query"}}


SIGN = """mutation Sign($p: ID!, $v: String!, $name: String!) {
  %s(position: $p, name: $name, expectedVersion: $v, date: "2026-11-30") { written version } }"""
AGREE = """mutation Agree($p: ID!, $v: String!, $role: AgreementRoleInput!) {
  agreeJobDescription(position: $p, role: $role, name: "Белова Е. С.", expectedVersion: $v,
                      date: "2026-11-28") { written version } }"""
P = "regional-account-manager"


def unsigned_draft() -> dict[str, Any]:
    data = document("draft")
    for signed in ("agreements", "approval", "familiarisation"):
        data.pop(signed, None)
    return data


def step(client: TestClient, query: str, **variables: Any) -> tuple[str | None, str | None]:
    """Run one step; (the new version, None) or (None, the error's code and message)."""
    body = call(client, query, **variables)
    if body.get("errors"):
        error = body["errors"][0]
        return (
            None,
            f"{error['extensions']['code']}: {error['message']} "
            f"{error['extensions'].get('violations')}",
        )
    (payload,) = body["data"].values()
    return payload["version"], None


def test_the_approval_procedure_goes_in_the_seeds_order(client: TestClient, folder: Path) -> None:
    version, _ = step(client, SAVE, jd=from_job_description_data(unsigned_draft()))
    # out of order: approval before the agreements, familiarisation before approval
    _, refused = step(client, SIGN % "approveJobDescription", p=P, v=version, name="Орлов А. В.")
    assert refused is not None and refused.startswith("CONFLICT: ")
    assert "missing: legal-service, hr-department, immediate-supervisor" in refused
    _, refused = step(client, SIGN % "familiariseJobDescription", p=P, v=version, name="Егорова")
    assert refused is not None and "only after it is approved" in refused
    # the three agreements, each once
    for role in ("LEGAL_SERVICE", "HR_DEPARTMENT", "IMMEDIATE_SUPERVISOR"):
        version, refused = step(client, AGREE, p=P, v=version, role=role)
        assert refused is None, refused
    _, again = step(client, AGREE, p=P, v=version, role="HR_DEPARTMENT")
    assert again is not None and again.startswith("CONFLICT: ")
    status = call(client, f'{{ position(id: "{P}") {{ jobDescription {{ status }} }} }}')
    assert status["data"]["position"]["jobDescription"]["status"] == "AGREED"
    version, refused = step(client, SIGN % "approveJobDescription", p=P, v=version, name="Орлов")
    assert refused is None, refused
    version, refused = step(
        client, SIGN % "familiariseJobDescription", p=P, v=version, name="Егорова"
    )
    assert refused is None, refused
    written = yaml.safe_load((folder / f"{P}.yaml").read_text())
    assert written["status"] == "in-force"
    assert [a["role"] for a in written["agreements"]] == [
        "legal-service",
        "hr-department",
        "immediate-supervisor",
    ]
    assert written["approval"] == {
        "by": "position:head-of-organisation",
        "name": "Орлов",
        "date": "2026-11-30",
    }
    assert written["familiarisation"] == [{"name": "Егорова", "date": "2026-11-30"}]
    # an edit of the description in force starts edition 2 as an unsigned draft
    edited = unsigned_draft()
    edited["status"] = "in-force"
    edited["duties"][0]["label"]["ru"] += " по всему региону"
    version, refused = step(client, UPDATE, jd=from_job_description_data(edited), v=version)
    assert refused is None, refused
    second = yaml.safe_load((folder / f"{P}.yaml").read_text())
    assert (second["status"], second["version"]) == ("draft", "2.0")
    assert "agreements" not in second and "approval" not in second
    # every step kept, and any two compared
    history = call(
        client,
        f'{{ jobDescriptionHistory(position: "{P}") {{ number action edition status }} '
        f'position(id: "{P}") {{ jobDescription {{ editions {{ number }} }} }} }}',
    )["data"]
    assert [(r["action"], r["status"]) for r in history["jobDescriptionHistory"]] == [
        ("create", "draft"),
        ("agree:legal-service", "draft"),
        ("agree:hr-department", "draft"),
        ("agree:immediate-supervisor", "agreed"),
        ("approve", "approved"),
        ("familiarise", "in-force"),
        ("new-edition", "draft"),
    ]
    assert len(history["position"]["jobDescription"]["editions"]) == 7
    diff = call(
        client,
        f'{{ jobDescriptionDiff(position: "{P}", fromRevision: 6, toRevision: 7) }}',
    )["data"]["jobDescriptionDiff"]
    assert "-status: in-force\n" in diff
    assert "+status: draft\n" in diff
    assert "по всему региону" in diff


def test_approval_steps_need_the_approver_role(folder: Path, tmp_path: Path) -> None:
    client, _ = roles_app(folder, tmp_path)
    with client:
        created = client.post(
            "/graphql",
            json={"query": SAVE, "variables": {"jd": from_job_description_data(unsigned_draft())}},
            headers=bearer("editor"),
        ).json()["data"]["createJobDescription"]
        variables = {"p": P, "v": created["version"], "role": "LEGAL_SERVICE"}
        as_editor = client.post(
            "/graphql", json={"query": AGREE, "variables": variables}, headers=bearer("editor")
        ).json()
        as_approver = client.post(
            "/graphql", json={"query": AGREE, "variables": variables}, headers=bearer("approver")
        ).json()
    assert as_editor["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert as_approver["data"]["agreeJobDescription"]["written"] is True


def test_read_gives_the_file_s_data_and_version(folder: Path) -> None:
    _, editor = serving(folder)
    assert editor.read("regional-account-manager") is None
    saved = editor.save(document(), create=True, expected_version=None, dry_run=False, lang="en")
    read = editor.read("position:regional-account-manager")
    assert read is not None
    data, version = read
    assert version == saved.version
    assert data["status"] == "draft"
    assert data["agreements"][0]["date"] == "2026-03-02"  # a date as text, as the input takes it
