"""What the editor's and the editions' page tests share: the shipped ontology served with an
edits folder, tokens and an audit log, and a browser-like form poster."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from competency_graph.graph.source import Source
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.audit import AuditLog
from competency_graph.server.editing import Editor
from competency_graph.server.state import GraphState

from .support import BROWSER, tokens

Served = tuple[GraphState, Editor, Path]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphState, Editor, Path]:
    """The shipped ontology with an edits folder and an audit log (as `serve --edits
    --tokens --audit-log --no-check-on-reload`)."""
    folder = tmp_path_factory.mktemp("authoring")
    state = GraphState(Source(()), gate=None)
    audit = AuditLog(folder / "audit.jsonl")
    editor = Editor(state, folder / "edits", audit)
    state.start()
    return state, editor, folder


def client_of(served: tuple[GraphState, Editor, Path], lang: str = "en") -> TestClient:
    state, editor, _ = served
    app = create_app(state, ServerSettings(sighup=False, tokens=tokens()), editor, editor.audit)
    headers = {**BROWSER, "accept-language": lang}
    return TestClient(app, base_url="https://testserver", headers=headers)


def form_pairs(page: str) -> list[tuple[str, str]]:
    """The pairs a browser would post for the editor form of ``page`` (no button)."""
    form = page[page.index('<form id="editor"') :]
    form = form[: form.index("</form>")]
    pairs: list[tuple[str, str]] = []
    for tag in re.finditer(r"<input\b[^>]*>", form):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))
        if "name" not in attributes:
            continue
        if attributes.get("type") == "checkbox" and " checked" not in tag.group(0):
            continue
        pairs.append((attributes["name"], _unescape(attributes.get("value", ""))))
    for area in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        pairs.append((area.group(1), _unescape(area.group(2))))
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', select.group(2))
        first = re.search(r'<option value="([^"]*)"', select.group(2))
        pairs.append((select.group(1), (chosen or first).group(1) if (chosen or first) else ""))
    return pairs


def _unescape(text: str) -> str:
    return html.unescape(text)


def post_form(client: TestClient, url: str, pairs: list[tuple[str, str]], **changes: str) -> Any:
    """Post the form's ``pairs`` with some fields changed (``duties__1__label__ru``:
    ``duties.1.label.ru``)."""
    changed = {k.replace("__", "."): v for k, v in changes.items()}
    sent = [(k, changed.pop(k, v)) for k, v in pairs] + list(changed.items())
    return client.post(
        url,
        content=urlencode(sent),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )


def new_description(client: TestClient, slug: str) -> list[tuple[str, str]]:
    """The new-description form filled in for ``slug``, its second duty supported by no
    skill (duty-coverage)."""
    page = client.get("/positions/new/edit")
    assert page.status_code == 200
    pairs = form_pairs(page.text)
    values = {
        "position.id": slug,
        "position.label.ru": f"Менеджер по выездным продажам ({slug})",
        "position.label.en": f"Field sales manager ({slug})",
        "position.department": "Отдел по работе с клиентами",
        "position.reports_to": "Head of customer service department",
        "position.substitute": "position:senior-account-manager",
        "position.appointed_by": "position:head-of-organisation",
        "requirements.0.skill": "skill:client-search",
        "duties.0.label.ru": f"Поиск клиентов на выезде ({slug})",
        "duties.0.label.en": f"Finding clients in the field ({slug})",
        "duties.0.supported_by": "skill:client-search",
        "duties.0.id": "find-clients",
        "rights.0.label.ru": f"Право выбирать маршрут визитов ({slug})",
        "rights.0.label.en": f"Right to choose the route of visits ({slug})",
        "rights.0.facilitates": "find-clients",
        "responsibilities.0.label.ru": f"Дисциплинарная ответственность ({slug})",
        "responsibilities.0.label.en": f"Disciplinary liability ({slug})",
        "responsibilities.0.kind": "disciplinary",
        "responsibilities.0.legal_basis": "norm:labour-code-art-192",
    }
    filled = [(k, values.pop(k, v)) for k, v in pairs]
    filled += [
        ("responsibilities.0.sanctions", "remark"),
        ("duties.1.item", "duty"),
        ("duties.1.label.ru", f"Подготовка отчётов о визитах ({slug})"),
        ("duties.1.label.en", f"Preparing visit reports ({slug})"),
        ("duties.1.supported_by", ""),
    ]
    return filled
