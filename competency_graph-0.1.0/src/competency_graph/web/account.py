"""The visitor's own pages: sign in (``/sign-in``), sign out (``/sign-out``), and the
language switch (``/lang/{ru|en}?next=...``, remembered in a cookie for a year)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from competency_graph.api.principals import Unauthenticated
from competency_graph.errors import InputError
from competency_graph.rendering.phrases import LANGUAGES
from competency_graph.web.i18n import LANG_COOKIE, language, t
from competency_graph.web.rendering import render
from competency_graph.web.session import current_session
from competency_graph.web.site import Site, site_of

#: how long the language choice is remembered (seconds)
LANG_MAX_AGE = 365 * 24 * 3600


def safe_next(target: str | None) -> str:
    """``target`` when it is a path of this site, else ``/``: a link cannot send a visitor
    to another site through a redirect of ours."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


async def sign_in_form(request: Request) -> Response:
    """``GET /sign-in``: the token form (or a note that this server needs none)."""
    lang = language(request)
    return render(
        request,
        "sign_in.html",
        title=t("sign_in_title", lang),
        next=safe_next(request.query_params.get("next")),
        error=None,
    )


async def sign_in(request: Request) -> Response:
    """``POST /sign-in``: check the token; on success back to ``next`` signed in."""
    site = site_of(request)
    lang = language(request)
    form = await request.form()
    token, target = form.get("token"), form.get("next")
    target = safe_next(target if isinstance(target, str) else None)
    session = current_session(request)
    error = None
    if not isinstance(token, str) or not token.strip():
        error = t("token_missing", lang)
    else:
        try:
            principal = site.sessions.sign_in(session, token)
        except Unauthenticated as refused:
            error = t("token_refused", lang, reason=refused.text(lang))
    if error is not None:
        return render(
            request,
            "sign_in.html",
            status_code=403,
            title=t("sign_in_title", lang),
            next=target,
            error=error,
        )
    request.state.principal = principal
    session.flash(
        "info", t("signed_in", lang, name=principal.name, role=t(f"role_{principal.role}", lang))
    )
    return RedirectResponse(target, status_code=303)


async def sign_out(request: Request) -> Response:
    """``POST /sign-out``: forget the sign-in; back to the home page."""
    session = current_session(request)
    site_of(request).sessions.sign_out(session)
    session.flash("info", t("signed_out", language(request)))
    return RedirectResponse("/", status_code=303)


async def choose_language(request: Request) -> Response:
    """``GET /lang/{ru|en}?next=``: remember the language; back to ``next``."""
    chosen = request.path_params["lang"]
    if chosen not in LANGUAGES:
        raise InputError(f"unknown language {chosen!r} (expected one of: {', '.join(LANGUAGES)})")
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.set_cookie(
        LANG_COOKIE,
        chosen,
        max_age=LANG_MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.scope.get("scheme") == "https",
    )
    return response


def routes(site: Site) -> list[BaseRoute]:
    """The sign-in, sign-out and language routes (open to everyone: they are how one gets
    in)."""
    return [
        Route("/sign-in", site.page(sign_in_form, role=None), methods=["GET"]),
        Route("/sign-in", site.page(sign_in, role=None), methods=["POST"]),
        Route("/sign-out", site.page(sign_out, role=None), methods=["POST"]),
        Route("/lang/{lang}", site.page(choose_language, role=None), methods=["GET"]),
    ]
