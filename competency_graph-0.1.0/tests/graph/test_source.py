"""One source of triples: the shipped ontology or not, files, a store; which triples, which
view, which fingerprint."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from competency_graph.errors import InputError
from competency_graph.graph.ontology import CATALOG_FILE, entry_file
from competency_graph.graph.source import Source, file_digest, file_digests
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.rdflib import RdflibStore
from competency_graph.namespaces import CG

EX = "https://example.org/"
ANALYST = URIRef(f"{EX}position/analyst")
SQL = URIRef(f"{EX}skill/sql")
IN_STORE = [(ANALYST, RDF.type, CG.Position), (SQL, RDF.type, CG.Knowledge)]
FILE = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ANALYST}> rdfs:label "analyst"@en .
"""


@pytest.fixture()
def labels(tmp_path: Path) -> Path:
    """A file labelling the position the store holds."""
    path = tmp_path / "labels.ttl"
    path.write_text(FILE, encoding="utf-8")
    old = path.stat().st_mtime_ns - 10_000_000_000  # settled: written well before any load
    os.utime(path, ns=(old, old))
    return path


def store_of(triples: list[tuple[URIRef, URIRef, URIRef]]) -> RdflibStore:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return RdflibStore(graph)


def test_paths_are_kept_as_a_tuple_of_paths(labels: Path) -> None:
    source = Source([str(labels)], include_shipped=False)
    assert source.paths == (labels,)
    assert source == Source((labels,), False)
    assert source.named_files() == [labels]
    assert Source([labels]).named_files() == [entry_file(), labels]


def test_the_files_alone_are_what_the_product_has_always_read(labels: Path) -> None:
    source = Source([labels], include_shipped=False)
    loaded = source.load()
    assert (loaded.files, len(loaded.graph)) == ([labels], 1)
    assert len(source.index(loaded)) == 1
    assert source.stats(loaded).triples == 1


def test_a_store_needs_no_files_but_nothing_at_all_is_an_error() -> None:
    assert len(Source(include_shipped=False, store=store_of(IN_STORE)).load().graph) == 0
    with pytest.raises(InputError) as caught:
        Source(include_shipped=False).load()
    assert str(caught.value) == "nothing to load: give a file or include the shipped ontology"


def test_the_views_with_a_store_hold_files_and_store(labels: Path) -> None:
    source = Source([labels], include_shipped=False, store=store_of(IN_STORE))
    loaded = source.load()
    index = source.index(loaded)
    assert len(index) == 3
    assert (ANALYST, RDFS.label, Literal("analyst", lang="en")) in index
    assert (SQL, RDF.type, CG.Knowledge) in index
    assert (len(loaded.graph), loaded.files) == (1, [labels])  # the files alone
    stats = source.stats(loaded)
    assert (stats.triples, stats.counts["positions"], stats.counts["knowledge"]) == (3, 1, 1)


def test_the_key_names_what_is_asked_for_and_the_store(tmp_path: Path, labels: Path) -> None:
    store = OxigraphStore.in_memory()
    store.fingerprint = "0f" * 32
    key = Source([labels], store=store).key()
    assert key == {
        "shipped": True,
        "paths": [str(entry_file()), str(labels)],
        "cwd": None,
        "store": "0f" * 32,
    }
    relative = Source([Path("labels.ttl")], include_shipped=False).key()
    assert relative == {
        "shipped": False,
        "paths": ["labels.ttl"],
        "cwd": str(Path.cwd()),  # a relative path names another file from another folder
        "store": None,
    }


def test_digests_cover_each_file_and_the_catalog_beside_it(labels: Path) -> None:
    catalog = labels.parent / CATALOG_FILE
    assert file_digests([labels]) == {str(labels): file_digest(labels), str(catalog): None}
    assert file_digest(labels) == (hashlib.sha256(FILE.encode("utf-8")).hexdigest())


def test_changes_while_reading_are_noticed(labels: Path) -> None:
    source = Source([labels], include_shipped=False)
    started = time.time_ns()
    loaded = source.load()
    digests = file_digests(loaded.files)
    assert source.changed_since(loaded, started, digests) is None
    labels.write_text(FILE + "# edited\n", encoding="utf-8")
    assert source.changed_since(loaded, started, digests) == (
        f"{labels} was modified while the model was built"
    )
    old = labels.stat().st_mtime_ns - 10_000_000_000
    os.utime(labels, ns=(old, old))  # an edit the clock does not show: the digest does
    assert source.changed_since(loaded, started, digests) == (
        "a loaded file changed while the model was built"
    )


def test_a_store_that_cannot_tell_counts_as_changed(labels: Path) -> None:
    source = Source([labels], include_shipped=False, store=store_of(IN_STORE))
    started = time.time_ns()
    loaded = source.load()
    assert source.changed_since(loaded, started, file_digests(loaded.files)) == (
        "the store changed since it was opened"
    )
