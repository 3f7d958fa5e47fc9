"""Every query of the schema over HTTP on the small organisation, with exact answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLInterfaceType
from starlette.testclient import TestClient

from competency_graph.api.descriptions import definitions
from competency_graph.api.schema import graphql_schema, node_tables
from competency_graph.api.types import NODE_TYPES
from competency_graph.graph.source import Source
from competency_graph.importers.inputs import load_inputs
from competency_graph.model.readmodel import EMPLOYMENT_TYPES
from competency_graph.namespaces import CG, SCHEMA, compact_id
from competency_graph.rendering import render_job_description
from competency_graph.server.state import GraphState

from ..conftest import EXAMPLES, FIXTURES, ONTOLOGY
from ..graphql_support import (
    SMALL_ORG,
    answer,
    client_for,
    errors_of,
    post,
    small_client,
    small_state,
)

__all__ = ["small_client"]


def test_lookup_by_compact_id_and_by_iri_with_labels_in_both_languages(
    small_client: TestClient,
) -> None:
    data = post(
        small_client,
        """{
          a: skill(id: "skill:ms-excel") { id iri label ru: label(lang: RU) kind altLabels
                                           broader { id } narrower { id } }
          b: skill(id: "https://w3id.org/competency-graph/id/skill/ms-excel") { id }
        }""",
    )
    assert data == {
        "a": {
            "id": "skill:ms-excel",
            "iri": "https://w3id.org/competency-graph/id/skill/ms-excel",
            "label": "MS Excel",
            "ru": "MS Excel",
            "kind": "TOOL",
            "altLabels": ["Excel"],
            "broader": [{"id": "skill:ms-office"}],
            "narrower": [],
        },
        "b": {"id": "skill:ms-excel"},
    }


def test_label_falls_back_to_the_other_language(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ skill(id: "skill:pc-literacy") { en: definition ru: definition(lang: RU) } }""",
    )
    assert data == {
        "skill": {
            "en": "Working with a personal computer.",
            "ru": "Working with a personal computer.",
        }
    }


def test_node_interface_resolves_the_concrete_type(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ a: node(id: "duty:negotiate") { __typename id label(lang: RU) }
             b: node(id: "vacancy:fixture-2") {
               __typename ... on Vacancy { salary { byAgreement } } }
           }""",
    )
    assert data == {
        "a": {
            "__typename": "Duty",
            "id": "duty:negotiate",
            "label": "Вести переговоры с клиентами",
        },
        "b": {"__typename": "Vacancy", "salary": {"byAgreement": True}},
    }


def test_position_with_relations(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ position(id: "position:account-manager") {
               department { id positions { id } }
               reportsTo { id }
               mustKnow { id article }
               requirements(necessity: OPTIONAL) { id kind necessity level skill { id } }
               education: requirements { id kind educationLevels { id label(lang: RU) } }
               requiredSkills { id }
               jobDescription { id status version rights { id facilitates { id } }
                                responsibilities { id liabilityKind { id label }
                                                   legalBasis { id article } } }
               vacancies { id }
        } }""",
    )
    position = data["position"]
    assert position["department"] == {
        "id": "department:sales",
        "positions": [{"id": "position:account-manager"}, {"id": "position:sales-director"}],
    }
    assert position["reportsTo"] == {"id": "position:sales-director"}
    assert position["mustKnow"] == [{"id": "norm:tk-238", "article": "238"}]
    assert position["requirements"] == [
        {
            "id": "requirement:am-english",
            "kind": "SKILL",
            "necessity": "OPTIONAL",
            "level": "B1",
            "skill": {"id": "skill:english"},
        }
    ]
    # no clause numbers in this fixture: by Russian label (Latin before Cyrillic)
    assert [r["id"] for r in position["education"]] == [
        "requirement:am-excel",  # MS Excel
        "requirement:am-english",  # Английский
        "requirement:am-education",  # Высшее образование
        "requirement:am-negotiation",  # Переговоры
        "requirement:am-stress",  # Стрессоустойчивость
    ]
    assert position["education"][2] == {
        "id": "requirement:am-education",
        "kind": "EDUCATION",
        "educationLevels": [{"id": "cg:higher-education", "label": "высшее образование"}],
    }
    assert [s["id"] for s in position["requiredSkills"]] == [
        "skill:english",
        "skill:ms-excel",
        "skill:negotiation",
        "skill:stress-resistance",
    ]
    assert position["jobDescription"] == {
        "id": "jd:account-manager",
        "status": "IN_FORCE",
        "version": "2",
        "rights": [{"id": "right:choose-work-forms", "facilitates": [{"id": "duty:negotiate"}]}],
        "responsibilities": [
            {
                "id": "responsibility:damage",
                "liabilityKind": {"id": "cg:material-liability", "label": "material liability"},
                "legalBasis": [{"id": "norm:tk-238", "article": "238"}],
            }
        ],
    }
    assert position["vacancies"] == [{"id": "vacancy:fixture-1"}, {"id": "vacancy:fixture-2"}]


