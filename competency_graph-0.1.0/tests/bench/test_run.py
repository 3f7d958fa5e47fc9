"""``bench/run.py``'s summary table: every figure beside its references, with the ratio."""

from __future__ import annotations

from ..conftest import bench_script


def test_the_summary_shows_figures_references_and_ratios() -> None:
    results = [
        {
            "bench": "esco",
            "rows": [
                {"figure": "ESCO import", "unit": "s", "ours": 11.8, "references": {}},
                {
                    "figure": "skillGap (p50 | p99)",
                    "unit": "ms",
                    "ours": 0.5,
                    "references": {"pyoxigraph SPARQL": 2.5},
                    "p99": {"ours": 2.0, "pyoxigraph SPARQL": 6.4},
                },
            ],
        }
    ]
    lines = bench_script("run").summary(results).splitlines()
    assert lines[2].split() == ["esco", "ESCO", "import", "11.8", "s"]
    assert lines[3].endswith("0.500/2.0 ms  pyoxigraph SPARQL 2.5/6.4 ms (5.0x)")
