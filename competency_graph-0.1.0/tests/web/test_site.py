"""The page wrapper every page shares: role refusals, CSRF, and error pages."""

from __future__ import annotations

import logging

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from competency_graph.errors import InputError
from competency_graph.model.ids import require
from competency_graph.web import account
from competency_graph.web.site import Site, WebSettings, site_of

from ..graphql_support import small_state
from .support import BROWSER, csrf_of, sign_in, text_of, tokens


async def editors_page(request: Request) -> Response:
    return PlainTextResponse("for editors")


async def position_of(request: Request) -> Response:
    model = site_of(request).state.snapshot.model
    return PlainTextResponse(require(model, request.path_params["id"], "position"))


async def bad_input(request: Request) -> Response:
    raise InputError("the field 'title' is empty")


async def broken(request: Request) -> Response:
    raise RuntimeError("a bug")


async def posted(request: Request) -> Response:
    return PlainTextResponse("posted")


def _client(anonymous: str = "read", lang: str = "en") -> TestClient:
    site = Site(small_state(), WebSettings(), access=tokens(anonymous))
    app = Starlette(
        routes=[
            *account.routes(site),
            Route("/edit", site.page(editors_page, role="editor")),
            Route("/positions/{id}", site.page(position_of)),
            Route("/bad", site.page(bad_input)),
            Route("/broken", site.page(broken)),
            Route("/form", site.page(posted), methods=["POST"]),
        ]
    )
    headers = {**BROWSER, "accept-language": lang}
    return TestClient(app, base_url="https://testserver", headers=headers)


def test_an_anonymous_visitor_is_sent_to_sign_in_for_an_editors_page() -> None:
    with _client() as client:
        response = client.get("/edit?x=1", follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (
            303,
            "/sign-in?next=/edit%3Fx%3D1",
        )


def test_a_reader_is_refused_an_editors_page_with_a_403_page() -> None:
    with _client() as client:
        sign_in(client, "reader")
        response = client.get("/edit")
        assert response.status_code == 403
        words = text_of(response.text)
        assert "Not allowed This needs the role editor or above; you have the role reader." in words


def test_the_refusal_is_worded_in_russian_too() -> None:
    with _client(lang="ru") as client:
        sign_in(client, "reader")
        words = text_of(client.get("/edit").text)
        assert "Для этого нужна роль «редактор» или выше; у вас роль «читатель»." in words


@pytest.mark.parametrize("role", ["editor", "approver", "admin"])
def test_editors_and_stronger_roles_get_the_editors_page(role: str) -> None:
    with _client() as client:
        sign_in(client, role)
        assert client.get("/edit").text == "for editors"


def test_where_anonymous_is_none_every_page_needs_a_sign_in() -> None:
    with _client(anonymous="none") as client:
        response = client.get("/positions/account-manager", follow_redirects=False)
        assert response.headers["location"] == "/sign-in?next=/positions/account-manager"
        assert client.get("/sign-in").status_code == 200  # the way in stays open
        sign_in(client, "reader")
        assert client.get("/positions/account-manager").status_code == 200


def test_an_unknown_id_is_a_404_page_naming_it_with_a_suggestion() -> None:
    with _client() as client:
        response = client.get("/positions/acount-manager")
        assert response.status_code == 404
        words = text_of(response.text)
        assert "There is no position with the id 'acount-manager'." in words
        assert "Did you mean: Account manager (position:account-manager)" in words
        assert '<a href="/positions/account-manager">' in response.text


def test_bad_input_is_a_400_page_with_the_message() -> None:
    with _client() as client:
        response = client.get("/bad")
        assert response.status_code == 400
        assert "Bad request the field 'title' is empty" in text_of(response.text)


def test_a_bug_is_a_logged_500_page_with_a_request_id(caplog: pytest.LogCaptureFixture) -> None:
    with _client() as client, caplog.at_level(logging.ERROR, "competency_graph.web"):
        response = client.get("/broken")
        assert response.status_code == 500
        words = text_of(response.text)
        assert "Internal error Something broke on the server; request id" in words
        assert "a bug" not in words
        assert "unhandled error serving GET /broken" in caplog.text


def test_every_post_needs_the_csrf_token() -> None:
    with _client() as client:
        page = client.get("/sign-in")
        assert client.post("/form", data={}).status_code == 403
        assert client.post("/form", data={"csrf": "x"}).status_code == 403
        assert client.post("/form", data={"csrf": csrf_of(page.text)}).text == "posted"
        assert client.post("/form", headers={"X-CSRF-Token": csrf_of(page.text)}).text == "posted"


def test_a_post_from_a_visitor_without_a_session_is_refused() -> None:
    with _client() as client:
        assert client.post("/form", data={"csrf": "anything"}).status_code == 403


def test_a_huge_form_is_refused_before_it_is_read() -> None:
    with _client() as client:
        response = client.post("/form", content=b"x" * 1_000_001)
        assert response.status_code == 413
