"""The HTTP routes in a bare Starlette app: documents, JSON-LD and pictures with the right
media types, 404 for unknown ids and formats, 400 for a bad language."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO

import pytest
from docx import Document as open_docx
from starlette.applications import Starlette
from starlette.testclient import TestClient

from competency_graph.api.principals import Principal
from competency_graph.server.access import Tokens, digest
from competency_graph.server.documents import RenderCache, routes
from tests.rendering_support import fixture_model


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = Starlette(routes=routes)
    app.state.read_model = fixture_model
    return TestClient(app)


def test_job_description_markdown_and_html(client: TestClient) -> None:
    md = client.get("/positions/position:test-account-manager/job-description.md?lang=en")
    assert md.status_code == 200
    assert md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert md.text.startswith("**APPROVED**\\\nGeneral director\\\n")
    html = client.get("/positions/test-account-manager/job-description.html")
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="ru">' in html.text and "Должностные обязанности" in html.text


def test_job_description_docx_download(client: TestClient) -> None:
    response = client.get("/positions/test-account-manager/job-description.docx?lang=en")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="test-account-manager-en.docx"' in response.headers["content-disposition"]
    paragraphs = [p.text for p in open_docx(BytesIO(response.content)).paragraphs]
    assert "2. Duties" in paragraphs


def test_vacancy_json_ld(client: TestClient) -> None:
    response = client.get("/vacancies/test-posting-1.jsonld")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    posting = json.loads(response.text)
    assert posting["@type"] == "JobPosting"
    assert posting["baseSalary"]["value"]["minValue"] == 40000
    assert posting["title"] == "Вакансия: менеджер по работе с клиентами"
    english = json.loads(client.get("/vacancies/test-posting-1.jsonld?lang=en").text)
    assert english["title"] == "Vacancy: account manager"


def test_pictures(client: TestClient) -> None:
    svg = client.get("/positions/position:test-account-manager/coverage.svg?lang=en")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert "Prepare commercial offers" in svg.text
    png = client.get("/org.png")
    assert png.headers["content-type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/org.svg?lang=en").status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/positions/nobody/job-description.md", 404, "unknown position 'nobody'"),
        (
            "/positions/test-acount-manager/job-description.md",
            404,
            "unknown position 'test-acount-manager' "
            "(did you mean 'position:test-account-manager'?)",
        ),
        ("/positions/test-general-director/job-description.md", 404, "has no job description"),
        ("/positions/test-account-manager/job-description.pdf", 404, "no format 'pdf'"),
        (
            "/positions/test-account-manager/job-description.md?lang=de",
            400,
            "unknown language 'de'",
        ),
        ("/vacancies/nothing.jsonld", 404, "unknown vacancy 'nothing'"),
        ("/vacancies/test-posting-1.jsonld?lang=de", 400, "unknown language 'de'"),
        (
            "/vacancies/position:test-account-manager.jsonld",
            404,
            "unknown vacancy 'position:test-account-manager'",
        ),
        (
            "/positions/duty:test-negotiate/coverage.png",
            404,
            "unknown position 'duty:test-negotiate'",
        ),
        ("/org.gif", 404, "no format 'gif'"),
    ],
)
def test_bad_requests_get_a_clear_plain_text_answer(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")
    assert message in response.text


def test_the_model_can_be_given_directly() -> None:
    app = Starlette(routes=routes)
    app.state.read_model = fixture_model()
    response = TestClient(app).get("/positions/test-account-manager/job-description.md")
    assert response.status_code == 200
    assert response.text.startswith("**УТВЕРЖДАЮ**")


def test_answers_are_cached_per_model_and_dropped_when_the_model_changes() -> None:
    cache = RenderCache(size=2)
    model, other = fixture_model(), replace(fixture_model())
    made: list[str] = []

    def make(text: str) -> Callable[[], str]:
        def render() -> str:
            made.append(text)
            return text

        return render

    assert cache.get(model, ("a",), make("a1")) == "a1"
    assert cache.get(model, ("a",), make("a2")) == "a1"  # kept
    cache.get(model, ("b",), make("b1"))
    cache.get(model, ("c",), make("c1"))  # size 2: "a" is dropped
    assert cache.get(model, ("a",), make("a3")) == "a3"
    assert cache.get(other, ("a",), make("a4")) == "a4"  # another model: nothing kept
    assert made == ["a1", "b1", "c1", "a3", "a4"]


def test_a_feature_whose_extra_is_missing_answers_501_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an install without the extras: the writers' libraries cannot be imported
    for library in ("matplotlib", "docx"):
        monkeypatch.setitem(sys.modules, library, None)
    for writer in ("pictures", "word"):
        monkeypatch.delitem(sys.modules, f"competency_graph.rendering.{writer}", raising=False)
    app = Starlette(routes=routes)
    app.state.read_model = replace(fixture_model())  # a model no answer is cached for
    client = TestClient(app)
    picture = client.get("/positions/test-account-manager/coverage.svg")
    assert (picture.status_code, picture.text) == (
        501,
        "pictures need the 'pictures' extra: pip install 'competency-graph[pictures]'",
    )
    assert client.get("/org.png").status_code == 501
    word = client.get("/positions/test-account-manager/job-description.docx")
    assert (word.status_code, word.text) == (
        501,
        "DOCX documents need the 'docx' extra: pip install 'competency-graph[docx]'",
    )
    assert client.get("/positions/test-account-manager/job-description.md").status_code == 200


def test_where_anonymous_requests_are_refused_documents_need_a_token_too() -> None:
    tokens = Tokens({digest("reader-token"): Principal("the-reader", "reader")}, "none")
    app = Starlette(routes=routes)
    app.state.read_model = fixture_model
    app.state.principal_of = lambda request: tokens.principal(request.headers.get("authorization"))
    client = TestClient(app)
    url = "/positions/test-account-manager/job-description.md"
    refused = client.get(url)
    assert (refused.status_code, refused.text) == (
        401,
        "this server needs a token: Authorization: Bearer <token>",
    )
    assert refused.headers["www-authenticate"] == "Bearer"
    assert client.get(url, headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.get(url, headers={"authorization": "Bearer reader-token"}).status_code == 200
