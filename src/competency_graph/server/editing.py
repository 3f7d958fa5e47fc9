"""Job descriptions written over GraphQL: validated first, then one YAML file each, then served.

``serve --edits DIR`` names a folder of job-description YAML files. They are served with
the other sources, and the mutations write there: one file per position
(``DIR/<position slug>.yaml``), in the format ``check`` reads in CI and people read in git.

A write goes in this order, under one lock (writes are serialised; reads never wait):

1. the version the client based its edit on is compared with the file's current version
   (a digest of its bytes): a stale write is a :class:`~competency_graph.errors.ConflictError`
   naming the current version, and nothing is written;
2. the would-be graph (the served one with the new description) is checked with every rule;
   an error-level violation refuses the write with the report
   (:class:`~competency_graph.errors.ValidationFailed`);
3. the file is written atomically (:func:`~competency_graph.atomic.write_atomically`: a
   reader or a crash sees the old file or the new one, never half);
4. the served graph is reloaded as on SIGHUP. Should the reload be refused (the whole-graph
   gate finds what the position check did not), the previous file is put back.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, Graph, URIRef

from competency_graph.api.context import Signature
from competency_graph.api.inputs import input_path
from competency_graph.api.principals import OPEN, Principal
from competency_graph.atomic import write_atomically
from competency_graph.checking.report import Report, Violation
from competency_graph.errors import (
    ConflictError,
    InputError,
    StoreUnavailable,
    UnknownIdError,
    ValidationFailed,
)
from competency_graph.importers.inputs import load_inputs
from competency_graph.importers.job_description import convert_job_description
from competency_graph.model.rules import Severity
from competency_graph.namespaces import compact_id
from competency_graph.server.audit import AuditLog
from competency_graph.server.state import GraphState

#: the job-description files of an edits folder
PATTERN = "*.yaml"
#: where each position's revisions are kept, beside the served files (not served: hidden)
HISTORY_FOLDER = ".history"
HISTORY_INDEX = "index.jsonl"
#: who agrees a job description before the head approves it (the seeds' procedure)
AGREEING_ROLES = ("legal-service", "hr-department", "immediate-supervisor")
#: who approves when the position names no appointing head
HEAD = "position:head-of-organisation"


@dataclass(frozen=True)
class Saved:
    """What a save did: whether the file was written, its version, the check's report."""

    position: str  # the position's compact id
    file: str  # the file's name in the edits folder
    written: bool
    version: str | None  # the file's version now (before, for a dry run)
    report: Report


@dataclass(frozen=True)
class Deleted:
    """What a delete did."""

    position: str
    file: str
    written: bool  # True when the file was removed


def version_of(path: Path) -> str | None:
    """The version of the file at ``path``: a digest of its bytes, None when there is none."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    return hashlib.sha256(content).hexdigest()[:16]


def files_in(folder: Path) -> list[Path]:
    """The job-description files of an edits folder, by name."""
    return sorted(p for p in folder.glob(PATTERN) if p.is_file())


def violation_entry(violation: Violation) -> dict[str, object]:
    """A violation as a refused write's ``extensions.violations`` shows it."""
    field_path = getattr(violation.location, "field", None) if violation.location else None
    return {
        "rule": violation.rule_id,
        "severity": violation.severity.name,
        "message": violation.message,
        "focus": compact_id(violation.focus),
        "inputPath": input_path(field_path) if field_path else None,
    }


def new_edition(content: dict[str, Any], old: Mapping[str, Any]) -> dict[str, Any]:
    """``content`` as the next edition of a description past draft: a draft, numbered after
    ``old``'s edition, without signatures (the new text must be agreed and approved again)."""
    edition = dict(content)
    edition["status"] = "draft"
    edition["version"] = next_edition_number(old.get("version"))
    for signed in ("agreements", "approval", "familiarisation"):
        edition.pop(signed, None)
    return edition


def next_edition_number(version: Any) -> str:
    """``"1.0"`` -> ``"2.0"``; ``"3"`` -> ``"4"``; none -> ``"2"`` (the first was unnumbered)."""
    text = str(version).strip() if version is not None else ""
    head = text.split(".", 1)[0]
    if head.isdigit():
        return f"{int(head) + 1}" + (".0" if "." in text else "")
    return "2"


def _agreed(agreements: Any) -> set[str]:
    """The roles that have agreed, of a file's ``agreements``."""
    return {str(a.get("role")) for a in agreements or [] if isinstance(a, dict)}


