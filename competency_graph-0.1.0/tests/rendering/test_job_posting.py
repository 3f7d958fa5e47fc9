"""Vacancies as schema.org JobPosting JSON-LD: the fields job boards read, one language per
document; round trips RDF -> JSON-LD -> RDF (isomorphic for what the model holds, the
vacancy's own texts in the document's language) and JSON-LD -> RDF -> JSON-LD (equal), on
the fixture, on the 50 seed vacancies in both languages and on the example that states its
employer, dates and workplace; and every export validated offline against schema.org's
domains and ranges and Google for Jobs' required and recommended properties
(tests/schema_org_support.py)."""

from __future__ import annotations

import json
import warnings
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files, load_graph
from competency_graph.importers.job_posting import area_of, place_of, postings_to_graph
from competency_graph.model.domain import Text
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import CG, SCHEMA
from competency_graph.rendering.job_posting import Defaults, dump, job_posting, job_postings
from tests.rendering_support import (
    CORE,
    EMPLOYER_EXAMPLE,
    FIXTURE,
    SEED_VACANCIES,
    employer_example_model,
    fixture_model,
    seed_vacancies_model,
)
from tests.schema_org_support import GOOGLE_JOB_POSTING, google_missing, schema_problems

VAC = "https://w3id.org/competency-graph/id/vacancy/"
SKILL = "https://w3id.org/competency-graph/id/skill/"

#: the predicates the read model reads for a vacancy, its salary, requirements and places
HELD = {
    RDF.type, RDFS.label, SKOS.definition, DCTERMS.source,
    CG.forPosition, CG.hasRequirement, CG.salary, CG.salaryByAgreement, CG.sector,
    CG.sourceText, CG.seedOrdinal, SCHEMA.hiringOrganization, CG.employmentType,
    SCHEMA.minValue, SCHEMA.maxValue, SCHEMA.currency, SCHEMA.unitText,
    CG.necessity, CG.requiredSkill, CG.experienceSkill, CG.level, CG.educationLevel,
    CG.educationField, CG.minYears, CG.experienceArea, CG.attribute, CG.attributeValue,
    SCHEMA.datePosted, SCHEMA.validThrough, SCHEMA.jobLocation, SCHEMA.address,
    SCHEMA.addressLocality, SCHEMA.addressRegion, SCHEMA.addressCountry, CG.jobLocationType,
    SCHEMA.applicantLocationRequirements, SCHEMA.url, SCHEMA.sameAs,
}  # fmt: skip
#: the nodes :func:`_held` follows from a vacancy
FOLLOWED = {
    CG.salary, CG.hasRequirement, SCHEMA.hiringOrganization, SCHEMA.jobLocation, SCHEMA.address,
    SCHEMA.applicantLocationRequirements,
}  # fmt: skip
#: texts a document carries in its own language only (the requirements' keep both)
DOCUMENT_TEXTS = {RDFS.label, SKOS.definition, SCHEMA.addressLocality, SCHEMA.addressRegion}


def _held(graph: Graph, vacancy: URIRef, lang: str | None = None) -> Graph:
    """The vacancy's statements the model holds, following its salary, requirement,
    employer and place nodes; with ``lang``, the vacancy's own texts (not its
    requirements') only in that language, as a document in ``lang`` carries them."""
    held = Graph()
    requirements = set(graph.objects(vacancy, CG.hasRequirement))
    pending: list[URIRef | BNode] = [vacancy]
    while pending:
        subject = pending.pop()
        for predicate, value in graph.predicate_objects(subject):
            if predicate not in HELD:
                continue
            if (
                lang is not None
                and predicate in DOCUMENT_TEXTS
                and subject not in requirements
                and isinstance(value, Literal)
                and value.language != lang
            ):
                continue
            if isinstance(value, Literal) and value.datatype == XSD.decimal:
                value = Literal(Decimal(str(float(value.toPython()))))
            held.add((subject, predicate, value))
            if predicate in FOLLOWED:
                pending.append(value)  # type: ignore[arg-type]
    return held


