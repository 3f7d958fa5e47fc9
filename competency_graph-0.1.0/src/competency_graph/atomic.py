"""Writing a file whole or not at all: readers see the old content or the new, never half.

Every command that writes a file (reports, exports, documents, pictures, the SDL, the
read-model cache) writes through :func:`write_atomically`: the content goes to a temporary
file beside the target (same folder, so same file system), is flushed to the disk
(``fsync``), and is then renamed over the target. A full disk, a read-only folder or any
other failure leaves the previous file exactly as it was, removes the temporary file, and
is one :class:`WriteError` naming the file and the reason.

A process killed while writing leaves its temporary file behind. The writer holds a lock
on it (``flock``) while it writes, which the system releases when the process dies, so
:func:`remove_abandoned` can tell a leftover from a write under way and remove only the
former (``import esco`` locks its scratch folder the same way: :func:`abandoned`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers are judged by their age
    fcntl = None  # type: ignore[assignment]

from competency_graph.errors import InputError

#: temporary files are named ``.<target name>.<random>.tmp`` (hidden, recognisable)
TEMPORARY_SUFFIX = ".tmp"
#: without ``flock`` (Windows), a leftover is a temporary file untouched for this long
_ABANDONED_AFTER_SECONDS = 24 * 3600


class WriteError(InputError):
    """A file could not be written; the previous file (if any) is left as it was."""

    def __init__(self, path: Path, reason: str, kept: bool) -> None:
        note = " (the previous file is left as it was)" if kept else ""
        super().__init__(f"cannot write: {reason}{note}", path)
        #: why, in the system's words ("No space left on device")
        self.reason = reason


def write_atomically(
    path: Path,
    content: str | bytes | Iterable[bytes],
    *,
    mode: int | None = None,
    parents: bool = False,
    follow_links: bool = True,
) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8; an iterable of byte
    chunks is written in order, so a large payload need not be joined first).

    The new file keeps the permissions of the file it replaces, else gets ``mode``, else
    the usual ones (0o666 less the umask). ``parents`` creates missing folders first.
    Raises :class:`WriteError` on any failure, with ``path`` unchanged.

    With ``follow_links`` (the default, what a user naming ``-o FILE`` means) a symbolic
    link's target is replaced and the link stays; and a device, a pipe or an open descriptor
    (``-o /dev/null``, a FIFO, ``-o /dev/stdout`` even when the shell sends it to a file) is
    written into as a shell redirection would, never replaced.
    Without it, ``path`` itself is replaced, whatever it is (a file the product owns, such
    as the read-model cache, where a link in its place must not send the write elsewhere).
    """
    target = path
    if follow_links:
        # stat follows links as the kernel does (/dev/stdout -> /proc/self/fd/1 -> a pipe),
        # which the link's spelled-out target ("pipe:[123]") would not
        if _is_special(path) or _names_a_descriptor(path):
            _write_into(path, content)
            return
        target = Path(os.path.realpath(path))
    existing = _existing_mode(target)
    kept = existing is not None
    try:
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = _create_beside(target)
    except OSError as exc:
        raise WriteError(path, _reason(exc), kept) from None
    try:
        lock(handle)  # until closed: a leftover only once this process is gone
        with os.fdopen(handle, "wb") as out:
            for chunk in _chunks(content):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        new_mode = existing if existing is not None else mode
        if new_mode is not None:
            scratch.chmod(new_mode)
        scratch.replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            scratch.unlink()
        raise WriteError(path, _reason(exc), kept) from None
    _sync_folder(target.parent)


def is_temporary(name: str, target_name: str) -> bool:
    """True when ``name`` is a temporary file made for a file named ``target_name``: by
    :func:`write_atomically` (``.<name>.<random>.tmp``), or by the read-model cache before it
    wrote through it (``<name>.<random>.tmp``)."""
    return name.removeprefix(".").startswith(f"{target_name}.") and name.endswith(TEMPORARY_SUFFIX)


def remove_abandoned(folder: Path, target_name: str) -> list[Path]:
    """Remove the temporary files for ``target_name`` in ``folder`` that processes killed
    while writing left behind (not those being written now); return what was removed."""
    removed = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []
    for name in names:
        path = folder / name
        if is_temporary(name, target_name) and path.is_file() and abandoned(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def lock(handle: int) -> None:
    """Hold an exclusive lock on the open file or folder ``handle`` until it is closed (or
    the process ends): what :func:`abandoned` looks for."""
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a file system without locks: age decides then
            fcntl.flock(handle, fcntl.LOCK_EX)


def abandoned(path: Path) -> bool:
    """True when no live process holds the :func:`lock` on ``path`` (a file or a folder):
    whoever was writing it is gone. False when it cannot be told (it cannot be opened)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if fcntl is None:
            return time.time() - os.fstat(handle).st_mtime > _ABANDONED_AFTER_SECONDS
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: a write under way
            return False
        return True
    finally:
        os.close(handle)


def _is_special(target: Path) -> bool:
    """True for an existing device, pipe or socket (anything but a file or a folder)."""
    try:
        found = target.stat()
    except OSError:
        return False
    return not (stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode))


_DESCRIPTOR = re.compile(r"/(?:proc/[^/]+|dev)/fd/\d+|/dev/std(?:out|err)")


def _names_a_descriptor(path: Path) -> bool:
    """True when ``path`` is, or links through, an open descriptor (``/dev/stdout``,
    ``/dev/fd/3``): the shell opened it (perhaps to append), so it is written into as is."""
    current = path.absolute()
    for _ in range(40):  # the kernel's own limit on links followed
        if _DESCRIPTOR.fullmatch(str(current)):
            return True
        if not current.is_symlink():
            return False
        current = Path(os.path.normpath(current.parent / current.readlink()))
    return False


def _write_into(path: Path, content: str | bytes | Iterable[bytes]) -> None:
    """Write to a device, a pipe or a descriptor in place. Appending: opening /dev/stdout
    again to write would truncate the file the shell sends it to (``>> log``)."""
    try:
        with path.open("ab") as out:
            for chunk in _chunks(content):
                out.write(chunk)
    except OSError as exc:
        raise WriteError(path, _reason(exc), kept=False) from None


def _existing_mode(target: Path) -> int | None:
    """The permissions of the regular file at ``target``, or None (nothing, or not a file:
    a folder makes the rename fail with "Is a directory", which says it)."""
    try:
        found = target.lstat()
    except OSError:
        return None
    return stat.S_IMODE(found.st_mode) if stat.S_ISREG(found.st_mode) else None


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file in ``target``'s folder, opened for writing. Created with mode
    0o666 so that the umask applies as it does to any new file (``mkstemp`` makes 0o600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        scratch = target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
        try:
            return os.open(scratch, flags, 0o666), scratch
        except FileExistsError:
            continue


def _chunks(content: str | bytes | Iterable[bytes]) -> Iterable[bytes]:
    if isinstance(content, str):
        return [content.encode("utf-8")]
    if isinstance(content, bytes):
        return [content]
    return content


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to the disk, where the file system allows (best effort: the
    file is complete either way)."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    return exc.strerror or str(exc)
