"""The store interface: back ends opened by kind and imported only when used; a read model
from an oxigraph store equals the one from rdflib, and ``stats``/``check``/``serve`` read a
store with ``--store``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.term import Node

from competency_graph.cli.main import cli
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.source import Source
from competency_graph.graph.stores import BACK_ENDS, GraphStore, Triple, open_store
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.sparql import Credentials, SparqlEndpoint
from competency_graph.importers.esco import import_esco
from competency_graph.model.readmodel import _Builder, build_read_model, build_read_model_from_store
from competency_graph.server.state import GraphState

from ..conftest import FIXTURES

SALES_ACCOUNT_MANAGER = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
ECONOMICS = "http://data.europa.eu/esco/skill/88af9294-b697-4687-ae19-aefbb6234dfa"
NEGOTIATE = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000002"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made ESCO fixture imported into an on-disk store."""
    path = tmp_path_factory.mktemp("store") / "esco.store"
    import_esco(FIXTURES / "esco" / "published", path, progress=False)
    return path


def test_a_store_is_opened_by_its_kind(fixture_store: Path) -> None:
    opened = open_store("oxigraph", fixture_store)
    assert isinstance(opened, OxigraphStore)
    assert (opened.name, opened.folder, len(opened)) == (str(fixture_store), fixture_store, 56)
    endpoint = open_store("sparql", "http://127.0.0.1:9/query", user="hr", password="secret")
    assert isinstance(endpoint, SparqlEndpoint)
    assert (endpoint.name, endpoint.credentials) == (
        "http://127.0.0.1:9/query",
        Credentials("hr", "secret"),
    )
    assert sorted(BACK_ENDS) == ["oxigraph", "sparql"]


def test_an_unknown_kind_of_store_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        open_store("hdt", "esco.hdt")
    assert str(caught.value) == "unknown kind of store 'hdt' (known: oxigraph, sparql)"


def test_a_back_end_without_construct_says_so() -> None:
    """A focused check asks a store for parts of it; a back end that cannot answer says so."""

    class Listing(GraphStore):
        name = "a listing"

        def triples(self) -> Iterator[Triple]:
            return iter(())

        def select(self, query: str) -> list[dict[str, Node]]:
            return []

        def insert(self, graph: Graph) -> None:
            pass

    with pytest.raises(InputError) as caught:
        list(Listing().construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    assert str(caught.value) == "this store cannot answer CONSTRUCT queries: a listing"


def test_a_back_end_is_imported_when_first_used() -> None:
    code = (
        "import sys; import competency_graph.graph.stores as s\n"
        "def loaded(): return sorted(m for m in sys.modules if m.startswith(s.__name__ + '.'))\n"
        "before = loaded(); s.back_end('sparql'); print(before, loaded())"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout == "[] ['competency_graph.graph.stores.sparql']\n"


def merged(shipped: LoadedGraph, store: Path) -> Graph:
    graph = Graph()
    graph += shipped.graph
    graph.parse(
        data=ox.Store.read_only(str(store)).dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
        ),
        format="nt",
    )
    return graph


def test_a_store_gives_the_same_read_model_as_rdflib(
    shipped: LoadedGraph, fixture_store: Path
) -> None:
    from_store = build_read_model_from_store(OxigraphStore.open(fixture_store), shipped.graph)
    from_rdflib = build_read_model(merged(shipped, fixture_store))
    assert from_store == from_rdflib
    position = from_store.positions[SALES_ACCOUNT_MANAGER]
    assert {
        r.skill: r.necessity for r in map(from_store.requirements.get, position.requirements) if r
    } == {
        ECONOMICS: "essential",
        NEGOTIATE: "optional",
    }
    assert from_store.skills[ECONOMICS].kind == "knowledge"
    assert from_store.skills[ECONOMICS].exact_match == (
        "https://w3id.org/competency-graph/id/skill/economics",
    )


def test_plain_skill_requirements_read_as_the_general_case_does(
    shipped: LoadedGraph, fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = merged(shipped, fixture_store)
    fast = build_read_model(graph)
    monkeypatch.setattr(_Builder, "plain_skill_requirement", lambda *_: None)
    assert build_read_model(graph).requirements == fast.requirements


def test_stats_counts_the_store_with_the_ontology(runner: CliRunner, fixture_store: Path) -> None:
    result = runner.invoke(cli, ["stats", "--store", str(fixture_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    plain = json.loads(runner.invoke(cli, ["stats", "--format", "json"]).stdout)
    assert counts["positions"] == plain["positions"] + 2
    assert counts["skills"] == plain["skills"] + 3
    assert counts["requirements"] == plain["requirements"] + 3


def test_check_reads_the_store(runner: CliRunner, fixture_store: Path) -> None:
    result = runner.invoke(
        cli, ["check", "--store", str(fixture_store), "--rule", "labels", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # ESCO's labels are English only, which is all ESCO carries (cg:esco in core.ttl): the
    # labels rule expects nothing more of the imported concepts
    assert (report["rules_run"], report["violations"]) == (["labels"], [])
    everything = runner.invoke(cli, ["check", "--store", str(fixture_store), "--no-reasoner"])
    assert everything.exit_code == 0, everything.output


def test_a_missing_store_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'none'}: no such store (make one with `competency-graph import "
        "esco`)\n"
    )
    both = runner.invoke(
        cli, ["stats", "--store", str(tmp_path), "--sparql-endpoint", "http://127.0.0.1:9/q"]
    )
    assert both.exit_code == 2
    assert both.stderr == "error: give either --store or --sparql-endpoint, not both\n"


def test_a_served_store_answers_over_graphql(shipped: LoadedGraph, fixture_store: Path) -> None:
    from ..graphql_support import client_for, post

    state = GraphState(Source(store=OxigraphStore.open(fixture_store)), gate=None)
    state.start()
    with client_for(state) as client:
        data = post(
            client,
            "query($id: ID!) { position(id: $id) { label(lang: EN) "
            "requirements { necessity skill { iri } } } }",
            id=SALES_ACCOUNT_MANAGER,
        )
    assert data["position"]["label"] == "sales account manager"
    found = {(r["skill"]["iri"], r["necessity"]) for r in data["position"]["requirements"]}
    assert found == {(ECONOMICS, "ESSENTIAL"), (NEGOTIATE, "OPTIONAL")}
