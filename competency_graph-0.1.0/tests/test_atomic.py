"""Writing a file whole or not at all: a full disk or a read-only folder leaves the previous
file as it was, with no temporary file behind, and one WriteError saying why."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from competency_graph import atomic
from competency_graph.atomic import WriteError, is_temporary, remove_abandoned, write_atomically


def test_text_bytes_and_chunks_are_written(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    write_atomically(path, "отчёт\n")
    assert path.read_bytes() == "отчёт\n".encode()
    write_atomically(path, b"\x89PNG")
    assert path.read_bytes() == b"\x89PNG"
    write_atomically(path, iter([b"magic\n", b"header\n", b"data"]))
    assert path.read_bytes() == b"magic\nheader\ndata"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.txt", "x")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    write_atomically(kept, "new")
    assert kept.stat().st_mode & 0o777 == 0o604
    write_atomically(tmp_path / "given.txt", "x", mode=0o600)
    assert (tmp_path / "given.txt").stat().st_mode & 0o777 == 0o600


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("real.json")
    write_atomically(tmp_path / "link.json", "new")
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "real.json").read_text(encoding="utf-8") == "new"


def test_a_link_is_replaced_itself_when_not_followed(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_text("not ours", encoding="utf-8")
    (tmp_path / "cache").symlink_to("elsewhere")
    write_atomically(tmp_path / "cache", "ours", mode=0o640, follow_links=False)
    assert not (tmp_path / "cache").is_symlink()
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "ours"
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "elsewhere").read_text(encoding="utf-8") == "not ours"


@pytest.mark.timeout(10)
def test_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    # what -o /dev/stdout or -o /dev/null means: the device is written to, never renamed over
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "link").symlink_to(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomically(tmp_path / "link", "through the pipe")
    reader.join()
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "pipe"]


@pytest.mark.parametrize("spelling", ["/dev/fd/{fd}", "/proc/self/fd/{fd}"])
def test_an_open_descriptor_is_appended_to_not_replaced(tmp_path: Path, spelling: str) -> None:
    # what `-o /dev/stdout >> log` means: the shell's file gets the output after its lines
    log = tmp_path / "log.txt"
    log.write_text("first\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as shell_opened:
        write_atomically(Path(spelling.format(fd=shell_opened.fileno())), "second\n")
    assert log.read_text(encoding="utf-8") == "first\nsecond\n"
    assert [p.name for p in tmp_path.iterdir()] == ["log.txt"]


def test_parents_are_made_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "schema" / "schema.graphql"
    with pytest.raises(WriteError, match="No such file or directory"):
        write_atomically(path, "type Query")
    write_atomically(path, "type Query", parents=True)
    assert path.read_text(encoding="utf-8") == "type Query"


@pytest.mark.parametrize(
    ("failing", "code"),
    [("fsync", errno.ENOSPC), ("replace", errno.EROFS), ("open", errno.EACCES)],
)
def test_a_failed_write_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int
) -> None:
    path = tmp_path / "old.json"
    path.write_text('{"previous": true}', encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if failing == "replace":
        monkeypatch.setattr(Path, "replace", fail)
    else:
        monkeypatch.setattr(atomic.os, failing, fail)
    with pytest.raises(WriteError) as raised:
        write_atomically(path, "x" * 100_000)
    error = raised.value
    assert str(error) == (
        f"{path}: cannot write: {os.strerror(code)} (the previous file is left as it was)"
    )
    assert error.reason == os.strerror(code)
    assert path.read_text(encoding="utf-8") == '{"previous": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["old.json"]


def test_a_folder_in_the_way_is_named(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(WriteError, match=r"out: cannot write: it is a folder$"):
        write_atomically(tmp_path / "out", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_temporary_names_are_recognised() -> None:
    assert is_temporary(".old.json.1a2b3c4d.tmp", "old.json")
    assert not is_temporary("old.json", "old.json")
    assert not is_temporary(".older.json.1a2b3c4d.tmp", "old.json")


# -- a real small file system, where this machine allows mounting one (root on Linux) ---------


def test_a_full_disk_leaves_the_previous_report(small_disk: Path) -> None:
    report = small_disk / "old.json"
    report.write_text("previous " * 2000, encoding="utf-8")
    (small_disk / "filler").write_bytes(b"\0" * (64 * 1024 - 20_480))  # what is left: ~4 KiB
    with pytest.raises(WriteError, match="No space left on device"):
        write_atomically(report, "new " * 10_000)
    assert report.read_text(encoding="utf-8") == "previous " * 2000
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "old.json"]


def test_a_read_only_file_system_leaves_the_previous_report(small_disk: Path) -> None:
    report = small_disk / "old.json"
    report.write_text("previous", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(WriteError, match="Read-only file system"):
        write_atomically(report, "new")
    assert report.read_text(encoding="utf-8") == "previous"


def test_a_writer_killed_mid_write_leaves_the_previous_file(tmp_path: Path) -> None:
    """kill -9 while a job description is being written (serve --edits writes this way)."""
    target = tmp_path / "key-account-manager.yaml"
    target.write_text("status: approved\n", encoding="utf-8")
    writer = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from competency_graph.atomic import write_atomically

        def chunks():
            yield b"status: draft\\n"
            print("writing", flush=True)
            while True:  # a write that never ends: the test kills it here
                time.sleep(0.05)
                yield b"# more\\n"

        write_atomically(Path({str(target)!r}), chunks())
        """
    )
    with subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == b"writing\n"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert target.read_text(encoding="utf-8") == "status: approved\n"
    # the half-written temporary is a leftover the next write's clean-up removes
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert len(leftovers) == 1 and is_temporary(leftovers[0].name, target.name)
    assert remove_abandoned(tmp_path, target.name) == leftovers
    assert sorted(tmp_path.iterdir()) == [target]
