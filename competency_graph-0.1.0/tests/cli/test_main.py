"""The command group: located errors and exit 2, never a traceback; every command documented."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from competency_graph.cli.main import cli

from ..conftest import DOCS, FIXTURES, doc_page


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


def test_every_command_is_shown_with_an_example_in_the_docs() -> None:
    pages = "".join(doc_page(page.name) for page in sorted(DOCS.glob("*.md")))
    for name in cli.commands:
        assert f"$ competency-graph {name}" in pages, f"docs/ show no example of {name}"


def test_starting_the_cli_imports_no_optional_or_fallback_library() -> None:
    # matplotlib and python-docx are extras; pySHACL and owlready2 are needed only by a
    # shape the compiler does not take and by the reasoner
    probe = (
        "import sys, competency_graph.cli.main; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'matplotlib', 'docx', 'pyshacl', 'owlready2'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
