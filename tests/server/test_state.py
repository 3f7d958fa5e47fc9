"""Reloading the served graph: atomic swap on success, old graph kept on failure; served
over a store, the read model comes from the store folder's cache on the second start, with
the same answers, and ``/healthz`` and the log say which it was."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from competency_graph.checking.report import Report
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers.esco import import_esco
from competency_graph.importers.job_description import INPUT_SOURCE
from competency_graph.model.cache import CACHE_FILE, CacheMode
from competency_graph.server.state import GraphState, Snapshot

from ..conftest import EXAMPLES, FIXTURES, ONTOLOGY
from ..graphql_support import client_for, post

CRM_LABEL = '{ skill(id: "skill:crm") { label } }'


def copy_small_org(tmp_path: Path) -> tuple[list[Path], Path]:
    data = tmp_path / "small_org.ttl"
    shutil.copy(FIXTURES / "api" / "small_org.ttl", data)
    return [ONTOLOGY / "core.ttl", data], data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()  # make the change visible even within one mtime tick
    os.utime(path, (stat.st_atime, stat.st_mtime + 2))


def test_reload_swaps_in_the_new_graph(tmp_path: Path) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    first = state.start()
    with client_for(state) as client:
        assert post(client, CRM_LABEL) == {"skill": {"label": "CRM systems"}}
        assert not state.changed()
        edit(data, '"CRM systems"@en', '"CRM software"@en')
        assert state.changed()
        result = state.reload("test")
        assert result.ok, result.message
        assert state.snapshot is not first
        assert state.snapshot.version != first.version
        assert not state.changed()
        assert post(client, CRM_LABEL) == {"skill": {"label": "CRM software"}}
        health = client.get("/healthz").json()
        assert health["status"] == "ok"
        assert health["lastReload"]["trigger"] == "test"
        assert health["version"] == state.snapshot.version


def test_broken_file_keeps_the_old_graph_and_healthz_says_why(tmp_path: Path) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    first = state.start()
    with client_for(state) as client:
        edit(data, "skill:crm a cg:Tool ;", "skill:crm a cg:Tool ;;; oops")
        result = state.reload("file change")
        assert not result.ok
        assert state.snapshot is first
        assert post(client, CRM_LABEL) == {"skill": {"label": "CRM systems"}}
        health = client.get("/healthz").json()
        assert health["status"] == "degraded"
        assert health["version"] == first.version
        message = health["lastReload"]["message"]
        assert message.startswith(f"the new graph does not load: {data}:")
        assert "malformed Turtle" in message
        assert message.endswith(f"; still serving {first.version}")
        # the broken file is not reloaded again until it changes once more
        assert not state.changed()
        edit(data, "skill:crm a cg:Tool ;;; oops", "skill:crm a cg:Tool ;")
        assert state.changed()
        assert state.reload("file change").ok
        assert client.get("/healthz").json()["status"] == "ok"


def test_a_deleted_file_is_refused_too(tmp_path: Path) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    first = state.start()
    data.unlink()
    assert state.changed()
    result = state.reload("file change")
    assert not result.ok
    assert result.message == (
        f"the new graph does not load: {data}: no such file; still serving {first.version}"
    )
    assert state.snapshot is first


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("swap", "message"),
    [
        (os.mkfifo, "a named pipe (FIFO): only regular files are read"),
        (lambda p: p.symlink_to("/dev/zero"), "a device (a link to /dev/zero): only regular"),
    ],
    ids=["fifo", "dev-zero"],
)
def test_a_file_swapped_for_a_pipe_or_a_device_is_refused_at_once(
    tmp_path: Path, swap: Callable[[Path], None], message: str
) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    first = state.start()
    data.unlink()
    swap(data)
    result = state.reload("file change")
    assert not result.ok
    assert result.message.startswith(f"the new graph does not load: {data}: {message}")
    assert state.snapshot is first


def test_gate_refuses_a_graph_with_new_errors(tmp_path: Path) -> None:
    paths, data = copy_small_org(tmp_path)

    def no_more_skills(current: Snapshot | None, candidate: Snapshot) -> str | None:
        before = len(current.model.skills) if current else 0
        after = len(candidate.model.skills)
        return f"{after - before} new skill(s)" if after > before else None

    state = GraphState(Source(paths, include_shipped=False), gate=no_more_skills)
    first = state.start()
    with data.open("a", encoding="utf-8") as handle:
        handle.write('\nskill:juggling a cg:Competence ; rdfs:label "Juggling"@en .\n')
    result = state.reload("SIGHUP")
    assert not result.ok
    assert result.message == f"1 new skill(s); still serving {first.version}"
    assert state.snapshot is first


def test_the_checker_refuses_an_edit_that_breaks_a_rule(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("# nothing yet\n", encoding="utf-8")
    state = GraphState(Source([extra]))  # shipped ontology + extra, default gate: the checker
    first = state.start()
    defect = (FIXTURES / "api" / "right_without_duty.ttl").read_text(encoding="utf-8")
    extra.write_text(defect, encoding="utf-8")
    result = state.reload("file change")
    assert not result.ok
    assert result.message == (
        "the new graph has 1 new error(s): [right-purpose] Right 'Right to an idle afternoon' "
        "in 'Job description of the account manager' facilitates none of its duties.; "
        f"still serving {first.version}"
    )
    assert state.snapshot is first
    # the right alone, not granted by the job description, breaks nothing
    grant = "jd:account-manager cg:grantsRight right:fixture-idle-right .\n"
    assert grant in defect
    extra.write_text(defect.replace(grant, ""), encoding="utf-8")
    assert state.reload("file change").ok
    assert state.snapshot is not first


def test_the_server_reloads_on_file_change_by_itself(tmp_path: Path) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    state.start()
    with client_for(state, watch_interval=0.05) as client:
        edit(data, '"CRM systems"@en', '"CRM platforms"@en')
        deadline = time.monotonic() + 10
        while client.get("/healthz").json()["lastReload"]["trigger"] != "file change":
            assert time.monotonic() < deadline, "the file change was not picked up"
            time.sleep(0.05)
        assert post(client, CRM_LABEL) == {"skill": {"label": "CRM platforms"}}


def test_healthz_names_the_ontology_schemas_and_examples_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMPETENCY_GRAPH_ONTOLOGY", str(ONTOLOGY))
    state = GraphState(gate=None)
    state.start()
    with client_for(state) as client:
        health = client.get("/healthz").json()
    assert health["ontology"] == {
        "path": str(ONTOLOGY),
        "origin": "environment",
        "reason": "from $COMPETENCY_GRAPH_ONTOLOGY",
    }
    assert health["schemas"] == {
        "path": str(ONTOLOGY.parent / "schema"),
        "origin": "environment",
        "reason": "beside the ontology, from $COMPETENCY_GRAPH_ONTOLOGY",
    }
    assert health["examples"]["path"] == str(ONTOLOGY.parent / "examples" / "queries")


def test_healthz_says_no_ontology_was_loaded_without_it(tmp_path: Path) -> None:
    paths, _ = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    state.start()
    with client_for(state) as client:
        assert client.get("/healthz").json()["ontology"] is None


def test_an_edit_saved_while_a_reload_runs_is_served_with_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    state.start()
    load = GraphState._load
    edits = iter([('"CRM systems"@en', '"CRM software"@en')])

    def load_then_edit(self: GraphState) -> Snapshot:
        loaded = load(self)
        for old, new in edits:  # the user saves again just as the first load ends
            edit(data, old, new)
        return loaded

    monkeypatch.setattr(GraphState, "_load", load_then_edit)
    edit(data, "CRM", "CRM")  # a save that changes nothing but the time
    state.reload("test")
    with client_for(state) as client:
        assert post(client, CRM_LABEL) == {"skill": {"label": "CRM software"}}
        served = client.get("/healthz").json()["version"]
    assert served == state._load().version
    assert not state.changed()


def test_an_edit_during_a_reload_that_keeps_changing_leaves_a_reload_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, data = copy_small_org(tmp_path)
    state = GraphState(Source(paths, include_shipped=False), gate=None)
    state.start()
    load = GraphState._load

    def load_then_touch(self: GraphState) -> Snapshot:
        loaded = load(self)
        edit(data, "CRM", "CRM")  # saved again after every read
        return loaded

    monkeypatch.setattr(GraphState, "_load", load_then_touch)
    state.reload("test")
    assert state.changed()  # the next poll reloads


SALES_ACCOUNT_MANAGER = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
QUERY = (
    "query($id: ID!) { position(id: $id) { label(lang: EN) requirements { necessity "
    "skill { iri label } } } }"
)


@pytest.fixture()
def esco_store(tmp_path: Path) -> Path:
    """The hand-made ESCO fixture imported into an on-disk store."""
    path = tmp_path / "esco.store"
    import_esco(FIXTURES / "esco" / "published", path, progress=False)
    return path


def started(store: Path, mode: CacheMode = "use") -> GraphState:
    """What ``serve --store STORE --read-model-cache MODE`` does before it answers."""
    state = GraphState(Source(store=OxigraphStore.open(store)), gate=None, cache=mode)
    state.start()
    return state


def test_the_second_start_answers_the_same_from_the_cache(
    esco_store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = started(esco_store)
    with caplog.at_level(logging.INFO):
        second = started(esco_store)
    answers = []
    for state in (first, second):
        with client_for(state) as client:
            answers.append(post(client, QUERY, id=SALES_ACCOUNT_MANAGER))
            health = client.get("/healthz").json()
        assert health["readModel"]["store"] == str(esco_store)
    assert answers[0] == answers[1]
    assert answers[0]["position"]["label"] == "sales account manager"
    assert len(answers[0]["position"]["requirements"]) == 2
    assert health["readModel"]["source"] == "cache"
    assert health["readModel"]["cache"] == f"read from {esco_store / CACHE_FILE}"
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


def test_healthz_says_the_read_model_was_built_from_the_store(esco_store: Path) -> None:
    state = started(esco_store, "off")
    with client_for(state) as client:
        health = client.get("/healthz").json()
    assert health["readModel"]["source"] == "store"
    assert health["readModel"]["cache"] == "off (--read-model-cache off)"
    assert "(read model from the store: " in health["lastReload"]["message"]
    assert not (esco_store / CACHE_FILE).exists()


def test_rebuild_applies_to_the_first_load_only(esco_store: Path) -> None:
    started(esco_store)
    state = started(esco_store, "rebuild")
    assert state.snapshot.read_model_origin()["source"] == "store"
    assert state.reload("test").ok
    assert state.snapshot.read_model_origin()["source"] == "cache"


def test_an_unsaved_job_description_is_checked_with_the_store(esco_store: Path) -> None:
    """The same report as without the store, where the store plays no part."""
    text = (EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml").read_text()
    document = json.loads(json.dumps(yaml.safe_load(text), default=str))
    del document["rights"]
    over_store = started(esco_store).snapshot.check_job_description(document, "en")
    plain = GraphState(Source(), gate=None)
    plain.start()
    over_files = plain.snapshot.check_job_description(document, "en")
    assert [(v.rule_id, v.focus) for v in over_store.violations] == [
        (
            "structure",
            "https://w3id.org/competency-graph/id/job-description/regional-account-manager",
        )
    ]
    assert over_store.violations == over_files.violations


SALES_OCCUPATION = "http://data.europa.eu/esco/occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"
ESCO_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000003"


def _whole_store_report(snapshot: Snapshot, document: dict[str, Any]) -> Report:
    """The report of a checker over every triple of the store (what the check did before)."""
    from competency_graph.checking.engine import Checker
    from competency_graph.importers.job_description import convert_job_description

    converted = convert_job_description(dict(document), snapshot.model, INPUT_SOURCE)
    loaded = snapshot.source.load()
    converted.add_to(loaded)
    report: Report = Checker(loaded, store=snapshot.source.store).check_position(converted.position)
    return report


def _variants() -> dict[str, dict[str, Any]]:
    """The shipped valid job description, and versions of it that touch the store."""
    text = (EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml").read_text()
    shipped = json.loads(json.dumps(yaml.safe_load(text), default=str))
    specialising = json.loads(json.dumps(shipped))
    specialising["position"]["specialises"] = SALES_OCCUPATION
    needing = json.loads(json.dumps(shipped))
    needing["requirements"].append({"skill": ESCO_SKILL})  # no duty needs it
    without_rights = json.loads(json.dumps(shipped))
    del without_rights["rights"]
    return {
        "shipped": shipped,
        "specialising an ESCO occupation": specialising,
        "needing an ESCO skill": needing,
        "without rights": without_rights,
    }


def test_an_unsaved_job_description_is_checked_without_reading_the_whole_store(
    esco_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each variant's report equals the one over a copy of the whole store, which the
    served check never reads: it asks the store for what its position's check needs."""
    state = started(esco_store, "off")
    snapshot = state.snapshot
    store = snapshot.source.store
    assert store is not None
    expected = {name: _whole_store_report(snapshot, doc) for name, doc in _variants().items()}

    def refused(*args: Any) -> None:
        raise AssertionError("the whole store was read")

    monkeypatch.setattr(store, "triples", refused)
    monkeypatch.setattr(store, "load_into", refused)
    for name, document in _variants().items():
        report = snapshot.check_job_description(document, "en")
        assert report.violations == expected[name].violations, name
    rules = {name: sorted({v.rule_id for v in r.violations}) for name, r in expected.items()}
    assert rules == {
        "shipped": [],
        "specialising an ESCO occupation": [],
        "needing an ESCO skill": ["unused-requirement"],
        "without rights": ["structure"],
    }


def test_a_job_description_as_the_yaml_format_s_data() -> None:
    state = GraphState(Source(()))
    state.start()
    data = state.snapshot.job_description_data(
        "https://w3id.org/competency-graph/id/position/account-manager"
    )
    assert data["position"]["id"] == "account-manager"
    assert (data["status"], data["version"]) == ("in-force", "1.0")
    assert all(isinstance(duty, str) for duty in data["duties"])  # shared duties, by id
    json.dumps(data)  # plain data: dates and references as text
