"""The checker engine: every rule example fails for exactly its stated reason, the shipped
ontology passes, the focused check agrees with the full one, and the oxigraph evaluation
agrees with pySHACL's."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from competency_graph.checking.backends.hermit import java_available
from competency_graph.checking.engine import Checker
from competency_graph.checking.report import Violation
from competency_graph.checking.scope import owned_entities
from competency_graph.checking.shapes import read_shapes
from competency_graph.errors import InputError, UnknownIdError
from competency_graph.graph.files import LoadedGraph, load_graph
from competency_graph.importers.inputs import load_inputs
from competency_graph.model.rules import Severity
from competency_graph.namespaces import CG, compact_id, expand_id

from ..conftest import EXAMPLES, FIXTURES, shipped_rule_ids

RULE_EXAMPLES = EXAMPLES / "job-descriptions" / "invalid"
VALID_EXAMPLES = EXAMPLES / "job-descriptions" / "valid"
SEED_VACANCIES = EXAMPLES / "vacancies" / "seed-000-vacancies.ttl"
#: the broken example(s) of each rule: Turtle, and YAML job descriptions
INVALID_EXAMPLES = sorted([*RULE_EXAMPLES.glob("*/*.ttl"), *RULE_EXAMPLES.glob("*/*.yaml")])
NEEDS_REASONER = {"owl-consistency"}


def expectations(path: Path) -> list[str]:
    """The ``# expect: rule focus value`` lines at the top of an example."""
    return sorted(
        line.removeprefix("# expect:").strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect:") and "nothing" not in line
    )


def _short(text: str | None) -> str:
    if not text:
        return "-"
    if text.startswith(str(CG)):
        return "cg:" + text[len(str(CG)) :]
    if text.startswith("http"):
        return compact_id(text)
    return f'"{text}"'


def found(violations: list[Violation]) -> list[str]:
    return sorted(f"{v.rule_id} {_short(v.focus)} {_short(v.value)}" for v in violations)


def test_there_is_an_invalid_example_for_every_rule(shipped: LoadedGraph) -> None:
    rules = set(Checker(shipped).catalogue)
    assert {path.parent.name for path in INVALID_EXAMPLES} == rules


def test_shipped_ontology_has_no_violation_at_all(shipped: LoadedGraph) -> None:
    report = Checker(shipped).check_graph(reasoner=java_available())
    assert report.violations == []
    every = shipped_rule_ids()
    run = every if java_available() else [rule for rule in every if rule != "owl-consistency"]
    assert report.rules_run == run


@pytest.mark.parametrize("path", sorted(VALID_EXAMPLES.glob("*.*")), ids=lambda p: p.name)
def test_valid_examples_pass_every_rule(path: Path) -> None:
    report = Checker(load_inputs([path])).check_graph(reasoner=False)
    assert found(report.violations) == []


