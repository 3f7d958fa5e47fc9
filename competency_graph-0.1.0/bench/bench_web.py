"""The web pages' server time: each page's p50/p99 against ``{__typename}`` over GraphQL.

Run:  python bench/bench_web.py [--store STORE] [--requests 40] [--sample 20]

Every request goes through the whole Starlette app in-process (Starlette's test client:
routing, the page's session and CSRF handling, the read model, the templates), so the time is
the server's plus the in-process client's; the cheapest GraphQL request there is,
``GET /graphql?query={__typename}``, is timed in the same run through the same client as the
reference for that floor. Each page is asked once before it is timed (the first request
builds the search index and the memo of laid-out documents, and runs the checker once; those
first times are printed apart).

- On the shipped ontology: home, a search with an inflected Russian word, a position (its
  job description, coverage matrix, requirements, vacancies), its check result, a skill, the
  skill gap, a 404 page; each ``--requests`` times.
- At ESCO scale (``--store STORE``, an on-disk store ``import esco`` made; without it the
  published ESCO data in ``../shared/data/esco-v1.1.1`` is imported into a temporary store
  first, about a minute; without either the part is skipped): the pages of ``--sample``
  occupations and ``--sample`` skills, each asked three times after one warm-up, and the
  search.

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

from figures import format_rows
from starlette.testclient import TestClient

from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.state import GraphState

REPO = Path(__file__).resolve().parents[1]
ESCO_DATA = REPO.parent / "shared" / "data" / "esco-v1.1.1"
TYPENAME = "/graphql?query={__typename}"
BROWSER = {"accept": "text/html", "accept-language": "ru"}

#: the pages of the shipped ontology: (name, path)
SHIPPED_PAGES = (
    ("home", "/"),
    ("search 'менеджером'", "/?q=менеджером"),
    ("position", "/positions/key-account-manager"),
    ("position check result", "/positions/key-account-manager/check-result"),
    ("skill", "/skills/negotiation"),
    ("skill gap", "/gap?have=negotiation&have=ms-excel&position=key-account-manager"),
    ("404 page", "/positions/key-acount-manager"),
)


def client(state: GraphState) -> TestClient:
    """A browser-like in-process client of the served app."""
    return TestClient(create_app(state, ServerSettings(sighup=False)), headers=BROWSER)


def timed(web: TestClient, path: str, expected: int = 200) -> float:
    """Milliseconds for one GET of ``path`` (which must answer ``expected``)."""
    headers = {"accept": "application/json"} if path.startswith("/graphql") else None
    start = time.perf_counter()
    response = web.get(path, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != expected:
        raise SystemExit(f"{path}: {response.status_code}, expected {expected}")
    return elapsed


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p99 (the highest for fewer than 100 values)."""
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def row(figure: str, times: list[float], floor: list[float]) -> dict[str, Any]:
    """A summary row: the page's p50 (p99) and the GraphQL floor's."""
    ours, ours_99 = percentiles(times)
    graphql, graphql_99 = percentiles(floor)
    return {
        "figure": figure,
        "unit": "ms",
        "ours": ours,
        "references": {"{__typename}": graphql},
        "p99": {"ours": ours_99, "{__typename}": graphql_99},
    }


def shipped_rows(requests: int) -> list[dict[str, Any]]:
    """Each page of :data:`SHIPPED_PAGES` on the shipped ontology."""
    state = GraphState(Source((), include_shipped=True), gate=None)
    state.start()
    rows = []
    with client(state) as web:
        floor = [timed(web, TYPENAME) for _ in range(requests)]
        for name, path in SHIPPED_PAGES:
            expected = 404 if name == "404 page" else 200
            first = timed(web, path, expected)
            print(f"  first {name}: {first:.1f} ms", flush=True)
            times = [timed(web, path, expected) for _ in range(requests)]
            rows.append(row(f"web shipped: {name}", times, floor))
    return rows


def esco_rows(store: Path, sample: int) -> list[dict[str, Any]]:
    """The pages of sampled occupations and skills of an ESCO store."""
    state = GraphState(Source(store=OxigraphStore.open(store)), gate=None)
    start = time.perf_counter()
    state.start()
    print(f"  served the store in {time.perf_counter() - start:.1f} s", flush=True)
    model = state.snapshot.model
    occupations = sorted(iri for iri in model.positions if "data.europa.eu/esco" in iri)
    skills = sorted(iri for iri in model.skills if "data.europa.eu/esco" in iri)
    chosen = {
        "position": occupations[:: max(1, len(occupations) // sample)][:sample],
        "skill": skills[:: max(1, len(skills) // sample)][:sample],
    }
    rows = []
    with client(state) as web:
        floor = [timed(web, TYPENAME) for _ in range(3 * sample)]
        first = timed(web, "/?q=manager")
        print(f"  first search (builds the index): {first:.0f} ms", flush=True)
        search = [timed(web, "/?q=managers") for _ in range(3 * sample)]
        rows.append(row("web ESCO: search 'managers'", search, floor))
        for kind, iris in chosen.items():
            segment = "positions" if kind == "position" else "skills"
            times = []
            for iri in iris:
                path = f"/{segment}/{iri}"
                timed(web, path)
                times.extend(timed(web, path) for _ in range(3))
            rows.append(row(f"web ESCO: {kind} page ({len(iris)} sampled)", times, floor))
    return rows


def imported_store(scratch: Path) -> Path | None:
    """A store of the published ESCO data imported now (None without the data)."""
    if not (ESCO_DATA / "classification-en-csv.zip").is_file():
        print(f"skipped: no ESCO data at {ESCO_DATA}")
        return None
    store = scratch / "esco.store"
    command = [sys.executable, "-m", "competency_graph", "import", "esco", str(ESCO_DATA)]
    subprocess.run([*command, "-o", str(store)], check=True)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an ESCO store `import esco` made")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    print("shipped ontology:", flush=True)
    rows = shipped_rows(args.requests)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as scratch:
        store = args.store or imported_store(Path(scratch))
        if store is not None:
            print(f"ESCO ({store}):", flush=True)
            rows += esco_rows(store, args.sample)
    print("page p50 | p99, against GET {__typename} over GraphQL in the same run:")
    print(format_rows(rows))
    if "BENCH_JSON" in os.environ:
        Path(os.environ["BENCH_JSON"]).write_text(
            json.dumps({"bench": "web", "rows": rows}), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
