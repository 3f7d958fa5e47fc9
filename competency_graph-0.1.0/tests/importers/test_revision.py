"""What a job description is in the graph, and how a new edition replaces the old one."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from competency_graph.importers.revision import (
    Edition,
    description_subgraph,
    edition_note,
    edition_of,
    own_items,
    replace_description,
    slug_of,
)
from competency_graph.namespaces import CG, ID_BASE, ORG

from ..conftest import FIXTURES, ONTOLOGY

JD_INPUT = FIXTURES / "jd_input"
CLERK = URIRef(f"{ID_BASE}position/sales-clerk")


def iri(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID_BASE}{kind}/{slug}")


@pytest.fixture()
def small() -> Graph:
    """core.ttl and the skills, norms and positions the sales clerk refers to."""
    return Graph().parse(ONTOLOGY / "core.ttl").parse(JD_INPUT / "small-model.ttl")


@pytest.fixture()
def clerk() -> Graph:
    """The sales clerk's position and job description (what sales-clerk.yaml converts to)."""
    return Graph().parse(JD_INPUT / "sales-clerk.ttl")


def test_the_subgraph_is_all_a_file_gives_but_the_position_class(
    small: Graph, clerk: Graph
) -> None:
    expected = clerk - Graph().parse(
        data=f"<{CLERK}> a <{CG.Position}>, <http://www.w3.org/2002/07/owl#NamedIndividual> .",
        format="turtle",
    )
    assert isomorphic(description_subgraph(small + clerk, CLERK), expected)


def test_own_items_are_those_named_under_the_position(small: Graph, clerk: Graph) -> None:
    assert own_items(small + clerk, CLERK) == [
        iri("duty", "sales-clerk-reports"),
        iri("requirement", "sales-clerk-2"),
        iri("requirement", "sales-clerk-3"),
        iri("requirement", "sales-clerk-4"),
        iri("responsibility", "sales-clerk-1"),
        iri("right", "sales-clerk-1"),
    ]


def test_replacing_leaves_the_position_and_what_others_define(small: Graph, clerk: Graph) -> None:
    graph = small + clerk
    replace_description(graph, CLERK, own_items(graph, CLERK))
    kept = Graph()
    for value in clerk.objects(CLERK, RDF.type):
        kept.add((CLERK, RDF.type, value))
    assert isomorphic(graph, small + kept)


def test_replacing_with_what_a_file_states_keeps_the_rest_of_the_position(
    small: Graph, clerk: Graph
) -> None:
    graph = small + clerk
    stated = Graph()
    stated.add((CLERK, RDFS.label, Literal("Sales clerk", lang="en")))
    replace_description(graph, CLERK, [], stated=stated)
    assert list(graph.objects(CLERK, RDFS.label)) == []
    assert graph.value(CLERK, ORG.postIn) == iri("department", "sales-department")
    assert list(graph.subjects(CG.describes, CLERK)) == []


def test_an_edition_is_read_from_its_description(clerk: Graph) -> None:
    edition = edition_of(clerk, iri("job-description", "sales-clerk"), "clerk.yaml")
    assert edition == Edition("1.10", "approved", "clerk.yaml")
    assert edition.describe() == "edition 1.10 (approved) from clerk.yaml"
    assert Edition(None, "in-force", None).describe() == "an edition without a number (in force)"


def test_the_note_names_both_editions_or_the_first() -> None:
    old = Edition("1.0", "in-force", "ontology/positions.ttl")
    new = Edition("2.0", "draft", "new.yaml")
    assert edition_note(CLERK, old, new, "ontology/positions.ttl") == (
        "job description of position:sales-clerk: edition 2.0 (draft) from new.yaml "
        "replaces edition 1.0 (in force) from ontology/positions.ttl"
    )
    assert edition_note(CLERK, None, new, "ontology/positions.ttl") == (
        "job description of position:sales-clerk: edition 2.0 (draft) from new.yaml is the "
        "first of the position (defined in ontology/positions.ttl)"
    )


def test_a_slug_only_for_position_ids() -> None:
    assert slug_of(str(CLERK)) == "sales-clerk"
    assert slug_of(str(iri("duty", "sales-clerk"))) is None
    assert slug_of("http://example.org/position/x") is None
