"""The rdflib back end: an rdflib graph behind the store interface."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.rdflib import RdflibStore
from competency_graph.model.readmodel import build_read_model, build_read_model_from_store

EXCEL = URIRef("https://w3id.org/competency-graph/id/skill/ms-excel")


def test_an_rdflib_store_hands_over_its_graph(shipped: LoadedGraph) -> None:
    store = RdflibStore(shipped.graph)
    assert len(store) == len(shipped.graph)
    assert build_read_model_from_store(store) == build_read_model(shipped.graph)


def test_select_insert_and_load_into() -> None:
    store = RdflibStore(Graph(), name="scratch")
    added = Graph()
    added.add((EXCEL, RDFS.label, Literal("Excel", lang="en")))
    store.insert(added)
    assert store.select(f"SELECT ?label WHERE {{ <{EXCEL}> ?p ?label }}") == [
        {"label": Literal("Excel", lang="en")}
    ]
    target = OxigraphStore.in_memory()
    store.load_into(target)
    assert list(target.triples()) == [(EXCEL, RDFS.label, Literal("Excel", lang="en"))]
    assert store.name == "scratch"


def test_construct() -> None:
    graph = Graph()
    graph.add((EXCEL, RDFS.label, Literal("Excel", lang="en")))
    store = RdflibStore(graph)
    query = f"CONSTRUCT {{ ?s <{RDFS.comment}> ?l }} WHERE {{ ?s <{RDFS.label}> ?l }}"
    assert list(store.construct(query)) == [(EXCEL, RDFS.comment, Literal("Excel", lang="en"))]


def test_construct_into_a_working_store() -> None:
    graph = Graph()
    graph.add((EXCEL, RDFS.label, Literal("Excel", lang="en")))
    target = OxigraphStore.in_memory()
    query = f"CONSTRUCT {{ ?s <{RDFS.comment}> ?l }} WHERE {{ ?s <{RDFS.label}> ?l }}"
    assert RdflibStore(graph).construct_into(query, target) == 1
    assert list(target.triples()) == [(EXCEL, RDFS.comment, Literal("Excel", lang="en"))]
