"""HermiT via owlready2: the shipped ontology is consistent, and a contradiction is caught."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from competency_graph.checking.backends.hermit import (
    ReasonerFailed,
    java_available,
    reasoned_over,
    run_hermit,
)
from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.namespaces import CG, ID_BASE

from ...conftest import FIXTURES

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(not java_available(), reason="HermiT needs java on PATH"),
]


def test_shipped_ontology_is_consistent_with_no_unsatisfiable_classes(
    shipped: LoadedGraph,
) -> None:
    result = run_hermit(shipped.graph)
    assert result.consistent
    assert result.unsatisfiable_classes == []


def test_an_individual_in_two_disjoint_skill_kinds_makes_the_ontology_inconsistent(
    shipped: LoadedGraph,
) -> None:
    broken = Graph()
    broken += shipped.graph
    broken += load_files([FIXTURES / "reasoning" / "skill_both_tool_and_language.ttl"]).graph
    result = run_hermit(broken)
    assert not result.consistent
    assert result.explanation


def test_a_class_below_two_disjoint_kinds_is_reported_unsatisfiable(
    shipped: LoadedGraph,
) -> None:
    broken = Graph()
    broken += shipped.graph
    broken += load_files([FIXTURES / "reasoning" / "class_below_disjoint_kinds.ttl"]).graph
    result = run_hermit(broken)
    assert result.consistent
    assert result.unsatisfiable_classes == ["https://example.org/ToolLanguage"]


def test_a_position_typed_as_a_skill_makes_the_ontology_inconsistent(
    shipped: LoadedGraph,
) -> None:
    broken = Graph()
    broken += shipped.graph
    broken += load_files([FIXTURES / "reasoning" / "position_typed_as_a_skill.ttl"]).graph
    result = run_hermit(broken)
    assert not result.consistent
    head = f"{ID_BASE}position/head-of-sales"
    assert result.culprits == [
        (
            head,
            f"<{head}> is an instance of both <{CG.Position}> and <{CG.Skill}>, which are disjoint",
        )
    ]


def test_a_property_pointing_at_the_wrong_kind_is_explained_on_the_statement(
    shipped: LoadedGraph,
) -> None:
    broken = Graph()
    broken += shipped.graph
    broken += load_files([FIXTURES / "reasoning" / "duty_supported_by_a_position.ttl"]).graph
    result = run_hermit(broken)
    assert not result.consistent
    duty, head = f"{ID_BASE}duty/count-the-cash", f"{ID_BASE}position/head-of-sales"
    assert result.culprits == [
        (
            duty,
            f"<{duty}> has <{head}> as <{CG.supportedBy}>, whose range is <{CG.Skill}>, "
            f"but <{head}> is a <{CG.Position}>, which is disjoint with <{CG.Skill}>",
        )
    ]
    assert result.culprits_ru == [
        (
            duty,
            f"у <{duty}> свойство <{CG.supportedBy}> указывает на <{head}>; значения "
            f"<{CG.supportedBy}> относятся к классу <{CG.Skill}>, а <{head}> относится к классу "
            f"<{CG.Position}>, который не пересекается с <{CG.Skill}>",
        )
    ]


def test_a_position_that_must_know_a_whole_code_is_consistent(shipped: LoadedGraph) -> None:
    # cg:mustKnow takes a norm or a code ("must know the Labour Code"); its range used to be
    # cg:LegalNorm alone, which is disjoint with cg:LegalCode
    graph = Graph()
    graph += shipped.graph
    graph.add(
        (
            URIRef(f"{ID_BASE}position/account-manager"),
            CG.mustKnow,
            URIRef(f"{ID_BASE}norm/labour-code"),
        )
    )
    assert run_hermit(graph).consistent


def test_hermit_reads_only_owl_2_datatypes() -> None:
    graph = Graph()
    vacancy = URIRef(ID_BASE + "vacancy/fixture")
    posted = URIRef("https://schema.org/datePosted")
    issued = URIRef("http://purl.org/dc/terms/issued")
    graph.add((vacancy, posted, Literal("2026-11-02", datatype=XSD.date)))
    graph.add((vacancy, issued, Literal("2026", datatype=XSD.gYear)))
    graph.add((vacancy, CG.seedOrdinal, Literal(3)))
    kept = reasoned_over(graph)
    assert set(kept) == {
        (vacancy, posted, Literal("2026-11-02T00:00:00", datatype=XSD.dateTime)),
        (vacancy, CG.seedOrdinal, Literal(3)),
    }


def test_a_hermit_failure_is_one_clear_line(
    shipped: LoadedGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import owlready2

    def crash(*args: object, **kwargs: object) -> None:
        raise owlready2.OwlReadyJavaError(
            'Java error message is:\nException in thread "main" '
            "java.lang.IllegalArgumentException: a literal HermiT cannot parse\n\tat org.x.Y"
        )

    monkeypatch.setattr(owlready2, "sync_reasoner_hermit", crash)
    with pytest.raises(ReasonerFailed) as caught:
        run_hermit(shipped.graph)
    assert str(caught.value) == (
        'owl-consistency: HermiT could not check the graph: Exception in thread "main" '
        "java.lang.IllegalArgumentException: a literal HermiT cannot parse"
    )
