"""The command line: output, exit codes and located errors (never a traceback)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from competency_graph.cli import cli
from competency_graph.loading import LoadedGraph
from competency_graph.stats import compute_stats

from .conftest import FIXTURES, ONTOLOGY, REPO


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


def test_malformed_file_gives_a_located_error_and_exit_2(runner: CliRunner) -> None:
    bad = FIXTURES / "loading" / "turtle_missing_dot.ttl"
    result = runner.invoke(cli, ["stats", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {bad}:5:1: malformed Turtle: expected '.' or '}}' or ']' at end of statement"
    )
    assert "Traceback" not in result.output


def test_missing_file_gives_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats", "nowhere.ttl"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: nowhere.ttl: no such file"


def test_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.stderr


def test_every_command_is_documented_in_the_readme_with_an_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"`{name}`" in readme or f"competency-graph {name}`" in readme, (
            f"README has no section for {name}"
        )
        assert f"$ competency-graph {name}" in readme, f"README shows no example of {name}"
