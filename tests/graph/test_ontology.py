"""Where the ontology is read from: the shipped folder, or the one set_ontology_dir names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from competency_graph.errors import InputError
from competency_graph.graph.ontology import (
    entry_file,
    ontology_dir,
    set_ontology_dir,
    shapes_dir,
)

from ..conftest import ONTOLOGY


@pytest.fixture()
def own_ontology(tmp_path: Path) -> Iterator[Path]:
    """A folder holding an (empty) entry file, set back to the shipped one afterwards."""
    (tmp_path / "competency-graph.ttl").write_text("", encoding="utf-8")
    yield tmp_path
    set_ontology_dir(None)


def test_the_shipped_folder_is_the_project_ontology() -> None:
    assert ontology_dir() == ONTOLOGY
    assert entry_file() == ONTOLOGY / "competency-graph.ttl"


def test_a_folder_set_is_used_until_set_back(own_ontology: Path) -> None:
    assert set_ontology_dir(own_ontology) is None
    assert (ontology_dir(), entry_file(), shapes_dir()) == (
        own_ontology,
        own_ontology / "competency-graph.ttl",
        own_ontology / "shapes",
    )
    assert set_ontology_dir(None) == own_ontology
    assert ontology_dir() == ONTOLOGY


def test_the_folder_set_wins_over_the_environment(
    own_ontology: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPETENCY_GRAPH_ONTOLOGY", str(own_ontology / "elsewhere"))
    set_ontology_dir(own_ontology)
    assert ontology_dir() == own_ontology


def test_a_folder_without_the_entry_file_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        set_ontology_dir(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: not an ontology folder: no competency-graph.ttl in this folder"
    )
    with pytest.raises(InputError) as caught:
        set_ontology_dir(tmp_path / "absent")
    assert str(caught.value) == f"{tmp_path / 'absent'}: not an ontology folder: no such folder"
    assert ontology_dir() == ONTOLOGY
