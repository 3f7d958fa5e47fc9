"""GraphQL benchmark: our resolvers vs graphql-core's floor vs rdflib SPARQL, and HTTP load.

Run:  python bench/bench_graphql.py [--http-requests 2000] [--http-threads 4]

For two questions on the shipped ontology it times, per answer:

- floor:  graphql-core executing the same document over plain dicts that already hold the
          answer (default resolvers): the least any graphql-core server can cost;
- ours:   our graphene schema over the read model, from a cached parsed+validated document
          (what the server does for a query text it has seen);
- SPARQL: the same answer from rdflib SPARQL on the same graph (query prepared once), turned
          into the same JSON shape.

Answers are compared before timing, so the three rows compute the same thing. Then it
starts ``competency-graph serve`` (one uvicorn worker on 127.0.0.1), sends a fixed number
of POST requests from a few threads and prints requests per second and p50/p99 latency.
Targets: ours within 2x of the floor, at least 20x faster than SPARQL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
from graphql import build_schema, execute, parse
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from competency_graph.api.context import ApiContext
from competency_graph.api.schema import graphql_schema
from competency_graph.graph.files import load_graph
from competency_graph.model.readmodel import SKILL_KINDS, build_read_model
from competency_graph.namespaces import PREFIXES, compact_id, expand_id
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.state import GraphState

DUTY = "duty:form-client-base"
POSITION = "position:head-of-customer-service-department"

SUPPORTING = (
    f'{{ skillsSupporting(duty: "{DUTY}") {{ skill {{ id label }} direct via {{ id }} }} }}'
)
POSITION_QUERY = (
    f'{{ position(id: "{POSITION}") {{ id label duties {{ id label '
    "supportedBy { id label kind } } } }"
)

FLOOR_SDL = """
type Query { skillsSupporting: [Support!]! position: Position }
type Support { skill: Ref! direct: Boolean! via: [Ref!]! }
type Ref { id: ID! label: String kind: String }
type Position { id: ID! label: String! duties: [Duty!]! }
type Duty { id: ID! label: String! supportedBy: [Ref!]! }
"""
FLOOR_SUPPORTING = "{ skillsSupporting { skill { id label } direct via { id } } }"
FLOOR_POSITION = "{ position { id label duties { id label supportedBy { id label kind } } } }"

SUPPORTING_SPARQL = """SELECT ?skill ?label ?via WHERE {
    ?duty cg:supportedBy ?via .
    ?skill skos:broader* ?via .
    ?skill rdfs:label ?label . FILTER(lang(?label) = "en")
}"""
POSITION_SPARQL = """SELECT ?plabel ?duty ?dlabel ?skill ?slabel ?type ?number WHERE {
    ?position rdfs:label ?plabel . FILTER(lang(?plabel) = "en")
    ?jd cg:describes ?position ; cg:includesDuty ?duty .
    ?duty rdfs:label ?dlabel . FILTER(lang(?dlabel) = "en")
    OPTIONAL { ?jd cg:hasClause [ cg:clauseItem ?duty ; cg:clauseNumber ?number ] }
    OPTIONAL {
        ?duty cg:supportedBy ?skill .
        ?skill rdfs:label ?slabel ; a ?type . FILTER(lang(?slabel) = "en")
    }
}"""
SPARQL_SUPPORTING = prepareQuery(SUPPORTING_SPARQL, initNs=PREFIXES)
SPARQL_POSITION = prepareQuery(POSITION_SPARQL, initNs=PREFIXES)
KIND_NAMES = {str(cls): name.upper().replace("-", "_") for cls, name in SKILL_KINDS.items()}


def sparql_supporting(graph: Graph, query: Any = SPARQL_SUPPORTING) -> dict[str, Any]:
    """skillsSupporting computed with rdflib SPARQL, in the GraphQL answer's shape."""
    found: dict[str, tuple[str, set[str]]] = {}
    for row in graph.query(query, initNs=PREFIXES, initBindings={"duty": expand_id(DUTY)}):
        skill, label, via = (str(v) for v in row)  # type: ignore[union-attr]
        found.setdefault(skill, (label, set()))[1].add(via)
    supports = [
        {
            "skill": {"id": compact_id(s), "label": label},
            "direct": s in via,
            "via": [{"id": compact_id(v)} for v in sorted(via)],
        }
        for s, (label, via) in found.items()
    ]
    supports.sort(key=lambda x: (not x["direct"], x["skill"]["id"]))
    return {"skillsSupporting": supports}


