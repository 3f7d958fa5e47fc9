"""A description's editions, the diff between two of them, and the audit trail.

``/positions/{id}/editions`` shows the file written here (status, edition, version), the
approval procedure with the buttons the visitor's role allows
(:func:`competency_graph.web.authoring.signature_steps`), and every accepted write of the
file (the API's ``jobDescriptionHistory``); two of them are compared at
``/positions/{id}/editions/diff?from=N&to=M`` (``jobDescriptionDiff``) as the file's lines
added and removed. ``/audit`` (admins) lists the latest accepted writes of the server's audit
log (``auditLog``). The queries run as the visitor (:mod:`competency_graph.web.calls`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from competency_graph.errors import InputError
from competency_graph.web.authoring import (
    position_label,
    position_slug,
    signature_steps,
    unavailable,
)
from competency_graph.web.authoring_words import w
from competency_graph.web.calls import call
from competency_graph.web.i18n import language
from competency_graph.web.rendering import render
from competency_graph.web.session import current_principal
from competency_graph.web.site import Site, site_of

#: how many entries of the audit log the page shows (the API's page-size cap)
AUDIT_ENTRIES = 100
HISTORY = """query History($p: ID!) {
  jobDescriptionHistory(position: $p) { number at who action version edition status }
}"""
DIFF = """query Diff($p: ID!, $a: Int!, $b: Int!) {
  jobDescriptionDiff(position: $p, fromRevision: $a, toRevision: $b)
}"""
AUDIT = """query Audit($last: Int!) {
  auditLog(last: $last) { at who role action position file before after status edition }
}"""


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: ``kind`` is ``added``, ``removed``, ``same`` or ``hunk`` (a
    ``@@`` header: where the next lines are)."""

    kind: str
    text: str
    before: int | None = None  # the line's number in the older revision
    after: int | None = None  # in the newer one


def routes(site: Site) -> list[BaseRoute]:
    """The editions, diff and audit routes."""
    return [
        Route("/positions/{id}/editions", site.page(editions)),
        Route("/positions/{id}/editions/diff", site.page(diff)),
        Route("/audit", site.page(audit, "admin")),
    ]


def when(at: Any) -> str:
    """A recorded time as people read it: ``2026-12-02T09:58:43.035+00:00`` ->
    ``2026-12-02 09:58:43`` (UTC, as the column heading says)."""
    text = str(at or "")
    return text[:19].replace("T", " ") if len(text) >= 19 else text


async def revisions(request: Request, slug: str) -> list[dict[str, Any]]:
    """Every accepted write of the position's file, oldest first (the API's history), each
    with ``revision`` (its number) and ``after`` (the file's version it wrote)."""
    answer = await call(request, HISTORY, {"p": slug})
    if not answer.ok:
        raise InputError(answer.message)
    entries = (answer.data or {}).get("jobDescriptionHistory") or []
    return [{**e, "revision": e["number"], "after": e["version"]} for e in entries]


def action_key(action: str) -> str:
    """The catalogue key of a history action (``agree:legal-service`` -> ``action_agree``)."""
    return "action_" + action.split(":", 1)[0]


async def editions(request: Request) -> Response:
    """The file's status, the approval steps and every saved change."""
    site = site_of(request)
    lang = language(request)
    slug = position_slug(request)
    label = position_label(request, slug)
    principal = current_principal(request)
    written = site.editor.read(slug) if site.editor is not None else None
    history = await revisions(request, slug)
    data, version = written if written is not None else ({}, None)
    steps = signature_steps(
        data,
        may_approve=principal is not None and principal.may("approver"),
        may_edit=principal is not None and principal.may("editor"),
    )
    return render(
        request,
        "editions.html",
        title=w("editions_title", lang, position=label),
        w=functools.partial(w, lang=lang),
        slug=slug,
        label=label,
        written=written is not None,
        data=data,
        version=version,
        steps=steps,
        history=list(reversed(history)),
        revisions=[entry.get("revision") for entry in history],
        action_key=action_key,
        when=when,
        may_edit=principal is not None and principal.may("editor"),
        signer=principal.name if principal is not None and principal.name != "anonymous" else "",
    )


def diff_lines(text: str) -> list[DiffLine]:
    """A unified diff as lines to show, numbered in both revisions."""
    lines: list[DiffLine] = []
    before = after = 0
    for raw in text.splitlines():
        if raw.startswith(("---", "+++")):
            continue
        if raw.startswith("@@"):
            # @@ -12,7 +12,8 @@: where the hunk starts in each revision
            parts = raw.split()
            before = int(parts[1][1:].split(",")[0]) - 1
            after = int(parts[2][1:].split(",")[0]) - 1
            lines.append(DiffLine("hunk", raw))
        elif raw.startswith("+"):
            after += 1
            lines.append(DiffLine("added", raw[1:], None, after))
        elif raw.startswith("-"):
            before += 1
            lines.append(DiffLine("removed", raw[1:], before, None))
        else:
            before += 1
            after += 1
            lines.append(DiffLine("same", raw[1:], before, after))
    return lines


def _revision(request: Request, name: str) -> int:
    text = request.query_params.get(name, "")
    if not text.isdigit():
        raise InputError(f"{name} must be a revision number, not {text!r}")
    return int(text)


async def diff(request: Request) -> Response:
    """The lines added and removed between two revisions of the file."""
    site = site_of(request)
    if site.editor is None:
        return unavailable(request)
    lang = language(request)
    slug = position_slug(request)
    before, after = _revision(request, "from"), _revision(request, "to")
    answer = await call(request, DIFF, {"p": slug, "a": before, "b": after})
    if not answer.ok:  # an unknown revision: a 400 naming the known ones
        raise InputError(answer.message)
    text = str((answer.data or {}).get("jobDescriptionDiff") or "")
    history = {entry["revision"]: entry for entry in await revisions(request, slug)}
    return render(
        request,
        "diff.html",
        title=w("diff_title", lang, before=before, after=after),
        w=functools.partial(w, lang=lang),
        slug=slug,
        label=position_label(request, slug),
        lines=diff_lines(text),
        old=history.get(before, {}),
        new=history.get(after, {}),
        action_key=action_key,
        when=when,
    )


async def audit(request: Request) -> Response:
    """The latest accepted writes (admins)."""
    site = site_of(request)
    lang = language(request)
    entries: list[dict[str, Any]] = []
    if site.audit is not None:
        answer = await call(request, AUDIT, {"last": AUDIT_ENTRIES})
        if not answer.ok:
            raise InputError(answer.message)
        entries = list(reversed((answer.data or {}).get("auditLog") or []))
    return render(
        request,
        "audit.html",
        title=w("audit_title", lang),
        w=functools.partial(w, lang=lang),
        available=site.audit is not None,
        entries=entries,
        action_key=action_key,
        when=when,
        label_of=functools.partial(position_label, request),
    )
