"""Domain objects of the read model: plain frozen dataclasses, no RDF.

Resolvers, renderers and exporters work on these; only :mod:`competency_graph.model.readmodel`
builds them from a graph. Every object carries its IRI and compact ``id``; texts in both
languages are :class:`Text` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Text:
    """A text in Russian and English, and in any other language a source gives (ESCO ships
    its labels in two dozen); any may be missing."""

    ru: str | None = None
    en: str | None = None
    #: (language code, text) in other languages, sorted by code: ``(("de", "Buchhalter"),)``
    more: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other of Russian and English (any other
        language falls back to English, then Russian), then to ''."""
        if lang == "ru":
            return self.ru or self.en or ""
        if lang != "en":
            for code, text in self.more:
                if code == lang:
                    return text
        return self.en or self.ru or ""

    def languages(self) -> tuple[str, ...]:
        """The languages the text is given in, Russian and English first."""
        given = tuple(lang for lang in ("ru", "en") if getattr(self, lang))
        return given + tuple(code for code, _ in self.more)


@dataclass(frozen=True)
class Node:
    """Anything with an IRI, a compact id and bilingual label/definition."""

    iri: str
    id: str
    label: Text
    definition: Text


@dataclass(frozen=True)
class Department(Node):
    """A structural unit (org:OrganizationalUnit)."""


@dataclass(frozen=True)
class LegalNorm(Node):
    """An article of a code (or a whole code, ``article`` None)."""

    code_id: str | None = None
    article: str | None = None
    summary: Text = field(default_factory=Text)
    source_url: str | None = None
    notation: str | None = None  # skos:notation, the short name of a code ("ТК РФ")


@dataclass(frozen=True)
class Skill(Node):
    """A skill/knowledge/tool/language/licence/personal quality in the SKOS hierarchy."""

    #: knowledge | competence | tool | language | licence | personal-quality | skill, or
    #: skill-group: an ESCO skill group (cg:SkillGroup), the upper levels of ESCO's skills
    #: hierarchy, which requirements never name
    kind: str
    broader: tuple[str, ...] = ()  # IRIs
    alt_labels: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()
    close_match: tuple[str, ...] = ()
    #: ESCO's reuse level (cg:reuseLevel): transversal, cross-sector, sector-specific,
    #: occupation-specific; None for a skill without one (the shipped taxonomy)
    reuse_level: str | None = None


@dataclass(frozen=True)
class GeneralisedFunction(Node):
    """A group of duties."""


@dataclass(frozen=True)
class Duty(Node):
    """A labour function, with the skills that support it and competences it requires."""

    functions: tuple[str, ...] = ()  # IRIs of GeneralisedFunction
    supported_by: tuple[str, ...] = ()  # skill IRIs (requires_competence included)
    requires_competence: tuple[str, ...] = ()  # skill IRIs


@dataclass(frozen=True)
class Right(Node):
    """A right and the duties it facilitates."""

    facilitates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Responsibility(Node):
    """A ground of liability, its kind, sanctions, limit and legal basis."""

    liability_kind: str | None = None  # IRI
    sanctions: tuple[str, ...] = ()  # IRIs
    legal_basis: tuple[str, ...] = ()  # LegalNorm IRIs
    limit: str | None = None  # IRI of cg:LiabilityLimit
    written_agreement: bool = False


@dataclass(frozen=True)
class Requirement(Node):
    """A candidate requirement of a position or vacancy."""

    kind: str  # education | experience | skill | attribute
    necessity: str = "essential"  # essential | optional
    skill: str | None = None  # IRI (skill requirement, or experience skill)
    experience_skills: tuple[str, ...] = ()  # every cg:experienceSkill (``skill`` is the first)
    level: Text = field(default_factory=Text)  # B1 (the same in every language), or a text
    education_levels: tuple[str, ...] = ()  # IRIs
    education_field: Text = field(default_factory=Text)
    min_years: float | None = None
    experience_area: Text = field(default_factory=Text)
    attribute: str | None = None  # IRI of cg:CandidateAttribute
    attribute_value: Text = field(default_factory=Text)
    source_text: str | None = None
    source_language: str | None = None  # the language tag of source_text, if it has one

    @property
    def skills(self) -> tuple[str, ...]:
        """Every skill the requirement names: all its experience skills, or its one skill."""
        if self.experience_skills:
            return self.experience_skills
        return (self.skill,) if self.skill else ()