def test_skills_supporting_and_duties_supported_by(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{
          skillsSupporting(duty: "duty:prepare-documents") { skill { id } direct via { id } }
          declared: skillsSupporting(duty: "duty:foreign-clients", includeNarrower: false) {
            skill { id } }
          dutiesSupportedBy(skill: "skill:english") { duty { id } via { id } }
        }""",
    )
    assert data == {
        "skillsSupporting": [
            {
                "skill": {"id": "skill:ms-office"},
                "direct": True,
                "via": [{"id": "skill:ms-office"}],
            },
            {
                "skill": {"id": "skill:ms-excel"},
                "direct": False,
                "via": [{"id": "skill:ms-office"}],
            },
            {"skill": {"id": "skill:ms-word"}, "direct": False, "via": [{"id": "skill:ms-office"}]},
        ],
        "declared": [
            {"skill": {"id": "skill:foreign-language"}},
            {"skill": {"id": "skill:negotiation"}},
        ],
        "dutiesSupportedBy": [
            {"duty": {"id": "duty:foreign-clients"}, "via": [{"id": "skill:foreign-language"}]}
        ],
    }


def test_coverage_matrix_marks_gaps(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ coverage(position: "position:account-manager") {
               position { id } jobDescription { id }
               skills { id }
               rows { duty { id } covered cells { skill { id } covers via { id } } }
               uncoveredDuties { id } unusedSkills { id } } }""",
    )
    coverage = data["coverage"]
    assert coverage["jobDescription"] == {"id": "jd:account-manager"}
    assert [s["id"] for s in coverage["skills"]] == [
        "skill:english",
        "skill:ms-excel",
        "skill:negotiation",
        "skill:stress-resistance",
    ]
    covering = {
        row["duty"]["id"]: (row["covered"], [c["skill"]["id"] for c in row["cells"] if c["covers"]])
        for row in coverage["rows"]
    }
    assert covering == {
        "duty:foreign-clients": (True, ["skill:english", "skill:negotiation"]),
        "duty:maintain-client-base": (False, []),
        "duty:negotiate": (True, ["skill:negotiation"]),
        "duty:prepare-documents": (True, ["skill:ms-excel"]),
        "duty:prepare-reports": (True, ["skill:ms-excel"]),
    }
    documents = next(r for r in coverage["rows"] if r["duty"]["id"] == "duty:prepare-documents")
    excel = next(c for c in documents["cells"] if c["skill"]["id"] == "skill:ms-excel")
    assert excel["via"] == [{"id": "skill:ms-office"}]  # Excel meets the MS Office it needs
    assert coverage["uncoveredDuties"] == [{"id": "duty:maintain-client-base"}]
    assert coverage["unusedSkills"] == [{"id": "skill:stress-resistance"}]


def test_skill_gap(small_client: TestClient) -> None:
    data = post(
        small_client,
        """query($have: [ID!]!) { skillGap(position: "position:account-manager", have: $have) {
               have { id } met { requirement { id } metBy { id } }
               missingEssential { id skill { id } } missingOptional { id } unassessed { id } } }""",
        have=["skill:ms-office", "skill:negotiation", "skill:english"],
    )
    assert data["skillGap"] == {
        "have": [{"id": "skill:ms-office"}, {"id": "skill:negotiation"}, {"id": "skill:english"}],
        "met": [
            {"requirement": {"id": "requirement:am-english"}, "metBy": [{"id": "skill:english"}]},
            {
                "requirement": {"id": "requirement:am-negotiation"},
                "metBy": [{"id": "skill:negotiation"}],
            },
        ],
        "missingEssential": [
            {"id": "requirement:am-excel", "skill": {"id": "skill:ms-excel"}},
            {"id": "requirement:am-stress", "skill": {"id": "skill:stress-resistance"}},
        ],
        "missingOptional": [],
        "unassessed": [{"id": "requirement:am-education"}],
    }


