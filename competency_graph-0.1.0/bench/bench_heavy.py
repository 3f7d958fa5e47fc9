"""Cheap-query latency while heavy requests run, on one real uvicorn worker on loopback.

Starts ``competency-graph serve`` on the shipped ontology, then measures the latency of a
cheap query (``{ rules { id } }``) sent one at a time: first alone, then while ``--heavy``
clients keep whole-graph ``check`` requests in flight (each sends the next as soon as the
previous one is answered; a 503 over the server's cap is retried after 50 ms). Heavy work
runs in threads, at most ``--max-heavy`` at once, so the event loop keeps answering.

With ``--store STORE`` (a store ``import esco`` made) it runs at ESCO scale, and the heavy
request is ``checkJobDescription`` of the shipped example job description made to touch
ESCO (it specialises an ESCO occupation and requires two ESCO skills). First, in a child
process started as ``serve --store`` starts, that check alone: its time (best and worst of
three after a warm-up) and the process's peak RSS while checking (``VmHWM``, reset once the
store is served: the start's own peak, reading the read model, is higher), against the RSS
once the store is served; with ``--compare`` also the check as it was made before, over
a copy of the whole store (time, peak RSS, and whether the two reports are equal). Then
the latency phases, with the server's own peak RSS (``VmHWM``) at the end. The load of the
machine (``os.getloadavg``) is printed at the start and the end.

With ``BENCH_JSON=FILE`` in the environment the figures are also written there as JSON.

Run:  python bench/bench_heavy.py [--requests 200] [--heavy 4] [--max-heavy 2]
      python bench/bench_heavy.py --store esco.store [--compare]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

CHEAP = {"query": "{ rules { id } }"}
HEAVY = {"query": "{ check { conforms } }"}
CHECK_INPUT = (
    "query($jd: JobDescriptionInput!) "
    "{ checkJobDescription(input: $jd) { conforms counts { error } } }"
)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "job-descriptions" / "valid"
#: ESCO v1.1.1: the occupation the example specialises, the skills it adds
SALES_ACCOUNT_MANAGER = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
ESCO_SKILLS = (
    "http://data.europa.eu/esco/skill/21c5790c-0930-4d74-b3b0-84caf5af12ea",  # manage budgets
    "http://data.europa.eu/esco/skill/71152876-b629-4a99-b9ea-0f25a0d07e4e",  # negotiate sales
)
#: labels of the example that name an ESCO skill too, by the shipped skill's id
AMBIGUOUS_AT_ESCO = {"CRM": "skill:crm", "English": "skill:english"}


def esco_job_description() -> dict[str, Any]:
    """The shipped example job description, made to touch ESCO."""
    import yaml

    text = (EXAMPLE / "regional-account-manager.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    encoded = json.dumps(document, default=str)
    for label, skill in AMBIGUOUS_AT_ESCO.items():
        encoded = encoded.replace(json.dumps(label), json.dumps(skill))
    found: dict[str, Any] = json.loads(encoded)
    found["position"]["specialises"] = SALES_ACCOUNT_MANAGER
    found["requirements"] += [{"skill": skill} for skill in ESCO_SKILLS]
    found["duties"][1]["supported_by"].append(ESCO_SKILLS[1])
    return found


def child_check(store: str, whole: bool) -> dict[str, Any]:
    """In this (child) process: serve ``store`` as ``serve --store`` does, then check the
    ESCO job description 4 times (``whole``: over a copy of the whole store, once)."""
    from competency_graph.graph.source import Source
    from competency_graph.graph.stores.oxigraph import OxigraphStore
    from competency_graph.server.state import GraphState

    state = GraphState(Source(store=OxigraphStore.open(store)), gate=None)
    state.start()
    started_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    served = memory_mb("VmRSS")
    # the peak of the start (reading the read model) is above anything a check adds: reset
    # the high-water mark, so that VmHWM below is the peak while checking
    Path("/proc/self/clear_refs").write_text("5")
    document = esco_job_description()
    seconds = []
    for _ in range(1 if whole else 4):
        started = time.perf_counter()
        if whole:
            report = whole_store_check(state, document)
        else:
            report = state.snapshot.check_job_description(document, "en")
        seconds.append(time.perf_counter() - started)
    violations = sorted([v.rule_id, v.focus, v.value or ""] for v in report.violations)
    timed = seconds if whole else seconds[1:]  # the first one warms the caches up
    return {
        "start_peak_mb": started_peak,
        "served_mb": served,
        "peak_mb": memory_mb("VmHWM"),
        "seconds": timed,
        "violations": violations,
    }


def whole_store_check(state: Any, document: dict[str, Any]) -> Any:
    """The check as it was made before: over a copy of every triple of the store."""
    from competency_graph.checking.engine import Checker
    from competency_graph.importers.job_description import convert_job_description

    snapshot = state.snapshot
    converted = convert_job_description(dict(document), snapshot.model, "<input>")
    loaded = snapshot.source.load()
    converted.add_to(loaded)
    return Checker(loaded, store=snapshot.source.store).check_position(converted.position)


def in_child(store: str, whole: bool) -> dict[str, Any]:
    """:func:`child_check` in a fresh interpreter (its own peak RSS)."""
    command = [sys.executable, __file__, "--child", store]
    if whole:
        command.append("--compare")
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def load() -> str:
    """The load averages over 1, 5 and 15 minutes."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def memory_mb(field: str, pid: int | str = "self") -> float:
    """A memory figure of a process from /proc (``VmRSS``, ``VmHWM``: the peak RSS since
    the start or the last reset), in MB; 0 where /proc has none."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def cheap_latencies(client: httpx.Client, count: int) -> list[float]:
    """Seconds of ``count`` cheap queries, one after another."""
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.post("/graphql", json=CHEAP)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
    return samples


def figure(name: str, unit: str, ours: float) -> dict[str, Any]:
    """One row of the summary table (no reference engine here)."""
    return {"figure": name, "unit": unit, "ours": ours, "references": {}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="cheap queries per phase")
    parser.add_argument("--heavy", type=int, default=4, help="heavy requests kept in flight")
    parser.add_argument("--max-heavy", type=int, default=2, help="the server's --max-heavy")
    parser.add_argument("--store", help="serve this store (ESCO): checkJobDescription is heavy")
    parser.add_argument(
        "--compare", action="store_true", help="also check over a copy of the whole store"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_check(args.child, args.compare)))
        return 0

    print(f"load average at the start: {load()}")
    rows: list[dict[str, Any]] = []
    heavy: dict[str, Any] = HEAVY
    if args.store:
        from competency_graph.api.inputs import from_job_description_data

        variables = {"jd": from_job_description_data(esco_job_description())}
        heavy = {"query": CHECK_INPUT, "variables": variables}
        ours = in_child(args.store, whole=False)
        print(
            f"checkJobDescription at ESCO scale: {min(ours['seconds']):.2f}-"
            f"{max(ours['seconds']):.2f} s; peak RSS while checking {ours['peak_mb']:.0f} MB "
            f"(serving the store: {ours['served_mb']:.0f} MB, its start peaked at "
            f"{ours['start_peak_mb']:.0f} MB); "
            f"violations {[v[0] for v in ours['violations']]}"
        )
        rows += [
            figure("checkJobDescription (ESCO store), best of 3", "s", min(ours["seconds"])),
            figure("  peak RSS while checking (the served store included)", "MB", ours["peak_mb"]),
            figure("  of which the checks", "MB", ours["peak_mb"] - ours["served_mb"]),
        ]
        if args.compare:
            before = in_child(args.store, whole=True)
            same = before["violations"] == ours["violations"]
            print(
                f"over a copy of the whole store (as before): {before['seconds'][0]:.1f} s; "
                f"peak RSS while checking {before['peak_mb']:.0f} MB; the same report: {same}"
            )
            rows[0]["references"]["whole store"] = before["seconds"][0]
            rows[1]["references"]["whole store"] = before["peak_mb"]
            if not same:
                print("the reports differ", file=sys.stderr)
                return 1

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "competency_graph", "serve", "--port", str(port)]
    command += ["--log-level", "warning", "--max-heavy", str(args.max_heavy)]
    if args.store:
        command += ["--store", args.store]
    server = subprocess.Popen(command)
    heavy_seconds: list[float] = []
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=120) as client:
            cheap_latencies(client, 20)  # warm-up: parse caches, connection
            alone = cheap_latencies(client, args.requests)

            stop = threading.Event()
            counts = {"answered": 0, "refused": 0}

            def heavy_client() -> None:
                with httpx.Client(base_url=base, timeout=300) as own:
                    while not stop.is_set():
                        started = time.perf_counter()
                        status = own.post("/graphql", json=heavy).status_code
                        counts["answered" if status == 200 else "refused"] += 1
                        if status == 200:
                            heavy_seconds.append(time.perf_counter() - started)
                        if status == 503:
                            time.sleep(0.05)

            threads = [threading.Thread(target=heavy_client) for _ in range(args.heavy)]
            for thread in threads:
                thread.start()
            time.sleep(1.0)  # let the heavy requests start
            loaded = cheap_latencies(client, args.requests)
            stop.set()
            for thread in threads:
                thread.join()
        server_peak = memory_mb("VmHWM", server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    heavy_name = "checkJobDescription" if args.store else "check"
    print(f"cheap query {CHEAP['query']}: {args.requests} requests per phase, ms")
    print(f"{'phase':52} {'p50':>8} {'p99':>8}")
    print(f"{'alone':52} {percentiles(alone)[0]:8.1f} {percentiles(alone)[1]:8.1f}")
    label = f"with {args.heavy} heavy {heavy_name} clients (cap {args.max_heavy})"
    print(f"{label:52} {percentiles(loaded)[0]:8.1f} {percentiles(loaded)[1]:8.1f}")
    answered = sorted(heavy_seconds)
    median = statistics.median(answered) if answered else 0.0
    print(
        f"heavy: {counts['answered']} {heavy_name} answered (median {median:.2f} s), "
        f"{counts['refused']} refused with 503; the server's peak RSS {server_peak:.0f} MB"
    )
    print(f"load average at the end: {load()}")
    scale = "ESCO" if args.store else "shipped"
    for phase, samples in ((f"alone ({scale})", alone), (f"{args.heavy} heavy in flight", loaded)):
        row = figure(f"cheap query p50 | p99, {phase}", "ms", percentiles(samples)[0])
        row["p99"] = {"ours": percentiles(samples)[1]}
        rows.append(row)
    rows.append(figure("  the server's peak RSS", "MB", server_peak))
    target = os.environ.get("BENCH_JSON")
    if target:
        Path(target).write_text(json.dumps({"bench": "heavy", "rows": rows}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
