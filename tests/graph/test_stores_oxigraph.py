"""The oxigraph back end: a store folder opened read-only with its fingerprint, and the
operations the checker's working store makes (bulk adds, pattern reads, CONSTRUCT)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.stores import OWN_FILE_PREFIX
from competency_graph.graph.stores.oxigraph import OxigraphStore, folder_fingerprint
from competency_graph.importers.esco import import_esco
from competency_graph.namespaces import CG

from ..conftest import FIXTURES
from ..rdf_support import tree_canonical

ECONOMICS = "http://data.europa.eu/esco/skill/88af9294-b697-4687-ae19-aefbb6234dfa"
EXCEL = URIRef("https://w3id.org/competency-graph/id/skill/ms-excel")
REQUIREMENT = BNode("requirement1")
#: a named node, a blank node with a Russian label, a typed literal
SMALL = [
    (EXCEL, RDF.type, CG.Tool),
    (EXCEL, RDFS.label, Literal("Excel", lang="en")),
    (REQUIREMENT, CG.requiredSkill, EXCEL),
    (REQUIREMENT, RDFS.label, Literal("знание Excel", lang="ru")),
    (REQUIREMENT, CG.minYears, Literal(2)),
]


@pytest.fixture()
def small() -> OxigraphStore:
    """An in-memory store holding :data:`SMALL`, added in bulk (blank-node labels kept)."""
    store = OxigraphStore.in_memory()
    store.bulk_add(SMALL)
    return store


def test_a_bulk_add_keeps_every_term_as_it_was(small: OxigraphStore) -> None:
    assert sorted(small.triples()) == sorted(SMALL)
    assert len(small) == 5


def test_a_pattern_read_takes_and_gives_rdflib_terms(small: OxigraphStore) -> None:
    assert list(small.match(REQUIREMENT, RDFS.label, None)) == [
        (REQUIREMENT, RDFS.label, Literal("знание Excel", lang="ru"))
    ]
    assert list(small.match(None, None, EXCEL)) == [(REQUIREMENT, CG.requiredSkill, EXCEL)]
    assert list(small.match(None, CG.minYears, Literal(2))) == [SMALL[4]]
    assert list(small.match(Literal("Excel", lang="en"), None, None)) == []  # never a subject
    assert list(small.match(None, Literal("p"), None)) == []  # never a predicate


def test_select_and_construct(small: OxigraphStore) -> None:
    rows = small.select(f"SELECT ?r ?years WHERE {{ ?r <{CG.minYears}> ?years }}")
    assert rows == [{"r": REQUIREMENT, "years": Literal(2)}]
    built = list(small.construct(f"CONSTRUCT {{ ?s a <{CG.Skill}> }} WHERE {{ ?s a <{CG.Tool}> }}"))
    assert built == [(EXCEL, RDF.type, CG.Skill)]
    with pytest.raises(TypeError, match="not a SELECT query"):
        small.select("ASK { ?s ?p ?o }")
    with pytest.raises(TypeError, match="not a CONSTRUCT query"):
        list(small.construct("SELECT * WHERE { ?s ?p ?o }"))


def test_one_store_loads_into_another_as_it_is(small: OxigraphStore) -> None:
    target = OxigraphStore.in_memory()
    small.load_into(target)
    assert sorted(target.triples()) == sorted(SMALL)


def test_a_graph_inserted_reads_back_the_same(shipped: LoadedGraph) -> None:
    store = OxigraphStore.from_graph(shipped.graph)
    assert tree_canonical(store.triples()) == tree_canonical(shipped.graph)
    assert len(store) == len(shipped.graph)


def test_a_folder_that_is_not_a_store_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        OxigraphStore.open(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: not an oxigraph store folder (make one with `competency-graph import esco`)"
    )


def test_a_read_only_open_keeps_the_fingerprint_and_a_write_changes_it(tmp_path: Path) -> None:
    """What the read-model cache relies on to tell a changed store."""
    path = tmp_path / "esco.store"
    import_esco(FIXTURES / "esco" / "published", path, progress=False)
    before = folder_fingerprint(path)
    opened = OxigraphStore.open(path)
    assert (opened.folder, opened.fingerprint) == (path, before)
    assert len(list(opened.triples())) == 56
    del opened
    assert OxigraphStore.open(path).fingerprint == folder_fingerprint(path) == before
    (path / f"{OWN_FILE_PREFIX}read-model.pickle").write_bytes(b"the product's own file")
    assert folder_fingerprint(path) == before
    opened = OxigraphStore.open(path)
    writer = ox.Store(str(path))
    writer.add(ox.Quad(ox.NamedNode(ECONOMICS), ox.NamedNode(str(RDFS.label)), ox.Literal("x")))
    del writer
    assert folder_fingerprint(path) != before
    assert opened.current_fingerprint() == folder_fingerprint(path) != opened.fingerprint
    in_memory = OxigraphStore.from_graph(Graph())
    assert (in_memory.folder, in_memory.fingerprint, in_memory.current_fingerprint()) == (
        None,
        None,
        None,
    )


def named_store(tmp_path: Path) -> OxigraphStore:
    """A store folder opened to write, holding :data:`SMALL` in its default graph."""
    folder = tmp_path / "store"
    writer = ox.Store(str(folder))
    writer.flush()
    del writer
    store = OxigraphStore.open(folder, read_only=False)
    graph = Graph()
    for triple in SMALL:
        graph.add(triple)
    store.insert(graph)
    return store


def test_a_named_graph_is_replaced_whole_and_read_with_the_default_graph(tmp_path: Path) -> None:
    store = named_store(tmp_path)
    first, second = Graph(), Graph()
    first.add((EXCEL, RDFS.comment, Literal("first")))
    second.add((EXCEL, RDFS.comment, Literal("second")))
    before = store.fingerprint
    store.replace_graph("urn:test:one", first)
    assert store.fingerprint != before  # our own write: the cache key follows it
    store.replace_graph("urn:test:one", second)
    assert set(store.named_graph("urn:test:one")) == {(EXCEL, RDFS.comment, Literal("second"))}
    # every read sees the default graph and the named one together
    assert len(list(store.triples())) == len(SMALL) + 1
    assert {t[2] for t in store.match(EXCEL, RDFS.comment, None)} == {Literal("second")}
    rows = store.select("SELECT ?c WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#comment> ?c }")
    assert rows == [{"c": Literal("second")}]
    working = OxigraphStore.in_memory()
    store.load_into(working)
    assert len(list(working.triples())) == len(SMALL) + 1
    store.replace_graph("urn:test:one", None)
    assert len(store.named_graph("urn:test:one")) == 0
    assert len(list(store.triples())) == len(SMALL)


def test_a_read_only_store_and_a_bad_graph_name_refuse_a_write(tmp_path: Path) -> None:
    store = named_store(tmp_path)
    with pytest.raises(InputError, match="not a usable graph name: 'urn:x> <urn:y'"):
        store.replace_graph("urn:x> <urn:y", Graph())
    folder = store.folder
    del store
    assert folder is not None
    with pytest.raises(InputError, match="opened read-only: it cannot be written"):
        OxigraphStore.open(folder).replace_graph("urn:test:one", Graph())
