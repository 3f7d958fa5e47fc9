"""GraphQL mutations: job descriptions created, updated and deleted, validated before commit.

The resolvers turn the typed input into the YAML format's data
(:func:`~competency_graph.api.inputs.to_job_description_data`) and hand it to the server's
edit service (:class:`~competency_graph.api.context.EditService`), which checks the would-be
graph with every rule, writes the YAML file and swaps the served graph. A refused write is an
error with ``extensions.code`` ``VALIDATION_FAILED`` (and every violation with its
``inputPath``), ``CONFLICT`` (a stale ``expectedVersion``, with the ``currentVersion``) or
``NOT_FOUND``; nothing is written then.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import graphene

from competency_graph.api import types as t
from competency_graph.api.checks import CheckReport
from competency_graph.api.context import EditService, Signature
from competency_graph.api.inputs import input_enum, job_description_input, to_job_description_data
from competency_graph.api.types import Info, context, lang_of
from competency_graph.errors import InputError


class NotAvailable(InputError):
    """A server started without an edits folder takes no writes."""

    code = "NOT_AVAILABLE"


def editor(info: Info, action: str, role: str = "editor") -> EditService:
    """The edit service, when the request's role is ``role`` or above; else an error."""
    context(info).principal.require(role, action)
    service = context(info).editor
    if service is None:
        raise NotAvailable(
            "this server takes no edits: start it with `competency-graph serve --edits DIR`"
        )
    return service


class SaveJobDescriptionPayload(graphene.ObjectType):
    """What a create or update did."""

    position = graphene.ID(required=True, description="The position's compact id.")
    file = graphene.String(required=True, description="The YAML file's name in the edits folder.")
    written = graphene.Boolean(
        required=True, description="True when the file was written (false for a dry run)."
    )
    version = graphene.String(
        description="The file's version now (before the call, for a dry run): pass it as "
        "`expectedVersion` to the next update."
    )
    report = graphene.Field(
        CheckReport,
        required=True,
        description="The check of the would-be graph: warnings and infos (an error refuses "
        "the write).",
    )


class DeleteJobDescriptionPayload(graphene.ObjectType):
    """What a delete did."""

    position = graphene.ID(required=True, description="The position's compact id.")
    file = graphene.String(required=True, description="The YAML file's name in the edits folder.")
    written = graphene.Boolean(
        required=True, description="True when the file was removed (false for a dry run)."
    )


def _signature_arguments() -> dict[str, Any]:
    """The arguments of a signing step: who signs, when, on which version."""
    return {
        "position": graphene.ID(required=True, description="The position's id."),
        "name": graphene.String(
            required=True, description="The signatory's name as printed under the signature."
        ),
        "date": graphene.String(
            description="The date of the signature, YYYY-MM-DD; today (UTC) when omitted."
        ),
        "expected_version": graphene.String(
            required=True, description="The version the step is based on (CONFLICT if stale)."
        ),
        "dry_run": _dry_run(),
        "lang": t.lang_argument(),
    }


def signature(
    info: Info,
    name: str,
    expected_version: str,
    date: str | None = None,
    dry_run: bool = False,
    lang: Any = None,
) -> Signature:
    """A signing step from its arguments (:func:`_signature_arguments`); the date is today
    (UTC) when not given."""
    return Signature(
        name=name,
        day=date or datetime.now(UTC).date().isoformat(),
        expected_version=expected_version,
        dry_run=dry_run,
        lang=lang_of(info, lang),
        who=context(info).principal,
    )


def _dry_run() -> graphene.Boolean:
    return graphene.Boolean(
        default_value=False, description="Check and answer as if written, but write nothing."
    )


