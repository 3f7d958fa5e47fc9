"""GraphQL object types of the ontology's entities, and the helpers every type module uses.

Each type's root value is exactly one domain class: no copies are made, a ``Position``
resolves from a :class:`competency_graph.model.domain.Position` (the domain object *is* the one
constructor). Field resolvers are a line or two: a dict lookup in the read model or an
attribute. Descriptions of types and fields that mirror ontology terms come from the
ontology's ``skos:definition`` (see :mod:`.descriptions`). Analysis results are in
:mod:`.results`, check reports in :mod:`.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar, cast

import graphene
from graphql import GraphQLError, GraphQLResolveInfo

from competency_graph.api.context import ApiContext
from competency_graph.api.descriptions import describe
from competency_graph.model import analysis, domain
from competency_graph.model.readmodel import EMPLOYMENT_TYPES
from competency_graph.model.rules import Rule
from competency_graph.namespaces import PREFIXES, compact_id

Info = GraphQLResolveInfo
T = TypeVar("T")


def context(info: Info) -> ApiContext:
    """The request's :class:`ApiContext`."""
    return cast(ApiContext, info.context)


def lang_value(lang: Any) -> str:
    """The value of an enum argument (graphene passes enum members or defaults); ``en`` for
    a missing language."""
    return str(getattr(lang, "value", lang) or "en")


def lang_of(info: Info, lang: Any, language: str | None = None) -> str:
    """The language a field asked for (``language``, any language code, before ``lang``),
    else the request's (``Accept-Language``, else English)."""
    if language is not None:
        return language_code(language)
    return lang_value(lang) if lang is not None else context(info).lang


# BCP 47 as ESCO's languages need it: a language, then optional subtags (pt, nb, en-US)
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def language_code(language: str) -> str:
    """``language`` as the read model keys texts (lower case); a GraphQL error for anything
    that is not a language code."""
    if not _LANGUAGE_CODE.match(language):
        raise GraphQLError(
            f"language: {language!r} is not a language code (BCP 47: de, pt, en-US...)",
            extensions={"code": "BAD_USER_INPUT"},
        )
    return language.lower()


def curie(iri: str) -> str:
    """A short id for any IRI: the compact id, else ``prefix:local``, else the IRI."""
    short = compact_id(iri)
    if short != iri:
        return short
    for prefix in ("cg", "org", "schema", "skos"):
        namespace = PREFIXES[prefix]
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def lookup(table: dict[str, T], iris: Iterable[str | None]) -> list[T]:
    """The known objects for ``iris``, in order, skipping unknown ones."""
    return [table[iri] for iri in iris if iri is not None and iri in table]


def one(table: dict[str, T], iri: str | None) -> T | None:
    """The object for ``iri``, or None."""
    return table.get(iri) if iri is not None else None


def value_descriptions(texts: Mapping[str, str]) -> property:
    """A ``description`` property for a graphene Enum: graphene describes each enum value
    in the schema by it; ``texts`` maps member names to their descriptions."""
    return property(lambda member: texts[member.name])


class Lang(graphene.Enum):
    """Language of labels and messages; a missing text falls back to the other language."""

    RU = "ru"
    EN = "en"

    description = value_descriptions({"RU": "Russian.", "EN": "English."})


def lang_argument() -> Lang:
    """The ``lang`` argument; the request's language when omitted."""
    return Lang(
        description="Language; when omitted, the request's Accept-Language (ru or en, by "
        "preference), else English. A missing text falls back to the other language."
    )


def language_argument() -> graphene.String:
    """The ``language`` argument: any language a source gives texts in."""
    return graphene.String(
        description="Any language code (BCP 47: de, fr, pt, en-US...), for the languages "
        "beyond `lang`'s that a source gives texts in (ESCO ships two dozen); it wins over "
        "`lang`. A missing text falls back to English, then Russian."
    )


def resolve_text(text: domain.Text, lang: str) -> str | None:
    """The text in ``lang`` (falling back), or None when neither language has it."""
    return text.get(lang) or None


