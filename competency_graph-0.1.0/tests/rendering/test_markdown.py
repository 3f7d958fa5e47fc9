"""Markdown job descriptions compared with golden files in tests/golden/.

After an intended change to the documents or to the ontology's positions, rewrite the golden
files and review the diff before committing::

    COMPETENCY_GRAPH_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/rendering/test_markdown.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.document import build_document
from competency_graph.rendering.markdown import write_markdown
from tests.rendering_support import FIXTURE_POSITION, fixture_model, shipped_model

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGENERATE = os.environ.get("COMPETENCY_GRAPH_REGENERATE_GOLDEN") == "1"

CASES = [
    ("fixture", FIXTURE_POSITION),
    ("shipped", "position:account-manager"),
    ("shipped", "position:corporate-client-manager"),
]


def _model(source: str) -> ReadModel:
    return fixture_model() if source == "fixture" else shipped_model()


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("source", "position"), CASES)
def test_markdown_matches_the_golden_file(source: str, position: str, lang: str) -> None:
    text = write_markdown(build_document(_model(source), position, lang))
    golden = GOLDEN / f"job-description-{position.split(':', 1)[1]}-{lang}.md"
    if REGENERATE:
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}: run with COMPETENCY_GRAPH_REGENERATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_signature_lines_end_with_a_hard_line_break() -> None:
    text = write_markdown(build_document(fixture_model(), FIXTURE_POSITION, "ru"))
    block = text.split("\n\n", 1)[0]
    assert block.splitlines() == [
        "**УТВЕРЖДАЮ**\\",
        "Генеральный директор\\",
        "________________ И. И. Иванов\\",
        "«20» января 2025 г.",
    ]


def test_familiarisation_table_has_the_record_and_blank_rows() -> None:
    text = write_markdown(build_document(fixture_model(), FIXTURE_POSITION, "en"))
    table = text.rsplit("\n\n", 1)[1].splitlines()
    assert table[0] == "| No. | Full name | Position | Date | Signature |"
    assert table[2] == "| 1 | А. А. Смирнова | Account manager | 3 February 2025 |  |"
    assert table[3:] == ["| 2 |  |  |  |  |", "| 3 |  |  |  |  |", "| 4 |  |  |  |  |"]
