"""The read pages: home and search (``/``), a position, a skill, the skill gap."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from competency_graph.web.i18n import language, t
from competency_graph.web.rendering import render
from competency_graph.web.site import Site, site_of


def wants_page(request: Request) -> bool:
    """True for a browser (it asks for ``text/html``); scripts and curl get plain text."""
    return "text/html" in request.headers.get("accept", "")


async def home(request: Request) -> Response:
    """``/``: the search page for browsers; the plain-text index for other clients."""
    if not wants_page(request):
        return PlainTextResponse(site_of(request).settings.plain_index + "\n")
    lang = language(request)
    query = request.query_params.get("q", "")
    return render(request, "home.html", title=t("home_title", lang), query=query)


def routes(site: Site) -> list[BaseRoute]:
    """The read pages' routes."""
    return [Route("/", site.page(home), methods=["GET", "HEAD"])]
