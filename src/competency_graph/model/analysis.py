"""Questions about skills and duties, answered from a :class:`ReadModel`.

Every function here is pure: read model in, frozen dataclasses out, no RDF. The one rule
about when a skill meets a need is :mod:`competency_graph.model.matching`'s (the checker's
too): a need for skill S (a duty's supporting skill, a required competence, a position's
requirement) is met by S itself, by any skill narrower than S, transitively, and by a skill
linked to either by ``skos:exactMatch``; with ``close_match`` also through one
``skos:closeMatch``. Having a broader skill does not meet a narrower need: "MS Office" does
not meet a need for "MS Excel", but "MS Excel" meets a need for "MS Office". Each met need
says which link met it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from math import fsum

from competency_graph.errors import UnknownIdError
from competency_graph.model.domain import Requirement
from competency_graph.model.ids import partition, require
from competency_graph.model.matching import (
    DEFAULT_WEIGHTS,
    LINKS,
    MatchIndex,
    MatchWeights,
    SkillMatch,
    WeightClass,
    match_index,
)
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import compact_id


@dataclass(frozen=True)
class SkillSupport:
    """A skill that supports a duty, and the duty's declared skills it meets."""

    skill: str
    via: tuple[str, ...]

    @property
    def direct(self) -> bool:
        """True when the duty names this skill itself."""
        return self.skill in self.via


@dataclass(frozen=True)
class DutySupport:
    """A duty a skill supports, and the duty's declared skills the skill meets."""

    duty: str
    via: tuple[str, ...]


@dataclass(frozen=True)
class CoverageCell:
    """One duty x required-skill cell: does the required skill meet a need of the duty?"""

    duty: str
    skill: str
    via: tuple[str, ...]  # the duty's supporting skills that ``skill`` meets
    #: the link of each of ``via`` (self, narrower, exactMatch, closeMatch), in its order
    links: tuple[str, ...] = ()

    @property
    def covers(self) -> bool:
        """True when the required skill meets at least one supporting skill of the duty."""
        return bool(self.via)

    @property
    def link(self) -> str | None:
        """The strongest link by which the required skill meets a need of the duty."""
        return min(self.links, key=LINKS.index) if self.links else None


@dataclass(frozen=True)
class CoverageRow:
    """A duty of the position with one cell per required skill."""

    duty: str
    cells: tuple[CoverageCell, ...]
    missing_competences: tuple[str, ...]  # competences the duty requires and nothing meets

    @property
    def covered(self) -> bool:
        """True when some required skill supports the duty."""
        return any(cell.covers for cell in self.cells)


@dataclass(frozen=True)
class Coverage:
    """The duties x required-skills matrix of a position, with its gaps."""

    position: str
    job_description: str | None
    skills: tuple[str, ...]  # columns: the skills the position requires
    rows: tuple[CoverageRow, ...]  # rows: the duties of its job description

    @property
    def uncovered_duties(self) -> tuple[str, ...]:
        """Duties no required skill supports (rule duty-coverage)."""
        return tuple(row.duty for row in self.rows if not row.covered)

    @property
    def unused_skills(self) -> tuple[str, ...]:
        """Required skills that support none of the duties (rule unused-requirement)."""
        used = {cell.skill for row in self.rows for cell in row.cells if cell.covers}
        return tuple(skill for skill in self.skills if skill not in used)


@dataclass(frozen=True)
class RequirementStatus:
    """A skill requirement, the skills of a person that meet it (strongest link first) and
    its weight in a match score."""

    requirement: Requirement
    matches: tuple[SkillMatch, ...]
    weight: float = 0.0  # necessity x kind x reuse level
    earned: float = 0.0  # what meeting it earns: ``weight`` x the factor of its link

    @property
    def met(self) -> bool:
        """True when at least one of the person's skills meets the requirement."""
        return bool(self.matches)

    @property
    def met_by(self) -> tuple[str, ...]:
        """The person's skills that meet it, strongest link first."""
        return tuple(m.held for m in self.matches)

    @property
    def link(self) -> str | None:
        """The strongest link by which it is met (self, narrower, exactMatch, closeMatch)."""
        return self.matches[0].link if self.matches else None

    @property
    def held_skill(self) -> str | None:
        """The person's skill that meets it by :attr:`link`."""
        return self.matches[0].held if self.matches else None