def text_field(
    description: str, required: bool = False, attribute: str | None = None
) -> graphene.String:
    """A bilingual text field with a ``lang`` argument; with ``attribute``, it resolves to
    that :class:`~competency_graph.model.domain.Text` attribute of the root."""

    def resolve(root: Any, info: Info, lang: Any = None, language: str | None = None) -> str | None:
        return resolve_text(getattr(root, attribute or ""), lang_of(info, lang, language))

    return graphene.String(
        required=required,
        lang=lang_argument(),
        language=language_argument(),
        description=description,
        resolver=resolve if attribute else None,
    )


# The fields below name other entities by IRI; the read-model table they are looked up in
# is given by its attribute name on ReadModel (``"skills"``, ``"positions"``...).


def list_of(target: Any, description: str, **arguments: Any) -> graphene.List:
    """A ``[Target!]!`` field."""
    return graphene.List(
        graphene.NonNull(target), required=True, description=description, **arguments
    )


def related(
    target: Any,
    table: str,
    attribute: str,
    description: str,
    required: bool = False,
    deprecation_reason: str | None = None,
) -> graphene.Field:
    """A field for the one entity whose IRI the root holds in ``attribute`` (null if unknown)."""

    def resolve(root: Any, info: Info) -> Any:
        return one(getattr(context(info).model, table), getattr(root, attribute))

    return graphene.Field(
        target,
        required=required,
        description=description,
        deprecation_reason=deprecation_reason,
        resolver=resolve,
    )


def related_list(target: Any, table: str, attribute: str, description: str) -> graphene.List:
    """A list field for the entities whose IRIs the root holds in ``attribute``, in order."""

    def resolve(root: Any, info: Info) -> list[Any]:
        return lookup(getattr(context(info).model, table), getattr(root, attribute))

    return list_of(target, description, resolver=resolve)


def inverse_list(target: Any, table: str, index: str, description: str) -> graphene.List:
    """A list field for the entities that point at the root, by the read model's ``index``
    (IRI -> IRIs of the entities pointing at it)."""

    def resolve(root: domain.Node, info: Info) -> list[Any]:
        model = context(info).model
        return lookup(getattr(model, table), getattr(model, index).get(root.iri, ()))

    return list_of(target, description, resolver=resolve)


class SkillKind(graphene.Enum):
    """The kind of a skill: the subclass of cg:Skill it belongs to."""

    KNOWLEDGE = "knowledge"
    COMPETENCE = "competence"
    TOOL = "tool"
    LANGUAGE = "language"
    LICENCE = "licence"
    PERSONAL_QUALITY = "personal-quality"
    SKILL = "skill"
    SKILL_GROUP = "skill-group"

    description = value_descriptions(
        {
            "KNOWLEDGE": describe("cg:Knowledge"),
            "COMPETENCE": describe("cg:Competence"),
            "TOOL": describe("cg:Tool"),
            "LANGUAGE": describe("cg:Language"),
            "LICENCE": describe("cg:Licence"),
            "PERSONAL_QUALITY": describe("cg:PersonalQuality"),
            "SKILL": "A skill of none of the kinds above (typed cg:Skill only).",
            "SKILL_GROUP": describe("cg:SkillGroup"),
        }
    )


class Necessity(graphene.Enum):
    """Whether a requirement is essential or optional (desirable, an advantage)."""

    ESSENTIAL = "essential"
    OPTIONAL = "optional"

    description = value_descriptions(
        {"ESSENTIAL": describe("cg:essential"), "OPTIONAL": describe("cg:optional")}
    )


class RequirementKind(graphene.Enum):
    """What a requirement is about."""

    EDUCATION = "education"
    EXPERIENCE = "experience"
    SKILL = "skill"
    ATTRIBUTE = "attribute"

    description = value_descriptions(
        {
            "EDUCATION": describe("cg:EducationRequirement"),
            "EXPERIENCE": describe("cg:ExperienceRequirement"),
            "SKILL": describe("cg:SkillRequirement"),
            "ATTRIBUTE": describe("cg:AttributeRequirement"),
        }
    )


class DocumentStatus(graphene.Enum):
    """Where a job description is in its life cycle."""

    DRAFT = "draft"
    AGREED = "agreed"
    APPROVED = "approved"
    IN_FORCE = "in-force"

    description = value_descriptions(
        {
            "DRAFT": describe("cg:draft"),
            "AGREED": describe("cg:agreed"),
            "APPROVED": describe("cg:approved"),
            "IN_FORCE": describe("cg:in-force"),
        }
    )


