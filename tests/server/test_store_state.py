"""``serve --store``: the snapshot's read model comes from the store folder's cache on the
second start, with the same answers, and ``/healthz`` and the log say which it was."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers.esco import import_esco
from competency_graph.model.cache import CACHE_FILE
from competency_graph.server.state import GraphState
from competency_graph.server.store_state import snapshot_maker

from ..conftest import FIXTURES
from ..graphql_support import client_for, post

SALES_ACCOUNT_MANAGER = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
QUERY = (
    "query($id: ID!) { position(id: $id) { label(lang: EN) requirements { necessity "
    "skill { iri label } } } }"
)


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """The hand-made ESCO fixture imported into an on-disk store."""
    path = tmp_path / "esco.store"
    import_esco(FIXTURES / "esco" / "published", path, progress=False)
    return path


def started(store: Path, mode: str = "use") -> GraphState:
    state = GraphState(
        gate=None, make_snapshot=snapshot_maker((), True, OxigraphStore.open(store), mode)
    )
    state.start()
    return state


def test_the_second_start_answers_the_same_from_the_cache(
    store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = started(store)
    with caplog.at_level(logging.INFO):
        second = started(store)
    answers = []
    for state in (first, second):
        with client_for(state) as client:
            answers.append(post(client, QUERY, id=SALES_ACCOUNT_MANAGER))
            health = client.get("/healthz").json()
        assert health["readModel"]["store"] == str(store)
    assert answers[0] == answers[1]
    assert answers[0]["position"]["label"] == "sales account manager"
    assert len(answers[0]["position"]["requirements"]) == 2
    assert health["readModel"]["source"] == "cache"
    assert health["readModel"]["cache"] == f"read from {store / CACHE_FILE}"
    files = len(second.snapshot.files)  # the shipped modules
    assert health["lastReload"]["message"].startswith(
        f"loaded {files} files, {second.snapshot.triples}"
    )
    assert "(read model from its cache: " in health["lastReload"]["message"]
    logged = [r.getMessage() for r in caplog.records if r.name == "competency_graph.server.app"]
    assert len(logged) == 1
    assert logged[0].startswith(f"graph {second.snapshot.version}: loaded {files} files, ")
    assert logged[0].endswith(" s)")
    assert "triples in " in logged[0]


def test_healthz_says_the_read_model_was_built_from_the_store(store: Path) -> None:
    state = started(store, "off")
    with client_for(state) as client:
        health = client.get("/healthz").json()
    assert health["readModel"]["source"] == "store"
    assert health["readModel"]["cache"] == "off (--read-model-cache off)"
    assert "(read model from the store: " in health["lastReload"]["message"]
    assert not (store / CACHE_FILE).exists()


def test_rebuild_applies_to_the_first_load_only(store: Path) -> None:
    started(store)
    state = started(store, "rebuild")
    assert state.snapshot.read_model_origin()["source"] == "store"
    assert state.reload("test").ok
    assert state.snapshot.read_model_origin()["source"] == "cache"
