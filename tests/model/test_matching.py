"""The matching rule (self, narrower, exactMatch, closeMatch as an option) and the weights."""

from __future__ import annotations

import dataclasses

import pytest

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files
from competency_graph.model.matching import MatchWeights, match_index
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import compact_id, expand_id

from ..conftest import FIXTURES, ONTOLOGY

ESCO = "http://data.europa.eu/esco/skill/"


@pytest.fixture(scope="module")
def model() -> ReadModel:
    loaded = load_files(
        [ONTOLOGY / "core.ttl", FIXTURES / "model" / "skill_links.ttl"], follow_imports=False
    )
    return build_read_model(loaded.graph)


def iri(identifier: str) -> str:
    return identifier if identifier.startswith("http") else str(expand_id(identifier))


def links(model: ReadModel, held: str, close: bool = False) -> dict[str, str]:
    """What ``held`` meets -> the link, by compact id (ESCO skills by their last segment)."""
    found = match_index(model).covered(iri(held), close)
    names = ("self", "narrower", "exactMatch", "closeMatch")
    return {
        (f"esco:{s.rsplit('/', 1)[1]}" if s.startswith(ESCO) else compact_id(s)): names[r]
        for s, r in found.items()
    }


def test_a_skill_meets_itself_and_what_it_is_narrower_than(model: ReadModel) -> None:
    assert links(model, "skill:ms-excel") == {
        "skill:ms-excel": "self",
        "skill:ms-office": "narrower",
        "esco:spreadsheets": "exactMatch",  # the ESCO skill points at ours: read both ways
    }
    assert links(model, "skill:ms-office") == {"skill:ms-office": "self"}


def test_exact_match_then_narrower(model: ReadModel) -> None:
    assert links(model, "skill:financial-statements") == {
        "skill:financial-statements": "self",
        "esco:financial-statements": "exactMatch",
        "esco:accounting": "exactMatch",  # what the ESCO skill is narrower than
    }


def test_exact_match_read_the_other_way_then_narrower(model: ReadModel) -> None:
    assert links(model, ESCO + "spreadsheets") == {
        "esco:spreadsheets": "self",
        "skill:ms-excel": "exactMatch",
        "skill:ms-office": "exactMatch",
    }


def test_close_match_counts_only_when_asked_for(model: ReadModel) -> None:
    assert links(model, "skill:taxation") == {"skill:taxation": "self"}
    assert links(model, "skill:taxation", close=True) == {
        "skill:taxation": "self",
        "esco:tax-legislation": "closeMatch",
    }
    assert links(model, ESCO + "tax-legislation", close=True) == {
        "esco:tax-legislation": "self",
        "skill:taxation": "closeMatch",
    }


def test_a_broader_skill_meets_no_narrower_need(model: ReadModel) -> None:
    index = match_index(model)
    assert index.link(iri("skill:ms-office"), iri("skill:ms-excel")) is None
    assert index.link(ESCO + "accounting", iri("skill:financial-statements"), True) is None


def test_the_index_is_built_once_per_read_model(model: ReadModel) -> None:
    assert match_index(model) is match_index(model)
    other = dataclasses.replace(model)
    assert match_index(other) is not match_index(model)


def test_default_weights_put_personal_qualities_at_a_quarter() -> None:
    weights = MatchWeights()
    assert weights.necessity_weight("essential") == 2.0
    assert weights.necessity_weight("optional") == 1.0
    assert weights.kind_weight("personal-quality") == 0.25
    assert [weights.kind_weight(k) for k in ("knowledge", "competence", "tool", None)] == [1.0] * 4
    assert weights.reuse_weight(None) == 1.0
    assert [weights.link_weight(rank) for rank in range(4)] == [1.0, 1.0, 1.0, 0.5]
    assert weights.describe() == "essential 2, optional 1, personal-quality 0.25"


def test_weights_given_per_request() -> None:
    weights = MatchWeights.of({"essential": 3, "transversal": 0.5, "optional": None})
    assert (weights.essential, weights.optional, weights.reuse_weight("transversal")) == (3, 1, 0.5)
    assert weights.describe() == "essential 3, optional 1, personal-quality 0.25, transversal 0.5"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"essential": -1}, "weight essential must be a number >= 0, not -1"),
        ({"tool": float("nan")}, "weight tool must be a number >= 0, not nan"),
        ({"charm": 2}, "unknown weight 'charm'; known: close_match_link, "),
    ],
)
def test_bad_weights_are_input_errors(given: dict[str, float], message: str) -> None:
    with pytest.raises(InputError) as raised:
        MatchWeights.of(given)
    assert str(raised.value).startswith(message)


def test_a_requirement_weighs_necessity_kind_and_reuse_level(model: ReadModel) -> None:
    index = match_index(model)
    requirement = model.requirements[iri("requirement:clerk-accuracy")]
    assert index.requirement_weight(requirement, MatchWeights()) == 0.5  # 2 x 0.25
    # an ESCO skill with a reuse level takes its factor
    statements = model.skills[ESCO + "financial-statements"]
    skills = {
        **model.skills,
        statements.iri: dataclasses.replace(statements, reuse_level="transversal"),
    }
    esco = match_index(dataclasses.replace(model, skills=skills))
    requirement = model.requirements[iri("requirement:acc-statements")]
    assert esco.requirement_weight(requirement, MatchWeights(transversal=0.25)) == 0.5
    assert esco.total(iri("position:accountant"), MatchWeights(transversal=0.25)) == 3.5
