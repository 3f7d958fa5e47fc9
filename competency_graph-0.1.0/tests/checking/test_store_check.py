"""The checker over a store (``check --store``) gives the report the loaded files give.

The invalid examples are put in a small oxigraph store and checked with the shipped
ontology loaded beside it; every violation (rule, severity, message, focus and value with
their labels, fix, source) and every position check must equal those of the same examples
loaded as files. Only the location differs: triples in a store have no file and line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from competency_graph.checking.backends import hermit
from competency_graph.checking.engine import Checker
from competency_graph.checking.report import Violation
from competency_graph.graph.files import load_graph
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers.esco import ImportResult
from competency_graph.namespaces import CG

from .test_engine import INVALID_EXAMPLES, NEEDS_REASONER, SEED_VACANCIES

#: the Turtle examples (a store holds RDF, not YAML job descriptions)
EXAMPLES = [
    p for p in INVALID_EXAMPLES if p.suffix == ".ttl" and p.parent.name not in NEEDS_REASONER
] + [SEED_VACANCIES]


def _stored(paths: list[Path], folder: Path) -> OxigraphStore:
    """An on-disk oxigraph store holding exactly the triples of ``paths``."""
    store = OxigraphStore(ox.Store(str(folder)))
    store.insert(load_graph(paths, include_shipped=False).graph)
    return store


def _without_location(violations: list[Violation]) -> list[Violation]:
    return [replace(v, location=None) for v in violations]


@pytest.fixture(scope="module")
def checkers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Checker, Checker]:
    from_files = Checker(load_graph(EXAMPLES))
    store = _stored(EXAMPLES, tmp_path_factory.mktemp("store") / "examples.store")
    from_store = Checker(load_graph(), store=store)
    return from_files, from_store


def test_the_store_backed_check_reports_exactly_what_the_files_report(
    checkers: tuple[Checker, Checker],
) -> None:
    from_files, from_store = checkers
    files_report = from_files.check_graph(reasoner=False)
    store_report = from_store.check_graph(reasoner=False)
    assert len(files_report.violations) > 150
    assert {v.rule_id for v in files_report.violations} == (
        set(from_files.catalogue) - NEEDS_REASONER
    )
    assert _without_location(store_report.violations) == _without_location(files_report.violations)
    assert store_report.rules_run == files_report.rules_run


def test_each_position_check_over_the_store_equals_the_one_over_the_files(
    checkers: tuple[Checker, Checker],
) -> None:
    from_files, from_store = checkers
    positions = sorted(
        str(node)
        for node in from_files.loaded.graph.subjects(None, CG.Position)
        if isinstance(node, URIRef) and "/position/example-" in str(node)
    )
    assert len(positions) > 20
    for position in positions:
        files_report = from_files.check_position(position)
        store_report = from_store.check_position(position)
        assert _without_location(store_report.violations) == _without_location(
            files_report.violations
        ), position


def test_owl_consistency_above_the_size_limit_is_skipped_with_a_note(
    monkeypatch: pytest.MonkeyPatch, checkers: tuple[Checker, Checker]
) -> None:
    _, from_store = checkers
    monkeypatch.setattr(hermit, "REASONER_TRIPLE_LIMIT", 1000)
    report = from_store.check_graph(rules=["owl-consistency", "labels"])
    assert report.rules_run == ["labels"]
    assert not report.reasoner_used
    (note,) = report.notes
    assert note.startswith("owl-consistency not run: ")
    assert "is beyond what HermiT checks in reasonable time (limit 1,000;" in note


def test_a_position_check_on_esco_reports_no_noise_of_languages_esco_does_not_carry(
    esco_import: ImportResult,
) -> None:
    checker = Checker(load_graph(), store=OxigraphStore.open(esco_import.store))
    occupation = "http://data.europa.eu/esco/occupation/f4b4fb1d-0224-4e6b-b7c9-84bcf133be00"
    report = checker.check_position(occupation)
    assert report.violations == []
    assert "labels" in report.rules_run and "discriminatory-wording" in report.rules_run
