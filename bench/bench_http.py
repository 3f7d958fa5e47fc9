"""HTTP throughput at ESCO scale: one uvicorn worker, 32 connections, real queries vs a trivial one.

Run:  python bench/bench_http.py [--store esco.store] [--seconds 30] [--connections 32]

Starts ``competency-graph serve --store STORE`` (one uvicorn worker, as ``serve`` always
runs) on loopback, three times first for the restart figure (from starting the process to
the first answer to ``GET /healthz``, polled every 10 ms; best of three), and loads it with
``wrk`` (``apt install wrk``; a C load generator in a second process, two threads, so the
client costs the server little of the shared CPU), each query for ``--seconds`` with
``--connections`` open connections, keep-alive:

- ``{__typename}``: the trivial query, the floor of the transport and GraphQL execution;
- an occupation's skills (``position { requirements { necessity skill { iri } } }``), each
  request another of 100 sampled occupations;
- ``skillGap`` of an occupation against five skills of another;
- ``matchPositions`` of five skills over every occupation (``first: 10``).

Every answer is checked first (HTTP 200, no ``errors``), and wrk's count of non-2xx
answers must be 0: ``matchPositions`` is a heavy operation (at most ``--max-heavy`` at once,
2 by default, 503 beyond), so the server runs with ``--max-heavy`` equal to the
connections. Reported: requests/s, p50 and p99 latency (wrk's ``--latency``), each
query's throughput as a share of the trivial one's. Without ``--store`` it imports ESCO
from ../shared/data/esco-v1.1.1 first (skipped when absent).

With ``BENCH_JSON=FILE`` in the environment the figures are also written there as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
ESCO_DATA = REPO.parent / "shared" / "data" / "esco-v1.1.1"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CG_POSITION = "https://w3id.org/competency-graph/ontology#Position"
TRIVIAL = "{__typename}"
SKILLS = "query($id: ID!) { position(id: $id) { requirements { necessity skill { iri } } } }"
GAP = (
    "query($p: ID!, $have: [ID!]!) { skillGap(position: $p, have: $have) { "
    "missingEssential { skill { iri } } missingOptional { skill { iri } } } }"
)
MATCH = "query($have: [ID!]!) { matchPositions(have: $have, first: 10) { position { iri } score } }"
#: wrk picks the next body of the list for each request
LUA = """
bodies = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json"},
                    bodies[(counter %% #bodies) + 1])
end
"""


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(store: Path, port: int, heavy: int) -> tuple[subprocess.Popen[bytes], float]:
    """The server, and the seconds from starting its process to its first HTTP answer."""
    command = [sys.executable, "-m", "competency_graph", "serve", "--store", str(store)]
    # matchPositions is a heavy operation, at most --max-heavy (2) at once and 503 beyond:
    # raised to the connections so that every request is answered and timed
    command += ["--port", str(port), "--log-level", "warning", "--max-heavy", str(heavy)]
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.01)
    server.kill()
    raise SystemExit("the server did not start within 120 s")


def bodies(client: httpx.Client, url: str, store: Path) -> dict[str, list[str]]:
    """The request bodies of each query, every one answered without errors first."""
    occupations = sorted(
        str(quad.subject.value)
        for quad in ox.Store.read_only(str(store)).quads_for_pattern(
            None, ox.NamedNode(RDF_TYPE), ox.NamedNode(CG_POSITION), ox.DefaultGraph()
        )
        if str(quad.subject.value).startswith(ESCO_OCCUPATION)
    )
    sample = occupations[:: max(1, len(occupations) // 100)][:100]
    profiles = []
    for index, occupation in enumerate(sample):
        other = sample[(index + 1) % len(sample)]
        answer = client.post(url, json={"query": SKILLS, "variables": {"id": other}}).json()
        skills = sorted(r["skill"]["iri"] for r in answer["data"]["position"]["requirements"])
        profiles.append((occupation, skills[:5]))
    found = {
        "{__typename}": [{"query": TRIVIAL}],
        "an occupation's skills": [{"query": SKILLS, "variables": {"id": o}} for o in sample],
        "skillGap": [{"query": GAP, "variables": {"p": o, "have": h}} for o, h in profiles],
        "matchPositions": [{"query": MATCH, "variables": {"have": h}} for _, h in profiles],
    }
    for name, requests in found.items():
        for body in requests:
            answer = client.post(url, json=body)
            assert answer.status_code == 200 and "errors" not in answer.json(), (name, answer.text)
    return {name: [json.dumps(b) for b in requests] for name, requests in found.items()}


def run_wrk(url: str, requests: list[str], seconds: float, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(_lua_string(b) for b in requests))
    try:
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
        command += ["--timeout", "10s", "-s", script.name, url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        Path(script.name).unlink()
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw failed requests:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),  # type: ignore[union-attr]
    }


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description="HTTP throughput at ESCO scale")
    parser.add_argument("--store", type=Path, help="an ESCO store made by `import esco`")
    parser.add_argument("--seconds", type=float, default=30.0, help="per query")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("skipped: no wrk (apt install wrk)")
        return 0
    if args.store is None and not (ESCO_DATA / "relations-csv.zip").is_file():
        print(f"skipped: no ESCO data at {ESCO_DATA}")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-http-") as scratch:
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
        print(
            f"{row['figure']:42} {row['ours']:8.0f} req/s  p50 {row['p50']:6.1f} ms  "
            f"p99 {row['p99']:6.1f} ms  ({row['share']:.0%} of the trivial query's)"
        )
    target = os.environ.get("BENCH_JSON")
    if target:
        figures = [
            {
                "figure": f"HTTP {r['figure']} ({args.connections} conn.)",
                "unit": "req/s",
                "ours": r["ours"],
                "references": {"{__typename}": r["trivial"]},
            }
            for r in rows
        ] + [
            {"figure": f"HTTP {r['figure']} p99", "unit": "ms", "ours": r["p99"], "references": {}}
            for r in rows
        ]
        figures.append(
            {
                "figure": "serve --store: process start to 1st HTTP answer",
                "unit": "s",
                "ours": args.first_answer,
                "references": {},
            }
        )
        Path(target).write_text(json.dumps({"bench": "http", "rows": figures}), encoding="utf-8")
    return 0


def measure(store: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    progress(f"starting serve --store {store}, three times: process start to first answer")
    first_answers = []
    for _ in range(3):
        server, seconds = start_server(store, port, args.connections)
        first_answers.append(seconds)
        server.terminate()
        server.wait(timeout=30)
    server, _ = start_server(store, port, args.connections)
    try:
        with httpx.Client(timeout=60) as client:
            requests = bodies(client, url, store)
        found = {}
        for name, sent in requests.items():
            progress(f"wrk: {name}, {args.connections} connections, {args.seconds:g} s")
            found[name] = run_wrk(url, sent, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores, shared)")
    trivial = found["{__typename}"]["rps"]
    print(
        f"restart to the first HTTP answer (process start to GET /healthz answered): best "
        f"{min(first_answers):.2f} s, worst {max(first_answers):.2f} s of 3"
    )
    args.first_answer = min(first_answers)
    return [
        {
            "figure": name,
            "ours": f["rps"],
            "p50": f["p50"],
            "p99": f["p99"],
            "share": f["rps"] / trivial,
            "trivial": trivial,
        }
        for name, f in found.items()
    ]


if __name__ == "__main__":
    sys.exit(main())
