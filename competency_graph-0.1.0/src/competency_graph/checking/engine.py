"""The :class:`Checker`: select the rules, dispatch their shapes to the back ends, order the
violations.

The checker reads one in-memory pyoxigraph store (:class:`~.working.WorkingGraph`): the
loaded files, a store's triples when one is given (``check --store esco.store``), and the
skill closure. Its parts:

- :mod:`.rules` and :mod:`.shapes`: the rule catalogue, and the SHACL shapes implementing it;
- :mod:`.scope`: the entities one position's check reports on, worked out once;
- :mod:`.backends`: compiled SPARQL on the oxigraph store (the default), pySHACL (asked for
  with ``engine="pyshacl"``, or for a shape the compiler does not translate: named in the
  report's notes), HermiT (owl-consistency);
- :mod:`.violations`: a back end's result as a located, labelled violation.

Two ways to check: :meth:`Checker.check_graph` validates the whole graph against the
selected rules; :meth:`Checker.check_position` checks one position (its job descriptions,
duties, rights, responsibilities, requirements and vacancies); its result is the full
run's result restricted to the position's entities (a test holds the two to the same
answers on the same defects).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import cached_property

from rdflib import Graph

from competency_graph.checking.backends import hermit
from competency_graph.checking.backends.compiled import CompiledBackend, Fallback
from competency_graph.checking.backends.evaluators import (
    RuleEvaluator,
    evaluator_class,
    violation_of,
)
from competency_graph.checking.backends.pyshacl import PyshaclBackend, with_skill_closure
from competency_graph.checking.causes import root_causes
from competency_graph.checking.focus import StoreReader, focused_working_graph
from competency_graph.checking.report import Report, Violation
from competency_graph.checking.rules import select_rules
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.shapes import Shapes, shipped_shapes
from competency_graph.checking.violations import Finding, ViolationBuilder, stable_order
from competency_graph.checking.working import WorkingGraph
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.stores import GraphStore
from competency_graph.model.rules import OWL_CONSISTENCY, Rule, read_rules
from competency_graph.namespaces import CG

#: how SHACL constraints are evaluated: compiled to oxigraph queries, or pySHACL itself
ENGINES = ("oxigraph", "pyshacl")


class Checker:
    """Checks one loaded graph, and the store given with it. Build once per graph; methods
    are safe to call repeatedly.

    ``store`` (optional) holds the bulk data (ESCO, or positions kept in a triple store):
    its triples are bulk-loaded with the loaded files into one in-memory oxigraph store,
    which every compiled constraint, label and ownership lookup reads. With ``around`` (a
    position id) the checker checks that one position only, and reads of the store only
    what that check reads (:mod:`.focus`): a few queries instead of a copy of the store.
    """

    def __init__(
        self,
        loaded: LoadedGraph,
        shapes: Shapes | None = None,
        engine: str = "oxigraph",
        store: GraphStore | None = None,
        around: str | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise InputError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
        self.engine = engine
        self.loaded = loaded
        self.source = store
        self.shapes = shapes or shipped_shapes()
        self.around = around if store is not None else None
        #: what a focused checker read of its store (None: the whole store, or none)
        self.reader: StoreReader | None = None
        if store is not None and around is not None:
            self.working, self.reader = focused_working_graph(
                loaded.graph, store, around, self.shapes.graph
            )
        else:
            self.working = WorkingGraph.of(loaded.graph, store)
        self.catalogue = read_rules(self.working.instances(CG.Rule))
        if not self.catalogue:
            raise InputError(
                "the graph holds no consistency rules (cg:Rule); load ontology/rules.ttl"
            )
        self.compiled = CompiledBackend(self.shapes.graph, self.working.store)
        self.violations = ViolationBuilder(self.catalogue, self.shapes, self.working, loaded)
        self._evaluators: dict[str, RuleEvaluator] = {}

    @cached_property
    def graph(self) -> Graph:
        """The working graph as rdflib (skill closure included), for pySHACL; made on first use.

        Without a store it is the loaded graph plus the closure, as pySHACL has always read
        it; with a store, a copy of the working store (slow at ESCO scale, and needed only by
        ``engine="pyshacl"``, a shape the compiler does not take, or HermiT).
        """
        if self.source is None:
            return with_skill_closure(self.loaded.graph)
        return self.working.to_rdflib()

    @cached_property
    def pyshacl(self) -> PyshaclBackend:
        """The pySHACL back end over :attr:`graph`; made on first use."""
        return PyshaclBackend(self.shapes.graph, self.graph)

    # -- public API ------------------------------------------------------------
    def check_graph(
        self,
        lang: str = "en",
        rules: Sequence[str] = (),
        skip: Sequence[str] = (),
        reasoner: bool = True,
        require_reasoner: bool = False,
        shacl: bool = False,
    ) -> Report:
        """Run the selected rules (all by default) over the whole graph.

        ``require_reasoner``: owl-consistency must run (CI); when it cannot (no Java, a graph
        beyond HermiT's size limit) that is an :class:`InputError`, not a note.
        ``shacl`` keeps each violation's RDF terms and its message in every language
        (:attr:`Violation.shacl`, what ``--format shacl`` reports); off, a large report is
        made without them.
        """
        if self.around is not None:
            raise ValueError(f"this checker read only what a check of {self.around} reads")
        if require_reasoner and not reasoner:
            raise InputError("--require-reasoner and --no-reasoner contradict each other")
        started = time.perf_counter()
        selected = select_rules(self.catalogue, tuple(rules), tuple(skip))
        report = self._new_report(selected, lang)
        report.violations.extend(self._run_shapes(selected, lang, None, report, shacl))
        if reasoner and any(rule.id == OWL_CONSISTENCY for rule in selected):
            report.violations.extend(self._run_reasoner(lang, report, require_reasoner))
        elif any(rule.id == OWL_CONSISTENCY for rule in selected):
            report.rules_run.remove(OWL_CONSISTENCY)
            report.notes.append("owl-consistency skipped (--no-reasoner)")
        report.violations = root_causes(report.violations, self.working, lang)
        report.seconds = time.perf_counter() - started
        return report

    def check_position(
        self,
        position: str,
        lang: str = "en",
        rules: Sequence[str] = (),
        skip: Sequence[str] = (),
        shacl: bool = False,
    ) -> Report:
        """Check one position and what belongs to it, without validating everything.

        ``position`` is any id form of :mod:`competency_graph.model.ids`; one that names no
        position of the graph is an :class:`~competency_graph.errors.UnknownIdError`.
        ``shacl`` as in :meth:`check_graph`.
        """
        if self.around is not None and position != self.around:
            raise ValueError(f"this checker read only what a check of {self.around} reads")
        started = time.perf_counter()
        scope = PositionScope.of(self.working, position)
        selected = [
            r
            for r in select_rules(self.catalogue, tuple(rules), tuple(skip))
            if r.id != OWL_CONSISTENCY
        ]
        report = self._new_report(selected, lang)
        report.violations.extend(self._run_shapes(selected, lang, scope, report, shacl))
        report.violations = root_causes(report.violations, self.working, lang)
        report.seconds = time.perf_counter() - started
        return report

    # -- internals ---------------------------------------------------------------
    def _new_report(self, selected: list[Rule], lang: str) -> Report:
        return Report(
            rules_run=[rule.id for rule in selected],
            files=[str(path) for path in self.loaded.files],
            lang=lang,
            # what loading did (a job description file replacing an older edition)
            notes=list(self.loaded.notes),
        )

    def _run_shapes(
        self,
        selected: list[Rule],
        lang: str,
        scope: PositionScope | None,
        report: Report,
        shacl: bool = False,
    ) -> list[Violation]:
        """The selected rules' shapes through the back end chosen, and their Python
        evaluators, in the report's order."""
        self.violations.label.new_report()
        evaluated = self._run_evaluators(selected, lang, scope)
        shapes = self.shapes.of_rules(selected)
        if not shapes:
            return sorted(set(evaluated), key=stable_order)
        findings: list[Finding]
        if self.engine == "pyshacl":
            findings = self.pyshacl.findings(shapes, scope)
        else:
            compiled = self.compiled.compile(shapes)
            findings = list(self.compiled.findings(compiled, scope))
            if compiled.fallbacks:
                report.notes.extend(self._fallback_note(f) for f in compiled.fallbacks)
                fallback_shapes = [fallback.shape for fallback in compiled.fallbacks]
                findings.extend(self.pyshacl.findings(fallback_shapes, scope))
        built = (self.violations.from_finding(finding, lang, shacl) for finding in findings)
        return sorted({v for v in built if v is not None} | set(evaluated), key=stable_order)

    def _run_evaluators(
        self, selected: list[Rule], lang: str, scope: PositionScope | None
    ) -> list[Violation]:
        """The violations the selected rules' Python evaluators find (see
        :mod:`.backends.evaluators`); a position's check keeps those on its entities."""
        found: list[Violation] = []
        for rule in selected:
            evaluator = self._evaluator(rule.id)
            if evaluator is None:
                continue
            for finding in evaluator.findings(scope):
                if scope is None or finding.focus in scope.owned:
                    found.append(violation_of(self.violations, rule, finding, lang))
        return found

    def _evaluator(self, rule_id: str) -> RuleEvaluator | None:
        if rule_id not in self._evaluators:
            cls = evaluator_class(rule_id)
            if cls is None:
                return None
            self._evaluators[rule_id] = cls(self.working)
        return self._evaluators[rule_id]

    def _fallback_note(self, fallback: Fallback) -> str:
        rule = self.shapes.rule_of_shape.get(fallback.shape, "?")
        shape = self.shapes.graph.namespace_manager.normalizeUri(fallback.shape)
        return f"rule {rule}: shape {shape} {fallback.reason}, checked by pySHACL (slow)"

    def _run_reasoner(self, lang: str, report: Report, required: bool) -> list[Violation]:
        rule = self.catalogue[OWL_CONSISTENCY]
        too_large = hermit.too_large(len(self.working))
        if too_large is not None:
            return self._reasoner_not_run(too_large, report, required)
        report.reasoner_used = True
        try:
            result = hermit.run_hermit(self.graph if self.source is not None else self.loaded.graph)
        except hermit.ReasonerUnavailable as exc:
            report.reasoner_used = False
            return self._reasoner_not_run(str(exc), report, required)
        return self.violations.from_reasoner(rule, result, lang)

    @staticmethod
    def _reasoner_not_run(why: str, report: Report, required: bool) -> list[Violation]:
        """A note and a visible line in the report, or with ``required`` an error."""
        reason = f"owl-consistency not run: {why}"
        if required:
            raise InputError(f"{reason} (--require-reasoner)")
        report.notes.append(reason)
        report.not_run.append(reason)
        report.rules_run.remove(OWL_CONSISTENCY)
        return []
