"""Sign-in with a bearer token, a signed session cookie, and CSRF protection of every POST.

A visitor signs in by pasting a token of ``serve --tokens FILE``; the token is checked as
the API checks a bearer token (:class:`TokenAccess`, which
:class:`competency_graph.server.access.Tokens` is) and then forgotten: the session keeps the
token's name and role, never the token. The session lives in one cookie, signed with
HMAC-SHA256 under the server's secret (a random one per process unless given, so a restart
signs everyone out), ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over https, and it expires
after ``max_age`` seconds. A session is honoured only while the tokens file still has a token
of that name and role, so a revoked token ends its sessions at the server's next start.

Every visitor's session (signed in or not) holds a random CSRF token; every POST must send it
back, as the form field ``csrf`` or the header ``X-CSRF-Token`` (htmx sends the header, see
``base.html``), else it is refused before anything happens. Signing in and out draw a new
one. Short messages for the next page (``flash``) ride in the session too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from starlette.requests import Request
from starlette.responses import Response

from competency_graph.api.principals import ANONYMOUS, OPEN, ROLES, Principal, Unauthenticated

SESSION_COOKIE: Final = "cg_session"
CSRF_FIELD: Final = "csrf"
CSRF_HEADER: Final = "X-CSRF-Token"
#: how long a sign-in lasts (a working day and a half)
DEFAULT_MAX_AGE: Final = 12 * 3600


class TokenAccess(Protocol):
    """The accepted tokens: :class:`competency_graph.server.access.Tokens` is one."""

    @property
    def anonymous(self) -> str:  # pragma: no cover - protocol
        """``read`` (a visitor without a token reads) or ``none`` (everyone signs in)."""
        ...

    @property
    def by_digest(self) -> Mapping[str, Principal]:  # pragma: no cover
        """Who each accepted token is."""
        ...

    def principal(self, authorization: str | None) -> Principal:  # pragma: no cover
        """Who a ``Bearer <token>`` header names (raises :class:`Unauthenticated`)."""
        ...


@dataclass
class Session:
    """One visitor's session: their CSRF token, who signed in (if anyone), and messages for
    the next page. ``changed`` says the cookie must be sent again."""

    csrf: str
    issued: int
    name: str | None = None
    role: str | None = None
    flashes: list[tuple[str, str]] = field(default_factory=list)
    changed: bool = False

    def flash(self, kind: str, text: str) -> None:
        """Show ``text`` on the next page rendered (``kind``: ``info`` or ``error``)."""
        self.flashes.append((kind, text))
        self.changed = True

    def take_flashes(self) -> list[tuple[str, str]]:
        """The messages waiting, now shown (so removed from the session)."""
        taken, self.flashes = self.flashes, []
        if taken:
            self.changed = True
        return taken


class Refused(Exception):
    """A page the visitor's role does not allow; ``principal`` None: nobody signed in where
    the server needs a sign-in."""

    def __init__(self, role: str, principal: Principal | None) -> None:
        super().__init__(role)
        self.role = role
        self.principal = principal


class Sessions:
    """Reading, signing and writing the session cookie of one server."""

    def __init__(
        self, secret: bytes, access: TokenAccess | None, max_age: int = DEFAULT_MAX_AGE
    ) -> None:
        self.secret = secret
        self.access = access
        self.max_age = max_age

    def new(self) -> Session:
        """A fresh anonymous session (to be sent)."""
        return Session(csrf=secrets.token_urlsafe(24), issued=int(time.time()), changed=True)

    def load(self, request: Request) -> Session:
        """The request's session, or a fresh one when it has none, a forged or an expired
        one."""
        cookie = request.cookies.get(SESSION_COOKIE)
        data = self._verified(cookie) if cookie else None
        if data is None:
            return self.new()
        try:
            session = Session(
                csrf=str(data["c"]),
                issued=int(data["i"]),
                name=data.get("n"),
                role=data.get("r"),
                flashes=[(str(k), str(v)) for k, v in data.get("f", [])],
            )
        except (KeyError, TypeError, ValueError):
            return self.new()
        if session.issued + self.max_age < time.time():
            return self.new()
        return session

    def store(self, session: Session, request: Request, response: Response) -> None:
        """Send the session cookie with ``response`` when the session changed."""
        if not session.changed:
            return
        data: dict[str, object] = {"c": session.csrf, "i": session.issued}
        if session.name is not None:
            data.update(n=session.name, r=session.role)
        if session.flashes:
            data["f"] = session.flashes
        response.set_cookie(
            SESSION_COOKIE,
            self._signed(data),
            max_age=self.max_age,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.scope.get("scheme") == "https",
        )

    def principal(self, session: Session) -> Principal | None:
        """Who the session is: the signed-in token's name and role while that token is still
        accepted, else the anonymous reader (None where the server lets nobody in without a
        token); everyone may do everything on a server without tokens."""
        if self.access is None:
            return OPEN
        if session.name is not None and session.role in ROLES:
            signed = Principal(session.name, session.role)
            if signed in self.access.by_digest.values():
                return signed
        return ANONYMOUS if self.access.anonymous == "read" else None

    def request_principal(self, request: Request) -> Principal:
        """Who sent ``request`` to a route outside the pages (the document downloads): the
        holder of its bearer token, else whoever signed in to its session, else the
        anonymous reader; raises :class:`Unauthenticated` where the tokens refuse it."""
        if self.access is None:
            return OPEN
        authorization = request.headers.get("authorization")
        if authorization is None:
            cookie = request.cookies.get(SESSION_COOKIE)
            data = self._verified(cookie) if cookie else None
            if data is not None and int(data.get("i", 0)) + self.max_age >= time.time():
                session = Session(csrf="", issued=0, name=data.get("n"), role=data.get("r"))
                signed = self.principal(session)
                if signed is not None and signed != ANONYMOUS:
                    return signed
        return self.access.principal(authorization)

    def sign_in(self, session: Session, token: str) -> Principal:
        """Check ``token`` (raises :class:`Unauthenticated`) and make the session its
        holder's, with a new CSRF token."""
        if self.access is None:
            return OPEN
        if not token.strip():
            raise Unauthenticated("no token given")
        principal = self.access.principal(f"Bearer {token.strip()}")
        if principal == ANONYMOUS:  # cannot happen for a non-empty token; be sure anyway
            raise Unauthenticated("unknown or revoked token")
        session.name, session.role = principal.name, principal.role
        session.csrf = secrets.token_urlsafe(24)
        session.issued = int(time.time())
        session.changed = True
        return principal

    def sign_out(self, session: Session) -> None:
        """Forget who signed in; draw a new CSRF token."""
        session.name = session.role = None
        session.csrf = secrets.token_urlsafe(24)
        session.changed = True

    @staticmethod
    def csrf_ok(session: Session, submitted: str | None) -> bool:
        """True when ``submitted`` is the session's CSRF token (compared in constant time)."""
        return submitted is not None and hmac.compare_digest(
            submitted.encode("utf-8"), session.csrf.encode("utf-8")
        )

    def _signed(self, data: Mapping[str, object]) -> str:
        payload = _b64(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())
        return f"{payload}.{_b64(self._mac(payload))}"

    def _verified(self, cookie: str) -> dict[str, Any] | None:
        payload, _, signature = cookie.partition(".")
        try:
            good = hmac.compare_digest(_unb64(signature), self._mac(payload))
            data = json.loads(_unb64(payload)) if good else None
        except (binascii.Error, ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def _mac(self, payload: str) -> bytes:
        return hmac.new(self.secret, payload.encode("ascii", "replace"), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def current_session(request: Request) -> Session:
    """The session of a request served by a page (see :mod:`competency_graph.web.site`)."""
    session: Session = request.state.session
    return session


def current_principal(request: Request) -> Principal | None:
    """Who sent a request served by a page; None: nobody, where a sign-in is needed."""
    principal: Principal | None = request.state.principal
    return principal


def require(request: Request, role: str) -> Principal:
    """The request's principal when their role is ``role`` or stronger; else
    :class:`Refused` (the page becomes a 403, or a redirect to sign in for a visitor who
    has not)."""
    principal = current_principal(request)
    if principal is None or not principal.may(role):
        raise Refused(role, principal)
    return principal
