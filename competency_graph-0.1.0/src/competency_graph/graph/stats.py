"""Counts of entities per concept: what ``competency-graph stats`` prints."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from competency_graph.graph.index import GraphReads
from competency_graph.namespaces import CG

#: (key, class, English name) in the order they are printed
CONCEPTS: tuple[tuple[str, URIRef, str], ...] = (
    ("positions", CG.Position, "Positions"),
    ("standard_positions", CG.StandardPosition, "Standard positions"),
    ("departments", CG.Department, "Departments"),
    ("job_descriptions", CG.JobDescription, "Job descriptions"),
    ("generalised_functions", CG.GeneralisedFunction, "Generalised functions"),
    ("duties", CG.Duty, "Duties"),
    ("rights", CG.Right, "Rights"),
    ("responsibilities", CG.Responsibility, "Responsibilities"),
    ("skills", CG.Skill, "Skills"),
    ("knowledge", CG.Knowledge, "  knowledge"),
    ("competences", CG.Competence, "  skills/competences"),
    ("tools", CG.Tool, "  tools/software"),
    ("languages", CG.Language, "  languages"),
    ("licences", CG.Licence, "  licences"),
    ("personal_qualities", CG.PersonalQuality, "  personal qualities"),
    ("requirements", CG.Requirement, "Requirements"),
    ("vacancies", CG.Vacancy, "Vacancies"),
    ("sectors", CG.Sector, "Sectors"),
    ("legal_codes", CG.LegalCode, "Legal codes"),
    ("legal_norms", CG.LegalNorm, "Legal norms"),
    ("rules", CG.Rule, "Consistency rules"),
)


@dataclass(frozen=True)
class GraphStats:
    """Entity counts per concept plus the triple count."""

    triples: int
    counts: dict[str, int]

    def rows(self) -> list[tuple[str, int]]:
        """(English name, count) in print order."""
        return [(name, self.counts[key]) for key, _, name in CONCEPTS]


def subclasses_of(graph: GraphReads, cls: URIRef) -> set[URIRef]:
    """``cls`` and every class declared below it with rdfs:subClassOf, transitively."""
    found = {cls}
    frontier = [cls]
    while frontier:
        current = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, current):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def instances_of(graph: GraphReads, cls: URIRef) -> set[URIRef]:
    """Named individuals typed with ``cls`` or a subclass of it (blank nodes included)."""
    members: set[URIRef] = set()
    for sub in subclasses_of(graph, cls):
        members.update(graph.subjects(RDF.type, sub))  # type: ignore[arg-type]
    return members


def compute_stats(graph: Graph) -> GraphStats:
    """Count the entities of every concept in :data:`CONCEPTS`."""
    counts = {key: len(instances_of(graph, cls)) for key, cls, _ in CONCEPTS}
    return GraphStats(triples=len(graph), counts=counts)
