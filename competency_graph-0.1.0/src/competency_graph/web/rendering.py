"""Jinja2 templates to HTML responses, with what every page needs in its context.

:func:`render` gives a template, besides its own ``context``: ``lang``; ``t`` (the
catalogue text of a key in that language, :func:`competency_graph.web.i18n.t`);
``principal`` (who is signed in; None where nobody is and a sign-in is needed);
``sign_in_available`` (the server has tokens); ``can_write`` (``serve --edits``);
``csrf`` (the session's token, for every form: ``<input type="hidden" name="csrf">``);
``flashes`` (the messages waiting, now shown) and ``here`` (the path and query, for the
language switch to come back to). Templates are autoescaped and strict: an undefined name
is an error in the tests, not an empty string on a page.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from competency_graph.web.i18n import language, t


@functools.cache
def environment() -> jinja2.Environment:
    """The templates of ``web/templates`` (read once: the package does not change)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("competency_graph.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def page_context(request: Request) -> dict[str, Any]:
    """What every template gets from the request (see the module's docstring)."""
    lang = language(request)
    session = getattr(request.state, "session", None)
    site = getattr(request.state, "site", None)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return {
        "lang": lang,
        "t": functools.partial(_t, lang),
        "principal": getattr(request.state, "principal", None),
        "sign_in_available": site is not None and site.access is not None,
        "can_write": site is not None and site.can_write,
        "documents": site is not None and site.settings.documents,
        "csrf": session.csrf if session is not None else "",
        "flashes": session.take_flashes() if session is not None else [],
        "here": here,
    }


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """``template`` rendered for ``request`` with ``context`` (and the page context)."""
    html = environment().get_template(template).render(**page_context(request), **context)
    return HTMLResponse(html, status_code=status_code)


def _t(lang: str, key: str, **fields: object) -> str:
    return t(key, lang, **fields)