def _slug(position_id: str) -> str:
    """``key-account-manager`` of ``position:…``, ``pos:…``, the IRI or the slug itself."""
    return position_id.strip().rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _last_revision(index: Path) -> int:
    """The number of the last revision in a history index (0 when there is none), read from
    its last line: numbering a write does not read the whole history."""
    try:
        with index.open("rb") as file:
            file.seek(0, 2)
            end = file.tell()
            file.seek(max(0, end - 4096))
            lines = file.read().splitlines()
    except FileNotFoundError:
        return 0
    for line in reversed(lines):
        try:
            return int(json.loads(line)["revision"])
        except (ValueError, KeyError, TypeError):
            continue  # a torn or foreign line: the one before it numbers
    return 0


@dataclass
class Editor:
    """Writes the job descriptions of ``folder`` for the server of ``state``."""

    state: GraphState
    folder: Path
    audit: AuditLog | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                f"cannot use the edits folder: {error.strerror}", self.folder
            ) from None
        self.store = self.state.source.store
        if self.store is None:
            # the files written here are job descriptions: the served graph reads them as such
            self.state.source = replace(self.state.source, reader=load_inputs)

    def file_for(self, position_id: str) -> Path:
        """The file of the position ``position_id`` (``position:x``, ``pos:x`` or ``x``)."""
        return self.folder / f"{_slug(position_id)}.yaml"

    def version(self, position_id: str) -> str | None:
        """The current version of the position's file, None when it has none."""
        return version_of(self.file_for(position_id))

    def read(self, position_id: str) -> tuple[dict[str, Any], str] | None:
        """The data of the position's file and its version (of the same bytes), None when
        it has no file here."""
        try:
            content = self.file_for(position_id).read_bytes()
        except FileNotFoundError:
            return None
        data = yaml.safe_load(content.decode("utf-8"))
        # a date is text in the format (YYYY-MM-DD), as the mutations take it
        plain = json.loads(json.dumps(data if isinstance(data, dict) else {}, default=str))
        return plain, hashlib.sha256(content).hexdigest()[:16]

    def save(
        self,
        data: Mapping[str, Any],
        *,
        create: bool,
        expected_version: str | None,
        dry_run: bool,
        lang: str,
        who: Principal = OPEN,
    ) -> Saved:
        """Create (``create``) or update the position's job description from ``data`` (the
        YAML format): see the module's order of steps. An update of a description past
        draft starts a new edition: a draft with the next edition number, without the old
        edition's signatures."""
        position_id = str(data["position"]["id"])
        path = self.file_for(position_id)
        compact = f"position:{_slug(position_id)}"
        with self._lock:
            current = version_of(path)
            if create and current is not None:
                raise ConflictError(
                    f"{compact} already has a job description file (version {current}); "
                    "update it with updateJobDescription and expectedVersion",
                    current,
                )
            action = "create"
            content = dict(data)
            if not create:
                old = self._current(path, compact, position_id, expected_version, current)
                action = "update"
                if old.get("status") != "draft":
                    content = new_edition(content, old)
                    action = "new-edition"
            return self._commit(path, compact, content, action, current, dry_run, lang, who)

    # -- the approval procedure ------------------------------------------------------------
    def agree(self, position_id: str, role: str, step: Signature) -> Saved:
        """Add the 'Agreed' signature of ``role`` to a draft; when the legal service, the HR
        department and the immediate supervisor have all agreed, the draft is agreed."""

        def sign(data: dict[str, Any], compact: str, current: str | None) -> None:
            if data.get("status") not in ("draft", "agreed"):
                raise ConflictError(
                    f"the job description of {compact} is {data.get('status')}: agreements "
                    "come before approval (edit it to start a new edition)",
                    current,
                )
            agreements = list(data.get("agreements") or [])
            if role in _agreed(agreements):
                raise ConflictError(f"{role} has already agreed {compact}", current)
            agreements.append({"role": role, "name": step.name, "date": step.day})
            data["agreements"] = agreements
            if _agreed(agreements) >= set(AGREEING_ROLES):
                data["status"] = "agreed"

        return self._sign(position_id, f"agree:{role}", step, sign)

    def approve(self, position_id: str, step: Signature, by: str | None = None) -> Saved:
        """Approve an agreed description (every agreement given): the signature of the head
        ``by`` (default: the position's appointing head, else the head of the organisation)."""

        def sign(data: dict[str, Any], compact: str, current: str | None) -> None:
            missing = [r for r in AGREEING_ROLES if r not in _agreed(data.get("agreements"))]
            if data.get("status") != "agreed" or missing:
                raise ConflictError(
                    f"the job description of {compact} is {data.get('status')}: it is approved "
                    "only after the legal service, the HR department and the immediate "
                    f"supervisor agree it (missing: {', '.join(missing) or 'none'})",
                    current,
                )
            head = by or (data.get("position") or {}).get("appointed_by") or HEAD
            data["approval"] = {"by": head, "name": step.name, "date": step.day}
            data["status"] = "approved"

        return self._sign(position_id, "approve", step, sign)

    def familiarise(self, position_id: str, step: Signature) -> Saved:
        """Record an employee's signature of familiarisation with an approved description;
        the first one puts it in force."""

        def sign(data: dict[str, Any], compact: str, current: str | None) -> None:
            if data.get("status") not in ("approved", "in-force"):
                raise ConflictError(
                    f"the job description of {compact} is {data.get('status')}: employees are "
                    "familiarised with it only after it is approved",
                    current,
                )
            signed = list(data.get("familiarisation") or [])
            if any(f.get("name") == step.name for f in signed if isinstance(f, dict)):
                raise ConflictError(f"{step.name} has already signed {compact}", current)
            signed.append({"name": step.name, "date": step.day})
            data["familiarisation"] = signed
            data["status"] = "in-force"

        return self._sign(position_id, "familiarise", step, sign)

    def _sign(
        self,
        position_id: str,
        action: str,
        step: Signature,
        sign: Callable[[dict[str, Any], str, str | None], None],
    ) -> Saved:
        """Read the position's file at the step's version, let ``sign`` change its data (or
        refuse), and commit it."""
        path = self.file_for(position_id)
        compact = f"position:{_slug(position_id)}"
        with self._lock:
            current = version_of(path)
            data = self._current(path, compact, position_id, step.expected_version, current)
            sign(data, compact, current)
            return self._commit(
                path, compact, data, action, current, step.dry_run, step.lang, step.who
            )

    # -- history ---------------------------------------------------------------------------
    def history(self, position_id: str) -> list[dict[str, Any]]:
        """Every accepted write of the position's file, oldest first."""
        index = self._history_folder(position_id) / HISTORY_INDEX
        if not index.is_file():
            return []
        entries = []
        for line in index.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return entries

    def diff(self, position_id: str, before: int, after: int) -> str:
        """The unified diff between two revisions of the position's file (YAML lines)."""
        texts = []
        for revision in (before, after):
            path = self._history_folder(position_id) / f"{revision:04d}.yaml"
            if not path.is_file():
                known = [e["revision"] for e in self.history(position_id)]
                raise InputError(
                    f"position:{_slug(position_id)} has no revision {revision} "
                    f"(known: {', '.join(map(str, known)) or 'none'})"
                )
            texts.append(path.read_text(encoding="utf-8").splitlines(keepends=True))
        return "".join(
            difflib.unified_diff(
                texts[0], texts[1], fromfile=f"revision {before}", tofile=f"revision {after}"
            )
        )

    def _history_folder(self, position_id: str) -> Path:
        return self.folder / HISTORY_FOLDER / _slug(position_id)

    def _current(
        self,
        path: Path,
        compact: str,
        position_id: str,
        expected_version: str | None,
        current: str | None,
    ) -> dict[str, Any]:
        """The data of the position's file, whose version is ``current``, when the client
        based its edit on it (``expected_version``); else an error."""
        if current is None:
            raise UnknownIdError(
                f"no job description of {compact} was written here; create it with "
                "createJobDescription",
                "position",
                position_id,
            )
        if expected_version != current:
            raise ConflictError(
                f"{compact} changed since version {expected_version}: it is at version "
                f"{current}; read it again and reapply the edit",
                current,
            )
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return dict(data) if isinstance(data, dict) else {}

    def _commit(
        self,
        path: Path,
        compact: str,
        data: Mapping[str, Any],
        action: str,
        current: str | None,
        dry_run: bool,
        lang: str,
        who: Principal,
    ) -> Saved:
        """Check ``data``, then write, serve, record and keep it (the lock is held)."""
        report = self.state.snapshot.check_job_description(data, lang)
        errors = [v for v in report.violations if v.severity is Severity.ERROR]
        if errors:
            raise ValidationFailed(
                f"the job description breaks {len(errors)} error-level rule(s); nothing "
                "was written",
                [violation_entry(v) for v in report.violations],
            )
        if dry_run:
            return Saved(compact, path.name, False, current, report)
        text = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False)
        self._write_and_serve(path, text.encode("utf-8"), compact, data)
        written = version_of(path)
        details = {
            "before": current,
            "after": written,
            "status": data.get("status"),
            "edition": data.get("version"),
        }
        self._record(who, action, compact, path.name, **details)
        self._keep(compact, text, {"action": action, "who": who.name, **details})
        return Saved(compact, path.name, True, written, report)

    def _keep(self, compact: str, text: str, details: dict[str, Any]) -> None:
        """Keep the written content as the position's next revision."""
        folder = self._history_folder(compact)
        revision = _last_revision(folder / HISTORY_INDEX) + 1
        write_atomically(folder / f"{revision:04d}.yaml", text, parents=True)
        entry = {
            "revision": revision,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            **details,
        }
        with (folder / HISTORY_INDEX).open("a", encoding="utf-8") as index:
            index.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def delete(
        self, position_id: str, expected_version: str, dry_run: bool, who: Principal = OPEN
    ) -> Deleted:
        """Remove the position's file when it is a draft at ``expected_version``."""
        path = self.file_for(position_id)
        compact = f"position:{_slug(position_id)}"
        with self._lock:
            current = version_of(path)
            if current is None:
                raise UnknownIdError(
                    f"no job description of {compact} was written here", "position", position_id
                )
            if expected_version != current:
                raise ConflictError(
                    f"{compact} changed since version {expected_version}: it is at version "
                    f"{current}",
                    current,
                )
            status = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("status")
            if status != "draft":
                raise ConflictError(
                    f"only a draft may be deleted; the job description of {compact} is "
                    f"{status}: write a new edition instead",
                    current,
                )
            if dry_run:
                return Deleted(compact, path.name, False)
            self._write_and_serve(path, None, compact, None)
            self._record(who, "delete", compact, path.name, before=current, after=None)
            return Deleted(compact, path.name, True)

    def _record(
        self, who: Principal, action: str, position: str, file: str, **details: Any
    ) -> None:
        if self.audit is not None:
            self.audit.record(who.name, who.role, action, position=position, file=file, **details)

    def _write_and_serve(
        self, path: Path, content: bytes | None, compact: str, data: Mapping[str, Any] | None
    ) -> None:
        """Write (or, with None, remove) ``path``, and with a store its position's named
        graph, then reload; put both back if the store or the reload refuses."""
        previous = path.read_bytes() if path.exists() else None
        old_source = self.state.source
        if content is None:
            path.unlink()
        else:
            write_atomically(path, content)
        kept: Graph | None = None
        name = graph_name(compact)
        if self.store is None:  # the file is served itself
            paths = [p for p in old_source.paths if Path(p) != path]
            self.state.source = replace(old_source, paths=(*paths, path) if content else paths)
        else:  # the store serves it: the description's triples replace its named graph
            try:
                kept = self.store.named_graph(name)
                graph = None
                if data is not None:
                    model = self.state.snapshot.model
                    converted = convert_job_description(dict(data), model, path.name)
                    graph = converted.graph
                    # a new edition leaves the position's class where it was defined; when
                    # that was this graph (an earlier write), it is carried over
                    position = URIRef(converted.position)
                    for kind in kept.objects(position, RDF.type):
                        graph.add((position, RDF.type, kind))
                self.store.replace_graph(name, graph)
            except InputError as error:
                _restore(path, previous)
                raise StoreUnavailable(
                    f"the store did not take the write, nothing was written: {error.message}",
                    error.path or self.store.name,
                ) from None
        result = self.state.reload("mutation")
        if result.ok:
            return
        _restore(path, previous)
        if self.store is not None:
            self.store.replace_graph(name, kept if kept else None)
        self.state.source = old_source
        raise ValidationFailed(f"the served graph refused the edit: {result.message}", [])


def graph_name(position: str) -> str:
    """The named graph a store keeps the written job description of ``position`` (its
    compact id) in: one per position, replaced whole by each write."""
    return f"urn:competency-graph:job-description:{_slug(position)}"


def _restore(path: Path, previous: bytes | None) -> None:
    """Put back the file as it was before a refused write (None: there was none)."""
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        write_atomically(path, previous)
