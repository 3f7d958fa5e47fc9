"""The one term converter: rdflib <-> oxigraph, both directions, blank nodes keeping their
label, language tags and datatypes kept, and the memo of a bulk read making each term once."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD

from competency_graph.errors import InputError
from competency_graph.graph.terms import (
    Terms,
    solution_rows,
    to_oxigraph,
    to_oxigraph_quad,
    to_rdflib,
)

EXCEL = "https://w3id.org/competency-graph/id/skill/ms-excel"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: (oxigraph term, rdflib term): the same term in both libraries
PAIRS = [
    (ox.NamedNode(EXCEL), URIRef(EXCEL)),
    (ox.BlankNode("requirement1"), BNode("requirement1")),
    (ox.Literal("Excel", language="en"), Literal("Excel", lang="en")),
    (ox.Literal("Эксель", language="ru"), Literal("Эксель", lang="ru")),
    (ox.Literal("Excel"), Literal("Excel")),
    (ox.Literal("42", datatype=ox.NamedNode(XSD_INTEGER)), Literal("42", datatype=XSD.integer)),
    (
        ox.Literal("2024-05-01", datatype=ox.NamedNode(XSD_DATE)),
        Literal("2024-05-01", datatype=XSD.date),
    ),
]


@pytest.mark.parametrize(("oxigraph", "rdflib"), PAIRS, ids=lambda term: repr(term)[:40])
def test_each_term_converts_both_ways(oxigraph: object, rdflib: object) -> None:
    assert to_rdflib(oxigraph) == rdflib
    assert to_oxigraph(rdflib) == oxigraph  # type: ignore[arg-type]
    assert Terms().rdflib(oxigraph) == rdflib
    assert Terms().oxigraph(rdflib) == oxigraph  # type: ignore[arg-type]


def test_a_blank_node_keeps_its_label_so_it_can_be_looked_up_again() -> None:
    read = to_rdflib(ox.BlankNode("b1"))
    assert read == BNode("b1")
    assert to_oxigraph(read) == ox.BlankNode("b1")
    assert to_rdflib(ox.BlankNode("b1")) != to_rdflib(ox.BlankNode("b2"))


def test_literals_keep_language_and_datatype() -> None:
    tagged = to_rdflib(ox.Literal("менеджер", language="ru"))
    assert isinstance(tagged, Literal)
    assert (str(tagged), tagged.language, tagged.datatype) == ("менеджер", "ru", None)
    typed = to_rdflib(ox.Literal("42", datatype=ox.NamedNode(XSD_INTEGER)))
    assert isinstance(typed, Literal)
    assert (typed.value, typed.datatype) == (42, XSD.integer)
    sent = to_oxigraph(Literal("менеджер", lang="ru"))
    assert isinstance(sent, ox.Literal)
    assert (sent.value, sent.language, sent.datatype.value) == (
        "менеджер",
        "ru",
        str(RDF.langString),
    )


def test_xsd_string_is_the_plain_literal() -> None:
    """RDF 1.1 makes them one term: it reads back plain, as rdflib parses it from a file."""
    sent = to_oxigraph(Literal("Excel", datatype=XSD.string))
    assert sent == ox.Literal("Excel") == ox.Literal("Excel", datatype=ox.NamedNode(XSD_STRING))
    assert to_rdflib(sent) == Literal("Excel")


def test_a_bulk_read_makes_each_term_once() -> None:
    terms = Terms()
    first = terms.triple(ox.NamedNode(EXCEL), ox.NamedNode(str(RDF.type)), ox.Literal("x"))
    again = terms.triple(ox.NamedNode(EXCEL), ox.NamedNode(str(RDF.type)), ox.Literal("x"))
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert terms.rdflib(ox.BlankNode("b1")) is terms.rdflib(ox.BlankNode("b1"))
    assert terms.oxigraph(URIRef(EXCEL)) is terms.oxigraph(URIRef(EXCEL))


def test_quads_go_to_the_default_graph() -> None:
    triple = (BNode("r1"), URIRef(f"{EXCEL}#p"), Literal("v", lang="en"))
    expected = ox.Quad(
        ox.BlankNode("r1"),
        ox.NamedNode(f"{EXCEL}#p"),
        ox.Literal("v", language="en"),
        ox.DefaultGraph(),
    )
    assert to_oxigraph_quad(triple) == Terms().quad(triple) == expected


@pytest.mark.parametrize(
    ("triple", "message"),
    [
        ((Literal("x"), RDF.type, URIRef(EXCEL)), "a literal cannot be a subject: "),
        ((URIRef(EXCEL), BNode("p"), URIRef(EXCEL)), "not a predicate: "),
    ],
)
def test_a_triple_no_store_holds_is_refused(triple: tuple[object, ...], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        to_oxigraph_quad(triple)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        Terms().quad(triple)  # type: ignore[arg-type]


def test_what_is_not_a_term_is_refused() -> None:
    with pytest.raises(TypeError, match=r"not an RDF term: rdflib\.term\.Variable"):
        to_oxigraph(Variable("x"))
    with pytest.raises(InputError, match="unsupported RDF term in a store: <DefaultGraph>"):
        to_rdflib(ox.DefaultGraph())
    with pytest.raises(InputError, match="unsupported RDF term in a store: <DefaultGraph>"):
        Terms().rdflib(ox.DefaultGraph())


def test_solution_rows_leave_out_unbound_variables() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EXCEL), ox.NamedNode(str(RDF.type)), ox.BlankNode("c")))
    solutions = store.query("SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?none } }")
    assert isinstance(solutions, ox.QuerySolutions)
    assert solution_rows(solutions) == [{"s": URIRef(EXCEL), "o": BNode("c")}]
