"""The working graph of one position's check, read from a store without copying the store.

A check of one position (``checkJobDescription``: an unsaved job description's position)
reports only on what the position owns (:func:`~.scope.owned_entities`), and the shipped
shapes read from there a few steps at most. So instead of bulk-loading every triple of a
served store (ESCO: 730k triples, 1-2 GB and about 30 s per request), the working graph
holds the loaded files and what those steps reach in the store, read with a few
``CONSTRUCT`` queries that each name the nodes they start from (an on-disk oxigraph store
answers them from its indexes; a SPARQL endpoint gets a few small requests):

1. the rule catalogue (instances of ``cg:Rule``), the reference sources
   (``cg:ContentSource``), the instances of the classes the shapes' queries name as
   constants (``?value a cg:AgreementRole``), and the vocabulary values are judged by: the
   class hierarchy (``rdfs:subClassOf``), the ranges and the closed value sets;
2. the position's triples and those of what points at it along the ownership predicates
   (:data:`OWNERSHIP`: its job descriptions, its vacancies), then the owned entities'
   triples, and whatever points at those along the ownership predicates, two steps up (a
   draft describing a position that has the requirement: the translation rules ask);
3. from there three levels out along any predicate but ``rdf:type`` (every blank node met
   on the way with its own triples, in the same query, so that a SPARQL endpoint's blank
   nodes keep one identity; and the properties used, with their definitions and labels),
   with the job descriptions of every node reached (a standard position's standard
   description: the template-duties rule) and the restrictions that apply to a category of
   work reached (the discriminatory-wording rule);
4. the whole chain of ``org:reportsTo`` above each node read (the reporting-line rule) and
   of ``skos:broader`` and ``skos:exactMatch`` (either way) from it (the skill closure), and
   the entities that share an owned entity's label, with their classes (the duplicate-label rule).

The skill closure (``cg:coversSkill``) is then materialised on what was read, as for a whole
store. A test holds the report made this way to the one over a working graph holding the
whole store, for positions of the example files put in a store (every kind of read above).
What can differ: a "did you mean" of the references rule draws its candidates from what was
read, not from every entity of the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from competency_graph.budget import check_budget
from competency_graph.checking.scope import owned_entities
from competency_graph.checking.working import WorkingGraph
from competency_graph.graph.skills import covers_skill_triples
from competency_graph.graph.stores import GraphStore
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.terms import to_oxigraph
from competency_graph.model.ids import expand
from competency_graph.namespaces import CG, SH

#: what ties an entity to its owner: read backwards from the owned entities
OWNERSHIP = (
    CG.describes,
    CG.forPosition,
    CG.includesDuty,
    CG.grantsRight,
    CG.establishesResponsibility,
    CG.hasRequirement,
)
#: what a check looks up backwards from a node it reached: a (standard) position's
#: descriptions, the restrictions a norm permits in a category of work
LOOKED_UP = (CG.describes, CG.appliesToCategory)
#: how many levels of nodes are read, from the owned entities (and their owners) out
STEPS_OUT = 3
#: how deep blank nodes below a node read are read with it
BLANK_LEVELS = 3
#: nodes named in one query (a SPARQL endpoint gets the list in a POST body)
CHUNK = 300
#: ``?x a cg:Class`` / ``?x a <iri>`` in a shape's query: instances read whole
_CONSTANT_CLASS = re.compile(r"(?<![?$\w])a\s+(<[^>\s]+>|[A-Za-z][\w-]*:[\w-]+)")


class StoreReader:
    """Reads parts of a store into the working store, each node's triples once."""

    def __init__(self, store: GraphStore, target: OxigraphStore) -> None:
        self.store = store
        self.target = target
        self.described: set[URIRef] = set()
        self.reversed: set[tuple[URIRef, URIRef]] = set()
        self.chained: set[tuple[URIRef, URIRef]] = set()
        #: triples read (duplicates of the loaded files included), for tests and benchmarks
        self.triples_read = 0
        self.queries = 0

    def _run(self, query: str) -> None:
        check_budget()  # between two reads: a request over its time budget stops here
        self.triples_read += self.store.construct_into(query, self.target)
        self.queries += 1

    def describe(self, nodes: Iterable[Node]) -> set[URIRef]:
        """Read the triples of the named ``nodes`` not read yet, with their blank nodes'
        triples (three levels); returns the named nodes that ``nodes`` point at in the
        working graph (the loaded files' triples included)."""
        wanted = {n for n in nodes if isinstance(n, URIRef)}
        fresh = sorted(wanted - self.described, key=str)
        self.described.update(fresh)
        for chunk in _chunks(fresh):
            self._run(_describe_query(chunk))
        return self._objects(wanted)

    def _objects(self, nodes: set[URIRef]) -> set[URIRef]:
        """The named objects of ``nodes`` in the working graph, through blank nodes, and the
        properties of those statements (their definitions and labels: the references rule
        judges every property used, a message names it); leaving out the classes the nodes
        are instances of (the class hierarchy is read whole, and a class's instances are not
        what a check of a position reads)."""
        found: set[URIRef] = set()
        for chunk in _chunks(sorted(nodes, key=str)):
            paths = ["?s ?p ?o"]
            for level in range(1, BLANK_LEVELS + 1):
                steps = " . ".join(
                    f"?y{i} ?x{i + 1} ?y{i + 1} FILTER (isBlank(?y{i + 1}))"
                    for i in range(1, level)
                )
                paths.append(
                    f"?s ?x1 ?y1 FILTER (isBlank(?y1)) {steps} {'.' if steps else ''} "
                    f"?y{level} ?p ?o"
                )
            union = " UNION ".join(f"{{ VALUES ?s {{ {chunk} }} {path} }}" for path in paths)
            for row in self.target.select(f"SELECT DISTINCT ?p ?o WHERE {{ {union} }}"):
                predicate, value = row["p"], row["o"]
                found.add(URIRef(str(predicate)))
                if isinstance(value, URIRef) and predicate != RDF.type:
                    found.add(value)
        return found

    def incoming(self, nodes: Iterable[Node], predicates: Iterable[URIRef]) -> set[URIRef]:
        """Read the triples ``?x <predicate> node`` whose ``?x`` is named; returns every such
        ``?x`` of the working graph (the loaded files' triples included)."""
        wanted = tuple(predicates)
        named = {n for n in nodes if isinstance(n, URIRef)}
        fresh = sorted(
            {n for n in named if any((n, p) not in self.reversed for p in wanted)}, key=str
        )
        self.reversed.update((n, p) for n in fresh for p in wanted)
        for chunk in _chunks(fresh):
            # one branch per predicate, each a lookup by (predicate, object) in the indexes
            template = " . ".join(f"?x{i} <{p}> ?n" for i, p in enumerate(wanted))
            union = " UNION ".join(
                f"{{ VALUES ?n {{ {chunk} }} ?x{i} <{p}> ?n FILTER (isIRI(?x{i})) }}"
                for i, p in enumerate(wanted)
            )
            self._run(f"CONSTRUCT {{ {template} }} WHERE {{ {union} }}")
        return {
            subject
            for node in named
            for predicate in wanted
            for subject, _, _ in self.target.match(None, predicate, node)
            if isinstance(subject, URIRef)
        }

    def chains(self, nodes: Iterable[Node], predicate: URIRef) -> None:
        """Read every ``predicate`` triple on the chains of it that start at ``nodes``."""
        fresh = sorted(
            {n for n in nodes if isinstance(n, URIRef) and (n, predicate) not in self.chained},
            key=str,
        )
        self.chained.update((n, predicate) for n in fresh)
        for chunk in _chunks(fresh):
            self._run(
                f"CONSTRUCT {{ ?a <{predicate}> ?b }} WHERE {{ VALUES ?n {{ {chunk} }} "
                f"?n <{predicate}>* ?a . ?a <{predicate}> ?b }}"
            )

    def skill_chains(self, nodes: Iterable[Node]) -> None:
        """Read the skill links the closure follows (``skos:broader``, and ``skos:exactMatch``
        either way) on every chain of them that starts at ``nodes``."""
        broader, exact = f"<{SKOS.broader}>", f"<{SKOS.exactMatch}>"
        fresh = sorted(
            {
                n
                for n in nodes
                if isinstance(n, URIRef) and (n, SKOS.exactMatch) not in self.chained
            },
            key=str,
        )
        self.chained.update((n, SKOS.exactMatch) for n in fresh)
        for chunk in _chunks(fresh):
            self._run(
                f"CONSTRUCT {{ ?a {broader} ?b . ?c {exact} ?d }} WHERE {{ VALUES ?n {{ {chunk} }} "
                f"?n ({broader}|{exact}|^{exact})* ?a . "
                f"{{ ?a {broader} ?b }} UNION {{ ?a {exact} ?d BIND (?a AS ?c) }} "
                f"UNION {{ ?c {exact} ?a BIND (?a AS ?d) }} }}"
            )

    def label_twins(self, labels: Iterable[Literal]) -> None:
        """Read the named entities labelled with one of ``labels``, and their classes."""
        for chunk in _chunks(sorted(set(labels), key=lambda label: (str(label), label.language))):
            self._run(
                f"CONSTRUCT {{ ?o <{RDFS.label}> ?l . ?o a ?c }} WHERE {{ VALUES ?l {{ {chunk} }} "
                f"?o <{RDFS.label}> ?l ; a ?c FILTER (isIRI(?o)) }}"
            )

    def instances(self, classes: Iterable[URIRef]) -> set[URIRef]:
        """Read which named nodes are instances of ``classes``; returns those of the working
        graph (the loaded files' included)."""
        wanted = sorted(set(classes), key=str)
        for chunk in _chunks(wanted):
            self._run(
                f"CONSTRUCT {{ ?x a ?c }} WHERE {{ VALUES ?c {{ {chunk} }} ?x a ?c "
                "FILTER (isIRI(?x)) }"
            )
        return {
            subject
            for cls in wanted
            for subject, _, _ in self.target.match(None, RDF.type, cls)
            if isinstance(subject, URIRef)
        }

    def closed_sets(self) -> None:
        """Read the closed value sets (``owl:equivalentClass [ owl:oneOf ( ... ) ]``), each
        with its whole list in the one query (blank nodes keep one identity in it)."""
        self._run(
            f"CONSTRUCT {{ ?c <{OWL.equivalentClass}> ?e . ?e <{OWL.oneOf}> ?h . "
            f"?l <{RDF.first}> ?f . ?l <{RDF.rest}> ?r }} WHERE {{ "
            f"?c <{OWL.equivalentClass}> ?e . ?e <{OWL.oneOf}> ?h . "
            f"?h <{RDF.rest}>* ?l . ?l <{RDF.first}> ?f ; <{RDF.rest}> ?r }}"
        )

    def every(self, predicate: URIRef) -> None:
        """Read every triple of ``predicate`` (the class hierarchy: small)."""
        self._run(f"CONSTRUCT {{ ?s <{predicate}> ?o }} WHERE {{ ?s <{predicate}> ?o }}")


