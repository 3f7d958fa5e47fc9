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

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from competency_graph.api.inputs import input_path
from competency_graph.api.principals import OPEN, Principal
from competency_graph.atomic import write_atomically
from competency_graph.checking.report import Report, Violation
from competency_graph.errors import ConflictError, InputError, UnknownIdError, ValidationFailed
from competency_graph.importers.inputs import load_inputs
from competency_graph.model.rules import Severity
from competency_graph.server.audit import AuditLog
from competency_graph.server.state import GraphState

#: the job-description files of an edits folder
PATTERN = "*.yaml"


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
        "focus": violation.focus,
        "inputPath": input_path(field_path) if field_path else None,
    }


def _slug(position_id: str) -> str:
    return position_id.strip().rsplit(":", 1)[-1]


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
        # the files written here are job descriptions: the served graph reads them as such
        self.state.source = replace(self.state.source, reader=load_inputs)

    def file_for(self, position_id: str) -> Path:
        """The file of the position ``position_id`` (``position:x``, ``pos:x`` or ``x``)."""
        return self.folder / f"{_slug(position_id)}.yaml"

    def version(self, position_id: str) -> str | None:
        """The current version of the position's file, None when it has none."""
        return version_of(self.file_for(position_id))

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
        YAML format): see the module's order of steps."""
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
            if not create:
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
            self._write_and_serve(path, text.encode("utf-8"))
            written = version_of(path)
            self._record(
                who,
                "create" if create else "update",
                compact,
                path.name,
                before=current,
                after=written,
                status=data.get("status"),
                edition=data.get("version"),
            )
            return Saved(compact, path.name, True, written, report)

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
            self._write_and_serve(path, None)
            self._record(who, "delete", compact, path.name, before=current, after=None)
            return Deleted(compact, path.name, True)

    def _record(
        self, who: Principal, action: str, position: str, file: str, **details: Any
    ) -> None:
        if self.audit is not None:
            self.audit.record(who.name, who.role, action, position=position, file=file, **details)

    def _write_and_serve(self, path: Path, content: bytes | None) -> None:
        """Write (or, with None, remove) ``path`` and reload; put it back if the reload is
        refused."""
        previous = path.read_bytes() if path.exists() else None
        old_source = self.state.source
        if content is None:
            path.unlink()
            paths = [p for p in old_source.paths if Path(p) != path]
        else:
            write_atomically(path, content)
            paths = list(old_source.paths)
            if path not in [Path(p) for p in paths]:
                paths.append(path)
        self.state.source = replace(old_source, paths=tuple(paths))
        result = self.state.reload("mutation")
        if result.ok:
            return
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, previous)
        self.state.source = old_source
        raise ValidationFailed(f"the served graph refused the edit: {result.message}", [])
