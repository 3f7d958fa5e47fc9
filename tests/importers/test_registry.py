"""The importer registry: names, the default importer by suffix, and reading through it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, SourceLocation, load_graph
from competency_graph.importers.registry import (
    IMPORTERS,
    Imported,
    default_importer_for_file,
    importer_named,
    read_file,
)
from competency_graph.model.readmodel import build_read_model

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLERK = FIXTURES / "jd_input" / "sales-clerk.yaml"
SMALL_MODEL = FIXTURES / "jd_input" / "small-model.ttl"
ID = "https://w3id.org/competency-graph/id/"


@pytest.mark.parametrize(
    ("name", "importer"),
    [
        ("clerk.yaml", "job-description"),
        ("clerk.YML", "job-description"),
        ("clerk.json", "job-description"),
        ("positions.ttl", "rdf"),
        ("positions.nt", "rdf"),
        ("ontology.owl", "rdf"),
        ("data.jsonld", "rdf"),  # JSON-LD in general; job postings are asked for by name
    ],
)
def test_the_default_importer_goes_by_suffix(name: str, importer: str) -> None:
    assert default_importer_for_file(Path(name)).name == importer


def test_a_suffix_no_importer_reads_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(InputError) as raised:
        default_importer_for_file(Path("staff.csv"))
    assert str(raised.value) == (
        "staff.csv: unknown file type '.csv' (known: .json, .jsonld, .n3, .nq, .nt, .ntriples, "
        ".owl, .rdf, .trig, .ttl, .turtle, .xml, .yaml, .yml)"
    )


def test_no_two_importers_claim_a_suffix() -> None:
    suffixes = [s for importer in IMPORTERS.values() for s in importer.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(s == s.lower() and s.startswith(".") for s in suffixes)


def test_every_entry_names_a_function_and_readers_come_before_those_that_need_them() -> None:
    for importer in IMPORTERS.values():
        module, _, function = importer.entry.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), importer.name
    order = [importer.needs_model for importer in IMPORTERS.values() if importer.target == "graph"]
    assert order == sorted(order)  # what resolves references reads after what it refers to


def test_an_unknown_importer_name_suggests_the_closest() -> None:
    assert importer_named("esco").target == "store"
    with pytest.raises(InputError) as raised:
        importer_named("escoo")
    assert str(raised.value) == (
        "unknown importer 'escoo' (did you mean 'esco'?) "
        "(known: rdf, job-posting, job-description, esco)"
    )


def test_files_are_read_by_suffix_or_by_the_importer_named(tmp_path: Path) -> None:
    model = build_read_model(load_graph([SMALL_MODEL]).graph)
    described = read_file(CLERK, model)
    assert described.described == (ID + "position/sales-clerk",)
    clerk = URIRef(ID + "position/sales-clerk")
    assert described.locations[clerk] == SourceLocation(str(CLERK), 3, 3, "position")
    posting = tmp_path / "board.json"
    posting.write_text('{"@id": "vacancy:x", "@type": "JobPosting"}', encoding="utf-8")
    vacancies = read_file(posting, importer="job-posting")
    assert vacancies.described == ()
    assert (URIRef(ID + "vacancy/x"), None, None) in vacancies.graph
    rdf = read_file(SMALL_MODEL)
    assert rdf.locations[URIRef(ID + "skill/ms-excel")] == SourceLocation(str(SMALL_MODEL), 17)


def test_a_job_description_without_a_model_is_refused() -> None:
    with pytest.raises(InputError, match="needs the ontology it refers to"):
        read_file(CLERK)


def test_store_and_file_importers_refuse_the_other_use(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the esco importer writes a store"):
        importer_named("esco").read(tmp_path / "esco")
    with pytest.raises(InputError, match="the rdf importer reads files"):
        importer_named("rdf").import_into_store(SMALL_MODEL, tmp_path / "store")


def test_the_esco_importer_writes_a_store_through_the_registry(tmp_path: Path) -> None:
    result = importer_named("esco").import_into_store(
        FIXTURES / "esco" / "published", tmp_path / "esco.store", progress=False
    )
    assert result.triples == 56
    assert result.summary().startswith("imported 2 occupations, 3 skills, ")


def test_what_was_imported_is_merged_with_its_lines_winning(tmp_path: Path) -> None:
    subject = URIRef(ID + "position/clerk")
    loaded = LoadedGraph(Graph(), [Path("a.ttl")], {subject: SourceLocation("a.ttl", 9)})
    triples = Graph().add((subject, RDFS.label, Literal("Clerk", lang="en")))
    Imported(triples, "clerk.yaml", {subject: SourceLocation("clerk.yaml", 3)}).add_to(loaded)
    assert len(loaded.graph) == 1
    assert loaded.files == [Path("a.ttl"), Path("clerk.yaml")]
    assert loaded.locations == {subject: SourceLocation("clerk.yaml", 3)}
