"""The read pages: home and search, a position, a skill, the skill gap."""

from __future__ import annotations

from ..graphql_support import client_for, small_state
from .support import web_client


def test_home_is_the_search_page_for_a_browser_in_either_language() -> None:
    with web_client("en") as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert "<title>Search · Positions and competencies</title>" in page.text
        assert '<label for="q">What to find</label>' in page.text
    with web_client("ru") as client:
        assert "<title>Поиск · Должности и компетенции</title>" in client.get("/").text


def test_home_is_the_plain_index_for_other_clients() -> None:
    with web_client() as client:
        response = client.get("/", headers={"accept": "*/*"})
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert response.text.startswith("competency-graph: GraphQL at /graphql")


def test_without_web_pages_home_is_the_plain_index_for_browsers_too() -> None:
    with client_for(small_state(), web=False) as client:
        response = client.get("/", headers={"accept": "text/html"})
        assert response.text.startswith("competency-graph: GraphQL at /graphql")
        assert client.get("/static/app.css").status_code == 404


def test_the_static_files_are_served() -> None:
    with web_client() as client:
        assert client.get("/static/app.css").text.startswith("/* competency-graph web pages")
        htmx = client.get("/static/htmx.min.js").text
        assert htmx.startswith("/* htmx 2.0.11 - https://htmx.org - Zero-Clause BSD licence")


def test_the_home_page_has_the_landmarks_and_a_skip_link() -> None:
    with web_client() as client:
        page = client.get("/").text
        for landmark in ("<header", "<nav aria-label=", '<main id="main"', "<footer"):
            assert landmark in page
        assert '<a class="skip-link" href="#main">Skip to content</a>' in page
        assert page.count("<h1>") == 1