def _only(text: Text, lang: str) -> Text:
    """A text as a document in ``lang`` carries it."""
    value = getattr(text, lang)
    return Text(**{lang: value}) if value is not None else Text()


def _fixture_graph() -> Graph:
    return load_files([CORE, FIXTURE], follow_imports=False).graph


def _remodel(document: Any, base: Graph) -> ReadModel:
    """The read model of the ontology ``base`` without vacancies, plus the imported ones."""
    without = Graph()
    vacancies = set(base.subjects(RDF.type, CG.Vacancy))
    for triple in base:
        if triple[0] not in vacancies:
            without.add(triple)
    return build_read_model(without + postings_to_graph(document))


def test_exported_posting_has_every_field_the_data_has() -> None:
    posting = job_posting(fixture_model(), "vacancy:test-posting-1", lang="en")
    assert posting["@context"]["@language"] == "en"
    assert posting["@type"] == "JobPosting"
    assert posting["@id"] == VAC + "test-posting-1"
    assert posting["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "competency-graph",
        "value": "vacancy:test-posting-1",
    }
    # one title and one description: plain strings in the document's language
    assert posting["title"] == "Vacancy: account manager"
    assert posting["description"] == "Work with the bank's corporate clients."
    excel = next(s for s in posting["skills"] if s["@id"] == SKILL + "test-ms-excel")
    assert excel["@type"] == "DefinedTerm"
    assert excel["termCode"] == "skill:test-ms-excel"
    assert excel["sameAs"] == ["http://data.europa.eu/esco/skill/test-spreadsheet-software"]
    assert excel["name"] == "MS Excel"
    assert posting["qualifications"] == (
        "education: higher education; experience of at least 3 years: active sales; "
        "MS Excel, level: confident user; CRM systems (optional); own car"
    )
    assert posting["experienceRequirements"] == [
        {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": 36,
            "description": "experience of at least 3 years: active sales",
        }
    ]
    (education,) = posting["educationRequirements"]
    assert education["@type"] == "EducationalOccupationalCredential"
    assert education["credentialCategory"][0]["@id"] == str(CG["higher-education"])
    assert education["credentialCategory"][0]["name"] == "higher education"
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "RUB",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 40000,
            "maxValue": 45000,
            "unitText": "MONTH",
        },
    }
    assert posting["industry"][0]["name"] == "Banking"
    # an Occupation has no termCode (a DefinedTerm property): its IRI and name say it
    assert posting["relevantOccupation"] == {
        "@id": "https://w3id.org/competency-graph/id/position/test-account-manager",
        "@type": "Occupation",
        "name": "Account manager",
    }
    # provenance under dct:, not isBasedOn (a CreativeWork property)
    assert posting["dct:source"] == "https://w3id.org/competency-graph/seed/000"
    assert "isBasedOn" not in posting
    # the graph states no employer, type, date or place: none is made up
    for key in ("hiringOrganization", "employmentType", "datePosted", "validThrough"):
        assert key not in posting
    assert "jobLocation" not in posting and "jobLocationType" not in posting


def test_the_russian_document_has_the_russian_texts() -> None:
    posting = job_posting(fixture_model(), "vacancy:test-posting-1", lang="ru")
    assert posting["@context"]["@language"] == "ru"
    assert posting["title"] == "Вакансия: менеджер по работе с клиентами"
    assert posting["description"] == "Работа с корпоративными клиентами банка."
    assert posting["experienceRequirements"][0]["description"] == (
        "опыт работы не менее 3 лет: active sales"
    )
    # the ontology's own terms keep both languages
    (attribute,) = [r for r in posting["cg:hasRequirement"] if "cg:attribute" in r]
    assert attribute["cg:attribute"] == str(CG["own-car"])
    with pytest.raises(InputError, match=r"unknown language 'de' \(expected one of: ru, en\)"):
        job_posting(fixture_model(), "vacancy:test-posting-1", lang="de")


