"""Checking at ESCO scale: the whole catalogue over the ESCO store, one position, and pySHACL.

Run:  python bench/bench_esco_check.py [--sample 100] [--store esco.store] [--pyshacl-timeout 900]

Needs the published ESCO data in ../shared/data/esco-v1.1.1 beside the clone (imported into
a scratch store first, unless ``--store`` names one). Measures, in one run on this machine:

- ``competency-graph check --store`` with the whole catalogue, each in a child process (its
  wall time and peak RSS): without the reasoner (json and text reports), with
  ``--skip labels`` (the rule ESCO breaks 140,758 times: English labels only), and with the
  reasoner, which the checker skips with a note at this scale;
- one position checked (``Checker.check_position``, what ``check --position`` and the
  GraphQL ``check(position:)`` run), p50/p99 over sampled ESCO occupations;
- the reference, as the issue took it: pySHACL over the same triples in rdflib, one shape
  (``cgsh:ReportingLine``, which targets every position), no inference: the whole graph,
  and with ``focus_nodes`` one occupation at a time; beside it our checker with that one
  rule, so the ratios compare the same work. rdflib's parse of the triples is timed too.

Answers are compared before any figure is reported: pySHACL's results for that shape, over
the whole graph and for each occupation it checks by focus, must be our checker's results
for the rule (focus, path, value), or the benchmark stops.

With ``BENCH_JSON=FILE`` in the environment the figures are also written there as JSON,
for ``bench/run.py``'s summary table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from figures import format_row

REPO = Path(__file__).resolve().parents[1]
ESCO_DATA = REPO.parent / "shared" / "data" / "esco-v1.1.1"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
REFERENCE_SHAPE = "https://w3id.org/competency-graph/shapes#ReportingLine"
REFERENCE_RULE = "reporting-line"
#: occupations pySHACL checks by focus (each ~40 ms), their answers compared with ours
FOCUS_COMPARED = 20


def figure(name: str, unit: str, ours: float, **references: float) -> dict[str, Any]:
    return {"figure": name, "unit": unit, "ours": ours, "references": references}


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cli_check(store: Path, *options: str) -> tuple[float, float, int, list[str]]:
    """``competency-graph check --store`` in a child: seconds, peak RSS MB, exit code, notes."""
    with tempfile.TemporaryDirectory(prefix="bench-check-") as scratch:
        report = Path(scratch) / "report"
        command = [
            sys.executable,
            __file__,
            "--child",
            "check",
            str(store),
            "-o",
            str(report),
            *options,
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        measured = json.loads(done.stdout.strip().splitlines()[-1])
        notes: list[str] = []
        if "--format" in options and options[options.index("--format") + 1] == "json":
            notes = json.loads(report.read_text(encoding="utf-8"))["notes"]
        return seconds, measured["rss_mb"], measured["exit"], notes


def child_check(store: str, arguments: list[str]) -> dict[str, Any]:
    """Run the CLI in this process (a child of the bench) and report its peak RSS."""
    import resource

    from competency_graph.cli.main import main

    code = 0
    try:
        main(["check", "--store", store, *arguments])
    except SystemExit as exc:
        code = int(exc.code or 0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"exit": code, "rss_mb": rss}


def child_positions(store: str, sample_size: int) -> dict[str, Any]:
    """Our checker over the store: one rule over the whole graph, and sampled positions."""
    from competency_graph.checking.engine import Checker
    from competency_graph.graph.files import load_graph
    from competency_graph.graph.stores.oxigraph import OxigraphStore

    started = time.perf_counter()
    checker = Checker(load_graph(), store=OxigraphStore.open(Path(store)))
    build = time.perf_counter() - started
    started = time.perf_counter()
    one_rule = checker.check_graph(rules=[REFERENCE_RULE], reasoner=False)
    one_rule_seconds = time.perf_counter() - started
    occupations = sample(checker, sample_size)
    # the answers pySHACL's focus runs are compared with (untimed): the rule on one position
    focused = {
        occupation: answers(checker.check_position(occupation, rules=[REFERENCE_RULE]))
        for occupation in occupations[:FOCUS_COMPARED]
    }
    checker.check_position(occupations[0])  # warm-up: compiles the shapes
    times = []
    violations = 0
    for occupation in occupations:
        started = time.perf_counter()
        report = checker.check_position(occupation)
        times.append((time.perf_counter() - started) * 1000)
        violations += len(report.violations)
    times.sort()
    return {
        "build_seconds": build,
        "one_rule_seconds": one_rule_seconds,
        "one_rule_violations": len(one_rule.violations),
        "one_rule_answers": answers(one_rule),
        "focused_answers": focused,
        "p50_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "positions": len(occupations),
        "violations": violations,
        "occupations": occupations,
    }


def answers(report: Any) -> list[list[str]]:
    """A report's violations as sorted [focus, path, value] ("" for none), JSON-ready."""
    found = {(v.focus, v.path or "", v.value or "") for v in report.violations}
    return [list(row) for row in sorted(found)]


