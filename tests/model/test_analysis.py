"""Skill-support, coverage, gap and match semantics on a small hand-checked organisation."""

from __future__ import annotations

import random
from math import fsum

import pytest

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers.esco import ImportResult
from competency_graph.model import analysis
from competency_graph.model.cache import load_read_model
from competency_graph.model.matching import MatchWeights
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import compact_id, expand_id

from ..conftest import FIXTURES, ONTOLOGY


@pytest.fixture(scope="module")
def model() -> ReadModel:
    loaded = load_files(
        [ONTOLOGY / "core.ttl", FIXTURES / "api" / "small_org.ttl"], follow_imports=False
    )
    return build_read_model(loaded.graph)


def iri(identifier: str) -> str:
    return str(expand_id(identifier))


def ids(iris: object) -> list[str]:
    return [compact_id(i) for i in iris]  # type: ignore[attr-defined]


def test_skills_supporting_include_narrower_skills_transitively(model: ReadModel) -> None:
    found = analysis.skills_supporting(model, iri("duty:prepare-documents"))
    assert [(compact_id(s.skill), s.direct, ids(s.via)) for s in found] == [
        ("skill:ms-office", True, ["skill:ms-office"]),
        ("skill:ms-excel", False, ["skill:ms-office"]),
        ("skill:ms-word", False, ["skill:ms-office"]),
    ]


def test_skills_supporting_declared_only(model: ReadModel) -> None:
    found = analysis.skills_supporting(model, iri("duty:foreign-clients"), include_narrower=False)
    assert ids(s.skill for s in found) == ["skill:foreign-language", "skill:negotiation"]


def test_duties_supported_by_a_narrow_skill_include_those_of_broader_ones(
    model: ReadModel,
) -> None:
    found = analysis.duties_supported_by(model, iri("skill:ms-excel"))
    assert [(compact_id(d.duty), ids(d.via)) for d in found] == [
        ("duty:prepare-documents", ["skill:ms-office"]),
        ("duty:prepare-reports", ["skill:ms-excel"]),
    ]


def test_a_broader_skill_does_not_support_a_duty_needing_a_narrower_one(
    model: ReadModel,
) -> None:
    found = analysis.duties_supported_by(model, iri("skill:ms-office"))
    assert ids(d.duty for d in found) == ["duty:prepare-documents"]
    assert analysis.duties_supported_by(model, iri("skill:pc-literacy")) == []


def test_coverage_marks_the_uncovered_duty_and_the_unused_skill(model: ReadModel) -> None:
    result = analysis.coverage(model, iri("position:account-manager"))
    assert compact_id(result.job_description or "") == "jd:account-manager"
    assert ids(result.skills) == [
        "skill:english",
        "skill:ms-excel",
        "skill:negotiation",
        "skill:stress-resistance",
    ]
    matrix = {
        compact_id(row.duty): [compact_id(c.skill) for c in row.cells if c.covers]
        for row in result.rows
    }
    assert matrix == {
        "duty:foreign-clients": ["skill:english", "skill:negotiation"],
        "duty:maintain-client-base": [],
        "duty:negotiate": ["skill:negotiation"],
        "duty:prepare-documents": ["skill:ms-excel"],
        "duty:prepare-reports": ["skill:ms-excel"],
    }
    assert ids(result.uncovered_duties) == ["duty:maintain-client-base"]
    assert ids(result.unused_skills) == ["skill:stress-resistance"]
    # English is narrower than the foreign language the duty requires, so nothing is missing
    assert all(row.missing_competences == () for row in result.rows)


def test_coverage_of_a_position_without_job_description_is_empty(model: ReadModel) -> None:
    result = analysis.coverage(model, iri("position:sales-director"))
    assert result.job_description is None
    assert result.rows == ()
    assert ids(result.unused_skills) == ["skill:crm", "skill:ms-office", "skill:negotiation"]


def test_skill_gap_separates_essential_and_optional(model: ReadModel) -> None:
    gap = analysis.skill_gap(
        model,
        iri("position:account-manager"),
        ["skill:ms-office", "skill:negotiation", "skill:english"],
    )
    # MS Office is broader than the MS Excel asked for: it does not meet it
    assert [r.id for r in gap.missing_essential] == [
        "requirement:am-excel",
        "requirement:am-stress",
    ]
    assert gap.missing_optional == ()
    assert [(s.requirement.id, ids(s.met_by)) for s in gap.met] == [
        ("requirement:am-english", ["skill:english"]),
        ("requirement:am-negotiation", ["skill:negotiation"]),
    ]
    assert [r.id for r in gap.unassessed] == ["requirement:am-education"]


