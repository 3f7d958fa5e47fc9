"""The web pages for people: search, positions, skills, the skill gap, sign-in (and, from
the authoring modules, the editor and the approval steps), server-rendered in Russian and
English.

The package sits between :mod:`competency_graph.api` and :mod:`competency_graph.server`: it
reads through the served read model and writes only through the API. The server mounts
:func:`routes`; each module of pages contributes its own ``routes(site)``, listed in
:data:`PAGE_MODULES`.

A module of pages, in short::

    async def edit_form(request: Request) -> Response:      # a page: request -> response
        site = site_of(request)                             # state, editor, audit, access
        principal = require(request, "editor")              # or Site.page(..., role=...)
        current_session(request).flash("info", t("saved", language(request)))
        return render(request, "edit.html", title=..., ...) # lang, t, csrf... added

    def routes(site: Site) -> list[BaseRoute]:
        return [Route("/positions/{id}/edit", site.page(edit_form, role="editor"))]

:meth:`Site.page` does the CSRF check of every POST (a form sends the hidden field ``csrf``,
htmx the header), the role, and the error pages; templates extend ``base.html`` and fill
``{% block content %}`` with one ``<h1>``; every text comes from :mod:`.i18n` in both
languages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from starlette.requests import Request
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from competency_graph.api.context import AuditService, EditService
from competency_graph.api.principals import Principal
from competency_graph.web import account, authoring, browse, history
from competency_graph.web.session import Sessions, TokenAccess
from competency_graph.web.site import ServedGraph, Site, WebSettings

__all__ = ["PAGE_MODULES", "STATIC_DIR", "WebSettings", "request_principal", "routes"]

STATIC_DIR = Path(__file__).parent / "static"

#: the modules of pages, each with ``routes(site) -> list[BaseRoute]``; browse comes last:
#: its ``/positions/{id:path}`` takes a whole IRI and would shadow ``/positions/{id}/edit``
PAGE_MODULES: list[ModuleType] = [
    account,
    authoring,
    history,
    browse,
]


def request_principal(settings: WebSettings, access: TokenAccess) -> Callable[[Request], Principal]:
    """Who sent a request to a route outside the pages: its bearer token's holder, else the
    person signed in to its session (so a signed-in browser downloads documents where
    anonymous requests are refused), else the anonymous reader (raises
    :class:`~competency_graph.api.principals.Unauthenticated` where that is refused)."""
    return Sessions(settings.secret, access, settings.session_max_age).request_principal


def routes(
    state: ServedGraph,
    settings: WebSettings | None = None,
    editor: EditService | None = None,
    audit: AuditService | None = None,
    access: TokenAccess | None = None,
) -> list[BaseRoute]:
    """The routes of every page and of ``/static``, serving ``state``; ``editor`` (``serve
    --edits``) enables writing, ``audit`` the audit trail, ``access`` (``serve --tokens``)
    sign-in. ``/`` answers browsers with the home page and other clients with
    ``settings.plain_index``."""
    site = Site(state, settings or WebSettings(), editor, audit, access)
    pages: list[BaseRoute] = [Mount("/static", StaticFiles(directory=STATIC_DIR), name="static")]
    for module in PAGE_MODULES:
        pages.extend(module.routes(site))
    pages.append(browse.unknown_path(site))  # last: every path no page took
    return pages
