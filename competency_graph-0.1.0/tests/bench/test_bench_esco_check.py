"""``bench/bench_esco_check.py`` compares answers before it reports figures: its pySHACL
results and the checker's, in one form, on a small graph with a broken reporting line."""

from __future__ import annotations

from types import ModuleType

import pyshacl
import pytest

from competency_graph.checking.engine import Checker
from competency_graph.checking.shapes import shipped_shapes
from competency_graph.graph.files import load_graph

from ..conftest import EXAMPLES, REPO, bench_script

CYCLE = EXAMPLES / "job-descriptions" / "invalid" / "reporting-line" / "reporting-cycle.ttl"


@pytest.fixture()
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The script, with bench/ importable as it is when run (``from figures import ...``)."""
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    return bench_script("bench_esco_check")


def test_pyshacls_answers_and_the_checkers_come_in_one_form_and_agree(bench: ModuleType) -> None:
    loaded = load_graph([CYCLE])
    ours = bench.answers(Checker(loaded).check_graph(rules=[bench.REFERENCE_RULE], reasoner=False))
    _, results, _ = pyshacl.validate(
        loaded.graph,
        shacl_graph=shipped_shapes().graph,
        inference="none",
        use_shapes=[bench.REFERENCE_SHAPE],
    )
    assert bench.pyshacl_answers(results) == ours
    assert [row[0].rsplit("/", 1)[-1] for row in ours] == [
        "example-cycle",
        "example-cycle-team-lead",
    ]


def test_different_answers_stop_the_benchmark(bench: ModuleType) -> None:
    ours = {"one_rule_answers": [["p", "", ""]], "focused_answers": {"p": [["p", "", ""]]}}
    reference = {"answers": [["p", "", ""]], "focused_answers": {"p": []}}
    with pytest.raises(AssertionError, match="p: answers differ"):
        bench.compare_answers(ours, reference)
    reference["answers"] = []
    with pytest.raises(AssertionError, match="pySHACL found 0 results, the checker 1"):
        bench.compare_answers(ours, reference)
