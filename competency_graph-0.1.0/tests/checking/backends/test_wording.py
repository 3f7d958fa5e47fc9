"""The wording evaluator (rule discriminatory-wording): free-text findings per owner and
ground, located, with the ground's severity and norms; left to the structured rules or a
permitting norm where those judge the ground; reference data not screened."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from competency_graph.checking.backends.evaluators import RuleFinding
from competency_graph.checking.backends.wording import WordingEvaluator, _lower_limit_within
from competency_graph.checking.engine import Checker
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.files import load_graph
from competency_graph.model.rules import Severity
from competency_graph.namespaces import CG, ID_BASE

from ...conftest import EXAMPLES, FIXTURES

INVALID = EXAMPLES / "job-descriptions" / "invalid"
VALID = EXAMPLES / "job-descriptions" / "valid"
POSTING = INVALID / "discriminatory-wording" / "russian-posting.ttl"
NORM = ID_BASE + "norm/"


def _findings(path: Path) -> dict[str, RuleFinding]:
    evaluator = WordingEvaluator(WorkingGraph.of(load_graph([path]).graph))
    return {str(f.value).rsplit("#", 1)[1]: f for f in evaluator.findings(None)}


def test_one_finding_per_owner_and_ground_quoting_each_phrasing_where_it_stands() -> None:
    findings = _findings(POSTING)
    assert sorted(findings) == ["age", "place-of-residence", "race", "sex"]
    age = findings["age"]
    assert age.focus == URIRef(ID_BASE + "vacancy/example-posting-wording")
    assert age.detail.en == (
        "«от 23 до 45 лет» (cg:sourceText@ru, characters 18–33); "
        "«молодой» (cg:sourceText@ru, characters 97–104)"
    )
    assert age.detail.ru == (
        "«от 23 до 45 лет» (cg:sourceText@ru, символы 18–33); "
        "«молодой» (cg:sourceText@ru, символы 97–104)"
    )
    assert age.path == CG.sourceText
    assert age.severity is None  # the rule's own: an error
    assert age.norms == (NORM + "employment-law-as-a-whole", NORM + "labour-code-art-3")


def test_the_violation_cites_the_grounds_norms_by_name_and_locates_the_words() -> None:
    report = Checker(load_graph([POSTING])).check_graph(
        reasoner=False, rules=["discriminatory-wording"], lang="en"
    )
    sex = next(v for v in report.violations if v.value == str(CG.sex))
    assert sex.message == (
        "The words of 'Vacancy: manager for a posting with text' set a requirement on sex, "
        "which the law prohibits or restricts: «девушка» (cg:sourceText@ru, characters 10–17)."
    )
    assert sex.source.endswith(
        "Employment Law as a whole (ban on discriminatory vacancy information), "
        "Labour Code of the RF, art. 3, Labour Code of the RF, art. 64"
    )
    # at the statement that holds the words (the vacancy's cg:sourceText), not the vacancy's line
    assert sex.location is not None and sex.location.line == 61


def test_a_restricted_ground_alone_is_a_warning_citing_its_own_norm() -> None:
    path = FIXTURES / "wording" / "posting_with_citizenship_only.ttl"
    report = Checker(load_graph([path])).check_graph(
        reasoner=False, rules=["discriminatory-wording"], lang="en"
    )
    (violation,) = report.violations
    assert violation.severity is Severity.WARNING
    assert violation.source.endswith("; Labour Code of the RF, art. 64")
    assert "«граждане РФ» (cg:sourceText@ru, characters 29–40)" in violation.message


def test_a_ground_a_structured_requirement_states_is_left_to_the_structured_rule() -> None:
    # the seed postings 30 and 39 say "Registration - Moscow" and "age from 23 to 45" in
    # their words and as structured requirements: reported once, by discrimination
    path = EXAMPLES / "vacancies" / "seed-000-vacancies.ttl"
    report = Checker(load_graph([path])).check_graph(
        reasoner=False, rules=["discriminatory-wording", "discrimination"]
    )
    assert {(v.rule_id, v.focus.rsplit("/", 1)[1]) for v in report.violations} == {
        ("discrimination", "seed-000-posting-30"),
        ("discrimination", "seed-000-posting-39"),
    }


def test_a_norm_the_owner_cites_permits_up_to_its_minimum_age_and_no_further() -> None:
    assert _findings(VALID / "cashier-posting-18-and-over.ttl") == {}
    upper = _findings(INVALID / "discriminatory-wording" / "cashier-posting-with-an-upper-age.ttl")
    assert sorted(upper) == ["age"]


def test_lower_limits_within_a_minimum_age() -> None:
    within = ["от 18 лет", "18+", "не моложе 18 лет", "aged 18 and over", "от 16 лет"]
    within += ["совершеннолетний", "adults only"]
    beyond = ["от 21 года", "от 18 до 35 лет", "до 18 лет", "18-35", "under 18", "моложе 18"]
    assert [w for w in within if not _lower_limit_within(w, 18)] == []
    assert [w for w in beyond if _lower_limit_within(w, 18)] == []


def test_reference_data_is_not_screened() -> None:
    path = FIXTURES / "wording" / "esco_occupation_with_young_people.ttl"
    assert _findings(path) == {}


def test_lawful_phrasings_in_a_posting_give_nothing() -> None:
    assert _findings(VALID / "lawful-posting-wording.ttl") == {}


def test_a_position_check_screens_only_what_the_position_owns() -> None:
    checker = Checker(load_graph([POSTING]))
    position = ID_BASE + "position/example-posting-wording"
    evaluator = WordingEvaluator(checker.working)
    scoped = evaluator.findings(PositionScope.of(checker.working, position))
    assert sorted(str(f.value).rsplit("#", 1)[1] for f in scoped) == [
        "age",
        "place-of-residence",
        "race",
        "sex",
    ]