def focused_working_graph(
    graph: Graph, store: GraphStore, position: str, shapes: Graph
) -> tuple[WorkingGraph, StoreReader]:
    """The working graph for checking ``position`` (any id form): ``graph`` (the loaded
    files) and what a check of that position reads of ``store`` under ``shapes``, with
    the skill closure; and the reader, which tells how much was read."""
    target = OxigraphStore.in_memory()
    target.bulk_add(graph)
    working = WorkingGraph(target)
    reader = StoreReader(store, target)

    # the vocabulary a check judges values by (the references rule): small, read whole
    reader.every(RDFS.subClassOf)
    reader.every(RDFS.range)
    reader.closed_sets()
    # the rule catalogue, the reference sources (ESCO: not screened), and the instances a
    # shape asks for by class
    catalogue = reader.instances({CG.Rule, CG.ContentSource, *constant_classes(shapes)})
    start: set[Node] = set(catalogue)
    expanded = expand(position, "position")
    if expanded is not None:
        iri = URIRef(expanded)
        reader.describe({iri})
        reader.describe(reader.incoming({iri}, OWNERSHIP))
        owned = owned_entities(working, iri)
        reader.describe(owned)
        owners = reader.incoming(owned, OWNERSHIP)
        owners |= reader.incoming(owners, OWNERSHIP)
        start |= owned | owners
        # the owned entities' labels: the duplicate-label rule looks for them elsewhere
        reader.label_twins(
            label
            for node in owned
            for label in working.objects(node, RDFS.label)
            if isinstance(label, Literal)
        )
    frontier = start
    for _ in range(STEPS_OUT):
        frontier = reader.describe(frontier) | reader.incoming(frontier, LOOKED_UP)
    read = set(reader.described)
    reader.chains(read, ORG.reportsTo)
    reader.skill_chains(read)
    target.bulk_add(list(covers_skill_triples(working)))
    return working, reader