@dataclass(frozen=True)
class SkillGap:
    """What a person with ``have`` lacks for a position, essential and optional apart."""

    position: str
    have: tuple[str, ...]
    statuses: tuple[RequirementStatus, ...]  # every skill requirement, in position order
    unassessed: tuple[Requirement, ...]  # requirements without a skill (education, attributes)
    #: the ids of ``have`` that name no skill of the graph, left out of the comparison
    unknown: tuple[UnknownIdError, ...] = ()
    close_match: bool = False  # whether skos:closeMatch links counted
    weights: MatchWeights = DEFAULT_WEIGHTS

    @property
    def met(self) -> tuple[RequirementStatus, ...]:
        """The requirements the person meets."""
        return tuple(s for s in self.statuses if s.met)

    @property
    def missing_essential(self) -> tuple[Requirement, ...]:
        """Essential requirements nobody of ``have`` meets."""
        return self._missing("essential")

    @property
    def missing_optional(self) -> tuple[Requirement, ...]:
        """Optional requirements nobody of ``have`` meets."""
        return self._missing("optional")

    def _missing(self, necessity: str) -> tuple[Requirement, ...]:
        return tuple(
            s.requirement
            for s in self.statuses
            if not s.met and s.requirement.necessity == necessity
        )


@dataclass(frozen=True)
class PositionMatch:
    """How well a skill profile fits a position, with the numbers behind the score.

    The numbers come from the ranking; the full gap (what met what) is worked out when first
    asked for, so a ranking that shows scores only builds none.
    """

    position: str
    weight_met: float  # what the requirements met earn: each one's weight x its link's factor
    weight_total: float  # the weight of every skill requirement of the position
    essential_met: int
    essential_total: int
    optional_met: int
    optional_total: int
    _gap: Callable[[], SkillGap] = field(repr=False, compare=False)

    @cached_property
    def gap(self) -> SkillGap:
        """The full gap analysis of the position for the profile."""
        return self._gap()

    @property
    def score(self) -> float:
        """Weight met / weight of all skill requirements, in [0, 1], to four places."""
        return _score(self.weight_met, self.weight_total)

    def explanation(self) -> str:
        """The score in words, in English: counts, formula, weights and what met what."""
        met = "; ".join(
            f"{compact_id(s.requirement.iri)} ({s.requirement.necessity}, weight "
            f"{_number(s.weight)}) by {compact_id(s.held_skill or '')} ({s.link}, earns "
            f"{_number(s.earned)})"
            for s in self.gap.met
        )
        weights = self.gap.weights
        return (
            f"{self.essential_met} of {self.essential_total} essential and "
            f"{self.optional_met} of {self.optional_total} optional skill requirements met; "
            f"score = earned / weight of all = {_number(self.weight_met)} / "
            f"{_number(self.weight_total)} = {self.score}; a requirement weighs necessity x "
            f"kind x reuse level ({weights.describe()}; others 1) and earns its weight x "
            f"the factor of its link ({weights.describe_links()})"
            + (f". Met: {met}" if met else "")
        )


def meets(model: ReadModel, have: str, needs: Iterable[str]) -> tuple[str, ...]:
    """The skills of ``needs`` that having ``have`` meets (any link but closeMatch), sorted."""
    covered = match_index(model).covered(have)
    return tuple(sorted(need for need in set(needs) if need in covered))