def pyshacl_answers(results: Any) -> list[list[str]]:
    """A pySHACL report's results in the form of :func:`answers`: the value as our reports
    show it, none where SHACL repeats the focus node for a constraint that binds no value."""
    from rdflib.namespace import RDF

    from competency_graph.checking.violations import node_text
    from competency_graph.namespaces import SH

    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shown = "" if value is None or value == focus else node_text(value)
        found.add((str(focus), str(path) if path is not None else "", shown))
    return [list(row) for row in sorted(found)]


def sample(checker: Any, size: int) -> list[str]:
    """Every ``len / size``-th ESCO occupation, in IRI order."""
    from rdflib.namespace import RDF

    from competency_graph.namespaces import CG

    positions = checker.working.subjects(RDF.type, CG.Position)
    found = sorted(str(p) for p in positions if str(p).startswith(ESCO_OCCUPATION))
    return found[:: max(1, len(found) // size)][:size]


def child_pyshacl(store: str, occupations: list[str]) -> dict[str, Any]:
    """The reference: pySHACL over the same triples in rdflib, one shape, no inference."""
    import pyoxigraph as ox
    import pyshacl
    from rdflib import Graph, URIRef

    from competency_graph.checking.shapes import shipped_shapes
    from competency_graph.graph.files import load_graph

    started = time.perf_counter()
    data = ox.Store.read_only(store).dump(
        format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
    )
    graph = Graph().parse(data=data, format="nt")
    del data
    graph += load_graph().graph  # as shipped: the shapes need no closure the checker derives
    load = time.perf_counter() - started
    shapes = shipped_shapes().graph
    started = time.perf_counter()
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", use_shapes=[REFERENCE_SHAPE]
    )
    whole = time.perf_counter() - started
    times = []
    focused = {}
    for occupation in occupations:
        started = time.perf_counter()
        _, found, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            use_shapes=[REFERENCE_SHAPE],
            focus_nodes=[URIRef(occupation)],
        )
        times.append((time.perf_counter() - started) * 1000)
        focused[occupation] = pyshacl_answers(found)
    times.sort()
    return {
        "load_seconds": load,
        "whole_seconds": whole,
        "conforms": bool(conforms),
        "answers": pyshacl_answers(results),
        "focused_answers": focused,
        "p50_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "calls": len(times),
    }


