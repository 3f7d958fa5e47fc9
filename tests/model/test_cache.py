"""The read-model cache in a store folder: a second start reads it and answers the same; a
changed store, ontology, data file, catalog or code rebuilds it; a broken cache is rebuilt
with one log line; a folder that cannot be written works without a cache."""

from __future__ import annotations

import ast
import errno
import json
import logging
import marshal
import os
import pickle
import shutil
import stat
import time
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from competency_graph import atomic
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.rdflib import RdflibStore
from competency_graph.model import cache as model_cache
from competency_graph.model.cache import (
    BUILDING_MODULES,
    CACHE_FILE,
    LEGACY_CACHE_FILE,
    CacheMode,
    LoadedReadModel,
    load_read_model,
)

from ..conftest import EXAMPLES, ONTOLOGY

EX = "https://example.org/"
ANALYST, SQL, PYTHON = f"{EX}position/analyst", f"{EX}skill/sql", f"{EX}skill/python"
STORE_DATA = f"""
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ANALYST}> a cg:Position ; rdfs:label "analyst"@en ;
    cg:hasRequirement <{EX}requirement/analyst-sql> .
<{EX}requirement/analyst-sql> a cg:SkillRequirement ;
    cg:requiredSkill <{SQL}> ; cg:necessity cg:essential .
<{SQL}> a cg:Knowledge ; rdfs:label "SQL"@en .
"""
RUSSIAN_LABELS = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{SQL}> rdfs:label "язык SQL"@ru .
"""
PACKAGE = Path(model_cache.__file__).parents[1]


def settled(*paths: Path) -> None:
    """Date files a minute back: a file modified just now is not cached (it may have changed
    while it was read)."""
    past = time.time_ns() - 60_000_000_000
    for path in paths:
        os.utime(path, ns=(past, past))


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """A tiny on-disk oxigraph store: one position requiring one skill."""
    path = tmp_path / "tiny.store"
    writer = ox.Store(str(path))
    writer.load(STORE_DATA.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    writer.flush()
    del writer
    return path


@pytest.fixture()
def labels(tmp_path: Path) -> Path:
    """A data file loaded with the store: Russian labels."""
    path = tmp_path / "labels.ttl"
    path.write_text(RUSSIAN_LABELS, encoding="utf-8")
    settled(path)
    return path


def start(store: Path, paths: tuple[Path, ...], mode: CacheMode = "use") -> LoadedReadModel:
    """What ``serve --no-ontology --store STORE PATHS`` does before it answers."""
    return load_read_model(Source(paths, False, OxigraphStore.open(store)), mode)


def add_python_skill(store: Path) -> None:
    writer = ox.Store(str(store))
    cg = "https://w3id.org/competency-graph/ontology#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    writer.add(ox.Quad(ox.NamedNode(PYTHON), rdf_type, ox.NamedNode(cg + "Knowledge")))
    writer.flush()
    del writer


def test_a_cache_of_the_former_format_is_rebuilt_and_removed(
    store: Path, labels: Path, caplog: pytest.LogCaptureFixture
) -> None:
    legacy = store / LEGACY_CACHE_FILE
    legacy.write_bytes(b"a pickle of the whole model, as before")
    with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
        built = start(store, (labels,))
    assert (built.origin, legacy.exists()) == ("store", False)
    assert f"read model: removed {legacy} (the cache's former format)" in caplog.messages
    assert start(store, (labels,)).model == built.model


def test_a_model_built_by_the_caller_is_cached_and_read_back(store: Path, labels: Path) -> None:
    built = start(store, (labels,), "off")
    handed = load_read_model(
        Source((labels,), False, OxigraphStore.open(store)), "rebuild", build=lambda _: built.model
    )
    assert (handed.origin, handed.model) == ("store", built.model)
    assert start(store, (labels,)).origin == "cache"
    # a builder that declines: the store is read back
    declined = load_read_model(
        Source((labels,), False, OxigraphStore.open(store)), "rebuild", build=lambda _: None
    )
    assert declined.model == built.model


def test_a_second_start_reads_the_cache_and_answers_the_same(store: Path, labels: Path) -> None:
    built = start(store, (labels,))
    assert (built.origin, built.cache) == ("store", f"written to {store / CACHE_FILE}")
    cached = start(store, (labels,))
    assert (cached.origin, cached.cache) == ("cache", f"read from {store / CACHE_FILE}")
    assert cached.model == built.model
    assert cached.model.skills[SQL].label.get("ru") == "язык SQL"
    assert cached.model.required_skills(ANALYST).keys() == {SQL}
    assert cached.rules == built.rules
    assert set(cached.loaded.graph) == set(built.loaded.graph)
    assert dict(cached.loaded.graph.namespaces()) == dict(built.loaded.graph.namespaces())
    assert cached.loaded.files == built.loaded.files == [labels]
    assert cached.loaded.locations == built.loaded.locations


def test_the_shipped_ontology_and_its_rules_come_back_from_the_cache(store: Path) -> None:
    built = load_read_model(Source(store=OxigraphStore.open(store)))
    cached = load_read_model(Source(store=OxigraphStore.open(store)))
    assert cached.origin == "cache"
    assert cached.model == built.model
    assert len(cached.rules) > 10
    assert cached.rules == built.rules
    assert set(cached.loaded.graph) == set(built.loaded.graph)
    assert cached.loaded.files == built.loaded.files


def test_every_kind_of_value_in_the_examples_comes_back_from_the_cache(store: Path) -> None:
    """Vacancies (salaries, employers), job descriptions (dates, endorsements): the cache's
    unpickler must accept every type the read model holds, or every start would rebuild."""
    paths = (
        *sorted((EXAMPLES / "vacancies").glob("*.ttl")),
        *sorted((EXAMPLES / "job-descriptions" / "valid").glob("*.ttl")),
    )
    built = load_read_model(Source(paths, store=OxigraphStore.open(store)))
    assert built.model.vacancies and built.model.job_descriptions
    cached = load_read_model(Source(paths, store=OxigraphStore.open(store)))
    assert cached.origin == "cache", cached.cache
    assert cached.model == built.model


def test_a_write_to_the_store_rebuilds(store: Path, labels: Path) -> None:
    start(store, (labels,))
    add_python_skill(store)
    again = start(store, (labels,))
    assert again.origin == "store"
    assert PYTHON in again.model.skills
    assert start(store, (labels,)).origin == "cache"


def test_a_changed_data_file_rebuilds(
    store: Path, labels: Path, caplog: pytest.LogCaptureFixture
) -> None:
    start(store, (labels,))
    labels.write_text(RUSSIAN_LABELS.replace("язык SQL", "SQL (язык)"), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
        again = start(store, (labels,))
    assert again.origin == "store"
    assert again.model.skills[SQL].label.get("ru") == "SQL (язык)"
    assert caplog.messages[0] == (
        f"read model: the cache is out of date ({labels} changed): building it from the store "
        f"{store}"
    )
    # modified a moment ago, so possibly while it was read: not cached until it settles
    assert again.cache == f"not written: {labels} was modified while the model was built"
    settled(labels)
    assert start(store, (labels,)).origin == "store"
    assert start(store, (labels,)).origin == "cache"


def test_other_files_rebuild(store: Path, labels: Path, tmp_path: Path) -> None:
    start(store, (labels,))
    assert start(store, ()).cache.startswith("written")  # without the labels: rebuilt
    assert SQL in start(store, ()).model.skills
    assert start(store, ()).origin == "cache"


def test_a_changed_ontology_rebuilds(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, ontology)  # modification times kept: settled
    monkeypatch.setenv("COMPETENCY_GRAPH_ONTOLOGY", str(ontology))
    built = load_read_model(Source(store=OxigraphStore.open(store)))
    assert load_read_model(Source(store=OxigraphStore.open(store))).origin == "cache"
    skills = ontology / "skills.ttl"
    skills.write_text(
        skills.read_text(encoding="utf-8").replace('"CRM systems"@en', '"CRM software"@en'),
        encoding="utf-8",
    )
    settled(skills)
    again = load_read_model(Source(store=OxigraphStore.open(store)))
    assert again.origin == "store"
    crm = "https://w3id.org/competency-graph/id/skill/crm"
    assert built.model.skills[crm].label.en == "CRM systems"
    assert again.model.skills[crm].label.en == "CRM software"


def test_a_changed_catalog_rebuilds(store: Path, tmp_path: Path) -> None:
    """Where an ``owl:imports`` resolves is decided by the catalog beside the importing file."""
    data = tmp_path / "data"
    data.mkdir()
    main = data / "main.ttl"
    main.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/main> a owl:Ontology ; owl:imports <https://example.org/labels> .\n",
        encoding="utf-8",
    )
    (data / "ru.ttl").write_text(RUSSIAN_LABELS, encoding="utf-8")
    (data / "en.ttl").write_text(RUSSIAN_LABELS.replace('"язык SQL"@ru', '"SQL"@en'), "utf-8")
    catalog = data / "catalog-v001.xml"

    def catalog_maps_to(name: str) -> None:
        catalog.write_text(
            '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
            f'<uri name="https://example.org/labels" uri="{name}"/></catalog>',
            encoding="utf-8",
        )
        settled(*data.iterdir())

    catalog_maps_to("ru.ttl")
    assert start(store, (main,)).model.skills[SQL].label.get("ru") == "язык SQL"
    assert start(store, (main,)).origin == "cache"
    catalog_maps_to("en.ttl")
    again = start(store, (main,))
    assert again.origin == "store"
    assert again.model.skills[SQL].label.ru is None


def test_another_version_of_the_code_rebuilds(
    store: Path, labels: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    start(store, (labels,))
    code = {**model_cache._code(), "source": "0" * 64}
    monkeypatch.setattr(model_cache, "_code", lambda: code)
    with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
        assert start(store, (labels,)).origin == "store"
    assert "(written by another version of competency-graph)" in caplog.messages[0]


def test_the_building_modules_include_everything_they_import() -> None:
    """Every module of the package that a building module imports is a building module too
    (so that a change to it rebuilds the cache)."""
    # checking.formats only lends rules.py the RuleInfo type, for rendering
    not_building = {"checking/formats.py"}
    for name in BUILDING_MODULES:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "competency_graph."
            ):
                module = node.module.removeprefix("competency_graph.").replace(".", "/")
                if (PACKAGE / module).is_dir():  # from a package: its modules or itself
                    imported = [
                        f"{module}/{alias.name}.py"
                        if (PACKAGE / module / f"{alias.name}.py").is_file()
                        else f"{module}/__init__.py"
                        for alias in node.names
                    ]
                else:
                    imported = [f"{module}.py"]
                for one in imported:
                    if one not in not_building:
                        assert one in BUILDING_MODULES, f"{name} imports {one}"


def corrupt_payload(file: Path) -> None:
    data = bytearray(file.read_bytes())
    data[-100] ^= 0xFF
    file.write_bytes(bytes(data))


def forbidden_pickle(file: Path) -> None:
    """The right header over a pickle that would run a shell command."""
    marker = file.parent.parent / "ran"

    class Command:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    magic, header, payload = file.read_bytes().split(b"\n", 2)
    stored_columns, _ = marshal.loads(payload)
    data = marshal.dumps((stored_columns, pickle.dumps(Command())))
    fields = json.loads(header)
    fields.update(bytes=len(data), crc32=zlib.crc32(data))
    file.write_bytes(magic + b"\n" + json.dumps(fields).encode() + b"\n" + data)


def columns_of_another_shape(file: Path) -> None:
    """The right header over columns that name no class the read model has."""
    magic, header, payload = file.read_bytes().split(b"\n", 2)
    _, rest = marshal.loads(payload)
    data = marshal.dumps((marshal.dumps(({}, {"positions": ("plain", {})})), rest))
    fields = json.loads(header)
    fields.update(bytes=len(data), crc32=zlib.crc32(data))
    file.write_bytes(magic + b"\n" + json.dumps(fields).encode() + b"\n" + data)


def replace_with_fifo(file: Path) -> None:
    file.unlink()
    os.mkfifo(file)


def link_to_a_device(file: Path) -> None:
    file.unlink()
    file.symlink_to("/dev/zero")


def deeply_nested_header(file: Path) -> None:
    magic = file.read_bytes().split(b"\n", 1)[0]
    file.write_bytes(magic + b"\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n")


def huge_header(file: Path) -> None:
    magic = file.read_bytes().split(b"\n", 1)[0]
    file.write_bytes(magic + b"\n" + b" " * 3_000_000 + b"{}\n")


def header_claiming_more_data(file: Path) -> None:
    magic, header, data = file.read_bytes().split(b"\n", 2)
    fields = json.loads(header)
    fields.update(bytes=50_000_000_000)
    file.write_bytes(magic + b"\n" + json.dumps(fields).encode() + b"\n" + data)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda f: f.write_bytes(f.read_bytes()[:-1000]), "bytes of data, "),
        (corrupt_payload, "its CRC-32 does not match"),
        (lambda f: f.write_text("hello"), "not a read-model cache"),
        (lambda f: f.write_bytes(f.read_bytes()[:40] + b"{oops\n"), "JSONDecodeError"),
        (forbidden_pickle, "UnpicklingError: a read-model cache may not name posix.system"),
        (columns_of_another_shape, "ColumnsError: KeyError: 'Text'"),
        (replace_with_fifo, "a named pipe (FIFO): only regular files are read"),
        (link_to_a_device, "a device (a link to /dev/zero): only regular files are read"),
        (deeply_nested_header, "RecursionError"),
        (huge_header, "a header of over 1,048,576 bytes"),
        (header_claiming_more_data, "bytes of data, 50000000000 written"),
    ],
    ids=[
        "truncated",
        "flipped-byte",
        "not-a-cache",
        "bad-header",
        "forbidden-class",
        "columns-of-another-shape",
        "fifo",
        "device",
        "deeply-nested-header",
        "huge-header",
        "header-claiming-more-data",
    ],
)
def test_a_broken_cache_is_rebuilt_with_one_warning(
    store: Path,
    labels: Path,
    caplog: pytest.LogCaptureFixture,
    damage: object,
    reason: str,
) -> None:
    built = start(store, (labels,))
    damage(store / CACHE_FILE)  # type: ignore[operator]
    started = time.perf_counter()
    with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
        again = start(store, (labels,))
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"read model: the cache {store / CACHE_FILE} is unreadable (")
    assert reason in warnings[0]
    assert warnings[0].endswith(f"): building it from the store {store}")
    assert time.perf_counter() - started < 10
    assert stat.S_ISCHR(Path("/dev/zero").stat().st_mode)  # the cache replaced the link only
    assert again.origin == "store"
    assert again.model == built.model
    assert not (store.parent / "ran").exists()
    assert start(store, (labels,)).origin == "cache"  # written again


@pytest.mark.timeout(60)
def test_a_cache_naming_a_device_as_a_loaded_file_is_not_read_from_it(
    store: Path, labels: Path, caplog: pytest.LogCaptureFixture
) -> None:
    start(store, (labels,))
    file = store / CACHE_FILE
    magic, header, data = file.read_bytes().split(b"\n", 2)
    fields = json.loads(header)
    fields["inputs"] = {"/dev/zero": "0" * 64, **fields["inputs"]}
    file.write_bytes(magic + b"\n" + json.dumps(fields).encode() + b"\n" + data)
    with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
        again = start(store, (labels,))
    assert again.origin == "store"
    assert "the cache is out of date (/dev/zero changed)" in caplog.text


@pytest.mark.parametrize(
    ("failing", "code"),
    [("_create_beside", errno.EROFS), ("fsync", errno.ENOSPC)],
    ids=["read-only", "full-disk"],
)
def test_a_folder_that_cannot_be_written_works_without_a_cache(
    store: Path,
    labels: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failing: str,
    code: int,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic if failing.startswith("_") else atomic.os, failing, fail)
    with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
        found = start(store, (labels,))
    assert found.origin == "store"
    assert found.model.required_skills(ANALYST).keys() == {SQL}
    reason = f"cannot write in {store} ({os.strerror(code)})"
    assert found.cache == f"not written: {reason}"
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [f"read model: no cache: {reason}; every start will build the model again"]
    assert not (store / CACHE_FILE).exists()
    assert [p.name for p in store.iterdir() if "competency-graph." in p.name] == []


def test_temporary_files_of_an_interrupted_write_are_removed_at_start(
    store: Path, labels: Path, caplog: pytest.LogCaptureFixture
) -> None:
    start(store, (labels,))
    leftovers = [
        store / f".{CACHE_FILE}.1a2b3c4d.tmp",  # written through write_atomically
        store / f"{CACHE_FILE}.k2j3h4g5.tmp",  # written by the cache before it
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a cache")
    being_written = store / f".{CACHE_FILE}.9f8e7d6c.tmp"
    being_written.write_bytes(b"a cache on its way")
    handle = os.open(being_written, os.O_RDONLY)
    try:
        atomic.lock(handle)  # as the process writing it holds it
        with caplog.at_level(logging.INFO, logger="competency_graph.model.cache"):
            assert start(store, (labels,)).origin == "cache"  # the leftovers change nothing
    finally:
        os.close(handle)
    assert [r.getMessage() for r in caplog.records][:2] == [
        f"read model: removed {leftover}, left by a write that was interrupted"
        for leftover in sorted(leftovers)
    ]
    assert sorted(p.name for p in store.iterdir() if "competency-graph." in p.name) == [
        being_written.name,
        CACHE_FILE,
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_works_without_a_cache(store: Path, labels: Path) -> None:
    store.chmod(0o555)
    try:
        found = start(store, (labels,))
    finally:
        store.chmod(0o755)
    assert found.origin == "store"
    assert found.cache.startswith(f"not written: cannot write in {store} (")


def test_a_store_written_after_it_was_opened_is_not_cached(store: Path, labels: Path) -> None:
    opened = OxigraphStore.open(store)
    add_python_skill(store)  # another process writes meanwhile
    found = load_read_model(Source((labels,), False, opened))
    assert PYTHON not in found.model.skills  # what the opened store holds...
    assert found.cache == "not written: the store changed since it was opened"  # ...not cached
    assert not (store / CACHE_FILE).exists()
    assert PYTHON in start(store, (labels,)).model.skills


@pytest.mark.parametrize(
    ("mode", "sources"),
    [("use", ("store", "cache")), ("rebuild", ("store", "store")), ("off", ("store", "store"))],
)
def test_modes(store: Path, labels: Path, mode: CacheMode, sources: tuple[str, str]) -> None:
    found = (start(store, (labels,), mode), start(store, (labels,), mode))
    assert (found[0].origin, found[1].origin) == sources
    assert (store / CACHE_FILE).exists() is (mode != "off")
    if mode == "off":
        assert found[0].cache == "off (--read-model-cache off)"


def test_a_store_without_a_folder_has_no_cache(labels: Path) -> None:
    from rdflib import Graph

    graph = Graph().parse(data=STORE_DATA, format="turtle")
    found = load_read_model(Source((labels,), False, RdflibStore(graph)))
    assert found.origin == "store"
    assert found.cache == "none: rdflib graph is not a store folder (nothing to fingerprint)"
    assert found.model.required_skills(ANALYST).keys() == {SQL}
