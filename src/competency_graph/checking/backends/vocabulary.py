"""The vocabulary evaluator (rule ``references``): every IRI of the project's namespaces names
something the graph defines, and every value of a closed value set is one of its members.

A misspelt IRI is otherwise a new, empty entity that the open-world reasoner accepts:
``cg:status cg:inforce`` silently turns off the approval rules, ``cg:liabilityKind
cg:disciplinary`` prints a raw IRI in the legal text. What counts is derived from the
ontology, not listed here:

- *defined*: an IRI with an ``rdf:type`` in the graph (the ontology's classes, properties and
  individuals, and the user's own entities);
- *the project's namespaces*: the ontology's (``cg:``) and the individuals' (``…/id/``);
- *closed value sets*: the ``owl:oneOf`` of a class (``cg:DocumentStatus`` is draft, agreed,
  approved, in force); a property whose ``rdfs:range`` is such a class takes only its members.

Each use is reported on the named entity whose statement it is (a blank node's statement, an
agreement in ``cg:agreedBy [ ... ]``, on the entity that holds it), with a "did you mean"
among the candidates: the members of the value set, the instances of the property's range,
the classes for ``rdf:type``, the properties for a predicate, or else the defined IRIs of the
same kind (``…/id/skill/``).

Values that are defined but of the wrong class are the SHACL shapes' (``shapes/references.ttl``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from competency_graph.checking.backends.evaluators import RuleFinding
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.model.domain import Text
from competency_graph.namespaces import CG, ID_BASE, PREFIXES, compact_id

#: the namespaces whose IRIs must name something defined
PROJECT_NAMESPACES = (str(CG), ID_BASE)
#: statements the checker derives (the skill closure): not the user's to fix
_DERIVED = frozenset({CG.coversSkill})
_PROPERTY_CLASSES = frozenset(
    str(c)
    for c in (
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        RDF.Property,
        OWL.FunctionalProperty,
    )
)
_CLASS_CLASSES = frozenset(str(c) for c in (OWL.Class, RDFS.Class))
#: a candidate this close to the misspelt word (difflib ratio) is offered as "did you mean"
_CUTOFF = 0.6


def _in_project_sparql(variable: str) -> str:
    """A SPARQL condition: ``?variable`` is an IRI of a project namespace (constants)."""
    tests = " || ".join(f'STRSTARTS(STR(?{variable}), "{ns}")' for ns in PROJECT_NAMESPACES)
    return f"(isIRI(?{variable}) && ({tests}))"


#: the statements whose property or value is a project IRI that has no rdf:type
_UNDEFINED_PROJECT_IRIS = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  ?s ?p ?o .
  FILTER (({_in_project_sparql("p")} && NOT EXISTS {{ ?p a ?pt }})
          || ({_in_project_sparql("o")} && NOT EXISTS {{ ?o a ?ot }}))
}}"""
Triple = tuple[Node, Node, Node]


def in_project(iri: str) -> bool:
    """True for an IRI of the ontology's or the individuals' namespace."""
    return iri.startswith(PROJECT_NAMESPACES)


def short(iri: str) -> str:
    """``cg:in-force``, ``skill:ms-excel``, ``schema:hiringOrganization``: how an IRI is
    written in the project's Turtle."""
    if iri.startswith(ID_BASE):
        return compact_id(iri)
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _local(iri: str) -> str:
    return short(iri).rpartition(":")[2]


def _kind(iri: str) -> str:
    """The namespace bucket of a project IRI: ``cg:`` or ``…/id/<kind>/``."""
    if iri.startswith(ID_BASE):
        return ID_BASE + iri[len(ID_BASE) :].partition("/")[0]
    return str(CG)


@dataclass
class _Vocabulary:
    """What the ontology says about properties and classes: ranges, closed sets, subclasses."""

    ranges: dict[str, list[str]] = field(default_factory=dict)  # property -> range classes
    members: dict[str, list[Node]] = field(default_factory=dict)  # class -> its owl:oneOf
    subclasses: dict[str, set[str]] = field(default_factory=dict)  # class -> direct subclasses

    def with_subclasses(self, cls: str) -> set[str]:
        """``cls`` and every class below it."""
        classes, stack = {cls}, [cls]
        while stack:
            for sub in self.subclasses.get(stack.pop(), ()):
                if sub not in classes:
                    classes.add(sub)
                    stack.append(sub)
        return classes


