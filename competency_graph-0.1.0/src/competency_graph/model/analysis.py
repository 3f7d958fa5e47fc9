"""Questions about skills and duties, answered from a :class:`ReadModel`.

Every function here is pure: read model in, frozen dataclasses out, no RDF. The one rule
about the skill hierarchy is the checker's: a need for skill S (a duty's supporting skill, a
required competence, a position's requirement) is met by S itself or by any skill narrower
than S, transitively. Having a broader skill does not meet a narrower need: "MS Office" does
not meet a need for "MS Excel", but "MS Excel" meets a need for "MS Office".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from competency_graph.errors import UnknownIdError
from competency_graph.model.domain import Requirement
from competency_graph.model.ids import partition, require
from competency_graph.model.readmodel import ReadModel

#: weight of an essential requirement in a match score; optional ones weigh 1
ESSENTIAL_WEIGHT = 2


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

    @property
    def covers(self) -> bool:
        """True when the required skill meets at least one supporting skill of the duty."""
        return bool(self.via)


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
    """A skill requirement and the skills of a person that meet it."""

    requirement: Requirement
    met_by: tuple[str, ...]

    @property
    def met(self) -> bool:
        """True when at least one of the person's skills meets the requirement."""
        return bool(self.met_by)


@dataclass(frozen=True)
class SkillGap:
    """What a person with ``have`` lacks for a position, essential and optional apart."""

    position: str
    have: tuple[str, ...]
    statuses: tuple[RequirementStatus, ...]  # every skill requirement, in position order
    unassessed: tuple[Requirement, ...]  # requirements without a skill (education, attributes)
    #: the ids of ``have`` that name no skill of the graph, left out of the comparison
    unknown: tuple[UnknownIdError, ...] = ()

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
    """How well a skill profile fits a position, with the numbers behind the score."""

    gap: SkillGap
    essential_met: int
    essential_total: int
    optional_met: int
    optional_total: int

    @property
    def position(self) -> str:
        """IRI of the position."""
        return self.gap.position

    @property
    def score(self) -> float:
        """Weighted share of met requirements in [0, 1]; essential ones weigh double."""
        return _score(
            self.essential_met, self.essential_total, self.optional_met, self.optional_total
        )

    def explanation(self) -> str:
        """The score in words, in English."""
        return (
            f"{self.essential_met} of {self.essential_total} essential and "
            f"{self.optional_met} of {self.optional_total} optional skill requirements met; "
            f"score = ({ESSENTIAL_WEIGHT}*{self.essential_met} + {self.optional_met}) / "
            f"({ESSENTIAL_WEIGHT}*{self.essential_total} + {self.optional_total})"
        )


def meets(model: ReadModel, have: str, needs: Iterable[str]) -> tuple[str, ...]:
    """The skills of ``needs`` that having ``have`` meets, sorted."""
    ancestors = model.ancestors.get(have, frozenset((have,)))
    return tuple(sorted(need for need in set(needs) if need in ancestors))


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
        DutySupport(duty, meets(model, skill_iri, model.duties[duty].supported_by))
        for duty in model.duties_by_skill.get(skill_iri, ())
    ]


def coverage(model: ReadModel, position_iri: str) -> Coverage:
    """The duties x required-skills matrix of a position (its job description's duties)."""
    position_iri = require(model, position_iri, "position")
    description = model.job_description_of(position_iri)
    required = sorted(model.required_skills(position_iri))
    rows = []
    for duty_iri in description.duties if description else ():
        duty = model.duties.get(duty_iri)
        needs = duty.supported_by if duty else ()
        competences = duty.requires_competence if duty else ()
        cells = tuple(
            CoverageCell(duty_iri, skill, meets(model, skill, needs)) for skill in required
        )
        missing = tuple(
            c for c in competences if not any(model.satisfies(skill, c) for skill in required)
        )
        rows.append(CoverageRow(duty_iri, cells, missing))
    return Coverage(
        position=position_iri,
        job_description=description.iri if description else None,
        skills=tuple(required),
        rows=tuple(rows),
    )


def skill_gap(model: ReadModel, position_iri: str, have: Sequence[str]) -> SkillGap:
    """Compare a person's skills with a position's skill requirements.

    Ids of ``have`` that name no skill are left out and listed in ``SkillGap.unknown``: a
    profile from another system always holds some, and the rest still answers.
    """
    position_iri = require(model, position_iri, "position")
    owned, unknown = partition(model, have, "skill")
    return _gap(model, position_iri, owned, unknown)


def _gap(
    model: ReadModel, position_iri: str, owned: tuple[str, ...], unknown: tuple[UnknownIdError, ...]
) -> SkillGap:
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
        met_by = tuple(s for s in owned if model.satisfies(s, requirement.skill))
        statuses.append(RequirementStatus(requirement, met_by))
    return SkillGap(position_iri, owned, tuple(statuses), tuple(unassessed), unknown)


def match_positions(
    model: ReadModel, have: Sequence[str], limit: int | None = None
) -> list[PositionMatch]:
    """Positions with skill requirements, best fit first (score, fewer essential gaps, IRI).

    Scores come from an index of requirements by skill, so ranking every position costs
    time in proportion to the requirements the skills meet, not to all requirements; the
    full gap is computed for the positions returned only. Ids of ``have`` that name no
    skill are left out (each gap lists them in ``unknown``).
    """
    owned, unknown = partition(model, have, "skill")
    met_needs: set[str] = set()
    for skill in owned:
        met_needs |= model.ancestors.get(skill, frozenset((skill,)))
    met: dict[str, set[str]] = defaultdict(set)  # position -> requirement keys met
    for need in met_needs:
        for position, key in model.position_requirements_by_skill.get(need, ()):
            met[position].add(key)
    totals = model.skill_requirement_totals  # counted once per read model
    ranked = []
    for position, (essential_total, optional_total) in totals.items():
        keys = met.get(position, set())
        essential_met = sum(model.requirements[k].necessity == "essential" for k in keys)
        ranked.append(
            (position, essential_met, essential_total, len(keys) - essential_met, optional_total)
        )

    def order(row: tuple[str, int, int, int, int]) -> tuple[float, int, str]:
        position, e_met, e_total, o_met, o_total = row
        score = _score(e_met, e_total, o_met, o_total)
        return (-score, e_total - e_met, position)

    ranked.sort(key=order)
    chosen = ranked[:limit] if limit is not None else ranked
    return [
        PositionMatch(_gap(model, position, owned, unknown), e_met, e_total, o_met, o_total)
        for position, e_met, e_total, o_met, o_total in chosen
    ]


def _score(
    essential_met: int, essential_total: int, optional_met: int, optional_total: int
) -> float:
    total = ESSENTIAL_WEIGHT * essential_total + optional_total
    met = ESSENTIAL_WEIGHT * essential_met + optional_met
    return round(met / total, 4) if total else 0.0