def sparql_position(graph: Graph, query: Any = SPARQL_POSITION) -> dict[str, Any]:
    """The position with duties and skills computed with rdflib SPARQL, same shape."""
    label = ""
    duties: dict[str, dict[str, Any]] = {}
    bindings = {"position": expand_id(POSITION)}
    for row in graph.query(query, initNs=PREFIXES, initBindings=bindings):
        plabel, duty, dlabel, skill, slabel, kind, number = row  # type: ignore[misc]
        label = str(plabel)
        entry = duties.setdefault(str(duty), {"label": str(dlabel), "skills": {}})
        entry["number"] = int(number) if number is not None else None
        if skill is not None and str(kind) in KIND_NAMES:
            entry["skills"][str(skill)] = {
                "id": compact_id(str(skill)),
                "label": str(slabel),
                "kind": KIND_NAMES[str(kind)],
            }
    return {
        "position": {
            "id": POSITION,
            "label": label,
            "duties": [
                {
                    "id": compact_id(d),
                    "label": duties[d]["label"],
                    "supportedBy": [duties[d]["skills"][s] for s in sorted(duties[d]["skills"])],
                }
                # the job description's order: its clause numbers (all its duties have one)
                for d in sorted(duties, key=lambda d: (duties[d]["number"] or 0, d))
            ],
        }
    }


