"""Report renderers: exact text and JSON, JUnit that CI parses, SARIF and SHACL that validate."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from competency_graph.checking.engine import Checker
from competency_graph.checking.formats import (
    FORMATS,
    RULE_BASE,
    RuleInfo,
    render,
    report_results,
)
from competency_graph.checking.report import Location, Report, ShaclResult, Violation
from competency_graph.checking.rules import rule_infos
from competency_graph.graph.files import load_graph
from competency_graph.model.rules import Severity
from competency_graph.namespaces import CG, ID_BASE, SH, expand_id

from ..conftest import EXAMPLES
from .conftest import PyshaclRun

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
YAML_FILE = "examples/job-descriptions/valid/account-manager.yaml"
NORM_192 = ID_BASE + "norm/labour-code-art-192"


def three_violations(lang: str = "en") -> Report:
    """An error with a location, a warning without one, an info; listed out of order."""
    return Report(
        violations=[
            Violation(
                rule_id="unused-requirement",
                severity=Severity.WARNING,
                message='Required skill "MS Excel" supports no duty of "Account manager".',
                focus=ID_BASE + "position/account-manager",
                focus_label="Account manager",
                path=str(CG.hasRequirement),
                value=ID_BASE + "skill/ms-excel",
                value_label="MS Excel",
                fix="Link the skill to a duty with supported_by, or drop the requirement.",
                source="seed 000: skills should match the job functions",
            ),
            Violation(
                rule_id="labels",
                severity=Severity.INFO,
                message='Skill "CRM" has no Russian label.',
                focus=ID_BASE + "skill/crm",
                focus_label="CRM",
                value="ru",
                fix="Add an rdfs:label in Russian.",
                source="ontology hygiene",
            ),
            Violation(
                rule_id="liability-limit",
                severity=Severity.ERROR,
                message='Responsibility "Fines for lateness" imposes a fine.',
                focus=ID_BASE + "responsibility/fines-for-lateness",
                focus_label="Fines for lateness",
                path=str(CG.sanction),
                value=str(CG.fine),
                value_label="fine",
                fix="Use a remark, a reprimand or dismissal.",
                source=NORM_192,
                source_label="Labour Code, art. 192",
                location=Location(YAML_FILE, 42, 7, "responsibilities[1].sanctions[0]"),
            ),
        ],
        rules_run=["structure", "liability-limit", "unused-requirement", "labels"],
        files=[YAML_FILE],
        lang=lang,
        seconds=0.4567,
    )


RULES = [
    RuleInfo(
        id="liability-limit",
        severity=Severity.ERROR,
        title="Liability stays within the Labour Code",
        description="No sanction beyond remark, reprimand or dismissal.",
        source=NORM_192,
    ),
    RuleInfo(
        id="structure",
        severity=Severity.ERROR,
        title="A job description has all its sections",
        source="seed 000",
    ),
]


# -- text -------------------------------------------------------------------------------------

EXPECTED_TEXT = f"""\
Errors (1)

{YAML_FILE}:42:7: error[liability-limit] Responsibility "Fines for lateness" imposes a fine.
    field:    responsibilities[1].sanctions[0]
    focus:    Fines for lateness (responsibility:fines-for-lateness)
    value:    fine (cg:fine)
    fix:      Use a remark, a reprimand or dismissal.
    source:   Labour Code, art. 192 (norm:labour-code-art-192)

Warnings (1)

warning[unused-requirement] Required skill "MS Excel" supports no duty of "Account manager".
    focus:    Account manager (position:account-manager)
    property: cg:hasRequirement
    value:    MS Excel (skill:ms-excel)
    fix:      Link the skill to a duty with supported_by, or drop the requirement.
    source:   seed 000: skills should match the job functions

Info (1)

info[labels] Skill "CRM" has no Russian label.
    focus:    CRM (skill:crm)
    value:    ru
    fix:      Add an rdfs:label in Russian.
    source:   ontology hygiene

