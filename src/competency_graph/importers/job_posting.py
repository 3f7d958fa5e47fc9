"""schema.org ``JobPosting`` JSON-LD read into the ontology's RDF: vacancies from job boards.

A posting exported by :mod:`competency_graph.rendering.job_posting` carries, under ``cg:``
keys, every requirement in the ontology's own terms: those are read back exactly, so that
export and import are a round trip. A posting from elsewhere has only schema.org fields:
its requirements are made from ``skills`` (named by IRI), ``experienceRequirements``
(``monthsOfExperience``) and ``educationRequirements`` (``credentialCategory`` by IRI).

Plain strings of ``title``, ``description``, ``name``, ``addressLocality`` and
``addressRegion`` take the document's language (its context's ``@language``, as the export
writes it); a language map or a ``{"@value", "@language"}`` object keeps its own tags.
``datePosted``/``validThrough`` (ISO 8601 dates or date-times), ``jobLocation`` (a
``Place`` with a ``PostalAddress``), ``jobLocationType`` (TELECOMMUTE) and
``applicantLocationRequirements`` (a ``Country`` or ``AdministrativeArea`` by name) are read
into the properties of the same names.

Errors name the field (``[0].baseSalary.value.minValue: expected a number``) and, for
malformed JSON, the line and column. The conventions both halves share (employment type
codes, dates, places, the description that is the posting's own words) live here, the lower
layer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node as RDFNode

from competency_graph.errors import InputError
from competency_graph.graph.files import new_graph
from competency_graph.importers.registry import Imported
from competency_graph.model.domain import Area, Place, Text
from competency_graph.model.ids import expand
from competency_graph.model.readmodel import (
    EMPLOYMENT_TYPES,
    JOB_LOCATION_TYPES,
    REQUIREMENT_KINDS,
    ReadModel,
)
from competency_graph.namespaces import CG, ORG, SCHEMA
from competency_graph.reading import load_json, read_utf8

_EMPLOYMENT_VALUES: Final = {code: value for value, code in EMPLOYMENT_TYPES.items()}


def employment_type(text: str) -> URIRef | None:
    """The cg:EmploymentType value for a schema.org ``employmentType`` code, or None.

    Case, spaces and hyphens do not count: ``FULL_TIME``, ``full-time`` and ``Full time``
    are the same code; anything else, such as ``SHIFT_WORK``, is unknown.
    """
    return _EMPLOYMENT_VALUES.get(re.sub(r"[\s_-]+", "_", text.strip()).upper())


def unknown_employment_type(code: str) -> str:
    """The message for an employment type code schema.org does not have."""
    return (
        f"unknown employment type {code!r} "
        f"(expected one of: {', '.join(EMPLOYMENT_TYPES.values())})"
    )


#: the ``propertyID`` of the ``identifier`` an export writes: the value is our compact id
IDENTIFIER_PROPERTY: Final = "competency-graph"
_LOCATION_TYPES: Final = {code: value for value, code in JOB_LOCATION_TYPES.items()}
#: schema.org types an applicant location may have; all but Country are read as regions
AREA_TYPES: Final = ("Country", "AdministrativeArea", "State", "City")
_COUNTRY_CODE: Final = re.compile(r"[A-Za-z]{2}")
DATE_FORMS: Final = "ISO 8601 such as 2026-11-20 or 2026-11-20T09:00:00+03:00"
LOCATION_FORM: Final = (
    "expected 'LOCALITY, REGION, COUNTRY', 'LOCALITY, COUNTRY' or 'COUNTRY', COUNTRY an "
    "ISO 3166-1 alpha-2 code such as RU"
)


def moment_of(text: str) -> datetime | None:
    """An ISO 8601 date or date-time as a datetime (a date is its midnight); None when
    ``text`` is neither, or names no such day (``2026-02-30``)."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def date_text(moment: datetime) -> str:
    """How an export writes a moment: midnight without a time zone is just the day."""
    if moment.tzinfo is None and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.isoformat()


def _moment_literal(moment: datetime) -> Literal:
    return Literal(moment.isoformat(), datatype=XSD.dateTime)


