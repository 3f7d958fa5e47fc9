"""Mutations writing through a store (``serve --edits DIR --store S``): the file in DIR keeps
the record and the history, the position's named graph in the store is what is served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from competency_graph.api.inputs import from_job_description_data
from competency_graph.cli.main import cli
from competency_graph.graph.source import Source
from competency_graph.graph.stores import GraphStore
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.sparql import SparqlEndpoint
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.editing import Editor, graph_name
from competency_graph.server.state import GraphState, error_gate

from ..sparql_support import store_endpoint
from .test_editing import DELETE, SAVE, call, document

POSITION = "https://w3id.org/competency-graph/id/position/regional-account-manager"
NAME = graph_name("position:regional-account-manager")


def empty_store(folder: Path) -> Path:
    """An empty oxigraph store folder (what ``import esco`` makes, without the data)."""
    store = ox.Store(str(folder))
    store.flush()
    del store
    return folder


def serving(store: GraphStore, edits: Path) -> TestClient:
    """The app over the shipped ontology and ``store``, writing through ``edits``."""
    state = GraphState(Source((), store=store), gate=error_gate, cache="off")
    editor = Editor(state, edits)
    state.start()
    return TestClient(create_app(state, ServerSettings(sighup=False), editor))


@pytest.fixture()
def store_folder(tmp_path: Path) -> Path:
    return empty_store(tmp_path / "store")


@pytest.fixture()
def client(store_folder: Path, tmp_path: Path) -> Iterator[TestClient]:
    with serving(OxigraphStore.open(store_folder, read_only=False), tmp_path / "edits") as app:
        yield app


def served_status(client: TestClient) -> Any:
    query = '{ position(id: "regional-account-manager") { jobDescription { status } } }'
    body = call(client, query)
    return body["data"]["position"]


def test_a_create_writes_the_file_and_the_named_graph_and_survives_a_restart(
    client: TestClient, store_folder: Path, tmp_path: Path
) -> None:
    saved = call(client, SAVE, jd=from_job_description_data(document()))["data"]
    assert saved["createJobDescription"]["written"] is True
    assert (tmp_path / "edits" / "regional-account-manager.yaml").is_file()
    assert served_status(client) == {"jobDescription": {"status": "DRAFT"}}
    client.close()  # the store folder is free again
    store = OxigraphStore.open(store_folder)  # read-only, as a plain `serve --store`
    assert len(store.named_graph(NAME)) > 50
    # a new server on the store alone (no --edits) serves what was written
    restarted = GraphState(Source((), store=store), cache="off")
    restarted.start()
    assert POSITION in restarted.snapshot.model.positions


def test_an_update_replaces_the_named_graph_and_a_delete_removes_it(
    client: TestClient, store_folder: Path
) -> None:
    first = call(client, SAVE, jd=from_job_description_data(document()))["data"]
    version = first["createJobDescription"]["version"]
    changed = document()
    changed["position"]["label"]["en"] = "Regional key account manager"
    update = """mutation U($jd: JobDescriptionInput!, $v: String!) {
      updateJobDescription(input: $jd, expectedVersion: $v) { written version } }"""
    updated = call(client, update, jd=from_job_description_data(changed), v=version)["data"]
    label = call(client, '{ position(id: "regional-account-manager") { label(lang: EN) } }')
    assert label["data"]["position"]["label"] == "Regional key account manager"
    version = updated["updateJobDescription"]["version"]
    deleted = call(client, DELETE, p="regional-account-manager", v=version)
    assert deleted["data"] == {"deleteJobDescription": {"written": True}}
    assert served_status(client) is None
    client.close()
    assert len(OxigraphStore.open(store_folder).named_graph(NAME)) == 0


def test_a_store_that_cannot_be_written_refuses_and_nothing_is_written(
    store_folder: Path, tmp_path: Path
) -> None:
    edits = tmp_path / "edits"
    with serving(OxigraphStore.open(store_folder), edits) as client:  # opened read-only
        body = call(client, SAVE, jd=from_job_description_data(document()))
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert "opened read-only" in error["message"]
        assert list(edits.glob("*.yaml")) == []
        assert served_status(client) is None


def test_writes_go_through_an_endpoints_update_url(tmp_path: Path) -> None:
    backing = ox.Store()
    with store_endpoint(backing, updates=True) as endpoint:
        store = SparqlEndpoint.open(endpoint.url, update_url=endpoint.update_url)
        with serving(store, tmp_path / "edits") as client:
            saved = call(client, SAVE, jd=from_job_description_data(document()))["data"]
            assert saved["createJobDescription"]["written"] is True
            assert served_status(client) == {"jobDescription": {"status": "DRAFT"}}
    assert endpoint.updates[0].startswith(f"DROP SILENT GRAPH <{NAME}> ;\nINSERT DATA")
    assert len(list(backing.quads_for_pattern(None, None, None, ox.NamedNode(NAME)))) > 50


def test_serve_refuses_edits_over_an_endpoint_without_an_update_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "serve",
            "--sparql-endpoint",
            "http://127.0.0.1:9/query",
            "--edits",
            str(tmp_path / "edits"),
            "--get",
            "/healthz",
        ],
    )
    assert result.exit_code == 2
    assert (
        "--edits writes job descriptions through the store: the endpoint needs an update URL "
        "(--sparql-update-endpoint URL)" in result.output
    )
    assert "Traceback" not in result.output
