"""A position's check reads of a store only what it needs, and answers as over the whole store.

The invalid examples (one defect per position) are put in an on-disk oxigraph store beside a
filler of unrelated skills; each position is checked by a checker that read the whole store
and by one that read only what the position's check reads (:mod:`.focus`): the reports
must be equal, and the focused read must never take the store whole.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from competency_graph.budget import BudgetExceeded, time_budget
from competency_graph.checking.engine import Checker
from competency_graph.checking.focus import constant_classes, focused_working_graph
from competency_graph.checking.shapes import shipped_shapes
from competency_graph.graph.files import LoadedGraph, load_graph
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.graph.stores.sparql import SparqlEndpoint
from competency_graph.graph.terms import Triple
from competency_graph.namespaces import CG

from ..sparql_support import store_endpoint
from .test_store_check import EXAMPLES

POSITION = "https://w3id.org/competency-graph/id/position/"
#: skills no example refers to: what a focused read must leave in the store
FILLER_SKILLS = 2000
FILLER = "https://example.org/filler/skill-"


class NoBulkReads(OxigraphStore):
    """An on-disk store that refuses to be read whole (what a focused check must not do)."""

    def triples(self) -> Iterator[Triple]:
        raise AssertionError("the whole store was read")

    def load_into(self, target: OxigraphStore) -> None:
        raise AssertionError("the whole store was copied")


def _filler() -> Graph:
    """Skills in a hierarchy, none of them named by an example."""
    graph = Graph()
    for i in range(FILLER_SKILLS):
        skill = URIRef(f"{FILLER}{i}")
        graph.add((skill, RDF.type, CG.Skill))
        graph.add((skill, RDFS.label, Literal(f"filler skill {i}", lang="en")))
        if i:
            graph.add((skill, SKOS.broader, URIRef(f"{FILLER}{i // 2}")))
    return graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> NoBulkReads:
    """The examples and the filler in an on-disk oxigraph store."""
    folder = tmp_path_factory.mktemp("store") / "examples.store"
    found = NoBulkReads(ox.Store(str(folder)))
    found.insert(load_graph(EXAMPLES, include_shipped=False).graph)
    found.insert(_filler())
    return found


@pytest.fixture(scope="module")
def loaded() -> LoadedGraph:
    return load_graph()


@pytest.fixture(scope="module")
def whole(store: NoBulkReads, loaded: LoadedGraph) -> Checker:
    """A checker over every triple of the store (copied through the base class)."""
    copy = OxigraphStore.in_memory()
    OxigraphStore.load_into(store, copy)
    return Checker(loaded, store=copy)


def _positions() -> list[str]:
    graph = load_graph(EXAMPLES, include_shipped=False).graph
    return sorted(
        str(node)
        for node in graph.subjects(RDF.type, CG.Position)
        if isinstance(node, URIRef) and str(node).startswith(f"{POSITION}example-")
    )


POSITIONS = _positions()
#: the positions compared here: at least one per kind of read (reporting chains, a standard
#: position's description, label twins, drafts pointing at an entity, skill closures,
#: restrictions of a category, closed value sets, the vocabulary); every one of the 41 gave
#: equal reports when this was written, at about 2 s each
COMPARED = [
    "example-age-beyond-permitted",
    "example-cashier-upper-age",
    "example-closed-set-typos",
    "example-cycle",
    "example-cycle-team-lead",
    "example-duplicate",
    "example-english-wording",
    "example-full-liability",
    "example-late-agreement",
    "example-misspelt-terms",
    "example-no-substitute",
    "example-outside-category",
    "example-russian-draft",
    "example-specialised",
    "example-uncovered-duty",
    "example-unused-requirement",
]


def test_the_compared_positions_are_example_positions() -> None:
    assert len(POSITIONS) == 41
    assert {f"{POSITION}{name}" for name in COMPARED} <= set(POSITIONS)


@pytest.mark.parametrize("name", COMPARED)
def test_a_focused_check_reports_what_the_check_over_the_whole_store_reports(
    name: str, store: NoBulkReads, loaded: LoadedGraph, whole: Checker
) -> None:
    position = f"{POSITION}{name}"
    focused = Checker(loaded, store=store, around=position)
    expected = whole.check_position(position)
    assert focused.check_position(position).violations == expected.violations
    # the filler (6,000 triples) stays in the store: none of its triples is read
    assert not [s for s, _, _ in focused.working.store.match(None, None, None) if FILLER in s]


def test_a_focused_check_over_an_endpoint_sends_small_queries_and_reports_the_same(
    store: NoBulkReads, loaded: LoadedGraph, whole: Checker
) -> None:
    position = f"{POSITION}example-specialised"
    with store_endpoint(store._store) as endpoint:
        focused = Checker(loaded, store=SparqlEndpoint(endpoint.url), around=position)
        report = focused.check_position(position)
    assert report.violations == whole.check_position(position).violations
    assert focused.reader is not None
    assert len(endpoint.queries) == focused.reader.queries
    # every query starts from named nodes, but those reading the vocabulary whole
    vocabulary = ("subClassOf", "rdf-schema#range", "owl#oneOf")
    assert [
        q for q in endpoint.queries if "VALUES" not in q and not any(v in q for v in vocabulary)
    ] == []
    assert "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" not in endpoint.queries


def test_the_skills_a_description_names_come_with_their_whole_broader_chain(
    store: NoBulkReads,
) -> None:
    """A description needing filler skill 1000 reads its 10 ancestors, not the 2,000."""
    graph = Graph()
    position = URIRef(f"{POSITION}needs-filler")
    requirement = URIRef(f"{POSITION}needs-filler/requirement")
    graph.add((position, RDF.type, CG.Position))
    graph.add((position, CG.hasRequirement, requirement))
    graph.add((requirement, CG.requiredSkill, URIRef(f"{FILLER}1000")))
    working, _ = focused_working_graph(graph, store, str(position), shipped_shapes().graph)
    covered = {str(o) for o in working.objects(URIRef(f"{FILLER}1000"), CG.coversSkill)}
    assert covered == {f"{FILLER}{i}" for i in (1000, 500, 250, 125, 62, 31, 15, 7, 3, 1, 0)}
    assert len(working.subjects(RDF.type, CG.Skill)) < 100


def test_a_skill_comes_with_its_exact_matches_and_their_broader_chains() -> None:
    """A required skill that a filler skill points at with skos:exactMatch covers it and
    its ancestors, read from the store as the closure crosses the link the other way."""
    ours = URIRef(f"{POSITION}needs-match/skill")
    store = OxigraphStore.in_memory()
    store.insert(_filler())
    link = Graph()
    link.add((URIRef(f"{FILLER}1000"), SKOS.exactMatch, ours))
    store.insert(link)
    graph = Graph()
    position = URIRef(f"{POSITION}needs-match")
    requirement = URIRef(f"{POSITION}needs-match/requirement")
    graph.add((position, RDF.type, CG.Position))
    graph.add((position, CG.hasRequirement, requirement))
    graph.add((requirement, CG.requiredSkill, ours))
    working, _ = focused_working_graph(graph, store, str(position), shipped_shapes().graph)
    covered = {str(o) for o in working.objects(ours, CG.coversSkill)}
    chain = {f"{FILLER}{i}" for i in (1000, 500, 250, 125, 62, 31, 15, 7, 3, 1, 0)}
    assert covered == {str(ours)} | chain


def test_the_classes_the_shipped_shapes_ask_instances_of() -> None:
    assert constant_classes(shipped_shapes().graph) == {
        CG.AgreementRole,
        CG.ContentSource,
        CG.ProtectedAttribute,
    }


def test_a_focused_check_checks_its_position_only(store: NoBulkReads, loaded: LoadedGraph) -> None:
    focused = Checker(loaded, store=store, around=f"{POSITION}example-cycle")
    with pytest.raises(ValueError, match="example-cycle"):
        focused.check_graph(reasoner=False)
    with pytest.raises(ValueError, match="example-cycle"):
        focused.check_position(f"{POSITION}example-fine")


def test_reading_the_store_stops_when_the_time_budget_is_spent(
    store: NoBulkReads, loaded: LoadedGraph
) -> None:
    with time_budget(0), pytest.raises(BudgetExceeded):
        Checker(loaded, store=store, around=f"{POSITION}example-cycle")


def test_an_empty_store_adds_nothing() -> None:
    working, reader = focused_working_graph(
        Graph(), OxigraphStore.in_memory(), "position:nothing", shipped_shapes().graph
    )
    assert len(working) == 0
    assert reader.triples_read == 0
