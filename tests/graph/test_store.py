"""The store boundary: a read model from an oxigraph store equals the one from rdflib, and
``stats``/``check``/``serve`` read a store with ``--store``."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from competency_graph.cli.main import cli
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.store import (
    OWN_FILE_PREFIX,
    Credentials,
    OxigraphStore,
    RdflibStore,
    SparqlEndpoint,
    TripleIndex,
    folder_fingerprint,
)
from competency_graph.importers.esco import import_esco
from competency_graph.model.readmodel import _Builder, build_read_model, build_read_model_from_store
from competency_graph.namespaces import CG
from competency_graph.server.state import GraphState
from competency_graph.server.store_state import snapshot_maker

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


def _tree_canonical(graph: Graph) -> Counter[tuple[str, str, str]]:
    """The triples with every blank node named by a digest of what it says, recursively.

    A canonical form for graphs whose blank nodes are trees (Turtle's ``[ … ]``, as every
    shipped one is), in linear time: rdflib's general isomorphism is quadratic in the blank
    nodes and takes minutes on the shipped ontology's thousand (numbered clauses, signatures).
    """
    names: dict[BNode, str] = {}

    def name(node: Node) -> str:
        if not isinstance(node, BNode):
            return node.n3()
        if node not in names:
            said = sorted(f"{p.n3()} {name(o)}" for p, o in graph.predicate_objects(node))
            names[node] = "_:" + hashlib.sha256("\n".join(said).encode()).hexdigest()
        return names[node]

    return Counter((name(s), name(p), name(o)) for s, p, o in graph)


def test_rdflib_and_oxigraph_stores_hand_over_the_same_triples(shipped: LoadedGraph) -> None:
    oxigraph = OxigraphStore.from_graph(shipped.graph)
    handed = Graph()
    for triple in oxigraph.triples():
        handed.add(triple)
    assert _tree_canonical(handed) == _tree_canonical(shipped.graph)
    assert len(oxigraph) == len(shipped.graph)
    from_rdflib_store = build_read_model_from_store(RdflibStore(shipped.graph))
    assert from_rdflib_store == build_read_model(shipped.graph)


def test_the_triple_index_reads_like_an_rdflib_graph(shipped: LoadedGraph) -> None:
    graph = shipped.graph
    index = TripleIndex(graph)
    excel = URIRef("https://w3id.org/competency-graph/id/skill/ms-excel")
    assert len(index) == len(graph)
    assert sorted(index.objects(excel, SKOS.broader)) == sorted(graph.objects(excel, SKOS.broader))
    assert sorted(index.objects(None, SKOS.broader)) == sorted(graph.objects(None, SKOS.broader))
    assert set(index.subjects(RDF.type, CG.Tool)) == set(graph.subjects(RDF.type, CG.Tool))
    assert sorted(index.subjects(RDFS.label, None)) == sorted(graph.subjects(RDFS.label, None))
    assert sorted(index.predicate_objects(excel)) == sorted(graph.predicate_objects(excel))
    # one of its values: Excel has two types (cg:Tool, owl:NamedIndividual), in no set order
    assert index.value(excel, RDF.type) in set(graph.objects(excel, RDF.type))
    assert (excel, RDF.type, CG.Tool) in index
    assert (excel, RDF.type, CG.Knowledge) not in index


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
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    focuses = {v["focus"] for v in report["violations"]}
    # ESCO's labels are English only: the labels rule names each imported concept
    assert {SALES_ACCOUNT_MANAGER, ECONOMICS, NEGOTIATE} <= focuses


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


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    endpoint = SparqlEndpoint("http://127.0.0.1:9/query", timeout=2)
    with pytest.raises(InputError) as caught:
        list(endpoint.triples())
    assert caught.value.message.startswith("cannot reach the SPARQL endpoint: ")
    assert caught.value.path == "http://127.0.0.1:9/query"
    with pytest.raises(InputError, match="not an http"):
        SparqlEndpoint("file:///etc/passwd")


def test_a_served_store_answers_over_graphql(shipped: LoadedGraph, fixture_store: Path) -> None:
    from ..graphql_support import client_for, post

    state = GraphState(
        gate=None, make_snapshot=snapshot_maker((), True, OxigraphStore.open(fixture_store))
    )
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


def test_writing_needs_an_update_url_and_credentials_go_in_a_header() -> None:
    endpoint = SparqlEndpoint("http://127.0.0.1:9/query")
    with pytest.raises(InputError) as caught:
        endpoint.insert(Graph())
    assert str(caught.value) == (
        "http://127.0.0.1:9/query: this endpoint has no update URL; writing needs one"
    )
    assert Credentials("hr", "secret").header() == "Basic aHI6c2VjcmV0"


def test_a_read_only_open_keeps_the_fingerprint_and_a_write_changes_it(tmp_path: Path) -> None:
    """What the read-model cache relies on to tell a changed store."""
    path = tmp_path / "esco.store"
    import_esco(FIXTURES / "esco" / "published", path, progress=False)
    before = folder_fingerprint(path)
    opened = OxigraphStore.open(path)
    assert len(list(opened.triples())) == 55
    del opened
    assert OxigraphStore.open(path).fingerprint == folder_fingerprint(path) == before
    (path / f"{OWN_FILE_PREFIX}read-model.pickle").write_bytes(b"the product's own file")
    assert folder_fingerprint(path) == before
    writer = ox.Store(str(path))
    writer.add(ox.Quad(ox.NamedNode(ECONOMICS), ox.NamedNode(str(RDFS.label)), ox.Literal("x")))
    del writer
    assert folder_fingerprint(path) != before
    assert OxigraphStore.from_graph(Graph()).fingerprint is None