def test_match_positions_ranks_by_weighted_score(model: ReadModel) -> None:
    matches = analysis.match_positions(model, ["skill:ms-excel", "skill:negotiation", "skill:crm"])
    assert [(compact_id(m.position), m.score) for m in matches] == [
        ("position:sales-director", 1.0),  # MS Excel meets the optional MS Office
        # (2 + 2) / (2 + 2 + 1 + 2 x 0.25): stress resistance is a personal quality
        ("position:account-manager", 0.7273),
    ]
    # the cellular manager asks for none of the skills: not a match at all
    assert matches[1].explanation() == (
        "2 of 3 essential and 0 of 1 optional skill requirements met; score = earned / weight "
        "of all = 4 / 5.5 = 0.7273; a requirement weighs necessity x kind x reuse level "
        "(essential 2, optional 1, personal-quality 0.25; others 1) and earns its weight x the "
        "factor of its link (self 1, narrower 1, exactMatch 1, closeMatch 0.5). Met: "
        "requirement:am-excel (essential, weight 2) by skill:ms-excel (self, earns 2); "
        "requirement:am-negotiation (essential, weight 2) by skill:negotiation (self, earns 2)"
    )
    assert (matches[1].weight_met, matches[1].weight_total) == (4.0, 5.5)
    # the trainee has no skill requirement, so it cannot be scored
    assert "position:trainee" not in [compact_id(m.position) for m in matches]


def test_an_empty_profile_matches_nothing(model: ReadModel) -> None:
    assert analysis.match_positions(model, []) == []
    assert analysis.match_positions(model, ["skill:juggling"]) == []


def test_weights_given_per_request_change_the_ranking(model: ReadModel) -> None:
    have = ["skill:ms-word", "skill:stress-resistance"]
    assert [(compact_id(m.position), m.score) for m in analysis.match_positions(model, have)] == [
        ("position:cellular-manager", 0.6667),  # 2 / (2 + 1)
        ("position:sales-director", 0.2),  # MS Word meets the optional MS Office: 1 / 5
        ("position:account-manager", 0.0909),  # stress resistance: 2 x 0.25 / 5.5
    ]
    qualities_count = MatchWeights(personal_quality=4.0)
    ranked = analysis.match_positions(model, have, weights=qualities_count)
    assert [(compact_id(m.position), m.score) for m in ranked] == [
        ("position:cellular-manager", 0.6667),
        ("position:account-manager", 0.6154),  # 8 / (2 + 2 + 1 + 8)
        ("position:sales-director", 0.2),
    ]


def test_match_limit(model: ReadModel) -> None:
    assert len(analysis.match_positions(model, ["skill:crm"], limit=1)) == 1


def test_unknown_skills_are_left_out_and_named(model: ReadModel) -> None:
    gap = analysis.skill_gap(
        model, iri("position:account-manager"), ["skill:crm", "skill:juggling", "skill:negotiaton"]
    )
    assert ids(gap.have) == ["skill:crm"]
    assert [(e.identifier, e.code, e.suggestion) for e in gap.unknown] == [
        ("skill:juggling", "NOT_FOUND", None),
        ("skill:negotiaton", "NOT_FOUND", "skill:negotiation"),
    ]
    matches = analysis.match_positions(model, ["skill:crm", "skill juggling"], limit=1)
    assert [(e.identifier, e.code) for e in matches[0].gap.unknown] == [
        ("skill juggling", "BAD_ID")
    ]


def test_unknown_ids_are_input_errors(model: ReadModel) -> None:
    with pytest.raises(InputError) as raised:
        analysis.skills_supporting(model, iri("duty:nope"))
    assert str(raised.value) == "unknown duty 'duty:nope'"
    with pytest.raises(InputError) as raised:
        analysis.coverage(model, iri("skill:crm"))
    assert str(raised.value) == "unknown position 'skill:crm'"


def test_analyses_take_any_id_form(model: ReadModel) -> None:
    by_iri = analysis.coverage(model, iri("position:account-manager"))
    assert analysis.coverage(model, "pos:account-manager") == by_iri
    assert analysis.coverage(model, "account-manager") == by_iri


