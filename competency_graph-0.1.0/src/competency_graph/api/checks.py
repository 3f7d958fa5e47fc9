"""GraphQL types of consistency checks: the report and its violations.

Roots are :class:`~competency_graph.checking.report.Report` and
:class:`~competency_graph.checking.report.Violation` from the checker library, unchanged.
"""

from __future__ import annotations

from typing import Any

import graphene

from competency_graph.api.inputs import input_path
from competency_graph.api.types import Info, SeverityLevel, curie, lang_value
from competency_graph.checking.report import Location, Report, Violation
from competency_graph.importers.job_description import INPUT_SOURCE


class SourceLocation(graphene.ObjectType):
    """Where to fix the violation: the file and line of the statement that holds the
    offending value (else of the focus entity)."""

    path = graphene.String(required=True, description="The file.")
    line = graphene.Int(description="1-based line.")
    column = graphene.Int(description="1-based column.")
    field = graphene.String(
        description="The field path in a job description given as YAML or JSON, such as "
        "duties[1] or agreements."
    )

    @staticmethod
    def resolve_field(root: Location, info: Info) -> str | None:
        return root.field or None


class ViolationType(graphene.ObjectType):
    """One broken rule at one entity: what, where, why, and how to fix it."""

    class Meta:
        name = "Violation"

    rule = graphene.String(required=True, description="The rule id (see `rules`).")
    severity = graphene.Field(SeverityLevel, required=True, description="Error, warning, info.")
    message = graphene.String(required=True, description="What is wrong, naming the entity.")
    focus = graphene.String(required=True, description="Id of the entity that breaks the rule.")
    focus_label = graphene.String(required=True, description="Its label.")
    path = graphene.String(description="The property involved, as a short id.")
    value = graphene.String(description="The offending value: an id, or a literal's text.")
    value_label = graphene.String(description="The value's label.")
    fix = graphene.String(required=True, description="What to change.")
    source = graphene.String(required=True, description="The seed principle or legal norm.")
    source_label = graphene.String(required=True, description="The source's label.")
    location = graphene.Field(SourceLocation, description="Where to fix it.")
    input_path = graphene.String(
        description="For `checkJobDescription`: the path of the field to fix in the "
        "`JobDescriptionInput` sent (`duties[3].supportedBy[0]`), so that a form can show "
        "the violation at its field; null elsewhere."
    )

    @staticmethod
    def resolve_input_path(root: Violation, info: Info) -> str | None:
        location = root.location
        if location is None or not location.field or location.path != INPUT_SOURCE:
            return None
        return input_path(location.field)

    @staticmethod
    def resolve_rule(root: Violation, info: Info) -> str:
        return root.rule_id

    @staticmethod
    def resolve_severity(root: Violation, info: Info) -> str:
        return root.severity.value

    @staticmethod
    def resolve_focus(root: Violation, info: Info) -> str:
        return curie(root.focus)

    @staticmethod
    def resolve_path(root: Violation, info: Info) -> str | None:
        return curie(root.path) if root.path else None

    @staticmethod
    def resolve_value(root: Violation, info: Info) -> str | None:
        return curie(root.value) if root.value else None

    @staticmethod
    def resolve_location(root: Violation, info: Info) -> Location | None:
        return root.location


class SeverityCounts(graphene.ObjectType):
    """Number of violations per severity."""

    error = graphene.Int(required=True, description="Errors.")
    warning = graphene.Int(required=True, description="Warnings.")
    info = graphene.Int(required=True, description="Infos.")


class CheckReport(graphene.ObjectType):
    """The outcome of a consistency check."""

    conforms = graphene.Boolean(required=True, description="True when nothing is violated.")
    counts = graphene.Field(SeverityCounts, required=True, description="Per severity.")
    violations = graphene.List(
        graphene.NonNull(ViolationType),
        required=True,
        severity=graphene.Argument(SeverityLevel, description="Only this severity."),
        rule=graphene.String(description="Only this rule id."),
        description="Errors first, then by rule, focus and value.",
    )
    rules_run = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Ids of the rules run."
    )
    notes = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="What the check left out and why (the OWL reasoner is not run by the API).",
    )
    seconds = graphene.Float(required=True, description="How long the check took.")

    @staticmethod
    def resolve_counts(root: Report, info: Info) -> dict[str, int]:
        return root.counts()

    @staticmethod
    def resolve_violations(
        root: Report, info: Info, severity: Any = None, rule: str | None = None
    ) -> list[Violation]:
        wanted = lang_value(severity) if severity is not None else None
        return [
            v
            for v in root.sorted()
            if (wanted is None or v.severity.value == wanted)
            and (rule is None or v.rule_id == rule)
        ]
