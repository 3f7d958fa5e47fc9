"""Check queries over HTTP on the shipped ontology plus one deliberate defect."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import yaml
from starlette.testclient import TestClient

from competency_graph.api.inputs import from_job_description_data
from competency_graph.checking.engine import Checker
from competency_graph.graph.files import load_graph
from competency_graph.graph.source import Source
from competency_graph.server.state import GraphState

from ..conftest import EXAMPLES, FIXTURES
from ..graphql_support import answer, client_for, errors_of, post

DEFECT = FIXTURES / "api" / "right_without_duty.ttl"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    state = GraphState(Source([DEFECT]), gate=None)
    state.start()
    with client_for(state) as test_client:
        yield test_client


def test_check_the_whole_graph_with_selected_rules(client: TestClient) -> None:
    data = post(
        client,
        """{ check(rules: ["right-purpose"]) {
               conforms counts { error warning info } rulesRun
               violations { rule severity message focus focusLabel path value valueLabel fix
                            source sourceLabel location { path line } } } }""",
    )
    # the wording belongs to the checker: the API must pass it on unchanged
    library = Checker(load_graph([DEFECT])).check_graph(rules=["right-purpose"], reasoner=False)
    [violation] = library.violations
    assert data == {
        "check": {
            "conforms": False,
            "counts": {"error": 1, "warning": 0, "info": 0},
            "rulesRun": ["right-purpose"],
            "violations": [
                {
                    "rule": "right-purpose",
                    "severity": "ERROR",
                    "message": violation.message,
                    "focus": "jd:account-manager",
                    "focusLabel": "Job description of the account manager",
                    "path": "cg:grantsRight",
                    "value": "right:fixture-idle-right",
                    "valueLabel": "Right to an idle afternoon",
                    "fix": violation.fix,
                    "source": violation.source,
                    "sourceLabel": violation.source_label,
                    "location": {"path": str(DEFECT), "line": 8},
                }
            ],
        }
    }
    assert violation.message == (
        "Right 'Right to an idle afternoon' in 'Job description of the account manager' "
        "facilitates none of its duties."
    )


def test_check_one_position_in_russian(client: TestClient) -> None:
    data = post(
        client,
        """{ check(position: "position:account-manager", lang: RU) {
               conforms violations(rule: "right-purpose") { rule message value } } }""",
    )
    assert data == {
        "check": {
            "conforms": False,
            "violations": [
                {
                    "rule": "right-purpose",
                    "message": "Право «Право на свободный вечер» в «Должностная инструкция "
                    "менеджера по работе с клиентами» не способствует ни одной из её "
                    "обязанностей.",
                    "value": "right:fixture-idle-right",
                }
            ],
        }
    }


def test_a_position_check_takes_rules_and_skip_like_the_cli(client: TestClient) -> None:
    query = """{ check(position: "position:account-manager", %s) {
                   rulesRun violations { rule value } } }"""
    only = post(client, query % 'rules: ["right-purpose", "labels"], skip: ["labels"]')
    assert only == {
        "check": {
            "rulesRun": ["right-purpose"],
            "violations": [{"rule": "right-purpose", "value": "right:fixture-idle-right"}],
        }
    }
    skipped = post(client, query % 'skip: ["right-purpose"]')["check"]
    assert "right-purpose" not in skipped["rulesRun"]
    assert skipped["violations"] == []
    # a former id names the rule it became
    former = post(client, query % 'rules: ["vacancy-discrimination"]')["check"]
    assert former == {"rulesRun": ["discrimination"], "violations": []}


def test_check_errors_name_the_problem(client: TestClient) -> None:
    assert errors_of(client, '{ check(position: "position:nope") { conforms } }') == [
        "unknown position 'position:nope'"
    ]
    messages = errors_of(client, '{ check(rules: ["no-such-rule"]) { conforms } }')
    assert messages[0].startswith("unknown rule id 'no-such-rule' (known: approval, ")


def test_rules_are_listed_with_their_sources(client: TestClient) -> None:
    data = post(client, "{ rules { id code severity label(lang: RU) sourceNorms { id } } }")
    codes = [rule["code"] for rule in data["rules"]]
    assert codes == sorted(codes)
    assert {"structure", "duty-coverage", "discrimination", "owl-consistency"} <= set(codes)
    familiarisation = next(r for r in data["rules"] if r["code"] == "familiarisation")
    assert familiarisation == {
        "id": "rule:familiarisation",
        "code": "familiarisation",
        "severity": "ERROR",
        "label": "Ознакомление",
        "sourceNorms": [{"id": "norm:labour-code-art-68"}],
    }


def test_check_job_description_input_errors_name_the_field(client: TestClient) -> None:
    document = yaml.safe_load(
        (EXAMPLES / "job-descriptions" / "invalid" / "unknown-skill.yaml").read_text()
    )
    messages = errors_of(
        client,
        "query($jd: JobDescriptionInput!) { checkJobDescription(input: $jd) { conforms } }",
        jd=from_job_description_data(document),
    )
    assert messages == ["unknown skill 'Exel' at duties[0].supported_by[0] (did you mean 'Excel'?)"]
    # what is not a job description, GraphQL itself refuses, naming the field
    assert errors_of(client, "{ checkJobDescription(input: [1, 2]) { conforms } }") == [
        "Expected value of type 'JobDescriptionInput', found [1, 2]."
    ]
    assert errors_of(
        client,
        '{ checkJobDescription(input: {position: {id: "x", label: {ru: "Икс"}}, status: DRAFT,'
        ' duties: [{labl: {ru: "Звонить"}}]}) { conforms } }',
    ) == [
        "Field 'labl' is not defined by type 'DutyInput'. Did you mean 'label'?",
    ]


def valid_document() -> dict[str, object]:
    text = (EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml").read_text()
    # through JSON, as a client would send it (YAML dates become strings)
    document: dict[str, object] = json.loads(json.dumps(yaml.safe_load(text), default=str))
    return document


CHECK_INPUT = """query($jd: JobDescriptionInput!) { checkJobDescription(input: $jd) {
    conforms counts { error } violations { rule focus location { path } } } }"""


def test_check_job_description_of_a_valid_document(client: TestClient) -> None:
    data = post(client, CHECK_INPUT, jd=from_job_description_data(valid_document()))
    assert data == {
        "checkJobDescription": {"conforms": True, "counts": {"error": 0}, "violations": []}
    }


def test_check_job_description_finds_the_missing_section_and_leaves_the_graph(
    client: TestClient,
) -> None:
    document = valid_document()
    del document["rights"]
    data = post(client, CHECK_INPUT, jd=from_job_description_data(document))
    assert data == {
        "checkJobDescription": {
            "conforms": False,
            "counts": {"error": 1},
            "violations": [
                {
                    "rule": "structure",
                    "focus": "jd:regional-account-manager",
                    "location": {"path": "<input>"},
                }
            ],
        }
    }
    # the served graph does not know the unsaved position
    body = answer(client, '{ position(id: "position:regional-account-manager") { id } }')
    assert body["data"] == {"position": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]


def test_check_job_description_names_the_field_to_fix(client: TestClient) -> None:
    document = valid_document()
    duties = document["duties"]
    assert isinstance(duties, list)
    del duties[1]["supported_by"]  # the duty 'negotiate' names no skill
    query = """query($jd: JobDescriptionInput!) { checkJobDescription(input: $jd) {
        violations { rule fix location { path line field } } } }"""
    answered = post(client, query, jd=from_job_description_data(document))
    violations = answered["checkJobDescription"]["violations"]
    assert [(v["rule"], v["location"]) for v in violations] == [
        ("duty-coverage", {"path": "<input>", "line": 1, "field": "duties[1]"}),
        ("unused-requirement", {"path": "<input>", "line": 1, "field": "requirements[3]"}),
    ]
    assert violations[0]["fix"] == (
        "Name the skills the duty needs in its supported_by, and require one of them under "
        "requirements (- skill: ...)."
    )


def test_the_api_does_not_run_the_reasoner_and_says_so(client: TestClient) -> None:
    data = post(
        client, '{ check(rules: ["owl-consistency", "labels"]) { rulesRun notes seconds } }'
    )
    report = data["check"]
    assert report["rulesRun"] == ["labels"]
    assert [n.split(" ")[:2] for n in report["notes"]] == [["owl-consistency", "skipped"]]
    assert report["seconds"] >= 0


def test_violations_of_a_sent_description_carry_their_input_path(client: TestClient) -> None:
    document = valid_document()
    document["duties"][1]["supported_by"] = ["skill:1c"]  # a skill the position does not require
    data = post(
        client,
        """query($jd: JobDescriptionInput!) { checkJobDescription(input: $jd) {
             violations { rule inputPath location { field } } } }""",
        jd=from_job_description_data(document),
    )
    found = {
        (v["rule"], v["inputPath"], v["location"]["field"])
        for v in data["checkJobDescription"]["violations"]
    }
    assert ("duty-coverage", "duties[1]", "duties[1]") in found
    # outside a sent description (a check of the served graph) there is no input path
    served = post(client, "{ check { violations { inputPath } } }")
    assert {v["inputPath"] for v in served["check"]["violations"]} <= {None}
