"""Errors a user can act on. The CLI prints them without a traceback and exits 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: a missing file, a parse error, an unknown id. Carries where, if known.

    ``code`` is the machine-readable kind of the mistake: the GraphQL API sends it as the
    error's ``extensions.code`` (docs/graphql.md lists the codes).
    """

    #: GraphQL ``extensions.code`` of this kind of error
    code = "BAD_USER_INPUT"

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
    def extensions(self) -> dict[str, object]:
        """What the GraphQL API adds to the error's ``extensions`` besides its ``code``."""
        return {}

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

    code = "NOT_AVAILABLE"


class UnknownIdError(InputError):
    """An id that names nothing of the kind asked for (a 404 for the document routes).

    The message is worded by :func:`competency_graph.model.ids.unknown_id`; ``suggestion``
    is the closest known id, when one is close.
    """

    code = "NOT_FOUND"

    def __init__(
        self, message: str, kind: str, identifier: str, suggestion: str | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.identifier = identifier
        self.suggestion = suggestion


class BadIdError(UnknownIdError):
    """A text that cannot be an id at all (a space, ``<``, an unknown prefix): no entity of
    any graph could have it."""

    code = "BAD_ID"


class ConflictError(InputError):
    """A write based on a version that is no longer the current one (optimistic
    concurrency): ``current`` names the version to base the write on, None when nothing is
    there any more."""

    code = "CONFLICT"

    def __init__(self, message: str, current: str | None) -> None:
        super().__init__(message)
        self.current = current

    @property
    def extensions(self) -> dict[str, object]:
        """The current version, for the client to re-read and retry."""
        return {"currentVersion": self.current}


class ValidationFailed(InputError):
    """A write refused because what it would make breaks error-level rules; ``violations``
    are the report's violations as the API shows them."""

    code = "VALIDATION_FAILED"

    def __init__(self, message: str, violations: list[dict[str, object]]) -> None:
        super().__init__(message)
        self.violations = violations

    @property
    def extensions(self) -> dict[str, object]:
        """Every violation of the would-be graph, each with its ``inputPath``."""
        return {"violations": self.violations}
