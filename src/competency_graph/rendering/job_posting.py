"""Vacancies as schema.org ``JobPosting`` JSON-LD (the import is
:mod:`competency_graph.importers.job_posting`).

:func:`job_posting` writes what a job board reads (title, description, skills as
``DefinedTerm`` with their ESCO matches, qualifications, experience and education
requirements, ``baseSalary`` as ``MonetaryAmount`` with a ``QuantitativeValue``, industry,
the position as ``relevantOccupation``, the employer as ``hiringOrganization``, the
``employmentType`` codes) and, under ``cg:`` keys, every requirement in the ontology's own
terms, so that :func:`~competency_graph.importers.job_posting.postings_to_graph` rebuilds
exactly the RDF the read model holds for the vacancy. The schema.org views of requirements
are derived from the ``cg:`` data and are only used on import when a posting comes without
it (a JobPosting from elsewhere).

The employer and the employment types come from the graph (``schema:hiringOrganization``,
``cg:employmentType``). A caller's ``hiring_organization`` and ``employment_types``
(``export-vacancy --employer --employment-type``) are defaults: used for a vacancy whose
graph states none, never over what it states.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from rdflib.namespace import RDFS, SKOS, XSD

from competency_graph.errors import InputError
from competency_graph.importers.job_posting import description_of, unknown_employment_type
from competency_graph.model.domain import Requirement, Text, Vacancy
from competency_graph.model.ids import require
from competency_graph.model.readmodel import (
    EMPLOYER_KEY_SUFFIX,
    EMPLOYMENT_TYPES,
    FIELD_SEPARATOR,
    REQUIREMENT_KINDS,
    ReadModel,
)
from competency_graph.namespaces import CG, SCHEMA, compact_id
from competency_graph.rendering.document import describe_requirement, requirement_rank
from competency_graph.rendering.phrases import LANGUAGES, phrase

MEDIA_TYPE: Final = "application/ld+json"

#: the JSON-LD context of every exported posting: schema.org by default, cg: for the rest
CONTEXT: Final[dict[str, Any]] = {
    "@vocab": str(SCHEMA),
    "cg": str(CG),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "title": {"@container": "@language"},
    "description": {"@container": "@language"},
    "name": {"@container": "@language"},
    "qualifications": {"@container": "@language"},
    "sameAs": {"@type": "@id"},
    "isBasedOn": {"@type": "@id"},
    "skos:exactMatch": {"@type": "@id"},
    "skos:closeMatch": {"@type": "@id"},
    "rdfs:label": {"@container": "@language"},
    "skos:definition": {"@container": "@language"},
    "cg:necessity": {"@type": "@id"},
    "cg:requiredSkill": {"@type": "@id"},
    "cg:experienceSkill": {"@type": "@id"},
    "cg:educationLevel": {"@type": "@id"},
    "cg:attribute": {"@type": "@id"},
    "cg:educationField": {"@container": "@language"},
    "cg:experienceArea": {"@container": "@language"},
    "cg:minYears": {"@type": "xsd:decimal"},
    "cg:seedOrdinal": {"@type": "xsd:integer"},
}

_KIND_CLASSES: Final = {kind: cls for cls, kind in REQUIREMENT_KINDS.items()}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _language_map(text: Text) -> dict[str, str]:
    return {lang: value for lang in LANGUAGES if (value := getattr(text, lang))}


def _value(text: Text) -> str | dict[str, str] | None:
    """A level or attribute value: a plain string when it is the same in every language (the
    read model keeps such a value as English), else a language map."""
    if text.ru is None:
        return text.en
    return _language_map(text)


def _wording(text: str, language: str | None) -> str | dict[str, str]:
    """A source text as JSON-LD: a value object when it has a language tag."""
    return {"@value": text, "@language": language} if language else text


def _term(model: ReadModel, iri: str) -> dict[str, Any]:
    """A ``DefinedTerm`` for a skill, sector or vocabulary individual."""
    term: dict[str, Any] = {"@id": iri, "@type": "DefinedTerm"}
    if compact_id(iri) != iri:
        term["termCode"] = compact_id(iri)
    name = _language_map(model.labels.get(iri, Text()))
    if name:
        term["name"] = name
    return term


def _skill_term(model: ReadModel, iri: str) -> dict[str, Any]:
    term = _term(model, iri)
    skill = model.skills.get(iri)
    if skill is not None:
        if skill.exact_match:
            term["sameAs"] = list(skill.exact_match)
            term["skos:exactMatch"] = list(skill.exact_match)
        if skill.close_match:
            term["skos:closeMatch"] = list(skill.close_match)
    return term


def _requirement_node(requirement: Requirement, named: bool) -> dict[str, Any]:
    """A requirement in the ontology's terms: everything the read model holds of it."""
    node: dict[str, Any] = {}
    if named:
        node["@id"] = requirement.iri
    node["@type"] = f"cg:{_KIND_CLASSES[requirement.kind].rsplit('#', 1)[-1]}"
    label = _language_map(requirement.label)
    if label:
        node["rdfs:label"] = label
    definition = _language_map(requirement.definition)
    if definition:
        node["skos:definition"] = definition
    node["cg:necessity"] = f"cg:{requirement.necessity}"
    if requirement.kind == "experience":
        if requirement.skills:
            node["cg:experienceSkill"] = list(requirement.skills)
    elif requirement.skill:
        node["cg:requiredSkill"] = requirement.skill
    if level := _value(requirement.level):
        node["cg:level"] = level
    if requirement.education_levels:
        node["cg:educationLevel"] = list(requirement.education_levels)
    if field := _language_map(requirement.education_field):
        # the read model joins several accepted fields with FIELD_SEPARATOR: one value each
        node["cg:educationField"] = {
            lang: parts if len(parts := text.split(FIELD_SEPARATOR)) > 1 else text
            for lang, text in field.items()
        }
    if requirement.min_years is not None:
        node["cg:minYears"] = _number(requirement.min_years)
    if area := _language_map(requirement.experience_area):
        node["cg:experienceArea"] = area
    if requirement.attribute:
        node["cg:attribute"] = requirement.attribute
    if value := _value(requirement.attribute_value):
        node["cg:attributeValue"] = value
    if requirement.source_text is not None:
        node["cg:sourceText"] = _wording(requirement.source_text, requirement.source_language)
    return node


