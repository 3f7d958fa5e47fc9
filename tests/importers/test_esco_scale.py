"""Correctness at ESCO scale: for sampled occupations, the essential and optional skills the
read model and the GraphQL API give are exactly the rows of occupationSkillRelations.csv.

The published data is imported once per session (``esco_import`` in conftest); these tests
are skipped when ../shared/data/esco-v1.1.1 is absent.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from competency_graph.graph.files import load_graph
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers.esco import ImportResult
from competency_graph.importers.esco_model import esco_read_model
from competency_graph.model.cache import load_read_model
from competency_graph.model.readmodel import ReadModel
from competency_graph.server.state import GraphState

from ..conftest import ESCO_DATA
from ..graphql_support import client_for, post

pytestmark = pytest.mark.esco
SAMPLE_SIZE = 20

Links = dict[str, dict[str, set[str]]]  # occupation -> necessity -> skill IRIs


def csv_links() -> Links:
    """occupationSkillRelations.csv read straight from the published zip."""
    links: Links = defaultdict(lambda: {"essential": set(), "optional": set()})
    with (
        zipfile.ZipFile(ESCO_DATA / "relations-csv.zip") as archive,
        archive.open("occupationSkillRelations.csv") as raw,
    ):
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            links[row["occupationUri"]][row["relationType"]].add(row["skillUri"])
    return links


def csv_occupations() -> set[str]:
    """The occupation IRIs of occupations_en.csv."""
    with (
        zipfile.ZipFile(ESCO_DATA / "classification-en-csv.zip") as archive,
        archive.open("occupations_en.csv") as raw,
    ):
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        return {row["conceptUri"] for row in csv.DictReader(text)}


@pytest.fixture(scope="module")
def esco_links(esco_import: ImportResult) -> Links:
    return csv_links()


@pytest.fixture(scope="module")
def sample(esco_links: Links) -> list[str]:
    """Every n-th occupation in IRI order, plus the one docs/deployment.md queries (sales
    account manager)."""
    occupations = sorted(csv_occupations())
    step = len(occupations) // (SAMPLE_SIZE - 1)
    anchor = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
    return sorted({*occupations[::step][: SAMPLE_SIZE - 1], anchor})


@pytest.fixture(scope="module")
def esco_model(esco_import: ImportResult) -> ReadModel:
    """Built from the store with the shipped ontology, as ``serve --store`` does (and cached)."""
    built = load_read_model(Source(store=OxigraphStore.open(esco_import.store)))
    assert built.origin == "store"
    return built.model


@pytest.fixture(scope="module")
def esco_client(esco_import: ImportResult, esco_model: ReadModel) -> Iterator[TestClient]:
    """The server over the store, its read model from the cache ``esco_model`` wrote."""
    state = GraphState(Source(store=OxigraphStore.open(esco_import.store)), gate=None)
    state.start()
    with client_for(state) as client:
        yield client


def test_the_read_model_holds_every_occupation_skill_and_link(
    esco_model: ReadModel, esco_links: Links
) -> None:
    esco_positions = [p for p in esco_model.positions if p.startswith("http://data.europa.eu/")]
    esco_skills = [s for s in esco_model.skills if s.startswith("http://data.europa.eu/")]
    groups = [s for s in esco_skills if esco_model.skills[s].kind == "skill-group"]
    assert (len(esco_positions), len(esco_skills) - len(groups), len(groups)) == (3007, 13896, 640)
    assert len(esco_model.occupation_groups) == 619
    assert all(esco_model.positions[p].isco_group for p in esco_positions)
    links = sum(len(esco_model.required_skills(p)) for p in esco_positions)
    # 67 of the 123,855 rows link an occupation that occupations_en.csv does not hold
    known = csv_occupations()
    in_csv = sum(
        len(n["essential"]) + len(n["optional"]) for o, n in esco_links.items() if o in known
    )
    assert links == in_csv == 123855 - 67


def test_the_read_model_from_the_import_rows_is_the_one_read_back_from_the_store(
    esco_import: ImportResult, esco_model: ReadModel
) -> None:
    assert esco_import.classification is not None
    found = esco_read_model(esco_import.classification, load_graph().graph, esco_import.triples)
    assert found == esco_model


def test_the_cached_read_model_is_the_one_built(
    esco_import: ImportResult, esco_model: ReadModel
) -> None:
    cached = load_read_model(Source(store=OxigraphStore.open(esco_import.store)))
    assert cached.origin == "cache"
    assert cached.model == esco_model


def test_sampled_occupations_have_exactly_their_csv_skills(
    esco_model: ReadModel, esco_links: Links, sample: list[str]
) -> None:
    assert len(sample) == SAMPLE_SIZE
    for occupation in sample:
        found: dict[str, set[str]] = {"essential": set(), "optional": set()}
        for skill, requirement in esco_model.required_skills(occupation).items():
            found[requirement.necessity].add(skill)
        assert found == esco_links[occupation], occupation


def test_sampled_occupations_over_graphql(
    esco_client: TestClient, esco_links: Links, sample: list[str]
) -> None:
    query = (
        "query($id: ID!) { position(id: $id) { iri "
        "essential: requirements(necessity: ESSENTIAL) { skill { iri } } "
        "optional: requirements(necessity: OPTIONAL) { skill { iri } } } }"
    )
    for occupation in sample:
        position = post(esco_client, query, id=occupation)["position"]
        assert position["iri"] == occupation
        found = {
            necessity: {r["skill"]["iri"] for r in position[necessity]}
            for necessity in ("essential", "optional")
        }
        assert found == esco_links[occupation], occupation
