"""Offline validation of exported JobPostings: schema.org domains and ranges, from a pinned
part of the vocabulary, and Google for Jobs' required and recommended properties.

The vocabulary is tests/fixtures/schema_org/jobposting-vocabulary.ttl, cut from schema.org
30.0 by scripts/schema_org_subset.py. The checks read the JSON as a job board does, not
through a JSON-LD processor: a language map where schema.org expects Text is two values of
the wrong type, which is what Google reported on earlier exports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Namespace, URIRef

SCHEMA = Namespace("https://schema.org/")
VOCABULARY = (
    Path(__file__).resolve().parent / "fixtures" / "schema_org" / "jobposting-vocabulary.ttl"
)

#: Google's structured-data documentation for job postings, whose lists are written down
#: below (transcribed, not fetched: the tests run offline; update them when the page changes):
#: https://developers.google.com/search/docs/appearance/structured-data/job-posting
GOOGLE_JOB_POSTING = (
    "https://developers.google.com/search/docs/appearance/structured-data/job-posting"
)
#: "Required properties" on that page. jobLocation is required except for a fully remote job,
#: which has jobLocationType TELECOMMUTE and applicantLocationRequirements instead.
GOOGLE_REQUIRED = ("datePosted", "description", "hiringOrganization", "jobLocation", "title")
#: "Recommended properties" on that page (applicantLocationRequirements and jobLocationType
#: are recommended for remote jobs only: see :func:`google_missing`)
GOOGLE_RECOMMENDED = ("baseSalary", "directApply", "employmentType", "identifier", "validThrough")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://\S+")
#: keys in other vocabularies than schema.org (cg:, dct:, skos:, rdfs:): not checked here
_OTHER_VOCABULARY = re.compile(r"^[a-z]+:")


@cache
def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY, format="turtle")


def _name(term: URIRef) -> str:
    return str(term).removeprefix(str(SCHEMA))


def superclasses(name: str) -> set[str]:
    """``name`` and every class it is a subclass of, by schema.org name."""
    graph, found, pending = vocabulary(), {name}, [SCHEMA[name]]
    while pending:
        for parent in graph.objects(pending.pop(), RDFS.subClassOf):
            in_schema = isinstance(parent, URIRef) and str(parent).startswith(str(SCHEMA))
            if in_schema and _name(parent) not in found:
                found.add(_name(parent))
                pending.append(parent)  # type: ignore[arg-type]
    return found


def is_type(name: str) -> bool:
    return (SCHEMA[name], RDF.type, RDFS.Class) in vocabulary()


def is_property(name: str) -> bool:
    return (SCHEMA[name], RDF.type, RDF.Property) in vocabulary()


def domains(prop: str) -> set[str]:
    return {_name(d) for d in vocabulary().objects(SCHEMA[prop], SCHEMA.domainIncludes)}  # type: ignore[arg-type]


def ranges(prop: str) -> set[str]:
    return {_name(r) for r in vocabulary().objects(SCHEMA[prop], SCHEMA.rangeIncludes)}  # type: ignore[arg-type]


def _literal_types(value: object) -> set[str]:
    """The schema.org data types a JSON literal is a value of."""
    if isinstance(value, bool):
        return {"Boolean"}
    if isinstance(value, int):
        return {"Integer", "Number", "Float"}
    if isinstance(value, float):
        return {"Number", "Float"}
    if not isinstance(value, str):
        return set()
    found = {"Text"}
    if _URL.fullmatch(value):
        found.add("URL")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        found.add("Date" if _DATE.fullmatch(value) else "DateTime")
    return found


def _kinds(types: object) -> tuple[list[str], set[str]]:
    """The schema.org types of an ``@type`` value, and all their superclasses."""
    given = [k for k in (types if isinstance(types, list) else [types]) if isinstance(k, str)]
    return given, set().union(*(superclasses(k) for k in given if is_type(k)))


def _expected(prop: str) -> str:
    return ", ".join(sorted(ranges(prop)))


def schema_problems(node: Mapping[str, Any], where: str = "JobPosting") -> Iterator[str]:
    """Every use of a schema.org property in ``node`` (and the nodes under it) outside the
    property's domain, with a value outside its range, or of a term schema.org lacks."""
    given, kinds = _kinds(node.get("@type"))
    unknown = [k for k in given if not is_type(k)]
    if unknown or not given:
        yield f"{where}.@type: {node.get('@type')!r} is not a schema.org type"
        return
    for key, value in node.items():
        if key.startswith("@") or _OTHER_VOCABULARY.match(key):
            continue
        at = f"{where}.{key}"
        if not is_property(key):
            yield f"{at}: not a schema.org property"
            continue
        if not kinds & domains(key):
            domain = ", ".join(sorted(domains(key)))
            yield f"{at}: not a property of {'/'.join(given)} (domain: {domain})"
        for n, item in enumerate(value if isinstance(value, list) else [value]):
            yield from _range_problems(key, item, f"{at}[{n}]" if isinstance(value, list) else at)


def _range_problems(prop: str, value: object, where: str) -> Iterator[str]:
    expected = ranges(prop)
    if isinstance(value, dict) and "@type" in value:
        given, kinds = _kinds(value["@type"])
        if kinds and not kinds & expected:
            yield f"{where}: a {'/'.join(given)} where {prop} takes {_expected(prop)}"
        yield from schema_problems(value, where)
    elif isinstance(value, dict) and "@value" in value:
        if "Text" not in expected:
            yield f"{where}: text where {prop} takes {_expected(prop)}"
    elif isinstance(value, dict) and set(value) == {"@id"}:
        if not expected - {"Text", "Number", "Integer", "Float", "Boolean", "Date", "DateTime"}:
            yield f"{where}: a reference where {prop} takes {_expected(prop)}"
    elif isinstance(value, dict):
        takes = _expected(prop)
        yield f"{where}: an object without @type (a language map?) where {prop} takes {takes}"
    else:
        found = _literal_types(value)
        if prop in ("sameAs", "url") and isinstance(value, str):  # typed @id in the context
            found = {"URL"} if _URL.fullmatch(value) else set()
        if not found & expected:
            yield f"{where}: {value!r} is not a value of {_expected(prop)}"


def google_missing(posting: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The required and the recommended properties of Google's list the posting lacks
    (:data:`GOOGLE_REQUIRED`, :data:`GOOGLE_RECOMMENDED`), each in the list's order: also an
    employer without a name, and an ``identifier`` that is not the ``PropertyValue`` the
    page documents."""
    remote = posting.get("jobLocationType") == "TELECOMMUTE"
    required = [p for p in GOOGLE_REQUIRED if p not in posting]
    if remote and "jobLocation" in required:
        required.remove("jobLocation")
        if "applicantLocationRequirements" not in posting:
            required.append("applicantLocationRequirements")
    employer = posting.get("hiringOrganization")
    if isinstance(employer, dict) and not employer.get("name"):
        required.append("hiringOrganization.name")
    recommended = [p for p in GOOGLE_RECOMMENDED if p not in posting]
    identifier = posting.get("identifier")
    if identifier is not None and not (
        isinstance(identifier, dict) and identifier.get("@type") == "PropertyValue"
    ):
        recommended = sorted([*recommended, "identifier"])  # Google reads a PropertyValue
    return required, recommended