def skills_supporting(
    model: ReadModel, duty_iri: str, include_narrower: bool = True
) -> list[SkillSupport]:
    """Skills that support a duty: its declared skills and (by default) every narrower one.

    Declared skills come first, then the others, each group by IRI.
    """
    duty = model.duties[require(model, duty_iri, "duty")]
    found: dict[str, set[str]] = {}
    for declared in duty.supported_by:
        narrower = model.descendants.get(declared, frozenset((declared,)))
        for skill in narrower if include_narrower else (declared,):
            found.setdefault(skill, set()).add(declared)
    supports = [SkillSupport(skill, tuple(sorted(via))) for skill, via in found.items()]
    return sorted(supports, key=lambda s: (not s.direct, s.skill))


def duties_supported_by(model: ReadModel, skill_iri: str) -> list[DutySupport]:
    """Duties a skill supports: those declaring it or any broader skill, by duty IRI."""
    skill_iri = require(model, skill_iri, "skill")
    return [
        DutySupport(duty, _narrower_only(model, skill_iri, model.duties[duty].supported_by))
        for duty in model.duties_by_skill.get(skill_iri, ())
    ]


def coverage(model: ReadModel, position_iri: str, close_match: bool = False) -> Coverage:
    """The duties x required-skills matrix of a position (its job description's duties).

    A required skill covers a duty when it meets one of the duty's skills by the matching
    rule (itself, narrower, exactMatch; closeMatch when ``close_match``).
    """
    position_iri = require(model, position_iri, "position")
    index = match_index(model)
    description = model.job_description_of(position_iri)
    required = sorted(model.required_skills(position_iri))
    rows = []
    for duty_iri in description.duties if description else ():
        duty = model.duties.get(duty_iri)
        needs = sorted(set(duty.supported_by)) if duty else []
        competences = duty.requires_competence if duty else ()
        cells = tuple(_cell(index, duty_iri, skill, needs, close_match) for skill in required)
        missing = tuple(
            c
            for c in competences
            if not any(c in index.covered(skill, close_match) for skill in required)
        )
        rows.append(CoverageRow(duty_iri, cells, missing))
    return Coverage(
        position=position_iri,
        job_description=description.iri if description else None,
        skills=tuple(required),
        rows=tuple(rows),
    )


def _cell(
    index: MatchIndex, duty: str, skill: str, needs: Sequence[str], close_match: bool
) -> CoverageCell:
    covered = index.covered(skill, close_match)
    met = [need for need in needs if need in covered]
    return CoverageCell(duty, skill, tuple(met), tuple(LINKS[covered[need]] for need in met))


def skill_gap(
    model: ReadModel,
    position_iri: str,
    have: Sequence[str],
    close_match: bool = False,
    weights: MatchWeights = DEFAULT_WEIGHTS,
) -> SkillGap:
    """Compare a person's skills with a position's skill requirements.

    Ids of ``have`` that name no skill are left out and listed in ``SkillGap.unknown``: a
    profile from another system always holds some, and the rest still answers. ``weights``
    give each requirement its weight (as :func:`match_positions` scores it).
    """
    position_iri = require(model, position_iri, "position")
    owned, unknown = partition(model, have, "skill")
    return _gap(model, position_iri, owned, unknown, close_match, weights)


def _gap(
    model: ReadModel,
    position_iri: str,
    owned: tuple[str, ...],
    unknown: tuple[UnknownIdError, ...],
    close_match: bool,
    weights: MatchWeights,
    links: dict[str, list[tuple[int, str]]] | None = None,
) -> SkillGap:
    index = match_index(model)
    table = index.table(weights)
    if links is None:
        links = _links_by_need(index, owned, close_match)
    position = model.positions[position_iri]
    statuses = []
    unassessed = []
    for key in position.requirements:
        requirement = model.requirements.get(key)
        if requirement is None:
            continue
        if requirement.skill is None:
            unassessed.append(requirement)
            continue
        found = links.get(requirement.skill, ())
        weight = table.weight(index.weight_class(requirement))
        earned = weight * table.links[found[0][0]] if found else 0.0
        matches = tuple(SkillMatch(held, LINKS[rank]) for rank, held in found)
        statuses.append(RequirementStatus(requirement, matches, weight, earned))
    return SkillGap(
        position_iri, owned, tuple(statuses), tuple(unassessed), unknown, close_match, weights
    )


