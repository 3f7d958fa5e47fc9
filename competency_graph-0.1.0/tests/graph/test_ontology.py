"""Which ontology, JSON Schemas and example queries the program reads, and why: --ontology,
then $COMPETENCY_GRAPH_ONTOLOGY, then ontology/ from the current folder upwards, then the
packaged copy (in a source checkout or an editable install, the checkout's)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from competency_graph.errors import InputError
from competency_graph.graph import ontology
from competency_graph.graph.ontology import (
    ENV_VAR,
    OntologyLocation,
    entry_file,
    locate_examples,
    locate_ontology,
    locate_schemas,
    ontology_dir,
    set_ontology_dir,
    shapes_dir,
)

from ..conftest import ONTOLOGY, REPO


@pytest.fixture(autouse=True)
def no_choice_made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No --ontology, no environment variable, and a current folder with no ontology above."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    yield
    set_ontology_dir(None)


def a_clone(root: Path) -> Path:
    """A project folder holding a copy of the ontology and of the JSON Schemas."""
    shutil.copytree(ONTOLOGY, root / "ontology")
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def test_with_no_choice_the_installed_copy_is_read() -> None:
    # the tests run from a checkout (editable install): there is no packaged copy to read
    assert locate_ontology() == OntologyLocation(
        ONTOLOGY, "checkout", "the checkout of this editable install"
    )
    assert entry_file() == ONTOLOGY / "competency-graph.ttl"
    assert shapes_dir() == ONTOLOGY / "shapes"
    assert locate_schemas().path == REPO / "schema"
    assert locate_examples().path == REPO / "examples" / "queries"


def test_the_packaged_copy_wins_over_the_checkout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shipped = tmp_path / "_shipped"
    a_clone(shipped)
    (shipped / "examples" / "queries").mkdir(parents=True)
    monkeypatch.setattr(ontology, "SHIPPED_DIR", shipped)
    location = locate_ontology()
    assert (location.path, location.origin) == (shipped / "ontology", "package")
    assert location.reason.startswith("packaged with competency-graph ")
    assert locate_schemas().path == shipped / "schema"
    assert locate_examples().path == shipped / "examples" / "queries"


def test_an_ontology_folder_in_the_current_folder_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clone = a_clone(tmp_path / "clone")
    monkeypatch.chdir(clone)
    assert locate_ontology() == OntologyLocation(
        clone / "ontology", "working-folder", "found in the current folder"
    )
    assert locate_schemas() == OntologyLocation(
        clone / "schema", "working-folder", "beside the ontology, found in the current folder"
    )


def test_an_ontology_folder_above_the_current_folder_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clone = a_clone(tmp_path / "clone")
    deep = clone / "positions" / "sales"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert locate_ontology() == OntologyLocation(
        clone / "ontology", "working-folder", f"found in {clone}, above the current folder"
    )


def test_the_environment_variable_wins_over_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(a_clone(tmp_path / "clone"))
    other = a_clone(tmp_path / "other")
    monkeypatch.setenv(ENV_VAR, str(other / "ontology"))
    assert locate_ontology() == OntologyLocation(
        other / "ontology", "environment", f"from ${ENV_VAR}"
    )
    assert locate_schemas().path == other / "schema"


def test_the_option_wins_over_the_environment_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(a_clone(tmp_path / "clone"))
    monkeypatch.setenv(ENV_VAR, str(a_clone(tmp_path / "other") / "ontology"))
    chosen = a_clone(tmp_path / "chosen")
    set_ontology_dir(chosen / "ontology")
    assert locate_ontology() == OntologyLocation(
        chosen / "ontology", "option", "given with --ontology"
    )
    set_ontology_dir(None)
    assert locate_ontology().origin == "environment"


def test_a_relative_option_is_made_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a_clone(tmp_path / "clone")
    monkeypatch.chdir(tmp_path)
    set_ontology_dir(Path("clone/ontology"))
    monkeypatch.chdir(tmp_path / "clone")
    assert locate_ontology().path == tmp_path / "clone" / "ontology"


def test_an_ontology_without_schemas_beside_it_takes_the_installed_ones(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    shutil.copytree(ONTOLOGY, alone)
    set_ontology_dir(alone)
    assert locate_schemas().path == REPO / "schema"
    assert locate_examples().origin == "checkout"


def test_an_environment_variable_naming_no_ontology_folder_is_an_input_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(InputError) as raised:
        locate_ontology()
    assert str(raised.value) == (
        f"{tmp_path / 'missing'}: not an ontology folder (from ${ENV_VAR}): no such folder"
    )


def test_no_copy_anywhere_says_how_to_name_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ontology, "SHIPPED_DIR", tmp_path / "no-package")
    monkeypatch.setattr(ontology, "_CHECKOUT", tmp_path / "no-checkout")
    with pytest.raises(InputError) as raised:
        locate_ontology()
    assert str(raised.value) == (
        f"cannot find the shipped ontology (neither {tmp_path / 'no-package' / 'ontology'} "
        f"nor {tmp_path / 'no-checkout' / 'ontology'} exists); pass --ontology DIR or set "
        f"${ENV_VAR} to the ontology folder"
    )


def test_a_location_shows_its_path_and_reason() -> None:
    location = OntologyLocation(Path("/srv/ontology"), "environment", f"from ${ENV_VAR}")
    assert str(location) == f"/srv/ontology (from ${ENV_VAR})"
    assert location.as_json() == {
        "path": "/srv/ontology",
        "origin": "environment",
        "reason": f"from ${ENV_VAR}",
    }


# -- set_ontology_dir: what --ontology DIR does ---------------------------------------------
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
