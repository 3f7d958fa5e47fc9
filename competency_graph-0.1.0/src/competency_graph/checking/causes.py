"""Root causes first: a reference to an entity the graph does not define, and what it causes.

One misspelt IRI (``skill:client-relationship-managment`` in a duty's ``cg:supportedBy``)
breaks three rules: ``references`` (the typo itself), ``duty-coverage`` (the duty is now
supported by nothing the position requires) and ``unused-requirement`` (the skill the duty
meant supports nothing). Fixing the first fixes the others, so the report says so:

- the ``references`` violation gets the defined entity the typo most likely meant ("did you
  mean ..."), and names the violations it causes; it is listed before them;
- each of those names it back ("caused by ...").

A violation is caused by a reference when it is about the same position (the position, its
job descriptions, their duties, rights and responsibilities, its requirements) and its value
is the referring entity, the undefined one, the one meant, or an entity that refers to one of
the last two.

In a YAML job description a reference that names nothing is an input error, and the reader
leaves it out: :func:`input_causes` names that error as the cause of the violations of the
item that held it (``duties[0]`` for an error at ``duties[0].supported_by[0]``) and of the
entity it most likely meant (the one its "did you mean" names).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from competency_graph.checking.report import Consequence, Location, Violation
from competency_graph.checking.scope import owned_entities
from competency_graph.checking.working import WorkingGraph
from competency_graph.errors import InputError
from competency_graph.namespaces import CG, PREFIXES, compact_id

#: the rule whose violations can be root causes
REFERENCES = "references"
#: candidates for "did you mean": the defined entities of the typo's namespace, at most these
#: many (our own ids; a store's 14k ESCO skills are not searched)
MAX_CANDIDATES = 5000

_WORDS = {
    "en": {
        "meant": "Did you mean '{meant}'?",
        "causes": "It causes: {list}.",
        "caused_by": "Caused by: {cause}.",
        "line": "line {line}",
        "input": "the input error",
    },
    "ru": {
        "meant": "Возможно, имелось в виду «{meant}»?",
        "causes": "Это вызывает: {list}.",
        "caused_by": "Причина: {cause}.",
        "line": "строка {line}",
        "input": "ошибка во входных данных",
    },
}
#: the rule id of a cause that is an input error (as the report formats name them)
INPUT = "input"
_MEANT = re.compile(r" \(did you mean '(?P<meant>[^']+)'\?\)$")
#: the suggestion of the ``references`` evaluator (:mod:`.backends.vocabulary`), any language
_SUGGESTED = re.compile(r"\((?:did you mean|может быть, имелось в виду) (?P<meant>[^\s?]+)\?\)")


def root_causes(violations: Sequence[Violation], graph: WorkingGraph, lang: str) -> list[Violation]:
    """``violations`` with each reference to an undefined entity completed: the entity it
    probably meant, the violations it causes; and each of those naming it as their cause."""
    roots = [v for v in violations if v.rule_id == REFERENCES and _is_iri(v.value)]
    if not roots:
        return list(violations)
    words = _WORDS.get(lang, _WORDS["en"])
    candidates = _Candidates(graph)
    completed: dict[Violation, Violation] = {}
    caused_by: dict[Violation, Consequence] = {}
    for root in roots:
        # the evaluator's own suggestion (drawn from the property's range) when it made one
        suggested = _suggestion(root.message)
        meant = suggested or candidates.closest(str(root.value))
        if meant == root.value:  # defined, but of the wrong class: nothing else was meant
            meant = None
        near = _neighbourhood(graph, root.focus)
        consequences = [
            v
            for v in violations
            if v.rule_id != REFERENCES
            and v not in caused_by
            and _causes(root, v, meant, near, graph)
        ]
        message = root.message
        if meant is not None and suggested is None:
            message += " " + words["meant"].format(meant=compact_id(meant))
        if consequences:
            listed = ", ".join(
                _named(v.as_consequence(), root.location, words) for v in consequences
            )
            message += " " + words["causes"].format(list=listed)
        completed[root] = dataclasses.replace(
            root, message=message, causes=tuple(v.as_consequence() for v in consequences)
        )
        for consequence in consequences:
            caused_by[consequence] = root.as_consequence()
    result = []
    for violation in violations:
        if violation in completed:
            result.append(completed[violation])
        elif violation in caused_by:
            cause = caused_by[violation]
            named = words["caused_by"].format(cause=_named(cause, violation.location, words))
            result.append(
                dataclasses.replace(
                    violation, message=f"{violation.message} {named}", caused_by=cause
                )
            )
        else:
            result.append(violation)
    return result


def input_causes(
    violations: Sequence[Violation], errors: Sequence[InputError], lang: str
) -> list[Violation]:
    """``violations`` with each one that follows from a reference the reader left out
    naming that input error as its cause (see the module's documentation)."""
    words = _WORDS.get(lang, _WORDS["en"])
    located = [e for e in errors if e.recoverable and e.field and e.path and e.line]
    result = []
    for violation in violations:
        cause = next((e for e in located if _input_causes(e, violation)), None)
        if cause is None or violation.caused_by is not None:
            result.append(violation)
            continue
        where = Location(str(cause.path), cause.line, cause.column, cause.field)
        consequence = Consequence(INPUT, cause.field or "", None, where)
        named = f"{words['input']} ({_where(where, violation.location, words)})"
        text = words["caused_by"].format(cause=named)
        result.append(
            dataclasses.replace(
                violation, message=f"{violation.message} {text}", caused_by=consequence
            )
        )
    return result


def _input_causes(error: InputError, violation: Violation) -> bool:
    """True when ``violation`` is of the item that held ``error``'s reference, or about the
    entity its suggestion names."""
    where = violation.location
    if where is None or where.path != error.path:
        return False
    item = where.field or ""
    if item and (error.field == item or str(error.field).startswith((f"{item}.", f"{item}["))):
        return True
    meant = _MEANT.search(error.message)
    return (
        meant is not None
        and violation.value is not None
        and (compact_id(violation.value) == meant["meant"])
    )


def _suggestion(message: str) -> str | None:
    """The IRI a ``references`` message suggests (``skill:x``, ``cg:in-force``), if any."""
    found = _SUGGESTED.search(message)
    if found is None:
        return None
    prefix, _, local = found["meant"].partition(":")
    namespace = PREFIXES.get(prefix)
    return namespace + local if namespace is not None else None


def _causes(
    root: Violation, other: Violation, meant: str | None, near: set[str], graph: WorkingGraph
) -> bool:
    """True when ``other`` (about an entity of ``near``) follows from the undefined
    reference ``root``."""
    if other.value is None or other.focus not in near:
        return False
    undefined = {str(root.value), *([meant] if meant else [])}
    if other.value == root.focus or other.value in undefined:
        return True
    if not _is_iri(other.value):
        return False
    return any(str(o) in undefined for o in graph.objects(URIRef(other.value), None))


def _neighbourhood(graph: WorkingGraph, focus: str) -> set[str]:
    """What the positions that own ``focus`` own (their checks report on), as IRIs."""
    node = URIRef(focus)
    positions = _owning_positions(graph, node)
    if not positions:
        return {focus}
    owned: set[Node] = set()
    for position in positions:
        owned |= owned_entities(graph, position)
    return {str(entity) for entity in owned}


def _owning_positions(graph: WorkingGraph, node: URIRef) -> set[URIRef]:
    """The positions ``node`` belongs to: itself, the position a job description describes
    (or one that includes it), the positions (or vacancies) that require it."""
    holders: set[Node] = {node}
    for predicate in (CG.includesDuty, CG.grantsRight, CG.establishesResponsibility):
        holders.update(graph.subjects(predicate, node))
    holders.update(graph.subjects(CG.hasRequirement, node))
    positions: set[Node] = set()
    for holder in holders:
        if graph.has_type(holder, CG.Position):
            positions.add(holder)
        positions.update(graph.objects(holder, CG.describes))
        positions.update(graph.objects(holder, CG.forPosition))
    return {p for p in positions if isinstance(p, URIRef)}


class _Candidates:
    """The defined (typed) named entities of the loaded graph, by namespace, read once."""

    def __init__(self, graph: WorkingGraph) -> None:
        self.graph = graph
        self._by_namespace: dict[str, list[str]] | None = None

    def closest(self, iri: str) -> str | None:
        """The defined entity whose IRI is closest to ``iri`` in its namespace, if close."""
        namespace, local = _split(iri)
        names = self._index().get(namespace, [])[:MAX_CANDIDATES]
        close = difflib.get_close_matches(local, names, n=1, cutoff=0.8)
        return namespace + close[0] if close else None

    def _index(self) -> dict[str, list[str]]:
        if self._by_namespace is None:
            index: dict[str, set[str]] = {}
            for subject in self.graph.subjects(RDF.type, None):
                if isinstance(subject, URIRef):
                    namespace, local = _split(str(subject))
                    index.setdefault(namespace, set()).add(local)
            self._by_namespace = {ns: sorted(names) for ns, names in index.items()}
        return self._by_namespace


def _split(iri: str) -> tuple[str, str]:
    """``(namespace, local name)``: split after the last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    return iri[:cut], iri[cut:]


def _named(consequence: Consequence, here: Location | None, words: dict[str, str]) -> str:
    """``duty-coverage (line 52)`` in the same file as ``here``, else with the file's name."""
    where = consequence.location
    if where is None or where.line is None:
        return consequence.rule_id
    return f"{consequence.rule_id} ({_where(where, here, words)})"


def _where(where: Location, here: Location | None, words: dict[str, str]) -> str:
    """``line 52`` in the same file as ``here``, else ``file.ttl:52``."""
    if here is not None and here.path == where.path:
        return words["line"].format(line=where.line)
    return f"{Path(where.path).name}:{where.line}"


def _is_iri(text: str | None) -> bool:
    return bool(text) and str(text).startswith(("http://", "https://", "urn:"))


__all__ = ["INPUT", "REFERENCES", "input_causes", "root_causes"]
