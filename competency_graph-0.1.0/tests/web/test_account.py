"""Signing in and out, CSRF refusals, and the language switch, through the served pages."""

from __future__ import annotations

import pytest

from competency_graph.web.account import safe_next

from .support import TOKENS, csrf_of, sign_in, text_of, tokens, web_client


def test_signing_in_shows_the_name_and_role_and_goes_back_to_next() -> None:
    with web_client(tokens=tokens()) as client:
        page = client.get("/sign-in?next=/%3Fq%3Dx")
        assert page.status_code == 200
        assert '<input type="hidden" name="next" value="/?q=x">' in page.text
        response = client.post(
            "/sign-in",
            data={"csrf": csrf_of(page.text), "token": TOKENS["editor"], "next": "/?q=x"},
            follow_redirects=False,
        )
        assert (response.status_code, response.headers["location"]) == (303, "/?q=x")
        home = client.get("/")
        words = text_of(home.text)
        assert "Signed in as anna.hr (editor)" in words
        assert "Signed in as anna.hr (editor). " in words  # the message, shown once
        assert "Signed in as anna.hr (editor). " not in text_of(client.get("/").text)


def test_signing_in_in_russian_names_the_role_in_russian() -> None:
    with web_client("ru", tokens=tokens()) as client:
        sign_in(client, "approver")
        words = text_of(client.get("/").text)
        assert "Вы вошли как ivan.head (утверждающий)" in words


def test_a_wrong_token_is_refused_on_the_form() -> None:
    with web_client(tokens=tokens()) as client:
        page = client.get("/sign-in")
        response = client.post(
            "/sign-in",
            data={"csrf": csrf_of(page.text), "token": "nope", "next": "/"},
            headers={"accept-language": "en"},
        )
        assert response.status_code == 403
        assert "Token refused: unknown or revoked token." in text_of(response.text)
        assert 'aria-invalid="true"' in response.text
        assert "Not signed in: reading only" in text_of(client.get("/").text)


def test_an_empty_token_asks_for_one() -> None:
    with web_client("ru", tokens=tokens()) as client:
        page = client.get("/sign-in")
        response = client.post("/sign-in", data={"csrf": csrf_of(page.text), "token": " "})
        assert response.status_code == 403
        assert "Введите токен." in text_of(response.text)


def test_signing_out_forgets_the_sign_in() -> None:
    with web_client(tokens=tokens()) as client:
        sign_in(client, "editor")
        home = client.get("/")
        response = client.post(
            "/sign-out", data={"csrf": csrf_of(home.text)}, follow_redirects=False
        )
        assert (response.status_code, response.headers["location"]) == (303, "/")
        words = text_of(client.get("/").text)
        assert "Signed out." in words
        assert "Not signed in: reading only" in words


@pytest.mark.parametrize("csrf", [None, "forged"])
def test_a_post_without_the_sessions_csrf_token_is_refused(csrf: str | None) -> None:
    with web_client(tokens=tokens()) as client:
        client.get("/sign-in")
        data = {"token": TOKENS["admin"], **({"csrf": csrf} if csrf else {})}
        response = client.post("/sign-in", data=data)
        assert response.status_code == 403
        assert "no valid CSRF token" in text_of(response.text)
        assert "Not signed in: reading only" in text_of(client.get("/").text)


def test_the_csrf_header_is_accepted_as_htmx_sends_it() -> None:
    with web_client(tokens=tokens()) as client:
        sign_in(client, "editor")
        csrf = csrf_of(client.get("/").text)
        response = client.post("/sign-out", headers={"X-CSRF-Token": csrf}, follow_redirects=False)
        assert response.status_code == 303


def test_the_sign_in_page_without_tokens_says_none_is_needed() -> None:
    with web_client() as client:
        words = text_of(client.get("/sign-in").text)
        assert "everyone may do everything, no sign-in is needed" in words
        assert "No sign-in needed: this server is open to everyone" in words


def test_the_language_switch_is_remembered() -> None:
    with web_client("ru") as client:
        response = client.get("/lang/en?next=/sign-in", follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, "/sign-in")
        assert "httponly" in response.headers["set-cookie"].lower()
        page = client.get("/sign-in")
        assert '<html lang="en">' in page.text
        assert "<title>Sign in · Positions and competencies</title>" in page.text
        client.get("/lang/ru?next=/")
        assert '<html lang="ru">' in client.get("/").text


def test_an_unknown_language_is_a_400_page() -> None:
    with web_client() as client:
        response = client.get("/lang/de")
        assert response.status_code == 400
        assert "unknown language 'de' (expected one of: ru, en)" in text_of(response.text)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/positions/x?lang=en", "/positions/x?lang=en"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_next_stays_on_this_site(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected
