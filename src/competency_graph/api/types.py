"""GraphQL object types of the ontology's entities, and the helpers every type module uses.

Each type's root value is exactly one domain class: no copies are made, a ``Position``
resolves from a :class:`competency_graph.domain.Position` (the domain object *is* the one
constructor). Field resolvers are a line or two: a dict lookup in the read model or an
attribute. Descriptions of types and fields that mirror ontology terms come from the
ontology's ``skos:definition`` (see :mod:`.descriptions`). Analysis results are in
:mod:`.results`, check reports in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, cast

import graphene
from graphql import GraphQLResolveInfo

from competency_graph import analysis, domain
from competency_graph.api.context import ApiContext
from competency_graph.api.descriptions import describe
from competency_graph.checking.rules import Rule
from competency_graph.namespaces import PREFIXES, compact_id

Info = GraphQLResolveInfo
T = TypeVar("T")


def context(info: Info) -> ApiContext:
    """The request's :class:`ApiContext`."""
    return cast(ApiContext, info.context)


def lang_value(lang: Any) -> str:
    """``ru`` or ``en`` from a Lang argument (graphene passes enum members or defaults)."""
    return str(getattr(lang, "value", lang) or "en")


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


class Lang(graphene.Enum):
    """Language of labels and messages; a missing text falls back to the other language."""

    RU = "ru"
    EN = "en"


def lang_argument() -> Lang:
    """The ``lang`` argument, English by default."""
    return Lang(default_value="en", description="Language; falls back to the other one.")


def text_field(description: str, required: bool = False) -> graphene.String:
    """A bilingual text field with a ``lang`` argument."""
    return graphene.String(required=required, lang=lang_argument(), description=description)


def resolve_text(text: domain.Text, lang: Any) -> str | None:
    """The text in ``lang`` (falling back), or None when neither language has it."""
    return text.get(lang_value(lang)) or None


class SkillKind(graphene.Enum):
    """The kind of a skill: the subclass of cg:Skill it belongs to."""

    KNOWLEDGE = "knowledge"
    COMPETENCE = "competence"
    TOOL = "tool"
    LANGUAGE = "language"
    LICENCE = "licence"
    PERSONAL_QUALITY = "personal-quality"
    SKILL = "skill"


class Necessity(graphene.Enum):
    """Whether a requirement is essential or optional (desirable, an advantage)."""

    ESSENTIAL = "essential"
    OPTIONAL = "optional"


class RequirementKind(graphene.Enum):
    """What a requirement is about."""

    EDUCATION = "education"
    EXPERIENCE = "experience"
    SKILL = "skill"
    ATTRIBUTE = "attribute"


class DocumentStatus(graphene.Enum):
    """Where a job description is in its life cycle."""

    DRAFT = "draft"
    AGREED = "agreed"
    APPROVED = "approved"
    IN_FORCE = "in-force"


class SeverityLevel(graphene.Enum):
    """How serious a violation is."""

    class Meta:
        name = "Severity"

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


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
    def resolve_label(root: domain.Node, info: Info, lang: Any = "en") -> str:
        return root.label.get(lang_value(lang)) or root.id

    @staticmethod
    def resolve_definition(root: domain.Node, info: Info, lang: Any = "en") -> str | None:
        return resolve_text(root.definition, lang)


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
    def resolve_label(root: str, info: Info, lang: Any = "en") -> str:
        return context(info).model.label(root, lang_value(lang))


class Department(graphene.ObjectType):
    Meta = _node_meta("cg:Department")

    positions = graphene.List(
        graphene.NonNull(lambda: Position),
        required=True,
        description="Positions in this department (org:postIn), by id.",
    )

    @staticmethod
    def resolve_positions(root: domain.Department, info: Info) -> list[domain.Position]:
        model = context(info).model
        return lookup(model.positions, model.positions_by_department.get(root.iri, ()))


class Sector(graphene.ObjectType):
    Meta = _node_meta("cg:Sector")


class LegalNorm(graphene.ObjectType):
    Meta = _node_meta("cg:LegalNorm", "Legal codes appear here too, with `article` null.")

    article = graphene.String(description=describe("cg:article"))
    notation = graphene.String(description="The short name of a code (skos:notation), e.g. ТК РФ.")
    code = graphene.Field(lambda: LegalNorm, description=describe("cg:partOfCode"))
    summary = text_field("What the norm says, briefly (rdfs:comment).")
    source_url = graphene.String(description="Where the official text is published.")

    @staticmethod
    def resolve_code(root: domain.LegalNorm, info: Info) -> domain.LegalNorm | None:
        return one(context(info).model.legal_norms, root.code_id)

    @staticmethod
    def resolve_summary(root: domain.LegalNorm, info: Info, lang: Any = "en") -> str | None:
        return resolve_text(root.summary, lang)


class Skill(graphene.ObjectType):
    Meta = _node_meta("cg:Skill")

    kind = graphene.Field(SkillKind, required=True, description="Knowledge, tool, language...")
    alt_labels = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="skos:altLabel values."
    )
    broader = graphene.List(
        graphene.NonNull(lambda: Skill), required=True, description=describe("skos:broader")
    )
    narrower = graphene.List(
        graphene.NonNull(lambda: Skill),
        required=True,
        description="Skills whose skos:broader is this one (one level down).",
    )
    exact_match = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="skos:exactMatch IRIs (ESCO skills).",
    )
    close_match = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="skos:closeMatch IRIs (ESCO skills).",
    )
    duties_supported = graphene.List(
        graphene.NonNull("competency_graph.api.results.DutySupport"),
        required=True,
        description="Duties this skill supports: those supported by it or a broader skill.",
    )

    @staticmethod
    def resolve_broader(root: domain.Skill, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.broader)

    @staticmethod
    def resolve_narrower(root: domain.Skill, info: Info) -> list[domain.Skill]:
        model = context(info).model
        return lookup(model.skills, model.narrower.get(root.iri, ()))

    @staticmethod
    def resolve_duties_supported(root: domain.Skill, info: Info) -> list[analysis.DutySupport]:
        return analysis.duties_supported_by(context(info).model, root.iri)


class GeneralisedFunction(graphene.ObjectType):
    Meta = _node_meta("cg:GeneralisedFunction")

    duties = graphene.List(
        graphene.NonNull(lambda: Duty), required=True, description="Duties in this group."
    )

    @staticmethod
    def resolve_duties(root: domain.GeneralisedFunction, info: Info) -> list[domain.Duty]:
        model = context(info).model
        return lookup(model.duties, model.duties_by_function.get(root.iri, ()))


class Duty(graphene.ObjectType):
    Meta = _node_meta("cg:Duty")

    functions = graphene.List(
        graphene.NonNull(GeneralisedFunction),
        required=True,
        description=describe("cg:partOfFunction"),
    )
    supported_by = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description=describe("cg:supportedBy", "Required competences are included."),
    )
    requires_competence = graphene.List(
        graphene.NonNull(Skill), required=True, description=describe("cg:requiresCompetence")
    )
    skills_supporting = graphene.List(
        graphene.NonNull("competency_graph.api.results.SkillSupport"),
        required=True,
        include_narrower=graphene.Boolean(
            default_value=True, description="Also list every narrower skill (transitively)."
        ),
        description="Skills that support this duty; same as the top-level skillsSupporting.",
    )
    facilitated_by = graphene.List(
        graphene.NonNull(lambda: Right), required=True, description="Rights that facilitate it."
    )

    @staticmethod
    def resolve_functions(root: domain.Duty, info: Info) -> list[domain.GeneralisedFunction]:
        return lookup(context(info).model.functions, root.functions)

    @staticmethod
    def resolve_supported_by(root: domain.Duty, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.supported_by)

    @staticmethod
    def resolve_requires_competence(root: domain.Duty, info: Info) -> list[domain.Skill]:
        return lookup(context(info).model.skills, root.requires_competence)

    @staticmethod
    def resolve_skills_supporting(
        root: domain.Duty, info: Info, include_narrower: bool = True
    ) -> list[analysis.SkillSupport]:
        return analysis.skills_supporting(context(info).model, root.iri, include_narrower)

    @staticmethod
    def resolve_facilitated_by(root: domain.Duty, info: Info) -> list[domain.Right]:
        model = context(info).model
        return lookup(model.rights, model.rights_by_duty.get(root.iri, ()))


class Right(graphene.ObjectType):
    Meta = _node_meta("cg:Right")

    facilitates = graphene.List(
        graphene.NonNull(Duty), required=True, description=describe("cg:facilitates")
    )

    @staticmethod
    def resolve_facilitates(root: domain.Right, info: Info) -> list[domain.Duty]:
        return lookup(context(info).model.duties, root.facilitates)


class Responsibility(graphene.ObjectType):
    Meta = _node_meta("cg:Responsibility")

    liability_kind = graphene.Field(Term, description=describe("cg:liabilityKind"))
    sanctions = graphene.List(
        graphene.NonNull(Term), required=True, description=describe("cg:sanction")
    )
    legal_basis = graphene.List(
        graphene.NonNull(LegalNorm), required=True, description=describe("cg:legalBasis")
    )
    limit = graphene.Field(Term, description=describe("cg:materialLiabilityLimit"))
    written_agreement = graphene.Boolean(
        required=True, description=describe("cg:writtenLiabilityAgreement")
    )

    @staticmethod
    def resolve_legal_basis(root: domain.Responsibility, info: Info) -> list[domain.LegalNorm]:
        return lookup(context(info).model.legal_norms, root.legal_basis)


class Requirement(graphene.ObjectType):
    Meta = _node_meta("cg:Requirement")

    kind = graphene.Field(RequirementKind, required=True, description="What it is about.")
    necessity = graphene.Field(Necessity, required=True, description=describe("cg:necessity"))
    skill = graphene.Field(
        Skill,
        description="The required skill (cg:requiredSkill), or the skill an experience "
        "requirement exercises (cg:experienceSkill).",
    )
    level = graphene.String(description=describe("cg:level"))
    education_levels = graphene.List(
        graphene.NonNull(Term), required=True, description=describe("cg:educationLevel")
    )
    education_field = text_field(describe("cg:educationField"))
    min_years = graphene.Float(description=describe("cg:minYears"))
    experience_area = text_field(describe("cg:experienceArea"))
    attribute = graphene.Field(Term, description=describe("cg:attribute"))
    attribute_value = graphene.String(description=describe("cg:attributeValue"))
    source_text = graphene.String(description=describe("cg:sourceText"))

    @staticmethod
    def resolve_skill(root: domain.Requirement, info: Info) -> domain.Skill | None:
        return one(context(info).model.skills, root.skill)

    @staticmethod
    def resolve_education_field(
        root: domain.Requirement, info: Info, lang: Any = "en"
    ) -> str | None:
        return resolve_text(root.education_field, lang)

    @staticmethod
    def resolve_experience_area(
        root: domain.Requirement, info: Info, lang: Any = "en"
    ) -> str | None:
        return resolve_text(root.experience_area, lang)


def requirements_field() -> graphene.List:
    """``requirements(necessity:)`` as positions and vacancies have it."""
    return graphene.List(
        graphene.NonNull(Requirement),
        required=True,
        necessity=graphene.Argument(Necessity, description="Only essential or only optional."),
        description=describe("cg:hasRequirement"),
    )


def resolve_requirements(
    info: Info, keys: Iterable[str], necessity: Any = None
) -> list[domain.Requirement]:
    """The requirements behind ``keys``, optionally only those of one necessity."""
    found = lookup(context(info).model.requirements, keys)
    wanted = lang_value(necessity) if necessity is not None else None
    return [r for r in found if wanted is None or r.necessity == wanted]


class Position(graphene.ObjectType):
    Meta = _node_meta("cg:Position")

    standard = graphene.Boolean(
        required=True, description="True for a standard (template) position."
    )
    department = graphene.Field(Department, description=describe("org:postIn"))
    reports_to = graphene.Field(lambda: Position, description=describe("org:reportsTo"))
    substitute = graphene.Field(lambda: Position, description=describe("cg:substitutedBy"))
    appointed_by = graphene.Field(lambda: Position, description=describe("cg:appointedBy"))
    specialises = graphene.Field(lambda: Position, description=describe("cg:specialises"))
    next_steps = graphene.List(
        graphene.NonNull(lambda: Position),
        required=True,
        description=describe("cg:nextCareerStep"),
    )
    is_head = graphene.Boolean(required=True, description=describe("cg:isHeadOfOrganisation"))
    requirements = requirements_field()
    required_skills = graphene.List(
        graphene.NonNull(Skill),
        required=True,
        description="The skills the position's requirements ask for, by id.",
    )
    job_description = graphene.Field(
        lambda: JobDescription,
        description="The job description of the position (the one in force, if several).",
    )
    duties = graphene.List(
        graphene.NonNull(Duty),
        required=True,
        description="The duties of its job description (empty without one).",
    )
    vacancies = graphene.List(
        graphene.NonNull(lambda: Vacancy),
        required=True,
        description="Vacancies posted for this position, by id.",
    )
    esco_matches = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="ESCO occupation IRIs (skos:exactMatch and skos:closeMatch).",
    )
    must_know = graphene.List(
        graphene.NonNull(lambda: LegalNorm), required=True, description=describe("cg:mustKnow")
    )

    @staticmethod
    def resolve_department(root: domain.Position, info: Info) -> domain.Department | None:
        return one(context(info).model.departments, root.department)

    @staticmethod
    def resolve_reports_to(root: domain.Position, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.reports_to)

    @staticmethod
    def resolve_substitute(root: domain.Position, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.substitute)

    @staticmethod
    def resolve_appointed_by(root: domain.Position, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.appointed_by)

    @staticmethod
    def resolve_specialises(root: domain.Position, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.specialises)

    @staticmethod
    def resolve_next_steps(root: domain.Position, info: Info) -> list[domain.Position]:
        return lookup(context(info).model.positions, root.next_steps)

    @staticmethod
    def resolve_requirements(
        root: domain.Position, info: Info, necessity: Any = None
    ) -> list[domain.Requirement]:
        return resolve_requirements(info, root.requirements, necessity)

    @staticmethod
    def resolve_required_skills(root: domain.Position, info: Info) -> list[domain.Skill]:
        model = context(info).model
        return lookup(model.skills, sorted(model.required_skills(root.iri)))

    @staticmethod
    def resolve_job_description(root: domain.Position, info: Info) -> domain.JobDescription | None:
        return context(info).model.job_description_of(root.iri)

    @staticmethod
    def resolve_duties(root: domain.Position, info: Info) -> list[domain.Duty]:
        model = context(info).model
        description = model.job_description_of(root.iri)
        return lookup(model.duties, description.duties) if description else []

    @staticmethod
    def resolve_must_know(root: domain.Position, info: Info) -> list[domain.LegalNorm]:
        return lookup(context(info).model.legal_norms, root.must_know)

    @staticmethod
    def resolve_vacancies(root: domain.Position, info: Info) -> list[domain.Vacancy]:
        model = context(info).model
        return lookup(model.vacancies, model.vacancies_by_position.get(root.iri, ()))


class Endorsement(graphene.ObjectType):
    class Meta:
        description = describe("cg:Endorsement")

    kind = graphene.String(required=True, description="approval, agreement or familiarisation.")
    role = graphene.String(description=describe("cg:agreementRole"))
    signatory = graphene.Field(Position, description=describe("cg:signatory"))
    signatory_name = graphene.String(description=describe("cg:signatoryName"))
    date = graphene.String(description="When it was signed, ISO 8601 (cg:date).")

    @staticmethod
    def resolve_signatory(root: domain.Endorsement, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.signatory)

    @staticmethod
    def resolve_date(root: domain.Endorsement, info: Info) -> str | None:
        return root.date.isoformat() if root.date else None


class DutyOmission(graphene.ObjectType):
    class Meta:
        description = describe("cg:DutyOmission")

    duty = graphene.Field(Duty, description=describe("cg:omittedDuty"))
    reason = text_field(describe("cg:reason"))

    @staticmethod
    def resolve_duty(root: domain.DutyOmission, info: Info) -> domain.Duty | None:
        return one(context(info).model.duties, root.duty)

    @staticmethod
    def resolve_reason(root: domain.DutyOmission, info: Info, lang: Any = "en") -> str | None:
        return resolve_text(root.reason, lang)


class JobDescription(graphene.ObjectType):
    Meta = _node_meta("cg:JobDescription")

    position = graphene.Field(Position, description=describe("cg:describes"))
    status = graphene.Field(DocumentStatus, description=describe("cg:status"))
    version = graphene.String(description=describe("cg:version"))
    department = graphene.Field(Department, description=describe("cg:statesDepartment"))
    supervisor = graphene.Field(Position, description=describe("cg:statesSupervisor"))
    appointing_head = graphene.Field(Position, description=describe("cg:statesAppointingHead"))
    substitute = graphene.Field(Position, description=describe("cg:statesSubstitute"))
    duties = graphene.List(
        graphene.NonNull(Duty), required=True, description=describe("cg:includesDuty")
    )
    rights = graphene.List(
        graphene.NonNull(Right), required=True, description=describe("cg:grantsRight")
    )
    responsibilities = graphene.List(
        graphene.NonNull(Responsibility),
        required=True,
        description=describe("cg:establishesResponsibility"),
    )
    approval = graphene.Field(Endorsement, description=describe("cg:approvedBy"))
    agreements = graphene.List(
        graphene.NonNull(Endorsement), required=True, description=describe("cg:agreedBy")
    )
    familiarisations = graphene.List(
        graphene.NonNull(Endorsement), required=True, description=describe("cg:familiarisedBy")
    )
    omissions = graphene.List(
        graphene.NonNull(DutyOmission),
        required=True,
        description=describe("cg:omitsStandardDuty"),
    )

    @staticmethod
    def resolve_position(root: domain.JobDescription, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.position)

    @staticmethod
    def resolve_department(root: domain.JobDescription, info: Info) -> domain.Department | None:
        return one(context(info).model.departments, root.department)

    @staticmethod
    def resolve_supervisor(root: domain.JobDescription, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.supervisor)

    @staticmethod
    def resolve_appointing_head(root: domain.JobDescription, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.appointing_head)

    @staticmethod
    def resolve_substitute(root: domain.JobDescription, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.substitute)

    @staticmethod
    def resolve_duties(root: domain.JobDescription, info: Info) -> list[domain.Duty]:
        return lookup(context(info).model.duties, root.duties)

    @staticmethod
    def resolve_rights(root: domain.JobDescription, info: Info) -> list[domain.Right]:
        return lookup(context(info).model.rights, root.rights)

    @staticmethod
    def resolve_responsibilities(
        root: domain.JobDescription, info: Info
    ) -> list[domain.Responsibility]:
        return lookup(context(info).model.responsibilities, root.responsibilities)


class Salary(graphene.ObjectType):
    class Meta:
        description = describe("schema:MonetaryAmount")

    min_value = graphene.Float(description=describe("schema:minValue"))
    max_value = graphene.Float(description=describe("schema:maxValue"))
    currency = graphene.String(description=describe("schema:currency"))
    period = graphene.String(description=describe("schema:unitText"))
    by_agreement = graphene.Boolean(required=True, description=describe("cg:salaryByAgreement"))


class Vacancy(graphene.ObjectType):
    Meta = _node_meta("cg:Vacancy")

    position = graphene.Field(Position, description=describe("cg:forPosition"))
    requirements = requirements_field()
    salary = graphene.Field(Salary, description=describe("cg:salary"))
    sectors = graphene.List(
        graphene.NonNull(Sector), required=True, description=describe("cg:sector")
    )
    source_text = graphene.String(description=describe("cg:sourceText"))
    ordinal = graphene.Int(description=describe("cg:seedOrdinal"))
    source = graphene.String(description="Where the posting was published (dct:source).")

    @staticmethod
    def resolve_position(root: domain.Vacancy, info: Info) -> domain.Position | None:
        return one(context(info).model.positions, root.position)

    @staticmethod
    def resolve_requirements(
        root: domain.Vacancy, info: Info, necessity: Any = None
    ) -> list[domain.Requirement]:
        return resolve_requirements(info, root.requirements, necessity)

    @staticmethod
    def resolve_sectors(root: domain.Vacancy, info: Info) -> list[domain.Sector]:
        return lookup(context(info).model.sectors, root.sectors)


class RuleType(graphene.ObjectType):
    """A consistency rule with its id, severity, message, fix and sources."""

    class Meta:
        name = "Rule"
        interfaces = (Node,)
        description = describe("cg:Rule")

    severity = graphene.Field(SeverityLevel, required=True, description=describe("cg:severity"))
    message = text_field(describe("cg:message"), required=True)
    fix = text_field(describe("cg:fixHint"), required=True)
    source_norms = graphene.List(
        graphene.NonNull(LegalNorm), required=True, description=describe("cg:sourceNorm")
    )
    source_principle = graphene.String(required=True, description=describe("cg:sourcePrinciple"))
    source = graphene.String(required=True, description="The sources in one line.")

    @staticmethod
    def resolve_id(root: Rule, info: Info) -> str:
        return root.id

    @staticmethod
    def resolve_label(root: Rule, info: Info, lang: Any = "en") -> str:
        return root.title.get(lang_value(lang)) or root.id

    @staticmethod
    def resolve_definition(root: Rule, info: Info, lang: Any = "en") -> str | None:
        return None

    @staticmethod
    def resolve_severity(root: Rule, info: Info) -> str:
        return root.severity.value

    @staticmethod
    def resolve_message(root: Rule, info: Info, lang: Any = "en") -> str:
        return root.message.get(lang_value(lang))

    @staticmethod
    def resolve_fix(root: Rule, info: Info, lang: Any = "en") -> str:
        return root.fix.get(lang_value(lang))

    @staticmethod
    def resolve_source_norms(root: Rule, info: Info) -> list[domain.LegalNorm]:
        return lookup(context(info).model.legal_norms, root.source_norms)


#: domain class -> GraphQL type, for the Node interface
NODE_TYPES: dict[type, type[graphene.ObjectType]] = {
    domain.Department: Department,
    domain.Sector: Sector,
    domain.LegalNorm: LegalNorm,
    domain.Skill: Skill,
    domain.GeneralisedFunction: GeneralisedFunction,
    domain.Duty: Duty,
    domain.Right: Right,
    domain.Responsibility: Responsibility,
    domain.Requirement: Requirement,
    domain.Position: Position,
    domain.JobDescription: JobDescription,
    domain.Vacancy: Vacancy,
    Rule: RuleType,
}
