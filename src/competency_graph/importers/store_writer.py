"""Writing a new on-disk (oxigraph) store from an importer's quads, all or nothing.

The quads go into a scratch folder beside the target, which is renamed into place only when
every quad was written: a failure (a malformed row half-way through a 2 GB import, an
interrupt, a full or read-only disk) leaves neither a half-written store nor the scratch
folder behind, and an existing store is replaced only after the new one is complete. A full
or read-only disk is one :class:`~competency_graph.errors.InputError` naming the store.

An import killed outright (``kill -9``, a power cut) cannot clean up: its scratch folder
stays. The scratch folder is locked while the import runs
(:func:`~competency_graph.atomic.lock`, released by the system when the process dies), so
the next import into the same target removes the folders no running import holds
(:func:`remove_interrupted_imports`), with a log line. :func:`progress_bar` shows how far a
long import has read, on standard error when it is a terminal.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from competency_graph.atomic import abandoned, lock
from competency_graph.errors import InputError

log = logging.getLogger(__name__)

#: told how many more units (bytes, rows) were read
Advance = Callable[[int], None]


def check_target(target: Path, force: bool = False) -> None:
    """Refuse a ``target`` that exists (unless ``force``) or that is not a store: checked
    before an import starts, so a long import does not fail at its end."""
    if target.exists() and not force:
        raise InputError("already exists (give --force to replace it)", target)
    if target.exists() and not is_store(target):
        raise InputError("exists and is not an oxigraph store; not replacing it", target)


def is_store(path: Path) -> bool:
    """True for a folder that is an oxigraph store (or empty, so nothing is lost)."""
    return path.is_dir() and (not any(path.iterdir()) or any(path.glob("CURRENT")))


class NTriples:
    """Triples given as N-Triples text, in chunks of whole lines (``chunks`` may be a
    generator): what :func:`write_store` hands to oxigraph's bulk loader as one stream,
    which parses it in Rust, faster than Python can make a term object per triple."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self.chunks = chunks

    def stream(self) -> io.RawIOBase:
        """The chunks as one binary stream, each line ended."""
        return _ChunkStream(chunk.encode("utf-8") + b"\n" for chunk in self.chunks)


class _ChunkStream(io.RawIOBase):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._left = chunk
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


def write_store(target: Path, quads: Iterable[ox.Quad] | NTriples, force: bool = False) -> int:
    """Write ``quads`` (oxigraph quads, or :class:`NTriples`) into a new store at
    ``target``; return the number of triples in it.

    ``quads`` may be a generator that reads the source as it goes (memory stays bounded);
    an exception it raises removes the scratch folder and leaves ``target`` as it was.
    """
    check_target(target, force)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_interrupted_imports(target)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    handle = os.open(scratch, os.O_RDONLY)
    try:
        lock(handle)  # until the end: the next import knows this folder is in use
        store = ox.Store(str(scratch))
        if isinstance(quads, NTriples):
            store.bulk_load(cast(IO[bytes], quads.stream()), format=ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_extend(quads)
        store.flush()
        triples = len(store)
        del store  # releases the database lock before the folder moves
        _replace(scratch, target)
    except BaseException as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        if isinstance(exc, OSError):  # a full or read-only disk
            raise _cannot_write(target, exc) from None
        raise
    finally:
        os.close(handle)
    return triples


def remove_interrupted_imports(target: Path) -> list[Path]:
    """Remove the scratch folders that killed imports into ``target`` left beside it (those
    no running import holds locked), each with a log line; return them.

    A previous store moved aside (``.<name>.old-…``) by an import killed before it removed
    it is removed too once ``target`` exists again; if ``target`` is missing (killed between
    the two renames) it is put back instead.
    """
    prefix = f".{target.name}."
    try:
        leftovers = sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []
    scratch = [p for p in leftovers if ".old-" not in p.name and p.is_dir()]
    if any(not abandoned(p) for p in scratch):
        return []  # an import into the same target is running: leave everything
    removed: list[Path] = []
    for folder in scratch:
        log.info("import: removing %s, left by an import that was interrupted", folder)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    for old in sorted((p for p in leftovers if ".old-" in p.name), reverse=True):
        if not target.exists():
            log.info("import: putting back %s, moved aside by an interrupted import", target)
            old.rename(target)
            continue
        log.info("import: removing %s, left by an import that was interrupted", old)
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def _cannot_write(target: Path, exc: OSError) -> InputError:
    # RocksDB's messages end with the system's reason: "...: No space left on device"
    reason = exc.strerror or str(exc).rsplit(": ", 1)[-1]
    return InputError(
        f"cannot write the store: {reason} (nothing was imported; an existing store is left "
        "as it was)",
        target,
    )


@contextlib.contextmanager
def progress_bar(label: str, total: int, show: bool | None = None) -> Iterator[Advance | None]:
    """A progress bar on standard error over ``total`` bytes; yields its ``advance`` function,
    or None when no bar is shown (``show`` False, or None and standard error is no terminal).
    """
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), DownloadColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _replace(scratch: Path, target: Path) -> None:
    """Move ``scratch`` to ``target``; an existing target is removed only after the move."""
    if not target.exists():
        scratch.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{time.time_ns()}")
    target.rename(old)
    try:
        scratch.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
