"""The HTTP server: GraphQL over HTTP on Starlette, a browser console, and ``/healthz``.

Transport follows the GraphQL-over-HTTP specification:

- ``POST /graphql`` with ``Content-Type: application/json`` (else 415), a body of at most
  ``max_body_bytes`` (else 413) holding a JSON object (else 400);
- ``GET /graphql?query=...&variables=...&operationName=...`` for queries only: a mutation
  over GET is 405 with ``Allow: POST``; ``HEAD`` is a GET without the body, ``OPTIONS`` is
  204 with ``Allow``, any other method 405; a browser (``Accept: text/html``) without a query
  gets GraphiQL (vendored, served from ``/graphiql/``; a plain console is at ``/console``);
- the response is ``application/graphql-response+json`` when the client accepts it, else
  ``application/json`` (also for a missing Accept or ``*/*``); another Accept is 406;
- with ``application/graphql-response+json`` a request error (syntax, validation including
  the guards, bad variables) is 400 and a response with ``data`` is 200; with
  ``application/json`` every well-formed request is 200 (the legacy rule of the spec);
- any error body is ``{"errors": [{"message": ...}]}``; a bug is a logged 500, bad input
  never is.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
import uuid
from collections.abc import AsyncIterator, Coroutine, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from graphql import ExecutionResult, GraphQLError, OperationType, specified_rules
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from competency_graph.api.context import ApiContext, AuditService, EditService, preferred_language
from competency_graph.api.execution import (
    INTERNAL_SERVER_ERROR,
    OPERATION_RESOLUTION_FAILURE,
    PARSE_FAILED,
    VALIDATION_FAILED,
    DocumentCache,
    is_request_error,
    is_slow,
    response_body,
    run,
    select_operation,
    with_code,
)
from competency_graph.api.graphiql import ASSETS_DIR, ASSETS_URL, render_graphiql, render_page
from competency_graph.api.guards import DEFAULT_MAX_BODY_BYTES, Limits, guard_rules
from competency_graph.api.principals import OPEN, Principal, Unauthenticated
from competency_graph.api.request_json import (
    DEFAULT_MAX_JSON_DEPTH,
    DEFAULT_MAX_NUMBER_DIGITS,
    RequestJSONError,
    load_request_json,
)
from competency_graph.api.schema import graphql_schema, schema_sdl
from competency_graph.budget import BudgetExceeded, time_budget
from competency_graph.server.access import Tokens
from competency_graph.server.limits import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEAVY_TIMEOUT,
    DEFAULT_MAX_DRAIN_BYTES,
    DEFAULT_MAX_HEAVY,
    DEFAULT_SWITCH_INTERVAL,
)
from competency_graph.server.state import GraphState

log = logging.getLogger("competency_graph.server.app")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
#: the methods /graphql answers (HEAD is a GET without the body; OPTIONS lists these)
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
REQUEST_ID_HEADER = "X-Request-ID"


@dataclass(frozen=True)
class ServerSettings:
    """Options of one server (``competency-graph serve`` sets them from the command line).

    ``limits`` are the query guards; ``max_body_bytes`` caps a POST body; ``cors_origins``
    are the origins browsers may call from (none: no CORS headers); ``watch_interval``
    polls the loaded files every that many seconds and reloads on change (0: off);
    ``sighup`` reloads on SIGHUP; ``examples`` fill the console's menu; ``documents`` mounts
    the document, JSON-LD and picture routes of :mod:`competency_graph.server.documents`;
    ``web`` the pages for people of :mod:`competency_graph.web` (``/`` is then the home page
    for a browser and the plain-text index for other clients);
    ``max_concurrent_checks`` bounds how many heavy queries (checks, position matching; each
    takes up to seconds of CPU) run at once, off the event loop, so they cannot starve the
    cheap ones: one more is answered 503 with ``Retry-After`` at once, and one that runs
    over ``heavy_timeout`` seconds is answered 503 (its thread stops at the next step of
    the work, between two constraints or two store reads, and keeps its slot until then).
    ``max_json_depth`` and ``max_number_digits`` bound request JSON (400 beyond); an
    oversized body is read and discarded up to ``max_drain_bytes`` before the 413, so that
    clients which send the whole body before reading (Python's urllib) see the status rather
    than a reset connection; ``body_timeout`` is how long a client may take to send its
    body (408 after). ``switch_interval`` is the interpreter's GIL switch interval while
    the server runs (None: left as it is): heavy work runs in threads of this process, and
    a shorter interval hands the GIL back to the event loop sooner.
    """

    limits: Limits = field(default_factory=Limits)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    cors_origins: tuple[str, ...] = ()
    document_cache_size: int = 1024
    watch_interval: float = 0.0
    sighup: bool = True
    examples: Mapping[str, str] = field(default_factory=dict)
    #: the accepted bearer tokens (``serve --tokens FILE``); None: everyone may do everything
    tokens: Tokens | None = None
    documents: bool = True
    #: serve the web pages (:mod:`competency_graph.web`); ``serve --no-web`` turns them off
    web: bool = True
    max_concurrent_checks: int = DEFAULT_MAX_HEAVY
    heavy_timeout: float = DEFAULT_HEAVY_TIMEOUT
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH
    max_number_digits: int = DEFAULT_MAX_NUMBER_DIGITS
    max_drain_bytes: int = DEFAULT_MAX_DRAIN_BYTES
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    switch_interval: float | None = DEFAULT_SWITCH_INTERVAL


def _over_budget(result: ExecutionResult) -> bool:
    """True when the work stopped itself at its time budget (before the timer said so)."""
    return any(isinstance(error.original_error, BudgetExceeded) for error in result.errors or ())


class GraphQLJSONResponse(JSONResponse):
    """JSON as UTF-8; falls back to ``\\u`` escapes when a client sent lone surrogates.

    JSON allows ``"\\ud800"``, which decodes to a string UTF-8 cannot encode; echoing such
    a value back in an error message must not turn into a 500.
    """

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(content, allow_nan=False, separators=(",", ":")).encode("ascii")


class HTTPError(Exception):
    """A request the transport refuses before GraphQL runs; rendered spec-shaped."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def negotiate(accept: str | None) -> str:
    """The response media type for an Accept header (406 when we can give none of it)."""
    if not accept or not accept.strip():
        return JSON
    ranges = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, index, media.lower()))
    for negative_q, _, media in sorted(ranges):
        if negative_q >= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*"):
            return JSON
    raise HTTPError(406, f"cannot answer with {accept!r}: accept {GRAPHQL_RESPONSE} or {JSON}")