@pytest.mark.parametrize("path", INVALID_EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_invalid_example_fails_with_exactly_its_expected_rules_and_focus(path: Path) -> None:
    reasoner = path.parent.name in NEEDS_REASONER
    if reasoner and not java_available():
        pytest.skip("HermiT needs java")
    expected = expectations(path)
    assert expected, f"{path} states no expectation"
    report = Checker(load_inputs([path])).check_graph(reasoner=reasoner)
    assert found(report.violations) == expected
    assert {v.rule_id for v in report.violations} == {path.parent.name}


@pytest.mark.parametrize("path", INVALID_EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_focused_check_equals_the_full_check_restricted_to_the_position(path: Path) -> None:
    loaded = load_inputs([path])
    checker = Checker(loaded)
    full = checker.check_graph(reasoner=False)
    positions = {
        URIRef(iri)
        for line in expectations(path)
        for iri in (str(expand_id(line.split()[1])),)
        if "/position/" in iri
    } or {
        position
        for position in loaded.graph.subjects(None, None)
        if isinstance(position, URIRef) and "/position/example-" in str(position)
    }
    for position in sorted(positions):
        owned = {str(node) for node in owned_entities(checker.graph, position)}
        focused = checker.check_position(str(position))
        assert found(focused.violations) == found(
            [v for v in full.violations if v.focus in owned]
        ), position


def test_oxigraph_evaluation_gives_pyshacl_answers_on_all_examples_together() -> None:
    together = [p for p in INVALID_EXAMPLES if p.parent.name not in NEEDS_REASONER]
    loaded = load_inputs([*together, SEED_VACANCIES])
    fast = Checker(loaded, engine="oxigraph").check_graph(reasoner=False)
    reference = Checker(loaded, engine="pyshacl").check_graph(reasoner=False)
    assert len(fast.violations) > 150
    assert {(v.rule_id, v.focus, v.path, v.value, v.message) for v in fast.violations} == {
        (v.rule_id, v.focus, v.path, v.value, v.message) for v in reference.violations
    }


def test_seed_vacancies_report_the_unlawful_requirements_against_the_right_postings() -> None:
    report = Checker(load_graph([SEED_VACANCIES])).check_graph(
        reasoner=False, rules=["discrimination", "citizenship", "vacancy-salary"]
    )
    assert found(report.violations) == sorted(
        [
            "discrimination vacancy:seed-000-posting-39 cg:age",
            "discrimination vacancy:seed-000-posting-30 cg:place-of-residence",
            "citizenship vacancy:seed-000-posting-05 cg:citizenship",
            "citizenship vacancy:seed-000-posting-30 cg:citizenship",
        ]
        + [
            f"vacancy-salary vacancy:seed-000-posting-{n:02d} -"
            for n in (2, 4, 7, 16, 19, 24, 28, 50)
        ]
    )


def test_messages_come_in_the_requested_language_and_name_the_entities() -> None:
    path = RULE_EXAMPLES / "duty-coverage" / "duty-without-required-skill.ttl"
    checker = Checker(load_graph([path]))
    (english,) = checker.check_graph(reasoner=False, rules=["duty-coverage"]).violations
    (russian,) = checker.check_graph(reasoner=False, rules=["duty-coverage"], lang="ru").violations
    assert english.message == (
        "Duty 'Conclusion of contracts on behalf of the company' in 'Job description: manager "
        "with an uncovered duty' is supported by no skill the position requires."
    )
    assert russian.message == (
        "Обязанность «Заключение договоров от имени компании» в «Должностная инструкция: "
        "менеджер с необеспеченной обязанностью» не обеспечена ни одним навыком, который "
        "требуется по должности."
    )
    assert english.severity is Severity.ERROR
    assert english.path == str(CG.includesDuty)
    assert english.fix.startswith("Require (cg:hasRequirement / cg:requiredSkill)")
    assert (
        english.source == "Job-description practice: each duty is backed by a required competence."
    )
    assert russian.source_label == (
        "Практика должностных инструкций: каждая обязанность обеспечена требуемой компетенцией."
    )


def test_sources_name_the_law_by_its_name() -> None:
    path = RULE_EXAMPLES / "familiarisation" / "in-force-not-familiarised.ttl"
    checker = Checker(load_graph([path]))
    (english,) = checker.check_graph(reasoner=False, rules=["familiarisation"]).violations
    (russian,) = checker.check_graph(
        reasoner=False, rules=["familiarisation"], lang="ru"
    ).violations
    assert english.source == (
        "Job-description practice: the description ends with the employee's signature that "
        "they have read it; Labour Code of the RF, art. 68"
    )
    assert russian.source_label == (
        "Практика должностных инструкций: инструкция завершается подписью работника об "
        "ознакомлении; ТК РФ, ст. 68"
    )


def test_violations_point_at_the_line_of_the_statement_to_fix() -> None:
    path = RULE_EXAMPLES / "liability-limit" / "fine-as-sanction.ttl"
    (violation,) = Checker(load_graph([path])).check_graph(reasoner=False).violations
    assert violation.location is not None
    assert violation.location.path == str(path)
    line = path.read_text(encoding="utf-8").splitlines()[violation.location.line - 1]  # type: ignore[operator]
    assert line == "    cg:sanction cg:fine ;"


def test_rule_selection_and_unknown_rule_ids(shipped: LoadedGraph) -> None:
    checker = Checker(shipped)
    report = checker.check_graph(reasoner=False, rules=["labels", "structure"], skip=["labels"])
    assert report.rules_run == ["structure"]
    with pytest.raises(InputError, match="unknown rule id 'no-such-rule'"):
        checker.check_graph(rules=["no-such-rule"])
    with pytest.raises(InputError, match="unknown position 'position:nobody'"):
        checker.check_position(str(expand_id("position:nobody")))


def test_an_unknown_position_is_named_with_the_closest_one(shipped: LoadedGraph) -> None:
    with pytest.raises(UnknownIdError) as raised:
        Checker(shipped).check_position("acount-manager")
    assert str(raised.value) == (
        "unknown position 'acount-manager' (did you mean 'position:account-manager'?)"
    )


def test_without_the_reasoner_owl_consistency_is_reported_as_skipped(shipped: LoadedGraph) -> None:
    report = Checker(shipped).check_graph(reasoner=False)
    assert "owl-consistency" not in report.rules_run
    assert report.notes == ["owl-consistency skipped (--no-reasoner)"]


def test_a_position_reporting_to_itself_is_named_as_such_in_both_languages() -> None:
    # a self-loop used to match the cycle constraint with ?value = $this, which reads as
    # "no value": "its reporting line through '' comes back to itself"
    path = RULE_EXAMPLES / "reporting-line" / "reports-to-itself.ttl"
    checker = Checker(load_graph([path]))
    (english,) = checker.check_graph(reasoner=False, rules=["reporting-line"]).violations
    (russian,) = checker.check_graph(reasoner=False, rules=["reporting-line"], lang="ru").violations
    assert english.message == "Position 'manager reporting to themself': it reports to itself."
    assert russian.message == (
        "Должность «менеджер, подчинённый самому себе»: она подчиняется сама себе."
    )
    assert english.path == "http://www.w3.org/ns/org#reportsTo"


def test_a_shape_beyond_the_compiler_is_checked_by_pyshacl_and_named_in_the_notes() -> None:
    fallback = FIXTURES / "fallback"
    loaded = load_graph([fallback / "position-with-a-short-label.ttl"])
    checker = Checker(loaded, shapes=read_shapes(fallback / "shapes"))
    position = str(expand_id("position:example-short-label"))
    whole = checker.check_graph(rules=["labels"])
    focused = checker.check_position(position, rules=["labels"])
    for report in (whole, focused):
        assert report.notes == [
            "rule labels: shape cgsh:ShortLabels uses sh:minLength, checked by pySHACL (slow)"
        ]
        assert [(v.rule_id, v.focus, v.value, v.message) for v in report.violations] == [
            ("labels", position, "PM", "'PM': a label of fewer than 3 characters.")
        ]


def test_labels_are_expected_in_the_languages_of_their_source() -> None:
    path = FIXTURES / "sources" / "labels_by_source.ttl"
    report = Checker(load_graph([path])).check_graph(reasoner=False, rules=["labels"])
    assert found(report.violations) == [
        'labels http://data.europa.eu/esco/occupation/fixture-german "en"',
        'labels position:fixture-english-only "ru"',
    ]


def test_require_reasoner_refuses_to_pass_without_the_reasoner(
    shipped: LoadedGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from competency_graph.checking.backends import hermit

    def unavailable(graph: object) -> hermit.ReasonerResult:
        raise hermit.ReasonerUnavailable("java is not on PATH")

    monkeypatch.setattr(hermit, "run_hermit", unavailable)
    checker = Checker(shipped)
    report = checker.check_graph(rules=["owl-consistency", "labels"])
    assert report.not_run == ["owl-consistency not run: java is not on PATH"]
    assert report.rules_run == ["labels"] and not report.reasoner_used
    with pytest.raises(InputError, match="java is not on PATH \\(--require-reasoner\\)"):
        checker.check_graph(rules=["owl-consistency"], require_reasoner=True)


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_an_exact_match_stands_in_for_the_skill_a_duty_needs(engine: str) -> None:
    """Our "financial statements" (required) is skos:exactMatch to ESCO's (the duty's): the
    duty is covered. Our "taxation" is only a skos:closeMatch to ESCO's tax legislation: the
    duty that requires that is not, and taxation supports no duty."""
    loaded = load_graph([FIXTURES / "model" / "skill_links.ttl"])
    checker = Checker(loaded, engine=engine)
    rules = ["duty-coverage", "required-competence", "unused-requirement"]
    expected = [
        "duty-coverage jd:analyst duty:taxes",
        "required-competence jd:analyst esco:tax-legislation",
        "unused-requirement position:analyst skill:taxation",
    ]
    full = checker.check_graph(reasoner=False, rules=rules)
    assert [
        f.replace("http://data.europa.eu/esco/skill/", "esco:") for f in found(full.violations)
    ] == expected
    focused = checker.check_position(str(expand_id("position:analyst")), rules=rules)
    assert found(focused.violations) == found(full.violations)