class Mutation(graphene.ObjectType):
    """Writing job descriptions (a server started with `--edits DIR`)."""

    create_job_description = graphene.Field(
        graphene.NonNull(SaveJobDescriptionPayload),
        input=graphene.Argument(
            graphene.NonNull(job_description_input()),
            description="The job description, of a new position or as a new edition of an "
            "existing one.",
        ),
        dry_run=_dry_run(),
        lang=t.lang_argument(),
        description="Write a new job description file after checking the would-be graph with "
        "every rule: an error-level violation refuses it (VALIDATION_FAILED, each violation "
        "with its inputPath); CONFLICT when the position already has a file here.",
    )
    update_job_description = graphene.Field(
        graphene.NonNull(SaveJobDescriptionPayload),
        input=graphene.Argument(
            graphene.NonNull(job_description_input()), description="The whole new content."
        ),
        expected_version=graphene.String(
            required=True,
            description="The version the edit is based on (from the last create, update or "
            "`jobDescriptionVersion`): CONFLICT when the file changed since.",
        ),
        dry_run=_dry_run(),
        lang=t.lang_argument(),
        description="Replace a job description file written here, checked as on create.",
    )
    delete_job_description = graphene.Field(
        graphene.NonNull(DeleteJobDescriptionPayload),
        position=graphene.ID(required=True, description="The position's id."),
        expected_version=graphene.String(
            required=True, description="The version the deletion is based on."
        ),
        dry_run=_dry_run(),
        description="Delete a draft written here (a description past draft gets a new "
        "edition instead: CONFLICT).",
    )

    agree_job_description = graphene.Field(
        graphene.NonNull(SaveJobDescriptionPayload),
        role=graphene.Argument(
            graphene.NonNull(input_enum("AgreementRoleInput")), description="Who agrees."
        ),
        **_signature_arguments(),
        description="Add an 'Agreed' signature to a draft (role approver). Once the legal "
        "service, the HR department and the immediate supervisor have agreed, the status is "
        "agreed. CONFLICT past agreement or when the role has agreed already.",
    )
    approve_job_description = graphene.Field(
        graphene.NonNull(SaveJobDescriptionPayload),
        by=graphene.ID(
            description="The approving head's position; default: the position's appointing "
            "head, else the head of the organisation."
        ),
        **_signature_arguments(),
        description="The head's 'Approved' signature (role approver), only after every "
        "agreement: the status becomes approved; CONFLICT before.",
    )
    familiarise_job_description = graphene.Field(
        graphene.NonNull(SaveJobDescriptionPayload),
        **_signature_arguments(),
        description="An employee's signature that they have read the description (role "
        "editor: HR records it), only after approval; the first puts it in force (Labour Code "
        "art. 68).",
    )

    @staticmethod
    def resolve_agree_job_description(
        root: Any, info: Info, position: str, role: Any, **signed: Any
    ) -> Any:
        role_value = str(getattr(role, "value", role))
        return editor(info, "agreeJobDescription", "approver").agree(
            position, role_value, signature(info, **signed)
        )

    @staticmethod
    def resolve_approve_job_description(
        root: Any, info: Info, position: str, by: str | None = None, **signed: Any
    ) -> Any:
        return editor(info, "approveJobDescription", "approver").approve(
            position, signature(info, **signed), by
        )

    @staticmethod
    def resolve_familiarise_job_description(
        root: Any, info: Info, position: str, **signed: Any
    ) -> Any:
        return editor(info, "familiariseJobDescription").familiarise(
            position, signature(info, **signed)
        )

    @staticmethod
    def resolve_create_job_description(
        root: Any, info: Info, input: Any, dry_run: bool = False, lang: Any = None
    ) -> Any:
        return editor(info, "createJobDescription").save(
            to_job_description_data(input),
            create=True,
            expected_version=None,
            dry_run=dry_run,
            lang=lang_of(info, lang),
            who=context(info).principal,
        )

    @staticmethod
    def resolve_update_job_description(
        root: Any,
        info: Info,
        input: Any,
        expected_version: str,
        dry_run: bool = False,
        lang: Any = None,
    ) -> Any:
        return editor(info, "updateJobDescription").save(
            to_job_description_data(input),
            create=False,
            expected_version=expected_version,
            dry_run=dry_run,
            lang=lang_of(info, lang),
            who=context(info).principal,
        )

    @staticmethod
    def resolve_delete_job_description(
        root: Any, info: Info, position: str, expected_version: str, dry_run: bool = False
    ) -> Any:
        return editor(info, "deleteJobDescription").delete(
            position, expected_version, dry_run, context(info).principal
        )
