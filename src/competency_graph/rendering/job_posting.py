"""Vacancies as schema.org ``JobPosting`` JSON-LD, and JSON-LD back to the ontology's RDF.

:func:`job_posting` writes what a job board reads (title, description, skills as
``DefinedTerm`` with their ESCO matches, qualifications, experience and education
requirements, ``baseSalary`` as ``MonetaryAmount`` with a ``QuantitativeValue``, industry,
the position as ``relevantOccupation``, the employer as ``hiringOrganization``, the
``employmentType`` codes) and, under ``cg:`` keys, every requirement in the ontology's own
terms, so that :func:`postings_to_graph` rebuilds exactly the RDF the read model holds for
the vacancy. The schema.org views of requirements are derived from the ``cg:`` data and are
only used on import when a posting comes without it (a JobPosting from elsewhere).

The employer and the employment types come from the graph (``schema:hiringOrganization``,
``cg:employmentType``). A caller's ``hiring_organization`` and ``employment_types``
(``export-vacancy --employer --employment-type``) are defaults: used for a vacancy whose
graph states none, never over what it states.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node as RDFNode

from competency_graph.errors import InputError
from competency_graph.graph.files import new_graph
from competency_graph.model.domain import Requirement, Text, Vacancy
from competency_graph.model.ids import require
from competency_graph.model.readmodel import (
    EMPLOYER_KEY_SUFFIX,
    EMPLOYMENT_TYPES,
    FIELD_SEPARATOR,
    REQUIREMENT_KINDS,
    ReadModel,
)
from competency_graph.namespaces import CG, ORG, SCHEMA, compact_id, expand_id
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
_EMPLOYMENT_VALUES: Final = {code: value for value, code in EMPLOYMENT_TYPES.items()}


def employment_type(text: str) -> URIRef | None:
    """The cg:EmploymentType value for a schema.org ``employmentType`` code, or None.

    Case, spaces and hyphens do not count: ``FULL_TIME``, ``full-time`` and ``Full time``
    are the same code; anything else, such as ``SHIFT_WORK``, is unknown.
    """
    return _EMPLOYMENT_VALUES.get(re.sub(r"[\s_-]+", "_", text.strip()).upper())


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _language_map(text: Text) -> dict[str, str]:
    return {lang: value for lang in LANGUAGES if (value := getattr(text, lang))}


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
    if requirement.level is not None:
        node["cg:level"] = requirement.level
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
    if requirement.attribute_value is not None:
        node["cg:attributeValue"] = requirement.attribute_value
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


def _unknown_employment_type(code: str) -> str:
    return (
        f"unknown employment type {code!r} "
        f"(expected one of: {', '.join(EMPLOYMENT_TYPES.values())})"
    )


def _in_schema_order(codes: Iterable[str]) -> tuple[str, ...]:
    """Employment type codes once each, in schema.org's order, as the read model has them."""
    unknown = sorted(set(codes) - set(_EMPLOYMENT_VALUES))
    if unknown:
        raise InputError(_unknown_employment_type(unknown[0]))
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
        posting["description"] = _description_of(found.source_text, found.source_language)
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


def _description_of(text: str, language: str | None) -> str | dict[str, str]:
    """The ``description`` (a language map in :data:`CONTEXT`) holding a source text."""
    return {language: text} if language else text


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


# --------------------------------------------------------------------------- import


def _is_source_text(description: object, source: object) -> bool:
    """True when ``description`` is the source text ``source`` again (as exported)."""
    if isinstance(source, dict):
        text, language = source.get("@value"), source.get("@language")
    else:
        text, language = source, None
    return isinstance(text, str) and description == _description_of(
        text, language if isinstance(language, str) else None
    )