@dataclass(frozen=True)
class Endorsement:
    """A dated signature: approval, agreement or familiarisation."""

    kind: str  # approval | agreement | familiarisation
    role: str | None = None  # legal-service | hr-department | immediate-supervisor
    signatory: str | None = None  # position IRI
    signatory_name: str | None = None
    date: datetime | None = None


@dataclass(frozen=True)
class DutyOmission:
    """A standard duty left out of an individual job description, with why."""

    duty: str
    reason: Text


@dataclass(frozen=True)
class JobDescription(Node):
    """The document: general provisions, duties, rights, responsibilities, signatures."""

    position: str | None = None
    status: str | None = None  # draft | agreed | approved | in-force
    version: str | None = None
    department: str | None = None  # as stated in the general provisions
    supervisor: str | None = None
    appointing_head: str | None = None
    substitute: str | None = None
    #: duties, rights and responsibilities in the author's order: by cg:Clause number, then
    #: the unnumbered ones by label
    duties: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    approval: Endorsement | None = None
    agreements: tuple[Endorsement, ...] = ()
    familiarisations: tuple[Endorsement, ...] = ()
    omissions: tuple[DutyOmission, ...] = ()


@dataclass(frozen=True)
class Position(Node):
    """A post in the staffing table."""

    standard: bool = False
    department: str | None = None
    reports_to: str | None = None
    substitute: str | None = None
    appointed_by: str | None = None
    specialises: str | None = None
    next_steps: tuple[str, ...] = ()
    #: Requirement IRIs (or blank-node keys) in the author's order, as the duties
    requirements: tuple[str, ...] = ()
    is_head: bool = False
    esco_matches: tuple[str, ...] = ()
    must_know: tuple[str, ...] = ()  # LegalNorm/LegalCode IRIs (cg:mustKnow)
    #: the ISCO-08 group (cg:OccupationGroup IRI) an ESCO occupation belongs to: the nearest
    #: one up its skos:broader links
    isco_group: str | None = None


@dataclass(frozen=True)
class OccupationGroup(Node):
    """An ISCO-08 group of occupations as ESCO publishes it (cg:OccupationGroup)."""

    code: str | None = None  # skos:notation: "2411"
    broader: tuple[str, ...] = ()  # the groups one level up (IRIs)


@dataclass(frozen=True)
class Salary:
    """A structured salary: bounds, currency, period; or by agreement."""

    min_value: float | None = None
    max_value: float | None = None
    currency: str | None = None
    period: str | None = None
    by_agreement: bool = False


@dataclass(frozen=True)
class Organization(Node):
    """An organisation (org:Organization) that posts vacancies: the employer."""

    url: str | None = None  # its website (schema:url)
    same_as: tuple[str, ...] = ()  # the same organisation elsewhere (schema:sameAs), sorted


@dataclass(frozen=True)
class Place:
    """A workplace of a vacancy (schema:jobLocation): its postal address, as far as stated.

    ``iri`` is None for a place the graph gives as a blank node (the usual case)."""

    locality: Text = Text()
    region: Text = Text()
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. RU
    iri: str | None = None


@dataclass(frozen=True)
class Area:
    """A country or region the candidate of a remote vacancy must work from
    (schema:applicantLocationRequirements)."""

    name: Text
    kind: str = "Country"  # the schema.org class: Country or AdministrativeArea
    iri: str | None = None


@dataclass(frozen=True)
class Vacancy(Node):
    """A posting for a position."""

    position: str | None = None
    requirements: tuple[str, ...] = ()
    salary: Salary | None = None
    sectors: tuple[str, ...] = ()
    #: the employer (schema:hiringOrganization): its IRI, or a key under the vacancy's IRI
    #: (``…#hiring-organization``) when the graph gives it as a blank node
    hiring_organization: str | None = None
    #: schema.org employmentType codes (FULL_TIME...), in the order of EMPLOYMENT_TYPES
    employment_types: tuple[str, ...] = ()
    source_text: str | None = None
    source_language: str | None = None  # the language tag of source_text, if it has one
    ordinal: int | None = None
    source: str | None = None
    date_posted: datetime | None = None  # schema:datePosted (midnight: only the day known)
    valid_through: datetime | None = None  # schema:validThrough
    locations: tuple[Place, ...] = ()  # schema:jobLocation, in a stable order
    #: schema.org jobLocationType code (TELECOMMUTE) from cg:jobLocationType, or None
    location_type: str | None = None
    applicant_locations: tuple[Area, ...] = ()  # schema:applicantLocationRequirements


@dataclass(frozen=True)
class Sector(Node):
    """An employer's sector."""
