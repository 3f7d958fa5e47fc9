"""Shared fixtures: the shipped graph is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from competency_graph.loading import LoadedGraph, load_graph

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ONTOLOGY = REPO / "ontology"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shipped() -> LoadedGraph:
    """The shipped ontology with every import resolved."""
    return load_graph()


@pytest.fixture()
def runner() -> CliRunner:
    """A click runner that keeps stderr apart from stdout."""
    return CliRunner()
