"""The triple index answers the reads the read model makes exactly as an rdflib graph does."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.index import TripleIndex
from competency_graph.graph.stores.rdflib import RdflibStore
from competency_graph.namespaces import CG

EXCEL = URIRef("https://w3id.org/competency-graph/id/skill/ms-excel")
TWO_STATEMENTS = f"""
<{EXCEL}> a <{CG.Tool}> ;
    <{RDFS.seeAlso}> [ <{RDFS.label}> "a blank node" ] .
"""


def test_the_triple_index_reads_like_an_rdflib_graph(shipped: LoadedGraph) -> None:
    graph = shipped.graph
    index = TripleIndex(graph)
    assert len(index) == len(graph)
    assert sorted(index.objects(EXCEL, SKOS.broader)) == sorted(graph.objects(EXCEL, SKOS.broader))
    assert sorted(index.objects(None, SKOS.broader)) == sorted(graph.objects(None, SKOS.broader))
    assert set(index.subjects(RDF.type, CG.Tool)) == set(graph.subjects(RDF.type, CG.Tool))
    assert sorted(index.subjects(RDFS.label, None)) == sorted(graph.subjects(RDFS.label, None))
    assert sorted(index.subject_objects(SKOS.broader)) == sorted(
        graph.subject_objects(SKOS.broader)
    )
    assert sorted(index.predicate_objects(EXCEL)) == sorted(graph.predicate_objects(EXCEL))
    assert index.value(EXCEL, SKOS.broader) == graph.value(EXCEL, SKOS.broader)
    assert index.value(EXCEL, RDF.type) in set(graph.objects(EXCEL, RDF.type))  # one of two
    assert (EXCEL, RDF.type, CG.Tool) in index
    assert (EXCEL, RDF.type, CG.Knowledge) not in index


def test_a_triple_read_twice_is_indexed_once() -> None:
    graph = Graph().parse(data=TWO_STATEMENTS, format="turtle")
    index = TripleIndex.of(RdflibStore(graph), graph)
    assert len(index) == len(graph) == 3
    assert list(index.objects(EXCEL, RDF.type)) == [CG.Tool]