def _describe_query(nodes: str) -> str:
    """A CONSTRUCT of the triples of ``nodes`` and of the blank nodes below them, three
    levels deep: one branch per level, each starting from the listed nodes (so that every
    pattern is an index lookup from a bound subject)."""
    branches = ["?s ?p0 ?o0"]
    template = ["?s ?p0 ?o0"]
    for level in range(1, BLANK_LEVELS + 1):
        path = "?s ?x1 ?y1 . " + " ".join(
            f"FILTER (isBlank(?y{i})) ?y{i} ?x{i + 1} ?y{i + 1} ." for i in range(1, level)
        )
        blank = f"?y{level}"
        branches.append(f"{path} FILTER (isBlank({blank})) {blank} ?p{level} ?o{level}")
        template.append(f"{blank} ?p{level} ?o{level}")
    union = " UNION ".join(f"{{ VALUES ?s {{ {nodes} }} {branch} }}" for branch in branches)
    return f"CONSTRUCT {{ {' . '.join(template)} }} WHERE {{ {union} }}"


def constant_classes(shapes: Graph) -> set[URIRef]:
    """The classes the shapes' SPARQL queries ask for instances of by name
    (``?value a cg:AgreementRole``), resolved with the shapes graph's prefixes."""
    prefixes = {
        str(prefix): str(namespace)
        for declaration in shapes.objects(None, SH.declare)
        for prefix in shapes.objects(declaration, SH.prefix)
        for namespace in shapes.objects(declaration, SH.namespace)
    }
    prefixes.update({p: str(n) for p, n in shapes.namespaces()})
    found: set[URIRef] = set()
    for select in shapes.objects(None, SH.select):
        for name in _CONSTANT_CLASS.findall(str(select)):
            if name.startswith("<"):
                found.add(URIRef(name[1:-1]))
                continue
            prefix, _, local = name.partition(":")
            if prefix in prefixes:
                found.add(URIRef(prefixes[prefix] + local))
    return found


def _chunks(nodes: list[URIRef] | list[Literal]) -> Iterator[str]:
    """The nodes as SPARQL terms (written by oxigraph: escaped, never pasted), a chunk at a
    time; an IRI oxigraph refuses is in no store and is left out."""
    terms: list[str] = []
    for node in nodes:
        try:
            terms.append(str(to_oxigraph(node)))
        except (ValueError, TypeError):
            continue
    for start in range(0, len(terms), CHUNK):
        yield " ".join(terms[start : start + CHUNK])
