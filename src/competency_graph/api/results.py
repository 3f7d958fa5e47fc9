"""GraphQL types of the analysis results (:mod:`competency_graph.model.analysis`).

Each type's root value is the analysis dataclass of the same name; the entities they point
to are looked up in the request's read model.
"""

from __future__ import annotations

import graphene

from competency_graph.api.types import (
    Duty,
    Info,
    JobDescription,
    Position,
    Requirement,
    Skill,
    list_of,
    related,
    related_list,
    value_descriptions,
)
from competency_graph.errors import UnknownIdError
from competency_graph.model import analysis
from competency_graph.model.matching import DEFAULT_WEIGHTS, MatchWeights


class MatchLink(graphene.Enum):
    """How a held skill meets a needed one (the strongest link counts, in this order)."""

    SELF = "self"
    NARROWER = "narrower"
    EXACT_MATCH = "exactMatch"
    CLOSE_MATCH = "closeMatch"

    description = value_descriptions(
        {
            "SELF": "The held skill is the one needed.",
            "NARROWER": "The held skill is narrower than the one needed (skos:broader, "
            "transitively): MS Excel meets a need for MS Office.",
            "EXACT_MATCH": "The held skill is the needed one in another scheme (skos:exactMatch, "
            "either direction), or reaches it by such links and skos:broader together.",
            "CLOSE_MATCH": "Through one skos:closeMatch link (either direction); only when the "
            "query asks for closeMatch.",
        }
    )


class MatchWeightsInput(graphene.InputObjectType):
    """The weights of a match score; each field left out keeps its default.

    A skill requirement weighs necessity x kind x reuse level, and a requirement met earns its
    weight x the factor of the link that met it; the score is earned / the weight of all the
    position's skill requirements. By default an essential requirement weighs twice an
    optional one and a personal quality a quarter of a professional skill, knowledge area,
    tool, language or licence; a closeMatch earns half. ESCO marks no personal qualities: set
    `transversal` below 1 to weigh its transversal skills down too. A skill without an ESCO
    reuse level takes no reuse factor.
    """

    essential = graphene.Float(description=f"Default {DEFAULT_WEIGHTS.essential:g}.")
    optional = graphene.Float(description=f"Default {DEFAULT_WEIGHTS.optional:g}.")
    knowledge = graphene.Float(description="A knowledge area (cg:Knowledge). Default 1.")
    competence = graphene.Float(description="A skill/competence (cg:Competence). Default 1.")
    skill = graphene.Float(description="A skill of no stated kind (cg:Skill only). Default 1.")
    tool = graphene.Float(description="A tool or software (cg:Tool). Default 1.")
    language = graphene.Float(description="A language (cg:Language). Default 1.")
    licence = graphene.Float(description="A licence (cg:Licence). Default 1.")
    personal_quality = graphene.Float(
        description=f"A personal quality (cg:PersonalQuality). Default "
        f"{DEFAULT_WEIGHTS.personal_quality:g}."
    )
    transversal = graphene.Float(description="ESCO reuse level transversal. Default 1.")
    cross_sector = graphene.Float(description="ESCO reuse level cross-sector. Default 1.")
    sector_specific = graphene.Float(description="ESCO reuse level sector-specific. Default 1.")
    occupation_specific = graphene.Float(
        description="ESCO reuse level occupation-specific. Default 1."
    )
    narrower_link = graphene.Float(description="Share earned through a narrower skill. Default 1.")
    exact_match_link = graphene.Float(description="Share earned through exactMatch. Default 1.")
    close_match_link = graphene.Float(
        description=f"Share earned through closeMatch. Default "
        f"{DEFAULT_WEIGHTS.close_match_link:g}."
    )


def match_weights(given: dict[str, float | None] | None) -> MatchWeights:
    """The :class:`MatchWeights` of a ``weights`` argument (None: the defaults)."""
    return MatchWeights.of(dict(given)) if given else DEFAULT_WEIGHTS


class SkillSupport(graphene.ObjectType):
    """A skill that supports a duty: declared on the duty, or narrower than a declared one."""

    skill = related(Skill, "skills", "skill", "The supporting skill.", required=True)
    via = related_list(
        Skill,
        "skills",
        "via",
        "The duty's declared skills this skill meets (itself, or broader ones).",
    )
    direct = graphene.Boolean(required=True, description="True when the duty names the skill.")


class DutySupport(graphene.ObjectType):
    """A duty a skill supports, with the duty's declared skills the skill meets."""

    duty = related(Duty, "duties", "duty", "The supported duty.", required=True)
    via = related_list(
        Skill, "skills", "via", "The duty's declared skills met (the skill itself or broader ones)."
    )


class CoverageCell(graphene.ObjectType):
    """One cell of the coverage matrix: a required skill against a duty."""

    skill = related(Skill, "skills", "skill", "The required skill (column).", required=True)
    covers = graphene.Boolean(
        required=True, description="True when the skill meets one of the duty's skills."
    )
    via = related_list(
        Skill, "skills", "via", "The duty's supporting skills this required skill meets."
    )
    link = graphene.Field(
        MatchLink, description="The strongest link by which it meets one of them; null if none."
    )


class CoverageRow(graphene.ObjectType):
    """One row of the coverage matrix: a duty with a cell per required skill."""

    duty = related(Duty, "duties", "duty", "The duty (row).")
    covered = graphene.Boolean(
        required=True, description="False marks a gap: no required skill supports the duty."
    )
    cells = list_of(
        CoverageCell,
        "One cell per column, in column order.",
        covers=graphene.Boolean(description="Only covering (true) or empty (false) cells."),
    )
    missing_competences = related_list(
        Skill,
        "skills",
        "missing_competences",
        "Competences the duty requires that no required skill meets.",
    )

    @staticmethod
    def resolve_cells(
        root: analysis.CoverageRow, info: Info, covers: bool | None = None
    ) -> list[analysis.CoverageCell]:
        return [c for c in root.cells if covers is None or c.covers == covers]