def test_match_positions_explains_the_score(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ matchPositions(have: ["skill:ms-excel", "skill:negotiation", "skill:crm"], first: 3) {
               position { id } score earned weightTotal essentialMet essentialTotal
               optionalMet optionalTotal
               met { requirement { id } link heldSkill { id } weight earned } } }""",
    )
    assert data["matchPositions"] == [
        {
            "position": {"id": "position:sales-director"},
            "score": 1.0,
            "earned": 5.0,
            "weightTotal": 5.0,
            "essentialMet": 2,
            "essentialTotal": 2,
            "optionalMet": 1,
            "optionalTotal": 1,
            "met": [
                {
                    "requirement": {"id": "requirement:sd-crm"},
                    "link": "SELF",
                    "heldSkill": {"id": "skill:crm"},
                    "weight": 2.0,
                    "earned": 2.0,
                },
                {
                    "requirement": {"id": "requirement:sd-office"},
                    "link": "NARROWER",
                    "heldSkill": {"id": "skill:ms-excel"},
                    "weight": 1.0,
                    "earned": 1.0,
                },
                {
                    "requirement": {"id": "requirement:sd-negotiation"},
                    "link": "SELF",
                    "heldSkill": {"id": "skill:negotiation"},
                    "weight": 2.0,
                    "earned": 2.0,
                },
            ],
        },
        {
            "position": {"id": "position:account-manager"},
            "score": 0.7273,
            "earned": 4.0,
            "weightTotal": 5.5,
            "essentialMet": 2,
            "essentialTotal": 3,
            "optionalMet": 0,
            "optionalTotal": 1,
            "met": [
                {
                    "requirement": {"id": "requirement:am-excel"},
                    "link": "SELF",
                    "heldSkill": {"id": "skill:ms-excel"},
                    "weight": 2.0,
                    "earned": 2.0,
                },
                {
                    "requirement": {"id": "requirement:am-negotiation"},
                    "link": "SELF",
                    "heldSkill": {"id": "skill:negotiation"},
                    "weight": 2.0,
                    "earned": 2.0,
                },
            ],
        },
    ]
    explained = post(
        small_client,
        '{ matchPositions(have: ["skill:crm"], first: 1) { explanation } }',
    )
    assert explained["matchPositions"][0]["explanation"].startswith(
        "1 of 2 essential and 0 of 1 optional skill requirements met; score = earned / weight "
        "of all = 2 / 5 = 0.4; a requirement weighs necessity x kind x reuse level"
    )
    weighed = post(
        small_client,
        """{ matchPositions(have: ["skill:stress-resistance"],
                            weights: {personalQuality: 1, essential: 1}) { score } }""",
    )
    assert weighed == {"matchPositions": [{"score": 0.25}]}  # 1 / (1 + 1 + 1 + 1)
    assert post(small_client, "{ matchPositions(have: []) { score } }") == {"matchPositions": []}
    assert errors_of(
        small_client, '{ matchPositions(have: ["skill:crm"], weights: {tool: -1}) { score } }'
    ) == ["weight tool must be a number >= 0, not -1.0"]
    top = post(
        small_client, '{ matchPositions(have: ["skill:crm"], first: 1) { position { id } } }'
    )
    assert top == {"matchPositions": [{"position": {"id": "position:sales-director"}}]}
    none = post(small_client, '{ matchPositions(have: ["skill:crm"], first: 0) { score } }')
    assert none == {"matchPositions": []}


ESCO_STATEMENTS = "http://data.europa.eu/esco/skill/financial-statements"


@pytest.fixture(scope="module")
def linked_client() -> Iterator[TestClient]:
    """A server over tests/fixtures/model/skill_links.ttl: skills linked across schemes."""
    state = small_state([ONTOLOGY / "core.ttl", FIXTURES / "model" / "skill_links.ttl"])
    with client_for(state) as client:
        yield client


def test_skill_gap_and_coverage_say_which_link_met_a_need(linked_client: TestClient) -> None:
    query = """query($close: Boolean!) {
        skillGap(position: "position:accountant", closeMatch: $close,
                 have: ["skill:financial-statements", "skill:taxation"]) {
          met { requirement { id } link heldSkill { id } weight earned }
          missingEssential { id } }
        coverage(position: "position:analyst", closeMatch: $close) {
          rows { duty { id } cells { skill { id } covers link via { id } } }
          uncoveredDuties { id } } }"""
    data = post(linked_client, query, close=False)

    def entry(requirement: str, link: str, held: str, weight: float, earned: float) -> Any:
        return {
            "requirement": {"id": f"requirement:{requirement}"},
            "link": link,
            "heldSkill": {"id": f"skill:{held}"},
            "weight": weight,
            "earned": earned,
        }

    statements = entry("acc-statements", "EXACT_MATCH", "financial-statements", 2.0, 2.0)
    assert data["skillGap"] == {
        "met": [
            entry("acc-accounting", "EXACT_MATCH", "financial-statements", 1.0, 1.0),
            statements,
        ],
        "missingEssential": [{"id": "requirement:acc-tax"}],
    }
    report = data["coverage"]["rows"][0]
    assert report["cells"][0] == {
        "skill": {"id": "skill:financial-statements"},
        "covers": True,
        "link": "EXACT_MATCH",
        "via": [{"id": ESCO_STATEMENTS}],
    }
    assert data["coverage"]["uncoveredDuties"] == [{"id": "duty:taxes"}]
    close = post(linked_client, query, close=True)
    assert close["skillGap"]["met"][2] == entry("acc-tax", "CLOSE_MATCH", "taxation", 2.0, 1.0)
    assert close["coverage"]["uncoveredDuties"] == []


def test_lists_filter_search_and_order(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{
          tools: skills(kind: TOOL, orderBy: ID_DESC) { totalCount nodes { id } }
          office: skills(narrowerThan: "skill:ms-office") { nodes { id } }
          ru: skills(search: "язык", lang: RU) { nodes { id label(lang: RU) } }
          alt: skills(search: "EXCEL") { nodes { id } }
          service: positions(department: "department:service") { nodes { id } }
          optional: requirements(necessity: OPTIONAL) { nodes { id } }
          education: requirements(kind: EDUCATION) { nodes { id } }
          indf: jobDescriptions(status: IN_FORCE) { nodes { id } }
          draft: jobDescriptions(status: DRAFT) { totalCount }
        }""",
    )
    assert data == {
        "tools": {
            "totalCount": 4,
            "nodes": [
                {"id": "skill:ms-word"},
                {"id": "skill:ms-office"},
                {"id": "skill:ms-excel"},
                {"id": "skill:crm"},
            ],
        },
        "office": {
            "nodes": [{"id": "skill:ms-excel"}, {"id": "skill:ms-office"}, {"id": "skill:ms-word"}]
        },
        "ru": {
            "nodes": [
                {"id": "skill:english", "label": "Английский язык"},
                {"id": "skill:foreign-language", "label": "Иностранный язык"},
            ]
        },
        "alt": {"nodes": [{"id": "skill:ms-excel"}]},
        "service": {"nodes": [{"id": "position:cellular-manager"}, {"id": "position:trainee"}]},
        "optional": {
            "nodes": [
                {"id": "requirement:am-english"},
                {"id": "requirement:cm-english"},
                {"id": "requirement:sd-office"},
            ]
        },
        "education": {"nodes": [{"id": "requirement:am-education"}]},
        "indf": {"nodes": [{"id": "jd:account-manager"}]},
        "draft": {"totalCount": 0},
    }


