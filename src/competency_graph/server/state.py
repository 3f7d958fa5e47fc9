"""The graph a server serves: one immutable snapshot at a time, reloaded safely.

A :class:`Snapshot` is everything derived from one load of the RDF files: the read model
(for resolvers), the rule catalogue and a checker (for the check queries), a version digest
and counts (for ``/healthz``). :class:`GraphState` holds the current snapshot and replaces
it whole on :meth:`GraphState.reload` - triggered by SIGHUP or, with ``--reload``, by a
changed file modification time. A reload loads, builds and checks the new graph off to the
side; only when that succeeds is the reference swapped (one assignment, atomic under the
GIL). On failure the old snapshot keeps being served and the reason is kept in
:attr:`GraphState.last_reload` for ``/healthz`` and the log.

A new graph is refused when it does not load, when its read model cannot be built, or when
the checker finds error-level violations that the served graph does not have (so a broken
edit is refused, while a fix to a graph that already had errors is still taken).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import OWL

from competency_graph.checking.report import Report, Violation
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.ontology import locate_examples, locate_ontology, locate_schemas
from competency_graph.graph.source import Source
from competency_graph.model.cache import CacheMode, LoadedReadModel, load_read_model
from competency_graph.model.readmodel import ReadModel
from competency_graph.model.rules import Rule, Severity
from competency_graph.reading import read_input

log = logging.getLogger("competency_graph.server.app")

ViolationKey = tuple[str, str, str, str]
#: loads of one reload while files keep changing under it (then the next poll reloads)
RELOAD_ATTEMPTS = 3


def _key(violation: Violation) -> ViolationKey:
    return (violation.rule_id, violation.focus, violation.path or "", violation.value or "")


class Snapshot:
    """One loaded graph and everything derived from it. Never changes after creation."""

    def __init__(
        self, source: Source, prepared: LoadedReadModel, loaded_at: datetime | None = None
    ) -> None:
        self.source = source
        self.prepared = prepared
        self._loaded = prepared.loaded
        self.model: ReadModel = prepared.model
        self.rules: dict[str, Rule] = prepared.rules  # a store may hold rules too
        self.files: tuple[str, ...] = tuple(str(p) for p in self._loaded.files)
        self.loaded_at = loaded_at or datetime.now(UTC)
        self.triples = self.model.triples
        self.digest = _digest(self._loaded.files)
        #: what loading did that the operator should know (a YAML file replacing an edition)
        self.notes: tuple[str, ...] = tuple(self._loaded.notes)
        self.ontology_version = _ontology_version(self._loaded)
        self._lock = threading.Lock()
        self._graph_reports: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Report] = {}

    @classmethod
    def load(cls, source: Source, cache: CacheMode = "use") -> Snapshot:
        """Load ``source`` (the read model from the cache beside its store when that is up
        to date; ``cache`` says how the cache is used)."""
        return cls(source, load_read_model(source, cache))

    @property
    def version(self) -> str:
        """``<owl:versionInfo>+<digest of the files>``: changes with any edit."""
        return f"{self.ontology_version}+{self.digest}"

    @cached_property
    def _checker(self) -> Any:
        # with a store, the checker bulk-loads it into its own oxigraph store: no rdflib copy
        from competency_graph.checking.engine import Checker

        return Checker(self._loaded, store=self.source.store)

    def read_model_origin(self) -> dict[str, Any]:
        """Where the read model came from, for ``/healthz``."""
        return self.prepared.as_json()

    def origin_note(self) -> str:
        """What the load log line adds about the read model."""
        return self.prepared.note()

    # -- CheckService ---------------------------------------------------------------------
    def check_graph(self, lang: str, rules: tuple[str, ...], skip: tuple[str, ...]) -> Report:
        """Run the rules on the whole graph (without the reasoner); cached per snapshot."""
        key = (lang, rules, skip)
        with self._lock:  # the graph never changes, so one run per key is enough
            if key not in self._graph_reports:
                self._graph_reports[key] = self._checker.check_graph(
                    lang=lang, rules=rules, skip=skip, reasoner=False
                )
            return self._graph_reports[key]

    def check_position(
        self,
        position_iri: str,
        lang: str,
        rules: tuple[str, ...] = (),
        skip: tuple[str, ...] = (),
    ) -> Report:
        """Run the rules (all, or ``rules`` minus ``skip``) on one position (focused check)."""
        with self._lock:  # rdflib graphs are not safe for concurrent readers that write caches
            report: Report = self._checker.check_position(
                position_iri, lang=lang, rules=rules, skip=skip
            )
        return report

    def check_job_description(self, data: Mapping[str, Any], lang: str) -> Report:
        """Check an unsaved job description (the YAML/JSON format, as data) with this graph.

        The description is converted against this snapshot's read model (so references to
        existing skills, duties and positions resolve), merged into a copy of the files, and
        its position is checked with the store, as the served graph is; the served graph is
        not touched. Of a store, the check reads only what its position's check reads
        (:mod:`competency_graph.checking.focus`): a few queries, not a copy of the store.
        """
        from competency_graph.checking.engine import Checker
        from competency_graph.importers.job_description import (
            INPUT_SOURCE,
            convert_job_description,
        )

        converted = convert_job_description(dict(data), self.model, INPUT_SOURCE)
        loaded = self._loaded
        merged = LoadedGraph(
            Graph(), list(loaded.files), dict(loaded.locations), statements=dict(loaded.statements)
        )
        merged.graph += loaded.graph
        converted.add_to(merged)
        checker = Checker(merged, store=self.source.store, around=converted.position)
        report: Report = checker.check_position(converted.position, lang=lang)
        return report

    def job_description_data(self, position_iri: str) -> dict[str, Any]:
        """The job description of a position as the YAML format's data (what `convert
        --position` writes): the start of a new edition in the web editor. Raises
        :class:`InputError` when the position has none."""
        import json

        from competency_graph.rendering.job_description_yaml import job_description_data

        with self._lock:  # rdflib graphs are not safe for concurrent readers
            data = job_description_data(self._loaded.graph, position_iri, self.model)
        # references and dates as plain text, as a form and the mutations take them
        plain: dict[str, Any] = json.loads(json.dumps(data, default=str))
        return plain

    def rule_catalogue(self) -> list[Rule]:
        """The rules, in id order."""
        return list(self.rules.values())

    def errors(self) -> dict[ViolationKey, Violation]:
        """Error-level violations of the whole graph (all rules, no reasoner)."""
        report = self.check_graph("en", (), ())
        return {_key(v): v for v in report.violations if v.severity is Severity.ERROR}


@dataclass(frozen=True)
class ReloadResult:
    """What the last load or reload did."""

    ok: bool
    at: datetime
    message: str
    seconds: float = 0.0
    trigger: str = "startup"

    def as_json(self) -> dict[str, Any]:
        """The result as ``/healthz`` shows it."""
        return {
            "ok": self.ok,
            "at": self.at.isoformat(timespec="seconds"),
            "trigger": self.trigger,
            "message": self.message,
            "seconds": round(self.seconds, 3),
        }


Gate = Callable[[Snapshot | None, Snapshot], str | None]


def error_gate(current: Snapshot | None, candidate: Snapshot) -> str | None:
    """Refuse ``candidate`` when it has error-level violations ``current`` does not have.

    A graph without a rule catalogue (test data loaded alone) has nothing to check.
    """
    if not candidate.rules:
        return None
    before = current.errors() if current is not None else {}
    new = [v for key, v in candidate.errors().items() if key not in before]
    if not new:
        return None
    shown = "; ".join(f"[{v.rule_id}] {v.message}" for v in sorted(new, key=Violation.sort_key)[:3])
    more = f" (and {len(new) - 3} more)" if len(new) > 3 else ""
    return f"the new graph has {len(new)} new error(s): {shown}{more}"


@dataclass
class GraphState:
    """The served snapshot, and how to reload it.

    ``source`` names what is served (the shipped ontology or not, files, a store; ``serve``
    gives it the reader of job descriptions too).
    ``gate`` decides whether a loaded candidate may replace the served snapshot (None: any
    graph that loads is taken). ``cache`` says how the read-model cache beside a store is
    used (:data:`~competency_graph.model.cache.CacheMode`); "rebuild" applies to the first
    load only, reloads use the cache again.
    """

    source: Source = field(default_factory=Source)
    gate: Gate | None = error_gate
    cache: CacheMode = "use"
    _snapshot: Snapshot | None = None
    last_reload: ReloadResult | None = None
    _reload_lock: threading.Lock = field(default_factory=threading.Lock)
    _mtimes: dict[str, float] = field(default_factory=dict)

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot being served."""
        if self._snapshot is None:
            raise RuntimeError("GraphState.start() was not called")
        return self._snapshot

    def _load(self) -> Snapshot:
        snapshot = Snapshot.load(self.source, self.cache)
        if self.cache == "rebuild":
            self.cache = "use"
        return snapshot

    def _load_settled(self) -> tuple[Snapshot, dict[str, float]]:
        """Load, again while a file changed during the load (a few times at most).

        Returns the snapshot and the modification times to remember: those seen *before* its
        load, so that an edit saved while loading still counts as a change (the next poll
        reloads), and a snapshot's version is the digest of the files its graph was read
        from whenever they held still.
        """
        for _ in range(RELOAD_ATTEMPTS):
            before = _mtimes(set(self._mtimes) | set(self._watched_paths()))
            snapshot = self._load()
            after = _mtimes(set(before) | set(snapshot.files))
            if all(after[path] == seen for path, seen in before.items()):
                return snapshot, after
            log.info("a file changed while the graph was loading; reading it again")
        return snapshot, {**after, **before}

    def start(self) -> Snapshot:
        """Load the first snapshot. Raises :class:`InputError` when it does not load.

        The first graph is not gated (there is nothing older to fall back to), which keeps
        startup to loading and indexing; ``check`` queries report its violations.
        """
        started = time.perf_counter()
        snapshot, seen = self._load_settled()
        self._snapshot = snapshot
        self._mtimes = seen
        seconds = _since(started)
        message = (
            f"loaded {len(snapshot.files)} files, {snapshot.triples} triples in {seconds:.1f} s"
            f"{snapshot.origin_note()}"
        )
        self.last_reload = ReloadResult(True, datetime.now(UTC), message, seconds)
        log.info("graph %s: %s", snapshot.version, message)
        for note in snapshot.notes:
            log.info("note: %s", note)
        return snapshot

    def reload(self, trigger: str = "request") -> ReloadResult:
        """Load, build and check the graph again; swap it in only if that all succeeds.

        Never raises: a failure is returned (and kept in :attr:`last_reload`).
        """
        with self._reload_lock:
            started = time.perf_counter()
            current = self._snapshot
            # the times before loading: an edit saved during a failed load is a change too
            seen = _mtimes(set(self._mtimes) | set(self._watched_paths()))
            try:
                candidate, seen = self._load_settled()
                problem = self.gate(current, candidate) if self.gate is not None else None
            except InputError as exc:
                problem = f"the new graph does not load: {exc}"
            except Exception as exc:  # a bug must not take the server down either
                log.exception("reload failed")
                problem = f"the new graph could not be prepared: {type(exc).__name__}: {exc}"
            now = datetime.now(UTC)
            if problem is not None:
                kept = current.version if current is not None else "nothing"
                result = ReloadResult(
                    False, now, f"{problem}; still serving {kept}", _since(started), trigger
                )
                self._mtimes = seen
                log.error("reload (%s) refused: %s", trigger, result.message)
            else:
                self._snapshot = candidate
                self._mtimes = seen
                result = ReloadResult(
                    True,
                    now,
                    f"loaded {len(candidate.files)} files, {candidate.triples} triples"
                    f"{candidate.origin_note()} (version {candidate.version})",
                    _since(started),
                    trigger,
                )
                log.info("reload (%s): %s", trigger, result.message)
                for note in candidate.notes:
                    log.info("note: %s", note)
            self.last_reload = result
            return result

    def _watched_paths(self) -> tuple[str, ...]:
        return tuple(str(p) for p in self.source.paths)

    def changed(self) -> bool:
        """True when a loaded (or given) file's modification time changed since the last load."""
        watched = set(self._mtimes) | set(self._watched_paths())
        return _mtimes(watched) != {k: v for k, v in self._mtimes.items() if k in watched}

    def health(self) -> dict[str, Any]:
        """What ``/healthz`` reports."""
        snapshot = self.snapshot
        last = self.last_reload
        return {
            "status": "ok" if last is None or last.ok else "degraded",
            "version": snapshot.version,
            "ontologyVersion": snapshot.ontology_version,
            "triples": snapshot.triples,
            "files": len(snapshot.files),
            "loadedAt": snapshot.loaded_at.isoformat(timespec="seconds"),
            "readModel": snapshot.read_model_origin(),
            "lastReload": last.as_json() if last is not None else None,
            # which copy of the ontology, the JSON Schemas and the console's examples, and why
            "ontology": locate_ontology().as_json() if self.source.include_shipped else None,
            "schemas": locate_schemas().as_json(),
            "examples": locate_examples().as_json(),
        }


def _mtimes(paths: Sequence[str] | set[str]) -> dict[str, float]:
    found = {}
    for path in paths:
        try:
            found[path] = Path(path).stat().st_mtime
        except OSError:
            found[path] = -1.0  # a deleted file is a change too
    return found


def _digest(files: Sequence[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(files, key=str):
        sha.update(path.name.encode())
        # read as the load read it: a file swapped for a pipe or a device since then is an
        # InputError (a refused reload), not a reload thread stuck forever
        sha.update(read_input(path))
    return sha.hexdigest()[:12]


def _ontology_version(loaded: LoadedGraph) -> str:
    for ontology in loaded.graph.subjects(None, OWL.Ontology):
        if str(ontology).endswith("/ontology"):
            version = loaded.graph.value(ontology, OWL.versionInfo)
            if isinstance(version, Literal):
                return str(version)
    return "unversioned"


def _since(started: float) -> float:
    return time.perf_counter() - started