def wants_html(request: Request) -> bool:
    """True for a browser navigating to the endpoint."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params


#: ``extensions.code`` of the transport's refusals, by HTTP status
STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    408: "REQUEST_TIMEOUT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    503: "SERVICE_UNAVAILABLE",
}


def error_response(
    status: int, message: str, media: str, headers: dict[str, str] | None = None
) -> Response:
    """``{"errors": [{"message": ..., "extensions": {"code": ...}}]}`` with ``status``."""
    code = STATUS_CODES.get(status, "BAD_REQUEST" if status < 500 else "INTERNAL_SERVER_ERROR")
    return GraphQLJSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        media_type=media,
        headers=headers,
    )


class GraphQLEndpoint:
    """``/graphql``: parses the transport, runs the operation, picks status and media type."""

    def __init__(
        self,
        state: GraphState,
        settings: ServerSettings,
        editor: EditService | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self.state = state
        self.settings = settings
        self.editor = editor
        self.audit = audit
        self.schema = graphql_schema()
        self.documents = DocumentCache(
            self.schema,
            specified_rules,
            settings.document_cache_size,
            guards=guard_rules(settings.limits),
            max_tokens=settings.limits.max_tokens,
        )
        self.heavy_running = 0  # heavy operations whose threads have not finished

    async def handle(self, request: Request) -> Response:
        """Answer one request on ``/graphql``; never raises."""
        media = JSON
        reads = request.method in ("GET", "HEAD")
        try:
            if request.method == "OPTIONS":  # a CORS preflight never gets here: CORS answers it
                return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
            if reads and wants_html(request):
                return HTMLResponse(render_graphiql(request.url.path))
            media = negotiate(request.headers.get("accept"))
            if reads:
                params = self.params_from_query(request)
            elif request.method == "POST":
                params = await self.params_from_body(request)
            else:
                raise HTTPError(405, f"{request.method} is not allowed", {"Allow": ALLOWED_METHODS})
            return await self.execute(request, params, media)
        except HTTPError as exc:
            return error_response(exc.status, exc.message, media, exc.headers)
        except ClientDisconnect:  # the client left mid-body: nobody to answer, nothing broke
            log.info("client left before sending the whole body of %s", request.url.path)
            return Response(status_code=400)
        except Exception:  # a bug; the client learns nothing about our internals
            request_id = uuid.uuid4().hex
            log.exception(
                "unhandled error serving %s %s (request id %s)",
                request.method,
                request.url.path,
                request_id,
            )
            return GraphQLJSONResponse(
                {
                    "errors": [
                        {
                            "message": "internal server error; see the server log",
                            "extensions": {
                                "code": INTERNAL_SERVER_ERROR,
                                "requestId": request_id,
                            },
                        }
                    ]
                },
                status_code=500,
                media_type=media,
                headers={REQUEST_ID_HEADER: request_id},
            )

    def params_from_query(self, request: Request) -> dict[str, Any]:
        """The request parameters of a GET (``variables`` is JSON in the query string)."""
        query = request.query_params
        params: dict[str, Any] = {
            "query": query.get("query"),
            "operationName": query.get("operationName"),
        }
        for name in ("variables", "extensions"):
            if query.get(name):
                params[name] = self.load_json(query[name], name)
        return params

    def load_json(self, text: str, what: str) -> Any:
        """Request JSON decoded within the settings' bounds; a 400 otherwise."""
        try:
            return load_request_json(
                text,
                what,
                max_depth=self.settings.max_json_depth,
                max_number_digits=self.settings.max_number_digits,
            )
        except RequestJSONError as exc:
            raise HTTPError(400, str(exc)) from None

    async def params_from_body(self, request: Request) -> dict[str, Any]:
        """The request parameters of a POST: a JSON object, read up to the body limit."""
        content_type = request.headers.get("content-type", "")
        main = content_type.split(";")[0].strip().lower()
        if main != JSON:
            raise HTTPError(
                415, f"POST needs Content-Type: {JSON} (got {content_type or 'none'!r})"
            )
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        too_big: str | None = None
        if declared is not None and declared.isdigit() and int(declared) > limit:
            too_big = f"the body is {declared} bytes; the limit is {limit} bytes"
        with anyio.move_on_after(self.settings.body_timeout) as timer:
            body, over = await self.read_body(request, skip=too_big is not None)
        if timer.cancelled_caught:
            raise HTTPError(
                408,
                f"the body did not arrive within {self.settings.body_timeout:g} s",
                {"Connection": "close"},
            )
        if too_big is not None or over:
            message = too_big or f"the body is over the limit of {limit} bytes"
            raise HTTPError(413, message, {"Connection": "close"})
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPError(400, "the body is not UTF-8") from None
        decoded = self.load_json(text, "the body")
        if not isinstance(decoded, dict):
            raise HTTPError(400, "the body must be a JSON object with a 'query' string")
        return decoded

    async def read_body(self, request: Request, *, skip: bool) -> tuple[bytes, bool]:
        """The body, and whether it went over ``max_body_bytes``.

        Past the limit the rest is read and dropped, up to ``max_drain_bytes`` in all: a
        client that writes its whole body before reading the answer (Python's urllib) sees a
        reset instead of the 413 when the server closes with unread data. ``skip`` (a
        declared length over the limit) drops everything from the start.
        """
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if skip and declared is not None and int(declared) > self.settings.max_drain_bytes:
            return b"", True  # too much to drain: the client gets the 413 or a reset
        body = bytearray()
        over = skip
        read = 0
        more = True
        while more:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect
            chunk = message.get("body", b"")
            more = message.get("more_body", False)
            read += len(chunk)
            if over:
                if read > self.settings.max_drain_bytes:
                    break
                continue
            body.extend(chunk)
            if len(body) > limit:
                over = True
                body.clear()
        return bytes(body), over

    def principal(self, request: Request) -> Principal:
        """Who sent ``request`` (a 401 for a missing or unknown token where one is needed)."""
        tokens = self.settings.tokens
        if tokens is None:
            return OPEN
        try:
            return tokens.principal(request.headers.get("authorization"))
        except Unauthenticated as error:
            raise HTTPError(401, error.message, {"WWW-Authenticate": "Bearer"}) from None

    async def execute(self, request: Request, params: dict[str, Any], media: str) -> Response:
        """Check the parameters, take the cached document, run it on the current snapshot."""
        principal = self.principal(request)
        query = params.get("query")
        if not isinstance(query, str) or not query.strip():
            raise HTTPError(400, "the request has no 'query' string")
        operation_name = params.get("operationName")
        if operation_name is not None and not isinstance(operation_name, str):
            raise HTTPError(400, "'operationName' must be a string or null")
        variables = params.get("variables")
        if variables is not None and not isinstance(variables, dict):
            raise HTTPError(400, "'variables' must be a JSON object or null")
        if params.get("extensions") is not None and not isinstance(params["extensions"], dict):
            raise HTTPError(400, "'extensions' must be a JSON object or null")

        prepared = self.documents.get(query)
        if prepared.document is None:
            return self.request_errors(prepared.syntax_errors, PARSE_FAILED, media)
        operation = select_operation(prepared.document, operation_name)
        if isinstance(operation, GraphQLError):
            return self.request_errors((operation,), OPERATION_RESOLUTION_FAILURE, media)
        if request.method != "POST" and operation.operation is not OperationType.QUERY:
            raise HTTPError(
                405,
                f"a {operation.operation.value} cannot be sent with {request.method}; use POST",
                {"Allow": "POST"},
            )
        if prepared.validation_errors:
            return self.request_errors(prepared.validation_errors, VALIDATION_FAILED, media)

        snapshot = self.state.snapshot  # one graph for the whole request, even mid-reload
        context = ApiContext(
            model=snapshot.model,
            checks=snapshot,
            max_page_size=self.settings.limits.max_page_size,
            lang=preferred_language(request.headers.get("accept-language")),
            editor=self.editor,
            principal=principal,
            audit=self.audit,
        )
        args = (self.schema, prepared.document, context, variables, operation_name)
        if is_slow(operation, prepared.document):
            result = await self.run_heavy(args)
        else:
            result = run(*args)
        status = 400 if media == GRAPHQL_RESPONSE and is_request_error(result) else 200
        return GraphQLJSONResponse(response_body(result), status_code=status, media_type=media)

    async def run_heavy(self, args: tuple[Any, ...]) -> ExecutionResult:
        """Run a heavy operation in a thread, within the cap and the time budget (else 503).

        The work checks the budget between its steps (:mod:`competency_graph.budget`) and
        stops soon after it runs out; its slot under the cap is freed when its thread has
        really ended, so the cap bounds the heavy work running, not only the requests
        waiting for an answer.
        """
        cap = self.settings.max_concurrent_checks
        if self.heavy_running >= cap:
            raise HTTPError(
                503,
                f"{cap} heavy operations (check, checkJobDescription, matchPositions) are "
                "running; try again shortly",
                {"Retry-After": "1"},
            )
        loop = asyncio.get_running_loop()
        self.heavy_running += 1
        budget = self.settings.heavy_timeout

        def work() -> ExecutionResult:
            try:
                with time_budget(budget):
                    return run(*args)
            finally:  # the slot is freed when the work ends, not when the client gave up
                loop.call_soon_threadsafe(self._heavy_done)

        with anyio.move_on_after(budget) as timer:
            # abandoned on timeout: the thread stops at its next step (see above)
            result = await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
        retry = {"Retry-After": str(max(1, round(budget)))}
        if timer.cancelled_caught:
            raise HTTPError(
                503,
                f"the operation ran over the time budget of {budget:g} s; it stops at its "
                f"next step and keeps its slot until then ({self.heavy_running} of {cap} "
                "heavy slots taken)",
                retry,
            )
        if _over_budget(result):  # the work noticed before the timer did: it has stopped
            raise HTTPError(
                503, f"the operation ran over the time budget of {budget:g} s and stopped", retry
            )
        return result

    def _heavy_done(self) -> None:
        self.heavy_running -= 1

    def request_errors(self, errors: tuple[GraphQLError, ...], code: str, media: str) -> Response:
        """Errors that stopped the request before execution (each with ``code`` unless it
        names its own): no ``data`` entry."""
        status = 400 if media == GRAPHQL_RESPONSE else 200
        return GraphQLJSONResponse(
            {"errors": [with_code(e, code) for e in errors]}, status_code=status, media_type=media
        )