def test_vacancies_by_sector_and_salary(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{
          telecom: vacancies(sector: "sector:telecom") { nodes { id } }
          mid: vacancies(salaryFrom: 56000, salaryTo: 70000) { nodes { id } }
          cheap: vacancies(salaryTo: 50000) { nodes { id salary { minValue maxValue } } }
          ranked: vacancies(orderBy: SALARY_DESC) { nodes { id } }
          forCm: vacancies(position: "position:cellular-manager") { nodes { id sectors { id } } }
        }""",
    )
    assert data == {
        # by label: "Account manager, telecom" < "Cellular salon manager"
        "telecom": {"nodes": [{"id": "vacancy:fixture-2"}, {"id": "vacancy:fixture-3"}]},
        "mid": {"nodes": [{"id": "vacancy:fixture-1"}]},
        "cheap": {
            "nodes": [
                {"id": "vacancy:fixture-3", "salary": {"minValue": 40000.0, "maxValue": 55000.0}}
            ]
        },
        # by the ceiling, descending; "by agreement" has no amount and comes last
        "ranked": {
            "nodes": [
                {"id": "vacancy:fixture-1"},
                {"id": "vacancy:fixture-3"},
                {"id": "vacancy:fixture-2"},
            ]
        },
        "forCm": {"nodes": [{"id": "vacancy:fixture-3", "sectors": [{"id": "sector:telecom"}]}]},
    }


def test_cursor_pagination_walks_the_whole_list(small_client: TestClient) -> None:
    seen: list[str] = []
    after = None
    for _ in range(10):
        page = post(
            small_client,
            """query($after: String) { skills(first: 4, after: $after, orderBy: ID_ASC) {
                 totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }""",
            after=after,
        )["skills"]
        seen.extend(edge["node"]["id"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"] == 9
    assert seen == sorted(seen)
    back = post(
        small_client,
        """{ skills(last: 2, orderBy: ID_ASC) { nodes { id } pageInfo { hasPreviousPage } } }""",
    )
    assert back == {
        "skills": {
            "nodes": [{"id": "skill:pc-literacy"}, {"id": "skill:stress-resistance"}],
            "pageInfo": {"hasPreviousPage": True},
        }
    }


def test_unknown_ids_and_bad_arguments_are_clear_errors(small_client: TestClient) -> None:
    assert errors_of(small_client, '{ coverage(position: "position:nope") { skills { id } } }') == [
        "unknown position 'position:nope'"
    ]
    assert errors_of(
        small_client, '{ coverage(position: "position:acount-manager") { skills { id } } }'
    ) == ["unknown position 'position:acount-manager' (did you mean 'position:account-manager'?)"]
    assert errors_of(small_client, '{ skills(after: "garbage") { totalCount } }') == [
        "invalid cursor 'garbage': use a cursor from a previous page"
    ]
    assert errors_of(small_client, "{ vacancies(salaryFrom: 9, salaryTo: 1) { totalCount } }") == [
        "salaryFrom (9) is above salaryTo (1)"
    ]


def test_every_type_and_field_is_described() -> None:
    schema = graphql_schema()
    undocumented = []
    for name, named in schema.type_map.items():
        if name.startswith("__") or name in ("String", "Boolean", "Int", "Float", "ID"):
            continue
        if not named.description:
            undocumented.append(name)
        for field_name, field in getattr(named, "fields", {}).items():
            if not field.description:
                undocumented.append(f"{name}.{field_name}")
    assert undocumented == []


def test_descriptions_come_from_the_ontology_definitions() -> None:
    schema = graphql_schema()
    ontology = definitions()
    assert schema.type_map["Position"].description == ontology[str(CG.Position)]
    assert schema.type_map["Duty"].description == ontology[str(CG.Duty)]
    duty_fields = schema.type_map["Duty"].fields  # type: ignore[attr-defined]
    assert duty_fields["requiresCompetence"].description == ontology[str(CG.requiresCompetence)]


def test_search_across_types_in_both_languages(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ ru: search(text: "МЕН", lang: RU) { totalCount nodes { __typename id } }
             en: search(text: "excel", first: 1) { totalCount nodes { id }
                                                  pageInfo { hasNextPage } } }""",
    )
    assert data["ru"]["totalCount"] == 8
    assert [(n["__typename"], n["id"]) for n in data["ru"]["nodes"]] == [
        ("Position", "position:account-manager"),
        ("Position", "position:cellular-manager"),
        ("Position", "position:template-manager"),  # "Типовой менеджер"
        ("JobDescription", "jd:account-manager"),
        ("Duty", "duty:prepare-documents"),  # "доку-мен-тацию"
        ("Vacancy", "vacancy:fixture-1"),
        ("Vacancy", "vacancy:fixture-2"),
        ("Vacancy", "vacancy:fixture-3"),
    ]
    # the skill, and the requirement labelled "MS Excel"
    assert data["en"] == {
        "totalCount": 2,
        "nodes": [{"id": "skill:ms-excel"}],
        "pageInfo": {"hasNextPage": True},
    }
    assert errors_of(small_client, '{ search(text: " ") { totalCount } }') == [
        "text must not be empty"
    ]


def test_job_description_sections_and_signatures(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ jobDescription(id: "jd:account-manager") {
               department { id } supervisor { id } appointingHead { id } substitute { id }
               approval { kind role signatory { id } signatoryName date }
               agreements { kind role signatoryName date }
               familiarisations { kind signatoryName date }
               omissions { duty { id } } } }""",
    )
    assert data == {
        "jobDescription": {
            "department": {"id": "department:sales"},
            "supervisor": {"id": "position:sales-director"},
            "appointingHead": {"id": "position:sales-director"},
            "substitute": None,
            "approval": {
                "kind": "approval",
                "role": None,
                "signatory": {"id": "position:sales-director"},
                "signatoryName": "Орлов А. В.",
                "date": "2026-01-20T00:00:00",
            },
            "agreements": [
                {
                    "kind": "agreement",
                    "role": "hr-department",
                    "signatoryName": "Кузнецова М. И.",
                    "date": "2026-01-10T00:00:00",
                }
            ],
            "familiarisations": [
                {
                    "kind": "familiarisation",
                    "signatoryName": "Егорова Н. С.",
                    "date": "2026-01-22T00:00:00",
                }
            ],
            "omissions": [],
        }
    }


def test_functions_rights_and_standard_positions(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ duties(function: "function:negotiations") {
               nodes { id functions { id } facilitatedBy { id } } }
             function(id: "function:negotiations") { duties { id } }
             standard: positions(standard: true) { nodes { id standard } }
             skill(id: "skill:english") { dutiesSupported { duty { id } via { id } } } }""",
    )
    assert data == {
        "duties": {
            "nodes": [
                {
                    "id": "duty:foreign-clients",
                    "functions": [{"id": "function:negotiations"}],
                    "facilitatedBy": [],
                },
                {
                    "id": "duty:negotiate",
                    "functions": [{"id": "function:negotiations"}],
                    "facilitatedBy": [{"id": "right:choose-work-forms"}],
                },
            ]
        },
        "function": {"duties": [{"id": "duty:foreign-clients"}, {"id": "duty:negotiate"}]},
        "standard": {"nodes": [{"id": "position:template-manager", "standard": True}]},
        "skill": {
            "dutiesSupported": [
                {"duty": {"id": "duty:foreign-clients"}, "via": [{"id": "skill:foreign-language"}]}
            ]
        },
    }