def country_code(text: str) -> str | None:
    """An ISO 3166-1 alpha-2 code in capitals (``ru`` -> ``RU``), or None."""
    text = text.strip()
    return text.upper() if _COUNTRY_CODE.fullmatch(text) else None


def place_of(text: str, lang: str) -> Place:
    """A workplace from ``"Москва, Московская область, RU"`` (see :data:`LOCATION_FORM`),
    its words in ``lang``; a ``ValueError`` says what is wrong."""
    parts = [part.strip() for part in text.split(",")]
    country = country_code(parts[-1])
    if country is None or len(parts) > 3 or not all(parts):
        raise ValueError(f"{text!r}: {LOCATION_FORM}")
    words = [_text(lang, part) for part in parts[:-1]]
    locality = words[0] if words else Text()
    region = words[1] if len(words) > 1 else Text()
    return Place(locality=locality, region=region, country=country)


def area_of(text: str, lang: str) -> Area:
    """A country remote applicants may work from, by its name or code in ``lang``."""
    if not text.strip():
        raise ValueError("expected a country name or code such as RU")
    return Area(name=_text(lang, text.strip()), kind="Country")


def _text(lang: str, value: str) -> Text:
    """``value`` as a text in ``lang`` (ru or en)."""
    return Text(ru=value) if lang == "ru" else Text(en=value)


