"""Vacancies as schema.org ``JobPosting`` JSON-LD (the import is
:mod:`competency_graph.importers.job_posting`).

:func:`job_posting` writes what a job board reads, in one language (``lang``: the context's
``@language``, so ``title``, ``description`` and every ``name`` are plain strings, as Google
for Jobs wants them): title, description, ``datePosted`` and ``validThrough``, the workplace
as ``jobLocation`` (a ``Place`` with a ``PostalAddress``) or ``jobLocationType`` TELECOMMUTE
with ``applicantLocationRequirements``, the employer as ``hiringOrganization`` (name,
``url``, ``sameAs``), ``identifier`` as a ``PropertyValue``, skills as ``DefinedTerm`` with
their ESCO matches, qualifications, experience and education requirements, ``baseSalary``
as ``MonetaryAmount`` with a ``QuantitativeValue``, industry, the position as
``relevantOccupation`` and the ``employmentType`` codes. Every schema.org property is used
on a type in its schema.org domain. Under ``cg:`` and ``dct:`` keys the posting carries
every requirement in the ontology's own terms (both languages: they are the graph's, not
the job board's) and its provenance, so that
:func:`~competency_graph.importers.job_posting.postings_to_graph` rebuilds the RDF the read
model holds for the vacancy, with the vacancy's own texts in the document's language.

What a vacancy states in the graph wins. A caller's :class:`Defaults` (``export-vacancy
--employer --employment-type --date-posted --valid-through --location --remote``) fill in
for a vacancy whose graph states none of that property; nothing else is ever made up, so a
vacancy without a date or a place is exported without one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD

from competency_graph.errors import InputError
from competency_graph.importers.job_posting import (
    IDENTIFIER_PROPERTY,
    date_text,
    unknown_employment_type,
)
from competency_graph.model.domain import Area, Place, Requirement, Text, Vacancy
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

#: the terms of every exported posting's context; :func:`json_ld_context` adds the language
_TERMS: Final[dict[str, Any]] = {
    "@vocab": str(SCHEMA),
    "cg": str(CG),
    "dct": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sameAs": {"@type": "@id"},
    "url": {"@type": "@id"},
    # codes, dates and identifiers are the same in every language: never language-tagged
    **{
        term: {"@language": None}
        for term in (
            "currency",
            "unitText",
            "employmentType",
            "jobLocationType",
            "addressCountry",
            "datePosted",
            "validThrough",
            "propertyID",
            "value",
            "termCode",
        )
    },
    "skos:exactMatch": {"@type": "@id"},
    "skos:closeMatch": {"@type": "@id"},
    "dct:source": {"@type": "@id"},
    # the ontology's own terms keep both languages: a language map, or one untagged value
    "rdfs:label": {"@container": "@language"},
    "skos:definition": {"@container": "@language"},
    "cg:necessity": {"@type": "@id"},
    "cg:requiredSkill": {"@type": "@id"},
    "cg:experienceSkill": {"@type": "@id"},
    "cg:educationLevel": {"@type": "@id"},
    "cg:attribute": {"@type": "@id"},
    "cg:educationField": {"@container": "@language"},
    "cg:experienceArea": {"@container": "@language"},
    "cg:level": {"@container": "@language", "@language": None},
    "cg:attributeValue": {"@container": "@language", "@language": None},
    "cg:sourceText": {"@language": None},
    "cg:minYears": {"@type": "xsd:decimal"},
    "cg:seedOrdinal": {"@type": "xsd:integer"},
}


def json_ld_context(lang: str) -> dict[str, Any]:
    """The JSON-LD context of a posting in ``lang``: schema.org by default, ``cg:`` for the
    rest, and ``lang`` the language of every plain string not declared language-neutral."""
    return {"@vocab": _TERMS["@vocab"], "@language": lang, **_TERMS}


@dataclass(frozen=True)
class Defaults:
    """What a caller fills in for vacancies whose graph states none (the graph wins).

    ``hiring_organization`` holds schema.org ``Organization`` fields such as
    ``{"name": ...}``; ``employment_types`` codes such as ``FULL_TIME``; ``locations`` and
    ``remote_from`` fill in only for a vacancy that states neither a workplace nor
    ``jobLocationType`` (``remote_from`` makes it a TELECOMMUTE posting open to those areas).
    """

    hiring_organization: Mapping[str, Any] | None = None
    employment_types: Sequence[str] = ()
    date_posted: datetime | None = None
    valid_through: datetime | None = None
    locations: Sequence[Place] = field(default_factory=tuple)
    remote_from: Sequence[Area] = field(default_factory=tuple)


NO_DEFAULTS: Final = Defaults()

_KIND_CLASSES: Final = {kind: cls for cls, kind in REQUIREMENT_KINDS.items()}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _language_map(text: Text) -> dict[str, str]:
    return {lang: value for lang in LANGUAGES if (value := getattr(text, lang))}


def _in(text: Text, lang: str) -> str | dict[str, str] | None:
    """A text in the document's language: a plain string (the context tags it ``lang``);
    in the other language, tagged as such, when the graph has no ``lang`` version."""
    if value := getattr(text, lang):
        return str(value)
    for other in LANGUAGES:
        if value := getattr(text, other):
            return {"@value": str(value), "@language": other}
    return None


def _one_or_list(values: list[Any]) -> Any:
    """One value as itself, several as a list, as job boards write them."""
    return values[0] if len(values) == 1 else values


def _value(text: Text) -> str | dict[str, str] | None:
    """A level or attribute value: a plain string when it is the same in every language (the
    read model keeps such a value as English), else a language map."""
    if text.ru is None:
        return text.en
    return _language_map(text)


def _wording(text: str, language: str | None) -> str | dict[str, str]:
    """A source text as JSON-LD: a value object when it has a language tag."""
    return {"@value": text, "@language": language} if language else text


def _term(model: ReadModel, iri: str, lang: str) -> dict[str, Any]:
    """A ``DefinedTerm`` for a skill, sector or vocabulary individual."""
    term: dict[str, Any] = {"@id": iri, "@type": "DefinedTerm"}
    if compact_id(iri) != iri:
        term["termCode"] = compact_id(iri)
    name = _in(model.labels.get(iri, Text()), lang)
    if name:
        term["name"] = name
    return term


def _occupation(model: ReadModel, iri: str, lang: str) -> dict[str, Any]:
    """The position as an ``Occupation``: its IRI and name, its ESCO occupations as
    ``sameAs`` (``termCode`` is a ``DefinedTerm`` property, not an ``Occupation`` one)."""
    occupation: dict[str, Any] = {"@id": iri, "@type": "Occupation"}
    name = _in(model.labels.get(iri, Text()), lang)
    if name:
        occupation["name"] = name
    position = model.positions.get(iri)
    if position is not None and position.esco_matches:
        occupation["sameAs"] = list(position.esco_matches)
    return occupation


def _skill_term(model: ReadModel, iri: str, lang: str) -> dict[str, Any]:
    term = _term(model, iri, lang)
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


def _organization(model: ReadModel, vacancy: Vacancy, lang: str) -> dict[str, Any] | None:
    """The vacancy's employer as a schema.org ``Organization``: everything the model holds."""
    found = model.organizations.get(vacancy.hiring_organization or "")
    if found is None:
        return None
    node: dict[str, Any] = {}
    if found.iri != f"{vacancy.iri}{EMPLOYER_KEY_SUFFIX}":  # a blank node in the graph
        node["@id"] = found.iri
    node["@type"] = "Organization"
    if name := _in(found.label, lang):
        node["name"] = name
    if description := _in(found.definition, lang):
        node["description"] = description
    if found.url:
        node["url"] = found.url
    if found.same_as:
        node["sameAs"] = list(found.same_as)
    return node


