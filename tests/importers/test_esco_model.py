"""The read model of an ESCO import built from its rows: the same as read back from the store,
with the skill groups, ISCO groups and every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from competency_graph.graph.files import load_graph
from competency_graph.graph.index import TripleIndex
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers.esco import ImportResult, import_esco
from competency_graph.importers.esco_model import esco_read_model
from competency_graph.model.domain import OccupationGroup, Text
from competency_graph.model.readmodel import ReadModel, build_read_model_from_index

from .test_esco import ESCO, KEY_ACCOUNT, with_groups_and_german

NEGOTIATE = f"{ESCO}skill/00000000-0000-4000-8000-000000000002"
CLOSE = f"{ESCO}skill/00000000-0000-4000-8000-000000000003"
ECONOMICS = f"{ESCO}skill/88af9294-b697-4687-ae19-aefbb6234dfa"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportResult, Graph]:
    folder = tmp_path_factory.mktemp("esco")
    result = import_esco(with_groups_and_german(folder), folder / "store", progress=False)
    return result, load_graph().graph


@pytest.fixture(scope="module")
def model(imported: tuple[ImportResult, Graph]) -> ReadModel:
    result, ontology = imported
    assert result.classification is not None
    found = esco_read_model(result.classification, ontology, result.triples)
    assert found is not None
    return found


def test_the_model_from_the_rows_is_the_model_read_back_from_the_store(
    imported: tuple[ImportResult, Graph], model: ReadModel
) -> None:
    result, ontology = imported
    store = OxigraphStore.open(result.store)
    assert model == build_read_model_from_index(TripleIndex.of(store, ontology))


def test_skill_groups_are_broader_skills_of_their_own_kind(model: ReadModel) -> None:
    group, top = model.skills[f"{ESCO}skill/S1.6"], model.skills[f"{ESCO}skill/S1"]
    assert (group.kind, group.label.en, group.broader) == ("skill-group", "negotiating", (top.iri,))
    assert model.skills[NEGOTIATE].broader == (group.iri,)
    assert model.narrower[group.iri] == (NEGOTIATE,)
    assert model.narrower[top.iri] == (group.iri,)
    assert model.descendants[top.iri] == {top.iri, group.iri, NEGOTIATE, CLOSE}
    assert model.satisfies(CLOSE, top.iri)


def test_an_occupation_knows_its_isco_group(model: ReadModel) -> None:
    group = f"{ESCO}isco/C1420"
    assert model.positions[KEY_ACCOUNT].isco_group == group
    assert model.occupation_groups[group] == OccupationGroup(
        iri=group,
        id=group,
        label=Text(
            en="sales, marketing and development managers",
            more=(("de", "Führungskräfte in Vertrieb, Marketing und Entwicklung"),),
        ),
        definition=Text(
            en="Plan and direct sales.", more=(("de", "Planen und leiten den Vertrieb."),)
        ),
        code="1420",
    )
    # the other occupation's ISCO group is not in the ISCO groups file
    assert (
        model.positions[f"{ESCO}occupation/00000000-0000-4000-8000-000000000001"].isco_group is None
    )


def test_every_language_is_kept_and_others_fall_back_to_english(model: ReadModel) -> None:
    label = model.positions[KEY_ACCOUNT].label
    assert label.get("de") == "Key-Account-Manager/Key-Account-Managerin"
    assert label.get("en") == label.get("fr") == label.get("ru") == "sales account manager"
    assert label.languages() == ("en", "de")
    assert model.skills[ECONOMICS].alt_labels == ("economic principles", "economics")


def test_an_ontology_that_describes_an_esco_concept_leaves_it_to_the_store(
    imported: tuple[ImportResult, Graph],
) -> None:
    result, ontology = imported
    assert result.classification is not None
    described = Graph()
    described += ontology
    described.add((URIRef(KEY_ACCOUNT), RDFS.comment, Literal("our note", lang="en")))
    assert esco_read_model(result.classification, described, result.triples) is None


def test_a_link_given_twice_is_one_requirement_essential_if_either_says_so(
    tmp_path: Path,
) -> None:
    from .test_esco import PUBLISHED, zipped

    links = (PUBLISHED / "occupationSkillRelations.csv").read_text("utf-8")
    twice = links + f"{KEY_ACCOUNT},essential,skill/competence,{NEGOTIATE}\n"
    result = import_esco(
        zipped(tmp_path / "in", replace={"occupationSkillRelations.csv": twice}),
        tmp_path / "store",
        progress=False,
    )
    ontology = load_graph().graph
    assert result.classification is not None
    found = esco_read_model(result.classification, ontology, result.triples)
    stored = build_read_model_from_index(
        TripleIndex.of(OxigraphStore.open(tmp_path / "store"), ontology)
    )
    assert found == stored
    assert found is not None
    assert found.required_skills(KEY_ACCOUNT)[NEGOTIATE].necessity == "essential"


def test_skills_keep_their_reuse_level_for_the_rankings(model: ReadModel) -> None:
    levels = {s.reuse_level for s in model.skills.values() if s.iri.startswith(ESCO)}
    assert {"cross-sector", "transversal"} <= levels
    assert model.skills[f"{ESCO}skill/S1.6"].reuse_level is None  # a group has none
