"""References by id or label: the lookup order, the kinds, and the wording of what fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from rdflib import Graph

from competency_graph.importers.references import References, Unresolved
from competency_graph.model.readmodel import ReadModel, build_read_model

REPO = Path(__file__).resolve().parents[2]
SMALL_MODEL = Path(__file__).resolve().parents[1] / "fixtures" / "jd_input" / "small-model.ttl"
ID = "https://w3id.org/competency-graph/id/"


@pytest.fixture(scope="module")
def model() -> ReadModel:
    """core.ttl and a handful of skills, norms and positions (two skills share "CRM")."""
    return build_read_model(Graph().parse(REPO / "ontology" / "core.ttl").parse(SMALL_MODEL))


@pytest.mark.parametrize(
    ("reference", "kind", "iri"),
    [
        ("skill:ms-excel", "skill", ID + "skill/ms-excel"),
        (f"{ID}skill/ms-excel", "skill", ID + "skill/ms-excel"),
        ("microsoft EXCEL", "skill", ID + "skill/ms-excel"),  # a label, any case
        ("  Ведение   переговоров ", "skill", ID + "skill/negotiation"),  # spaces do not count
        ("ms-excel", "skill", ID + "skill/ms-excel"),  # a bare slug of the kind asked for
        ("pos:head-of-sales", "position", ID + "position/head-of-sales"),
        ("Менеджер по работе с клиентами", "position", ID + "position/account-manager"),
    ],
)
def test_a_reference_is_an_id_a_label_or_a_slug(
    model: ReadModel, reference: str, kind: str, iri: str
) -> None:
    assert References(model).resolve(reference, kind) == iri


def test_the_inputs_own_entities_come_first(model: ReadModel) -> None:
    references = References(model)
    references.add_local("skill", ID + "skill/excel-macros", ["Sales", "skill:excel-macros"])
    assert references.resolve("sales", "skill") == ID + "skill/excel-macros"
    assert references.resolve("skill:excel-macros", "skill") == ID + "skill/excel-macros"
    with pytest.raises(Unresolved, match="unknown duty 'sales'"):
        references.resolve("sales", "duty")  # local names are per kind


@pytest.mark.parametrize(
    ("reference", "kind", "message", "hint"),
    [
        ("MS Exel", "skill", "unknown skill 'MS Exel'", " (did you mean 'MS Excel'?)"),
        ("Microsoft Exel", "skill", "unknown skill 'Microsoft Exel'",
         " (did you mean 'Microsoft Excel'?)"),
        ("skill:ms-exel", "skill", "unknown skill 'skill:ms-exel'",
         " (did you mean 'skill:ms-excel'?)"),
        ("CRM", "skill", "'CRM' is the label of several skills (skill:bitrix24, skill:crm): "
         "use the id", ""),
        ("norm:labour-code-art-192", "skill", "'norm:labour-code-art-192' is a legal norm, "
         "not a skill", ""),
        ("Статья 192 ТК РФ", "norm", "unknown legal norm 'Статья 192 ТК РФ'",
         " (did you mean 'norm:labour-code-art-192'?)"),
        ("juggling", "skill", "unknown skill 'juggling'", ""),
    ],
)  # fmt: skip
def test_what_names_nothing_is_worded_like_every_unknown_id(
    model: ReadModel, reference: str, kind: str, message: str, hint: str
) -> None:
    with pytest.raises(Unresolved) as raised:
        References(model).resolve(reference, kind)
    assert (raised.value.message, raised.value.hint) == (message, hint)
    assert str(raised.value) == message + hint


def test_the_label_index_is_built_once_per_model_and_goes_with_it() -> None:
    graph = Graph().parse(SMALL_MODEL)
    model = build_read_model(graph)
    first = References(model).labels("skill")
    assert References(model).labels("skill") is first  # a second input reuses it
    assert len(label_indexes()) >= 1
    other = build_read_model(graph)
    assert References(other).labels("skill") is not first  # a new model, a new index
    assert References(other).labels("skill") == first
    key = id(model)
    del model, first
    gc.collect()
    assert key not in label_indexes()


def label_indexes() -> dict[int, object]:
    from competency_graph.importers import references

    return references._LABEL_INDEXES
