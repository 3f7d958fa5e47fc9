"""The compiled back end: SHACL shapes compiled to SPARQL, evaluated set-wise by pyoxigraph.

pySHACL evaluates a SPARQL-based constraint once per focus node in rdflib, which costs
seconds on a few thousand triples. The SHACL-SPARQL semantics (the query with ``$this``
pre-bound to each target) give the same rows as one query in which ``$this`` is an ordinary
variable joined with the shape's targets, so each constraint is compiled here into a single
query and run by oxigraph over the whole graph, or over the focus nodes of one position.

Each SHACL parameter the compiler knows has one compile function, listed in
:data:`CONSTRAINTS` (as pySHACL's ``CONSTRAINT_PARAMETERS_MAP`` lists its constraint
components); :data:`SHAPE_KEYS` lists the parameters that constrain nothing (names, messages,
severities) or that the compiler reads itself (targets, paths). A shape using anything else
compiles to a :class:`Fallback` naming what it uses, and the checker has pySHACL evaluate
that shape (and says so in the report's notes), so an HR architect may write any valid SHACL.

A SPARQL constraint marked ``cg:readsSkillClosure true`` has its covering paths
(``(skos:broader|skos:exactMatch|^skos:exactMatch)*``: a skill, anything it is narrower
than, and the same concepts in other schemes) read from the skill closure the checker
materialises (``cg:coversSkill``,
:mod:`competency_graph.graph.skills`): an index lookup instead of a graph walk per row. The
mark says each such path starts or ends at a skill, where the two give the same answers
(the closure holds every skill's reflexive pair); other engines ignore the mark and walk the
path.

A test holds every compile function to pySHACL's answers, and another says every shipped
shape compiles; tests/checking/test_cross_engine.py holds the checker to plain pySHACL on
the shipped shapes as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from competency_graph.budget import check_budget
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.violations import Finding
from competency_graph.graph.stores import GraphStore
from competency_graph.namespaces import CG, SH

#: the marker where ``?this`` gets bound, to the targets or to focus nodes (see
#: :meth:`CompiledConstraint.text`)
TARGET = "#TARGET#"
_PRELUDE = f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\n"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SKOS = r"(?:\bskos:|<http://www\.w3\.org/2004/02/skos/core#)"
#: the covering path ``(skos:broader|skos:exactMatch|^skos:exactMatch)*`` as a constraint
#: may write it (prefixed or full IRIs): what cg:coversSkill holds
_COVERING_PATH = re.compile(
    rf"\(\s*{_SKOS}broader>?\s*\|\s*{_SKOS}exactMatch>?\s*\|\s*\^\s*{_SKOS}exactMatch>?\s*\)\s*\*"
)


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint as a single SELECT over ``?this``, ``?path``, ``?value``."""

    shape: Node  # the node shape (it implements the rule)
    constraint: Node  # the sh:sparql node or the property shape: holds sh:message
    query: str  # contains the marker TARGET where ?this gets bound
    targets: frozenset[str] = frozenset()  # the shape's target class IRIs
    component: URIRef | None = (
        None  # its SHACL constraint component (sh:MinCountConstraintComponent)
    )

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
        return self.query.replace(TARGET, where)


@dataclass(frozen=True)
class Fallback:
    """A node shape the compiler does not translate, and why (``uses sh:targetNode``)."""

    shape: URIRef
    reason: str


@dataclass(frozen=True)
class CompiledShapes:
    """Compiled constraints, and the node shapes only pySHACL can evaluate."""

    constraints: tuple[CompiledConstraint, ...]
    fallbacks: tuple[Fallback, ...] = ()


class Unsupported(Exception):
    """Raised by a compile function for a use of SHACL it does not translate."""


