"""HTTP routes for documents, JSON-LD and pictures, to mount in any Starlette application.

=====================================================  ==========================================
``GET /positions/{id}/job-description.{md,html,docx}``  the job description (``?lang=ru|en``)
``GET /vacancies/{id}.jsonld``                          the vacancy as schema.org JobPosting
``GET /positions/{id}/coverage.{svg,png}``              the coverage matrix (``?lang=ru|en``)
``GET /org.{svg,png}``                                  the organisation graph (``?lang=ru|en``)
=====================================================  ==========================================

``{id}`` is any id form of :mod:`competency_graph.model.ids`: a compact id
(``position:account-manager``), its bare slug (``account-manager``), ``pos:account-manager``
or the IRI.
The routes read the model from ``request.app.state.read_model``: a
:class:`~competency_graph.model.readmodel.ReadModel`, or a function of no arguments returning the
current one (so a server that swaps its model on reload serves the new one at once). Unknown
ids and formats answer 404, a bad ``lang`` 400, both as ``text/plain``; never a 500 for bad
input. Endpoints are plain functions, so Starlette runs them in its thread pool and drawing a
picture never blocks the event loop; answers are cached per read model (:class:`RenderCache`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Final

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from competency_graph.api.principals import Unauthenticated
from competency_graph.errors import InputError, MissingExtra, UnknownIdError
from competency_graph.model.ids import require
from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering import render_job_description
from competency_graph.rendering.formats import DOCUMENT_FORMATS, PICTURE_FORMATS
from competency_graph.rendering.job_posting import MEDIA_TYPE, dump, job_posting
from competency_graph.rendering.phrases import LANGUAGES

DEFAULT_LANGUAGE: Final = "ru"

Endpoint = Callable[[Request], Response]


class NotFound(InputError):
    """A path that names nothing: a format the route does not write, or a position without a
    job description. (An unknown id is an :class:`UnknownIdError`, also a 404.)"""


def read_model(request: Request) -> ReadModel:
    """The read model the application serves (``app.state.read_model``, or its provider)."""
    found = getattr(request.app.state, "read_model", None)
    model = found() if callable(found) else found
    if not isinstance(model, ReadModel):
        raise RuntimeError("app.state.read_model is not set: give the app a ReadModel")
    return model


class RenderCache:
    """The last ``size`` rendered answers of one read model.

    Drawing a large coverage matrix takes a second or two, and the model never changes
    under a snapshot, so answers are kept until the application serves another model
    (after a reload), when the cache starts again empty.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._model: ReadModel | None = None
        self._answers: OrderedDict[tuple[str, ...], str | bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, model: ReadModel, key: tuple[str, ...], make: Callable[[], str | bytes]
    ) -> str | bytes:
        """The answer for ``key`` under ``model``, made by ``make`` when not kept."""
        with self._lock:
            if model is not self._model:
                self._model = model
                self._answers.clear()
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = make()  # outside the lock: other requests are not held up by a drawing
        with self._lock:
            if model is self._model:
                self._answers[key] = answer
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer


#: the answers of the routes below
cache = RenderCache()


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", DEFAULT_LANGUAGE)
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    return lang


def _guarded(endpoint: Endpoint) -> Endpoint:
    """Refuse a request the server's tokens refuse (401), and turn input errors into 400 (bad
    parameter), 404 (unknown id) or 501 (a feature whose extra is not installed) plain-text
    answers."""

    def guarded(request: Request) -> Response:
        # the documents are the graph's data: where anonymous requests are refused
        # (``serve --tokens`` with ``anonymous: none``), so are they without a token
        principal_of = getattr(request.app.state, "principal_of", None)
        if principal_of is not None:
            try:
                principal_of(request)
            except Unauthenticated as exc:
                headers = {"WWW-Authenticate": "Bearer"}
                return PlainTextResponse(exc.message, status_code=401, headers=headers)
        try:
            return endpoint(request)
        except MissingExtra as exc:  # this install left the feature out
            return PlainTextResponse(str(exc), status_code=501)
        except (NotFound, UnknownIdError) as exc:
            return PlainTextResponse(str(exc), status_code=404)
        except InputError as exc:
            return PlainTextResponse(str(exc), status_code=400)

    return guarded


def _known(request: Request, model: ReadModel, kind: str) -> str:
    """The IRI of the ``kind`` the path's ``{id}`` names (a bare slug is of that kind)."""
    return require(model, request.path_params["id"], kind)


def _format(request: Request, formats: dict[str, str]) -> str:
    fmt: str = request.path_params["fmt"]
    if fmt not in formats:
        raise NotFound(f"no format {fmt!r} (expected one of: {', '.join(formats)})")
    return fmt


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def job_description(request: Request) -> Response:
    """``/positions/{id}/job-description.{fmt}``: Markdown, HTML or DOCX."""
    model = read_model(request)
    fmt = _format(request, DOCUMENT_FORMATS)
    lang = _lang(request)
    iri = _known(request, model, "position")
    if model.job_description_of(iri) is None:
        raise NotFound(f"position {model.positions[iri].id!r} has no job description")
    content = cache.get(
        model,
        ("job-description", iri, fmt, lang),
        lambda: render_job_description(model, iri, fmt, lang),
    )
    slug = model.positions[iri].id.rsplit(":", 1)[-1]
    headers = _attachment(f"{slug}-{lang}.docx") if fmt == "docx" else {}
    return Response(content, media_type=DOCUMENT_FORMATS[fmt], headers=headers)


def vacancy_json_ld(request: Request) -> Response:
    """``/vacancies/{id}.jsonld?lang=``: the vacancy as a schema.org JobPosting in one
    language."""
    model = read_model(request)
    lang = _lang(request)
    iri = _known(request, model, "vacancy")
    content = cache.get(
        model, ("vacancy", iri, lang), lambda: dump(job_posting(model, iri, lang=lang))
    )
    return Response(content, media_type=MEDIA_TYPE)


def coverage(request: Request) -> Response:
    """``/positions/{id}/coverage.{fmt}``: the coverage matrix as SVG or PNG."""
    # imported on the first picture: matplotlib is the 'pictures' extra
    from competency_graph.rendering.pictures import coverage_picture

    model = read_model(request)
    fmt = _format(request, PICTURE_FORMATS)
    lang = _lang(request)
    iri = _known(request, model, "position")
    content = cache.get(
        model, ("coverage", iri, fmt, lang), lambda: coverage_picture(model, iri, fmt, lang)
    )
    return Response(content, media_type=PICTURE_FORMATS[fmt])


def organisation(request: Request) -> Response:
    """``/org.{fmt}``: the organisation graph as SVG or PNG."""
    from competency_graph.rendering.pictures import org_picture

    model = read_model(request)
    fmt = _format(request, PICTURE_FORMATS)
    lang = _lang(request)
    content = cache.get(model, ("org", fmt, lang), lambda: org_picture(model, fmt, lang))
    return Response(content, media_type=PICTURE_FORMATS[fmt])


#: the routes to mount, e.g. ``Starlette(routes=[*graphql_routes, *routes])``
routes: list[Route] = [
    Route("/positions/{id}/job-description.{fmt}", _guarded(job_description), methods=["GET"]),
    Route("/vacancies/{id}.jsonld", _guarded(vacancy_json_ld), methods=["GET"]),
    Route("/positions/{id}/coverage.{fmt}", _guarded(coverage), methods=["GET"]),
    Route("/org.{fmt}", _guarded(organisation), methods=["GET"]),
]