def _text_of(value: object) -> str | None:
    """The words of a string, a ``{"@value": ...}`` object or a one-language map."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if "@value" in value:
            text = value["@value"]
            return text if isinstance(text, str) else None
        if len(value) == 1:
            (text,) = value.values()
            return text if isinstance(text, str) else None
    return None


def _is_source_text(description: object, source: object) -> bool:
    """True when ``description`` is the source text ``source`` again (as exported, in any
    language: a document in Russian gives an English posting's own words, tagged en)."""
    text = _text_of(source)
    return text is not None and _text_of(description) == text


def _document_language(document: object) -> str | None:
    """The ``@language`` of a document's (or a posting's) context, if it sets one."""
    if isinstance(document, dict):
        found = document.get("@context")
        for context in found if isinstance(found, list) else [found]:
            if isinstance(context, dict) and isinstance(context.get("@language"), str):
                return str(context["@language"])
    return None


class _Reader:
    """Turns JobPosting objects into the ontology's RDF; errors name the field."""

    def __init__(self, source: str, language: str | None = None) -> None:
        self.source = source
        self.graph = new_graph()
        #: the tag of the document's plain strings (its context's @language)
        self.language = language

    def fail(self, where: str, message: str) -> InputError:
        return InputError(f"{where}: {message}", self.source)

    def iri(self, value: object, where: str) -> URIRef:
        if isinstance(value, dict):
            value = value.get("@id")
        if not isinstance(value, str) or not value:
            raise self.fail(where, "expected an IRI or an object with @id")
        iri = expand(value)
        if iri is None:
            raise self.fail(
                where,
                f"not an id: {value!r} (expected kind:slug such as skill:ms-excel, "
                "cg:full-time or a full IRI)",
            )
        return URIRef(iri)

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

    def document_texts(
        self, subject: RDFNode, predicate: URIRef, value: object, where: str
    ) -> None:
        """A text of the document: a plain string in the document's language, a
        ``{"@value", "@language"}`` object, or a language map."""
        if isinstance(value, str):
            self.graph.add((subject, predicate, Literal(value, lang=self.language)))
        elif isinstance(value, dict) and "@value" in value:
            self.string(subject, predicate, value, where)
        else:
            self.texts(subject, predicate, value, where)

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
        self.document_texts(vacancy, RDFS.label, data.get("title"), f"{where}.title")
        description, source = data.get("description"), data.get("cg:sourceText")
        # an export without a definition gives the source text as the description
        if not _is_source_text(description, source):
            self.document_texts(vacancy, SKOS.definition, description, f"{where}.description")
        self.string(vacancy, CG.sourceText, source, f"{where}.cg:sourceText")
        self.dates(vacancy, data, where)
        if "jobLocation" in data:
            self.places(vacancy, data["jobLocation"], f"{where}.jobLocation")
        self.location_type(vacancy, data.get("jobLocationType"), f"{where}.jobLocationType")
        if "applicantLocationRequirements" in data:
            self.areas(
                vacancy,
                data["applicantLocationRequirements"],
                f"{where}.applicantLocationRequirements",
            )
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
        # dct:source; isBasedOn as earlier exports wrote it (outside JobPosting's domain)
        for key in ("dct:source", "isBasedOn"):
            if key in data:
                g.add((vacancy, DCTERMS.source, self.iri(data[key], f"{where}.{key}")))
        return vacancy

    def dates(self, vacancy: URIRef, data: Mapping[str, Any], where: str) -> None:
        """``datePosted`` and ``validThrough``: ISO 8601, and the second not before the first."""
        found: dict[str, datetime] = {}
        for key, predicate in (
            ("datePosted", SCHEMA.datePosted),
            ("validThrough", SCHEMA.validThrough),
        ):
            value = data.get(key)
            if value is None:
                continue
            moment = moment_of(value) if isinstance(value, str) else None
            if moment is None:
                raise self.fail(
                    f"{where}.{key}", f"{value!r} is not a date or date-time ({DATE_FORMS})"
                )
            found[key] = moment
            self.graph.add((vacancy, predicate, _moment_literal(moment)))
        if len(found) == 2 and is_before(found["validThrough"], found["datePosted"]):
            raise self.fail(
                f"{where}.validThrough",
                f"{data['validThrough']!r} is before datePosted {data['datePosted']!r}",
            )

    def places(self, vacancy: URIRef, value: object, where: str) -> None:
        """``jobLocation``: one ``Place`` or a list, each with a ``PostalAddress``."""
        for at, data in self.each(value, where):
            if not isinstance(data, dict):
                raise self.fail(at, 'expected a Place object such as {"@type": "Place", ...}')
            types = self.items(data.get("@type"))
            if types and "Place" not in types:
                raise self.fail(f"{at}.@type", "expected Place")
            address = data.get("address")
            if not isinstance(address, dict):
                raise self.fail(
                    f"{at}.address",
                    "expected a PostalAddress object with addressLocality, addressRegion "
                    "and addressCountry"
                    if address is not None
                    else "missing: a job location needs a PostalAddress",
                )
            keys = ("addressLocality", "addressRegion", "addressCountry")
            if not any(address.get(key) for key in keys):
                raise self.fail(f"{at}.address", f"empty: give {', '.join(keys)}")
            place: URIRef | BNode = self.iri(data, f"{at}.@id") if "@id" in data else BNode()
            node = BNode()
            g = self.graph
            g.add((vacancy, SCHEMA.jobLocation, place))
            g.add((place, RDF.type, SCHEMA.Place))
            g.add((place, SCHEMA.address, node))
            g.add((node, RDF.type, SCHEMA.PostalAddress))
            for key in keys[:2]:
                self.document_texts(node, SCHEMA[key], address.get(key), f"{at}.address.{key}")
            country = address.get("addressCountry")
            if country is not None:
                code = self.country(country, f"{at}.address.addressCountry")
                g.add((node, SCHEMA.addressCountry, Literal(code)))

    def country(self, value: object, where: str) -> str:
        """An ISO 3166-1 alpha-2 code, given as a string or as a ``Country`` by name."""
        text = value.get("name") if isinstance(value, dict) else value
        code = country_code(text) if isinstance(text, str) else None
        if code is None:
            raise self.fail(
                where, f"expected an ISO 3166-1 alpha-2 country code such as RU, got {text!r}"
            )
        return code

    def location_type(self, vacancy: URIRef, value: object, where: str) -> None:
        if value is None:
            return
        found = _LOCATION_TYPES.get(value.strip().upper()) if isinstance(value, str) else None
        if found is None:
            expected = ", ".join(_LOCATION_TYPES)
            raise self.fail(where, f"unknown job location type {value!r} (expected {expected})")
        self.graph.add((vacancy, CG.jobLocationType, found))

    def areas(self, vacancy: URIRef, value: object, where: str) -> None:
        """``applicantLocationRequirements``: countries or regions, each by its name."""
        for at, data in self.each(value, where):
            if not isinstance(data, dict):
                raise self.fail(at, 'expected an area object such as {"@type": "Country", ...}')
            kind = data.get("@type")
            if kind not in AREA_TYPES:
                raise self.fail(f"{at}.@type", f"expected one of: {', '.join(AREA_TYPES)}")
            if not data.get("name"):
                raise self.fail(f"{at}.name", "missing: an area is known by its name")
            node: URIRef | BNode = self.iri(data, f"{at}.@id") if "@id" in data else BNode()
            g = self.graph
            g.add((vacancy, SCHEMA.applicantLocationRequirements, node))
            g.add(
                (node, RDF.type, SCHEMA.Country if kind == "Country" else SCHEMA.AdministrativeArea)
            )
            self.document_texts(node, RDFS.label, data["name"], f"{at}.name")

    def each(self, value: object, where: str) -> list[tuple[str, object]]:
        """The items of one value or a list, each with where it is."""
        if isinstance(value, list):
            return [(f"{where}[{n}]", item) for n, item in enumerate(value)]
        return [(where, value)]

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
        self.document_texts(node, RDFS.label, data.get("name"), f"{where}.name")
        self.document_texts(node, SKOS.definition, data.get("description"), f"{where}.description")
        if "url" in data:
            g.add((node, SCHEMA.url, self.iri(data["url"], f"{where}.url")))
        for at, same in self.each(data.get("sameAs", []), f"{where}.sameAs"):
            g.add((node, SCHEMA.sameAs, self.iri(same, at)))

    def employment_types(self, vacancy: URIRef, value: object, where: str) -> None:
        """``employmentType``: one code or a list of them; an unknown code is an error."""
        codes = value if isinstance(value, list) else [value] if value is not None else []
        for n, code in enumerate(codes):
            at = f"{where}[{n}]" if isinstance(value, list) else where
            if not isinstance(code, str):
                raise self.fail(at, "expected a code such as FULL_TIME")
            found = employment_type(code)
            if found is None:
                raise self.fail(at, unknown_employment_type(code))
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
        # a level or value: a plain string (the same in every language) or a language map
        self.texts(node, CG.level, data.get("cg:level"), f"{where}.cg:level")
        self.texts(
            node, CG.educationField, data.get("cg:educationField"), f"{where}.cg:educationField"
        )
        self.decimal(node, CG.minYears, data.get("cg:minYears"), f"{where}.cg:minYears")
        self.texts(
            node, CG.experienceArea, data.get("cg:experienceArea"), f"{where}.cg:experienceArea"
        )
        self.texts(
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
    reader = _Reader(source, _document_language(document))
    if isinstance(document, dict) and "@graph" in document:
        postings = document["@graph"]
        where = "@graph"
    elif isinstance(document, list):
        postings, where = document, ""
    else:
        postings, where = [document], ""
    if not isinstance(postings, list):
        raise reader.fail("@graph", "expected a list of JobPosting objects")
    language = reader.language
    for n, posting in enumerate(postings):
        # a posting with a context of its own (a list of documents) has its own language
        reader.language = _document_language(posting) or language
        reader.posting(posting, f"{where}[{n}]" if where or len(postings) > 1 else "JobPosting")
    return reader.graph


def is_before(later: datetime, earlier: datetime) -> bool:
    """``later < earlier``; when only one has a time zone, their wall-clock times."""
    if (later.tzinfo is None) != (earlier.tzinfo is None):
        later, earlier = later.replace(tzinfo=None), earlier.replace(tzinfo=None)
    return later < earlier


def read_postings(path: Path) -> Graph:
    """Read a JSON-LD file of job postings into the ontology's RDF (:func:`postings_to_graph`)."""
    try:
        document = load_json(read_utf8(path), path)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    return postings_to_graph(document, str(path))


def read(path: Path, model: ReadModel | None = None) -> Imported:
    """The importer's reader (:data:`~competency_graph.importers.registry.IMPORTERS`):
    the vacancies of a JSON-LD file of job postings; nothing needs resolving."""
    return Imported(read_postings(path), str(path))
