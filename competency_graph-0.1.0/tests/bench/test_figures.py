"""``bench/figures.py``: the rows the ESCO benchmarks print."""

from __future__ import annotations

from ..conftest import bench_script


def test_a_row_shows_ours_each_reference_and_the_ratio_with_p99_after_a_bar() -> None:
    row = {
        "figure": "skillGap",
        "unit": "ms",
        "ours": 0.5,
        "references": {"rdflib SPARQL": 20.0},
        "p99": {"ours": 2.0, "rdflib SPARQL": 55.0},
    }
    line = bench_script("figures").format_row(row)
    assert line.startswith("skillGap ")
    assert line.endswith("0.500 ms | 2.0 ms   rdflib SPARQL: 20.0 | 55.0 ms (40.0x)")


def test_numbers_keep_three_figures_and_a_zero_figure_gives_an_infinite_ratio() -> None:
    figures = bench_script("figures")
    assert [figures.number(v) for v in (0.0291, 7.13, 1382.4)] == ["0.029", "7.1", "1382"]
    row = {"figure": "x", "unit": "s", "ours": 0.0, "references": {"r": 1.0}}
    assert figures.format_row(row).endswith("r: 1.0 s (infx)")
    assert figures.format_rows([row, row]).count("\n") == 1
