"""Writing a store all or nothing: the scratch folder, the rename, replacing, progress, and
the leftovers of imports killed outright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from competency_graph.atomic import lock
from competency_graph.errors import InputError
from competency_graph.importers.store_writer import (
    check_target,
    is_store,
    progress_bar,
    remove_interrupted_imports,
    write_store,
)

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def quads(*names: str) -> list[ox.Quad]:
    return [
        ox.Quad(ox.NamedNode(f"https://example.org/{name}"), LABEL, ox.Literal(name))
        for name in names
    ]


def labels(store: Path) -> list[str]:
    opened = ox.Store.read_only(str(store))
    return sorted(quad.object.value for quad in opened)


def test_the_quads_are_written_and_counted_and_no_scratch_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out" / "hr.store"
    assert write_store(target, quads("a", "b", "c")) == 3
    assert labels(target) == ["a", "b", "c"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["hr.store"]


def test_a_failure_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    def failing() -> Iterator[ox.Quad]:
        yield from quads("a")
        raise InputError("row 2: malformed row", "occupations.csv")

    with pytest.raises(InputError, match="row 2"):
        write_store(tmp_path / "hr.store", failing())
    assert list(tmp_path.iterdir()) == []


def test_an_existing_store_is_replaced_only_with_force_and_only_when_complete(
    tmp_path: Path,
) -> None:
    target = tmp_path / "hr.store"
    write_store(target, quads("old"))
    with pytest.raises(InputError) as raised:
        write_store(target, quads("new"))
    assert str(raised.value) == f"{target}: already exists (give --force to replace it)"

    def failing() -> Iterator[ox.Quad]:
        yield from quads("new")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_store(target, failing(), force=True)
    assert labels(target) == ["old"]
    assert write_store(target, quads("new"), force=True) == 1
    assert labels(target) == ["new"]
    assert [p.name for p in tmp_path.iterdir()] == ["hr.store"]


def test_a_folder_that_is_not_a_store_is_never_replaced(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "cv.docx").write_bytes(b"keep me")
    assert not is_store(documents)
    with pytest.raises(InputError) as raised:
        check_target(documents, force=True)
    assert str(raised.value) == (
        f"{documents}: exists and is not an oxigraph store; not replacing it"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert is_store(empty)


def test_progress_is_shown_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar("importing", 10, show=False) as advance:
        assert advance is None
    with progress_bar("importing", 10) as advance:  # standard error is no terminal here
        assert advance is None
    with progress_bar("importing", 10, show=True) as advance:
        assert advance is not None
        advance(10)
    assert capsys.readouterr().out == ""


def test_the_scratch_folder_of_a_running_import_is_left_alone(tmp_path: Path) -> None:
    running = tmp_path / ".esco.store.running1"
    running.mkdir()
    handle = os.open(running, os.O_RDONLY)
    try:
        lock(handle)
        assert remove_interrupted_imports(tmp_path / "esco.store") == []
    finally:
        os.close(handle)
    assert running.is_dir()
    assert remove_interrupted_imports(tmp_path / "esco.store") == [running]  # once it is gone


def test_a_store_moved_aside_is_put_back_or_removed(tmp_path: Path) -> None:
    target = tmp_path / "esco.store"
    moved = tmp_path / ".esco.store.old-1700000000000000000"
    moved.mkdir()
    (moved / "CURRENT").write_text("the previous store", encoding="utf-8")
    # killed between moving the old store aside and moving the new one in: put it back
    assert remove_interrupted_imports(target) == []
    assert (target / "CURRENT").read_text(encoding="utf-8") == "the previous store"
    # killed after the new store was in place: the old one is garbage
    moved.mkdir()
    assert remove_interrupted_imports(target) == [moved]
    assert [p.name for p in tmp_path.iterdir()] == ["esco.store"]


def test_write_store_removes_an_abandoned_scratch_folder_first(tmp_path: Path) -> None:
    left = tmp_path / ".s.store.k1ll3d00"
    left.mkdir()
    (left / "000004.log").write_bytes(b"half an import")
    assert write_store(tmp_path / "s.store", quads("a")) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["s.store"]
