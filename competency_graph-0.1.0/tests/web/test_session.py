"""The session cookie: signed, expiring, honoured while its token is; CSRF tokens."""

from __future__ import annotations

import time

from starlette.requests import Request
from starlette.responses import Response

from competency_graph.api.principals import ANONYMOUS, OPEN, Principal, Unauthenticated
from competency_graph.server.access import Tokens
from competency_graph.web.session import SESSION_COOKIE, Session, Sessions

from .support import TOKENS, tokens

SECRET = b"s" * 32


def _request(cookie: str | None = None, scheme: str = "https") -> Request:
    headers = [(b"cookie", f"{SESSION_COOKIE}={cookie}".encode())] if cookie else []
    return Request(
        {"type": "http", "method": "GET", "path": "/", "headers": headers, "scheme": scheme}
    )


def _cookie_of(sessions: Sessions, session: Session, scheme: str = "https") -> str:
    response = Response()
    sessions.store(session, _request(scheme=scheme), response)
    return response.headers["set-cookie"]


def _value(set_cookie: str) -> str:
    return set_cookie.split(";", 1)[0].split("=", 1)[1].strip('"')


def test_a_signed_in_session_comes_back_from_its_cookie() -> None:
    sessions = Sessions(SECRET, tokens())
    session = sessions.new()
    sessions.sign_in(session, TOKENS["editor"])
    again = sessions.load(_request(_value(_cookie_of(sessions, session))))
    assert (again.name, again.role, again.csrf) == ("anna.hr", "editor", session.csrf)
    assert sessions.principal(again) == Principal("anna.hr", "editor")


def test_the_cookie_is_httponly_samesite_lax_and_secure_over_https() -> None:
    sessions = Sessions(SECRET, tokens())
    attributes = _cookie_of(sessions, sessions.new()).lower()
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "secure" in attributes
    assert "path=/" in attributes
    assert "secure" not in _cookie_of(sessions, sessions.new(), scheme="http").lower()


def test_the_cookie_holds_no_token() -> None:
    sessions = Sessions(SECRET, tokens())
    session = sessions.new()
    sessions.sign_in(session, TOKENS["admin"])
    assert TOKENS["admin"] not in _cookie_of(sessions, session)


def test_a_forged_or_foreign_cookie_is_a_fresh_anonymous_session() -> None:
    sessions = Sessions(SECRET, tokens())
    session = sessions.new()
    sessions.sign_in(session, TOKENS["admin"])
    value = _value(_cookie_of(sessions, session))
    payload, _, signature = value.partition(".")
    for forged in (f"{payload}.{signature[:-2]}AA", "garbage", ".", f"{payload}."):
        loaded = sessions.load(_request(forged))
        assert (loaded.name, loaded.changed) == (None, True)
    other_server = Sessions(b"o" * 32, tokens())
    assert other_server.load(_request(value)).name is None


def test_an_expired_session_is_a_fresh_one() -> None:
    sessions = Sessions(SECRET, tokens(), max_age=60)
    session = sessions.new()
    sessions.sign_in(session, TOKENS["editor"])
    session.issued = int(time.time()) - 61
    assert sessions.load(_request(_value(_cookie_of(sessions, session)))).name is None


def test_a_session_whose_token_was_revoked_is_anonymous() -> None:
    session = Session(csrf="c", issued=int(time.time()), name="anna.hr", role="editor")
    assert Sessions(SECRET, tokens()).principal(session) == Principal("anna.hr", "editor")
    without_anna = Tokens({}, "read")
    assert Sessions(SECRET, without_anna).principal(session) == ANONYMOUS
    assert Sessions(SECRET, Tokens({}, "none")).principal(session) is None


def test_without_tokens_everyone_is_open() -> None:
    assert Sessions(SECRET, None).principal(Sessions(SECRET, None).new()) == OPEN


def test_a_wrong_or_empty_token_is_refused_and_changes_nothing() -> None:
    sessions = Sessions(SECRET, tokens())
    session = sessions.new()
    for token in ("wrong", "  "):
        try:
            sessions.sign_in(session, token)
        except Unauthenticated as refused:
            assert refused.message in ("unknown or revoked token", "no token given")
        else:
            raise AssertionError("accepted")
    assert session.name is None


def test_signing_in_and_out_draw_a_new_csrf_token() -> None:
    sessions = Sessions(SECRET, tokens())
    session = sessions.new()
    first = session.csrf
    sessions.sign_in(session, TOKENS["reader"])
    second = session.csrf
    sessions.sign_out(session)
    assert len({first, second, session.csrf}) == 3
    assert (session.name, session.role) == (None, None)


def test_csrf_ok_only_for_the_sessions_token() -> None:
    session = Session(csrf="abc", issued=0)
    assert Sessions.csrf_ok(session, "abc")
    assert not Sessions.csrf_ok(session, "abd")
    assert not Sessions.csrf_ok(session, None)


def test_flashes_are_shown_once() -> None:
    session = Session(csrf="abc", issued=0)
    session.flash("info", "saved")
    assert session.take_flashes() == [("info", "saved")]
    assert session.take_flashes() == []


def _with(cookie: str | None = None, authorization: str | None = None) -> Request:
    headers = []
    if cookie is not None:
        headers.append((b"cookie", f"{SESSION_COOKIE}={cookie}".encode()))
    if authorization is not None:
        headers.append((b"authorization", authorization.encode()))
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers})


def test_a_request_outside_the_pages_is_its_tokens_then_its_sessions_then_anonymous() -> None:
    sessions = Sessions(SECRET, tokens("none"))
    session = sessions.new()
    sessions.sign_in(session, TOKENS["reader"])
    cookie = _value(_cookie_of(sessions, session))
    editor = f"Bearer {TOKENS['editor']}"
    assert sessions.request_principal(_with(cookie)) == Principal("rita.reader", "reader")
    assert sessions.request_principal(_with(cookie, editor)) == Principal("anna.hr", "editor")
    for refused in (_with(), _with("forged.cookie"), _with(authorization="Bearer wrong")):
        try:
            sessions.request_principal(refused)
        except Unauthenticated:
            continue
        raise AssertionError("let in")
    assert Sessions(SECRET, tokens("read")).request_principal(_with()) == ANONYMOUS
    assert Sessions(SECRET, None).request_principal(_with()) == OPEN
