"""Reading input files: regular files only, bounded in size, nesting and number length.

Every file the product reads as input (RDF, job descriptions, JSON-LD postings, catalogs,
the read-model cache) is opened here, so that no input can make it hang or exhaust memory:

- only a regular file is read (a symbolic link to one is fine). A device (a link
  ``x.yaml -> /dev/zero``), a named pipe, a socket, a folder or a symbolic link loop is an
  :class:`~competency_graph.errors.InputError` naming the file, checked with ``stat`` before
  the file is opened and again on the open file (opened non-blocking, so a pipe swapped in
  meanwhile cannot block the open);
- a file larger than :func:`max_input_bytes` (``$COMPETENCY_GRAPH_MAX_INPUT_BYTES``, default
  :data:`DEFAULT_MAX_INPUT_BYTES`) is refused before it is parsed;
- JSON (:func:`load_json`) nested deeper than :data:`MAX_DEPTH` levels, or holding an integer
  of more than :data:`MAX_NUMBER_DIGITS` digits, is refused at the line and column where
  that starts, instead of failing deep inside a parser.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from io import BufferedReader
from pathlib import Path
from typing import Any

from competency_graph.errors import InputError

#: the environment variable that overrides :data:`DEFAULT_MAX_INPUT_BYTES`
MAX_INPUT_BYTES_VARIABLE = "COMPETENCY_GRAPH_MAX_INPUT_BYTES"
#: the largest input file read (128 MiB): the whole shipped ontology is 0.6 MB, and rdflib
#: needs some 30 times a Turtle file's size in memory; bulk data belongs in a store
DEFAULT_MAX_INPUT_BYTES = 128 * 1024 * 1024
#: the deepest nesting of lists and mappings read in JSON and YAML (a job description is
#: 4 levels deep, JSON-LD rarely 20); deeper input would exhaust the parsers' recursion
MAX_DEPTH = 100
#: the longest integer read: Python's own limit on converting digits to an int
MAX_NUMBER_DIGITS = 4300

_OPEN_FLAGS = (
    os.O_RDONLY
    # a pipe or a device swapped in between the check and the open must not block the open
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_SIZE = re.compile(r"\s*(\d[\d_]*)\s*([KMG]?)i?B?\s*", re.I)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def max_input_bytes() -> int:
    """The largest input file read: ``$COMPETENCY_GRAPH_MAX_INPUT_BYTES`` (bytes, or with a
    K, M or G suffix: ``256M``), else :data:`DEFAULT_MAX_INPUT_BYTES`."""
    value = os.environ.get(MAX_INPUT_BYTES_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_INPUT_BYTES
    match = _SIZE.fullmatch(value)
    if match is None or int(match.group(1)) == 0:
        raise InputError(
            f"${MAX_INPUT_BYTES_VARIABLE}={value!r} is not a size in bytes "
            "(a positive number, optionally with K, M or G: 268435456 or 256M)"
        )
    return int(match.group(1)) * _UNITS[match.group(2).upper()]


def open_input(path: Path) -> BufferedReader:
    """``path`` opened for reading in binary, after checking that it is a regular file.

    Raises a located :class:`InputError` for a missing file, a folder, a device, a pipe, a
    socket, a symbolic link loop or an unreadable file. The size is not limited here
    (:func:`read_input` does that).
    """
    found = _regular(path)
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
            found.st_dev,
            found.st_ino,
        ):  # replaced between the check and the open
            raise _not_regular(path, opened.st_mode)
        if hasattr(os, "set_blocking"):  # a regular file never blocks; reads are plain again
            os.set_blocking(handle, True)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (see :func:`open_input`), refused with an
    :class:`InputError` when larger than ``limit`` (default: :func:`max_input_bytes`)."""
    limit = max_input_bytes() if limit is None else limit
    with open_input(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise too_large(path, size, limit)
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(data) > limit:  # it grew while being read
        raise too_large(path, len(data), limit)
    return data


def read_utf8(path: Path) -> str:
    """The text of the input file ``path`` (:func:`read_input`), newlines as ``\\n``; a file
    that is not UTF-8 is an :class:`InputError` at the line and column of its first bad byte."""
    try:
        text = read_input(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def not_utf8(path: Path | str, exc: UnicodeDecodeError) -> InputError:
    """The error for a file that is not UTF-8, at the line and column of the first bad byte."""
    data = bytes(exc.object)
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
    return InputError(f"not UTF-8 text: {exc.reason} (save the file as UTF-8)", path, line, column)


def too_large(path: Path | str, size: int, limit: int) -> InputError:
    """The error for an input over the size limit, saying how to raise the limit."""
    return InputError(
        f"too large to read: {size:,} bytes, over the limit of {limit:,} bytes per input file "
        f"(set ${MAX_INPUT_BYTES_VARIABLE} to raise it)",
        path,
    )


def resolve_input(path: Path) -> Path:
    """``path`` made absolute with its symbolic links resolved; a link loop (or any path
    that cannot be resolved) is an :class:`InputError` rather than Python's RuntimeError."""
    try:
        return path.resolve()
    except RuntimeError:  # Python < 3.13 reports a loop so
        raise InputError("a loop of symbolic links that never reaches a file", path) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _regular(path: Path) -> os.stat_result:
    try:
        found = path.stat()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(found.st_mode):
        raise _not_regular(path, found.st_mode)
    return found


def _unreadable(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError("no such file", path)
    if exc.errno == errno.ELOOP:
        return InputError("a loop of symbolic links that never reaches a file", path)
    return InputError(f"cannot read the file ({exc.strerror or exc})", path)


def _not_regular(path: Path, mode: int) -> InputError:
    if stat.S_ISDIR(mode):
        return InputError("a folder, not a file", path)
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    target = f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""
    return InputError(f"{kind}{target}: only regular files are read", path)


# -- JSON --------------------------------------------------------------------------------------


def load_json(text: str, source: Path | str) -> Any:
    """``text`` parsed as JSON, refusing (as an :class:`InputError` at its line and column)
    nesting deeper than :data:`MAX_DEPTH` and integers longer than :data:`MAX_NUMBER_DIGITS`
    digits. Malformed JSON raises :class:`json.JSONDecodeError`, for the caller to word."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise too_deep(text, source) from None
    except ValueError as exc:  # an integer longer than Python converts
        raise _long_number(text, source, exc) from None
    if depth_exceeds(data, MAX_DEPTH):
        raise too_deep(text, source)
    return data


def depth_exceeds(data: Any, limit: int) -> bool:
    """True when lists and dicts in ``data`` nest deeper than ``limit`` (checked without
    recursion, so any depth is safe to measure)."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def too_deep(text: str, source: Path | str) -> InputError:
    """The error for JSON nested too deeply, at the bracket that opens level MAX_DEPTH + 1."""
    depth, offset = 0, None
    for token in _JSON_TOKEN.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                offset = token.start()
                break
        elif bracket in "]}":
            depth -= 1
    line, column = position(text, offset) if offset is not None else (None, None)
    return InputError(
        f"nested deeper than {MAX_DEPTH} levels of lists and mappings", source, line, column
    )


def _long_number(text: str, source: Path | str, exc: ValueError) -> InputError:
    found = re.search(rf"\d{{{MAX_NUMBER_DIGITS + 1},}}", text)
    if found is None:
        return InputError(f"cannot read as JSON: {exc}", source)
    line, column = position(text, found.start())
    return InputError(long_number_message(len(found.group())), source, line, column)


def long_number_message(digits: int) -> str:
    """What is wrong with a number of ``digits`` digits (JSON and YAML say it alike)."""
    return (
        f"a number of {digits:,} digits: numbers of at most {MAX_NUMBER_DIGITS:,} digits are read"
    )


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
