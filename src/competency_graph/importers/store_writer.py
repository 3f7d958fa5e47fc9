"""Writing a new on-disk (oxigraph) store from an importer's quads, all or nothing.

The quads go into a scratch folder beside the target, which is renamed into place only when
every quad was written: a failure (a malformed row half-way through a 2 GB import, an
interrupt) leaves neither a half-written store nor the scratch folder behind, and an
existing store is replaced only after the new one is complete. :func:`progress_bar` shows
how far a long import has read, on standard error when it is a terminal.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from competency_graph.errors import InputError

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


def write_store(target: Path, quads: Iterable[ox.Quad], force: bool = False) -> int:
    """Write ``quads`` into a new store at ``target``; return the number of triples in it.

    ``quads`` may be a generator that reads the source as it goes (memory stays bounded);
    an exception it raises removes the scratch folder and leaves ``target`` as it was.
    """
    check_target(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        store = ox.Store(str(scratch))
        store.bulk_extend(quads)
        store.flush()
        triples = len(store)
        del store  # releases the database lock before the folder moves
        _replace(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return triples


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