def create_app(
    state: GraphState,
    settings: ServerSettings | None = None,
    editor: EditService | None = None,
    audit: AuditService | None = None,
) -> Starlette:
    """The Starlette application serving ``state`` (already started) with ``settings``;
    with an ``editor`` (``serve --edits DIR``), the mutations write job descriptions; with
    an ``audit`` log, admins can read it (``auditLog``)."""
    settings = settings or ServerSettings()
    endpoint = GraphQLEndpoint(state, settings, editor, audit)
    sdl = schema_sdl()

    async def healthz(request: Request) -> Response:
        return JSONResponse({**state.health(), "documentCache": endpoint.documents.stats()})

    async def schema_file(request: Request) -> Response:
        return PlainTextResponse(sdl)

    async def console(request: Request) -> Response:
        return HTMLResponse(render_page(dict(settings.examples)))

    index = (
        "competency-graph: GraphQL at /graphql (GraphiQL in a browser, plain console at "
        "/console), schema at /schema.graphql, health at /healthz"
    )
    if settings.documents:
        index += (
            "; documents at /positions/{id}/job-description.{md,html,docx}, "
            "/positions/{id}/coverage.{svg,png}, /vacancies/{id}.jsonld, /org.{svg,png}"
        )

    async def home(request: Request) -> Response:
        return PlainTextResponse(index + "\n")

    middleware = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept"],
                max_age=600,
            )
        )
    routes: list[BaseRoute] = [
        # every method reaches the endpoint, so that each refusal is a spec-shaped 405
        Route(
            "/graphql",
            endpoint.handle,
            methods=["GET", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"],
        ),
        Route("/healthz", healthz),
        Route("/schema.graphql", schema_file),
        Route("/console", console),
        # GraphiQL's bundle is 3.5 MB; compressed it is under 1 MB
        Mount(ASSETS_URL, GZipMiddleware(StaticFiles(directory=ASSETS_DIR)), name="graphiql"),
    ]
    if settings.documents:
        from competency_graph.server.documents import routes as document_routes

        routes.extend(document_routes)
    web = None
    if settings.web:  # last: a page's path takes a whole IRI, so it must not shadow the above
        from competency_graph.web import WebSettings
        from competency_graph.web import routes as web_routes

        web = WebSettings(plain_index=index, documents=settings.documents)
        routes.extend(web_routes(state, web, editor, audit, settings.tokens))
    else:
        routes.append(Route("/", home))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lambda app: _lifespan(state, settings),
    )
    # the document routes read the model through this, so they follow reloads too
    app.state.read_model = lambda: state.snapshot.model
    # who sent a request (raises Unauthenticated): the document routes ask it too
    tokens = settings.tokens
    if tokens is not None and web is not None:  # a signed-in browser is someone too
        from competency_graph.web import request_principal

        app.state.principal_of = request_principal(web, tokens)
    elif tokens is not None:
        app.state.principal_of = lambda request: tokens.principal(
            request.headers.get("authorization")
        )
    return app