1 error, 1 warning, 1 info (4 rules, 0.46 s)
"""


def test_text_groups_by_severity_with_location_focus_value_fix_and_source() -> None:
    assert render(three_violations(), "text") == EXPECTED_TEXT


def test_text_when_clean() -> None:
    report = Report(rules_run=["structure", "labels"], seconds=0.1)
    assert (
        render(report, "text") == "No violations.\n0 errors, 0 warnings, 0 info (2 rules, 0.10 s)\n"
    )


def test_text_says_what_could_not_be_checked_even_when_nothing_is_violated() -> None:
    reason = "owl-consistency not run: java is not on PATH; HermiT (owlready2) needs Java 11+"
    report = Report(rules_run=["labels"], seconds=0.1, notes=[reason], not_run=[reason])
    assert render(report, "text") == (
        f"No violations.\nnot checked: {reason}\n0 errors, 0 warnings, 0 info (1 rule, 0.10 s)\n"
    )
    report.lang = "ru"
    assert (
        "Нарушений нет.\nне проверено: owl-consistency не выполнена: java нет в PATH, а HermiT "
        "(owlready2) нужна Java 11+\n"
    ) in render(report, "text")
    violated = three_violations()
    violated.not_run.append(reason)
    assert render(violated, "text").endswith(
        f"    source:   ontology hygiene\n\nnot checked: {reason}\n"
        "1 error, 1 warning, 1 info (4 rules, 0.46 s)\n"
    )


def test_text_in_russian() -> None:
    text = render(three_violations("ru"), "text")
    assert text.startswith(f"Ошибки (1)\n\n{YAML_FILE}:42:7: error[liability-limit] ")
    assert "    поле:      responsibilities[1].sanctions[0]\n" in text
    assert "    объект:    Fines for lateness (responsibility:fines-for-lateness)\n" in text
    assert text.endswith("ошибок: 1, предупреждений: 1, сведений: 1 (правил: 4, 0.46 с)\n")


# -- json -------------------------------------------------------------------------------------


def test_json_exact_and_valid_against_its_schema() -> None:
    data = json.loads(render(three_violations(), "json"))
    schema = json.loads((REPO / "schema" / "check-report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert {key: value for key, value in data.items() if key != "violations"} == {
        "conforms": False,
        "counts": {"error": 1, "warning": 1, "info": 1},
        "rules_run": ["structure", "liability-limit", "unused-requirement", "labels"],
        "files": [YAML_FILE],
        "lang": "en",
        "reasoner_used": False,
        "seconds": 0.457,
        "notes": [],
        "input_errors": [],
    }
    assert [v["rule"] for v in data["violations"]] == [
        "liability-limit",
        "unused-requirement",
        "labels",
    ]
    assert data["violations"][0] == {
        "rule": "liability-limit",
        "severity": "error",
        "message": 'Responsibility "Fines for lateness" imposes a fine.',
        "focus": ID_BASE + "responsibility/fines-for-lateness",
        "focus_label": "Fines for lateness",
        "path": str(CG.sanction),
        "value": str(CG.fine),
        "value_label": "fine",
        "fix": "Use a remark, a reprimand or dismissal.",
        "source": NORM_192,
        "source_label": "Labour Code, art. 192",
        "location": {
            "path": YAML_FILE,
            "line": 42,
            "column": 7,
            "field": "responsibilities[1].sanctions[0]",
        },
        "causes": [],
        "caused_by": None,
    }
    assert data["violations"][1]["location"] is None
    assert data["violations"][2]["path"] is None


def test_json_of_a_clean_report_is_valid() -> None:
    data = json.loads(render(Report(), "json"))
    schema = json.loads((REPO / "schema" / "check-report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["conforms"] is True
    assert data["violations"] == []


# -- junit ------------------------------------------------------------------------------------


def test_junit_one_suite_per_rule_one_case_per_violation() -> None:
    root = ET.fromstring(render(three_violations(), "junit", RULES))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "3", "0")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["structure", "liability-limit", "unused-requirement", "labels"]
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(len(c.findall("failure")) for c in cases)
        assert suite.get("errors") == "0"

    passing = suites["structure"].findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in passing] == [
        ("competency-graph.structure", "structure")
    ]
    assert passing[0].find("failure") is None

    (case,) = suites["liability-limit"].findall("testcase")
    assert case.attrib == {
        "classname": "competency-graph.liability-limit",
        "name": "responsibility:fines-for-lateness -> cg:fine",
        "time": "0",
        "file": YAML_FILE,
        "line": "42",
    }
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == 'Responsibility "Fines for lateness" imposes a fine.'
    assert (failure.text or "").splitlines()[:2] == [
        f'{YAML_FILE}:42:7: error[liability-limit] Responsibility "Fines for lateness" '
        "imposes a fine.",
        "    field:    responsibilities[1].sanctions[0]",
    ]
    properties = {p.get("name"): p.get("value") for p in suites["liability-limit"].iter("property")}
    assert properties == {
        "severity": "error",
        "title": "Liability stays within the Labour Code",
        "source": NORM_192,
    }
    (warning_case,) = suites["unused-requirement"].findall("testcase")
    assert "file" not in warning_case.attrib


def test_junit_below_fail_on_passes_with_the_message_in_system_out() -> None:
    root = ET.fromstring(render(three_violations(), "junit", fail_on=Severity.ERROR))
    assert (root.get("tests"), root.get("failures")) == ("4", "1")
    labels = next(s for s in root.iter("testsuite") if s.get("name") == "labels")
    (case,) = labels.findall("testcase")
    assert case.find("failure") is None
    assert (case.findtext("system-out") or "").startswith("info[labels] ")
    never = ET.fromstring(render(three_violations(), "junit", fail_on=None))
    assert never.get("failures") == "0"


def test_junit_equal_names_in_a_suite_stay_apart() -> None:
    twice = Violation("labels", Severity.INFO, "no label", ID_BASE + "skill/crm", path="a")
    again = Violation("labels", Severity.INFO, "no label", ID_BASE + "skill/crm", path="b")
    root = ET.fromstring(render(Report(violations=[twice, again]), "junit"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert names == ["skill:crm", "skill:crm #2"]


# -- sarif ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (FIXTURES / "sarif-schema-2.1.0.json").read_text("utf-8")
    )
    return schema


def test_sarif_validates_against_the_official_schema(sarif_schema: dict[str, object]) -> None:
    log = json.loads(render(three_violations(), "sarif", RULES))
    jsonschema.Draft7Validator(sarif_schema).validate(log)
    clean = json.loads(render(Report(rules_run=["structure"]), "sarif", RULES))
    jsonschema.Draft7Validator(sarif_schema).validate(clean)
    assert clean["runs"][0]["results"] == []


def test_sarif_driver_rules_and_results() -> None:
    log = json.loads(render(three_violations(), "sarif", RULES))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == (
        "competency-graph",
        "https://w3id.org/competency-graph",
    )
    assert [rule["id"] for rule in driver["rules"]] == [
        "structure",
        "liability-limit",
        "unused-requirement",
        "labels",
    ]
    assert driver["rules"][1] == {
        "id": "liability-limit",
        "name": "liability-limit",
        "shortDescription": {"text": "Liability stays within the Labour Code"},
        "fullDescription": {"text": "No sanction beyond remark, reprimand or dismissal."},
        "help": {"text": f"No sanction beyond remark, reprimand or dismissal.\nSource: {NORM_192}"},
        "helpUri": ID_BASE + "rule/liability-limit",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["competency-graph", "error"], "source": NORM_192},
    }
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("liability-limit", 1, "error"),
        ("unused-requirement", 2, "warning"),
        ("labels", 3, "note"),
    ]
    first = results[0]
    assert first["message"]["text"] == (
        'Responsibility "Fines for lateness" imposes a fine. '
        "Use a remark, a reprimand or dismissal."
    )
    (location,) = first["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": YAML_FILE},
        "region": {"startLine": 42, "startColumn": 7},
    }
    assert location["logicalLocations"] == [
        {
            "name": "Fines for lateness",
            "fullyQualifiedName": ID_BASE + "responsibility/fines-for-lateness",
            "kind": "object",
        },
        {
            "name": "responsibilities[1].sanctions[0]",
            "fullyQualifiedName": "responsibilities[1].sanctions[0]",
            "kind": "member",
        },
    ]
    assert first["properties"]["field"] == "responsibilities[1].sanctions[0]"
    # no location of its own: the first checked file, line 1, so CI still shows it
    assert results[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": YAML_FILE},
        "region": {"startLine": 1},
    }
    fingerprints = {r["partialFingerprints"]["competencyGraphViolation/v1"] for r in results}
    assert len(fingerprints) == 3


def test_paths_relative_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "jd" / "manager.yaml"
    outside = tmp_path.parent / "elsewhere.yaml"
    report = Report(
        violations=[
            Violation(
                "structure",
                Severity.ERROR,
                "a",
                ID_BASE + "jd/a",
                location=Location(str(inside), 3),
            ),
            Violation(
                "structure",
                Severity.ERROR,
                "b",
                ID_BASE + "jd/b",
                location=Location(str(outside), 4),
            ),
        ]
    )
    results = json.loads(render(report, "sarif"))["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["jd/manager.yaml", outside.as_uri()]
    cases = ET.fromstring(render(report, "junit")).iter("testcase")
    assert [case.get("file") for case in cases] == ["jd/manager.yaml", outside.as_posix()]


# -- shacl ------------------------------------------------------------------------------------

EXPECTED_SHACL = """\
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix id: <https://w3id.org/competency-graph/id/> .

