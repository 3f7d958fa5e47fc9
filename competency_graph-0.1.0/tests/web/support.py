"""Helpers of the web tests: a server over the small organisation, with or without tokens."""

from __future__ import annotations

import html
import re
from typing import Any

from starlette.testclient import TestClient

from competency_graph.api.principals import Principal
from competency_graph.server.access import Tokens, digest
from competency_graph.server.app import ServerSettings, create_app

from ..graphql_support import small_state

#: the tokens of the signed-in tests, by role
TOKENS = {
    "reader": "reader-token",
    "editor": "editor-token",
    "approver": "approver-token",
    "admin": "admin-token",
}
NAMES = {"reader": "rita.reader", "editor": "anna.hr", "approver": "ivan.head", "admin": "olga"}
BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def tokens(anonymous: str = "read") -> Tokens:
    """One token per role (see :data:`TOKENS`), anonymous visitors as ``anonymous`` says."""
    return Tokens(
        {digest(TOKENS[role]): Principal(NAMES[role], role) for role in TOKENS}, anonymous
    )


def web_client(lang: str = "en", **settings: Any) -> TestClient:
    """A browser-like client preferring ``lang``, of a server over the small organisation
    (``settings`` are ServerSettings fields, e.g. ``tokens=tokens()``); https, so that the
    session cookie (Secure there) is kept."""
    app = create_app(small_state(), ServerSettings(sighup=False, **settings))
    headers = {**BROWSER, "accept-language": lang}
    return TestClient(app, base_url="https://testserver", headers=headers)


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: TestClient, role: str) -> None:
    """Sign ``client`` in with the token of ``role``."""
    page = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"csrf": csrf_of(page.text), "token": TOKENS[role], "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def text_of(page: str) -> str:
    """The visible words of a page, one space between (tags dropped), for exact asserts."""
    without_tags = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)
    return " ".join(html.unescape(without_tags).split())