@dataclass(frozen=True)
class ShapeView:
    """The shape a compile function is given: a node shape, or one of its property shapes.

    Its value nodes (what a constraint such as ``sh:class`` judges) are the focus node itself
    for a node shape and the objects of ``path`` for a property shape, as in SHACL.
    """

    graph: Graph  # the shapes graph
    node_shape: URIRef  # the node shape: it implements the rule and has the targets
    node: Node  # the shape holding the parameter: the node shape or a property shape
    targets: frozenset[str]
    path: URIRef | None = None  # property shapes: the predicate path

    def select(self, with_value: bool = True) -> str:
        """``SELECT ?this (<path> AS ?path) ?value``: what every compiled query returns."""
        path = f" (<{self.path}> AS ?path)" if self.path is not None else ""
        return f"SELECT ?this{path}" + (" ?value" if with_value else "")

    def value_nodes(self) -> str:
        """A graph pattern binding ``?value`` to each value node of ``?this``."""
        if self.path is None:
            return "BIND (?this AS ?value)"
        return f"?this <{self.path}> ?value ."

    def property_path(self, parameter: URIRef) -> URIRef:
        """The path; a compile function of a property-shape-only parameter calls this."""
        if self.path is None:
            raise Unsupported(f"uses {_short(parameter)} on a node shape")
        return self.path

    def query(self, body: str, holder: Node | None = None) -> CompiledConstraint:
        """A compiled constraint from a query text containing :data:`TARGET`."""
        return CompiledConstraint(
            self.node_shape, self.node if holder is None else holder, _PRELUDE + body, self.targets
        )

    def each_value(self, condition: str) -> CompiledConstraint:
        """A constraint reporting each value node for which the SPARQL ``condition`` holds."""
        return self.query(
            f"{self.select()} WHERE {{ {TARGET}\n  {self.value_nodes()}\n  FILTER ({condition}) }}"
        )


#: a compile function: the shape and the parameter's value to the compiled constraints
Compile = Callable[[ShapeView, Node], list[CompiledConstraint]]


def _sparql(shape: ShapeView, sparql: Node) -> list[CompiledConstraint]:
    """``sh:sparql``: the SELECT with ``$this`` joined to the targets instead of pre-bound."""
    if shape.path is not None:
        raise Unsupported("uses sh:sparql in a property shape")
    if _deactivated(shape.graph, sparql):
        return []
    select = shape.graph.value(sparql, SH.select)
    if select is None:
        raise Unsupported("uses sh:sparql without sh:select")
    text = str(select).replace("$this", "?this")
    if _reads_skill_closure(shape.graph, sparql):
        text = _COVERING_PATH.sub(f"<{CG.coversSkill}>", text)
    match = _WHERE.search(text)
    if match is None:
        raise Unsupported("uses an sh:select without a WHERE clause")
    body = text[: match.end()] + "\n" + TARGET + "\n" + text[match.end() :]
    return [shape.query(_prefix_lines(shape.graph, sparql) + body, holder=sparql)]


def _property(shape: ShapeView, property_shape: Node) -> list[CompiledConstraint]:
    """``sh:property``: each parameter of the property shape, over its path's values."""
    if shape.path is not None:
        raise Unsupported("uses sh:property in a property shape")
    path = shape.graph.value(property_shape, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported("uses an sh:path that is not a single predicate")
    nested = ShapeView(shape.graph, shape.node_shape, property_shape, shape.targets, path)
    return compile_parameters(nested)


def _min_count(shape: ShapeView, count: Node) -> list[CompiledConstraint]:
    """``sh:minCount``: the focus nodes with fewer distinct values (reported without one)."""
    path = shape.property_path(SH.minCount)
    return [
        shape.query(
            f"{shape.select(with_value=False)} WHERE {{ {TARGET}\n"
            f"  OPTIONAL {{ ?this <{path}> ?shValue }} }}\n"
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?shValue) < {_integer(SH.minCount, count)})"
        )
    ]


def _max_count(shape: ShapeView, count: Node) -> list[CompiledConstraint]:
    """``sh:maxCount``: the focus nodes with more distinct values (reported without one)."""
    path = shape.property_path(SH.maxCount)
    return [
        shape.query(
            f"{shape.select(with_value=False)} WHERE {{ {TARGET}\n"
            f"  ?this <{path}> ?shValue }}\n"
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?shValue) > {_integer(SH.maxCount, count)})"
        )
    ]


def _class(shape: ShapeView, cls: Node) -> list[CompiledConstraint]:
    """``sh:class``: each value that is not an instance of the class or of a subclass."""
    if not isinstance(cls, URIRef):
        raise Unsupported("uses an sh:class that is not an IRI")
    return [shape.each_value(f"NOT EXISTS {{ ?value rdf:type/rdfs:subClassOf* <{cls}> }}")]


