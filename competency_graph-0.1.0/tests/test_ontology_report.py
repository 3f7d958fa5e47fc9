"""The ontology's quality report, ODK style: each named SPARQL query in ontology/reports/
selects the problems of one kind, and any row fails.

The queries run on the shipped ontology (all modules merged, as Protégé opens it) and, to
show that each one finds what its name says, on a small fixture with exactly that defect
(loaded together with core.ttl, as a user's file is checked with the vocabulary).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.query import ResultRow

from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.namespaces import PREFIXES

from .conftest import FIXTURES, ONTOLOGY

REPORTS = sorted((ONTOLOGY / "reports").glob("*.rq"))
DEFECTS = FIXTURES / "ontology_report"

Row = tuple[str, str, str]


def short(term: object) -> str:
    """An IRI as ``prefix:local`` with the project's prefixes, anything else as its text."""
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
    return text


def run_report(graph: Graph, query: Path) -> list[Row]:
    """The rows (entity, property, value) the report ``query`` selects on ``graph``."""
    rows: list[Row] = []
    for row in graph.query(query.read_text(encoding="utf-8")):
        assert isinstance(row, ResultRow)
        entity, prop, value = (short(term) for term in row)
        rows.append((entity, prop, value))
    return rows


def test_the_report_has_one_query_per_kind_of_problem() -> None:
    assert [query.stem for query in REPORTS] == [
        "dangling-reference",
        "duplicate-label",
        "missing-definition",
        "missing-label",
        "missing-named-individual",
        "multiple-labels",
    ]


@pytest.mark.parametrize("query", REPORTS, ids=lambda path: path.stem)
def test_the_shipped_ontology_has_no_problem(shipped: LoadedGraph, query: Path) -> None:
    assert run_report(shipped.graph, query) == []


@pytest.mark.parametrize(
    ("report", "defect", "rows"),
    [
        (
            "dangling-reference",
            "dangling_reference.ttl",
            [("duty:prepare-reports", "cg:supportedBy", "skill:exel")],
        ),
        (
            "duplicate-label",
            "duplicate_label.ttl",
            [
                ("cg:agreed", "rdfs:label", "согласована"),
                ("cg:agreedOn", "rdfs:label", "согласована"),
            ],
        ),
        (
            "missing-definition",
            "missing_definition.ttl",
            [("cg:Assignment", "skos:definition", "ru")],
        ),
        ("missing-label", "missing_label.ttl", [("skill:ms-excel", "rdfs:label", "en")]),
        (
            "missing-named-individual",
            "missing_named_individual.ttl",
            [("skill:ms-excel", "rdf:type", "cg:Tool")],
        ),
        ("multiple-labels", "multiple_labels.ttl", [("skill:ms-excel", "rdfs:label", "en")]),
    ],
)
def test_each_report_finds_its_defect(report: str, defect: str, rows: list[Row]) -> None:
    loaded = load_files([ONTOLOGY / "core.ttl", DEFECTS / defect])
    assert run_report(loaded.graph, ONTOLOGY / "reports" / f"{report}.rq") == rows
