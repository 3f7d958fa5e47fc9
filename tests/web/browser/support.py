"""Real-browser support: Debian's Chromium driven by Playwright, the app served by uvicorn in a
thread, axe-core from its PyPI package, and the signed-in roles.

The browser tests (tests/web/browser/) and ``make screenshots`` (scripts/screenshots.py) both
use it. Nothing is fetched from the internet: Chromium is the system's package (`.ci/run`
installs it), Playwright drives it through ``executable_path`` (``playwright install`` is
never run: its browser download cannot work here), and axe-core is the copy the
``axe-playwright-python`` wheel ships.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: the system's Chromium (Debian package ``chromium``); CG_CHROMIUM names another one
CHROMIUM = Path(os.environ.get("CG_CHROMIUM", "/usr/bin/chromium"))
#: headless, no sandbox (root in CI), and nothing that reaches out to the network by itself
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
#: a laptop's viewport, and a phone's
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
#: the example the pages are shown with
EXAMPLE = (
    Path(__file__).resolve().parents[3]
    / "examples"
    / "job-descriptions"
    / "valid"
    / "regional-account-manager.yaml"
)
#: the axe-core impacts that fail a page
FAILING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Person:
    """Someone who signs in: the token's name and role, and the token itself."""

    name: str
    role: str
    token: str


#: one person per role, with fixed tokens (test data: the server keeps only their digests)
PEOPLE = {
    "reader": Person("rita.reader", "reader", "reader-token-0123456789abcdef0123456789abcdef"),
    "editor": Person("erik.editor", "editor", "editor-token-0123456789abcdef0123456789abcdef"),
    "approver": Person(
        "anna.approver", "approver", "approver-token-0123456789abcdef0123456789abcd"
    ),
    "admin": Person("adam.admin", "admin", "admin-token-0123456789abcdef0123456789abcdef0"),
}


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not CHROMIUM.is_file():
        return (
            f"Chromium is absent ({CHROMIUM}): `apt-get install chromium` (.ci/run installs it) "
            "or set CG_CHROMIUM"
        )
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: pip install -e '.[dev]'"
    return None


def launch(playwright: Any) -> Any:
    """Chromium from the system, headless; Playwright gives it a fresh profile each time."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )


def axe_source() -> str:
    """axe-core's ``axe.min.js`` as the ``axe-playwright-python`` wheel ships it."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        raise RuntimeError("axe-playwright-python is not installed: pip install -e '.[dev]'")
    return (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Any, impacts: tuple[str, ...] = FAILING_IMPACTS) -> list[dict[str, Any]]:
    """The axe-core violations of the page as it is now, of the given impacts: each with its
    rule id, impact, help text and the selectors of the nodes it concerns."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return [v for v in found if v["impact"] in impacts]


def tokens_file(folder: Path) -> Path:
    """A `serve --tokens` file with one token per role of :data:`PEOPLE`."""
    from competency_graph.server.access import digest

    lines = ["anonymous: read", "tokens:"]
    for person in PEOPLE.values():
        lines += [
            f"  - name: {person.name}",
            f"    role: {person.role}",
            f"    sha256: {digest(person.token)}",
        ]
    path = folder / "tokens.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Served:
    """The app served on loopback: its base URL and the folders it writes to."""

    url: str
    edits: Path
    audit: Path
    state: Any = field(repr=False)


@contextlib.contextmanager
def serve(folder: Path, sources: tuple[Path, ...] = (), *, gate: bool = False) -> Iterator[Served]:
    """The real app (shipped ontology plus ``sources``) under uvicorn in a thread on a free
    loopback port, as `serve --edits EDITS --tokens FILE --audit-log FILE` builds it.

    Without ``gate`` it is `serve --no-check-on-reload`: each mutation still checks the
    description with every rule before it writes, but the reload after the write does not
    check the whole graph again (~5 s of the ~9 s a write takes on the shipped ontology),
    which keeps the browser tests quick."""
    import uvicorn

    from competency_graph.graph.source import Source
    from competency_graph.server.access import read_tokens
    from competency_graph.server.app import ServerSettings, create_app
    from competency_graph.server.audit import AuditLog
    from competency_graph.server.editing import Editor, files_in
    from competency_graph.server.state import GraphState, error_gate

    edits = folder / "edits"
    edits.mkdir(parents=True, exist_ok=True)
    audit_path = folder / "audit.jsonl"
    state = GraphState(Source((*sources, *files_in(edits))), gate=error_gate if gate else None)
    audit = AuditLog(audit_path)
    editor = Editor(state, edits, audit)
    state.start()
    settings = ServerSettings(sighup=False, tokens=read_tokens(tokens_file(folder)))
    app = create_app(state, settings, editor, audit)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start under uvicorn within 30 s")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", edits, audit_path, state)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def sign_in(page: Any, role: str, lang: str = "en") -> None:
    """Choose ``lang`` with the switch, then sign in with the token of ``role`` (see
    :data:`PEOPLE`) on the sign-in page."""
    page.goto(f"/lang/{lang}?next=/sign-in")
    page.locator("input[name=token]").fill(PEOPLE[role].token)
    page.locator("form[action$='/sign-in'] [type=submit]").click()
    page.wait_for_load_state()


def sign_out(page: Any) -> None:
    """Sign out with the header's button."""
    page.locator("form[action='/sign-out'] button").click()
    page.wait_for_load_state()


def seed_draft(app: Served, *, agree: bool = True) -> None:
    """The example regional account manager as a draft written through the API (as the
    admin), edited once (revision 2: the fourth duty reworded) and, with ``agree``, agreed
    by the legal service (revision 3). Each write takes seconds (check, write, reload)."""
    import httpx
    import yaml

    from competency_graph.api.inputs import from_job_description_data

    headers = {"Authorization": f"Bearer {PEOPLE['admin'].token}"}

    def call(query: str, **variables: Any) -> dict[str, Any]:
        answer = httpx.post(
            f"{app.url}/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
            timeout=60,
        ).json()
        if answer.get("errors"):
            raise RuntimeError(json.dumps(answer["errors"], ensure_ascii=False))
        data: dict[str, Any] = answer["data"]
        return data

    data = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text("utf-8")), default=str))
    data["status"] = "draft"
    for signed in ("agreements", "approval", "familiarisation"):
        data.pop(signed)
    saved = call(
        "mutation($jd: JobDescriptionInput!) { createJobDescription(input: $jd) { version } }",
        jd=from_job_description_data(data),
    )["createJobDescription"]
    data["duties"][3]["label"]["en"] = "Weekly report on sales in the region"
    data["duties"][3]["label"]["ru"] = "Еженедельный отчёт о продажах в регионе"
    updated = call(
        "mutation($jd: JobDescriptionInput!, $v: String!) {"
        " updateJobDescription(input: $jd, expectedVersion: $v) { version } }",
        jd=from_job_description_data(data),
        v=saved["version"],
    )["updateJobDescription"]
    if not agree:
        return
    call(
        'mutation($v: String!) { agreeJobDescription(position: "regional-account-manager",'
        ' role: LEGAL_SERVICE, name: "Белова Е. С.", date: "2026-03-02",'
        " expectedVersion: $v) { version } }",
        v=updated["version"],
    )
