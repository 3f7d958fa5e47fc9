"""Vacancies as schema.org JobPosting JSON-LD: the fields job boards read, and round trips
RDF -> JSON-LD -> RDF (isomorphic for what the model holds) and JSON-LD -> RDF -> JSON-LD
(equal), on the fixture, on the 50 seed vacancies and on the example that states its employer
and employment types."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files, load_graph
from competency_graph.importers.job_posting import postings_to_graph
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import CG, SCHEMA
from competency_graph.rendering.job_posting import dump, job_posting, job_postings
from tests.rendering_support import (
    CORE,
    EMPLOYER_EXAMPLE,
    FIXTURE,
    SEED_VACANCIES,
    employer_example_model,
    fixture_model,
    seed_vacancies_model,
)

VAC = "https://w3id.org/competency-graph/id/vacancy/"
SKILL = "https://w3id.org/competency-graph/id/skill/"

#: the predicates the read model reads for a vacancy, its salary and its requirements
HELD = {
    RDF.type, RDFS.label, SKOS.definition, DCTERMS.source,
    CG.forPosition, CG.hasRequirement, CG.salary, CG.salaryByAgreement, CG.sector,
    CG.sourceText, CG.seedOrdinal, SCHEMA.hiringOrganization, CG.employmentType,
    SCHEMA.minValue, SCHEMA.maxValue, SCHEMA.currency, SCHEMA.unitText,
    CG.necessity, CG.requiredSkill, CG.experienceSkill, CG.level, CG.educationLevel,
    CG.educationField, CG.minYears, CG.experienceArea, CG.attribute, CG.attributeValue,
}  # fmt: skip


def _held(graph: Graph, vacancy: URIRef) -> Graph:
    """The vacancy's statements the model holds, following its salary, requirement and
    employer nodes."""
    held = Graph()
    pending: list[URIRef | BNode] = [vacancy]
    while pending:
        subject = pending.pop()
        for predicate, value in graph.predicate_objects(subject):
            if predicate not in HELD:
                continue
            if isinstance(value, Literal) and value.datatype == XSD.decimal:
                value = Literal(Decimal(str(float(value.toPython()))))
            held.add((subject, predicate, value))
            if predicate in (CG.salary, CG.hasRequirement, SCHEMA.hiringOrganization):
                pending.append(value)  # type: ignore[arg-type]
    return held


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
    posting = job_posting(fixture_model(), "vacancy:test-posting-1")
    assert posting["@type"] == "JobPosting"
    assert posting["@id"] == VAC + "test-posting-1"
    assert posting["title"] == {
        "ru": "Вакансия: менеджер по работе с клиентами",
        "en": "Vacancy: account manager",
    }
    assert posting["description"]["en"] == "Work with the bank's corporate clients."
    excel = next(s for s in posting["skills"] if s["@id"] == SKILL + "test-ms-excel")
    assert excel["@type"] == "DefinedTerm"
    assert excel["termCode"] == "skill:test-ms-excel"
    assert excel["sameAs"] == ["http://data.europa.eu/esco/skill/test-spreadsheet-software"]
    assert excel["name"] == {"ru": "MS Excel", "en": "MS Excel"}
    assert posting["qualifications"]["en"] == (
        "education: higher education; experience of at least 3 years: active sales; "
        "MS Excel, level: confident user; CRM systems (optional); own car"
    )
    assert posting["experienceRequirements"] == [
        {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": 36,
            "description": {
                "ru": "опыт работы не менее 3 лет: active sales",
                "en": "experience of at least 3 years: active sales",
            },
        }
    ]
    (education,) = posting["educationRequirements"]
    assert education["@type"] == "EducationalOccupationalCredential"
    assert education["credentialCategory"][0]["@id"] == str(CG["higher-education"])
    assert education["credentialCategory"][0]["name"]["en"] == "higher education"
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
    assert posting["industry"][0]["name"]["en"] == "Banking"
    assert posting["relevantOccupation"]["@type"] == "Occupation"
    assert posting["relevantOccupation"]["name"]["en"] == "Account manager"
    assert "hiringOrganization" not in posting and "employmentType" not in posting


def test_the_employer_and_employment_types_the_graph_states() -> None:
    posting = job_posting(employer_example_model(), "vacancy:romashka-bank-account-manager")
    assert posting["hiringOrganization"] == {
        "@id": "https://w3id.org/competency-graph/id/organization/romashka-bank",
        "@type": "Organization",
        "name": {"ru": "АО «Банк Ромашка»", "en": "Romashka Bank JSC"},
        "description": {
            "ru": "Вымышленный коммерческий банк для примеров.",
            "en": "A fictitious commercial bank used in the examples.",
        },
    }
    # full time on a fixed-term contract; several codes are a list, in schema.org's order
    assert posting["employmentType"] == ["FULL_TIME", "TEMPORARY"]


def test_the_callers_employer_and_employment_types_fill_in_what_the_graph_lacks() -> None:
    defaults: dict[str, Any] = {
        "hiring_organization": {"name": "ООО «Ромашка»"},
        "employment_types": ["PART_TIME"],
    }
    posting = job_posting(fixture_model(), "vacancy:test-posting-1", **defaults)
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "ООО «Ромашка»"}
    assert posting["employmentType"] == "PART_TIME"  # one code is a string
    # defaults are put in schema.org's order, once each; an unknown one is an error
    again = job_posting(
        fixture_model(),
        "vacancy:test-posting-1",
        employment_types=["TEMPORARY", "FULL_TIME", "TEMPORARY"],
    )
    assert again["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    with pytest.raises(InputError, match=r"^unknown employment type 'SHIFTS' \(expected one of"):
        job_posting(fixture_model(), "vacancy:test-posting-1", employment_types=["SHIFTS"])
    # what the graph states wins over the defaults
    stated = job_posting(
        employer_example_model(), "vacancy:romashka-bank-account-manager", **defaults
    )
    assert stated["hiringOrganization"]["name"]["en"] == "Romashka Bank JSC"
    assert stated["employmentType"] == ["FULL_TIME", "TEMPORARY"]


def test_the_example_with_an_employer_survives_both_round_trips() -> None:
    model = employer_example_model()
    iri = URIRef(VAC + "romashka-bank-account-manager")
    document = json.loads(dump(job_postings(model, [str(iri)])))
    base = load_graph([EMPLOYER_EXAMPLE]).graph
    back = postings_to_graph(document)
    expected, got = _held(base, iri), _held(back, iri)
    assert (iri, SCHEMA.hiringOrganization, None) in got
    assert len(list(got.objects(iri, CG.employmentType))) == 2
    assert isomorphic(expected, got), (
        to_isomorphic(expected).serialize(format="turtle"),
        to_isomorphic(got).serialize(format="turtle"),
    )
    remodelled = _remodel(document, base)
    assert job_postings(remodelled, [str(iri)]) == document
    assert remodelled.vacancies[str(iri)] == model.vacancies[str(iri)]
    employer = model.vacancies[str(iri)].hiring_organization
    assert employer is not None
    assert remodelled.organizations[employer] == model.organizations[employer]


def test_an_employer_without_an_id_is_kept_by_its_name() -> None:
    posting = {
        "@id": "vacancy:from-a-job-board",
        "@type": "JobPosting",
        "hiringOrganization": {"@type": "Organization", "name": {"ru": "ООО «Ромашка»"}},
        "employmentType": "full-time",
    }
    model = build_read_model(_fixture_graph() + postings_to_graph(posting))
    exported = job_posting(model, "vacancy:from-a-job-board")
    # a blank node: exported without @id, imported again as a blank node
    assert exported["hiringOrganization"] == {
        "@type": "Organization",
        "name": {"ru": "ООО «Ромашка»"},
    }
    assert exported["employmentType"] == "FULL_TIME"
    again = build_read_model(_fixture_graph() + postings_to_graph(exported))
    assert job_posting(again, "vacancy:from-a-job-board") == exported


def test_salary_by_agreement_has_no_base_salary() -> None:
    posting = job_posting(fixture_model(), "vacancy:test-posting-2")
    assert "baseSalary" not in posting
    assert posting["cg:salaryByAgreement"] is True


def test_export_is_json_ld_that_rdflib_reads_as_schema_org() -> None:
    text = dump(job_posting(fixture_model(), "vacancy:test-posting-1"))
    graph = Graph()
    with warnings.catch_warnings():  # rdflib 7.6's JSON-LD parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=text, format="json-ld")
    vacancy = URIRef(VAC + "test-posting-1")
    assert (vacancy, RDF.type, SCHEMA.JobPosting) in graph
    assert (vacancy, SCHEMA.title, Literal("Vacancy: account manager", lang="en")) in graph
    amount = graph.value(vacancy, SCHEMA.baseSalary)
    assert graph.value(amount, SCHEMA.currency) == Literal("RUB")
    value = graph.value(amount, SCHEMA.value)
    assert graph.value(value, SCHEMA.unitText) == Literal("MONTH")
    skill = URIRef(SKILL + "test-ms-excel")
    assert (vacancy, SCHEMA.skills, skill) in graph
    assert (skill, RDF.type, SCHEMA.DefinedTerm) in graph


@pytest.mark.parametrize("vacancy", ["test-posting-1", "test-posting-2"])
def test_rdf_to_json_ld_to_rdf_is_isomorphic_for_what_the_model_holds(vacancy: str) -> None:
    original = _fixture_graph()
    iri = URIRef(VAC + vacancy)
    back = postings_to_graph(json.loads(dump(job_posting(fixture_model(), str(iri)))))
    expected, got = _held(original, iri), _held(back, iri)
    assert len(expected) > 10
    assert isomorphic(expected, got), (
        to_isomorphic(expected).serialize(format="turtle"),
        to_isomorphic(got).serialize(format="turtle"),
    )


def test_json_ld_to_rdf_to_json_ld_is_equal_on_the_fixture() -> None:
    document = json.loads(dump(job_postings(fixture_model())))
    again = job_postings(_remodel(document, _fixture_graph()))
    assert again == document


def test_seed_vacancies_survive_both_round_trips() -> None:
    model = seed_vacancies_model()
    assert len(model.vacancies) == 50
    document = json.loads(dump(job_postings(model)))
    assert len(document["@graph"]) == 50
    base = load_graph([SEED_VACANCIES]).graph
    remodelled = _remodel(document, base)
    assert job_postings(remodelled) == document
    back = postings_to_graph(document)
    for iri in model.vacancies:
        expected, got = _held(base, URIRef(iri)), _held(back, URIRef(iri))
        assert isomorphic(expected, got), iri
    # and the domain objects themselves: nothing the model holds is lost
    for iri, vacancy in model.vacancies.items():
        assert remodelled.vacancies[iri] == vacancy
        for key in vacancy.requirements:
            assert remodelled.requirements[key] == model.requirements[key]


def test_a_posting_without_a_definition_is_described_by_its_own_words() -> None:
    posting = job_posting(seed_vacancies_model(), "vacancy:seed-000-posting-01")
    wording = "Responsibility; Ability to work with MS Office (Excel, Word, Outlook)"
    # schema.org wants a description; the source text keeps its language tag
    assert posting["description"] == {"en": wording}
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
