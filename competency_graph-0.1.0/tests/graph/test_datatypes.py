"""Literal datatypes made uniform at load: dates as editors write them become the
ontology's xsd:dateTime, and what cannot be one is a located input error."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from competency_graph.errors import InputError
from competency_graph.graph.datatypes import coerce
from competency_graph.graph.files import load_graph
from competency_graph.namespaces import CG, ID_BASE

from ..conftest import FIXTURES

FOLDER = FIXTURES / "datatypes"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (Literal("2026-11-02", datatype=XSD.date), "2026-11-02T00:00:00"),
        (Literal("2026-11-02"), "2026-11-02T00:00:00"),
        (Literal("2026-11-02T10:00"), "2026-11-02T10:00:00"),  # rdflib's canonical form
    ],
)
def test_a_date_becomes_a_midnight_date_time(written: Literal, expected: str) -> None:
    converted = coerce(written, XSD.dateTime)
    assert converted is not None
    assert (str(converted), converted.datatype) == (expected, XSD.dateTime)


def test_values_of_the_range_or_derived_from_it_stay_as_they_are() -> None:
    moment = Literal("2026-11-02T10:00:00", datatype=XSD.dateTime)
    assert coerce(moment, XSD.dateTime) is moment
    integer = Literal(3)
    assert coerce(integer, XSD.decimal) is integer
    text = Literal("мужской", lang="ru")
    assert coerce(text, RDF.PlainLiteral) is text


@pytest.mark.parametrize(
    ("written", "datatype", "expected"),
    [
        (Literal("3"), XSD.decimal, Literal("3", datatype=XSD.decimal)),
        (Literal("1.5"), XSD.decimal, Literal("1.5", datatype=XSD.decimal)),
        (Literal("true"), XSD.boolean, Literal(True)),
    ],
)
def test_a_plain_value_becomes_its_datatype(
    written: Literal, datatype: URIRef, expected: Literal
) -> None:
    assert coerce(written, datatype) == expected


@pytest.mark.parametrize(
    ("written", "datatype"),
    [
        (Literal("2026", datatype=XSD.gYear), XSD.dateTime),
        (Literal("2026-02-30", datatype=XSD.date), XSD.dateTime),
        (Literal("next Monday"), XSD.dateTime),
        (Literal("three"), XSD.decimal),
        (Literal("1.5"), XSD.integer),
        (Literal("yes"), XSD.boolean),
    ],
)
def test_what_cannot_stand_for_the_datatype_is_refused(written: Literal, datatype: URIRef) -> None:
    assert coerce(written, datatype) is None


def test_loading_turns_every_form_of_a_date_into_the_ontologys() -> None:
    path = FOLDER / "dates_as_protege_writes_them.ttl"
    graph = load_graph([path]).graph
    dates = sorted(str(value) for value in graph.objects(None, CG.date) if "2026-1" in value)
    assert dates == ["2026-10-30T00:00:00", "2026-10-31T09:30:00+03:00", "2026-11-02T00:00:00"]
    assert {value.datatype for value in graph.objects(None, CG.date)} == {XSD.dateTime}
    years = graph.value(URIRef(ID_BASE + "requirement/fixture-years"), CG.minYears)
    assert years == Literal("3", datatype=XSD.decimal)


def test_every_value_that_is_not_its_datatype_is_a_located_error() -> None:
    path = FOLDER / "dates_that_are_no_dates.ttl"
    with pytest.raises(InputError) as caught:
        load_graph([path])
    errors = [caught.value, *caught.value.more]
    assert [(e.path, e.line, e.message) for e in errors] == [
        (
            str(path),
            7,
            'cg:date "2026"^^xsd:gYear: a date is written "2026-11-02"^^xsd:date or '
            '"2026-11-02T10:00:00"^^xsd:dateTime',
        ),
        # at the statement: the agreement's line (cg:agreedBy), the requirement's cg:minYears
        (str(path), 8, 'cg:date "2026-02-30"^^xsd:date: not a valid xsd:date'),
        (str(path), 11, 'cg:minYears "three": the ontology says its values are xsd:decimal'),
    ]
    # asked for every problem at once, the three are listed with the files' other problems
    listed: list[InputError] = []
    load_graph([path, FOLDER / "no-such-file.ttl"], errors=listed)
    assert [(Path(e.path or "").name, e.line) for e in listed] == [
        ("no-such-file.ttl", None),
        (path.name, 7),
        (path.name, 8),
        (path.name, 11),
    ]