def in_child(*arguments: str, timeout: float | None = None) -> dict[str, Any] | None:
    """Run this script as ``--child ...``; its last output line is JSON (None: timed out)."""
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", *arguments],
            capture_output=True,
            text=True,
            check=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description="ESCO-scale checking benchmark")
    parser.add_argument("--sample", type=int, default=100, help="occupations checked one by one")
    parser.add_argument("--store", type=Path, help="an ESCO store made by `import esco`")
    parser.add_argument("--pyshacl-timeout", type=float, default=900.0, help="seconds")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        phase, store, *rest = args.child
        if phase == "check":
            print(json.dumps(child_check(store, rest)))
        elif phase == "positions":
            print(json.dumps(child_positions(store, int(rest[0]))))
        else:
            print(json.dumps(child_pyshacl(store, json.loads(rest[0]))))
        return 0
    if args.store is None and not (ESCO_DATA / "relations-csv.zip").is_file():
        print(f"skipped: no ESCO data at {ESCO_DATA}")
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-esco-check-") as scratch:
        store = args.store
        if store is None:
            store = Path(scratch) / "esco.store"
            progress("importing ESCO")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "competency_graph",
                    "import",
                    "esco",
                    str(ESCO_DATA),
                    "-o",
                    str(store),
                    "--no-progress",
                ],
                check=True,
                capture_output=True,
            )
        rows = measure(store, args)
    for row in rows:
        print(format_row(row))
    target = os.environ.get("BENCH_JSON")
    if target:
        Path(target).write_text(json.dumps({"bench": "check", "rows": rows}), encoding="utf-8")
    return 0


def compare_answers(ours: dict[str, Any], reference: dict[str, Any]) -> None:
    """Stop unless pySHACL found what our checker found, over the whole graph and for each
    occupation checked by focus (the figures would compare different work otherwise)."""
    assert reference["answers"] == ours["one_rule_answers"], (
        f"{REFERENCE_RULE}: pySHACL found {len(reference['answers'])} results, "
        f"the checker {len(ours['one_rule_answers'])}"
    )
    for occupation, found in reference["focused_answers"].items():
        assert found == ours["focused_answers"][occupation], f"{occupation}: answers differ"
    print(
        f"answers compared: {len(ours['one_rule_answers'])} {REFERENCE_RULE} results over the "
        f"whole graph and {len(reference['focused_answers'])} occupations by focus, the same"
    )


def measure(store: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    runs = [
        ("check --store, all rules, no reasoner (json)", ["--no-reasoner", "--format", "json"]),
        ("check --store, all rules, no reasoner (text)", ["--no-reasoner", "--format", "text"]),
        ("check --store --skip labels, no reasoner", ["--no-reasoner", "--skip", "labels"]),
        ("check --store, all rules, with reasoner", ["--format", "json"]),
    ]
    for name, options in runs:
        progress(name)
        seconds, rss, code, notes = cli_check(store, *options)
        rows.append(figure(name, "s", seconds))
        outcome = "exit 1: violations" if code == 1 else f"exit {code}"
        rows.append(figure(f"  its peak RSS ({outcome})", "MB", rss))
        for note in notes:
            if note.startswith("owl-consistency not run"):
                print(f"note: {note}")
    progress(f"one position, {args.sample} sampled occupations")
    ours = in_child("positions", str(store), str(args.sample))
    assert ours is not None
    progress("pySHACL reference (rdflib parse, one shape, no inference)")
    reference = in_child(
        "pyshacl",
        str(store),
        json.dumps(ours["occupations"][:FOCUS_COMPARED]),
        timeout=args.pyshacl_timeout,
    )
    if reference is None:
        print(f"pySHACL reference: no answer within {args.pyshacl_timeout:.0f} s")
        reference = {"load_seconds": float("inf"), "whole_seconds": float("inf")}
        reference |= {"p50_ms": float("inf"), "p99_ms": float("inf")}
    else:
        compare_answers(ours, reference)
    rows.append(
        figure(
            f"{REFERENCE_RULE} only, whole graph (after loading)",
            "s",
            ours["one_rule_seconds"],
            pySHACL=reference["whole_seconds"],
        )
    )
    rows.append(
        figure(
            "load the store + ontology for checking",
            "s",
            ours["build_seconds"],
            **{"rdflib parse (pySHACL)": reference["load_seconds"]},
        )
    )
    position = figure(
        "one position (p50 | p99)",
        "ms",
        ours["p50_ms"],
        **{"pySHACL focus, one shape": reference["p50_ms"]},
    )
    position["p99"] = {"ours": ours["p99_ms"], "pySHACL focus, one shape": reference["p99_ms"]}
    rows.append(position)
    return rows


if __name__ == "__main__":
    sys.exit(main())
