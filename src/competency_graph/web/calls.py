"""GraphQL operations run in-process for the pages, as the signed-in visitor.

Every write of the pages (save a draft, agree, approve, familiarise, delete) and the editor's
live check go through the API's mutations, executed here with the page visitor's principal,
so roles, validation before commit, the dry run, conflicts and the audit log are exactly
the API's. The work (a check takes a fraction of a second to seconds) runs in a worker
thread, off the event loop, and at most :data:`MAX_RUNNING` operations of the pages run at
once: a visitor typing fast cannot queue up checks that starve everyone else (past
:data:`WAIT_SECONDS` in the queue the answer is ``BUSY``, and the next keystroke tries again).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import DocumentNode, parse, validate
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from competency_graph.api.context import ApiContext
from competency_graph.api.execution import format_error, run
from competency_graph.api.principals import ANONYMOUS
from competency_graph.api.schema import graphql_schema
from competency_graph.web.i18n import language
from competency_graph.web.session import current_principal
from competency_graph.web.site import site_of

#: operations of the pages running at once (each a check of a description: CPU-bound)
MAX_RUNNING = 2
#: how long an operation waits for its turn before it is answered BUSY
WAIT_SECONDS = 10.0
_running = threading.BoundedSemaphore(MAX_RUNNING)


@dataclass(frozen=True)
class Answer:
    """What an operation answered: its data, or the first error's message, code and
    extensions (``violations``, ``currentVersion``)."""

    data: Mapping[str, Any] | None
    message: str = ""
    code: str = ""
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the operation answered without an error."""
        return not self.code


@functools.cache
def _document(query: str) -> DocumentNode:
    """The parsed operation, validated once against the schema (a bug if it fails)."""
    document = parse(query)
    errors = validate(graphql_schema(), document)
    if errors:
        raise ValueError(f"the pages' operation does not validate: {errors[0].message}")
    return document


def execute_as(request: Request, query: str, variables: Mapping[str, Any] | None = None) -> Answer:
    """Run ``query`` with ``variables`` on the served graph as the request's visitor, in the
    visitor's language (synchronously: see :func:`call`)."""
    site = site_of(request)
    snapshot = site.state.snapshot
    context = ApiContext(
        model=snapshot.model,
        checks=snapshot,
        lang=language(request),
        editor=site.editor,
        principal=current_principal(request) or ANONYMOUS,
        audit=site.audit,
    )
    result = run(graphql_schema(), _document(query), context, variables, None)
    if result.errors:
        error = format_error(result.errors[0])
        extensions = dict(error.get("extensions") or {})
        return Answer(result.data, str(error["message"]), str(extensions.get("code")), extensions)
    return Answer(result.data)


def _in_turn(request: Request, query: str, variables: Mapping[str, Any] | None) -> Answer:
    if not _running.acquire(timeout=WAIT_SECONDS):
        return Answer(None, "the server is busy checking; try again in a moment", "BUSY")
    try:
        return execute_as(request, query, variables)
    finally:
        _running.release()


async def call(request: Request, query: str, variables: Mapping[str, Any] | None = None) -> Answer:
    """:func:`execute_as` in a worker thread, when its turn comes (see the module)."""
    return await run_in_threadpool(_in_turn, request, query, variables)
