"""``competency-graph serve`` and ``competency-graph export-sdl``: thin CLI over the server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import click
from starlette.types import ASGIApp

from competency_graph.api.context import DEFAULT_MAX_PAGE_SIZE
from competency_graph.api.guards import (
    DEFAULT_MAX_ALIASES,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_COMPLEXITY,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_TOKENS,
    Limits,
)
from competency_graph.api.request_json import DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_NUMBER_DIGITS
from competency_graph.atomic import write_atomically
from competency_graph.cli.options import GraphInputs, StoreOptions, graph_inputs, store_options
from competency_graph.errors import InputError
from competency_graph.graph.ontology import locate_examples
from competency_graph.redaction import RedactingFormatter
from competency_graph.server.limits import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEAD_TIMEOUT,
    DEFAULT_HEAVY_TIMEOUT,
    DEFAULT_KEEP_ALIVE_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_HEAD_BYTES,
    DEFAULT_MAX_HEADERS,
    DEFAULT_MAX_HEAVY,
    HttpLimits,
)

if TYPE_CHECKING:
    from competency_graph.model.cache import CacheMode

# The schema and the server are imported by the commands that use them: building the schema
# reads the ontology's definitions, which other commands (and `--help`) need not wait for.


@click.command()
@graph_inputs
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--reload",
    "watch",
    is_flag=True,
    help="Reload when a loaded file changes (mtime poll). SIGHUP always reloads.",
)
@click.option(
    "--reload-interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.05),
    help="Seconds between file checks with --reload.",
)
@click.option(
    "--edits",
    "edits_folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Serve the job-description YAML files of DIR too, and let the GraphQL mutations "
    "(createJobDescription, updateJobDescription, deleteJobDescription, agree, approve, "
    "familiarise) write there, one file per position, after checking them with every rule. "
    "With --store or --sparql-endpoint, DIR keeps the files and their history and each write "
    "also replaces the position's named graph in the store, which is what is served (an "
    "endpoint needs --sparql-update-endpoint). Created if missing. Default: no writes.",
)
@click.option(
    "--tokens",
    "tokens_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Accept the bearer tokens of FILE (YAML: names, roles reader/editor/approver/admin, "
    "SHA-256 digests; see `new-token`), and anonymous requests as FILE's 'anonymous' says "
    "(read or none). Default: no tokens, everyone may do everything.",
)
@click.option(
    "--audit-log",
    "audit_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Append every accepted write to FILE as a JSON line (who, when, what, versions); "
    "admins read it with the auditLog query.",
)
@click.option(
    "--no-web",
    is_flag=True,
    help="Serve no web pages: / is then the plain-text index for every client. Default: "
    "the pages for people (search, positions, skills, skill gap, sign-in) at /.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Allow browsers on ORIGIN (repeatable; '*' for any). Default: no CORS.",
)
@click.option("--max-depth", default=DEFAULT_MAX_DEPTH, show_default=True, type=click.IntRange(1))
@click.option(
    "--max-aliases", default=DEFAULT_MAX_ALIASES, show_default=True, type=click.IntRange(0)
)
@click.option(
    "--max-complexity",
    default=DEFAULT_MAX_COMPLEXITY,
    show_default=True,
    type=click.IntRange(1),
    help="Most fields one operation may resolve (pages count `first` times).",
)
@click.option(
    "--max-tokens",
    default=DEFAULT_MAX_TOKENS,
    show_default=True,
    type=click.IntRange(1),
    help="Most lexical tokens in one query text (comments do not count); parsing stops there.",
)
@click.option(
    "--max-body-bytes",
    default=DEFAULT_MAX_BODY_BYTES,
    show_default=True,
    type=click.IntRange(1),
)
@click.option(
    "--max-json-depth",
    default=DEFAULT_MAX_JSON_DEPTH,
    show_default=True,
    type=click.IntRange(1),
    help="Deepest nesting of arrays and objects in request JSON (body, variables, "
    "extensions); deeper is a 400.",
)
@click.option(
    "--max-number-digits",
    default=DEFAULT_MAX_NUMBER_DIGITS,
    show_default=True,
    type=click.IntRange(1),
    help="Most digits in one number of request JSON; more is a 400.",
)
@click.option(
    "--max-header-bytes",
    default=DEFAULT_MAX_HEAD_BYTES,
    show_default=True,
    type=click.IntRange(256),
    help="Most bytes in a request line plus headers; more is a 431 and the connection closes.",
)
@click.option(
    "--max-headers",
    default=DEFAULT_MAX_HEADERS,
    show_default=True,
    type=click.IntRange(1),
    help="Most header fields in one request; more is a 431.",
)
@click.option(
    "--head-timeout",
    default=DEFAULT_HEAD_TIMEOUT,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a client may take to send its request line and headers (408 after).",
)
@click.option(
    "--body-timeout",
    default=DEFAULT_BODY_TIMEOUT,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a client may take to send a request body (408 after).",
)
@click.option(
    "--keep-alive-timeout",
    default=DEFAULT_KEEP_ALIVE_TIMEOUT,
    show_default=True,
    type=click.IntRange(1),
    help="Seconds an idle keep-alive connection stays open.",
)
@click.option(
    "--max-connections",
    default=DEFAULT_MAX_CONNECTIONS,
    show_default=True,
    type=click.IntRange(1),
    help="Most open connections and requests in progress; beyond, new requests get a 503.",
)
@click.option(
    "--max-heavy",
    default=DEFAULT_MAX_HEAVY,
    show_default=True,
    type=click.IntRange(1),
    help="Heavy operations (check, checkJobDescription, matchPositions) running at once; "
    "one more is answered 503 with Retry-After.",
)
@click.option(
    "--heavy-timeout",
    default=DEFAULT_HEAVY_TIMEOUT,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds one heavy operation may run: then its client gets a 503, and the work "
    "stops at its next step (its slot under --max-heavy stays taken until it has).",
)
@click.option(
    "--max-page-size",
    default=DEFAULT_MAX_PAGE_SIZE,
    show_default=True,
    type=click.IntRange(1),
    help="Cap on `first`/`last` of every list.",
)
@click.option("--no-introspection", is_flag=True, help="Refuse __schema and __type queries.")
@click.option(
    "--no-check-on-reload",
    is_flag=True,
    help="Take any new graph that loads, even with new error-level violations.",
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Run one GET request in-process (e.g. '/graphql?query={rules{id}}'), print the "
    "body and exit: 0 for a 2xx status, 1 otherwise.",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
)
@store_options
@click.option(
    "--read-model-cache",
    "cache_mode",
    default="use",
    show_default=True,
    type=click.Choice(["use", "rebuild", "off"]),
    help="With --store: read the read model from the cache in the store folder when it is "
    "up to date, else build and cache it (use); build and cache it anyway (rebuild); "
    "neither read nor write it (off).",
)
def serve(
    inputs: GraphInputs,
    host: str,
    port: int,
    watch: bool,
    reload_interval: float,
    edits_folder: Path | None,
    tokens_file: Path | None,
    audit_file: Path | None,
    no_web: bool,
    cors_origins: tuple[str, ...],
    max_depth: int,
    max_aliases: int,
    max_complexity: int,
    max_tokens: int,
    max_body_bytes: int,
    max_json_depth: int,
    max_number_digits: int,
    max_header_bytes: int,
    max_headers: int,
    head_timeout: float,
    body_timeout: float,
    keep_alive_timeout: int,
    max_connections: int,
    max_heavy: int,
    heavy_timeout: float,
    max_page_size: int,
    no_introspection: bool,
    no_check_on_reload: bool,
    get_path: str | None,
    log_level: str,
    store: StoreOptions,
    cache_mode: CacheMode,
) -> None:
    """Serve the GraphQL API (one uvicorn worker) on the shipped ontology plus PATHS.

    PATHS are RDF files or YAML/JSON job descriptions, read again when they change.

    Web pages for people at / (search, positions, skills, skill gap, sign-in with a
    token of --tokens), GraphQL at /graphql (POST JSON or GET; GraphiQL for browsers, a
    plain console at /console), the SDL at /schema.graphql, health at /healthz, and the
    document routes.
    A broken edit never takes the server down: a reload that does not load, or brings new
    error-level violations, is refused and the last good graph keeps being served.

    \b
    Examples:
      competency-graph serve --port 8080 --reload
      competency-graph serve --get '/graphql?query={rules{id}}'
      competency-graph serve --store esco.store --get /healthz
    """
    from competency_graph.server.app import ServerSettings, create_app, load_examples
    from competency_graph.server.http import bounded_protocol
    from competency_graph.server.state import GraphState, error_gate

    log_handler = logging.StreamHandler()
    # no log line shows a password or a token of a URL (the endpoint's, or one in an error)
    log_handler.setFormatter(RedactingFormatter("%(levelname)s: %(name)s: %(message)s"))
    logging.basicConfig(level=log_level.upper(), handlers=[log_handler])
    if store.given:  # the read model also indexes the store
        from competency_graph.importers.registry import default_importer_for_file

        described = [p for p in inputs.paths if default_importer_for_file(p).name != "rdf"]
        if described:  # the read-model cache over a store knows RDF files only
            raise InputError(
                "with --store or --sparql-endpoint, serve reads RDF files only; check a job "
                "description against the store with `check --store`",
                described[0],
            )
    source = inputs.source(store.open(write="--edits" if edits_folder is not None else None))
    if edits_folder is not None and not store.given:  # the files there are sources too
        from competency_graph.server.editing import files_in

        written = files_in(edits_folder) if edits_folder.is_dir() else []
        source = replace(source, paths=(*source.paths, *written))
    state = GraphState(
        source,
        gate=None if no_check_on_reload else error_gate,
        cache=cache_mode,
    )
    # before the load: an unusable folder, tokens file or log is said at once
    from competency_graph.server.access import read_tokens
    from competency_graph.server.audit import AuditLog

    tokens = read_tokens(tokens_file) if tokens_file is not None else None
    audit = AuditLog(audit_file) if audit_file is not None else None
    editor = None
    if edits_folder is not None:
        from competency_graph.server.editing import Editor

        editor = Editor(state, edits_folder, audit)
    if get_path is None:
        click.echo("loading the graph...", err=True)
    state.start()
    settings = ServerSettings(
        limits=Limits(
            max_depth=max_depth,
            max_aliases=max_aliases,
            max_complexity=max_complexity,
            max_tokens=max_tokens,
            max_page_size=max_page_size,
            introspection=not no_introspection,
        ),
        max_body_bytes=max_body_bytes,
        max_json_depth=max_json_depth,
        max_number_digits=max_number_digits,
        body_timeout=body_timeout,
        max_concurrent_checks=max_heavy,
        heavy_timeout=heavy_timeout,
        cors_origins=cors_origins,
        watch_interval=reload_interval if watch else 0.0,
        examples=load_examples(locate_examples().path),
        tokens=tokens,
        web=not no_web,
    )
    app = create_app(state, settings, editor, audit)
    if get_path is not None:
        status, body, media = asyncio.run(asgi_get(app, get_path))
        click.echo(printable(body, media), nl=False)
        sys.exit(0 if 200 <= status < 300 else 1)

    import uvicorn

    protocol = bounded_protocol(
        HttpLimits(
            max_head_bytes=max_header_bytes, max_headers=max_headers, head_timeout=head_timeout
        )
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=1,
        log_level=log_level,
        lifespan="on",
        http=protocol,
        limit_concurrency=max_connections,
        timeout_keep_alive=keep_alive_timeout,
    )


async def asgi_get(app: ASGIApp, path: str) -> tuple[int, bytes, str]:
    """Send one GET request to ``app`` in-process; return the status, body and media type.

    httpx's ASGI transport is a complete client: it ends the request body, then tells the
    app the client left once the response is complete, so streamed responses (static files)
    finish instead of waiting forever for a disconnect.
    """
    import httpx

    raw_path, _, query = path.partition("?")
    # what a browser would send: non-ASCII characters and spaces percent-encoded as UTF-8
    query = "".join(c if c.isascii() and c != " " else quote(c) for c in query)
    url = httpx.URL("http://localhost" + (raw_path or "/"))
    if query:
        url = url.copy_with(query=query.encode())
    # httpx logs every request at INFO: noise for one request the user asked for
    logging.getLogger("httpx").setLevel(logging.WARNING)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 0))
    async with httpx.AsyncClient(transport=transport) as client:
        response = await client.get(url, headers={"accept": "application/json"})
    return response.status_code, response.content, response.headers.get("content-type", "")


def printable(body: bytes, media: str) -> bytes:
    """JSON pretty-printed for humans; any other body (CSS, PNG) as it came."""
    if media.split(";")[0].strip().endswith("json"):
        with contextlib.suppress(ValueError):
            pretty = json.dumps(json.loads(body), ensure_ascii=False, indent=2)
            return (pretty + "\n").encode("utf-8")
    return body


@click.command("export-sdl")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (e.g. schema/schema.graphql) instead of standard output.",
)
def export_sdl(output: Path | None) -> None:
    """Print the GraphQL schema in SDL: the contract committed in schema/schema.graphql."""
    from competency_graph.api.schema import schema_sdl

    sdl = schema_sdl()
    if output is None:
        click.echo(sdl, nl=False)
        return
    write_atomically(output, sdl, parents=True)
    click.echo(f"wrote {output} ({len(sdl.splitlines())} lines)", err=True)


@click.command("new-token")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["reader", "editor", "approver", "admin"]),
    default="reader",
    show_default=True,
    help="What the token may do.",
)
def new_token(name: str, role: str) -> None:
    """Make a new bearer token for NAME: print the token once (give it to NAME) and the
    entry to add to the file of `serve --tokens FILE`, which keeps only its digest.

    \b
    Example:
      competency-graph new-token anna.hr --role editor
    """
    from competency_graph.server.access import digest
    from competency_graph.server.access import new_token as make_token

    token = make_token()
    click.echo(f"token for {name} (shown once; the server keeps only its digest):", err=True)
    click.echo(token, err=True)
    click.echo(f"  - name: {name}\n    role: {role}\n    sha256: {digest(token)}")