class _Reader:
    """Turns JobPosting objects into the ontology's RDF; errors name the field."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.graph = new_graph()

    def fail(self, where: str, message: str) -> InputError:
        return InputError(f"{where}: {message}", self.source)

    def iri(self, value: object, where: str) -> URIRef:
        if isinstance(value, dict):
            value = value.get("@id")
        if not isinstance(value, str) or not value:
            raise self.fail(where, "expected an IRI or an object with @id")
        if value.startswith("cg:"):
            return CG[value[3:]]
        try:
            return expand_id(value)
        except ValueError as exc:
            raise self.fail(where, str(exc)) from None

    def texts(self, subject: RDFNode, predicate: URIRef, value: object, where: str) -> None:
        """A language map (or a plain string) as language-tagged literals."""
        if value is None:
            return
        if isinstance(value, str):
            self.graph.add((subject, predicate, Literal(value)))
            return
        if not isinstance(value, dict):
            raise self.fail(where, 'expected a language map such as {"ru": ..., "en": ...}')
        for lang, texts in sorted(value.items()):
            for text in texts if isinstance(texts, list) else [texts]:
                if not isinstance(text, str):
                    raise self.fail(f"{where}.{lang}", "expected a string or a list of strings")
                self.graph.add((subject, predicate, Literal(text, lang=lang)))

    def string(self, subject: RDFNode, predicate: URIRef, value: object, where: str) -> None:
        """A string, or a JSON-LD value object with a language tag."""
        if value is None:
            return
        if isinstance(value, dict):
            text, language = value.get("@value"), value.get("@language")
            if isinstance(text, str) and isinstance(language, str | None):
                self.graph.add((subject, predicate, Literal(text, lang=language)))
                return
            raise self.fail(where, 'expected a string or {"@value": ..., "@language": ...}')
        if not isinstance(value, str):
            raise self.fail(where, "expected a string")
        self.graph.add((subject, predicate, Literal(value)))

    def decimal(self, subject: RDFNode, predicate: URIRef, value: object, where: str) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(where, "expected a number")
        try:
            number = Decimal(str(float(value)))
        except (InvalidOperation, ValueError):
            raise self.fail(where, f"expected a number, got {value!r}") from None
        self.graph.add((subject, predicate, Literal(number)))

    def items(self, value: object) -> list[Any]:
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def posting(self, data: object, where: str) -> URIRef:
        if not isinstance(data, dict):
            raise self.fail(where, "expected a JobPosting object")
        types = self.items(data.get("@type"))
        if "JobPosting" not in types and str(SCHEMA.JobPosting) not in types:
            raise self.fail(f"{where}.@type", "expected JobPosting")
        if "@id" not in data:
            raise self.fail(f"{where}.@id", "missing: the vacancy's IRI or id is needed")
        vacancy = self.iri(data["@id"], f"{where}.@id")
        g = self.graph
        g.add((vacancy, RDF.type, CG.Vacancy))
        self.texts(vacancy, RDFS.label, data.get("title"), f"{where}.title")
        description, source = data.get("description"), data.get("cg:sourceText")
        # an export without a definition gives the source text as the description
        if not _is_source_text(description, source):
            self.texts(vacancy, SKOS.definition, description, f"{where}.description")
        self.string(vacancy, CG.sourceText, source, f"{where}.cg:sourceText")
        if "relevantOccupation" in data:
            position = self.iri(data["relevantOccupation"], f"{where}.relevantOccupation")
            g.add((vacancy, CG.forPosition, position))
        for n, sector in enumerate(self.items(data.get("industry"))):
            g.add((vacancy, CG.sector, self.iri(sector, f"{where}.industry[{n}]")))
        if "hiringOrganization" in data:
            self.organization(vacancy, data["hiringOrganization"], f"{where}.hiringOrganization")
        self.employment_types(vacancy, data.get("employmentType"), f"{where}.employmentType")
        self.salary(vacancy, data, where)
        if data.get("cg:salaryByAgreement") is True:
            g.add((vacancy, CG.salaryByAgreement, Literal(True)))
        if "cg:hasRequirement" in data:
            for n, node in enumerate(self.items(data["cg:hasRequirement"])):
                self.requirement(vacancy, node, f"{where}.cg:hasRequirement[{n}]")
        else:
            self.schema_requirements(vacancy, data, where)
        ordinal = data.get("cg:seedOrdinal")
        if ordinal is not None:
            if not isinstance(ordinal, int) or isinstance(ordinal, bool):
                raise self.fail(f"{where}.cg:seedOrdinal", "expected an integer")
            g.add((vacancy, CG.seedOrdinal, Literal(ordinal)))
        if "isBasedOn" in data:
            g.add((vacancy, DCTERMS.source, self.iri(data["isBasedOn"], f"{where}.isBasedOn")))
        return vacancy

    def organization(self, vacancy: URIRef, data: object, where: str) -> None:
        """The employer: an Organization object, named by ``@id`` or by its ``name``."""
        if isinstance(data, list):
            if len(data) != 1:
                raise self.fail(where, "expected one Organization: a vacancy has one employer")
            data, where = data[0], f"{where}[0]"
        if not isinstance(data, dict):
            raise self.fail(where, 'expected an Organization object such as {"name": ...}')
        if "@id" in data:
            node: URIRef | BNode = self.iri(data["@id"], f"{where}.@id")
        elif data.get("name"):
            node = BNode()
        else:
            raise self.fail(f"{where}.name", "missing: an employer without @id needs a name")
        g = self.graph
        g.add((vacancy, SCHEMA.hiringOrganization, node))
        g.add((node, RDF.type, ORG.Organization))
        self.texts(node, RDFS.label, data.get("name"), f"{where}.name")
        self.texts(node, SKOS.definition, data.get("description"), f"{where}.description")

    def employment_types(self, vacancy: URIRef, value: object, where: str) -> None:
        """``employmentType``: one code or a list of them; an unknown code is an error."""
        codes = value if isinstance(value, list) else [value] if value is not None else []
        for n, code in enumerate(codes):
            at = f"{where}[{n}]" if isinstance(value, list) else where
            if not isinstance(code, str):
                raise self.fail(at, "expected a code such as FULL_TIME")
            found = employment_type(code)
            if found is None:
                raise self.fail(at, _unknown_employment_type(code))
            self.graph.add((vacancy, CG.employmentType, found))

    def salary(self, vacancy: URIRef, data: Mapping[str, Any], where: str) -> None:
        amount = data.get("baseSalary")
        if amount is None:
            return
        where = f"{where}.baseSalary"
        if not isinstance(amount, dict):
            raise self.fail(where, "expected a MonetaryAmount object")
        value = amount.get("value", {})
        if not isinstance(value, dict):  # schema.org also allows a bare number
            value = {"minValue": value, "maxValue": value}
        node = BNode()
        g = self.graph
        g.add((vacancy, CG.salary, node))
        g.add((node, RDF.type, SCHEMA.MonetaryAmount))
        self.decimal(node, SCHEMA.minValue, value.get("minValue"), f"{where}.value.minValue")
        self.decimal(node, SCHEMA.maxValue, value.get("maxValue"), f"{where}.value.maxValue")
        self.string(node, SCHEMA.currency, amount.get("currency"), f"{where}.currency")
        self.string(node, SCHEMA.unitText, value.get("unitText"), f"{where}.value.unitText")

    def requirement(self, vacancy: URIRef, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise self.fail(where, "expected a requirement object")
        kinds = {f"cg:{cls.rsplit('#', 1)[-1]}": cls for cls in REQUIREMENT_KINDS}
        kind = kinds.get(str(data.get("@type")))
        if kind is None:
            raise self.fail(f"{where}.@type", f"expected one of: {', '.join(sorted(kinds))}")
        node: URIRef | BNode = self.iri(data["@id"], f"{where}.@id") if "@id" in data else BNode()
        g = self.graph
        g.add((vacancy, CG.hasRequirement, node))
        g.add((node, RDF.type, kind))
        self.texts(node, RDFS.label, data.get("rdfs:label"), f"{where}.rdfs:label")
        self.texts(node, SKOS.definition, data.get("skos:definition"), f"{where}.skos:definition")
        for key, predicate in (
            ("cg:necessity", CG.necessity),
            ("cg:requiredSkill", CG.requiredSkill),
            ("cg:attribute", CG.attribute),
        ):
            if key in data:
                g.add((node, predicate, self.iri(data[key], f"{where}.{key}")))
        for key, predicate in (
            ("cg:experienceSkill", CG.experienceSkill),
            ("cg:educationLevel", CG.educationLevel),
        ):
            for n, value in enumerate(self.items(data.get(key))):
                g.add((node, predicate, self.iri(value, f"{where}.{key}[{n}]")))
        self.string(node, CG.level, data.get("cg:level"), f"{where}.cg:level")
        self.texts(
            node, CG.educationField, data.get("cg:educationField"), f"{where}.cg:educationField"
        )
        self.decimal(node, CG.minYears, data.get("cg:minYears"), f"{where}.cg:minYears")
        self.texts(
            node, CG.experienceArea, data.get("cg:experienceArea"), f"{where}.cg:experienceArea"
        )
        self.string(
            node, CG.attributeValue, data.get("cg:attributeValue"), f"{where}.cg:attributeValue"
        )
        self.string(node, CG.sourceText, data.get("cg:sourceText"), f"{where}.cg:sourceText")

    def schema_requirements(self, vacancy: URIRef, data: Mapping[str, Any], where: str) -> None:
        """Requirements of a posting from elsewhere: from its schema.org fields alone."""
        g = self.graph
        for n, skill in enumerate(self.items(data.get("skills"))):
            if isinstance(skill, str) and not skill.startswith(("http://", "https://")):
                continue  # a skill in words only names nothing in the taxonomy
            node = BNode()
            g.add((vacancy, CG.hasRequirement, node))
            g.add((node, RDF.type, CG.SkillRequirement))
            g.add((node, CG.necessity, CG.essential))
            g.add((node, CG.requiredSkill, self.iri(skill, f"{where}.skills[{n}]")))
        for n, experience in enumerate(self.items(data.get("experienceRequirements"))):
            if not isinstance(experience, dict):
                continue
            node = BNode()
            g.add((vacancy, CG.hasRequirement, node))
            g.add((node, RDF.type, CG.ExperienceRequirement))
            g.add((node, CG.necessity, CG.essential))
            months = experience.get("monthsOfExperience")
            if months is not None:
                if isinstance(months, bool) or not isinstance(months, int | float):
                    raise self.fail(
                        f"{where}.experienceRequirements[{n}].monthsOfExperience",
                        "expected a number",
                    )
                self.decimal(node, CG.minYears, months / 12, f"{where}.experienceRequirements[{n}]")
        for n, credential in enumerate(self.items(data.get("educationRequirements"))):
            if not isinstance(credential, dict):
                continue
            node = BNode()
            g.add((vacancy, CG.hasRequirement, node))
            g.add((node, RDF.type, CG.EducationRequirement))
            g.add((node, CG.necessity, CG.essential))
            for m, level in enumerate(self.items(credential.get("credentialCategory"))):
                if isinstance(level, dict) and "@id" in level:
                    where_level = f"{where}.educationRequirements[{n}].credentialCategory[{m}]"
                    g.add((node, CG.educationLevel, self.iri(level, where_level)))


def postings_to_graph(document: object, source: str = "<input>") -> Graph:
    """The ontology's RDF for a JSON-LD document of one JobPosting, a list, or an ``@graph``."""
    reader = _Reader(source)
    if isinstance(document, dict) and "@graph" in document:
        postings = document["@graph"]
        where = "@graph"
    elif isinstance(document, list):
        postings, where = document, ""
    else:
        postings, where = [document], ""
    if not isinstance(postings, list):
        raise reader.fail("@graph", "expected a list of JobPosting objects")
    for n, posting in enumerate(postings):
        reader.posting(posting, f"{where}[{n}]" if where or len(postings) > 1 else "JobPosting")
    return reader.graph


def read_postings(path: Path) -> Graph:
    """Read a JSON-LD file of job postings into the ontology's RDF (:func:`postings_to_graph`)."""
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    return postings_to_graph(document, str(path))