def count_fields(value: Any) -> int:
    """Number of fields resolved in an answer (every key of every object)."""
    if isinstance(value, dict):
        return sum(1 + count_fields(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_fields(v) for v in value)
    return 0


def per_call(function: Callable[[], Any], budget: float = 1.0) -> float:
    """Median seconds per call over 5 rounds of about ``budget``/5 seconds each."""
    function()
    started = time.perf_counter()
    function()
    once = max(time.perf_counter() - started, 1e-7)
    repeat = max(1, int(budget / 5 / once))
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        rounds.append((time.perf_counter() - started) / repeat)
    return statistics.median(rounds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def asgi_request_seconds(requests: int = 2000) -> float:
    """Seconds per POST of skillsSupporting through the whole ASGI app, in-process.

    This is the server's own cost per request (Starlette, transport checks, cached
    document, execution, JSON), without sockets or a client competing for the CPU.
    """
    state = GraphState(gate=None)
    state.start()
    app = create_app(state, ServerSettings(sighup=False, documents=False))
    body = json.dumps({"query": SUPPORTING}).encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"localhost"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    statuses: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def many() -> float:
        for _ in range(50):
            await app(dict(scope), receive, send)
        started = time.perf_counter()
        for _ in range(requests):
            await app(dict(scope), receive, send)
        return (time.perf_counter() - started) / requests

    seconds = asyncio.run(many())
    assert set(statuses) == {200}
    return seconds


def http_load(requests: int, threads: int) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) of POSTing skillsSupporting to one uvicorn worker."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "competency_graph",
            "serve",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        latencies: list[float] = []
        lock = threading.Lock()
        share = requests // threads

        def worker() -> None:
            mine = []
            with httpx.Client(base_url=url, timeout=10) as client:
                for _ in range(share):
                    started = time.perf_counter()
                    response = client.post("/graphql", json={"query": SUPPORTING})
                    mine.append(time.perf_counter() - started)
                    assert response.status_code == 200
            with lock:
                latencies.extend(mine)

        with httpx.Client(base_url=url) as warm:
            for _ in range(50):
                warm.post("/graphql", json={"query": SUPPORTING})
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        started = time.perf_counter()
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join(timeout=120)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    return len(latencies) / elapsed, p50, p99


def main() -> None:
    parser = argparse.ArgumentParser(description="GraphQL benchmark")
    parser.add_argument("--http-requests", type=int, default=2000)
    parser.add_argument("--http-threads", type=int, default=4)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()

    loaded = load_graph()
    model = build_read_model(loaded.graph)
    schema = graphql_schema()
    context = ApiContext(model=model)
    floor_schema = build_schema(FLOOR_SDL)

    rows = []
    for name, ours_text, floor_text, sparql in (
        ("skillsSupporting", SUPPORTING, FLOOR_SUPPORTING, sparql_supporting),
        ("position+duties+skills", POSITION_QUERY, FLOOR_POSITION, sparql_position),
    ):
        ours_doc, floor_doc = parse(ours_text), parse(floor_text)
        ours = execute(schema, ours_doc, context_value=context)
        assert not ours.errors, ours.errors  # type: ignore[union-attr]
        answer = ours.data  # type: ignore[union-attr]
        expected = sparql(loaded.graph)
        if name == "position+duties+skills":
            expected["position"]["id"] = answer["position"]["id"]
        assert expected == answer, f"SPARQL and GraphQL answers differ for {name}"
        floor_root = dict(answer)  # the floor resolves the finished answer from dicts
        floor = execute(floor_schema, floor_doc, root_value=floor_root)
        assert floor.data == answer  # type: ignore[union-attr]

        t_floor = per_call(partial(execute, floor_schema, floor_doc, root_value=floor_root))
        t_ours = per_call(partial(execute, schema, ours_doc, context_value=context))
        t_sparql = per_call(partial(sparql, loaded.graph), budget=2.0)
        # what a resolver that sends its SPARQL text per request pays: a parse every time
        raw = SUPPORTING_SPARQL if sparql is sparql_supporting else POSITION_SPARQL
        assert sparql(loaded.graph, raw) == expected
        t_text = per_call(partial(sparql, loaded.graph, raw), budget=2.0)
        rows.append((name, count_fields(answer), t_floor, t_ours, t_sparql, t_text))

    print(
        f"shipped ontology: {len(loaded.graph)} triples, {len(model.skills)} skills, "
        f"{len(model.duties)} duties, {len(model.positions)} positions\n"
    )
    header = (
        f"{'query':24} {'fields':>6} {'floor us':>9} {'ours us':>8} {'SPARQL us':>10} "
        f"{'SPARQL+parse us':>15} {'ours/floor':>10} {'SPARQL/ours':>11} {'+parse/ours':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, fields, t_floor, t_ours, t_sparql, t_text in rows:
        print(
            f"{name:24} {fields:6d} {t_floor * 1e6:9.0f} {t_ours * 1e6:8.0f} "
            f"{t_sparql * 1e6:10.0f} {t_text * 1e6:15.0f} {t_ours / t_floor:9.2f}x "
            f"{t_sparql / t_ours:10.1f}x {t_text / t_ours:10.1f}x"
        )
    print(
        "\nfloor: graphql-core over dicts holding the answer; ours: our schema from a cached "
        "document;\nSPARQL: rdflib, query prepared once; SPARQL+parse: query text parsed per "
        "call.\ntargets: ours/floor <= 2x, SPARQL/ours >= 20x"
    )

    print(
        f"\nin-process ASGI POST of skillsSupporting (no socket): "
        f"{asgi_request_seconds() * 1e6:.0f} us per request"
    )
    if not args.no_http:
        rps, p50, p99 = http_load(args.http_requests, args.http_threads)
        print(
            f"\nHTTP, one uvicorn worker on 127.0.0.1, {args.http_requests} POSTs of "
            f"skillsSupporting from {args.http_threads} threads:"
        )
        print(f"  {rps:.0f} requests/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