def _describe_employment_type(value: Enum | None) -> str:
    """The enum's description (``value`` None) or a value's, from the ontology's definitions."""
    if value is None:
        return describe("cg:EmploymentType")
    (individual,) = (iri for iri, code in EMPLOYMENT_TYPES.items() if code == value.value)
    return describe(curie(str(individual)))


#: cg:EmploymentType as a GraphQL enum of the schema.org codes (values of the read model)
EmploymentType = graphene.Enum.from_enum(
    Enum("EmploymentType", [(code, code) for code in EMPLOYMENT_TYPES.values()]),
    description=_describe_employment_type,
)


class SeverityLevel(graphene.Enum):
    """How serious a violation is."""

    class Meta:
        name = "Severity"

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    description = value_descriptions(
        {
            "ERROR": describe("cg:error"),
            "WARNING": describe("cg:warning"),
            "INFO": describe("cg:info"),
        }
    )


class Node(graphene.Interface):
    """Anything in the graph: a compact id, an IRI, and a label in Russian and English."""

    id = graphene.ID(
        required=True,
        description="Compact id such as `skill:ms-excel`; every ID argument accepts it or the IRI.",
    )
    iri = graphene.String(required=True, description="The entity's IRI.")
    label = text_field("The rdfs:label in the language asked for.", required=True)
    definition = text_field("The skos:definition in the language asked for, if any.")

    @classmethod
    def resolve_type(cls, instance: Any, info: Info) -> type[graphene.ObjectType]:
        return NODE_TYPES[type(instance)]

    @staticmethod
    def resolve_label(
        root: domain.Node, info: Info, lang: Any = None, language: str | None = None
    ) -> str:
        return root.label.get(lang_of(info, lang, language)) or root.id

    @staticmethod
    def resolve_definition(
        root: domain.Node, info: Info, lang: Any = None, language: str | None = None
    ) -> str | None:
        return resolve_text(root.definition, lang_of(info, lang, language))


def _node_meta(curie_: str, note: str = "") -> type:
    return type("Meta", (), {"interfaces": (Node,), "description": describe(curie_, note)})


class Term(graphene.ObjectType):
    """A value from a controlled vocabulary of the ontology (liability kind, sanction,
    education level, candidate attribute, agreement role)."""

    id = graphene.ID(required=True, description="Short id, e.g. `cg:fine`.")
    iri = graphene.String(required=True, description="The value's IRI.")
    label = text_field("The value's label in the language asked for.", required=True)

    @staticmethod
    def resolve_id(root: str, info: Info) -> str:
        return curie(root)

    @staticmethod
    def resolve_iri(root: str, info: Info) -> str:
        return root

    @staticmethod
    def resolve_label(root: str, info: Info, lang: Any = None, language: str | None = None) -> str:
        return context(info).model.label(root, lang_of(info, lang, language))


class Department(graphene.ObjectType):
    Meta = _node_meta("cg:Department")

    positions = inverse_list(
        lambda: Position,
        "positions",
        "positions_by_department",
        "Positions in this department (org:postIn), by id.",
    )


class Sector(graphene.ObjectType):
    Meta = _node_meta("cg:Sector")


class LegalNorm(graphene.ObjectType):
    Meta = _node_meta("cg:LegalNorm", "Legal codes appear here too, with `article` null.")

    article = graphene.String(description=describe("cg:article"))
    notation = graphene.String(description="The short name of a code (skos:notation), e.g. ТК РФ.")
    code = related(lambda: LegalNorm, "legal_norms", "code_id", describe("cg:partOfCode"))
    summary = text_field("What the norm says, briefly (rdfs:comment).", attribute="summary")
    source_url = graphene.String(description="Where the official text is published.")


class Skill(graphene.ObjectType):
    Meta = _node_meta("cg:Skill")

    kind = graphene.Field(SkillKind, required=True, description="Knowledge, tool, language...")
    alt_labels = list_of(graphene.String, "Other names of the skill (skos:altLabel).")
    broader = related_list(
        lambda: Skill,
        "skills",
        "broader",
        describe("skos:broader") + " ESCO's skill groups are here too (kind SKILL_GROUP).",
    )
    narrower = inverse_list(
        lambda: Skill,
        "skills",
        "narrower",
        "Skills (and, under a skill group, groups) whose skos:broader is this one (one level "
        "down).",
    )
    exact_match = list_of(
        graphene.String, "IRIs of ESCO skills that mean the same (skos:exactMatch)."
    )
    close_match = list_of(
        graphene.String, "IRIs of ESCO skills that mean nearly the same (skos:closeMatch)."
    )
    duties_supported = list_of(
        "competency_graph.api.results.DutySupport",
        "Duties this skill supports: those supported by it or a broader skill.",
    )

    @staticmethod
    def resolve_duties_supported(root: domain.Skill, info: Info) -> list[analysis.DutySupport]:
        return analysis.duties_supported_by(context(info).model, root.iri)


class OccupationGroup(graphene.ObjectType):
    Meta = _node_meta("cg:OccupationGroup")

    code = graphene.String(description="The ISCO-08 code (skos:notation), e.g. 2411.")
    broader = related_list(
        lambda: OccupationGroup, "occupation_groups", "broader", describe("skos:broader")
    )


class GeneralisedFunction(graphene.ObjectType):
    Meta = _node_meta("cg:GeneralisedFunction")

    duties = inverse_list(lambda: Duty, "duties", "duties_by_function", "Duties in this group.")


class Duty(graphene.ObjectType):
    Meta = _node_meta("cg:Duty")

    functions = related_list(
        GeneralisedFunction, "functions", "functions", describe("cg:partOfFunction")
    )
    supported_by = related_list(
        Skill,
        "skills",
        "supported_by",
        describe("cg:supportedBy", "Required competences are included."),
    )
    requires_competence = related_list(
        Skill, "skills", "requires_competence", describe("cg:requiresCompetence")
    )
    skills_supporting = list_of(
        "competency_graph.api.results.SkillSupport",
        "Skills that support this duty; same as the top-level skillsSupporting.",
        include_narrower=graphene.Boolean(
            default_value=True, description="Also list every narrower skill (transitively)."
        ),
    )
    facilitated_by = inverse_list(
        lambda: Right, "rights", "rights_by_duty", "Rights that facilitate it."
    )

    @staticmethod
    def resolve_skills_supporting(
        root: domain.Duty, info: Info, include_narrower: bool = True
    ) -> list[analysis.SkillSupport]:
        return analysis.skills_supporting(context(info).model, root.iri, include_narrower)


class Right(graphene.ObjectType):
    Meta = _node_meta("cg:Right")

    facilitates = related_list(Duty, "duties", "facilitates", describe("cg:facilitates"))


class Responsibility(graphene.ObjectType):
    Meta = _node_meta("cg:Responsibility")

    liability_kind = graphene.Field(Term, description=describe("cg:liabilityKind"))
    sanctions = list_of(Term, describe("cg:sanction"))
    legal_basis = related_list(LegalNorm, "legal_norms", "legal_basis", describe("cg:legalBasis"))
    limit = graphene.Field(Term, description=describe("cg:materialLiabilityLimit"))
    written_agreement = graphene.Boolean(
        required=True, description=describe("cg:writtenLiabilityAgreement")
    )


class Requirement(graphene.ObjectType):
    Meta = _node_meta("cg:Requirement")

    kind = graphene.Field(RequirementKind, required=True, description="What it is about.")
    necessity = graphene.Field(Necessity, required=True, description=describe("cg:necessity"))
    skill = related(
        Skill,
        "skills",
        "skill",
        "The required skill (cg:requiredSkill), or the first skill an experience requirement "
        "exercises (cg:experienceSkill); `skills` lists them all.",
        deprecation_reason="Use `skills`: an experience requirement can name several skills, "
        "and this field gives only the first.",
    )
    skills = related_list(
        Skill,
        "skills",
        "skills",
        "Every skill the requirement names: the required skill, or all the skills an "
        "experience requirement exercises (cg:experienceSkill).",
    )
    level = text_field(describe("cg:level"), attribute="level")
    education_levels = list_of(Term, describe("cg:educationLevel"))
    education_field = text_field(describe("cg:educationField"), attribute="education_field")
    min_years = graphene.Float(description=describe("cg:minYears"))
    experience_area = text_field(describe("cg:experienceArea"), attribute="experience_area")
    attribute = graphene.Field(Term, description=describe("cg:attribute"))
    attribute_value = text_field(describe("cg:attributeValue"), attribute="attribute_value")
    source_text = graphene.String(description=describe("cg:sourceText"))


