"""Root causes first: a misspelt IRI is named with what it meant and what it causes."""

from __future__ import annotations

import json

import pytest

from competency_graph.checking.engine import Checker
from competency_graph.checking.formats import render
from competency_graph.checking.report import Consequence, Location, Report
from competency_graph.graph.files import load_graph
from competency_graph.namespaces import ID_BASE

from ..conftest import EXAMPLES, FIXTURES

MISSPELT = FIXTURES / "causes" / "duty_skill_misspelt.ttl"
BOTH_MISSPELT = EXAMPLES / "job-descriptions" / "invalid" / "references" / "misspelt-skill.ttl"
RULES = ["references", "duty-coverage", "unused-requirement"]


@pytest.fixture(scope="module")
def report() -> Report:
    return Checker(load_graph([MISSPELT])).check_graph(lang="en", rules=RULES)


def test_the_reference_comes_first_and_names_what_it_meant_and_causes(report: Report) -> None:
    root, coverage, unused = report.sorted()
    assert [v.rule_id for v in (root, coverage, unused)] == RULES
    assert root.message == (
        "'Keeping in touch with clients (manager with a misspelt duty skill)' refers to "
        "'skill:client-relationship-managment' as the value of 'supported by' (cg:supportedBy), "
        "but nothing in the graph defines it (did you mean skill:client-relationship-management?)."
        " It causes: duty-coverage (line 52), unused-requirement (line 27)."
    )
    assert root.causes == (
        Consequence(
            "duty-coverage",
            ID_BASE + "job-description/example-misspelt-duty-skill",
            ID_BASE + "duty/example-misspelt-duty-skill-keep-contacts",
            Location(str(MISSPELT), 52),
        ),
        Consequence(
            "unused-requirement",
            ID_BASE + "position/example-misspelt-duty-skill",
            ID_BASE + "skill/client-relationship-management",
            Location(str(MISSPELT), 27),
        ),
    )


def test_each_consequence_names_its_cause(report: Report) -> None:
    root, coverage, unused = report.sorted()
    assert coverage.caused_by == unused.caused_by == root.as_consequence()
    assert coverage.message.endswith(
        "is supported by no skill the position requires. Caused by: references (line 36)."
    )
    assert root.caused_by is None and coverage.causes == ()


def test_in_russian() -> None:
    russian = Checker(load_graph([MISSPELT])).check_graph(lang="ru", rules=RULES)
    root = russian.sorted()[0]
    assert root.message.endswith(
        "(может быть, имелось в виду skill:client-relationship-management?). "
        "Это вызывает: duty-coverage (строка 52), unused-requirement (строка 27)."
    )


def test_a_typo_that_causes_nothing_still_gets_did_you_mean() -> None:
    checked = Checker(load_graph([BOTH_MISSPELT])).check_graph(lang="en", rules=RULES)
    assert [v.rule_id for v in checked.sorted()] == ["references", "references"]
    for violation in checked.violations:
        assert violation.message.endswith("(did you mean skill:client-relationship-management?).")
        assert violation.causes == ()


def test_json_and_sarif_carry_the_links(report: Report) -> None:
    data = json.loads(render(report, "json"))
    root, coverage, _ = data["violations"]
    assert [c["rule"] for c in root["causes"]] == ["duty-coverage", "unused-requirement"]
    assert root["causes"][0]["location"] == {
        "path": str(MISSPELT),
        "line": 52,
        "column": None,
        "field": None,
    }
    assert coverage["caused_by"]["rule"] == "references"
    sarif = json.loads(render(report, "sarif"))["runs"][0]["results"]
    assert [r["physicalLocation"]["region"] for r in sarif[0]["relatedLocations"]] == [
        {"startLine": 52},
        {"startLine": 27},
    ]
    assert sarif[0]["properties"]["causes"] == ["duty-coverage", "unused-requirement"]
    assert sarif[1]["properties"]["causedBy"] == "references"
