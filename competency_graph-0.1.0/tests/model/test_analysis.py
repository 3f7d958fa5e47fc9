"""Skill-support, coverage, gap and match semantics on a small hand-checked organisation."""

from __future__ import annotations

import random

import pytest

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.model import analysis
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
        ("position:account-manager", 0.5714),  # (2*2 + 0) / (2*3 + 1)
        ("position:cellular-manager", 0.0),
    ]
    assert matches[1].explanation() == (
        "2 of 3 essential and 0 of 1 optional skill requirements met; score = (2*2 + 0) / (2*3 + 1)"
    )
    # the trainee has no skill requirement, so it cannot be scored
    assert "position:trainee" not in [compact_id(m.position) for m in matches]


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
    for size in (0, 1, 3, 10, 40):
        have = rng.sample(skills, size)
        ranked = analysis.match_positions(model, have)
        for match in ranked:
            gap = analysis.skill_gap(model, match.position, have)
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
        keys = [(-m.score, len(m.gap.missing_essential), m.position) for m in ranked]
        assert keys == sorted(keys)
        with_skill_requirements = {
            p
            for p in model.positions
            if any(model.requirements[k].skill for k in model.positions[p].requirements)
        }
        assert {m.position for m in ranked} == with_skill_requirements
