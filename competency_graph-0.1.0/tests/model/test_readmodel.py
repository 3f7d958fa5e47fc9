"""The read model: vacancies (their employer and employment types), and the author's order of
job descriptions' duties and positions' requirements (numbered clauses, then by label)."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.model.domain import Organization, Text
from competency_graph.model.readmodel import EMPLOYMENT_TYPES, ReadModel, build_read_model
from competency_graph.namespaces import CG

from ..conftest import FIXTURES, ONTOLOGY

ID = "https://w3id.org/competency-graph/id/"
VAC = f"{ID}vacancy/"
BANK = "https://w3id.org/competency-graph/id/organization/test-bank"


def _employers_model() -> ReadModel:
    paths = [ONTOLOGY / "core.ttl", FIXTURES / "api" / "small_org.ttl"]
    paths.append(FIXTURES / "api" / "employers_and_employment_types.ttl")
    return build_read_model(load_files(paths, follow_imports=False).graph)


def test_employment_types_are_the_ontology_values_with_their_schema_org_codes(
    shipped: LoadedGraph,
) -> None:
    graph = shipped.graph
    declared = {
        value: str(graph.value(value, SKOS.notation))
        for value in graph.subjects(RDF.type, CG.EmploymentType)
    }
    assert declared == EMPLOYMENT_TYPES
    # schema.org's own list, in its order
    assert list(EMPLOYMENT_TYPES.values()) == [
        "FULL_TIME",
        "PART_TIME",
        "CONTRACTOR",
        "TEMPORARY",
        "INTERN",
        "VOLUNTEER",
        "PER_DIEM",
        "OTHER",
    ]
    # the Labour Code's fixed-term contract is schema.org's temporary work
    assert Literal("срочный трудовой договор", lang="ru") in set(
        graph.objects(CG["temporary-work"], SKOS.altLabel)
    )


def test_a_vacancy_holds_its_employer_and_employment_types() -> None:
    model = _employers_model()
    first, third = (model.vacancies[f"{VAC}fixture-{n}"] for n in (1, 3))
    assert (first.hiring_organization, first.employment_types) == (BANK, ("FULL_TIME",))
    # schema.org's order, whatever the graph's
    assert third.employment_types == ("FULL_TIME", "PART_TIME", "TEMPORARY")
    assert model.organizations[BANK] == Organization(
        iri=BANK,
        id="organization:test-bank",
        label=Text(ru="Тестовый банк", en="Test Bank"),
        definition=Text(),
    )
    assert model.vacancies_by_organization[BANK] == (first.iri, third.iri)


def test_an_employer_given_as_a_blank_node_is_keyed_under_its_vacancy() -> None:
    model = _employers_model()
    vacancy = model.vacancies[f"{VAC}fixture-2"]
    key = f"{VAC}fixture-2#hiring-organization"
    assert vacancy.hiring_organization == key
    assert vacancy.employment_types == ()
    assert model.organizations[key].id == "vacancy:fixture-2#hiring-organization"
    assert model.organizations[key].label == Text(en="Sidorov IE")  # a plain name reads as en
    assert model.label(key, "ru") == "Sidorov IE"


def test_a_vacancy_that_states_neither_has_none() -> None:
    model = build_read_model(
        load_files(
            [ONTOLOGY / "core.ttl", FIXTURES / "api" / "small_org.ttl"], follow_imports=False
        ).graph
    )
    vacancy = model.vacancies[f"{VAC}fixture-1"]
    assert (vacancy.hiring_organization, vacancy.employment_types) == (None, ())
    assert model.organizations == {}


def _clauses_model() -> ReadModel:
    paths = [ONTOLOGY / "core.ttl", FIXTURES / "model" / "clauses_some_unnumbered.ttl"]
    return build_read_model(load_files(paths, follow_imports=False).graph)


def test_duties_keep_the_clause_order_then_the_unnumbered_by_label() -> None:
    description = _clauses_model().job_descriptions[f"{ID}job-description/clerk"]
    assert [iri.rsplit("/", 1)[1] for iri in description.duties] == [
        "analyse",  # clause 1
        "call",  # clause 2
        "talk",  # no clause: «Беседовать…» before «Вести учёт»
        "record",
    ]


def test_requirement_10_comes_after_requirement_3() -> None:
    position = _clauses_model().positions[f"{ID}position/clerk"]
    # "clerk-10" sorts before "clerk-3" as text; "clerk-loose" has no clause
    assert [iri.rsplit("/", 1)[1] for iri in position.requirements] == [
        "clerk-3",
        "clerk-10",
        "clerk-loose",
    ]


def test_the_shipped_account_manager_lists_its_duties_in_the_numbered_order(
    shipped: LoadedGraph,
) -> None:
    model = build_read_model(shipped.graph)
    description = model.job_descriptions[f"{ID}job-description/account-manager"]
    assert len(description.duties) == 31
    assert description.duties[:3] == tuple(
        f"{ID}duty/{name}"
        for name in ("attract-clients", "prepare-commercial-offers", "form-client-base")
    )
    assert description.duties[-1] == f"{ID}duty/process-orders"
