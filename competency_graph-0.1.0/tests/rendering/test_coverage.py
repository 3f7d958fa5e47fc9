"""The coverage grid: which cells support, which are gaps, in which order (whoever draws it)."""

from __future__ import annotations

from competency_graph.rendering.coverage import coverage_grid
from tests.rendering_support import (
    FIXTURE_POSITION,
    WRITTEN_ORDER_POSITION,
    fixture_model,
    written_order_model,
)

ID = "https://w3id.org/competency-graph/id/"


def test_coverage_grid_marks_the_gap_and_the_unused_skill() -> None:
    grid = coverage_grid(fixture_model(), FIXTURE_POSITION)
    assert grid.uncovered_duties == {ID + "duty/test-offers"}
    assert grid.gaps == {(ID + "duty/test-offers", ID + "skill/test-presentation")}
    assert grid.missing == (ID + "skill/test-presentation",)
    assert grid.unused_skills == {ID + "skill/test-1c"}
    # a need for MS Office is met by the required MS Excel, which is narrower
    assert (ID + "duty/test-report", ID + "skill/test-ms-excel") in grid.covered
    assert (ID + "duty/test-foreign-clients", ID + "skill/test-english") in grid.covered
    assert grid.required[-1] == ID + "skill/test-1c"  # supports nothing: last column


def test_coverage_rows_are_the_duties_in_the_order_they_were_written() -> None:
    grid = coverage_grid(written_order_model(), WRITTEN_ORDER_POSITION)
    duty = "https://w3id.org/competency-graph/id/duty/order-clerk-"
    assert grid.duties == (f"{duty}call", f"{duty}analyse", f"{duty}record")
