"""The SPARQL endpoint back end. A real Oxigraph SPARQL server on loopback as the store: the
read model, the GraphQL answers and the check report equal the embedded ones.

The server binary comes with the ``oxigraph`` package (the dev extra); without it the tests
marked ``oxigraph_server`` are skipped.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef

from competency_graph.cli.main import cli
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_graph
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.sparql import Credentials, SparqlEndpoint
from competency_graph.model.readmodel import build_read_model, build_read_model_from_store
from competency_graph.server.state import GraphState

from ..conftest import EXAMPLES
from ..graphql_support import client_for
from ..rdf_support import tree_canonical
from ..sparql_support import empty_endpoint, store_endpoint

BROKEN = (
    EXAMPLES / "job-descriptions" / "invalid" / "duty-coverage" / "duty-without-required-skill.ttl"
)
QUERIES = sorted((EXAMPLES / "queries").glob("*.graphql"))


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlEndpoint]:
    """An Oxigraph server on a free loopback port holding the shipped ontology and a broken
    job description; stopped after the module."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    server = subprocess.Popen(
        [binary, "serve", "--location", str(location / "data"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        found = SparqlEndpoint(
            f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update", timeout=30
        )
        found.wait_until_ready(seconds=15)
        found.insert(load_graph([BROKEN]).graph)
        yield found
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def embedded() -> LoadedGraph:
    return load_graph([BROKEN])


@pytest.mark.oxigraph_server
def test_the_remote_read_model_equals_the_embedded_one(
    endpoint: SparqlEndpoint, embedded: LoadedGraph
) -> None:
    assert len(endpoint) == len(embedded.graph)
    assert build_read_model_from_store(endpoint) == build_read_model(embedded.graph)


@pytest.mark.oxigraph_server
@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_graphql_answers_equal_over_the_remote_store(
    endpoint: SparqlEndpoint, embedded: LoadedGraph, query: Path
) -> None:
    remote = GraphState(Source(include_shipped=False, store=endpoint), gate=None)
    local = GraphState(Source([BROKEN]), gate=None)
    remote.start()
    local.start()
    body = {"query": query.read_text(encoding="utf-8")}
    with client_for(remote) as remote_client, client_for(local) as local_client:
        remote_answer = remote_client.post("/graphql", json=body)
        local_answer = local_client.post("/graphql", json=body)
    assert remote_answer.status_code == local_answer.status_code == 200
    remote_data = remote_answer.json()
    assert "errors" not in remote_data, remote_data
    assert remote_data == _without_locations(local_answer.json())


def _without_locations(answer: object) -> object:
    """The answer with file locations blanked: a store has no files and lines."""
    if isinstance(answer, dict):
        return {k: None if k == "location" else _without_locations(v) for k, v in answer.items()}
    if isinstance(answer, list):
        return [_without_locations(v) for v in answer]
    return answer


@pytest.mark.oxigraph_server
def test_check_over_the_endpoint_reports_what_the_embedded_check_reports(
    endpoint: SparqlEndpoint, runner: CliRunner
) -> None:
    args = ["check", "--no-reasoner", "--format", "json"]
    local = runner.invoke(cli, [*args, str(BROKEN)])
    remote = runner.invoke(cli, [*args, "--sparql-endpoint", endpoint.query_url])
    assert local.exit_code == remote.exit_code == 1, remote.output

    def keys(output: str) -> list[tuple[str, str, str]]:
        report = json.loads(output)
        return sorted((v["rule"], v["focus"], v["message"]) for v in report["violations"])

    assert keys(remote.stdout) == keys(local.stdout)
    assert any(rule == "duty-coverage" for rule, _, _ in keys(remote.stdout))


@pytest.mark.oxigraph_server
def test_a_graph_with_blank_nodes_keeps_them_apart(endpoint: SparqlEndpoint) -> None:
    handed = Graph()
    for triple in endpoint.triples():
        handed.add(triple)
    assert len(handed) == len(endpoint)


@pytest.mark.oxigraph_server
def test_two_reads_never_share_a_blank_node(endpoint: SparqlEndpoint) -> None:
    """An endpoint's blank-node labels hold within one response only."""

    def blanks() -> set[BNode]:
        return {node for triple in endpoint.triples() for node in triple if isinstance(node, BNode)}

    first, second = blanks(), blanks()
    assert len(first) == len(second) > 10
    assert not first & second


@pytest.mark.oxigraph_server
def test_the_endpoint_loads_into_a_working_store(endpoint: SparqlEndpoint) -> None:
    working = OxigraphStore.in_memory()
    endpoint.load_into(working)
    assert len(working) == len(endpoint)
    assert tree_canonical(working.triples()) == tree_canonical(endpoint.triples())


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    endpoint = SparqlEndpoint("http://127.0.0.1:9/query", timeout=2)
    with pytest.raises(InputError) as caught:
        list(endpoint.triples())
    assert caught.value.message.startswith("cannot reach the SPARQL endpoint: ")
    assert caught.value.path == "http://127.0.0.1:9/query"
    with pytest.raises(InputError, match="not an http"):
        SparqlEndpoint("file:///etc/passwd")


def test_credentials_in_the_url_go_in_a_header_and_never_into_a_name_or_message() -> None:
    with empty_endpoint() as fake:
        host = fake.url.removeprefix("http://")
        endpoint = SparqlEndpoint(f"http://bob:s%40cret@{host}/query?token=t0k3n")
        assert endpoint.name == f"http://{host}/query?token=***"
        assert endpoint.select("SELECT * WHERE { ?s ?p ?o }") == []
    assert fake.requests == [("/query?token=t0k3n", Credentials("bob", "s@cret").header())]
    unreachable = SparqlEndpoint("http://bob:secret@127.0.0.1:9/query?apikey=k3y", timeout=2)
    with pytest.raises(InputError) as caught:
        list(unreachable.triples())
    assert caught.value.path == "http://127.0.0.1:9/query?apikey=***"
    assert "secret" not in str(caught.value) and "k3y" not in str(caught.value)
    with pytest.raises(InputError) as caught:
        SparqlEndpoint("ftp://bob:secret@host/query")
    assert str(caught.value) == "not an http(s) URL: 'ftp://***@host/query'"


def test_writing_needs_an_update_url_and_credentials_go_in_a_header() -> None:
    endpoint = SparqlEndpoint("http://127.0.0.1:9/query")
    with pytest.raises(InputError) as caught:
        endpoint.insert(Graph())
    assert str(caught.value) == (
        "http://127.0.0.1:9/query: this endpoint has no update URL; writing needs one "
        "(--sparql-update-endpoint)"
    )
    assert Credentials("hr", "secret").header() == "Basic aHI6c2VjcmV0"


def test_open_makes_credentials_only_with_a_user() -> None:
    assert SparqlEndpoint.open("http://127.0.0.1:9/query").credentials is None
    opened = SparqlEndpoint.open("http://127.0.0.1:9/q", "http://127.0.0.1:9/u", user="hr")
    assert (opened.query_url, opened.update_url, opened.credentials) == (
        "http://127.0.0.1:9/q",
        "http://127.0.0.1:9/u",
        Credentials("hr", ""),
    )


def test_construct_reads_one_response_with_fresh_blank_nodes() -> None:
    """Blank nodes keep one identity within a CONSTRUCT's answer, and only there."""
    store = ox.Store()
    store.load(b'<urn:a> <urn:p> _:b .\n_:b <urn:q> "1" .\n', format=ox.RdfFormat.N_TRIPLES)
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    with store_endpoint(store) as served:
        endpoint = SparqlEndpoint(served.url)
        first, second = list(endpoint.construct(query)), list(endpoint.construct(query))
    assert served.queries == [query, query]
    blank = {o for s, p, o in first if str(p) == "urn:p"}
    assert len(blank) == 1 and {s for s, p, _ in first if str(p) == "urn:q"} == blank
    blanks = {n for triple in second for n in triple if isinstance(n, BNode)}
    assert len(first) == 2 and not blank & blanks


def test_a_named_graph_written_through_the_update_url_is_read_back() -> None:
    backing = ox.Store()
    with store_endpoint(backing, updates=True) as served:
        endpoint = SparqlEndpoint.open(served.url, update_url=served.update_url)
        graph = Graph()
        graph.add((URIRef("urn:test:s"), URIRef("urn:test:p"), Literal("o", lang="ru")))
        endpoint.replace_graph("urn:test:graph", graph)
        assert set(endpoint.named_graph("urn:test:graph")) == set(graph)
        assert set(endpoint.triples()) == set(graph)  # the bulk read takes named graphs too
        endpoint.replace_graph("urn:test:graph", None)
        assert list(endpoint.triples()) == []
    assert served.updates[-1] == "DROP SILENT GRAPH <urn:test:graph>"
