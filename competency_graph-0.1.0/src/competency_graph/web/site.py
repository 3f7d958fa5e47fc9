"""What every page shares: the served graph, the settings, sign-in, and one error handling.

A page is an ``async def page(request) -> Response``; :meth:`Site.page` wraps it into a
Starlette endpoint that, before the page runs, loads the visitor's session and principal
(``request.state``), refuses a POST without the session's CSRF token (403) and a visitor the
page's role does not admit (a redirect to sign in, or a 403 page); and after it, turns bad
input into a page that says what was wrong (an unknown id: a 404 naming it, with close ids
to follow; other bad input: 400), a bug into a logged 500 page with a request id, and sends
the session cookie when it changed. Never a traceback, never a 500 for bad input.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from competency_graph.api.context import AuditService, CheckService, EditService
from competency_graph.api.principals import Forbidden
from competency_graph.errors import InputError, UnknownIdError
from competency_graph.model.ids import expand
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import compact_id
from competency_graph.web.i18n import CATALOGUES, language, t
from competency_graph.web.rendering import render
from competency_graph.web.session import (
    CSRF_FIELD,
    CSRF_HEADER,
    DEFAULT_MAX_AGE,
    Refused,
    Sessions,
    TokenAccess,
    require,
)

log = logging.getLogger("competency_graph.web")

Page = Callable[[Request], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]
#: a form bigger than this is refused (413) before it is read: job descriptions are small
MAX_FORM_BYTES: Final = 1_000_000


class ServedSnapshot(CheckService, Protocol):
    """One loaded graph: its read model, and the checks over it."""

    model: ReadModel


class ServedGraph(Protocol):
    """The graph a server serves (:class:`competency_graph.server.state.GraphState`)."""

    @property
    def snapshot(self) -> ServedSnapshot:  # pragma: no cover - protocol
        """The graph of now; a request keeps the one it took first, even mid-reload."""
        ...


@dataclass(frozen=True)
class WebSettings:
    """Options of the pages.

    ``plain_index`` is what ``/`` answers a client that does not ask for HTML (scripts,
    curl); ``documents`` says the document routes are mounted (so the pages link the
    downloads); ``secret`` signs the session cookie (random per process unless given);
    ``session_max_age`` is how long a sign-in lasts, in seconds.
    """

    plain_index: str = "competency-graph"
    documents: bool = True
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    session_max_age: int = DEFAULT_MAX_AGE


class Site:
    """The pages' shared state: the served graph, settings, the optional services."""

    def __init__(
        self,
        state: ServedGraph,
        settings: WebSettings,
        editor: EditService | None = None,
        audit: AuditService | None = None,
        access: TokenAccess | None = None,
    ) -> None:
        self.state = state
        self.settings = settings
        self.editor = editor
        self.audit = audit
        self.access = access
        self.sessions = Sessions(settings.secret, access, settings.session_max_age)

    @property
    def can_write(self) -> bool:
        """True when the server writes job descriptions (``serve --edits DIR``)."""
        return self.editor is not None

    def page(self, page: Page, role: str | None = "reader") -> Endpoint:
        """The endpoint serving ``page`` to visitors of ``role`` or above (None: everyone,
        also where the server needs a sign-in: the sign-in page itself)."""

        async def endpoint(request: Request) -> Response:
            request.state.site = self
            session = self.sessions.load(request)
            request.state.session = session
            request.state.principal = self.sessions.principal(session)
            response = await self._answer(request, page, role)
            self.sessions.store(session, request, response)
            return response

        return endpoint

    async def _answer(self, request: Request, page: Page, role: str | None) -> Response:
        lang = language(request)
        try:
            if request.method == "POST":
                refusal = await self._refuse_post(request, lang)
                if refusal is not None:
                    return refusal
            if role is not None:
                require(request, role)
            return await page(request)
        except Refused as refused:
            return self._refused(request, refused, lang)
        except Forbidden as forbidden:
            return self.error(request, 403, t("forbidden_title", lang), forbidden.text(lang))
        except UnknownIdError as unknown:
            return not_found(request, unknown)
        except InputError as bad:
            return self.error(request, 400, t("bad_request_title", lang), bad.text(lang))
        except Exception:  # a bug: logged with an id; the visitor learns nothing internal
            request_id = uuid.uuid4().hex
            log.exception(
                "unhandled error serving %s %s (request id %s)",
                request.method,
                request.url.path,
                request_id,
            )
            message = t("server_error", lang, id=request_id)
            return self.error(request, 500, t("server_error_title", lang), message)

    async def _refuse_post(self, request: Request, lang: str) -> Response | None:
        """A 403 for a POST without the session's CSRF token, a 413 for a huge form."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
            return PlainTextResponse(f"a form of at most {MAX_FORM_BYTES} bytes", 413)
        submitted = request.headers.get(CSRF_HEADER)
        if submitted is None:
            form = await request.form()
            value = form.get(CSRF_FIELD)
            submitted = value if isinstance(value, str) else None
        if not self.sessions.csrf_ok(request.state.session, submitted):
            return self.error(request, 403, t("forbidden_title", lang), t("csrf_refused", lang))
        return None

    def _refused(self, request: Request, refused: Refused, lang: str) -> Response:
        """Sign in first (where nobody is signed in and a token would help), else a 403."""
        principal = refused.principal
        if principal is None or (self.access is not None and principal.name == "anonymous"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/sign-in?next={_quote(target)}", status_code=303)
        message = t(
            "forbidden",
            lang,
            role=t(f"role_{refused.role}", lang),
            have=t(f"role_{principal.role}", lang),
        )
        return self.error(request, 403, t("forbidden_title", lang), message)

    def error(self, request: Request, status: int, title: str, message: str) -> Response:
        """A page saying what went wrong, with ``status``."""
        return render(request, "error.html", status_code=status, title=title, message=message)


#: the kinds that have a page, and the first segment of its path
PAGES: Final[dict[str, str]] = {"position": "positions", "skill": "skills"}


def entity_url(kind: str, iri: str) -> str | None:
    """The path of the page of the ``kind`` entity ``iri`` (None: that kind has no page).

    An entity of ours is named by its slug (``/positions/key-account-manager``); another
    one (ESCO's) by its whole IRI, which the id resolver takes as it is
    (``/skills/http://data.europa.eu/esco/skill/…``).
    """
    segment = PAGES.get(kind)
    if segment is None:
        return None
    compact = compact_id(iri)
    name = compact.partition(":")[2] if compact != iri else quote(iri, safe=":/")
    return f"/{segment}/{name}"


def not_found(
    request: Request, unknown: UnknownIdError, close: Sequence[tuple[str | None, str]] = ()
) -> Response:
    """The 404 page of an id that names nothing: which id, of what kind, and close ones
    (the id resolver's suggestion, then ``close``: ``(url, label)`` pairs a page found)."""
    lang = language(request)
    kind_key = f"kind_{unknown.kind}"
    kind = t(kind_key, lang) if kind_key in CATALOGUES[lang] else unknown.kind
    suggestions: list[tuple[str | None, str]] = []
    if unknown.suggestion:
        suggestions.append(_suggested(request, unknown.kind, unknown.suggestion, lang))
    seen = {url for url, _ in suggestions}
    suggestions.extend(pair for pair in close if pair[0] is None or pair[0] not in seen)
    return render(
        request,
        "not_found.html",
        status_code=404,
        title=t("not_found_title", lang),
        message=t("not_found", lang, kind=kind, id=unknown.identifier),
        suggestions=suggestions,
    )


def _suggested(request: Request, kind: str, suggestion: str, lang: str) -> tuple[str | None, str]:
    """The link and words for the resolver's suggestion: ``Label (id)``."""
    site: Site | None = getattr(request.state, "site", None)
    iri = expand(suggestion, kind)
    if site is None or iri is None:
        return None, suggestion
    label = site.state.snapshot.model.label(iri, lang)
    return entity_url(kind, iri), f"{label} ({suggestion})"


def _quote(target: str) -> str:
    return quote(target, safe="/")


def site_of(request: Request) -> Site:
    """The site serving a page's request."""
    site: Site = request.state.site
    return site