#: said of the lists a job description's author orders (cg:Clause numbers)
AUTHORS_ORDER = " In the author's order: by clause number (cg:clauseNumber), then by label."


def requirements_field(description: str = describe("cg:hasRequirement")) -> graphene.List:
    """``requirements(necessity:)`` as positions and vacancies have it."""

    def resolve(root: domain.Position | domain.Vacancy, info: Info, necessity: Any = None) -> Any:
        found = lookup(context(info).model.requirements, root.requirements)
        wanted = lang_value(necessity) if necessity is not None else None
        return [r for r in found if wanted is None or r.necessity == wanted]

    return list_of(
        Requirement,
        description,
        necessity=graphene.Argument(Necessity, description="Only essential or only optional."),
        resolver=resolve,
    )


class DocumentFormat(graphene.Enum):
    """A text format of a job-description document (DOCX is served over HTTP)."""

    MARKDOWN = "md"
    HTML = "html"

    description = value_descriptions(
        {"MARKDOWN": "Markdown text.", "HTML": "A print-ready HTML page."}
    )


class Position(graphene.ObjectType):
    Meta = _node_meta("cg:Position")

    standard = graphene.Boolean(
        required=True, description="True for a standard (template) position."
    )
    department = related(Department, "departments", "department", describe("org:postIn"))
    reports_to = related(lambda: Position, "positions", "reports_to", describe("org:reportsTo"))
    substitute = related(lambda: Position, "positions", "substitute", describe("cg:substitutedBy"))
    appointed_by = related(
        lambda: Position, "positions", "appointed_by", describe("cg:appointedBy")
    )
    specialises = related(lambda: Position, "positions", "specialises", describe("cg:specialises"))
    next_steps = related_list(
        lambda: Position, "positions", "next_steps", describe("cg:nextCareerStep")
    )
    is_head = graphene.Boolean(required=True, description=describe("cg:isHeadOfOrganisation"))
    requirements = requirements_field(describe("cg:hasRequirement") + AUTHORS_ORDER)
    required_skills = list_of(Skill, "The skills the position's requirements ask for, by id.")
    job_description = graphene.Field(
        lambda: JobDescription,
        description="The job description of the position (the one in force, if several).",
    )
    job_description_document = graphene.String(
        format=graphene.Argument(
            DocumentFormat, default_value="md", description="Markdown or print-ready HTML."
        ),
        lang=lang_argument(),
        description="The job description as a document ready to print and sign (the "
        "'Approved' and 'Agreed' blocks, sections, familiarisation sheet), as "
        "`competency-graph render` writes it; null when the position has none. DOCX: "
        "`GET /positions/{id}/job-description.docx`.",
    )
    duties = list_of(Duty, "The duties of its job description (empty without one)." + AUTHORS_ORDER)
    vacancies = inverse_list(
        lambda: Vacancy,
        "vacancies",
        "vacancies_by_position",
        "Vacancies posted for this position, by id.",
    )
    esco_matches = list_of(
        graphene.String, "ESCO occupation IRIs (skos:exactMatch and skos:closeMatch)."
    )
    must_know = related_list(lambda: LegalNorm, "legal_norms", "must_know", describe("cg:mustKnow"))
    isco_group = related(
        OccupationGroup,
        "occupation_groups",
        "isco_group",
        "The ISCO-08 group of an ESCO occupation (the nearest one up its skos:broader "
        "links), with its code; null for other positions.",
    )

    @staticmethod
    def resolve_required_skills(root: domain.Position, info: Info) -> list[domain.Skill]:
        model = context(info).model
        return lookup(model.skills, sorted(model.required_skills(root.iri)))

    @staticmethod
    def resolve_job_description(root: domain.Position, info: Info) -> domain.JobDescription | None:
        return context(info).model.job_description_of(root.iri)

    @staticmethod
    def resolve_job_description_document(
        root: domain.Position, info: Info, format: Any = "md", lang: Any = None
    ) -> str | None:
        from competency_graph.rendering import render_job_description  # only when asked

        model = context(info).model
        if model.job_description_of(root.iri) is None:
            return None
        text = render_job_description(model, root.iri, lang_value(format), lang_of(info, lang))
        return text if isinstance(text, str) else None

    @staticmethod
    def resolve_duties(root: domain.Position, info: Info) -> list[domain.Duty]:
        model = context(info).model
        description = model.job_description_of(root.iri)
        return lookup(model.duties, description.duties) if description else []


