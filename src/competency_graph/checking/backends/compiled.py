"""Evaluate the catalogue's SHACL constraints set-wise with pyoxigraph.

pySHACL evaluates a SPARQL-based constraint once per focus node in rdflib, which costs
seconds on a few thousand triples (DESIGN section 7). The SHACL-SPARQL semantics (the
query with ``$this`` pre-bound to each target) give the same rows as one query in which
``$this`` is an ordinary variable joined with the shape's targets, so each constraint is
compiled here into a single query and run by oxigraph over the whole graph, or over a set
of focus nodes. The Core constraints the catalogue uses (``sh:minCount``, ``sh:class`` on a
predicate path) compile the same way. A shape using anything else is left to pySHACL
(:attr:`CompiledShapes.unsupported`), so an HR architect may write any valid SHACL.

A test holds this evaluator to pySHACL's answers on every example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from competency_graph.checking.working import to_rdflib
from competency_graph.namespaces import CG, SH

#: predicates a node shape may carry and still be compiled here
_NODE_SHAPE_KEYS = {
    RDF.type,
    CG.implementsRule,
    SH.targetClass,
    SH.severity,
    SH.property,
    SH.sparql,
    SH.message,
    SH.name,
    SH.description,
    RDFS.label,
    RDFS.comment,
    SH.deactivated,
}
#: predicates a property shape may carry and still be compiled here
_PROPERTY_SHAPE_KEYS = {
    RDF.type,
    SH.path,
    SH.minCount,
    SH["class"],
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    RDFS.label,
    RDFS.comment,
}
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint as a single SELECT over ?this, ?path, ?value."""

    shape: Node  # the node shape
    constraint: Node  # the sh:sparql node or the property shape: holds sh:message
    query: str  # contains the marker #TARGET# where ?this gets bound
    targets: frozenset[str] = frozenset()  # the shape's sh:targetClass IRIs

    def applies_to(self, classes: set[str]) -> bool:
        """True when a node of one of ``classes`` (superclasses included) is a target."""
        return not self.targets.isdisjoint(classes)

    def text(self, focus: Iterable[Node] | None) -> str:
        """The query over every target, or over ``focus`` nodes, which must be targets.

        Over focus nodes ``?this`` is bound by a VALUES clause alone: joined with the
        target pattern, oxigraph would enumerate every instance of the target classes
        first (every ESCO requirement for the labels shape), hundreds of ms per position.
        """
        if focus is None:
            classes = " ".join(f"<{target}>" for target in sorted(self.targets))
            where = f"?this rdf:type/rdfs:subClassOf* ?shTarget . VALUES ?shTarget {{ {classes} }}"
        else:
            terms = " ".join(f"<{node}>" for node in focus if isinstance(node, URIRef))
            where = f"VALUES ?this {{ {terms} }}"
        return self.query.replace("#TARGET#", where)


@dataclass(frozen=True)
class CompiledShapes:
    """Compiled constraints, and the node shapes only pySHACL can evaluate."""

    constraints: tuple[CompiledConstraint, ...]
    unsupported: tuple[URIRef, ...]


def compile_shapes(shapes: Graph, node_shapes: Iterable[URIRef]) -> CompiledShapes:
    """Compile ``node_shapes`` of the shapes graph ``shapes``."""
    compiled: list[CompiledConstraint] = []
    unsupported: list[URIRef] = []
    for shape in node_shapes:
        result = _compile_node_shape(shapes, shape)
        if result is None:
            unsupported.append(shape)
        else:
            compiled.extend(result)
    return CompiledShapes(tuple(compiled), tuple(unsupported))


def _compile_node_shape(shapes: Graph, shape: URIRef) -> list[CompiledConstraint] | None:
    if set(shapes.predicates(shape, None)) - _NODE_SHAPE_KEYS:
        return None
    targets = sorted(str(t) for t in shapes.objects(shape, SH.targetClass))
    if not targets:
        return None
    classes = frozenset(targets)
    target = "#TARGET#"
    prelude = f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\n"
    constraints: list[CompiledConstraint] = []
    for sparql in shapes.objects(shape, SH.sparql):
        select = shapes.value(sparql, SH.select)
        if select is None:
            return None
        prefixes = _prefix_lines(shapes, sparql)
        text = str(select).replace("$this", "?this")
        match = _WHERE.search(text)
        if match is None:
            return None
        body = text[: match.end()] + "\n" + target + "\n" + text[match.end() :]
        constraints.append(CompiledConstraint(shape, sparql, prelude + prefixes + body, classes))
    for property_shape in shapes.objects(shape, SH.property):
        if set(shapes.predicates(property_shape, None)) - _PROPERTY_SHAPE_KEYS:
            return None
        path = shapes.value(property_shape, SH.path)
        if not isinstance(path, URIRef):
            return None
        min_count = shapes.value(property_shape, SH.minCount)
        if isinstance(min_count, Literal):
            constraints.append(
                CompiledConstraint(
                    shape,
                    property_shape,
                    prelude + f"SELECT ?this (<{path}> AS ?path) WHERE {{ {target}\n"
                    f"  OPTIONAL {{ ?this <{path}> ?shValue }} }}\n"
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?shValue) < {int(min_count)})",
                    classes,
                )
            )
        for cls in shapes.objects(property_shape, SH["class"]):
            constraints.append(
                CompiledConstraint(
                    shape,
                    property_shape,
                    prelude + f"SELECT ?this (<{path}> AS ?path) ?value WHERE {{ {target}\n"
                    f"  ?this <{path}> ?value .\n"
                    f"  FILTER NOT EXISTS {{ ?value rdf:type/rdfs:subClassOf* <{cls}> }} }}",
                    classes,
                )
            )
    return constraints


def _prefix_lines(shapes: Graph, sparql: Node) -> str:
    lines = []
    for holder in shapes.objects(sparql, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Row:
    """One solution: focus node, result path, value (rdflib terms)."""

    focus: Node
    path: Node | None
    value: Node | None


def evaluate(
    store: ox.Store, constraint: CompiledConstraint, focus: Iterable[Node] | None = None
) -> Iterator[Row]:
    """Run one compiled constraint; yield its rows."""
    solutions = store.query(constraint.text(focus))
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        this = _to_rdflib(solution["this"])
        if this is None:
            continue
        yield Row(this, _to_rdflib(solution["path"]), _to_rdflib(_get(solution, "value")))


def _get(solution: ox.QuerySolution, name: str) -> object:
    try:
        return solution[name]
    except (KeyError, IndexError):
        return None


def _to_rdflib(term: object) -> Node | None:
    return None if term is None else to_rdflib(term)