class VocabularyEvaluator:
    """Undefined IRIs and values outside closed sets, as ``references`` findings."""

    def __init__(self, working: WorkingGraph) -> None:
        self.working = working
        self.store: OxigraphStore = working.store
        self.vocabulary = self._read()
        self._labels: dict[tuple[str, str], str] = {}
        self._defined: dict[str, bool] = {}
        self._types: dict[str, set[str]] | None = None

    def defined(self, iri: str) -> bool:
        """True when ``iri`` has an ``rdf:type`` (looked up once per IRI)."""
        found = self._defined.get(iri)
        if found is None:
            typed = self.store.match(URIRef(iri), RDF.type, None)
            found = self._defined[iri] = next(typed, None) is not None
        return found

    def types(self) -> dict[str, set[str]]:
        """Every typed IRI and its classes: read once, and only to suggest a correction."""
        if self._types is None:
            self._types = {}
            for subject, _, cls in self.store.match(None, RDF.type, None):
                if isinstance(subject, URIRef) and isinstance(cls, URIRef):
                    self._types.setdefault(str(subject), set()).add(str(cls))
        return self._types

    def instances(self, cls: str) -> list[str]:
        """The defined IRIs that are instances of ``cls`` or of a subclass."""
        classes = self.vocabulary.with_subclasses(cls)
        return sorted(iri for iri, held in self.types().items() if held & classes)

    def _read(self) -> _Vocabulary:
        vocabulary = _Vocabulary()
        for prop, cls, _ in self._pairs(RDFS.range):
            vocabulary.ranges.setdefault(prop, []).append(cls)
        for sub, cls, _ in self._pairs(RDFS.subClassOf):
            vocabulary.subclasses.setdefault(cls, set()).add(sub)
        for cls, _, expression in self._pairs(OWL.equivalentClass, named_object=False):
            for _, _, head in self.store.match(expression, OWL.oneOf, None):
                members: list[Node] = [
                    m for m in self._list(head) if isinstance(m, URIRef | Literal)
                ]
                vocabulary.members[cls] = members
        return vocabulary

    def _pairs(
        self, predicate: URIRef, named_object: bool = True
    ) -> Iterator[tuple[str, str, Node]]:
        """(subject, object, object node) of the ``predicate`` statements between IRIs (the
        object may be a blank node unless ``named_object``)."""
        for subject, _, obj in self.store.match(None, predicate, None):
            if isinstance(subject, URIRef) and (
                isinstance(obj, URIRef) or (not named_object and isinstance(obj, BNode))
            ):
                yield str(subject), str(obj), obj

    def _list(self, head: Node) -> list[Node]:
        """The items of the RDF list at ``head``."""
        items: list[Node] = []
        node: Node | None = head
        seen: set[Node] = set()
        while isinstance(node, BNode | URIRef) and node != RDF.nil and node not in seen:
            seen.add(node)
            items.extend(o for _, _, o in self.store.match(node, RDF.first, None))
            node = next((o for _, _, o in self.store.match(node, RDF.rest, None)), None)
        return items

    # -- the check -----------------------------------------------------------------------------
    def findings(self, scope: PositionScope | None) -> Iterable[RuleFinding]:
        """Each undefined IRI and each value outside its closed set, once per entity,
        property and value."""
        found: dict[tuple[Node, str, str], RuleFinding] = {}
        owners = _Owners(self.store)
        statements = self._statements(scope) if scope is not None else self._candidates()
        for subject, predicate, value in statements:
            if predicate in _DERIVED:
                continue
            problem = self._judge(str(predicate), value)
            if problem is None:
                continue
            owner = owners.of(subject)
            if owner is None:
                continue
            reported = predicate if problem.of_predicate else value
            key = (owner, str(predicate), str(reported))
            if key not in found:
                path = URIRef(str(predicate))
                found[key] = RuleFinding(owner, path, reported, problem.detail)
        return found.values()

    def _candidates(self) -> Iterator[Triple]:
        """The statements of the whole graph that :meth:`_judge` may object to: those whose
        property, or whose value, is a project IRI nothing types (the store finds them:
        reading ESCO's 730k statements into Python terms took most of a whole check), and
        every value of a property with a closed set of values. Each is judged as before, so
        the findings are those of reading every statement."""
        yield from self.store.construct(_UNDEFINED_PROJECT_IRIS)
        for predicate in sorted(self.vocabulary.ranges):
            if self._closed_range(predicate) is not None:
                yield from self.store.match(None, URIRef(predicate), None)

    def _statements(self, scope: PositionScope | None) -> Iterator[Triple]:
        """Every statement of the graph, or those of the scope's entities and of the blank
        nodes they hold."""
        if scope is None:
            yield from self.store.match(None, None, None)
            return
        stack: list[Node] = [node for node in scope.owned if isinstance(node, URIRef)]
        seen: set[Node] = set(stack)
        while stack:
            subject = stack.pop()
            for triple in self.store.match(subject, None, None):
                yield triple
                value = triple[2]
                if isinstance(value, BNode) and value not in seen:
                    seen.add(value)
                    stack.append(value)

    def _judge(self, predicate: str, value: Node) -> _Problem | None:
        if in_project(predicate) and not self.defined(predicate):
            candidates = [p for p, held in self.types().items() if held & _PROPERTY_CLASSES]
            return _Problem(self._undefined_property(predicate, candidates), of_predicate=True)
        if isinstance(value, URIRef) and in_project(str(value)) and not self.defined(str(value)):
            return _Problem(self._undefined_value(predicate, str(value)))
        closed = self._closed_range(predicate)
        if closed is not None and isinstance(value, URIRef | Literal):
            cls, members = closed
            if value not in members:
                return _Problem(self._outside_set(predicate, value, cls, members))
        return None

    def _closed_range(self, predicate: str) -> tuple[str, list[Node]] | None:
        for cls in self.vocabulary.ranges.get(predicate, ()):
            members = self.vocabulary.members.get(cls)
            if members is not None:
                return cls, members
        return None

    # -- what to say ---------------------------------------------------------------------------
    def _candidates_for_value(self, predicate: str, iri: str) -> list[str]:
        if predicate == str(RDF.type):
            return [c for c, held in self.types().items() if held & _CLASS_CLASSES]
        ranges = self.vocabulary.ranges.get(predicate, [])
        for cls in ranges:
            members = self.vocabulary.members.get(cls)
            if members is not None:
                return [str(m) for m in members if isinstance(m, URIRef)]
        found = [i for cls in ranges for i in self.instances(cls)]
        if found:
            return found
        kind = _kind(iri)
        return [i for i in self.types() if _kind(i) == kind and in_project(i)]

    def _undefined_property(self, predicate: str, candidates: list[str]) -> Text:
        hint = _hint(predicate, candidates)
        return Text(
            en=f"a property, but the ontology defines no property {short(predicate)}{hint.en}",
            ru=f"свойство, но в онтологии нет свойства {short(predicate)}{hint.ru}",
        )

    def _undefined_value(self, predicate: str, iri: str) -> Text:
        hint = _hint(iri, self._candidates_for_value(predicate, iri))
        if predicate == str(RDF.type):
            return Text(
                en=f"its class (rdf:type), but the ontology defines no such class{hint.en}",
                ru=f"свой класс (rdf:type), но в онтологии нет такого класса{hint.ru}",
            )
        return Text(
            en=f"the value of {self._property(predicate, 'en')}, but nothing in the graph "
            f"defines it{hint.en}",
            ru=f"значение свойства {self._property(predicate, 'ru')}, но в графе это не "
            f"определено{hint.ru}",
        )

    def _outside_set(self, predicate: str, value: Node, cls: str, members: list[Node]) -> Text:
        names = ", ".join(short(str(m)) for m in members if isinstance(m, URIRef))
        hint = _hint(str(value), [str(m) for m in members if isinstance(m, URIRef)])
        return Text(
            en=f"the value of {self._property(predicate, 'en')}, which takes only one of {names} "
            f"({short(cls)}){hint.en}",
            ru=f"значение свойства {self._property(predicate, 'ru')}, а допустимо только "
            f"одно из: {names} ({short(cls)}){hint.ru}",
        )

    def _property(self, predicate: str, lang: str) -> str:
        """``'status' (cg:status)``: the property's label in ``lang`` and its short form."""
        key = (predicate, lang)
        if key not in self._labels:
            labels = self.working.labels(URIRef(predicate))
            label = labels.get(lang) or labels.get("en") or ""
            shown = short(predicate)
            quoted = f"«{label}»" if lang == "ru" else f"'{label}'"
            self._labels[key] = f"{quoted} ({shown})" if label else shown
        return self._labels[key]