def _organization(model: ReadModel, vacancy: Vacancy) -> dict[str, Any] | None:
    """The vacancy's employer as a schema.org ``Organization``: everything the model holds."""
    found = model.organizations.get(vacancy.hiring_organization or "")
    if found is None:
        return None
    node: dict[str, Any] = {}
    if found.iri != f"{vacancy.iri}{EMPLOYER_KEY_SUFFIX}":  # a blank node in the graph
        node["@id"] = found.iri
    node["@type"] = "Organization"
    if name := _language_map(found.label):
        node["name"] = name
    if description := _language_map(found.definition):
        node["description"] = description
    return node


def _in_schema_order(codes: Iterable[str]) -> tuple[str, ...]:
    """Employment type codes once each, in schema.org's order, as the read model has them."""
    unknown = sorted(set(codes) - set(EMPLOYMENT_TYPES.values()))
    if unknown:
        raise InputError(unknown_employment_type(unknown[0]))
    return tuple(code for code in EMPLOYMENT_TYPES.values() if code in codes)


def job_posting(
    model: ReadModel,
    vacancy: str,
    *,
    hiring_organization: Mapping[str, Any] | None = None,
    employment_types: Sequence[str] = (),
    context: bool = True,
) -> dict[str, Any]:
    """The vacancy ``vacancy`` (compact id or IRI) as a schema.org JobPosting object.

    ``hiring_organization`` (schema.org ``Organization`` fields such as ``{"name": ...}``)
    and ``employment_types`` (codes such as ``FULL_TIME``) are used only when the graph
    states no employer, or no employment type, for the vacancy.
    """
    found = model.vacancies[require(model, vacancy, "vacancy")]
    requirements = _ordered_requirements(model, found)
    posting: dict[str, Any] = {"@context": CONTEXT} if context else {}
    posting.update({"@id": found.iri, "@type": "JobPosting", "identifier": found.id})
    if title := _language_map(found.label):
        posting["title"] = title
    if description := _language_map(found.definition):
        posting["description"] = description
    elif found.source_text is not None:  # the posting's own words (an import keeps them once)
        posting["description"] = description_of(found.source_text, found.source_language)
    if found.source_text is not None:
        posting["cg:sourceText"] = _wording(found.source_text, found.source_language)
    if found.position:
        occupation = _term(model, found.position)
        occupation["@type"] = "Occupation"
        position = model.positions.get(found.position)
        if position is not None and position.esco_matches:
            occupation["sameAs"] = list(position.esco_matches)
        posting["relevantOccupation"] = occupation
    employer = _organization(model, found)
    if employer is None and hiring_organization:
        employer = {"@type": "Organization", **hiring_organization}
    if employer is not None:
        posting["hiringOrganization"] = employer
    codes = list(found.employment_types or _in_schema_order(employment_types))
    if codes:  # one code as a string, several as a list, as job boards write them
        posting["employmentType"] = codes[0] if len(codes) == 1 else codes
    if found.sectors:
        posting["industry"] = [_term(model, sector) for sector in found.sectors]
    skills = sorted({r.skill for r in requirements if r.kind == "skill" and r.skill})
    if skills:
        posting["skills"] = [_skill_term(model, skill) for skill in skills]
    qualifications = {
        lang: "; ".join(_qualification(model, r, lang) for r in requirements) for lang in LANGUAGES
    }
    if requirements:
        posting["qualifications"] = qualifications
    experience = [_experience(model, r) for r in requirements if r.kind == "experience"]
    if experience:
        posting["experienceRequirements"] = experience
    education = [_education(model, r) for r in requirements if r.kind == "education"]
    if education:
        posting["educationRequirements"] = education
    salary = found.salary
    if salary is not None and not salary.by_agreement:
        value: dict[str, Any] = {"@type": "QuantitativeValue"}
        if salary.min_value is not None:
            value["minValue"] = _number(salary.min_value)
        if salary.max_value is not None:
            value["maxValue"] = _number(salary.max_value)
        if salary.period is not None:
            value["unitText"] = salary.period
        amount: dict[str, Any] = {"@type": "MonetaryAmount"}
        if salary.currency is not None:
            amount["currency"] = salary.currency
        amount["value"] = value
        posting["baseSalary"] = amount
    if salary is not None and salary.by_agreement:
        posting["cg:salaryByAgreement"] = True
    if requirements:
        posting["cg:hasRequirement"] = [
            _requirement_node(r, _named(found, r)) for r in requirements
        ]
    if found.ordinal is not None:
        posting["cg:seedOrdinal"] = found.ordinal
    if found.source is not None:
        posting["isBasedOn"] = found.source
    return posting


