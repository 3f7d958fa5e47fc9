"""The graph a check reads: one in-memory oxigraph store, built once per checker.

It holds the loaded files (the shipped ontology, the user's files), every triple of a store
given with ``--store`` / ``--sparql-endpoint`` (ESCO: 730k triples, bulk-loaded by the
store's back end without an rdflib copy) and the materialised skill closure
(``cg:coversSkill``, :mod:`competency_graph.graph.skills`). The compiled SHACL constraints
run on it, and the checker reads from it what a report needs: the entities a position
owns, types and labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from competency_graph.graph.skills import covers_skill_triples
from competency_graph.graph.stores import GraphStore
from competency_graph.graph.stores.oxigraph import OxigraphStore


class WorkingGraph:
    """The triples a check reads, in one in-memory oxigraph store."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store

    @classmethod
    def of(cls, graph: Graph, source: GraphStore | None = None) -> WorkingGraph:
        """``graph`` (the loaded files) and every triple of ``source``, with the skill closure."""
        store = OxigraphStore.in_memory()
        if source is not None:
            source.load_into(store)
        store.bulk_add(graph)
        working = cls(store)
        store.bulk_add(list(covers_skill_triples(working)))
        return working

    def __len__(self) -> int:
        return len(self.store)

    # -- the reads a check makes (rdflib terms in and out, like an rdflib graph) --------
    def objects(self, subject: Node | None, predicate: Node | None, /) -> list[Node]:
        """Objects of ``subject``'s (None: any subject's) ``predicate`` triples (None: any
        predicate's)."""
        return [o for _, _, o in self.store.match(subject, predicate, None)]

    def subjects(self, predicate: Node, obj: Node | None, /) -> list[Node]:
        """Subjects of the triples with ``predicate`` and object ``obj`` (None: any)."""
        return [s for s, _, _ in self.store.match(None, predicate, obj)]

    def subject_objects(self, predicate: Node, /) -> list[tuple[Node, Node]]:
        """(subject, object) of every triple with ``predicate``."""
        return [(s, o) for s, _, o in self.store.match(None, predicate, None)]

    def has_type(self, node: Node, cls: Node | None = None) -> bool:
        """True when ``node`` has an ``rdf:type`` (``cls``, when given)."""
        return next(self.store.match(node, RDF.type, cls), None) is not None

    def classes_by_node(self, nodes: Iterable[Node]) -> dict[Node, set[str]]:
        """For each named node of ``nodes`` that has a type: the IRIs of its classes,
        superclasses included."""
        named = {str(node): node for node in nodes if isinstance(node, URIRef)}
        if not named:
            return {}
        terms = " ".join(f"<{iri}>" for iri in named)
        query = (
            f"SELECT DISTINCT ?node ?class WHERE {{ VALUES ?node {{ {terms} }} "
            f"?node <{RDF.type}>/<{RDFS.subClassOf}>* ?class }}"
        )
        found: dict[Node, set[str]] = {}
        for row in self.store.select(query):
            found.setdefault(named[str(row["node"])], set()).add(str(row["class"]))
        return found

    def members(self, cls: URIRef) -> list[str]:
        """The IRIs of the named instances of ``cls``, instances of its subclasses included."""
        query = (
            f"SELECT DISTINCT ?node WHERE {{ ?node <{RDF.type}>/<{RDFS.subClassOf}>* <{cls}> "
            "FILTER(isIRI(?node)) }"
        )
        return [str(row["node"]) for row in self.store.select(query)]

    def labels(self, node: Node) -> dict[str, str]:
        """``node``'s ``rdfs:label`` texts by language tag ("" for none)."""
        return {
            value.language or "": str(value)
            for _, _, value in self.store.match(node, RDFS.label, None)
            if isinstance(value, Literal)
        }

    def all_labels(self) -> dict[Node, dict[str, str]]:
        """Every ``rdfs:label`` by subject and language, in one scan (for large reports)."""
        found: dict[Node, dict[str, str]] = {}
        for subject, _, value in self.store.match(None, RDFS.label, None):
            if isinstance(value, Literal):
                found.setdefault(subject, {})[value.language or ""] = str(value)
        return found

    def instances(self, cls: URIRef) -> Graph:
        """Every triple about the instances of ``cls`` (the rule catalogue: ``cg:Rule``), and
        the labels of what they name (the legal norms a rule cites)."""
        graph = Graph()
        query = (
            f"CONSTRUCT {{ ?s ?p ?o . ?o <{RDFS.label}> ?label }} WHERE {{ "
            f"?s <{RDF.type}> <{cls}> ; ?p ?o . OPTIONAL {{ ?o <{RDFS.label}> ?label }} }}"
        )
        for triple in self.store.construct(query):
            graph.add(triple)
        return graph

    def to_rdflib(self) -> Graph:
        """An rdflib copy (for pySHACL, when a shape is beyond the compiled subset)."""
        graph = Graph()
        graph.addN((s, p, o, graph) for s, p, o in self.store.triples())
        return graph