@pytest.fixture(scope="module")
def shipped_client() -> Iterator[TestClient]:
    """A client of a server over the shipped ontology."""
    state = GraphState(gate=None)
    state.start()
    with client_for(state) as client:
        yield client


def test_a_requirement_lists_every_skill_it_names(shipped_client: TestClient) -> None:
    data = post(
        shipped_client,
        """{ experience: requirement(id: "requirement:corporate-client-experience-1-year") {
               kind skill { id } skills { id } }
             skill: requirement(id: "requirement:pc-literacy-essential") {
               skill { id } skills { id } }
             education: requirement(id: "requirement:higher-education") {
               skill { id } skills { id } }
           }""",
    )
    assert data == {
        # both cg:experienceSkill values; `skill` keeps the first for older clients
        "experience": {
            "kind": "EXPERIENCE",
            "skill": {"id": "skill:b2b-sales"},
            "skills": [{"id": "skill:b2b-sales"}, {"id": "skill:corporate-client-management"}],
        },
        "skill": {"skill": {"id": "skill:pc-literacy"}, "skills": [{"id": "skill:pc-literacy"}]},
        "education": {"skill": None, "skills": []},
    }


@pytest.fixture(scope="module")
def written_order_client() -> Iterator[TestClient]:
    """A client of a server over the shipped ontology and a YAML job description whose items
    are in no alphabetical order."""
    written = Source([FIXTURES / "jd_input" / "written-order.yaml"], reader=load_inputs)
    state = GraphState(written, gate=None)
    state.start()
    with client_for(state) as client:
        yield client