def test_the_employer_dates_and_workplace_the_graph_states() -> None:
    posting = job_posting(
        employer_example_model(), "vacancy:romashka-bank-account-manager", lang="ru"
    )
    assert posting["hiringOrganization"] == {
        "@id": "https://w3id.org/competency-graph/id/organization/romashka-bank",
        "@type": "Organization",
        "name": "АО «Банк Ромашка»",
        "description": "Вымышленный коммерческий банк для примеров.",
        "url": "https://romashka-bank.example/",
    }
    # full time on a fixed-term contract; several codes are a list, in schema.org's order
    assert posting["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    # midnight is the day alone
    assert (posting["datePosted"], posting["validThrough"]) == ("2026-11-20", "2026-12-31")
    assert posting["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Москва",
            "addressCountry": "RU",
        },
    }


def test_the_callers_defaults_fill_in_what_the_graph_lacks() -> None:
    defaults = Defaults(
        hiring_organization={"name": "ООО «Ромашка»"},
        employment_types=["PART_TIME"],
        date_posted=datetime(2026, 11, 20),
        valid_through=datetime(2026, 12, 1, 18, 0),
        locations=(place_of("Казань, Республика Татарстан, RU", "ru"),),
    )
    posting = job_posting(fixture_model(), "vacancy:test-posting-1", defaults=defaults)
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "ООО «Ромашка»"}
    assert posting["employmentType"] == "PART_TIME"  # one code is a string
    assert (posting["datePosted"], posting["validThrough"]) == ("2026-11-20", "2026-12-01T18:00:00")
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Казань",
        "addressRegion": "Республика Татарстан",
        "addressCountry": "RU",
    }
    # defaults are put in schema.org's order, once each; an unknown one is an error
    again = job_posting(
        fixture_model(),
        "vacancy:test-posting-1",
        defaults=Defaults(employment_types=["TEMPORARY", "FULL_TIME", "TEMPORARY"]),
    )
    assert again["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    with pytest.raises(InputError, match=r"^unknown employment type 'SHIFTS' \(expected one of"):
        job_posting(
            fixture_model(),
            "vacancy:test-posting-1",
            defaults=Defaults(employment_types=["SHIFTS"]),
        )
    # what the graph states wins over the defaults, place for place and date for date
    stated = job_posting(
        employer_example_model(), "vacancy:romashka-bank-account-manager", lang="en",
        defaults=defaults,
    )  # fmt: skip
    assert stated["hiringOrganization"]["name"] == "Romashka Bank JSC"
    assert stated["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    assert (stated["datePosted"], stated["validThrough"]) == ("2026-11-20", "2026-12-31")
    assert stated["jobLocation"]["address"]["addressLocality"] == "Moscow"


def test_a_remote_default_makes_a_telecommute_posting() -> None:
    defaults = Defaults(remote_from=(area_of("RU", "en"),))
    posting = job_posting(fixture_model(), "vacancy:test-posting-2", lang="en", defaults=defaults)
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "RU"}
    assert "jobLocation" not in posting
    assert list(schema_problems(posting)) == []
    # test-posting-2 has no definition and no source text: no description either
    assert google_missing(posting)[0] == ["datePosted", "description", "hiringOrganization"]


def test_the_example_with_an_employer_survives_both_round_trips() -> None:
    model = employer_example_model()
    iri = URIRef(VAC + "romashka-bank-account-manager")
    base = load_graph([EMPLOYER_EXAMPLE]).graph
    for lang in ("ru", "en"):
        document = json.loads(dump(job_postings(model, [str(iri)], lang=lang)))
        back = postings_to_graph(document)
        expected, got = _held(base, iri, lang), _held(back, iri, lang)
        assert (iri, SCHEMA.hiringOrganization, None) in got
        assert (iri, SCHEMA.datePosted, None) in got
        assert len(list(got.objects(iri, CG.employmentType))) == 2
        assert isomorphic(expected, got), (
            to_isomorphic(expected).serialize(format="turtle"),
            to_isomorphic(got).serialize(format="turtle"),
        )
        remodelled = _remodel(document, base)
        assert job_postings(remodelled, [str(iri)], lang=lang) == document
        vacancy = model.vacancies[str(iri)]
        assert remodelled.vacancies[str(iri)] == replace(
            vacancy,
            label=_only(vacancy.label, lang),
            definition=_only(vacancy.definition, lang),
            locations=tuple(
                replace(p, locality=_only(p.locality, lang)) for p in vacancy.locations
            ),
        )
        employer = vacancy.hiring_organization
        assert employer is not None
        # a named employer keeps its labels in the graph it was loaded with
        assert remodelled.organizations[employer] == model.organizations[employer]


def test_an_employer_without_an_id_is_kept_by_its_name() -> None:
    posting = {
        "@id": "vacancy:from-a-job-board",
        "@type": "JobPosting",
        "hiringOrganization": {
            "@type": "Organization",
            "name": {"ru": "ООО «Ромашка»"},
            "url": "https://romashka.example/",
            "sameAs": "https://www.wikidata.org/wiki/Q1",
        },
        "employmentType": "full-time",
    }
    model = build_read_model(_fixture_graph() + postings_to_graph(posting))
    exported = job_posting(model, "vacancy:from-a-job-board", context=False)
    # a blank node: exported without @id, imported again as a blank node
    assert exported["hiringOrganization"] == {
        "@type": "Organization",
        "name": "ООО «Ромашка»",
        "url": "https://romashka.example/",
        "sameAs": ["https://www.wikidata.org/wiki/Q1"],
    }
    assert exported["employmentType"] == "FULL_TIME"
    document = {"@context": {"@language": "ru"}, **exported}
    again = build_read_model(_fixture_graph() + postings_to_graph(document))
    assert job_posting(again, "vacancy:from-a-job-board", context=False) == exported


def test_salary_by_agreement_has_no_base_salary() -> None:
    posting = job_posting(fixture_model(), "vacancy:test-posting-2")
    assert "baseSalary" not in posting
    assert posting["cg:salaryByAgreement"] is True


def _as_rdf(text: str) -> Graph:
    graph = Graph()
    with warnings.catch_warnings():  # rdflib 7.6's JSON-LD parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=text, format="json-ld")
    return graph


def test_export_is_json_ld_that_rdflib_reads_as_schema_org() -> None:
    graph = _as_rdf(dump(job_posting(fixture_model(), "vacancy:test-posting-1", lang="ru")))
    vacancy = URIRef(VAC + "test-posting-1")
    assert (vacancy, RDF.type, SCHEMA.JobPosting) in graph
    # plain strings take the document's language; codes take none
    assert list(graph.objects(vacancy, SCHEMA.title)) == [
        Literal("Вакансия: менеджер по работе с клиентами", lang="ru")
    ]
    amount = graph.value(vacancy, SCHEMA.baseSalary)
    assert graph.value(amount, SCHEMA.currency) == Literal("RUB")
    value = graph.value(amount, SCHEMA.value)
    assert graph.value(value, SCHEMA.unitText) == Literal("MONTH")
    identifier = graph.value(vacancy, SCHEMA.identifier)
    assert graph.value(identifier, SCHEMA.value) == Literal("vacancy:test-posting-1")
    skill = URIRef(SKILL + "test-ms-excel")
    assert (vacancy, SCHEMA.skills, skill) in graph
    assert (skill, RDF.type, SCHEMA.DefinedTerm) in graph
    level = next(o for o in graph.objects(None, CG.level))
    assert level == Literal("confident user")  # language-neutral in the graph, and here
    assert (vacancy, DCTERMS.source, URIRef("https://w3id.org/competency-graph/seed/000")) in graph
    bank = job_posting(employer_example_model(), "vacancy:romashka-bank-account-manager")
    graph = _as_rdf(dump(bank))
    (address,) = graph.objects(None, SCHEMA.address)
    assert graph.value(address, SCHEMA.addressLocality) == Literal("Москва", lang="ru")
    assert graph.value(address, SCHEMA.addressCountry) == Literal("RU")
    (posted,) = graph.objects(None, SCHEMA.datePosted)
    assert posted == Literal("2026-11-20")


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("vacancy", ["test-posting-1", "test-posting-2"])
def test_rdf_to_json_ld_to_rdf_is_isomorphic_for_what_the_model_holds(
    vacancy: str, lang: str
) -> None:
    original = _fixture_graph()
    iri = URIRef(VAC + vacancy)
    back = postings_to_graph(json.loads(dump(job_posting(fixture_model(), str(iri), lang=lang))))
    expected, got = _held(original, iri, lang), _held(back, iri, lang)
    assert len(expected) > 5
    assert isomorphic(expected, got), (
        to_isomorphic(expected).serialize(format="turtle"),
        to_isomorphic(got).serialize(format="turtle"),
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_json_ld_to_rdf_to_json_ld_is_equal_on_the_fixture(lang: str) -> None:
    document = json.loads(dump(job_postings(fixture_model(), lang=lang)))
    again = job_postings(_remodel(document, _fixture_graph()), lang=lang)
    assert again == document


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_seed_vacancies_survive_both_round_trips(lang: str) -> None:
    model = seed_vacancies_model()
    assert len(model.vacancies) == 50
    document = json.loads(dump(job_postings(model, lang=lang)))
    assert len(document["@graph"]) == 50
    base = load_graph([SEED_VACANCIES]).graph
    remodelled = _remodel(document, base)
    assert job_postings(remodelled, lang=lang) == document
    back = postings_to_graph(document)
    for iri in model.vacancies:
        expected, got = _held(base, URIRef(iri), lang), _held(back, URIRef(iri), lang)
        assert isomorphic(expected, got), iri
        # the title comes back in the document's language
        assert {t.language for t in got.objects(URIRef(iri), RDFS.label)} == {lang}
    # and the domain objects themselves: nothing the model holds is lost but the other
    # language of the vacancy's own title
    for iri, vacancy in model.vacancies.items():
        assert remodelled.vacancies[iri] == replace(
            vacancy,
            label=_only(vacancy.label, lang),
            definition=_only(vacancy.definition, lang),
        )
        for key in vacancy.requirements:
            assert remodelled.requirements[key] == model.requirements[key]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_posting_without_a_definition_is_described_by_its_own_words(lang: str) -> None:
    posting = job_posting(seed_vacancies_model(), "vacancy:seed-000-posting-01", lang=lang)
    wording = "Responsibility; Ability to work with MS Office (Excel, Word, Outlook)"
    # schema.org wants a description; the source text keeps its language tag (English)
    assert posting["description"] == (
        wording if lang == "en" else {"@value": wording, "@language": "en"}
    )
    assert posting["cg:sourceText"] == {"@value": wording, "@language": "en"}
    assert {"@value": "Responsibility", "@language": "en"} in [
        r["cg:sourceText"] for r in posting["cg:hasRequirement"]
    ]
    # and the import does not turn that description into a definition
    back = postings_to_graph(json.loads(dump(posting)))
    vacancy = URIRef(VAC + "seed-000-posting-01")
    assert back.value(vacancy, SKOS.definition) is None
    assert back.value(vacancy, CG.sourceText) == Literal(wording, lang="en")


def test_seed_salaries_are_exported_as_posted() -> None:
    document = job_postings(seed_vacancies_model())
    by_ordinal = {p["cg:seedOrdinal"]: p for p in document["@graph"]}
    assert by_ordinal[6]["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 40000,
        "maxValue": 45000,
        "unitText": "MONTH",
    }
    assert by_ordinal[1]["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "maxValue": 40000,
        "unitText": "MONTH",
    }
    by_agreement = [n for n, p in by_ordinal.items() if p.get("cg:salaryByAgreement")]
    assert len(by_agreement) == 12


# --- validation: schema.org's vocabulary and Google for Jobs' list, offline ---------------

#: the seed postings with neither a definition nor a source text: no description to give
SEED_WITHOUT_TEXT = {4, 9, 10}
#: the seed postings with no salary amount: 8 without a salary line, 12 "by agreement"
SEED_WITHOUT_LINE = {2, 4, 7, 16, 19, 24, 28, 50}
SEED_BY_AGREEMENT = {9, 11, 18, 20, 21, 23, 26, 27, 30, 35, 36, 39}
SEED_WITHOUT_AMOUNT = SEED_WITHOUT_LINE | SEED_BY_AGREEMENT


def _seed_expectation(ordinal: int) -> tuple[list[str], list[str]]:
    """What Google would miss in seed posting ``ordinal`` exported as it stands: the seed
    gives no posting date, workplace or employer (see examples/vacancies/README.md)."""
    required = ["datePosted", "hiringOrganization", "jobLocation"]
    if ordinal in SEED_WITHOUT_TEXT:
        required.insert(1, "description")
    recommended = ["directApply", "employmentType", "validThrough"]
    if ordinal in SEED_WITHOUT_AMOUNT:
        recommended.insert(0, "baseSalary")
    return required, recommended


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_seed_export_keeps_to_schema_org_and_misses_only_what_the_seed_lacks(
    lang: str,
) -> None:
    # Google's lists (tests/schema_org_support.py) are from GOOGLE_JOB_POSTING
    assert GOOGLE_JOB_POSTING.startswith("https://developers.google.com/search/docs/")
    document = json.loads(dump(job_postings(seed_vacancies_model(), lang=lang)))
    postings = document["@graph"]
    assert len(postings) == 50
    by_agreement = {p["cg:seedOrdinal"] for p in postings if p.get("cg:salaryByAgreement")}
    assert by_agreement == SEED_BY_AGREEMENT
    for posting in postings:
        assert list(schema_problems(posting)) == [], posting["@id"]
        assert google_missing(posting) == _seed_expectation(posting["cg:seedOrdinal"])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_with_the_callers_defaults_every_seed_posting_with_a_text_is_eligible(lang: str) -> None:
    defaults = Defaults(
        hiring_organization={"name": "ООО «Ромашка»"},
        employment_types=["FULL_TIME"],
        date_posted=datetime(2026, 11, 20),
        valid_through=datetime(2026, 12, 31),
        locations=(place_of("Moscow, RU", lang),),
    )
    document = job_postings(seed_vacancies_model(), lang=lang, defaults=defaults)
    missing = {p["cg:seedOrdinal"]: google_missing(p) for p in document["@graph"]}
    for ordinal, (required, recommended) in missing.items():
        assert required == (["description"] if ordinal in SEED_WITHOUT_TEXT else [])
        assert recommended == (
            ["baseSalary", "directApply"] if ordinal in SEED_WITHOUT_AMOUNT else ["directApply"]
        )
    for posting in document["@graph"]:
        assert list(schema_problems(posting)) == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_employer_example_is_eligible(lang: str) -> None:
    posting = job_posting(
        employer_example_model(), "vacancy:romashka-bank-account-manager", lang=lang
    )
    assert list(schema_problems(posting)) == []
    assert google_missing(posting) == ([], ["directApply"])


def test_the_validation_finds_what_the_exports_before_did_wrong() -> None:
    """The posting as exports wrote it before: language maps, isBasedOn, termCode on an
    Occupation, a text identifier."""
    posting = {
        "@type": "JobPosting",
        "identifier": "vacancy:x",
        "title": {"ru": "Вакансия", "en": "Vacancy"},
        "isBasedOn": "https://w3id.org/competency-graph/seed/000",
        "relevantOccupation": {"@type": "Occupation", "termCode": "position:x", "name": "X"},
        "datePosted": "2026-02-30",
        "jobLocation": {"@type": "PostalAddress", "addressLocality": "Москва"},
        "cg:seedOrdinal": 1,
    }
    assert list(schema_problems(posting)) == [
        "JobPosting.title: an object without @type (a language map?) where title takes Text",
        "JobPosting.isBasedOn: not a property of JobPosting (domain: CreativeWork)",
        "JobPosting.relevantOccupation.termCode: not a property of Occupation "
        "(domain: DefinedTerm)",
        "JobPosting.datePosted: '2026-02-30' is not a value of Date, DateTime",
        "JobPosting.jobLocation: a PostalAddress where jobLocation takes Place",
    ]
    # schema.org allows a text identifier; Google documents a PropertyValue
    assert google_missing(posting) == (
        ["description", "hiringOrganization"],
        ["baseSalary", "directApply", "employmentType", "identifier", "validThrough"],
    )