class Coverage(graphene.ObjectType):
    """The duties x required-skills matrix of a position, with the gaps marked.

    A required skill covers a duty when it is one of the duty's supporting skills, narrower
    than one of them (transitively), or linked to either by skos:exactMatch, as the checker's
    duty-coverage rule counts; with closeMatch, also by one skos:closeMatch (which the
    checker never counts).
    """

    position = related(Position, "positions", "position", "The position.", required=True)
    job_description = related(
        JobDescription,
        "job_descriptions",
        "job_description",
        "Whose duties form the rows; null when there is none.",
    )
    skills = related_list(Skill, "skills", "skills", "Columns: the required skills.")
    rows = list_of(CoverageRow, "Rows: the duties.")
    uncovered_duties = related_list(
        Duty,
        "duties",
        "uncovered_duties",
        "Duties no required skill supports (rule duty-coverage).",
    )
    unused_skills = related_list(
        Skill,
        "skills",
        "unused_skills",
        "Required skills that support no duty (rule unused-requirement).",
    )


class RequirementStatus(graphene.ObjectType):
    """A skill requirement and which of the person's skills meet it."""

    requirement = graphene.Field(Requirement, required=True, description="The requirement.")
    met = graphene.Boolean(required=True, description="True when some skill meets it.")
    met_by = related_list(
        Skill,
        "skills",
        "met_by",
        "The person's skills that meet it, strongest link first.",
    )
    link = graphene.Field(
        MatchLink, description="The strongest link by which it is met; null when unmet."
    )
    held_skill = related(
        Skill, "skills", "held_skill", "The person's skill that meets it by `link`."
    )
    weight = graphene.Float(
        required=True, description="Its weight in a match score: necessity x kind x reuse level."
    )
    earned = graphene.Float(
        required=True,
        description="What meeting it earns: `weight` x the factor of `link` (0 when unmet).",
    )


class UnknownId(graphene.ObjectType):
    """An id given in a list that names nothing of the graph: left out of the answer, which
    goes on with the rest."""

    given = graphene.String(required=True, description="The id as given.")
    code = graphene.String(
        required=True,
        description="NOT_FOUND (an id of the right form that names nothing) or BAD_ID (a "
        "text no id can have).",
    )
    message = graphene.String(
        required=True, description="The error in words, with the closest id if one is close."
    )
    suggestion = graphene.ID(description="The closest known id, when one is close.")


def unknown_entries(errors: tuple[UnknownIdError, ...]) -> list[dict[str, str | None]]:
    """The :class:`UnknownId` values of ``errors`` (an exception returned by a resolver
    would be taken for the field's error, so they travel as plain values)."""
    return [
        {"given": e.identifier, "code": e.code, "message": e.message, "suggestion": e.suggestion}
        for e in errors
    ]


def unknown_ids(description: str) -> graphene.List:
    """A list of :class:`UnknownId` read from the root's ``unknown`` attribute."""
    return graphene.List(
        graphene.NonNull(UnknownId),
        required=True,
        description=description,
        resolver=lambda root, info: unknown_entries(root.unknown),
    )


class SkillGap(graphene.ObjectType):
    """What a person with the given skills lacks for a position."""

    position = related(Position, "positions", "position", "The position.", required=True)
    have = related_list(Skill, "skills", "have", "The skills given, resolved.")
    met = list_of(RequirementStatus, "Skill requirements met, with the skills that meet them.")
    missing_essential = list_of(
        Requirement, "Essential skill requirements none of the skills meets."
    )
    missing_optional = list_of(Requirement, "Optional skill requirements none of the skills meets.")
    unassessed = list_of(
        Requirement, "Requirements a skill list cannot answer (education, personal attributes)."
    )
    unknown_skills = unknown_ids(
        "Ids of `have` that name no skill of the graph; the gap is computed without them."
    )


class PositionMatch(graphene.ObjectType):
    """A position scored against a skill profile, with the numbers behind the score."""

    position = related(Position, "positions", "position", "The position.", required=True)
    score = graphene.Float(
        required=True,
        description="`earned` / `weightTotal`, in [0, 1], to four places (see MatchWeightsInput).",
    )
    earned = graphene.Float(
        required=True,
        description="What the requirements met earn: each one's weight x its link's factor.",
        resolver=lambda root, info: round(root.weight_met, 4),
    )
    weight_total = graphene.Float(
        required=True,
        description="The weight of all the position's skill requirements.",
        resolver=lambda root, info: round(root.weight_total, 4),
    )
    met = list_of(
        RequirementStatus,
        "The requirements met, in position order: the held skill, link, weight and earned.",
        resolver=lambda root, info: root.gap.met,
    )
    essential_met = graphene.Int(required=True, description="Essential requirements met.")
    essential_total = graphene.Int(required=True, description="Essential skill requirements.")
    optional_met = graphene.Int(required=True, description="Optional requirements met.")
    optional_total = graphene.Int(required=True, description="Optional skill requirements.")
    explanation = graphene.String(required=True, description="The score in words.")
    gap = graphene.Field(SkillGap, required=True, description="The full gap analysis.")
    unknown_skills = graphene.List(
        graphene.NonNull(UnknownId),
        required=True,
        description="Ids of `have` that name no skill of the graph; scored without them.",
        resolver=lambda root, info: unknown_entries(root.gap.unknown),
    )

    @staticmethod
    def resolve_explanation(root: analysis.PositionMatch, info: Info) -> str:
        return root.explanation()