def test_lists_of_a_yaml_description_come_in_the_order_it_was_written(
    written_order_client: TestClient,
) -> None:
    data = post(
        written_order_client,
        """{ position(id: "position:order-clerk") {
               duties { id }
               requirements { id }
               jobDescription { duties { id } rights { label(lang: RU) } responsibilities { id } }
           } }""",
    )
    position = data["position"]
    duties = [{"id": f"duty:order-clerk-{name}"} for name in ("call", "analyse", "record")]
    assert position["duties"] == position["jobDescription"]["duties"] == duties
    # requirement 10 after requirement 3, though "order-clerk-10" < "order-clerk-3" as text
    assert [r["id"] for r in position["requirements"]] == [
        f"requirement:order-clerk-{n}" for n in range(1, 12)
    ]
    assert position["jobDescription"]["rights"] == [
        {"label": "Право требовать сведения о заказах"},
        {"label": "Право вносить предложения"},
    ]
    assert position["jobDescription"]["responsibilities"] == [
        {"id": "responsibility:material-damage"},
        {"id": "responsibility:disciplinary-improper-performance"},
    ]


def test_a_position_gives_its_job_description_as_a_document(small_client: TestClient) -> None:
    model = small_state().snapshot.model
    data = post(
        small_client,
        """{ markdown: position(id: "position:account-manager") { jobDescriptionDocument }
             html: position(id: "position:account-manager") {
               jobDescriptionDocument(format: HTML, lang: RU) }
             none: position(id: "position:sales-director") { jobDescriptionDocument } }""",
    )
    assert data == {
        "markdown": {
            "jobDescriptionDocument": render_job_description(
                model, "position:account-manager", "md", "en"
            )
        },
        "html": {
            "jobDescriptionDocument": render_job_description(
                model, "position:account-manager", "html", "ru"
            )
        },
        "none": {"jobDescriptionDocument": None},
    }
    assert data["markdown"]["jobDescriptionDocument"].startswith("**APPROVED**")


EMPLOYERS = [*SMALL_ORG, FIXTURES / "api" / "employers_and_employment_types.ttl"]


@pytest.fixture(scope="module")
def employers_client() -> Iterator[TestClient]:
    """The small organisation whose vacancies state their employer and employment types."""
    with client_for(small_state(EMPLOYERS)) as client:
        yield client


def test_vacancies_hold_their_employer_and_employment_types(employers_client: TestClient) -> None:
    data = post(
        employers_client,
        """{
          vacancies(orderBy: ID_ASC) { nodes { id employmentType
              hiringOrganization { __typename id label ru: label(lang: RU) } } }
          bank: node(id: "organization:test-bank") { ... on Organization { vacancies { id } } }
          found: search(text: "тестовый") { nodes { __typename id } }
        }""",
    )
    bank = {
        "__typename": "Organization",
        "id": "organization:test-bank",
        "label": "Test Bank",
        "ru": "Тестовый банк",
    }
    unnamed = {  # a blank node, keyed under its vacancy; its one plain name in both languages
        "__typename": "Organization",
        "id": "vacancy:fixture-2#hiring-organization",
        "label": "Sidorov IE",
        "ru": "Sidorov IE",
    }
    assert data == {
        "vacancies": {
            "nodes": [
                {
                    "id": "vacancy:fixture-1",
                    "employmentType": ["FULL_TIME"],
                    "hiringOrganization": bank,
                },
                {"id": "vacancy:fixture-2", "employmentType": [], "hiringOrganization": unnamed},
                {
                    "id": "vacancy:fixture-3",
                    # in schema.org's order, whatever the order in the graph
                    "employmentType": ["FULL_TIME", "PART_TIME", "TEMPORARY"],
                    "hiringOrganization": bank,
                },
            ]
        },
        "bank": {"vacancies": [{"id": "vacancy:fixture-1"}, {"id": "vacancy:fixture-3"}]},
        "found": {"nodes": [{"__typename": "Organization", "id": "organization:test-bank"}]},
    }


