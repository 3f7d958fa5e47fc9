"""A job description exported to YAML reads back into the same statements: every shipped one,
a small one with items of its own, and whatever text its fields hold."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.importers.inputs import load_inputs
from competency_graph.importers.job_description import job_description_from_mapping
from competency_graph.importers.revision import description_subgraph
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import CG, ID_BASE
from competency_graph.rendering.job_description_yaml import (
    Reference,
    dump_job_description,
    export_job_description,
)

from ..conftest import FIXTURES, ONTOLOGY

JD_INPUT = FIXTURES / "jd_input"
SHIPPED_POSITIONS = sorted(
    str(position)
    for position in Graph().parse(ONTOLOGY / "positions.ttl").objects(None, CG.describes)
)
CLERK = f"{ID_BASE}position/sales-clerk"


def iri(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID_BASE}{kind}/{slug}")


@pytest.fixture(scope="module")
def shipped_model(shipped: LoadedGraph) -> ReadModel:
    return build_read_model(shipped.graph)


@pytest.fixture()
def clerk_graph() -> Graph:
    """core.ttl, the small model and the sales clerk's description (sales-clerk.ttl)."""
    return (
        Graph()
        .parse(ONTOLOGY / "core.ttl")
        .parse(JD_INPUT / "small-model.ttl")
        .parse(JD_INPUT / "sales-clerk.ttl")
    )


def ground(graph: Graph) -> set[tuple[object, object, object]]:
    """The statements without blank nodes (comparable as a set, unlike the whole graph)."""
    return {t for t in graph if not any(isinstance(term, BNode) for term in t)}


@pytest.mark.parametrize("position", SHIPPED_POSITIONS, ids=lambda p: p.rsplit("/", 1)[-1])
def test_every_shipped_description_reads_back_into_an_isomorphic_graph(
    position: str, shipped: LoadedGraph, shipped_model: ReadModel, tmp_path: Path
) -> None:
    exported = export_job_description(shipped.graph, position, shipped_model)
    assert (len(exported.lost), len(exported.added)) == (0, 0)
    path = tmp_path / "edition.yaml"
    path.write_text(exported.text, encoding="utf-8")
    again = load_inputs([path])  # the file is a new edition of the shipped description
    original = description_subgraph(shipped.graph, URIRef(position))
    assert len(original) > 50
    assert isomorphic(description_subgraph(again.graph, URIRef(position)), original)
    # and replacing the shipped description with its export changes nothing else
    assert ground(again.graph) == ground(shipped.graph)
    assert len(again.graph) == len(shipped.graph)


def test_a_description_with_items_of_its_own_writes_them_out(clerk_graph: Graph) -> None:
    exported = export_job_description(clerk_graph, CLERK)
    assert exported.notes() == []
    data = exported.data
    assert data["position"]["id"] == "sales-clerk"
    assert data["version"] == "1.10"
    assert "title" not in data  # the reader makes up the same one
    assert data["requirements"][:2] == [
        "requirement:higher-education",
        {"skill": "skill:ms-excel", "level": "confident user"},
    ]
    (own_duty,) = [duty for duty in data["duties"] if isinstance(duty, dict)]
    assert own_duty == {
        "id": "reports",
        "label": {"ru": "Подготовка отчётов о продажах", "en": "Preparing sales reports"},
        "supported_by": ["skill:ms-excel"],
        "function": "function:sales",
    }
    assert data["approval"] == {
        "by": "position:head-of-organisation",
        "name": "Орлов А. В.",
        "date": "2026-03-10T09:30",
    }
    assert data["familiarisation"] == [{"name": "Егорова Н. С.", "date": "2026-03-12"}]


def test_references_name_their_label_in_a_comment_and_choices_fit_one_line(
    clerk_graph: Graph,
) -> None:
    text = export_job_description(clerk_graph, CLERK).text
    assert "  - duty:handle-complaints  # Работа с претензиями\n" in text
    assert "    sanctions: [remark, reprimand]\n" in text
    assert "  id: sales-clerk\n" in text
    assert 'version: "1.10"\n' in text  # not the number 1.1


def test_what_the_format_cannot_hold_is_named_not_dropped(clerk_graph: Graph) -> None:
    jd = iri("job-description", "sales-clerk")
    clerk_graph.add((jd, RDFS.label, Literal("Second English title", lang="en")))
    clerk_graph.add((jd, RDFS.comment, Literal("a comment")))
    assert export_job_description(clerk_graph, CLERK).notes() == [
        "the YAML file of position:sales-clerk does not keep 2 statements: "
        'jd:sales-clerk rdfs:comment "a comment"; '
        'jd:sales-clerk rdfs:label "Second English title"@en'
    ]


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "1.0",
        "a: b",
        "#hash",
        "- dash",
        "Белова Е. С.",
        "line\nbreak",
        " lead",
        "null",
        "'q'",
    ],
)
def test_any_text_reads_back_as_written(text: str, clerk_graph: Graph) -> None:
    model = build_read_model(clerk_graph)
    data = {
        "position": {"id": "clerk", "label": {"ru": text}},
        "status": "draft",
        "duties": [{"label": {"ru": text, "en": text}}],
    }
    read = yaml.safe_load(dump_job_description(data))
    graph = job_description_from_mapping(read, model)
    assert set(graph.objects(iri("duty", "clerk-1"), RDFS.label)) == {
        Literal(text, lang="ru"),
        Literal(text, lang="en"),
    }


def test_a_reference_keeps_its_label_as_a_comment() -> None:
    reference = Reference("skill:crm", "CRM-системы")
    assert (reference, reference.comment) == ("skill:crm", "CRM-системы")
    text = dump_job_description(
        {"position": {"id": "x", "label": {"ru": "Икс"}}, "duties": [reference]}
    )
    assert text.endswith("duties:\n  - skill:crm  # CRM-системы\n")


def test_a_date_with_a_time_keeps_it(clerk_graph: Graph) -> None:
    jd = iri("job-description", "sales-clerk")
    (signature,) = clerk_graph.objects(jd, CG.familiarisedBy)
    clerk_graph.set((signature, CG.date, Literal("2026-03-12T14:05:30", datatype=XSD.dateTime)))
    data = export_job_description(clerk_graph, CLERK).data
    assert data["familiarisation"] == [{"name": "Егорова Н. С.", "date": "2026-03-12T14:05:30"}]


def test_what_cannot_be_exported_is_an_input_error(
    shipped: LoadedGraph, shipped_model: ReadModel
) -> None:
    cases = {
        f"{ID_BASE}position/head-of-sales": (
            "position:head-of-sales has no job description to export"
        ),
        f"{ID_BASE}position/nobody": "unknown position 'position:nobody'",
        "http://example.org/x": "cannot export http://example.org/x: a YAML file names its "
        "position position:<slug>, and this IRI has no such form",
    }
    for position, message in cases.items():
        with pytest.raises(InputError) as caught:
            export_job_description(shipped.graph, position, shipped_model)
        assert caught.value.message == message