def _links_by_need(
    index: MatchIndex, owned: tuple[str, ...], close_match: bool
) -> dict[str, list[tuple[int, str]]]:
    """Need -> (link rank, held skill) of every held skill meeting it, strongest first (the
    profile's order within a link)."""
    links: dict[str, list[tuple[int, str]]] = {}
    for held in owned:
        for need, rank in index.covered(held, close_match).items():
            links.setdefault(need, []).append((rank, held))
    for found in links.values():
        if len(found) > 1:
            found.sort(key=lambda pair: pair[0])  # stable
    return links


def match_positions(
    model: ReadModel,
    have: Sequence[str],
    limit: int | None = None,
    close_match: bool = False,
    weights: MatchWeights = DEFAULT_WEIGHTS,
) -> list[PositionMatch]:
    """Positions that the skills ``have`` meet at least one skill requirement of, best fit
    first (score, fewer essential gaps, IRI); an empty profile matches nothing.

    The score is what the requirements met earn (each one's weight times the factor of the
    link that met it) over the weight of all the position's skill requirements
    (:class:`~competency_graph.model.matching.MatchWeights`). It comes
    from an index of requirements by skill, so ranking costs time in proportion to the
    requirements the skills meet, not to all requirements; the full gap is computed for the
    positions returned only. Ids of ``have`` that name no skill are left out (each gap lists
    them in ``unknown``).
    """
    owned, unknown = partition(model, have, "skill")
    index = match_index(model)
    table = index.table(weights)
    best: dict[tuple[str, str], tuple[int, WeightClass]] = {}  # (position, key) -> link
    for skill in owned:
        for position, key, cls, rank in index.entries(skill, close_match):
            found = best.get((position, key))
            if found is None or rank < found[0]:
                best[position, key] = (rank, cls)
    earned: dict[str, list[float]] = {}  # position -> what each requirement met earns
    essential_met: dict[str, int] = {}
    for (position, _), (rank, cls) in best.items():
        earned.setdefault(position, []).append(table.weight(cls) * table.links[rank])
        essential_met[position] = essential_met.get(position, 0) + cls[0]
    totals = model.skill_requirement_totals
    ranked = []
    for position, gained in earned.items():
        met, total = fsum(gained), table.total(position)
        missing = totals[position][0] - essential_met[position]
        ranked.append((-_score(met, total), missing, position, met, total, len(gained)))
    ranked.sort()
    chosen = ranked[:limit] if limit is not None else ranked
    links = _links_by_need(index, owned, close_match)

    def gap_of(position: str) -> Callable[[], SkillGap]:
        return lambda: _gap(model, position, owned, unknown, close_match, weights, links)

    matches = []
    for _, _, position, met, total, count in chosen:
        essential_total, optional_total = totals[position]
        essential = essential_met[position]
        matches.append(
            PositionMatch(
                position,
                met,
                total,
                essential,
                essential_total,
                count - essential,
                optional_total,
                gap_of(position),
            )
        )
    return matches


def _narrower_only(model: ReadModel, have: str, needs: Iterable[str]) -> tuple[str, ...]:
    """The skills of ``needs`` that ``have`` is or is narrower than, sorted."""
    ancestors = model.ancestors.get(have, frozenset((have,)))
    return tuple(sorted(need for need in set(needs) if need in ancestors))


def _score(met: float, total: float) -> float:
    return round(met / total, 4) if total else 0.0


def _number(value: float) -> str:
    return f"{round(value, 4):g}"