def test_vacancies_by_employment_type(employers_client: TestClient) -> None:
    data = post(
        employers_client,
        """{
          fullTime: vacancies(employmentType: FULL_TIME, orderBy: ID_ASC) { nodes { id } }
          partTimeInTelecom: vacancies(employmentType: PART_TIME, sector: "sector:telecom") {
            nodes { id } }
          intern: vacancies(employmentType: INTERN) { totalCount }
        }""",
    )
    assert data == {
        "fullTime": {"nodes": [{"id": "vacancy:fixture-1"}, {"id": "vacancy:fixture-3"}]},
        "partTimeInTelecom": {"nodes": [{"id": "vacancy:fixture-3"}]},
        "intern": {"totalCount": 0},
    }
    assert errors_of(employers_client, "{ vacancies(employmentType: SHIFTS) { totalCount } }") == [
        "Value 'SHIFTS' does not exist in 'EmploymentType' enum."
    ]


def test_a_vacancy_that_states_neither_has_none(small_client: TestClient) -> None:
    data = post(
        small_client,
        '{ vacancy(id: "vacancy:fixture-1") { employmentType hiringOrganization { id } } }',
    )
    assert data == {"vacancy": {"employmentType": [], "hiringOrganization": None}}


def test_employer_and_employment_types_are_described_by_the_ontology() -> None:
    schema = graphql_schema()
    ontology = definitions()
    vacancy = schema.type_map["Vacancy"].fields  # type: ignore[attr-defined]
    assert vacancy["hiringOrganization"].description == ontology[str(SCHEMA.hiringOrganization)]
    assert vacancy["employmentType"].description == (
        f"{ontology[str(CG.employmentType)]} Empty when the posting does not say."
    )
    enum = schema.type_map["EmploymentType"]
    assert enum.description == ontology[str(CG.EmploymentType)]
    assert {name: value.description for name, value in enum.values.items()} == {  # type: ignore[attr-defined]
        code: ontology[str(value)] for value, code in EMPLOYMENT_TYPES.items()
    }


def test_requirement_skill_is_deprecated_in_favour_of_skills(shipped_client: TestClient) -> None:
    data = post(
        shipped_client,
        """query RequirementFields { __type(name: "Requirement") {
             fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }""",
    )
    deprecated = [f for f in data["__type"]["fields"] if f["isDeprecated"]]
    assert deprecated == [
        {
            "name": "skill",
            "isDeprecated": True,
            "deprecationReason": "Use `skills`: an experience requirement can name several "
            "skills, and this field gives only the first.",
        }
    ]


#: the seed vacancies and the one that names its employer (the seed ones do not)
VACANCIES = [
    EXAMPLES / "vacancies" / "seed-000-vacancies.ttl",
    EXAMPLES / "vacancies" / "employer-and-employment-type.ttl",
]


@pytest.fixture(scope="module")
def seed_state() -> GraphState:
    """The shipped ontology, its rules, the example vacancies and an ISCO group (as ESCO
    brings them): every type of entity."""
    state = GraphState(Source([*VACANCIES, FIXTURES / "api" / "isco_group.ttl"]), gate=None)
    state.start()
    return state


def one_id_per_node_type(state: GraphState) -> dict[str, str]:
    """GraphQL type name -> the compact id of its first entity (in id order) in ``state``."""
    model = state.snapshot.model
    entities: list[Any] = [e for table in node_tables(model) for e in table.values()]
    entities += state.snapshot.rule_catalogue()
    samples: dict[str, str] = {}
    for entity in sorted(entities, key=lambda e: compact_id(e.iri)):
        samples.setdefault(NODE_TYPES[type(entity)]._meta.name, compact_id(entity.iri))
    return samples


def test_node_refetches_one_entity_of_every_node_type_by_id_and_by_iri(
    seed_state: GraphState,
) -> None:
    schema = graphql_schema()
    node = schema.get_type("Node")
    assert isinstance(node, GraphQLInterfaceType)
    node_types = {implementation.name for implementation in schema.get_possible_types(node)}
    samples = one_id_per_node_type(seed_state)
    assert set(samples) == node_types  # a new Node type needs an instance in the seed graph
    refetch = "query Refetch($id: ID!) { node(id: $id) { __typename id iri } }"
    with client_for(seed_state) as client:
        for type_name, compact in sorted(samples.items()):
            found = post(client, refetch, id=compact)["node"]
            assert found is not None, f"node(id: {compact!r}) found no {type_name}"
            assert (found["__typename"], found["id"]) == (type_name, compact)
            assert post(client, refetch, id=found["iri"])["node"] == found


