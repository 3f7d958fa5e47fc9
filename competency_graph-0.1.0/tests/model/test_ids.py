"""The one id resolver: the accepted id forms and the one wording of an unknown id."""

from __future__ import annotations

import pytest

from competency_graph.errors import InputError, UnknownIdError
from competency_graph.graph.files import load_files
from competency_graph.model import ids
from competency_graph.model.readmodel import ReadModel, build_read_model

from ..conftest import FIXTURES, ONTOLOGY

ID = "https://w3id.org/competency-graph/id/"
KEY_ACCOUNT_MANAGER = ID + "position/key-account-manager"


@pytest.fixture(scope="module")
def model() -> ReadModel:
    fixture = FIXTURES / "ids" / "slug_shared_by_a_skill_and_a_duty.ttl"
    return build_read_model(load_files([ONTOLOGY / "core.ttl", fixture]).graph)


@pytest.mark.parametrize(
    ("identifier", "kind", "expected"),
    [
        ("position:key-account-manager", None, KEY_ACCOUNT_MANAGER),
        ("pos:key-account-manager", None, KEY_ACCOUNT_MANAGER),
        (KEY_ACCOUNT_MANAGER, None, KEY_ACCOUNT_MANAGER),
        (" position:key-account-manager ", None, KEY_ACCOUNT_MANAGER),
        ("key-account-manager", "position", KEY_ACCOUNT_MANAGER),
        ("key-account-manager", None, None),  # a bare slug needs its kind
        ("cg:essential", None, "https://w3id.org/competency-graph/ontology#essential"),
        ("resp:damage", None, ID + "responsibility/damage"),
        ("urn:x-hr:1", None, "urn:x-hr:1"),
        ("Key account manager", "position", None),  # a label, not an id
        ("x:y", None, None),  # no such prefix
        ("position:", None, None),
        ("position:a/b", "position", None),
        ("", "position", None),
        ("https://example.org/x>}DROP", None, None),  # never reaches a SPARQL query
        ('pos:a"b', "position", None),
    ],
)
def test_expand_reads_the_id_forms(identifier: str, kind: str | None, expected: str | None) -> None:
    assert ids.expand(identifier, kind) == expected


@pytest.mark.parametrize(
    "identifier",
    [
        "position:key-account-manager",
        "pos:key-account-manager",
        KEY_ACCOUNT_MANAGER,
        "key-account-manager",
    ],
)
def test_every_form_resolves_to_the_same_position(model: ReadModel, identifier: str) -> None:
    assert ids.resolve(model, identifier, "position") == KEY_ACCOUNT_MANAGER
    assert ids.require(model, identifier, "position") == KEY_ACCOUNT_MANAGER


def test_a_bare_slug_of_any_kind_resolves_only_when_one_entity_has_it(model: ReadModel) -> None:
    assert ids.resolve(model, "key-account-manager") == KEY_ACCOUNT_MANAGER
    assert ids.resolve(model, "negotiation") is None  # a skill's and a duty's
    assert ids.resolve(model, "negotiation", "duty") == ID + "duty/negotiation"
    assert ids.resolve(model, "nobody") is None


def test_an_id_of_another_kind_is_unknown(model: ReadModel) -> None:
    assert ids.resolve(model, "skill:negotiation", "position") is None
    with pytest.raises(UnknownIdError) as raised:
        ids.require(model, "skill:negotiation", "position")
    assert str(raised.value) == "unknown position 'skill:negotiation'"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("position:key-acount-manager", "unknown position 'position:key-acount-manager' "
         "(did you mean 'position:key-account-manager'?)"),
        ("key-acount-manager", "unknown position 'key-acount-manager' "
         "(did you mean 'position:key-account-manager'?)"),
        ("sales-clark", "unknown position 'sales-clark' (did you mean 'position:sales-clerk'?)"),
        ("nobody", "unknown position 'nobody'"),
    ],
)  # fmt: skip
def test_an_unknown_id_is_worded_one_way_with_the_closest_id(
    model: ReadModel, typed: str, message: str
) -> None:
    with pytest.raises(UnknownIdError) as raised:
        ids.require(model, typed, "position")
    assert str(raised.value) == message
    assert (raised.value.kind, raised.value.identifier) == ("position", typed)
    assert isinstance(raised.value, InputError)  # the CLI's exit 2, the API's error message


def test_require_all_keeps_order_drops_repeats_and_names_every_unknown(model: ReadModel) -> None:
    assert ids.require_all(
        model, ["skill:negotiation", "negotiation", "skill:negotiation"], "skill"
    ) == (ID + "skill/negotiation",)
    with pytest.raises(UnknownIdError) as raised:
        ids.require_all(model, ["skill:negotiaton", "negotiation", "skill:juggling"], "skill")
    assert str(raised.value) == (
        "unknown skill 'skill:negotiaton' (did you mean 'skill:negotiation'?); "
        "unknown skill 'skill:juggling'"
    )
    assert [str(e) for e in raised.value.more] == ["unknown skill 'skill:juggling'"]


def test_kinds_have_their_words_in_messages() -> None:
    assert ids.unknown_message("norm", "art. 999") == "unknown legal norm 'art. 999'"
    assert ids.unknown_message("function", "x") == "unknown generalised function 'x'"


def test_did_you_mean_compares_case_insensitively_and_suggests_as_given() -> None:
    assert ids.did_you_mean("ms exel", {"MS Excel": "MS Excel"}) == " (did you mean 'MS Excel'?)"
    assert ids.did_you_mean("juggling", {"MS Excel": "MS Excel"}) == ""
    assert ids.did_you_mean("anything", {}) == ""


def test_did_you_mean_prefers_the_name_said_at_more_length_or_cut_short() -> None:
    positions = {name: name for name in ("Head of sales", "Head of HR department")}
    # the closest string would be 'Head of HR department'
    assert ids.did_you_mean("Head of sales department", positions) == (
        " (did you mean 'Head of sales'?)"
    )
    assert ids.did_you_mean("head of HR", positions) == " (did you mean 'Head of HR department'?)"
    # two names begin the same way: the closest string decides
    both = {name: name for name in ("Head", "Head of sales", "Head of HR department")}
    assert ids.did_you_mean("Head of salez", both) == " (did you mean 'Head of sales'?)"


def test_did_you_mean_gives_up_beyond_the_candidate_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids, "MAX_CANDIDATES", 2)
    many = {name: name for name in ("alpha", "alpho", "alphi")}
    assert ids.did_you_mean("alpha", many) == ""


def test_no_suggestion_among_foreign_iris_or_for_a_long_text(model: ReadModel) -> None:
    esco = ["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"]
    typo = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ac"
    assert str(ids.unknown_id("skill", typo, esco)) == f"unknown skill '{typo}'"
    long = "position:" + "key-account-manager" * 6
    assert str(ids.unknown_id("position", long, [KEY_ACCOUNT_MANAGER])) == (
        f"unknown position '{long}'"
    )


def test_only_the_first_unknown_ids_of_a_list_get_a_suggestion(model: ReadModel) -> None:
    typed = ["skill:negotiaton"] * (ids.MAX_SUGGESTED + 1)
    with pytest.raises(UnknownIdError) as raised:
        ids.require_all(model, typed, "skill")
    hinted = "unknown skill 'skill:negotiaton' (did you mean 'skill:negotiation'?)"
    assert str(raised.value).split("; ") == [hinted] * ids.MAX_SUGGESTED + [
        "unknown skill 'skill:negotiaton'"
    ]
