"""Benchmark the consistency checker against a plain pySHACL run, in the same process.

Prints, for the shipped ontology:

- full check without and with the reasoner (our engine),
- one job description checked by focus (``Checker.check_position``),
- pySHACL as our engine drives it when asked to (``engine="pyshacl"``: parsed queries cached),
- the reference: ``pyshacl.validate`` over the same data and shapes, as a user of pySHACL
  would call it (no query caching, no focus, no inference, no skill closure).

Answers are compared before anything is timed: the reference's validation report must hold
the same results as ``check --format shacl`` (focus, source shape and constraint, path, value,
severity), and the pySHACL engine's violations must be the check's, or the benchmark stops.

Targets (issue 3): one position >= 20x faster than the plain pySHACL run; full check with
the reasoner under 10 s. Run: ``python bench/bench_checker.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import Graph

from competency_graph.checking.engine import Checker
from competency_graph.checking.formats import report_graph, report_results
from competency_graph.checking.report import Report
from competency_graph.checking.shapes import shipped_shapes
from competency_graph.graph.files import load_graph

REPO = Path(__file__).resolve().parents[1]
POSITION = "https://w3id.org/competency-graph/id/position/corporate-client-manager"


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and minimum seconds over ``repeat`` runs (after one warm-up run)."""
    action()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), min(runs)


def violations(report: Report) -> set[tuple[str, str, str | None, str | None, str]]:
    """A report's violations as rule, focus, path, value and severity."""
    return {(v.rule_id, v.focus, v.path, v.value, v.severity.value) for v in report.violations}


def same_answers(checker: Checker, pyshacl_engine: Checker, reference: Graph) -> int:
    """The number of results, after asserting that the plain pySHACL run (its report graph
    ``reference``), our check and our pySHACL engine give the same ones."""
    ours = checker.check_graph(reasoner=False, shacl=True)
    theirs = report_results(reference)
    assert report_results(report_graph(ours)) == theirs, "plain pySHACL answers differently"
    engine = pyshacl_engine.check_graph(reasoner=False)
    assert violations(engine) == violations(ours), "the pySHACL engine answers differently"
    return len(theirs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure")
    args = parser.parse_args(argv)

    loaded = load_graph()
    checker = Checker(loaded)
    shapes = shipped_shapes()
    print(
        f"data: {len(loaded.graph)} triples ({len(loaded.files)} files); "
        f"shapes: {len(shapes.graph)} triples; position: {POSITION.rsplit('/', 1)[-1]}"
    )

    def plain_pyshacl() -> Any:
        return pyshacl.validate(
            loaded.graph,
            shacl_graph=shapes.graph,
            inference="none",
            advanced=False,
            allow_warnings=True,
        )

    pyshacl_engine = Checker(loaded, engine="pyshacl")
    compared = same_answers(checker, pyshacl_engine, plain_pyshacl()[1])
    print(f"answers compared before timing: {compared} results, the same in all three")
    repeat = args.repeat
    rows = [
        ("reference: plain pySHACL, whole graph", timed(plain_pyshacl, max(1, repeat // 3))),
        (
            "pySHACL with cached queries, whole graph",
            timed(lambda: pyshacl_engine.check_graph(reasoner=False), 1),
        ),
        (
            "check, whole graph, no reasoner",
            timed(lambda: checker.check_graph(reasoner=False), repeat),
        ),
        ("check, whole graph, with HermiT", timed(lambda: checker.check_graph(reasoner=True), 1)),
        (
            "check, one position by focus",
            timed(lambda: checker.check_position(POSITION), repeat * 3),
        ),
    ]
    reference = rows[0][1][0]
    print(f"{'what':44} {'median s':>10} {'min s':>10} {'vs pySHACL':>11}")
    for name, (median, best) in rows:
        print(f"{name:44} {median:10.4f} {best:10.4f} {reference / median:10.1f}x")
    focused = rows[4][1][0]
    with_reasoner = rows[3][1][0]
    ok_focus = reference / focused >= 20
    ok_full = with_reasoner < 10
    print(
        f"target one position >= 20x faster than plain pySHACL: "
        f"{'met' if ok_focus else 'MISSED'} ({reference / focused:.1f}x)"
    )
    print(
        f"target full check with reasoner < 10 s: {'met' if ok_full else 'MISSED'} "
        f"({with_reasoner:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