def test_a_rule_is_a_node_with_a_global_id_and_its_code(seed_state: GraphState) -> None:
    with client_for(seed_state) as client:
        body = answer(
            client,
            """query RuleNodes {
                 byId: node(id: "rule:approval") { __typename id ... on Rule { code severity } }
                 byIri: node(id: "https://w3id.org/competency-graph/id/rule/approval") { id }
                 bare: node(id: "approval") { id }
                 listed: rules { id code } }""",
        )
    data = body["data"]
    assert data["byId"] == {
        "__typename": "Rule",
        "id": "rule:approval",
        "code": "approval",
        "severity": "ERROR",
    }
    assert data["byIri"] == {"id": "rule:approval"}
    assert data["bare"] is None  # a bare code is not a global id
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["bare"], "NOT_FOUND")
    ]
    assert data["listed"][0] == {"id": "rule:approval", "code": "approval"}
    assert all(rule["id"] == f"rule:{rule['code']}" for rule in data["listed"])


def test_an_unknown_id_is_null_with_a_located_not_found_error_in_every_field(
    small_client: TestClient,
) -> None:
    body = answer(
        small_client,
        """{ a: skill(id: "skill:ms-exel") { id }
             b: position(id: "skill:ms-excel") { id }
             c: node(id: "nothing:here") { id }
             d: node(id: "skill:ms excel") { id } }""",
    )
    assert body["data"] == {"a": None, "b": None, "c": None, "d": None}
    assert [(e["path"], e["message"], e["extensions"]) for e in body["errors"]] == [
        (
            ["a"],
            "unknown skill 'skill:ms-exel' (did you mean 'skill:ms-excel'?)",
            {
                "code": "NOT_FOUND",
                "kind": "skill",
                "given": "skill:ms-exel",
                "suggestion": "skill:ms-excel",
            },
        ),
        # a skill is not a position
        (
            ["b"],
            "unknown position 'skill:ms-excel'",
            {"code": "NOT_FOUND", "kind": "position", "given": "skill:ms-excel"},
        ),
        (
            ["c"],
            "unknown id 'nothing:here'",
            {"code": "NOT_FOUND", "kind": "entity", "given": "nothing:here"},
        ),
        # no entity can have an id with a space
        (
            ["d"],
            "unknown id 'skill:ms excel'",
            {"code": "BAD_ID", "kind": "entity", "given": "skill:ms excel"},
        ),
    ]


def test_a_skill_list_goes_on_without_its_unknown_skills(small_client: TestClient) -> None:
    data = post(
        small_client,
        """{ skillGap(position: "position:account-manager",
                      have: ["skill:negotiation", "skill:negotiaton", "1C ERP"]) {
               have { id } met { requirement { id } }
               unknownSkills { given code message suggestion } }
             matchPositions(have: ["skill:crm", "skill:juggling"], first: 1) {
               position { id } unknownSkills { given code } } }""",
    )
    assert data["skillGap"]["have"] == [{"id": "skill:negotiation"}]
    assert data["skillGap"]["met"] == [{"requirement": {"id": "requirement:am-negotiation"}}]
    assert data["skillGap"]["unknownSkills"] == [
        {
            "given": "skill:negotiaton",
            "code": "NOT_FOUND",
            "message": "unknown skill 'skill:negotiaton' (did you mean 'skill:negotiation'?)",
            "suggestion": "skill:negotiation",
        },
        {
            "given": "1C ERP",
            "code": "BAD_ID",
            "message": "unknown skill '1C ERP'",
            "suggestion": None,
        },
    ]
    assert data["matchPositions"] == [
        {
            "position": {"id": "position:sales-director"},
            "unknownSkills": [{"given": "skill:juggling", "code": "NOT_FOUND"}],
        }
    ]


def test_accept_language_sets_the_language_of_fields_that_name_none(
    small_client: TestClient,
) -> None:
    query = """{ duty(id: "duty:negotiate") { label en: label(lang: EN) }
                 rules: coverage(position: "position:account-manager") { position { label } } }"""
    russian = small_client.post(
        "/graphql", json={"query": query}, headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.8"}
    ).json()["data"]
    assert russian["duty"] == {
        "label": "Вести переговоры с клиентами",
        "en": "Negotiate with clients",
    }
    english = post(small_client, query)  # no header: English
    assert english["duty"] == {"label": "Negotiate with clients", "en": "Negotiate with clients"}
    assert russian["rules"]["position"]["label"] != english["rules"]["position"]["label"]
