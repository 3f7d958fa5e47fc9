"""What a job description is in the graph, and how a revised edition replaces the old one.

A job-description file (YAML or JSON, :mod:`.job_description`) states one position's job
description whole: the position's own fields (labels, definition, department, supervisor,
substitute, appointing head, standard position, norms to know, career steps, requirements),
the job description with everything hanging from it (general provisions, clauses, omissions,
signatures), and the duties, rights, responsibilities and requirements the file defines
itself (their IRIs start with the position's slug: ``duty:<slug>-<id>``). That is
:func:`description_subgraph`; items it only refers to (``duty:find-clients``, shared by seven
descriptions) are not part of it.

A file whose position already exists in the graph is a new edition of that position's
description: :func:`replace_description` removes the old edition's statements (the
subgraph, and the old statements of every item the file defines again) and keeps the
position itself (its class, other labels, ESCO matches). The caller then adds the file's
triples and reports :func:`edition_note`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node as RDFNode

from competency_graph.namespaces import CG, ID_BASE, ID_KINDS, ORG, PREFIXES, compact_id

#: the position's statements a job-description file gives (and a new edition replaces)
POSITION_PREDICATES: tuple[URIRef, ...] = (
    RDFS.label,
    SKOS.definition,
    ORG.postIn,
    ORG.reportsTo,
    CG.substitutedBy,
    CG.appointedBy,
    CG.specialises,
    CG.mustKnow,
    CG.nextCareerStep,
    CG.hasRequirement,
    CG.hasClause,
)

#: how a job description lists its items, and the id kind of those items
ITEM_PREDICATES: dict[URIRef, str] = {
    CG.includesDuty: "duty",
    CG.grantsRight: "right",
    CG.establishesResponsibility: "responsibility",
}


def slug_of(position: str) -> str | None:
    """``account-manager`` for ``position:account-manager``'s IRI; None for any other IRI."""
    prefix = f"{ID_BASE}{ID_KINDS['position']}/"
    slug = position[len(prefix) :] if position.startswith(prefix) else ""
    return slug if slug and "/" not in slug else None


def own_prefix(position: str, kind: str) -> str | None:
    """The IRI prefix of the ``kind`` items a file for ``position`` defines itself."""
    slug = slug_of(position)
    return f"{ID_BASE}{ID_KINDS[kind]}/{slug}-" if slug is not None else None


def job_descriptions_of(graph: Graph, position: URIRef) -> list[RDFNode]:
    """The job descriptions that describe ``position`` (usually one), in IRI order."""
    return sorted(set(graph.subjects(CG.describes, position)), key=str)


def own_items(graph: Graph, position: URIRef) -> list[URIRef]:
    """The duties, rights, responsibilities and requirements of ``position``'s description
    that a file for it defines itself (named under its slug), in IRI order."""
    found: set[URIRef] = set()
    listed: list[tuple[RDFNode, URIRef, str]] = [(position, CG.hasRequirement, "requirement")]
    for description in job_descriptions_of(graph, position):
        listed += [(description, p, kind) for p, kind in ITEM_PREDICATES.items()]
    for subject, predicate, kind in listed:
        prefix = own_prefix(str(position), kind)
        for item in graph.objects(subject, predicate):
            if prefix is not None and isinstance(item, URIRef) and str(item).startswith(prefix):
                found.add(item)
    return sorted(found, key=str)


def description_subgraph(graph: Graph, position: URIRef) -> Graph:
    """Every statement of ``graph`` that a job-description file for ``position`` gives.

    The position's statements with :data:`POSITION_PREDICATES` (its clauses included), each
    job description of it with everything reached through blank nodes, and the items the
    file defines itself. Two graphs hold the same description when these are isomorphic.
    """
    subgraph = Graph()
    for prefix, namespace in PREFIXES.items():
        subgraph.bind(prefix, namespace, override=True)
    for predicate in POSITION_PREDICATES:
        for value in graph.objects(position, predicate):
            subgraph.add((position, predicate, value))
            if isinstance(value, BNode):  # a clause; a named value is described elsewhere
                _add_closure(graph, value, subgraph)
    for node in (*job_descriptions_of(graph, position), *own_items(graph, position)):
        _add_closure(graph, node, subgraph)
    return subgraph


def _closure(graph: Graph, node: RDFNode) -> Graph:
    found = Graph()
    _add_closure(graph, node, found)
    return found


def _add_closure(graph: Graph, node: RDFNode, into: Graph) -> None:
    """``node``'s statements, and those of every blank node they reach (its CBD, no reification)."""
    if not isinstance(node, URIRef | BNode):
        return
    pending: list[RDFNode] = [node]
    seen: set[RDFNode] = set()
    while pending:
        subject = pending.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for predicate, value in graph.predicate_objects(subject):
            into.add((subject, predicate, value))
            if isinstance(value, BNode):
                pending.append(value)


@dataclass(frozen=True)
class Edition:
    """One edition of a job description: its number (cg:version), status and file."""

    version: str | None
    status: str | None
    source: str | None

    def describe(self) -> str:
        """``edition 2 (draft) from new.yaml``, as much as is known."""
        text = f"edition {self.version}" if self.version else "an edition without a number"
        if self.status:
            text += f" ({self.status.replace('-', ' ')})"
        return f"{text} from {self.source}" if self.source else text


def edition_of(graph: Graph, description: RDFNode, source: str | None) -> Edition:
    """The edition ``description`` is in ``graph``, read from ``source``."""
    version = graph.value(description, CG.version)
    status = graph.value(description, CG.status)
    return Edition(
        str(version) if isinstance(version, Literal) else None,
        str(status).rsplit("#", 1)[-1] if isinstance(status, URIRef) else None,
        source,
    )


def replace_description(
    graph: Graph,
    position: URIRef,
    redefined: Iterable[URIRef],
    stated: Graph | None = None,
) -> None:
    """Remove ``position``'s job description from ``graph``, and the statements of every
    ``redefined`` item (an item the new edition defines again), keeping the position.

    With ``stated`` (the new edition's graph), only the position's statements whose
    predicate the new edition states too are removed: a Turtle file may give the job
    description alone and leave the position's labels to the ontology.
    """
    old = description_subgraph(graph, position)
    if stated is not None:
        kept = set(POSITION_PREDICATES) - set(stated.predicates(position, None))
        for predicate in kept:
            for value in graph.objects(position, predicate):
                old.remove((position, predicate, value))
                if isinstance(value, BNode):
                    old -= _closure(graph, value)
    for item in redefined:
        if item != position:
            _add_closure(graph, item, old)
    graph -= old


def edition_note(position: URIRef, old: Edition | None, new: Edition, defined_in: str) -> str:
    """What a revision did, in one line for the user: which edition replaced which."""
    subject = f"job description of {compact_id(str(position))}"
    if old is None:
        return f"{subject}: {new.describe()} is the first of the position (defined in {defined_in})"
    return f"{subject}: {new.describe()} replaces {old.describe()}"


__all__ = [
    "ITEM_PREDICATES",
    "POSITION_PREDICATES",
    "Edition",
    "description_subgraph",
    "edition_note",
    "edition_of",
    "job_descriptions_of",
    "own_items",
    "own_prefix",
    "replace_description",
    "slug_of",
]
