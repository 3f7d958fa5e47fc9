"""The coverage matrix of a position as an inline SVG, with its words for screen readers.

The grid is :func:`competency_graph.rendering.coverage.coverage_grid`'s, the one the
coverage picture draws: rows are the job description's duties, columns the skills the
position requires, then (headed "not required") the skills a duty needs that no requirement
meets. A green cell with a tick: the required skill supports the duty. A red cell with a
cross: a need of a duty nobody required meets (a gap). A duty no required skill supports has
its label in red with "✗"; a required skill that supports no duty, in brown with "∅".
Drawn as plain SVG text here (no matplotlib: a page must come in milliseconds); the picture
has a ``<title>`` and a ``<desc>`` that say the same in words, and the page puts a table
beside it for whoever cannot see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from markupsafe import Markup, escape

from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.coverage import CoverageGrid
from competency_graph.web.i18n import t

CELL: Final = 22
ROW_LABEL_WIDTH: Final = 360
HEADER_HEIGHT: Final = 190
FONT_SIZE: Final = 12
#: characters of a label shown (the full label is in the cell's and the label's <title>)
ROW_LABEL_CHARS: Final = 48
COLUMN_LABEL_CHARS: Final = 28
COVERED: Final = "#1e7b45"
GAP: Final = "#b3261e"
UNUSED: Final = "#7a4a00"
EMPTY: Final = "#eef0f3"
TEXT: Final = "#1b1f24"


@dataclass(frozen=True)
class Matrix:
    """The SVG and what the page says beside it."""

    svg: Markup
    duties: tuple[tuple[str, str, bool], ...]  # (IRI, label, covered)
    columns: tuple[tuple[str, str, str], ...]  # (IRI, label, state: used|unused|missing)
    cells: dict[tuple[str, str], str]  # (duty, skill) -> covered | gap
    summary: str


def coverage_matrix(model: ReadModel, grid: CoverageGrid, lang: str, title: str) -> Matrix:
    """The matrix of ``grid`` labelled in ``lang``, its picture titled ``title``."""
    duties = tuple(
        (duty, model.label(duty, lang), duty not in grid.uncovered_duties) for duty in grid.duties
    )
    columns = tuple(
        (skill, model.label(skill, lang), "unused" if skill in grid.unused_skills else "used")
        for skill in grid.required
    ) + tuple((skill, model.label(skill, lang), "missing") for skill in grid.missing)
    cells = dict.fromkeys(grid.covered, "covered") | dict.fromkeys(grid.gaps, "gap")
    summary = t(
        "matrix_summary",
        lang,
        duties=len(duties),
        skills=len(grid.required),
        uncovered=len(grid.uncovered_duties),
        unused=len(grid.unused_skills),
        missing=len(grid.missing),
    )
    svg = _svg(duties, columns, cells, lang, title, summary, len(grid.required))
    return Matrix(svg, duties, columns, cells, summary)


def _svg(
    duties: tuple[tuple[str, str, bool], ...],
    columns: tuple[tuple[str, str, str], ...],
    cells: dict[tuple[str, str], str],
    lang: str,
    title: str,
    summary: str,
    required: int,
) -> Markup:
    gap_x = CELL if len(columns) > required else 0  # a blank column before "not required"
    width = ROW_LABEL_WIDTH + len(columns) * CELL + gap_x + 120  # the last labels lean right
    height = HEADER_HEIGHT + len(duties) * CELL + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="matrix-title matrix-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="matrix-title">{escape(title)}</title>',
        f'<desc id="matrix-desc">{escape(summary)}</desc>',
    ]

    def column_x(index: int) -> int:
        return ROW_LABEL_WIDTH + index * CELL + (gap_x if index >= required else 0)

    for index, (_, label, state) in enumerate(columns):
        x = column_x(index) + CELL // 2 + 4
        colour = {"used": TEXT, "unused": UNUSED, "missing": GAP}[state]
        mark = {"used": "", "unused": "∅ ", "missing": "✗ "}[state]
        parts.append(
            f'<text x="{x}" y="{HEADER_HEIGHT - 6}" fill="{colour}" '
            f'transform="rotate(-60 {x} {HEADER_HEIGHT - 6})"><title>{escape(label)}</title>'
            f"{escape(mark + _short(label, COLUMN_LABEL_CHARS))}</text>"
        )
    if len(columns) > required:
        x = column_x(required)
        parts.append(
            f'<text x="{x}" y="12" fill="{GAP}">{escape(t("matrix_not_required", lang))}</text>'
        )
    # the empty cells are one rectangle filled with a pattern of grey squares; only the
    # cells that say something are drawn one by one (a large matrix stays small)
    parts.append(
        f'<defs><pattern id="matrix-cell" width="{CELL}" height="{CELL}" '
        f'patternUnits="userSpaceOnUse"><rect x="1" y="1" width="{CELL - 2}" '
        f'height="{CELL - 2}" fill="{EMPTY}"/></pattern></defs>'
    )
    for first, last in ((0, required), (required, len(columns))):
        if last > first:
            parts.append(
                f'<rect x="{column_x(first)}" y="{HEADER_HEIGHT}" width="{(last - first) * CELL}" '
                f'height="{len(duties) * CELL}" fill="url(#matrix-cell)"/>'
            )
    for row, (duty, label, covered) in enumerate(duties):
        y = HEADER_HEIGHT + row * CELL
        colour = TEXT if covered else GAP
        mark = "" if covered else "✗ "
        parts.append(
            f'<text x="{ROW_LABEL_WIDTH - 8}" y="{y + CELL - 7}" text-anchor="end" '
            f'fill="{colour}"><title>{escape(label)}</title>'
            f"{escape(mark + _short(label, ROW_LABEL_CHARS))}</text>"
        )
        for index, (skill, skill_label, _) in enumerate(columns):
            cell = cells.get((duty, skill))
            if cell is None:
                continue
            x = column_x(index)
            tip = (
                f"{_short(label, COLUMN_LABEL_CHARS)} × {_short(skill_label, COLUMN_LABEL_CHARS)}"
                f": {t('cell_' + cell, lang)}"
            )
            glyph, fill = ("✓", COVERED) if cell == "covered" else ("✗", GAP)
            parts.append(
                f'<g><title>{escape(tip)}</title><rect x="{x + 1}" y="{y + 1}" '
                f'width="{CELL - 2}" height="{CELL - 2}" fill="{fill}"/>'
                f'<text x="{x + CELL // 2}" y="{y + CELL - 7}" text-anchor="middle" '
                f'fill="#ffffff">{glyph}</text></g>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
