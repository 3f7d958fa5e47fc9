"""Errors a user can act on. The CLI prints them without a traceback and exits 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: a missing file, a parse error, an unknown id. Carries where, if known."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        #: further problems of the same input, each located (the CLI prints them all)
        self.more: tuple[InputError, ...] = ()

    @property
    def location(self) -> str:
        """``file:line:column`` (as much of it as is known), or an empty string."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class MissingExtra(InputError):
    """A feature whose dependencies are an optional extra that is not installed.

    The CLI prints it like any input error (exit 2); the document routes answer 501.
    """

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} need the {extra!r} extra: pip install 'competency-graph[{extra}]'"
        )
        self.extra = extra


class UnknownIdError(InputError):
    """An id that names nothing of the kind asked for (a 404 for the document routes).

    The message is worded by :func:`competency_graph.model.ids.unknown_id`.
    """

    def __init__(self, message: str, kind: str, identifier: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.identifier = identifier


def read_utf8(path: Path) -> str:
    """The text of ``path`` (newlines as ``\\n``), or an :class:`InputError` locating the first
    byte that is not UTF-8. Other ``OSError``s propagate."""
    try:
        text = path.read_bytes().decode("utf-8")
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