@dataclass(frozen=True)
class _Problem:
    detail: Text
    of_predicate: bool = False


def _hint(word: str, candidates: Iterable[str]) -> Text:
    """`` (did you mean cg:in-force?)`` for the candidate closest to ``word``, or nothing.

    Closest by difflib's ratio; failing that, the one candidate that the word begins or
    that begins with the word (``cg:legal`` for ``cg:legal-service``)."""
    by_local: dict[str, str] = {}
    for candidate in sorted(set(candidates)):
        by_local.setdefault(_local(candidate).casefold(), candidate)
    typed = _local(word).casefold() if in_project(word) else word.casefold()
    close = difflib.get_close_matches(typed, list(by_local), n=1, cutoff=_CUTOFF)
    if not close:
        close = [c for c in by_local if typed and (c.startswith(typed) or typed.startswith(c))]
    if len(close) != 1:
        return Text(en="", ru="")
    best = short(by_local[close[0]])
    return Text(en=f" (did you mean {best}?)", ru=f" (может быть, имелось в виду {best}?)")


class _Owners:
    """The named entity a statement belongs to: its subject, or for a blank node the named
    entity that holds it (``jd:x cg:agreedBy [ cg:agreementRole ... ]`` belongs to ``jd:x``)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store
        self._found: dict[Node, Node | None] = {}

    def of(self, subject: Node) -> Node | None:
        if isinstance(subject, URIRef):
            return subject
        if subject not in self._found:
            self._found[subject] = self._climb(subject)
        return self._found[subject]

    def _climb(self, node: Node) -> Node | None:
        seen = {node}
        current: Node | None = node
        while isinstance(current, BNode):
            holders = sorted((s for s, _, _ in self.store.match(None, None, current)), key=str)
            current = next((h for h in holders if h not in seen), None)
            if current is None:
                return None
            seen.add(current)
        return current if isinstance(current, URIRef) else None
