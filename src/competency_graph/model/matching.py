"""When a held skill meets a needed one, through which link, and how much a requirement weighs.

One rule serves the skill gap, the ranking of positions, the coverage matrix and (in SPARQL
form, ``cg:coversSkill``) the checker: a held skill H meets a need for skill N when

- ``self``: H is N;
- ``narrower``: H is narrower than N, transitively (``skos:broader``): "MS Excel" meets a
  need for "MS Office", not the other way round;
- ``exactMatch``: H and N are the same concept in two schemes (``skos:exactMatch``, either
  direction, transitively), or H reaches N by such links and ``skos:broader`` together: our
  "financial statements" meets ESCO's "financial statements", and whatever that is narrower
  than;
- ``closeMatch``, only when asked for: one ``skos:closeMatch`` link (either direction) from
  anything H meets by the links above, then those links again. closeMatch is not transitive
  in SKOS, so one step only.

When several links reach N the strongest counts, in the order above. :class:`MatchIndex`
holds what the rule needs at request time; it is built from a read model once (in
milliseconds: it reads only the skills' match links) and memoised per read model by
:func:`match_index`. Each held skill's closure and the requirements it meets (the inverted
index of requirements by skill, with the closure applied), and each position's weight
classes, are worked out on first use and kept: eagerly for all of ESCO they would cost a
restart a few hundred milliseconds, while a profile's skills are a few of thousands.

A requirement weighs ``necessity x kind x reuse level`` (:class:`MatchWeights`) and, met,
earns its weight times the factor of its link; the score of a position is what its
requirements met earn over the weight of all its skill requirements.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from itertools import chain, repeat
from math import fsum

from competency_graph.errors import InputError
from competency_graph.model.domain import Requirement
from competency_graph.model.readmodel import ReadModel

#: the links by strength: a lower rank is a stronger link
LINKS = ("self", "narrower", "exactMatch", "closeMatch")
SELF, NARROWER, EXACT_MATCH, CLOSE_MATCH = range(4)
#: ESCO's reuse levels (cg:reuseLevel) and the :class:`MatchWeights` field of each
REUSE_LEVELS = {
    "transversal": "transversal",
    "cross-sector": "cross_sector",
    "sector-specific": "sector_specific",
    "occupation-specific": "occupation_specific",
}
#: skill kinds (Skill.kind) and the :class:`MatchWeights` field of each
KIND_FIELDS = {
    "knowledge": "knowledge",
    "competence": "competence",
    "skill": "skill",
    "tool": "tool",
    "language": "language",
    "licence": "licence",
    "personal-quality": "personal_quality",
}


@dataclass(frozen=True)
class MatchWeights:
    """How much a skill requirement weighs in a match score: necessity x kind x reuse level.

    The default puts an essential requirement at twice an optional one and a personal quality
    ("stress resistance", "accuracy") at a quarter of a professional skill, knowledge area,
    tool, language or licence, so that the few skills a profession is recognised by decide
    the ranking rather than the many qualities every post lists. ESCO marks no personal
    qualities; its transversal skills come closest, and weigh ``transversal`` (1 by default:
    set it below 1 to treat them alike). A requirement whose skill has no reuse level (every
    skill of the shipped taxonomy) takes no reuse factor.

    A requirement met earns its weight times the factor of the link that met it: all of it
    by default, half through a ``skos:closeMatch`` (a similar concept is not the same one).
    """

    essential: float = 2.0
    optional: float = 1.0
    knowledge: float = 1.0
    competence: float = 1.0
    skill: float = 1.0  # a skill of no stated kind (ESCO skills without a skillType)
    tool: float = 1.0
    language: float = 1.0
    licence: float = 1.0
    personal_quality: float = 0.25
    transversal: float = 1.0
    cross_sector: float = 1.0
    sector_specific: float = 1.0
    occupation_specific: float = 1.0
    # the share of a requirement's weight a match by each link earns (``self`` earns all)
    narrower_link: float = 1.0
    exact_match_link: float = 1.0
    close_match_link: float = 0.5

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
                raise InputError(f"weight {name} must be a number >= 0, not {value!r}")

    @classmethod
    def of(cls, given: Mapping[str, float | None] | None) -> MatchWeights:
        """The weights with ``given`` (field name -> weight; None keeps the default) changed."""
        known = {f.name for f in fields(cls)}
        chosen = {k: v for k, v in (given or {}).items() if v is not None}
        unknown = sorted(set(chosen) - known)
        if unknown:
            raise InputError(f"unknown weight {unknown[0]!r}; known: {', '.join(sorted(known))}")
        return cls(**chosen)

    def necessity_weight(self, necessity: str) -> float:
        """The factor of ``essential`` or ``optional``."""
        return self.essential if necessity == "essential" else self.optional

    def kind_weight(self, kind: str | None) -> float:
        """The factor of a skill kind (an unknown skill counts as a plain skill)."""
        return float(getattr(self, KIND_FIELDS.get(kind or "skill", "skill")))

    def reuse_weight(self, reuse_level: str | None) -> float:
        """The factor of an ESCO reuse level; 1 for a skill without one."""
        name = REUSE_LEVELS.get(reuse_level or "")
        return float(getattr(self, name)) if name else 1.0

    def link_weight(self, rank: int) -> float:
        """The share of its weight a requirement met by the link of ``rank`` earns."""
        return (1.0, self.narrower_link, self.exact_match_link, self.close_match_link)[rank]

    def describe(self) -> str:
        """The weights in words, for explanations: the factors that differ from 1."""
        parts = [f"essential {_number(self.essential)}", f"optional {_number(self.optional)}"]
        for kind, name in (*KIND_FIELDS.items(), *REUSE_LEVELS.items()):
            value = getattr(self, name)
            if value != 1:
                parts.append(f"{kind} {_number(value)}")
        return ", ".join(parts)

    def describe_links(self) -> str:
        """The link factors in words."""
        return ", ".join(
            f"{link} {_number(self.link_weight(rank))}" for rank, link in enumerate(LINKS)
        )


DEFAULT_WEIGHTS = MatchWeights()
#: how many sets of weights the index keeps the weight tables of
MEMO_WEIGHTS = 32


@dataclass(frozen=True)
class SkillMatch:
    """A held skill that meets a need, and the link by which it does."""

    held: str
    link: str  # one of LINKS


#: what a requirement's weight depends on: (essential, skill kind, reuse level)
WeightClass = tuple[bool, str | None, str | None]
#: a requirement a held skill meets: (position, requirement key, weight class, link rank)
Entry = tuple[str, str, WeightClass, int]


class MatchIndex:
    """What matching reads at request time, built once per read model.

    Building it reads only the skills' exactMatch and closeMatch links (milliseconds at ESCO
    scale, so a restart does not wait for it). The rest is worked out on first use and kept:
    ``covered(held, close)``, every skill a held skill meets with the link, and
    ``entries(held, close)``, every position requirement it meets (the inverted index of
    requirements by skill with the closure applied); a profile's skills are a few of
    thousands. Memo writes are single dict stores, safe under concurrent requests.
    """

    def __init__(self, model: ReadModel) -> None:
        self.model = model
        self.exact = _symmetric(
            (s.iri, s.exact_match) for s in model.skills.values() if s.exact_match
        )
        self.close = _symmetric(
            (s.iri, s.close_match) for s in model.skills.values() if s.close_match
        )
        self._covered: dict[tuple[str, bool], dict[str, int]] = {}
        self._entries: dict[tuple[str, bool], tuple[Entry, ...]] = {}
        self._tables: dict[MatchWeights, WeightTable] = {}
        self._position_classes: dict[str, tuple[tuple[WeightClass, int], ...]] = {}
        self._skill_classes: dict[str, tuple[WeightClass, WeightClass]] = {}

    # -- the closure ---------------------------------------------------------------------
    def covered(self, held: str, close: bool = False) -> dict[str, int]:
        """Every skill ``held`` meets -> the rank of the strongest link (:data:`LINKS`)."""
        memo = (held, close)
        found = self._covered.get(memo)
        if found is None:
            found = self._closure(held, close)
            self._covered[memo] = found
        return found

    def link(self, held: str, need: str, close: bool = False) -> str | None:
        """The link by which ``held`` meets ``need``, or None."""
        rank = self.covered(held, close).get(need)
        return LINKS[rank] if rank is not None else None

    def _closure(self, held: str, close: bool) -> dict[str, int]:
        ancestors = self.model.ancestors.get(held, frozenset((held,)))
        found = dict.fromkeys(ancestors, NARROWER)
        found[held] = SELF
        for skill in self._exact_closure(ancestors) - found.keys():
            found[skill] = EXACT_MATCH
        if close:
            for near in {x for n in list(found) for x in self.close.get(n, ())}:
                for skill in self._exact_closure(self.model.ancestors.get(near, {near})):
                    found.setdefault(skill, CLOSE_MATCH)
        return found

    def _exact_closure(self, start: Iterable[str]) -> set[str]:
        """``start`` and everything reached from it by exactMatch and broader links."""
        reached = set(start)
        frontier = [s for s in reached if s in self.exact]
        while frontier:
            for same in self.exact.get(frontier.pop(), ()):
                for skill in self.model.ancestors.get(same, (same,)):
                    if skill not in reached:
                        reached.add(skill)
                        frontier.append(skill)
        return reached

    def entries(self, held: str, close: bool = False) -> tuple[Entry, ...]:
        """Every position requirement ``held`` meets, with its weight class and link rank."""
        memo = (held, close)
        found = self._entries.get(memo)
        if found is None:
            asking = self.model.position_requirements_by_skill
            requirements = self.model.requirements
            built: list[Entry] = []
            for need, rank in self.covered(held, close).items():
                pairs = asking.get(need)
                if not pairs:
                    continue
                essential, optional = self._classes(need)
                built.extend(
                    (
                        position,
                        key,
                        essential if requirements[key].necessity == "essential" else optional,
                        rank,
                    )
                    for position, key in pairs
                )
            found = tuple(built)
            self._entries[memo] = found
        return found

    def _classes(self, skill_iri: str) -> tuple[WeightClass, WeightClass]:
        """The weight classes of an essential and of an optional requirement for a skill."""
        found = self._skill_classes.get(skill_iri)
        if found is None:
            skill = self.model.skills.get(skill_iri)
            kind, reuse_level = (skill.kind, skill.reuse_level) if skill else (None, None)
            found = (True, kind, reuse_level), (False, kind, reuse_level)
            self._skill_classes[skill_iri] = found
        return found

    # -- weights -------------------------------------------------------------------------
    def weight_class(self, requirement: Requirement) -> WeightClass:
        """What the weight of a skill requirement depends on."""
        essential, optional = self._classes(requirement.skill or "")
        return essential if requirement.necessity == "essential" else optional

    def position_classes(self, position: str) -> tuple[tuple[WeightClass, int], ...]:
        """How many skill requirements of each weight class a position has (whatever the
        weights: the total of any weights is a sum over these few classes)."""
        found = self._position_classes.get(position)
        if found is None:
            counts: dict[WeightClass, int] = {}
            requirements = self.model.requirements
            for key in self.model.positions[position].requirements:
                requirement = requirements.get(key)
                if requirement is not None and requirement.skill is not None:
                    cls = self.weight_class(requirement)
                    counts[cls] = counts.get(cls, 0) + 1
            found = tuple(counts.items())
            self._position_classes[position] = found
        return found

    def table(self, weights: MatchWeights) -> WeightTable:
        """The :class:`WeightTable` of ``weights``, kept for the next request asking them."""
        found = self._tables.get(weights)
        if found is None:
            if len(self._tables) >= MEMO_WEIGHTS:  # weights come per request: keep a few
                self._tables.clear()
            found = self._tables.setdefault(weights, WeightTable(self, weights))
        return found

    def requirement_weight(self, requirement: Requirement, weights: MatchWeights) -> float:
        """The weight of a skill requirement (any owner's)."""
        return self.table(weights).weight(self.weight_class(requirement))

    def total(self, position: str, weights: MatchWeights) -> float:
        """The weight of all skill requirements of a position."""
        return self.table(weights).total(position)


class WeightTable:
    """One set of weights applied: the weight of each weight class and the total weight of
    each position's skill requirements, worked out on first use and kept."""

    def __init__(self, index: MatchIndex, weights: MatchWeights) -> None:
        self.index = index
        self.weights = weights
        self.links = tuple(weights.link_weight(rank) for rank in range(len(LINKS)))
        self.weights_of: dict[WeightClass, float] = {}
        self.totals: dict[str, float] = {}

    def weight(self, cls: WeightClass) -> float:
        """The weight of a requirement of class ``cls``: necessity x kind x reuse level."""
        found = self.weights_of.get(cls)
        if found is None:
            essential, kind, reuse_level = cls
            weights = self.weights
            found = (
                weights.necessity_weight("essential" if essential else "optional")
                * weights.kind_weight(kind)
                * weights.reuse_weight(reuse_level)
            )
            self.weights_of[cls] = found
        return found

    def total(self, position: str) -> float:
        """The weight of all skill requirements of ``position``."""
        found = self.totals.get(position)
        if found is None:
            # each weight repeated, not multiplied: the same sum as the gap's, to the last bit
            found = fsum(
                chain.from_iterable(
                    repeat(self.weight(cls), count)
                    for cls, count in self.index.position_classes(position)
                )
            )
            self.totals[position] = found
        return found


_INDEXES: dict[int, tuple[weakref.ref[ReadModel], MatchIndex]] = {}
_INDEXES_LOCK = threading.Lock()


def match_index(model: ReadModel) -> MatchIndex:
    """The :class:`MatchIndex` of ``model``, built on first use and kept while it lives."""
    found = _INDEXES.get(id(model))
    if found is not None and found[0]() is model:
        return found[1]
    with _INDEXES_LOCK:
        found = _INDEXES.get(id(model))
        if found is not None and found[0]() is model:
            return found[1]
        index = MatchIndex(model)
        key = id(model)
        # the callback holds the dict itself: at interpreter exit the module's globals may
        # already be gone when the last models are collected
        indexes = _INDEXES
        _INDEXES[key] = (weakref.ref(model, lambda _: indexes.pop(key, None)), index)
        return index


def _symmetric(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, tuple[str, ...]]:
    """Links read both ways: ``{a: every b with a-b or b-a}``."""
    found: dict[str, set[str]] = {}
    for source, targets in pairs:
        for target in targets:
            if target != source:
                found.setdefault(source, set()).add(target)
                found.setdefault(target, set()).add(source)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _number(value: float) -> str:
    """A weight as people write it: 2, 0.25."""
    return f"{value:g}"
