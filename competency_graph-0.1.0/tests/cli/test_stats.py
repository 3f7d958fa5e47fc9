"""``stats``: counts per concept, as a table or JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from competency_graph.cli.main import cli
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.stats import compute_stats

from ..conftest import FIXTURES, ONTOLOGY, doc_page


def test_stats_prints_every_concept_with_its_count(runner: CliRunner, shipped: LoadedGraph) -> None:
    result = runner.invoke(cli, ["stats"])
    assert result.exit_code == 0, result.output
    expected = compute_stats(shipped.graph)
    assert f"{len(shipped.files)} files, {expected.triples} triples" in result.output
    for name, count in expected.rows():
        row = next(line for line in result.output.splitlines() if f" {name.strip()} " in line)
        assert row.rstrip(" │").endswith(f" {count}"), row


def test_stats_json_is_machine_readable(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "stats",
            "--no-ontology",
            "--format",
            "json",
            str(ONTOLOGY / "core.ttl"),
            str(FIXTURES / "stats" / "two_positions_one_skill.ttl"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["positions"] == 2
    assert data["tools"] == 1
    assert data["ontology"] is None


def test_stats_names_the_ontology_it_read_and_why(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPETENCY_GRAPH_ONTOLOGY", str(ONTOLOGY))
    as_json = runner.invoke(cli, ["stats", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["ontology"] == {
        "path": str(ONTOLOGY),
        "origin": "environment",
        "reason": "from $COMPETENCY_GRAPH_ONTOLOGY",
    }
    monkeypatch.chdir(ONTOLOGY)  # a path under the current folder is shown relative to it
    as_text = runner.invoke(cli, ["stats"])
    assert as_text.stdout.splitlines()[0] == "ontology: . (from $COMPETENCY_GRAPH_ONTOLOGY)"
    option = runner.invoke(cli, ["stats", "--ontology", str(ONTOLOGY)])
    assert option.stdout.splitlines()[0] == "ontology: . (given with --ontology)"
    no_ontology = runner.invoke(cli, ["stats", "--no-ontology", str(ONTOLOGY / "core.ttl")])
    assert no_ontology.stdout.splitlines()[0] == "ontology: not loaded (--no-ontology)"


def test_the_checking_guide_shows_what_stats_prints(runner: CliRunner) -> None:
    shown = doc_page("checking.md").split("$ competency-graph stats\n", 1)[1].split("```", 1)[0]
    result = runner.invoke(cli, ["stats"])
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == shown.splitlines()