class Endorsement(graphene.ObjectType):
    class Meta:
        description = describe("cg:Endorsement")

    kind = graphene.String(required=True, description="Approval, agreement or familiarisation.")
    role = graphene.String(description=describe("cg:agreementRole"))
    signatory = related(Position, "positions", "signatory", describe("cg:signatory"))
    signatory_name = graphene.String(description=describe("cg:signatoryName"))
    date = graphene.String(description="When it was signed, ISO 8601 (cg:date).")

    @staticmethod
    def resolve_date(root: domain.Endorsement, info: Info) -> str | None:
        return root.date.isoformat() if root.date else None


class DutyOmission(graphene.ObjectType):
    class Meta:
        description = describe("cg:DutyOmission")

    duty = related(Duty, "duties", "duty", describe("cg:omittedDuty"))
    reason = text_field(describe("cg:reason"), attribute="reason")


class Revision(graphene.ObjectType):
    """One accepted write of a job description file (serve --edits): its content is kept."""

    number = graphene.Int(
        required=True, description="1 for the first write, then 2, 3... (`fromRevision`)."
    )
    at = graphene.String(required=True, description="When (UTC, ISO 8601).")
    who = graphene.String(required=True, description="The token's name.")
    action = graphene.String(
        required=True,
        description="One of create, update, new-edition, agree:<role>, approve, familiarise.",
    )
    version = graphene.String(description="The file's version after the write.")
    edition = graphene.String(description="The description's edition number as written.")
    status = graphene.String(description="The description's status as written.")

    @staticmethod
    def resolve_number(root: dict[str, Any], info: Info) -> int:
        return int(root["revision"])

    @staticmethod
    def resolve_version(root: dict[str, Any], info: Info) -> str | None:
        value = root.get("after")
        return str(value) if value is not None else None


class JobDescription(graphene.ObjectType):
    Meta = _node_meta("cg:JobDescription")

    position = related(Position, "positions", "position", describe("cg:describes"))
    status = graphene.Field(DocumentStatus, description=describe("cg:status"))
    version = graphene.String(description=describe("cg:version"))
    department = related(Department, "departments", "department", describe("cg:statesDepartment"))
    supervisor = related(Position, "positions", "supervisor", describe("cg:statesSupervisor"))
    appointing_head = related(
        Position, "positions", "appointing_head", describe("cg:statesAppointingHead")
    )
    substitute = related(Position, "positions", "substitute", describe("cg:statesSubstitute"))
    duties = related_list(Duty, "duties", "duties", describe("cg:includesDuty") + AUTHORS_ORDER)
    rights = related_list(Right, "rights", "rights", describe("cg:grantsRight") + AUTHORS_ORDER)
    responsibilities = related_list(
        Responsibility,
        "responsibilities",
        "responsibilities",
        describe("cg:establishesResponsibility") + AUTHORS_ORDER,
    )
    approval = graphene.Field(Endorsement, description=describe("cg:approvedBy"))
    agreements = list_of(Endorsement, describe("cg:agreedBy"))
    familiarisations = list_of(Endorsement, describe("cg:familiarisedBy"))
    omissions = list_of(DutyOmission, describe("cg:omitsStandardDuty"))
    editions = graphene.List(
        graphene.NonNull(Revision),
        required=True,
        description="Every accepted write of this description's file on a server with "
        "`--edits` (each edition and signature, oldest first); empty otherwise.",
    )

    @staticmethod
    def resolve_editions(root: domain.JobDescription, info: Info) -> list[dict[str, Any]]:
        service = context(info).editor
        if service is None or root.position is None:
            return []
        return service.history(root.position)