def test_indexed_ranking_agrees_with_the_gap_of_every_position(shipped: LoadedGraph) -> None:
    model = build_read_model(shipped.graph)
    skills = sorted(model.skills)
    rng = random.Random(4)
    weights = MatchWeights(tool=0.5, optional=0.7)
    for size, close_match in ((0, False), (1, False), (3, True), (10, False), (40, True)):
        have = rng.sample(skills, size)
        ranked = analysis.match_positions(model, have, close_match=close_match, weights=weights)
        for match in ranked:
            gap = analysis.skill_gap(model, match.position, have, close_match, weights)
            assert match.gap == gap
            essential = [s for s in gap.statuses if s.requirement.necessity == "essential"]
            optional = [s for s in gap.statuses if s.requirement.necessity != "essential"]
            assert (match.essential_met, match.essential_total) == (
                sum(s.met for s in essential),
                len(essential),
            )
            assert (match.optional_met, match.optional_total) == (
                sum(s.met for s in optional),
                len(optional),
            )
            assert match.weight_met == fsum(s.earned for s in gap.statuses)
            assert match.weight_total == fsum(s.weight for s in gap.statuses)
            assert match.essential_met + match.optional_met > 0
        keys = [(-m.score, len(m.gap.missing_essential), m.position) for m in ranked]
        assert keys == sorted(keys)
        # every position with a skill requirement the profile meets, and no other
        meeting = {
            p
            for p in model.positions
            if any(s.met for s in analysis.skill_gap(model, p, have, close_match, weights).statuses)
        }
        assert {m.position for m in ranked} == meeting


# -- links across schemes (tests/fixtures/model/skill_links.ttl) ------------------------------
@pytest.fixture(scope="module")
def linked() -> ReadModel:
    loaded = load_files(
        [ONTOLOGY / "core.ttl", FIXTURES / "model" / "skill_links.ttl"], follow_imports=False
    )
    return build_read_model(loaded.graph)


def met(gap: analysis.SkillGap) -> list[tuple[str, str | None, str, float, float]]:
    return [
        (s.requirement.id, s.link, compact_id(s.held_skill or ""), s.weight, s.earned)
        for s in gap.met
    ]


def test_skill_gap_says_which_link_met_each_requirement(linked: ReadModel) -> None:
    have = ["skill:taxation", "skill:financial-statements"]
    gap = analysis.skill_gap(linked, iri("position:accountant"), have)
    assert met(gap) == [
        ("requirement:acc-accounting", "exactMatch", "skill:financial-statements", 1.0, 1.0),
        ("requirement:acc-statements", "exactMatch", "skill:financial-statements", 2.0, 2.0),
    ]
    assert [r.id for r in gap.missing_essential] == ["requirement:acc-tax"]
    close = analysis.skill_gap(linked, iri("position:accountant"), have, close_match=True)
    assert met(close)[1:] == [
        ("requirement:acc-statements", "exactMatch", "skill:financial-statements", 2.0, 2.0),
        ("requirement:acc-tax", "closeMatch", "skill:taxation", 2.0, 1.0),
    ]


def test_the_strongest_link_comes_first(linked: ReadModel) -> None:
    gap = analysis.skill_gap(
        linked,
        iri("position:clerk"),
        ["http://data.europa.eu/esco/skill/spreadsheets", "skill:ms-excel"],
    )
    statuses = {s.requirement.id: s for s in gap.met}
    excel = statuses["requirement:clerk-excel"]
    assert [(compact_id(m.held), m.link) for m in excel.matches] == [
        ("skill:ms-excel", "self"),
        ("http://data.europa.eu/esco/skill/spreadsheets", "exactMatch"),
    ]
    assert (excel.link, compact_id(excel.held_skill or "")) == ("self", "skill:ms-excel")
    assert statuses["requirement:clerk-office"].link == "narrower"


def test_match_positions_through_exact_and_close_matches(linked: ReadModel) -> None:
    have = ["skill:financial-statements", "skill:taxation"]
    ranked = analysis.match_positions(linked, have)
    assert [(compact_id(m.position), m.score) for m in ranked] == [
        ("position:analyst", 1.0),
        ("position:accountant", 0.6),  # (2 + 1) / (2 + 2 + 1): tax legislation unmet
    ]
    ranked = analysis.match_positions(linked, have, close_match=True)
    assert [(compact_id(m.position), m.score) for m in ranked] == [
        ("position:analyst", 1.0),
        ("position:accountant", 0.8),  # the closeMatch earns half: (2 + 1 + 1) / 5
    ]
    assert (
        ranked[1]
        .explanation()
        .endswith(
            "Met: requirement:acc-accounting (optional, weight 1) by skill:financial-statements "
            "(exactMatch, earns 1); requirement:acc-statements (essential, weight 2) by "
            "skill:financial-statements (exactMatch, earns 2); requirement:acc-tax (essential, "
            "weight 2) by skill:taxation (closeMatch, earns 1)"
        )
    )


def test_coverage_counts_an_exact_match_and_a_close_one_when_asked(linked: ReadModel) -> None:
    result = analysis.coverage(linked, iri("position:analyst"))
    cells = {
        (compact_id(c.duty), compact_id(c.skill)): (len(c.via), c.link)
        for row in result.rows
        for c in row.cells
    }
    assert cells == {
        ("duty:report", "skill:financial-statements"): (1, "exactMatch"),
        ("duty:report", "skill:taxation"): (0, None),
        ("duty:taxes", "skill:financial-statements"): (0, None),
        ("duty:taxes", "skill:taxation"): (0, None),
    }
    assert ids(result.uncovered_duties) == ["duty:taxes"]
    assert [len(row.missing_competences) for row in result.rows] == [0, 1]
    close = analysis.coverage(linked, iri("position:analyst"), close_match=True)
    assert [c.link for c in close.rows[1].cells] == [None, "closeMatch"]
    assert close.uncovered_duties == ()
    assert [len(row.missing_competences) for row in close.rows] == [0, 0]


