"""ESCO at scale: import, restart, memory, and three questions against the SPARQL engines.

Run:  python bench/bench_esco.py [--sample 100] [--rdflib-calls 3]

Needs the published ESCO data in ../shared/data/esco-v1.1.1 beside the clone. Measures,
in one run on this machine:

- ``import esco`` of the published zips into a fresh on-disk store, then building its read
  model and caching it in the store folder, as the command does at its end (in a child
  process: each step's time, and the peak RSS);
- restart, each in a fresh child process: reopening the store and getting the served read
  model ready the way ``serve --store`` starts (``GraphState.start`` over the store), which
  reads the read-model cache (best of three starts, and its CPU time); as the reference, the
  same without the cache (reopen, bulk read, build); and end to end, ``competency-graph
  serve --store STORE --get /healthz`` from process start to the answer (interpreter start
  and imports included; best of three);
- p50/p99 of three questions over sampled occupations, each answered by us (GraphQL,
  parsed document cached, over the read model), by pyoxigraph SPARQL on the on-disk
  store and by rdflib SPARQL on the same triples in memory; the answers are compared
  before timing:

  * an occupation's skills (``position { requirements { necessity skill } }``),
  * ``skillGap(position, have)`` (five skills of another occupation),
  * ``matchPositions(have, first: 10)`` over every occupation, its first ranking of each
    profile and the same profiles again (the closure of a skill is worked out when a profile
    first holds it, then kept), beside a plain dict index built up front as well.

``--only-match STORE`` times the matchPositions rows alone over a store ``import esco``
already wrote (pyoxigraph and the dict index as references; no import, restart or rdflib).

With ``BENCH_JSON=FILE`` in the environment the figures are also written there as JSON,
for ``bench/run.py``'s summary table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from figures import format_rows
from graphql import execute, parse
from rdflib import Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from competency_graph.api.context import ApiContext
from competency_graph.api.schema import graphql_schema
from competency_graph.graph.files import load_graph
from competency_graph.graph.index import TripleIndex
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.model.cache import load_read_model
from competency_graph.model.readmodel import ReadModel, build_read_model_from_index
from competency_graph.namespaces import PREFIXES

REPO = Path(__file__).resolve().parents[1]
ESCO_DATA = REPO.parent / "shared" / "data" / "esco-v1.1.1"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
PREFIX_LINES = "\n".join(f"PREFIX {p}: <{n}>" for p, n in PREFIXES.items()) + "\n"

SKILLS_QUERY = "query($id: ID!) { position(id: $id) { requirements { necessity skill { iri } } } }"
GAP_QUERY = (
    "query($p: ID!, $have: [ID!]!) { skillGap(position: $p, have: $have) { "
    "missingEssential { skill { iri } } missingOptional { skill { iri } } } }"
)
MATCH_QUERY = (
    "query($have: [ID!]!) { matchPositions(have: $have, first: 10) { position { iri } score } }"
)
SKILLS_SPARQL = """SELECT ?occ ?skill ?necessity WHERE {
    ?occ cg:hasRequirement ?r . ?r cg:requiredSkill ?skill ; cg:necessity ?necessity }"""
# the bench writes its own skill IRIs into VALUES (the product never pastes strings)
GAP_SPARQL = """SELECT ?occ ?skill ?necessity WHERE {
    ?occ cg:hasRequirement ?r . ?r cg:requiredSkill ?skill ; cg:necessity ?necessity .
    FILTER NOT EXISTS { VALUES ?h { %s } ?h skos:broader* ?skill } }"""
MATCH_SPARQL = """SELECT ?occ ?total ?got ?gaps WHERE {
  { SELECT ?occ (SUM(?w) AS ?total) (SUM(IF(?w = 2, 1, 0)) AS ?etotal) WHERE {
      ?occ cg:hasRequirement ?r . ?r cg:requiredSkill ?skill ; cg:necessity ?n .
      BIND(IF(?n = cg:essential, 2, 1) AS ?w) } GROUP BY ?occ }
  { SELECT ?occ (SUM(?v) AS ?got) (SUM(IF(?v = 2, 1, 0)) AS ?emet) WHERE {
      { SELECT DISTINCT ?met WHERE { VALUES ?h { %s } ?h skos:broader* ?met } }
      ?q cg:requiredSkill ?met ; cg:necessity ?m . ?occ cg:hasRequirement ?q .
      BIND(IF(?m = cg:essential, 2, 1) AS ?v) } GROUP BY ?occ }
  BIND(?etotal - ?emet AS ?gaps)
} ORDER BY DESC(?got / ?total) ?gaps ?occ LIMIT 10"""


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux: ru_maxrss is in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- child processes: each phase's own time and peak memory ---------------------------------
def child_import(store: str) -> dict[str, float]:
    """What ``import esco`` does: the store, then the read model from the rows it read,
    cached in the store folder."""
    from competency_graph.importers.esco import import_esco
    from competency_graph.importers.esco_model import esco_read_model
    from competency_graph.model.cache import load_read_model

    started = time.perf_counter()
    result = import_esco(ESCO_DATA, Path(store), progress=False)
    store_seconds = time.perf_counter() - started
    found = result.classification
    assert found is not None

    def from_rows(loaded: Any) -> ReadModel | None:
        return esco_read_model(found, loaded.graph, result.triples)

    cached = load_read_model(
        Source(store=OxigraphStore.open(Path(store))), "rebuild", build=from_rows
    )
    assert cached.cache.startswith("written"), cached.cache
    return {
        "seconds": store_seconds,
        "cache_seconds": time.perf_counter() - started - store_seconds,
        "total_seconds": time.perf_counter() - started,
        "rss_mb": peak_rss_mb(),
        "triples": result.triples,
    }


def child_import_references(store: str) -> dict[str, float]:
    """The same data by the references: pyoxigraph bulk-loading the store's own N-Triples
    into a new on-disk store, and a plain dict index (occupation -> skills) built from the
    published CSV rows."""
    import csv
    import io
    import zipfile

    data = ox.Store.read_only(store).dump(
        format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
    )
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as scratch:
        started = time.perf_counter()
        fresh = ox.Store(scratch)
        fresh.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        fresh.flush()
        bulk = time.perf_counter() - started
        del fresh
    started = time.perf_counter()
    index: dict[str, list[tuple[str, str]]] = {}
    with (
        zipfile.ZipFile(ESCO_DATA / "relations-csv.zip") as archive,
        archive.open("occupationSkillRelations.csv") as raw,
    ):
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            index.setdefault(row["occupationUri"], []).append(
                (row["skillUri"], row["relationType"])
            )
    return {"bulk_seconds": bulk, "dict_seconds": time.perf_counter() - started}


def child_restart_cached(store: str) -> dict[str, float]:
    """What ``serve --store STORE`` does before it answers, over a store with its cache."""
    from competency_graph.server.state import GraphState, error_gate

    started, cpu = time.perf_counter(), time.process_time()
    opened = OxigraphStore.open(Path(store))
    state = GraphState(Source(store=opened), gate=error_gate)
    snapshot = state.start()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    cached = snapshot.read_model_origin()["source"] == "cache"
    return {"seconds": seconds, "cpu_seconds": cpu, "rss_mb": peak_rss_mb(), "cached": cached}


def serve_end_to_end(store: Path | None) -> float:
    """Seconds from starting ``competency-graph serve --store STORE --get /healthz`` to its
    answer (a fresh interpreter: start, imports, reopening, the read model, one request);
    -1 when the read model did not come from the cache. Without a store: the shipped
    ontology alone, for comparison."""
    command = ["serve", "--get", "/healthz", "--log-level", "warning"]
    command += ["--store", str(store)] if store is not None else []
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-m", "competency_graph", *command],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    seconds = time.perf_counter() - started
    expected = "cache" if store is not None else "files"
    return seconds if json.loads(output)["readModel"]["source"] == expected else -1.0


def from_cache(measure: Callable[[], float], times: int = 3) -> float:
    """The best of ``times`` starts from the cache, each ``measure()`` (the machine is shared:
    the best is the start least disturbed). Others may edit the ontology during a run: a
    start that missed the cache (and so rewrote it) is not counted."""
    found = []
    for _ in range(times + 2):
        seconds = measure()
        if seconds >= 0:
            found.append(seconds)
        else:
            progress("the cache was out of date (a file changed meanwhile): not counted")
        if len(found) == times:
            break
    assert found, "every start missed the read-model cache"
    return min(found)


def child_restart(store: str) -> dict[str, float]:
    started = time.perf_counter()
    opened = OxigraphStore.open(Path(store))
    reopen = time.perf_counter() - started
    started = time.perf_counter()
    ontology = load_graph().graph
    ontology_seconds = time.perf_counter() - started
    started = time.perf_counter()
    index = TripleIndex.of(opened, ontology)
    read = time.perf_counter() - started
    model = build_read_model_from_index(index)
    build = time.perf_counter() - started
    return {
        "reopen_seconds": reopen,
        "ontology_seconds": ontology_seconds,
        "read_seconds": read,
        "model_seconds": build,
        "rss_mb": peak_rss_mb(),
        "positions": len(model.positions),
    }


def in_child(phase: str, store: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", phase, str(store)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return found


# -- timing -------------------------------------------------------------------------------------
def percentiles(function: Callable[[Any], Any], inputs: list[Any]) -> tuple[float, float, int]:
    """(p50 ms, p99 ms, calls) of ``function`` over ``inputs`` (after one warm-up call)."""
    function(inputs[0])
    times = []
    for argument in inputs:
        started = time.perf_counter()
        function(argument)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, len(times)


class Engines:
    """The three ways of answering, over the same ESCO triples."""

    def __init__(self, store_path: Path, model: ReadModel, graph: Graph) -> None:
        self.model = model
        self.schema = graphql_schema()
        self.context = ApiContext(model=model)
        self.documents = {q: parse(q) for q in (SKILLS_QUERY, GAP_QUERY, MATCH_QUERY)}
        self.store = ox.Store.read_only(str(store_path))
        self.graph = graph
        self.prepared_skills = prepareQuery(SKILLS_SPARQL, initNs=PREFIXES)

    def graphql(self, query: str, **variables: Any) -> Any:
        result = execute(
            self.schema,
            self.documents[query],
            context_value=self.context,
            variable_values=variables,
        )
        assert not result.errors, result.errors  # type: ignore[union-attr]
        return result.data  # type: ignore[union-attr]

    def oxigraph_rows(self, text: str, occupation: str | None = None) -> list[tuple[str, ...]]:
        substitutions = {ox.Variable("occ"): ox.NamedNode(occupation)} if occupation else None
        solutions = self.store.query(PREFIX_LINES + text, substitutions=substitutions)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        return [tuple(_text(s[n]) for n in names) for s in solutions]

    def rdflib_rows(self, query: Any, occupation: str | None = None) -> list[tuple[str, ...]]:
        bindings = {"occ": URIRef(occupation)} if occupation else {}
        return [
            tuple(_text(v) for v in row) for row in self.graph.query(query, initBindings=bindings)
        ]  # type: ignore[union-attr]


def _text(term: Any) -> str:
    if term is None:
        return ""
    return str(term.value) if hasattr(term, "value") and not isinstance(term, URIRef) else str(term)


def main() -> int:
    parser = argparse.ArgumentParser(description="ESCO-scale benchmark")
    parser.add_argument("--sample", type=int, default=100, help="occupations per question")
    parser.add_argument("--rdflib-calls", type=int, default=1, help="rdflib matchPositions calls")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument(
        "--only-match",
        metavar="STORE",
        type=Path,
        help="time only matchPositions, over a store `import esco` already wrote (no import, "
        "no restarts, no rdflib)",
    )
    args = parser.parse_args()
    if args.child:
        phase, store = args.child
        phases = {
            "import": child_import,
            "import-references": child_import_references,
            "restart": child_restart,
            "restart-cached": child_restart_cached,
        }
        print(json.dumps(phases[phase](store)))
        return 0
    if args.only_match:
        return only_match(args.only_match, args.sample)
    if not (ESCO_DATA / "relations-csv.zip").is_file():
        print(f"skipped: no ESCO data at {ESCO_DATA}")
        return 0

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-esco-") as scratch:
        store_path = Path(scratch) / "esco.store"
        progress("importing ESCO (child process)")
        imported = in_child("import", store_path)
        import_references = in_child("import-references", store_path)
        progress("restarting from the store and its cache (child processes)")
        starts: list[dict[str, float]] = []

        def cached_start() -> float:
            found = in_child("restart-cached", store_path)
            if not found["cached"]:
                return -1.0
            starts.append(found)
            return found["seconds"]

        cached = from_cache(cached_start)
        end_to_end = from_cache(lambda: serve_end_to_end(store_path))
        no_store = from_cache(lambda: serve_end_to_end(None))
        progress("restarting from the store without the cache (child process)")
        restarted = in_child("restart", store_path)
        without_cache = sum(
            restarted[k] for k in ("reopen_seconds", "ontology_seconds", "model_seconds")
        )
        rows += [
            figure(
                "import esco in all: store + read model + cache",
                "s",
                imported["total_seconds"],
                **{
                    "pyoxigraph bulk_load, store only": import_references["bulk_seconds"],
                    "dict index from the CSV": import_references["dict_seconds"],
                },
            ),
            figure("  of which: read the CSV, write the store", "s", imported["seconds"]),
            figure("  of which: read model from the rows, cached", "s", imported["cache_seconds"]),
            figure("peak RSS of the import (with the cache step)", "MB", imported["rss_mb"]),
            figure(
                "restart: reopen + read model ready (cache)",
                "s",
                cached,
                **{"without the cache": without_cache},
            ),
            figure("  its CPU time", "s", min(s["cpu_seconds"] for s in starts)),
            figure(
                "restart end to end: serve --get /healthz",
                "s",
                end_to_end,
                **{"the same without a store": no_store},
            ),
            figure("peak RSS of the restart (cache)", "MB", max(s["rss_mb"] for s in starts)),
            figure(
                "without cache: reopen the on-disk store", "ms", restarted["reopen_seconds"] * 1000
            ),
            figure(
                "without cache: read model from store + ontology", "s", restarted["model_seconds"]
            ),
            figure("  of which: bulk read of the store, indexed", "s", restarted["read_seconds"]),
            figure("peak RSS of the restart without cache", "MB", restarted["rss_mb"]),
        ]

        progress("read model (from its cache) and rdflib graph for the questions")
        model = load_read_model(Source(store=OxigraphStore.open(store_path))).model
        started = time.perf_counter()
        data = ox.Store.read_only(str(store_path)).dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
        )
        graph = Graph().parse(data=data, format="nt")
        rdflib_load = time.perf_counter() - started
        del data
        engines = Engines(store_path, model, graph)
        rows.append(figure("rdflib: parse the same triples (reference)", "s", rdflib_load))

        sample, profiles = sampled(model, args.sample)

        progress("an occupation's skills")
        rows.append(compare_skills(engines, sample))
        progress("skillGap")
        rows.append(compare_gap(engines, profiles))
        progress("matchPositions")
        rows += compare_match(engines, profiles, args.rdflib_calls)
        rows.append(figure("peak RSS of this process (model + rdflib graph)", "MB", peak_rss_mb()))

    print_table(rows, len(model.positions), len(graph))
    target = os.environ.get("BENCH_JSON")
    if target:
        Path(target).write_text(json.dumps({"bench": "esco", "rows": rows}), encoding="utf-8")
    return 0


def sampled(model: ReadModel, size: int) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Every n-th ESCO occupation, and a profile for each: (occupation, five skills of the
    next sampled occupation)."""
    occupations = sorted(p for p in model.positions if p.startswith(ESCO_OCCUPATION))
    step = max(1, len(occupations) // size)
    sample = occupations[::step][:size]
    profiles = []
    for index, occupation in enumerate(sample):
        other = sample[(index + 1) % len(sample)]
        profiles.append((occupation, sorted(model.required_skills(other))[:5]))
    return sample, profiles


def only_match(store_path: Path, size: int) -> int:
    """``--only-match STORE``: the matchPositions row alone (pyoxigraph and a plain dict index
    as references; no rdflib), over a store already imported."""
    progress("read model (from its cache, or built and cached)")
    model = load_read_model(Source(store=OxigraphStore.open(store_path))).model
    engines = Engines(store_path, model, Graph())
    _, profiles = sampled(model, size)
    progress("matchPositions")
    rows = compare_match(engines, profiles, 0)
    print_table(rows, len(model.positions), 0)
    return 0


class PlainIndex:
    """The reference: the same ranking from plain dicts built up front (skill -> (position,
    weight), the totals, each skill's broader closure), as ``MATCH_SPARQL`` asks for it."""

    def __init__(self, model: ReadModel) -> None:
        self.ancestors = model.ancestors
        self.asking: dict[str, list[tuple[str, float]]] = {}
        self.totals: dict[str, float] = {}
        self.essential: dict[str, int] = {}
        for skill, pairs in model.position_requirements_by_skill.items():
            for position, key in pairs:
                weight = 2.0 if model.requirements[key].necessity == "essential" else 1.0
                self.asking.setdefault(skill, []).append((position, weight))
                self.totals[position] = self.totals.get(position, 0.0) + weight
                self.essential[position] = self.essential.get(position, 0) + (weight == 2.0)

    def ranking(self, have: list[str]) -> list[tuple[str, float]]:
        met: set[str] = set()
        for skill in have:
            met |= self.ancestors.get(skill, frozenset((skill,)))
        got: dict[str, float] = {}
        essential: dict[str, int] = {}
        for need in met:
            for position, weight in self.asking.get(need, ()):
                got[position] = got.get(position, 0.0) + weight
                essential[position] = essential.get(position, 0) + (weight == 2.0)
        scores = sorted(
            (-round(g / self.totals[p], 4), self.essential[p] - essential[p], p)
            for p, g in got.items()
        )
        return [(p, -score) for score, _, p in scores[:10]]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def figure(name: str, unit: str, ours: float, **references: float) -> dict[str, Any]:
    return {"figure": name, "unit": unit, "ours": ours, "references": references}


def compare_skills(engines: Engines, sample: list[str]) -> dict[str, Any]:
    def ours(occupation: str) -> set[tuple[str, str]]:
        answer = engines.graphql(SKILLS_QUERY, id=occupation)["position"]["requirements"]
        return {(r["skill"]["iri"], r["necessity"].lower()) for r in answer}

    def with_oxigraph(occupation: str) -> set[tuple[str, str]]:
        rows = engines.oxigraph_rows(SKILLS_SPARQL, occupation)
        return {(skill, necessity.rsplit("#", 1)[1]) for _, skill, necessity in rows}

    def with_rdflib(occupation: str) -> set[tuple[str, str]]:
        rows = engines.rdflib_rows(engines.prepared_skills, occupation)
        return {(skill, necessity.rsplit("#", 1)[1]) for _, skill, necessity in rows}

    # the floor: a plain dict of (skill, necessity) per occupation, built once beforehand
    index = {
        occupation: {(s, r.necessity) for s, r in engines.model.required_skills(occupation).items()}
        for occupation in sample
    }

    def with_dict(occupation: str) -> set[tuple[str, str]]:
        return index[occupation]

    for occupation in sample[:10]:
        assert ours(occupation) == with_oxigraph(occupation) == with_rdflib(occupation)
        assert ours(occupation) == with_dict(occupation)
    row = timed("an occupation's skills (p50 | p99)", sample, ours, with_oxigraph, with_rdflib)
    d50, d99, d_calls = percentiles(with_dict, sample)
    row["references"]["plain dict index"] = d50
    row["p99"]["plain dict index"] = d99
    row["calls"]["plain dict index"] = d_calls
    return row


def compare_gap(engines: Engines, profiles: list[tuple[str, list[str]]]) -> dict[str, Any]:
    prepared = {}
    for _, skills in profiles:
        text = GAP_SPARQL % " ".join(f"<{s}>" for s in skills)
        prepared[tuple(skills)] = (text, prepareQuery(text, initNs=PREFIXES))

    def ours(profile: tuple[str, list[str]]) -> set[tuple[str, str]]:
        occupation, skills = profile
        gap = engines.graphql(GAP_QUERY, p=occupation, have=skills)["skillGap"]
        return {(r["skill"]["iri"], "essential") for r in gap["missingEssential"]} | {
            (r["skill"]["iri"], "optional") for r in gap["missingOptional"]
        }

    def with_oxigraph(profile: tuple[str, list[str]]) -> set[tuple[str, str]]:
        occupation, skills = profile
        rows = engines.oxigraph_rows(prepared[tuple(skills)][0], occupation)
        return {(skill, necessity.rsplit("#", 1)[1]) for _, skill, necessity in rows}

    def with_rdflib(profile: tuple[str, list[str]]) -> set[tuple[str, str]]:
        occupation, skills = profile
        rows = engines.rdflib_rows(prepared[tuple(skills)][1], occupation)
        return {(skill, necessity.rsplit("#", 1)[1]) for _, skill, necessity in rows}

    for profile in profiles[:10]:
        assert ours(profile) == with_oxigraph(profile) == with_rdflib(profile)
    return timed("skillGap (p50 | p99)", profiles, ours, with_oxigraph, with_rdflib)


def compare_match(
    engines: Engines, profiles: list[tuple[str, list[str]]], rdflib_calls: int
) -> list[dict[str, Any]]:
    """The matchPositions rows: the profiles' first rankings (each profile's skills met for
    the first time: their closures are worked out then and kept), and the same profiles
    again, beside pyoxigraph SPARQL, a plain dict index built up front and rdflib."""
    texts = {tuple(s): MATCH_SPARQL % " ".join(f"<{x}>" for x in s) for _, s in profiles}

    def ours(profile: tuple[str, list[str]]) -> list[tuple[str, float]]:
        found = engines.graphql(MATCH_QUERY, have=profile[1])["matchPositions"]
        return [(m["position"]["iri"], round(m["score"], 4)) for m in found]

    def ranked(rows: list[tuple[str, ...]]) -> list[tuple[str, float]]:
        return [(occ, round(float(got) / float(total), 4)) for occ, total, got, _ in rows]

    def with_oxigraph(profile: tuple[str, list[str]]) -> list[tuple[str, float]]:
        return ranked(engines.oxigraph_rows(texts[tuple(profile[1])]))

    plain = PlainIndex(engines.model)

    def with_dicts(profile: tuple[str, list[str]]) -> list[tuple[str, float]]:
        return plain.ranking(profile[1])

    prepared = {}

    def with_rdflib(profile: tuple[str, list[str]]) -> list[tuple[str, float]]:
        key = tuple(profile[1])
        if key not in prepared:
            prepared[key] = prepareQuery(texts[key], initNs=PREFIXES)
        return ranked(engines.rdflib_rows(prepared[key]))

    # first: every engine answers alike (on three profiles, which that warms)
    for profile in profiles[-3:]:
        assert ours(profile) == with_oxigraph(profile) == with_dicts(profile), profile
    first = timed("matchPositions over all occupations (p50 | p99)", profiles, ours, None, None)
    again = timed("  the same profiles again (closures kept)", profiles, ours, None, None)
    # pyoxigraph takes over a second per ranking: ten profiles are enough for its p50
    x50, x99, x_calls = percentiles(with_oxigraph, profiles[:10])
    d50, d99, d_calls = percentiles(with_dicts, profiles)
    for row in (first, again):
        row["references"]["pyoxigraph SPARQL"] = x50
        row["p99"]["pyoxigraph SPARQL"] = x99
        row["calls"]["pyoxigraph SPARQL"] = x_calls
        row["references"]["plain dict index"] = d50
        row["p99"]["plain dict index"] = d99
        row["calls"]["plain dict index"] = d_calls
    # rdflib takes tens of seconds per ranking: its first calls are both the check and the time
    rdflib_ms = []
    for profile in profiles[:rdflib_calls]:
        started = time.perf_counter()
        answer = with_rdflib(profile)
        rdflib_ms.append((time.perf_counter() - started) * 1000)
        assert ours(profile) == answer
    if rdflib_ms:
        first["references"]["rdflib SPARQL"] = statistics.median(rdflib_ms)
        first["p99"]["rdflib SPARQL"] = max(rdflib_ms)
        first["calls"]["rdflib SPARQL"] = len(rdflib_ms)
    return [first, again]


def timed(
    name: str,
    inputs: list[Any],
    ours: Callable[[Any], Any],
    with_oxigraph: Callable[[Any], Any] | None,
    with_rdflib: Callable[[Any], Any] | None,
) -> dict[str, Any]:
    """p50/p99 of each engine over the same inputs (an engine given as None: the caller's)."""
    o50, o99, calls = percentiles(ours, inputs)
    row = figure(name, "ms", o50)
    row["p99"] = {"ours": o99}
    row["calls"] = {"ours": calls}
    if with_oxigraph is not None:
        x50, x99, _ = percentiles(with_oxigraph, inputs)
        row["references"]["pyoxigraph SPARQL"] = x50
        row["p99"]["pyoxigraph SPARQL"] = x99
        row["calls"]["pyoxigraph SPARQL"] = calls
    if with_rdflib is not None:
        r50, r99, r_calls = percentiles(with_rdflib, inputs)
        row["references"]["rdflib SPARQL"] = r50
        row["p99"]["rdflib SPARQL"] = r99
        row["calls"]["rdflib SPARQL"] = r_calls
    return row


def print_table(rows: list[dict[str, Any]], positions: int, triples: int) -> None:
    print(
        f"ESCO v1.1.1 + shipped ontology: {positions} positions; {triples} ESCO triples; "
        f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print(format_rows(rows))


if __name__ == "__main__":
    sys.exit(main())