@contextlib.asynccontextmanager
async def _lifespan(state: GraphState, settings: ServerSettings) -> AsyncIterator[None]:
    tasks: set[asyncio.Task[None]] = set()  # referenced until done, so none is collected
    loop = asyncio.get_running_loop()

    def start(coroutine: Coroutine[Any, Any, None]) -> None:
        task = loop.create_task(coroutine)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    if settings.sighup:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            # only possible in the main thread (not under TestClient); uvicorn leaves SIGHUP
            loop.add_signal_handler(signal.SIGHUP, lambda: start(_reload(state, "SIGHUP")))
    if settings.watch_interval > 0:
        start(_watch(state, settings.watch_interval))
    interval = sys.getswitchinterval()
    if settings.switch_interval is not None:
        sys.setswitchinterval(settings.switch_interval)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        for task in list(tasks):
            task.cancel()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(signal.SIGHUP)


async def _reload(state: GraphState, trigger: str) -> None:
    await anyio.to_thread.run_sync(state.reload, trigger)


async def _watch(state: GraphState, interval: float) -> None:
    """Poll modification times; reload when a file changed."""
    while True:
        await asyncio.sleep(interval)
        if state.changed():
            await _reload(state, "file change")


def load_examples(folder: Path) -> dict[str, str]:
    """``name -> query`` for every ``*.graphql`` in ``folder`` (the console's menu)."""
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.graphql"))}