class Salary(graphene.ObjectType):
    class Meta:
        description = describe("schema:MonetaryAmount")

    min_value = graphene.Float(description=describe("schema:minValue"))
    max_value = graphene.Float(description=describe("schema:maxValue"))
    currency = graphene.String(description=describe("schema:currency"))
    period = graphene.String(description=describe("schema:unitText"))
    by_agreement = graphene.Boolean(required=True, description=describe("cg:salaryByAgreement"))


class Organization(graphene.ObjectType):
    Meta = _node_meta("org:Organization", "Here: the employer of vacancies (hiringOrganization).")

    vacancies = inverse_list(
        lambda: Vacancy,
        "vacancies",
        "vacancies_by_organization",
        "Vacancies it posts as the hiring organisation, by id.",
    )


class Vacancy(graphene.ObjectType):
    Meta = _node_meta("cg:Vacancy")

    position = related(Position, "positions", "position", describe("cg:forPosition"))
    requirements = requirements_field()
    salary = graphene.Field(Salary, description=describe("cg:salary"))
    sectors = related_list(Sector, "sectors", "sectors", describe("cg:sector"))
    hiring_organization = related(
        Organization, "organizations", "hiring_organization", describe("schema:hiringOrganization")
    )
    employment_type = list_of(
        EmploymentType,
        describe("cg:employmentType", "Empty when the posting does not say."),
        resolver=lambda root, info: root.employment_types,
    )
    source_text = graphene.String(description=describe("cg:sourceText"))
    ordinal = graphene.Int(description=describe("cg:seedOrdinal"))
    source = graphene.String(description="Where the posting was published (dct:source).")


class RuleType(graphene.ObjectType):
    """A consistency rule with its id, severity, message, fix and sources."""

    class Meta:
        name = "Rule"
        interfaces = (Node,)
        description = describe("cg:Rule")

    code = graphene.String(
        required=True,
        description=describe("cg:ruleId", "The CLI and `check(rules:, skip:)` take this one."),
    )
    severity = graphene.Field(SeverityLevel, required=True, description=describe("cg:severity"))
    message = text_field(describe("cg:message"), required=True, attribute="message")
    fix = text_field(describe("cg:fixHint"), required=True, attribute="fix")
    source_norms = related_list(LegalNorm, "legal_norms", "source_norms", describe("cg:sourceNorm"))
    source_principle = graphene.String(required=True, description=describe("cg:sourcePrinciple"))
    source = graphene.String(required=True, description="The sources in one line.")

    @staticmethod
    def resolve_id(root: Rule, info: Info) -> str:
        return compact_id(root.iri)

    @staticmethod
    def resolve_code(root: Rule, info: Info) -> str:
        return root.id

    @staticmethod
    def resolve_label(root: Rule, info: Info, lang: Any = None, language: str | None = None) -> str:
        return root.title.get(lang_of(info, lang, language)) or root.id

    @staticmethod
    def resolve_definition(
        root: Rule, info: Info, lang: Any = None, language: str | None = None
    ) -> str | None:
        return None

    @staticmethod
    def resolve_severity(root: Rule, info: Info) -> str:
        return root.severity.value


#: domain class -> GraphQL type, for the Node interface
NODE_TYPES: dict[type, type[graphene.ObjectType]] = {
    domain.Department: Department,
    domain.Sector: Sector,
    domain.LegalNorm: LegalNorm,
    domain.Skill: Skill,
    domain.OccupationGroup: OccupationGroup,
    domain.GeneralisedFunction: GeneralisedFunction,
    domain.Duty: Duty,
    domain.Right: Right,
    domain.Responsibility: Responsibility,
    domain.Requirement: Requirement,
    domain.Position: Position,
    domain.JobDescription: JobDescription,
    domain.Vacancy: Vacancy,
    domain.Organization: Organization,
    Rule: RuleType,
}
