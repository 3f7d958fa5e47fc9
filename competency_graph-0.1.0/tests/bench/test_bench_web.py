"""``bench/bench_web.py``'s pages all answer on the shipped ontology (no time is asserted)."""

from __future__ import annotations

from types import ModuleType

import pytest

from competency_graph.graph.source import Source
from competency_graph.server.state import GraphState

from ..conftest import REPO, bench_script


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The script, with bench/ importable as it is when run (``from figures import ...``)."""
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    return bench_script("bench_web")


def test_every_timed_page_answers_on_the_shipped_ontology(bench: ModuleType) -> None:
    state = GraphState(Source((), include_shipped=True), gate=None)
    state.start()
    with bench.client(state) as web:
        for name, path in bench.SHIPPED_PAGES:
            response = web.get(path)
            assert response.status_code == (404 if name == "404 page" else 200), path
            assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert bench.timed(web, bench.TYPENAME) > 0


def test_a_row_holds_the_pages_and_the_floors_percentiles(bench: ModuleType) -> None:
    row = bench.row("page", [3.0, 1.0, 2.0], [0.5, 0.7])
    assert row == {
        "figure": "page",
        "unit": "ms",
        "ours": 2.0,
        "references": {"{__typename}": 0.6},
        "p99": {"ours": 3.0, "{__typename}": 0.7},
    }