def test_a_key_account_profile_ranks_the_account_managers_by_their_skills(
    shipped: LoadedGraph,
) -> None:
    """Held-out style: five key-account skills. The key account manager comes second: the
    corporate client manager also asks for English, and key-account management meets its
    "corporate client management" as a narrower skill; qualities weigh a quarter, so the
    key account manager's 16 of them no longer push it down to third."""
    model = build_read_model(shipped.graph)
    have = [
        "skill:crm",
        "skill:ms-excel",
        "skill:negotiation",
        "skill:key-account-management",
        "skill:english",
    ]
    ranked = analysis.match_positions(model, have, limit=3)
    assert [(compact_id(m.position), m.score) for m in ranked] == [
        ("position:corporate-client-manager", 0.1055),  # 10 / 94.75
        ("position:key-account-manager", 0.0944),  # 8 / 84.75
        ("position:senior-account-manager", 0.0909),  # 8 / 88
    ]
    equal_kinds = MatchWeights(personal_quality=1.0)  # the ranking before kinds weighed
    assert [
        compact_id(m.position) for m in analysis.match_positions(model, have, 3, False, equal_kinds)
    ] == [
        "position:corporate-client-manager",
        "position:head-of-customer-service-department",
        "position:key-account-manager",
    ]


# -- ESCO imported (the published data beside the clone; skipped when absent) ---------------
ACCOUNTANT = "http://data.europa.eu/esco/occupation/eda0d957-3c3c-4139-b89a-a18bc9e18897"
ACCOUNTING_PROFILE = [
    "skill:financial-statements",
    "skill:taxation",
    "skill:1c",
    "skill:ms-excel",
    "skill:primary-accounting",
]


@pytest.fixture(scope="module")
def esco_model(esco_import: ImportResult) -> ReadModel:
    """ESCO and the shipped ontology, as ``serve --store`` reads them (the cache written or
    read)."""
    return load_read_model(Source(store=OxigraphStore.open(esco_import.store))).model


def esco_met(model: ReadModel, gap: analysis.SkillGap) -> list[tuple[str, str | None, str]]:
    return [
        (model.label(s.requirement.skill, "en"), s.link, compact_id(s.held_skill or ""))
        for s in gap.met
    ]


@pytest.mark.esco
def test_shipped_skills_meet_esco_requirements_through_their_exact_matches(
    esco_model: ReadModel,
) -> None:
    gap = analysis.skill_gap(esco_model, ACCOUNTANT, ACCOUNTING_PROFILE)
    assert esco_met(esco_model, gap) == [
        ("financial statements", "exactMatch", "skill:financial-statements")
    ]
    close = analysis.skill_gap(esco_model, ACCOUNTANT, ACCOUNTING_PROFILE, close_match=True)
    assert esco_met(esco_model, close) == [
        ("financial statements", "exactMatch", "skill:financial-statements"),
        ("tax legislation", "closeMatch", "skill:taxation"),
    ]
    match = next(
        m
        for m in analysis.match_positions(esco_model, ACCOUNTING_PROFILE, close_match=True)
        if m.position == ACCOUNTANT
    )
    # of its 57 skill requirements (weight 83), financial statements earns 2 and tax
    # legislation, through a closeMatch, half of 2: so the accountant ranks far below
    # positions with fewer requirements (the shipped taxonomy links only these two of them)
    assert (match.weight_met, match.weight_total, match.score) == (3.0, 83.0, 0.0361)


@pytest.mark.esco
def test_an_accountants_esco_skills_rank_accounting_occupations_first(
    esco_model: ReadModel,
) -> None:
    labels = ["financial statements", "tax legislation", "accounting entries"]
    labels += ["bookkeeping regulations", "prepare financial statements"]
    by_label = {esco_model.label(s, "en"): s for s in esco_model.required_skills(ACCOUNTANT)}
    ranked = analysis.match_positions(esco_model, [by_label[x] for x in labels], limit=5)
    assert [(esco_model.label(m.position, "en"), m.score) for m in ranked] == [
        ("bookkeeper", 0.1852),
        ("accounting assistant", 0.1356),
        ("accountant", 0.1205),
        ("financial controller", 0.1111),
        ("financial fraud examiner", 0.1),
    ]
    assert analysis.match_positions(esco_model, []) == []