def _place(place: Place, lang: str) -> dict[str, Any]:
    """A workplace as a ``Place`` with its ``PostalAddress``."""
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if locality := _in(place.locality, lang):
        address["addressLocality"] = locality
    if region := _in(place.region, lang):
        address["addressRegion"] = region
    if place.country:
        address["addressCountry"] = place.country
    node: dict[str, Any] = {"@id": place.iri} if place.iri else {}
    node.update({"@type": "Place", "address": address})
    return node


def _area(area: Area, lang: str) -> dict[str, Any]:
    """A country or region remote applicants may work from."""
    node: dict[str, Any] = {"@id": area.iri} if area.iri else {}
    node["@type"] = area.kind
    if name := _in(area.name, lang):
        node["name"] = name
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
    lang: str = "ru",
    defaults: Defaults = NO_DEFAULTS,
    context: bool = True,
) -> dict[str, Any]:
    """The vacancy ``vacancy`` (compact id or IRI) as a schema.org JobPosting object in
    ``lang`` (``ru`` or ``en``); ``defaults`` fill in what the graph does not state."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    found = model.vacancies[require(model, vacancy, "vacancy")]
    requirements = _ordered_requirements(model, found)
    posting: dict[str, Any] = {"@context": json_ld_context(lang)} if context else {}
    posting.update(
        {
            "@id": found.iri,
            "@type": "JobPosting",
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": IDENTIFIER_PROPERTY,
                "value": found.id,
            },
        }
    )
    if title := _in(found.label, lang):
        posting["title"] = title
    if description := _in(found.definition, lang):
        posting["description"] = description
    elif found.source_text is not None:  # the posting's own words (an import keeps them once)
        posting["description"] = _wording_in(found.source_text, found.source_language, lang)
    if found.source_text is not None:
        posting["cg:sourceText"] = _wording(found.source_text, found.source_language)
    if posted := found.date_posted or defaults.date_posted:
        posting["datePosted"] = date_text(posted)
    if through := found.valid_through or defaults.valid_through:
        posting["validThrough"] = date_text(through)
    _where(posting, found, defaults, lang)
    if found.position:
        posting["relevantOccupation"] = _occupation(model, found.position, lang)
    employer = _organization(model, found, lang)
    if employer is None and defaults.hiring_organization:
        employer = {"@type": "Organization", **defaults.hiring_organization}
    if employer is not None:
        posting["hiringOrganization"] = employer
    codes = list(found.employment_types or _in_schema_order(defaults.employment_types))
    if codes:
        posting["employmentType"] = _one_or_list(codes)
    if found.sectors:
        posting["industry"] = [_term(model, sector, lang) for sector in found.sectors]
    skills = sorted({r.skill for r in requirements if r.kind == "skill" and r.skill})
    if skills:
        posting["skills"] = [_skill_term(model, skill, lang) for skill in skills]
    if requirements:
        posting["qualifications"] = "; ".join(_qualification(model, r, lang) for r in requirements)
    experience = [_experience(model, r, lang) for r in requirements if r.kind == "experience"]
    if experience:
        posting["experienceRequirements"] = experience
    education = [_education(model, r, lang) for r in requirements if r.kind == "education"]
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
    if found.source is not None:  # provenance: schema.org has no JobPosting property for it
        posting["dct:source"] = found.source
    return posting


def _wording_in(text: str, language: str | None, lang: str) -> str | dict[str, str]:
    """The posting's own words as its description: a plain string when they are in the
    document's language (or in none), else tagged with their own language."""
    if language is None or language == lang:
        return text
    return {"@value": text, "@language": language}


