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
)
from competency_graph.errors import UnknownIdError
from competency_graph.model import analysis


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

    A required skill covers a duty when it is one of the duty's supporting skills or
    narrower than one of them, transitively.
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
        "The person's skills that meet it (the skill or a narrower one).",
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
        description=f"(2 x essential met + optional met) / (2 x essential + optional), in "
        f"[0, 1]; essential requirements weigh {analysis.ESSENTIAL_WEIGHT}.",
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