def _in(shape: ShapeView, members: Node) -> list[CompiledConstraint]:
    """``sh:in``: each value that is none of the listed terms (compared as terms)."""
    terms = [_sparql_term(SH["in"], member) for member in Collection(shape.graph, members)]
    allowed = " || ".join(f"sameTerm(?value, {term})" for term in terms) or "false"
    return [shape.each_value(f"!({allowed})")]


def _has_value(shape: ShapeView, value: Node) -> list[CompiledConstraint]:
    """``sh:hasValue``: the focus nodes without that value (reported without a value)."""
    term = _sparql_term(SH.hasValue, value)
    if shape.path is None:
        return [
            shape.query(f"SELECT ?this WHERE {{ {TARGET}\n  FILTER (!sameTerm(?this, {term})) }}")
        ]
    return [
        shape.query(
            f"{shape.select(with_value=False)} WHERE {{ {TARGET}\n"
            f"  FILTER NOT EXISTS {{ ?this <{shape.path}> {term} }} }}"
        )
    ]


_NODE_KINDS = {
    SH.IRI: "!isIRI(?value)",
    SH.BlankNode: "!isBlank(?value)",
    SH.Literal: "!isLiteral(?value)",
    SH.BlankNodeOrIRI: "isLiteral(?value)",
    SH.BlankNodeOrLiteral: "isIRI(?value)",
    SH.IRIOrLiteral: "isBlank(?value)",
}


def _node_kind(shape: ShapeView, kind: Node) -> list[CompiledConstraint]:
    """``sh:nodeKind``: each value of another kind (IRI, blank node, literal)."""
    condition = _NODE_KINDS.get(kind) if isinstance(kind, URIRef) else None
    if condition is None:
        raise Unsupported(f"uses sh:nodeKind {_short(kind)}")
    return [shape.each_value(condition)]


#: SHACL parameter -> its compile function. Supporting a new parameter is one function and
#: one line here (and a fixture in tests/fixtures/checking/compiled/ holding it to pySHACL)
CONSTRAINTS: dict[URIRef, Compile] = {
    SH.sparql: _sparql,
    SH.property: _property,
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH["class"]: _class,
    SH["in"]: _in,
    SH.hasValue: _has_value,
    SH.nodeKind: _node_kind,
}
#: what a shape may carry besides constraints: targets and paths (read by the compiler),
#: and parameters that constrain nothing (the rule, messages, names, severities, order)
SHAPE_KEYS = frozenset(
    {
        RDF.type,
        CG.implementsRule,
        SH.targetClass,
        SH.path,
        SH.deactivated,
        SH.severity,
        SH.message,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        SH.defaultValue,
        RDFS.label,
        RDFS.comment,
    }
)


def compile_shapes(shapes: Graph, node_shapes: Iterable[URIRef]) -> CompiledShapes:
    """Compile ``node_shapes`` of the shapes graph ``shapes``; the rest become fallbacks."""
    compiled: list[CompiledConstraint] = []
    fallbacks: list[Fallback] = []
    for shape in node_shapes:
        try:
            compiled.extend(compile_node_shape(shapes, shape))
        except Unsupported as exc:
            fallbacks.append(Fallback(shape, str(exc)))
    return CompiledShapes(tuple(compiled), tuple(fallbacks))


def compile_node_shape(shapes: Graph, shape: URIRef) -> list[CompiledConstraint]:
    """The constraints of one node shape; raises :class:`Unsupported` naming what it uses
    that the compiler does not translate."""
    if _deactivated(shapes, shape):
        return []
    _parameters(shapes, shape)  # what it uses that is not compiled, before what it lacks
    targets = {str(t) for t in shapes.objects(shape, SH.targetClass)}
    if any(kind in (RDFS.Class, OWL.Class) for kind in shapes.objects(shape, RDF.type)):
        targets.add(str(shape))  # an implicit class target: the shape is a class
    if not targets:
        raise Unsupported("has no sh:targetClass")
    return compile_parameters(ShapeView(shapes, shape, shape, frozenset(targets)))


def compile_parameters(shape: ShapeView) -> list[CompiledConstraint]:
    """Each parameter of ``shape`` through its compile function in :data:`CONSTRAINTS`."""
    if shape.node is not shape.node_shape and _deactivated(shape.graph, shape.node):
        return []
    constraints: list[CompiledConstraint] = []
    for predicate, value in _parameters(shape.graph, shape.node):
        if isinstance(predicate, URIRef) and predicate in CONSTRAINTS:
            component = constraint_component(predicate)
            constraints.extend(
                c if c.component is not None else replace(c, component=component)
                for c in CONSTRAINTS[predicate](shape, value)
            )
    return constraints


