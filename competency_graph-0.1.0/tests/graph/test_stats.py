"""Entity counts per concept."""

from __future__ import annotations

from rdflib import Graph

from competency_graph.graph.files import LoadedGraph, load_files
from competency_graph.graph.stats import compute_stats

from ..conftest import FIXTURES, ONTOLOGY, shipped_rule_ids


def test_counts_include_subclasses_and_skill_kinds() -> None:
    loaded = load_files(
        [ONTOLOGY / "core.ttl", FIXTURES / "stats" / "two_positions_one_skill.ttl"],
        follow_imports=False,
    )
    counts = compute_stats(loaded.graph).counts
    assert counts["positions"] == 2  # the standard position counts as a position too
    assert counts["standard_positions"] == 1
    assert counts["skills"] == 1
    assert counts["tools"] == 1
    assert counts["languages"] == 0
    assert counts["vacancies"] == 0


def test_shipped_counts_agree_with_a_sparql_count(shipped: LoadedGraph) -> None:
    counts = compute_stats(shipped.graph).counts
    graph: Graph = shipped.graph

    def sparql_count(cls: str) -> int:
        rows = graph.query(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a/rdfs:subClassOf* {cls} }}"
        )
        return int(next(iter(rows))[0])  # type: ignore[index]

    assert counts["positions"] == sparql_count("cg:Position") >= 10
    assert counts["duties"] == sparql_count("cg:Duty") >= 20
    assert counts["skills"] == sparql_count("cg:Skill") >= 80
    assert counts["legal_norms"] == sparql_count("cg:LegalNorm") >= 12
    assert counts["rules"] == sparql_count("cg:Rule") == len(shipped_rule_ids())
