"""The coverage matrix as an inline SVG: the same grid as the picture, words for everyone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.coverage import coverage_grid
from competency_graph.web.matrix import COVERED, GAP, coverage_matrix

from ..graphql_support import small_state

ID = "https://w3id.org/competency-graph/id/"
SVG = "{http://www.w3.org/2000/svg}"
POSITION = ID + "position/account-manager"


@pytest.fixture(scope="module")
def model() -> ReadModel:
    return small_state().snapshot.model


def test_the_matrix_has_the_grids_rows_columns_and_cells(model: ReadModel) -> None:
    matrix = coverage_matrix(model, coverage_grid(model, POSITION), "en", "Coverage")
    assert [(iri.removeprefix(ID), label, covered) for iri, label, covered in matrix.duties] == [
        ("duty/maintain-client-base", "Maintain the client base", False),
        ("duty/negotiate", "Negotiate with clients", True),
        ("duty/prepare-documents", "Prepare contract documents", True),
        ("duty/prepare-reports", "Prepare sales reports", True),
        ("duty/foreign-clients", "Communicate with foreign clients", True),
    ]
    assert [(label, state) for _, label, state in matrix.columns] == [
        ("MS Excel", "used"),
        ("Negotiation", "used"),
        ("English", "used"),
        ("Stress resistance", "unused"),
        ("CRM systems", "missing"),
    ]
    assert sorted(matrix.cells.values()) == ["covered"] * 5 + ["gap"]
    assert matrix.cells[(ID + "duty/maintain-client-base", ID + "skill/crm")] == "gap"


def test_the_svg_is_valid_titled_and_described(model: ReadModel) -> None:
    matrix = coverage_matrix(model, coverage_grid(model, POSITION), "ru", "Покрытие")
    root = ET.fromstring(str(matrix.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "matrix-title matrix-desc"
    assert root.find(f"{SVG}title").text == "Покрытие"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == (  # type: ignore[union-attr]
        "Обязанностей: 5; требуемых навыков: 4. Обязанностей без навыка: 1; навыков ни для "
        "какой обязанности: 1; нужных навыков, которых не требуют: 1."
    )
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect")]
    assert (fills.count(COVERED), fills.count(GAP)) == (5, 1)
    shown = [_visible(text) for text in root.iter(f"{SVG}text")]
    assert "✗ Вести клиентскую базу" in shown  # a duty no required skill supports
    assert "∅ Стрессоустойчивость" in shown  # a required skill no duty needs
    assert "✗ CRM-системы" in shown  # needed, not required
    assert "не требуются" in shown


def _visible(text: ET.Element) -> str:
    """The words a <text> shows (its <title>, the tooltip, left out)."""
    title = text.find(f"{SVG}title")
    return (title.tail or "") if title is not None else (text.text or "")


def test_labels_and_tooltips_are_escaped(model: ReadModel) -> None:
    grid = coverage_grid(model, POSITION)
    matrix = coverage_matrix(model, grid, "en", "<script>alert(1)</script>")
    assert "<script>" not in str(matrix.svg)
    assert "&lt;script&gt;" in str(matrix.svg)