def constraint_component(parameter: URIRef) -> URIRef:
    """The SHACL constraint component of a parameter: ``sh:minCount`` ->
    ``sh:MinCountConstraintComponent``, ``sh:sparql`` -> ``sh:SPARQLConstraintComponent``."""
    name = str(parameter)[len(str(SH)) :]
    if name == "sparql":
        return SH.SPARQLConstraintComponent
    return SH[name[:1].upper() + name[1:] + "ConstraintComponent"]


def _parameters(shapes: Graph, node: Node) -> list[tuple[Node, Node]]:
    """The (parameter, value) pairs of a shape, in a stable order; raises
    :class:`Unsupported` for a parameter neither compiled nor known to constrain nothing."""
    parameters = sorted(shapes.predicate_objects(node), key=lambda pair: str(pair[0]))
    for predicate, _ in parameters:
        if predicate not in CONSTRAINTS and predicate not in SHAPE_KEYS:
            raise Unsupported(f"uses {_short(predicate)}")
    return parameters


def _deactivated(shapes: Graph, node: Node) -> bool:
    return any(
        isinstance(flag, Literal) and flag.value is True
        for flag in shapes.objects(node, SH.deactivated)
    )


def _reads_skill_closure(shapes: Graph, sparql: Node) -> bool:
    """True when the constraint says its ``skos:broader*`` paths start or end at a skill."""
    return any(
        isinstance(flag, Literal) and flag.value is True
        for flag in shapes.objects(sparql, CG.readsSkillClosure)
    )


def _integer(parameter: URIRef, value: Node) -> int:
    if isinstance(value, Literal) and isinstance(value.value, int):
        return value.value
    raise Unsupported(f"uses an {_short(parameter)} that is not an integer")


def _sparql_term(parameter: URIRef, node: Node) -> str:
    """An IRI or literal as SPARQL text (blank nodes cannot be named in a query)."""
    if isinstance(node, URIRef | Literal):
        return node.n3()
    raise Unsupported(f"uses {_short(parameter)} with a blank node")


def _short(iri: Node) -> str:
    """``sh:targetNode`` for a SHACL term, else the IRI in angle brackets."""
    text = str(iri)
    return "sh:" + text[len(str(SH)) :] if text.startswith(str(SH)) else f"<{text}>"


def _prefix_lines(shapes: Graph, sparql: Node) -> str:
    lines = []
    for holder in shapes.objects(sparql, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines) + "\n"


def evaluate(
    store: GraphStore, constraint: CompiledConstraint, focus: Iterable[Node] | None = None
) -> Iterator[Finding]:
    """Run one compiled constraint over every target, or over ``focus``; yield its results."""
    for row in store.select(constraint.text(focus)):
        this = row.get("this")
        if this is not None:
            yield Finding(
                constraint.shape,
                constraint.constraint,
                this,
                row.get("path"),
                row.get("value"),
                constraint.component,
            )


class CompiledBackend:
    """Compiles the shapes of a selection once, and evaluates them on the working store."""

    def __init__(self, shapes: Graph, store: GraphStore) -> None:
        self.shapes = shapes
        self.store = store
        self._compiled: dict[tuple[str, ...], CompiledShapes] = {}

    def compile(self, node_shapes: Sequence[URIRef]) -> CompiledShapes:
        """The compiled form of ``node_shapes``, made on the first check that selects them."""
        key = tuple(str(shape) for shape in node_shapes)
        if key not in self._compiled:
            self._compiled[key] = compile_shapes(self.shapes, node_shapes)
        return self._compiled[key]

    def findings(self, compiled: CompiledShapes, scope: PositionScope | None) -> Iterator[Finding]:
        """Every result of the compiled constraints over the whole graph, or over the
        entities of one position: each constraint over the owned entities it targets."""
        for constraint in compiled.constraints:
            check_budget()  # a request over its time budget stops between two constraints
            if scope is None:
                yield from evaluate(self.store, constraint)
                continue
            targeted = scope.targeted_by(constraint.targets)
            if targeted:
                yield from evaluate(self.store, constraint, targeted)
