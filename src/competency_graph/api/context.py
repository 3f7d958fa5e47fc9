"""What every resolver gets as ``info.context``: the read model of one request, and limits.

A request takes one snapshot of the served graph when it starts, so a reload in the middle
of a request never mixes two graphs in one answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from competency_graph.api.principals import OPEN, Principal
from competency_graph.checking.report import Report
from competency_graph.model.readmodel import ReadModel

DEFAULT_MAX_PAGE_SIZE = 100


class CheckService(Protocol):
    """The consistency checks the API can run; the served graph state implements it."""

    def check_graph(
        self, lang: str, rules: tuple[str, ...], skip: tuple[str, ...]
    ) -> Report:  # pragma: no cover - protocol
        """Run the rules on the whole graph."""
        ...

    def check_position(
        self,
        position_iri: str,
        lang: str,
        rules: tuple[str, ...] = (),
        skip: tuple[str, ...] = (),
    ) -> Report:  # pragma: no cover
        """Run the rules (all, or ``rules`` minus ``skip``) on one position and its job
        description."""
        ...

    def check_job_description(
        self, data: Mapping[str, Any], lang: str
    ) -> Report:  # pragma: no cover
        """Run the rules on a job description given as data, not stored in the graph."""
        ...

    def rule_catalogue(self) -> list[Any]:  # pragma: no cover
        """The rules, in id order."""
        ...


@dataclass(frozen=True)
class Signature:
    """One signing step of the approval procedure: who signs (``name``) on which day, based
    on which version of the file; ``who`` is the request's principal."""

    name: str
    day: str
    expected_version: str
    dry_run: bool = False
    lang: str = "en"
    who: Principal = OPEN


class EditService(Protocol):
    """Writing job descriptions (``serve --edits DIR``); :mod:`competency_graph.server.editing`
    implements it. Results and errors are described there."""

    def save(
        self,
        data: Mapping[str, Any],
        *,
        create: bool,
        expected_version: str | None,
        dry_run: bool,
        lang: str,
        who: Principal,
    ) -> Any:  # pragma: no cover - protocol
        """Create or update a job description."""
        ...

    def delete(
        self, position_id: str, expected_version: str, dry_run: bool, who: Principal
    ) -> Any:  # pragma: no cover
        """Delete a draft."""
        ...

    def version(self, position_id: str) -> str | None:  # pragma: no cover
        """The current version of a position's file."""
        ...

    def read(self, position_id: str) -> tuple[dict[str, Any], str] | None:  # pragma: no cover
        """The data of a position's file and its version; None when it has none."""
        ...

    def agree(self, position_id: str, role: str, step: Signature) -> Any:  # pragma: no cover
        """Add an agreement."""
        ...

    def approve(
        self, position_id: str, step: Signature, by: str | None = None
    ) -> Any:  # pragma: no cover
        """Approve."""
        ...

    def familiarise(self, position_id: str, step: Signature) -> Any:  # pragma: no cover
        """Record a familiarisation."""
        ...

    def history(self, position_id: str) -> list[dict[str, Any]]:  # pragma: no cover
        """Every accepted write of a position's file, oldest first."""
        ...

    def diff(self, position_id: str, before: int, after: int) -> str:  # pragma: no cover
        """The unified diff of two revisions."""
        ...


class AuditService(Protocol):
    """The audit log (:mod:`competency_graph.server.audit`)."""

    def last(self, count: int) -> list[dict[str, Any]]:  # pragma: no cover - protocol
        """The last ``count`` entries, oldest first."""
        ...


@dataclass
class ApiContext:
    """Per-request context: the read model, the check service, the page-size cap, and the
    request's language (of labels and messages whose field names none)."""

    model: ReadModel
    checks: CheckService | None = None
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE
    lang: str = "en"
    editor: EditService | None = None
    principal: Principal = OPEN
    audit: AuditService | None = None


#: the languages labels and messages are written in
LANGUAGES = ("ru", "en")


def preferred_language(accept_language: str | None, default: str = "en") -> str:
    """``ru`` or ``en``, whichever ``Accept-Language`` prefers (``ru-RU`` counts as ``ru``;
    ``*`` as the default); ``default`` when it names neither."""
    best: tuple[float, int, str] | None = None
    for index, part in enumerate((accept_language or "").split(",")):
        tag, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.lower().split("-", 1)[0]
        language = default if primary == "*" else primary
        if language in LANGUAGES and quality > 0:
            candidate = (-quality, index, language)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best is not None else default