def _where(posting: dict[str, Any], vacancy: Vacancy, defaults: Defaults, lang: str) -> None:
    """``jobLocation``, or ``jobLocationType`` with ``applicantLocationRequirements``: the
    graph's; the defaults only when the graph states neither a place nor a location type."""
    places, location_type, areas = (
        vacancy.locations,
        vacancy.location_type,
        vacancy.applicant_locations,
    )
    if not places and location_type is None and not areas:
        places, areas = tuple(defaults.locations), tuple(defaults.remote_from)
        location_type = "TELECOMMUTE" if areas else None
    if places:
        posting["jobLocation"] = _one_or_list([_place(place, lang) for place in places])
    if location_type is not None:
        posting["jobLocationType"] = location_type
    if areas:
        posting["applicantLocationRequirements"] = _one_or_list(
            [_area(area, lang) for area in areas]
        )


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


def _experience(model: ReadModel, requirement: Requirement, lang: str) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "OccupationalExperienceRequirements"}
    if requirement.min_years is not None:
        node["monthsOfExperience"] = _number(requirement.min_years * 12)
    node["description"] = describe_requirement(model, requirement, lang)
    return node


def _education(model: ReadModel, requirement: Requirement, lang: str) -> dict[str, Any]:
    return {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": [_term(model, level, lang) for level in requirement.education_levels],
        "description": describe_requirement(model, requirement, lang),
    }


def job_postings(
    model: ReadModel,
    vacancies: Iterable[str] | None = None,
    *,
    lang: str = "ru",
    defaults: Defaults = NO_DEFAULTS,
) -> dict[str, Any]:
    """Several vacancies (all by default, in IRI order) as one JSON-LD document in ``lang``;
    the defaults as in :func:`job_posting`."""
    chosen = sorted(model.vacancies) if vacancies is None else list(vacancies)
    postings = [
        job_posting(model, vacancy, lang=lang, defaults=defaults, context=False)
        for vacancy in chosen
    ]
    return {"@context": json_ld_context(lang), "@graph": postings}


def dump(document: Mapping[str, Any]) -> str:
    """JSON text of a JSON-LD document: UTF-8 as is, indented, ending with a newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
