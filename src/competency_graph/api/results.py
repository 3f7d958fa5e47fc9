"""GraphQL types of the analysis results (:mod:`competency_graph.analysis`).

Each type's root value is the analysis dataclass of the same name; the entities they point
to are looked up in the request's read model.
"""

from __future__ import annotations

import graphene

from competency_graph import analysis, domain
from competency_graph.api.types import (
    Duty,
    Info,
    JobDescription,
    Position,
    Requirement,
    Skill,
    context,
    lookup,
    one,
)


class SkillSupport(graphene.ObjectType):
    """A skill that supports a duty: declared on the duty, or narrower than a declared one."""

    skill = graphene.Field(Skill, required=True, description="The supporting skill.")
    via = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="The duty's declared skills this skill meets (itself, or broader ones).",
    )
    direct = graphene.Boolean(required=True, description="True when the duty names the skill.")

    @staticmethod
    def resolve_skill(root: analysis.SkillSupport, info: Info) -> domain.Skill:
        return context(info).model.skills[root.skill]

    @staticmethod
    def resolve_via(root: analysis.SkillSupport, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.via)


class DutySupport(graphene.ObjectType):
    """A duty a skill supports, with the duty's declared skills the skill meets."""

    duty = graphene.Field(Duty, required=True, description="The supported duty.")
    via = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="The duty's declared skills met (the skill itself or broader ones).",
    )

    @staticmethod
    def resolve_duty(root: analysis.DutySupport, info: Info) -> domain.Duty:
        return context(info).model.duties[root.duty]

    @staticmethod
    def resolve_via(root: analysis.DutySupport, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.via)


class CoverageCell(graphene.ObjectType):
    """One cell of the coverage matrix: a required skill against a duty."""

    skill = graphene.Field(Skill, required=True, description="The required skill (column).")
    covers = graphene.Boolean(
        required=True, description="True when the skill meets one of the duty's skills."
    )
    via = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="The duty's supporting skills this required skill meets.",
    )

    @staticmethod
    def resolve_skill(root: analysis.CoverageCell, info: Info) -> domain.Skill | None:
        return one(context(info).model.skills, root.skill)

    @staticmethod
    def resolve_via(root: analysis.CoverageCell, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.via)


class CoverageRow(graphene.ObjectType):
    """One row of the coverage matrix: a duty with a cell per required skill."""

    duty = graphene.Field(Duty, description="The duty (row).")
    covered = graphene.Boolean(
        required=True, description="False marks a gap: no required skill supports the duty."
    )
    cells = graphene.List(
        graphene.NonNull(CoverageCell),
        required=True,
        covers=graphene.Boolean(description="Only covering (true) or empty (false) cells."),
        description="One cell per column, in column order.",
    )
    missing_competences = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="Competences the duty requires that no required skill meets.",
    )

    @staticmethod
    def resolve_duty(root: analysis.CoverageRow, info: Info) -> domain.Duty | None:
        return one(context(info).model.duties, root.duty)

    @staticmethod
    def resolve_cells(
        root: analysis.CoverageRow, info: Info, covers: bool | None = None
    ) -> list[analysis.CoverageCell]:
        return [c for c in root.cells if covers is None or c.covers == covers]

    @staticmethod
    def resolve_missing_competences(root: analysis.CoverageRow, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.missing_competences)


class Coverage(graphene.ObjectType):
    """The duties x required-skills matrix of a position, with the gaps marked.

    A required skill covers a duty when it is one of the duty's supporting skills or
    narrower than one of them, transitively.
    """

    position = graphene.Field(Position, required=True, description="The position.")
    job_description = graphene.Field(
        JobDescription, description="Whose duties form the rows; null when there is none."
    )
    skills = graphene.List(
        graphene.NonNull(Skill), required=True, description="Columns: the required skills."
    )
    rows = graphene.List(
        graphene.NonNull(CoverageRow), required=True, description="Rows: the duties."
    )
    uncovered_duties = graphene.List(
        graphene.NonNull(Duty),
        required=True,
        description="Duties no required skill supports (rule duty-coverage).",
    )
    unused_skills = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="Required skills that support no duty (rule unused-requirement).",
    )

    @staticmethod
    def resolve_position(root: analysis.Coverage, info: Info) -> domain.Position:
        return context(info).model.positions[root.position]

    @staticmethod
    def resolve_job_description(
        root: analysis.Coverage, info: Info
    ) -> domain.JobDescription | None:
        return one(context(info).model.job_descriptions, root.job_description)

    @staticmethod
    def resolve_skills(root: analysis.Coverage, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.skills)

    @staticmethod
    def resolve_uncovered_duties(root: analysis.Coverage, info: Info) -> list[domain.Duty]:
        return lookup(context(info).model.duties, root.uncovered_duties)

    @staticmethod
    def resolve_unused_skills(root: analysis.Coverage, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.unused_skills)


class RequirementStatus(graphene.ObjectType):
    """A skill requirement and which of the person's skills meet it."""

    requirement = graphene.Field(Requirement, required=True, description="The requirement.")
    met = graphene.Boolean(required=True, description="True when some skill meets it.")
    met_by = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="The person's skills that meet it (the skill or a narrower one).",
    )

    @staticmethod
    def resolve_met_by(root: analysis.RequirementStatus, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.met_by)


class SkillGap(graphene.ObjectType):
    """What a person with the given skills lacks for a position."""

    position = graphene.Field(Position, required=True, description="The position.")
    have = graphene.List(
        graphene.NonNull(Skill), required=True, description="The skills given, resolved."
    )
    met = graphene.List(
        graphene.NonNull(RequirementStatus),
        required=True,
        description="Skill requirements met, with the skills that meet them.",
    )
    missing_essential = graphene.List(
        graphene.NonNull(Requirement),
        required=True,
        description="Essential skill requirements none of the skills meets.",
    )
    missing_optional = graphene.List(
        graphene.NonNull(Requirement),
        required=True,
        description="Optional skill requirements none of the skills meets.",
    )
    unassessed = graphene.List(
        graphene.NonNull(Requirement),
        required=True,
        description="Requirements a skill list cannot answer (education, personal attributes).",
    )

    @staticmethod
    def resolve_position(root: analysis.SkillGap, info: Info) -> domain.Position:
        return context(info).model.positions[root.position]

    @staticmethod
    def resolve_have(root: analysis.SkillGap, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.have)


class PositionMatch(graphene.ObjectType):
    """A position scored against a skill profile, with the numbers behind the score."""

    position = graphene.Field(Position, required=True, description="The position.")
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

    @staticmethod
    def resolve_position(root: analysis.PositionMatch, info: Info) -> domain.Position:
        return context(info).model.positions[root.position]

    @staticmethod
    def resolve_explanation(root: analysis.PositionMatch, info: Info) -> str:
        return root.explanation()