def _qualification(model: ReadModel, requirement: Requirement, lang: str) -> str:
    """A requirement in words, marked when the posting only wishes for it."""
    text = describe_requirement(model, requirement, lang)
    if requirement.necessity == "optional":
        return f"{text} ({phrase('necessity.optional', lang)})"
    return text


def _named(vacancy: Vacancy, requirement: Requirement) -> bool:
    """False for a requirement that is a blank node in the graph (keyed under the vacancy)."""
    return not requirement.iri.startswith(f"{vacancy.iri}#requirement-")


def _ordered_requirements(model: ReadModel, vacancy: Vacancy) -> list[Requirement]:
    """Named requirements by IRI, then blank ones by content: the same order on every run,
    even for blank nodes the read model cannot tell apart."""
    found = [model.requirements[key] for key in vacancy.requirements]
    named = sorted((r for r in found if _named(vacancy, r)), key=lambda r: r.iri)
    blank = sorted(
        (r for r in found if not _named(vacancy, r)),
        key=lambda r: (
            requirement_rank(r),
            json.dumps(_requirement_node(r, named=False), sort_keys=True),
        ),
    )
    return named + blank


def _experience(model: ReadModel, requirement: Requirement) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "OccupationalExperienceRequirements"}
    if requirement.min_years is not None:
        node["monthsOfExperience"] = _number(requirement.min_years * 12)
    description = {lang: describe_requirement(model, requirement, lang) for lang in LANGUAGES}
    node["description"] = description
    return node


def _education(model: ReadModel, requirement: Requirement) -> dict[str, Any]:
    return {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": [_term(model, level) for level in requirement.education_levels],
        "description": {lang: describe_requirement(model, requirement, lang) for lang in LANGUAGES},
    }


def job_postings(
    model: ReadModel,
    vacancies: Iterable[str] | None = None,
    *,
    hiring_organization: Mapping[str, Any] | None = None,
    employment_types: Sequence[str] = (),
) -> dict[str, Any]:
    """Several vacancies (all by default, in IRI order) as one JSON-LD document; the
    defaults as in :func:`job_posting`."""
    chosen = sorted(model.vacancies) if vacancies is None else list(vacancies)
    postings = [
        job_posting(
            model,
            vacancy,
            hiring_organization=hiring_organization,
            employment_types=employment_types,
            context=False,
        )
        for vacancy in chosen
    ]
    return {"@context": CONTEXT, "@graph": postings}


def dump(document: Mapping[str, Any]) -> str:
    """JSON text of a JSON-LD document: UTF-8 as is, indented, ending with a newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