[] a sh:ValidationReport ;
    sh:conforms false ;
    sh:result [ a sh:ValidationResult ;
            sh:focusNode <https://w3id.org/competency-graph/id/responsibility/fines-for-lateness> ;
            sh:resultPath cg:sanction ;
            sh:value cg:fine ;
            sh:resultSeverity sh:Violation ;
            sh:resultMessage "Responsibility \\"Fines for lateness\\" imposes a fine."@en ;
            sh:sourceConstraintComponent sh:SPARQLConstraintComponent ;
            sh:sourceShape <https://w3id.org/competency-graph/id/rule/liability-limit> ] ,
        [ a sh:ValidationResult ;
            sh:focusNode <https://w3id.org/competency-graph/id/position/account-manager> ;
            sh:resultPath cg:hasRequirement ;
            sh:value <https://w3id.org/competency-graph/id/skill/ms-excel> ;
            sh:resultSeverity sh:Warning ;
            sh:resultMessage
                "Required skill \\"MS Excel\\" supports no duty of \\"Account manager\\"."@en ;
            sh:sourceConstraintComponent sh:SPARQLConstraintComponent ;
            sh:sourceShape <https://w3id.org/competency-graph/id/rule/unused-requirement> ] ,
        [ a sh:ValidationResult ;
            sh:focusNode <https://w3id.org/competency-graph/id/skill/crm> ;
            sh:value "ru" ;
            sh:resultSeverity sh:Info ;
            sh:resultMessage "Skill \\"CRM\\" has no Russian label."@en ;
            sh:sourceConstraintComponent sh:SPARQLConstraintComponent ;
            sh:sourceShape <https://w3id.org/competency-graph/id/rule/labels> ] .
"""

# What SHACL 1.0 section 3.6 requires of a validation report, as shapes.
REPORT_SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <urn:test:> .

t:Report a sh:NodeShape ;
    sh:targetClass sh:ValidationReport ;
    sh:property [ sh:path sh:conforms ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:boolean ] ;
    sh:property [ sh:path sh:result ; sh:class sh:ValidationResult ] .

t:Result a sh:NodeShape ;
    sh:targetClass sh:ValidationResult ;
    sh:property [ sh:path sh:focusNode ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path sh:resultPath ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path sh:value ; sh:maxCount 1 ] ;
    sh:property [ sh:path sh:resultSeverity ; sh:minCount 1 ; sh:maxCount 1 ;
                  sh:in ( sh:Violation sh:Warning sh:Info ) ] ;
    sh:property [ sh:path sh:sourceConstraintComponent ; sh:minCount 1 ; sh:maxCount 1 ;
                  sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path sh:sourceShape ; sh:maxCount 1 ] ;
    sh:property [ sh:path sh:resultMessage ; sh:languageIn ( "en" "ru" ) ] .
"""


def test_shacl_report_is_exactly_the_expected_graph() -> None:
    produced = Graph().parse(data=render(three_violations(), "shacl"), format="turtle")
    expected = Graph().parse(data=EXPECTED_SHACL, format="turtle")
    assert isomorphic(produced, expected)


def test_shacl_report_conforms_to_the_shape_of_a_validation_report() -> None:
    data = Graph().parse(data=render(three_violations("ru"), "shacl", RULES), format="turtle")
    shapes = Graph().parse(data=REPORT_SHAPES, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes)
    assert conforms, text
    clean = Graph().parse(data=render(Report(), "shacl"), format="turtle")
    conforms, _, text = validate(clean, shacl_graph=shapes)
    assert conforms, text


def test_shacl_source_component_comes_from_the_rule() -> None:
    violation = Violation("owl-consistency", Severity.ERROR, "inconsistent", ID_BASE + "x/y")
    rule = RuleInfo(
        "owl-consistency", Severity.ERROR, "Consistent", component=str(CG.ReasonerConstraint)
    )
    graph = Graph().parse(
        data=render(Report(violations=[violation]), "shacl", [rule]), format="turtle"
    )
    assert set(graph.objects(None, SH.sourceConstraintComponent)) == {CG.ReasonerConstraint}


def _shacl_report(checker: Checker, lang: str = "en", rules: tuple[str, ...] = ()) -> Graph:
    report = checker.check_graph(reasoner=False, lang=lang, rules=rules, shacl=True)
    rendered = render(report, "shacl", rule_infos(checker.catalogue, lang))
    return Graph().parse(data=rendered, format="turtle")


def test_the_shacl_report_of_check_is_pyshacls_on_every_invalid_example(
    pyshacl_on_every_example: PyshaclRun,
) -> None:
    """Focus node, source shape and constraint, path, value (the term from the data, or the
    focus node when a SPARQL constraint binds no ?value), severity and component, as sets."""
    every = report_results(_shacl_report(Checker(pyshacl_on_every_example.loaded)))
    # the findings of rules evaluated in Python name their rule: no shape holds them
    ours = {result for result in every if not str(result[1]).startswith(RULE_BASE)}
    assert ours == report_results(pyshacl_on_every_example.report)
    assert len(ours) == 182
    shapes = {result[1] for result in ours}
    assert any(isinstance(shape, frozenset) for shape in shapes)  # property shapes, copied


def test_a_shacl_result_names_the_shape_and_its_sparql_constraint_and_the_real_value() -> None:
    path = EXAMPLES / "job-descriptions" / "invalid" / "vacancy-salary" / "from-greater-than-to.ttl"
    graph = _shacl_report(Checker(load_graph([path])))
    (result,) = graph.subjects(RDF.type, SH.ValidationResult)
    assert graph.value(result, SH.value) == Literal("120000.0", datatype=XSD.decimal)
    assert graph.value(result, SH.sourceShape) == URIRef(
        "https://w3id.org/competency-graph/shapes#VacancySalary"
    )
    constraint = graph.value(result, SH.sourceConstraint)
    assert isinstance(constraint, BNode)
    assert str(graph.value(constraint, SH.select)).startswith("SELECT $this (cg:salary AS ?path)")
    assert set(graph.objects(result, SH.resultMessage)) == {
        Literal(
            "Vacancy 'Vacancy: example-backwards-salary': the salary 'from' 120000 is greater "
            "than its 'to'.",
            lang="en",
        ),
        Literal(
            "Вакансия «Вакансия: example-backwards-salary»: зарплата «от» 120000 больше, чем «до».",
            lang="ru",
        ),
    }


def test_a_sparql_constraint_without_value_reports_the_focus_node_as_value() -> None:
    path = EXAMPLES / "job-descriptions" / "invalid" / "vacancy-salary" / "no-salary.ttl"
    graph = _shacl_report(Checker(load_graph([path])))
    (result,) = graph.subjects(RDF.type, SH.ValidationResult)
    focus = graph.value(result, SH.focusNode)
    assert focus == expand_id("vacancy:example-no-salary")
    assert graph.value(result, SH.value) == focus


def _missing_right(shape: BNode, *names: str) -> Report:
    """Two job descriptions without a right, found by one property shape (a blank node)."""
    violations = []
    for name in names:
        focus = URIRef(ID_BASE + "job-description/" + name)
        shacl = ShaclResult(
            focus=focus,
            source_shape=shape,
            component=SH.MinCountConstraintComponent,
            messages=(("en", f"{name} in English"), ("ru", f"{name} по-русски")),
            shapes=((shape, SH.path, CG.grantsRight), (shape, SH.minCount, Literal(1))),
        )
        message = f"{name} in English"
        violations.append(Violation("structure", Severity.ERROR, message, str(focus), shacl=shacl))
    return Report(violations=violations)


def test_a_property_shape_is_the_source_shape_copied_into_the_report() -> None:
    graph = Graph().parse(data=render(_missing_right(BNode(), "x"), "shacl"), format="turtle")
    (result,) = graph.subjects(RDF.type, SH.ValidationResult)
    copied = graph.value(result, SH.sourceShape)
    assert set(graph.predicate_objects(copied)) == {
        (SH.path, CG.grantsRight),
        (SH.minCount, Literal(1)),
    }
    assert graph.value(result, SH.value) is None
    assert graph.value(result, SH.sourceConstraint) is None
    assert graph.value(result, SH.sourceConstraintComponent) == SH.MinCountConstraintComponent
    assert set(graph.objects(result, SH.resultMessage)) == {
        Literal("x in English", lang="en"),
        Literal("x по-русски", lang="ru"),
    }


def test_blank_nodes_are_named_in_order_so_a_report_reads_the_same_each_run() -> None:
    # the shapes' blank nodes get new labels each time the shapes are parsed
    first = render(_missing_right(BNode(), "x", "y"), "shacl")
    assert first == render(_missing_right(BNode(), "x", "y"), "shacl")
    assert "_:b1" in first


# -- all ----------------------------------------------------------------------------------------


def test_formats_listed_and_unknown_refused() -> None:
    assert FORMATS == ("text", "json", "junit", "sarif", "shacl")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(Report(), "xml")
