"""What the coverage matrix of a position shows, cell by cell, whoever draws it.

:func:`coverage_grid` lays out the duties x skills matrix once: rows are the job
description's duties in the author's order; columns are the skills the position requires
(those supporting most duties first), then the skills a duty needs that no requirement meets.
The picture of :mod:`.pictures` (matplotlib) and the inline SVG of the web pages draw the
same grid, so they always agree. Nothing here needs matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass

from competency_graph.model.analysis import coverage, meets
from competency_graph.model.ids import require
from competency_graph.model.readmodel import ReadModel


@dataclass(frozen=True)
class CoverageGrid:
    """What the coverage picture shows: rows, columns and the state of every cell."""

    duties: tuple[str, ...]
    required: tuple[str, ...]  # columns of skills the position requires
    missing: tuple[str, ...]  # columns of needed skills that no requirement meets
    covered: frozenset[tuple[str, str]]  # (duty, required skill) cells that support
    gaps: frozenset[tuple[str, str]]  # (duty, missing skill) cells of uncovered needs
    uncovered_duties: frozenset[str]
    unused_skills: frozenset[str]


def coverage_grid(model: ReadModel, position: str) -> CoverageGrid:
    """The cells of a position's coverage picture (``position``: compact id or IRI)."""
    iri = require(model, position, "position")
    matrix = coverage(model, iri)
    covered = {(c.duty, c.skill) for row in matrix.rows for c in row.cells if c.covers}
    uncovered = set(matrix.uncovered_duties)
    gaps: set[tuple[str, str]] = set()
    for row in matrix.rows:
        duty = model.duties.get(row.duty)
        needs = duty.supported_by if duty else ()
        met = {need for skill in matrix.skills for need in meets(model, skill, needs)}
        for need in needs:
            if need not in met and (row.duty in uncovered or need in row.missing_competences):
                gaps.add((row.duty, need))
    missing = sorted({skill for _, skill in gaps}, key=lambda s: model.label(s, "en"))
    # the skills that support most duties first, so the dense part of the matrix is on the left
    support = {skill: sum(1 for _, s in covered if s == skill) for skill in matrix.skills}
    required = sorted(matrix.skills, key=lambda s: (-support[s], model.label(s, "en"), s))
    return CoverageGrid(
        duties=tuple(row.duty for row in matrix.rows),  # the job description's, author's order
        required=tuple(required),
        missing=tuple(missing),
        covered=frozenset(covered),
        gaps=frozenset(gaps),
        uncovered_duties=frozenset(uncovered),
        unused_skills=frozenset(matrix.unused_skills),
    )
