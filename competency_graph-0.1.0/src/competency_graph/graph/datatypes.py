"""Literal datatypes as Turtle and Protégé write them, made uniform when a graph is loaded.

The ontology gives its data properties XML Schema ranges (``cg:date`` is an ``xsd:dateTime``,
``cg:minYears`` an ``xsd:decimal``). Editors write other, equivalent forms: Protégé offers
``"2026-11-02"^^xsd:date`` for a date, a hand-written file says ``"2026-11-02"`` or ``3``.
Left as they are, the SPARQL rules compare a date with a date-time and silently find nothing,
and HermiT, which reads only OWL 2's datatypes, stops with a Java stack trace.

:func:`normalise_literals` therefore, for every property whose ``rdfs:range`` is an XML Schema
datatype (or ``rdf:PlainLiteral``):

- accepts a value of that datatype or of one derived from it (an ``xsd:integer`` where an
  ``xsd:decimal`` is expected);
- turns a date (``xsd:date``, or an ISO date written as a plain string) into the midnight
  ``xsd:dateTime`` the ontology says it stands for, and a plain number into its datatype;
- and reports anything else - a ``xsd:gYear`` date, a value that is not what its datatype
  says (``"2026-02-30"^^xsd:date``), text where a number belongs - as an input error at the
  file and line of the statement's subject, all of them at once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from competency_graph.errors import InputError

# rdflib logs a stack trace for every ill-typed literal it parses ("2026-02-30"^^xsd:date);
# such a literal is reported here, located, instead
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

_INTEGERS = {
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.short,
    XSD.byte,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.nonPositiveInteger,
    XSD.negativeInteger,
    XSD.unsignedLong,
    XSD.unsignedInt,
    XSD.unsignedShort,
    XSD.unsignedByte,
}
_STRINGS = {None, XSD.string, XSD.normalizedString, XSD.token, RDF.langString}
#: range -> the datatypes accepted as they are (``None``: a plain literal)
ACCEPTED: dict[URIRef, set[URIRef | None]] = {
    XSD.dateTime: {XSD.dateTime, XSD.dateTimeStamp},
    XSD.decimal: {XSD.decimal, *_INTEGERS},
    XSD.integer: set(_INTEGERS),
    XSD.string: set(_STRINGS),
    RDF.PlainLiteral: {*_STRINGS, RDF.PlainLiteral},
    XSD.anyURI: {XSD.anyURI, None, XSD.string},
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
_ISO_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")

#: where a named subject states a property (else where it is described): (file, line), or
#: None when unknown
LocateSubject = Callable[[Node, Node], "tuple[str, int] | None"]


def normalise_literals(graph: Graph, locate: LocateSubject) -> None:
    """Make the literals of ``graph``'s XML-Schema-ranged properties their range's datatype,
    in place (see the module docstring); raise one :class:`InputError` listing every value
    that cannot be, each at the line ``locate`` gives for its statement (for a blank node's,
    the statement of the named entity that holds it: ``cg:agreedBy [ ... ]``)."""
    problems: list[InputError] = []
    for predicate, datatype in _ranges(graph):
        for subject, value in list(graph.subject_objects(predicate)):
            if not isinstance(value, Literal):
                continue
            fixed = coerce(value, datatype)
            if fixed is None:
                problems.append(_problem(graph, locate, subject, predicate, value, datatype))
            elif fixed is not value:
                graph.remove((subject, predicate, value))
                graph.add((subject, predicate, fixed))
    ranged = _ranged(graph)
    for subject, other, value in graph:
        if isinstance(value, Literal) and value.ill_typed and other not in ranged:
            problems.append(_problem(graph, locate, subject, other, value, value.datatype))
    if problems:
        first, *rest = sorted(problems, key=lambda e: (e.path or "", e.line or 0, e.message))
        first.more = tuple(rest)
        raise first


def coerce(value: Literal, datatype: URIRef) -> Literal | None:
    """``value`` as a literal of ``datatype`` (``value`` itself when it is one already), or
    None when it cannot stand for one."""
    if value.ill_typed:
        return None
    accepted = ACCEPTED.get(datatype, {datatype})
    if value.datatype in accepted or (
        value.datatype is None and value.language is None and (None in accepted)
    ):
        return value
    if value.language is not None and RDF.langString in accepted:
        return value
    text = str(value)
    if datatype == XSD.dateTime:
        if value.datatype == XSD.date or (value.datatype is None and _ISO_DATE.match(text)):
            return _midnight(text)
        if value.datatype is None and _ISO_DATE_TIME.match(text):
            return Literal(text, datatype=XSD.dateTime)
        return None
    plain = value.datatype in (None, XSD.string)
    if (
        datatype in (XSD.decimal, XSD.integer)
        and plain
        and _NUMBER.match(text)
        and (datatype == XSD.decimal or "." not in text)
    ):
        return Literal(text, datatype=datatype)
    if datatype == XSD.boolean and plain and text in ("true", "false"):
        return Literal(text, datatype=XSD.boolean)
    return None


def _midnight(date: str) -> Literal:
    """``2026-11-02`` -> ``2026-11-02T00:00:00`` (a time zone kept after it)."""
    day, zone = date[:10], date[10:]
    return Literal(f"{day}T00:00:00{zone}", datatype=XSD.dateTime)


def _ranges(graph: Graph) -> Iterator[tuple[URIRef, URIRef]]:
    for predicate, datatype in graph.subject_objects(RDFS.range):
        if (
            isinstance(predicate, URIRef)
            and isinstance(datatype, URIRef)
            and (str(datatype).startswith(str(XSD)) or datatype == RDF.PlainLiteral)
        ):
            yield predicate, datatype


def _ranged(graph: Graph) -> set[URIRef]:
    return {predicate for predicate, _ in _ranges(graph)}


def _problem(
    graph: Graph,
    locate: LocateSubject,
    subject: Node,
    predicate: Node,
    value: Literal,
    datatype: URIRef | None,
) -> InputError:
    where = locate(*_named(graph, subject, predicate))
    written = value.n3(graph.namespace_manager)
    if value.ill_typed and value.datatype is not None:
        datatype = value.datatype  # "2026-02-30"^^xsd:date is no valid xsd:date
    wanted = graph.namespace_manager.normalizeUri(datatype) if datatype is not None else "text"
    prop = graph.namespace_manager.normalizeUri(str(predicate))
    if value.ill_typed:
        message = f"{prop} {written}: not a valid {wanted}"
    elif datatype == XSD.dateTime:
        message = (
            f'{prop} {written}: a date is written "2026-11-02"^^xsd:date or '
            f'"2026-11-02T10:00:00"^^xsd:dateTime'
        )
    else:
        message = f"{prop} {written}: the ontology says its values are {wanted}"
    return InputError(message, *(where or (None, None)))


def _named(graph: Graph, node: Node, predicate: Node) -> tuple[Node, Node]:
    """``(node, predicate)``, or for a blank node the named subject that holds it and the
    property it holds it by (an agreement's description: ``cg:agreedBy``), so that the error
    has a line."""
    seen = {node}
    while isinstance(node, BNode):
        holder = next(((s, p) for s, p in graph.subject_predicates(node) if s not in seen), None)
        if holder is None:
            break
        node, predicate = holder
        seen.add(node)
    return node, predicate
