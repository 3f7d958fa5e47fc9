"""Running one GraphQL request: cached parse and validation, then execution.

Parsing and validating a query text costs far more than resolving it from the read model
(measured: ~1.2 ms of a 1.7 ms lookup), so both are done once per distinct text and
kept in an LRU cache. The guards are validation rules, so they are cached with the rest.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from inspect import isawaitable
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    execute,
    specified_rules,
    validate,
)
from graphql.utilities import get_operation_ast

from competency_graph.api.guards import parse_document
from competency_graph.errors import InputError, UnknownIdError

log = logging.getLogger("competency_graph.server.app")

DEFAULT_CACHE_SIZE = 1024
#: top-level fields of heavy work (the checker, matching against every position): the server
#: runs them off the event loop, a few at a time, within a time budget
SLOW_FIELDS = frozenset(
    {
        "check",
        "checkJobDescription",
        "matchPositions",
        "createJobDescription",
        "updateJobDescription",
        "deleteJobDescription",
    }
)


@dataclass(frozen=True)
class Prepared:
    """A query text parsed and validated once."""

    document: DocumentNode | None
    syntax_errors: tuple[GraphQLError, ...] = ()
    validation_errors: tuple[GraphQLError, ...] = ()


class DocumentCache:
    """LRU cache of :class:`Prepared` documents keyed by query text.

    The parser stops a text over ``max_tokens`` tokens at the limit; ``guards`` (the cheap
    rules of :mod:`.guards`) run before ``rules``, which run only when the guards pass, so a
    document built to make graphql-core's own rules slow is refused cheaply.
    """

    def __init__(
        self,
        schema: GraphQLSchema,
        rules: Sequence[type[ASTValidationRule]] = specified_rules,
        size: int = DEFAULT_CACHE_SIZE,
        *,
        guards: Sequence[type[ASTValidationRule]] = (),
        max_tokens: int | None = None,
    ) -> None:
        self.schema = schema
        self.rules = tuple(rules)
        self.guards = tuple(guards)
        self.max_tokens = max_tokens
        self.get = lru_cache(maxsize=size)(self._prepare)

    def _prepare(self, query: str) -> Prepared:
        try:
            document = parse_document(query, self.max_tokens)
        except GraphQLError as error:
            return Prepared(None, syntax_errors=(error,))
        errors = validate(self.schema, document, self.guards) if self.guards else []
        if not errors:
            errors = validate(self.schema, document, self.rules)
        return Prepared(document, validation_errors=tuple(errors))

    def stats(self) -> dict[str, int]:
        """Hits, misses and size of the cache."""
        info = self.get.cache_info()
        return {"hits": info.hits, "misses": info.misses, "size": info.currsize}


def select_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | GraphQLError:
    """The operation to run, or a request error saying why there is none."""
    operation = get_operation_ast(document, operation_name)
    if operation is not None:
        return operation
    if operation_name:
        return GraphQLError(f"unknown operation named '{operation_name}'")
    return GraphQLError("the document has several operations: give operationName")


def is_slow(operation: OperationDefinitionNode, document: DocumentNode | None = None) -> bool:
    """True when the operation asks for heavy work (a check, a match against every position).

    Top-level fields are looked at through inline fragments and, given the ``document``,
    through fragment spreads too, so that wrapping ``check`` in a fragment does not hide it.
    """
    fragments = {
        d.name.value: d
        for d in (document.definitions if document is not None else ())
        if isinstance(d, FragmentDefinitionNode)
    }
    seen: set[str] = set()

    def heavy(selections: Sequence[SelectionNode]) -> bool:
        for selection in selections:
            if isinstance(selection, FieldNode) and selection.name.value in SLOW_FIELDS:
                return True
            if isinstance(selection, InlineFragmentNode) and heavy(
                selection.selection_set.selections
            ):
                return True
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:
                    seen.add(name)
                    if heavy(fragments[name].selection_set.selections):
                        return True
        return False

    return heavy(operation.selection_set.selections)


def run(
    schema: GraphQLSchema,
    document: DocumentNode,
    context: Any,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
) -> ExecutionResult:
    """Execute a validated document synchronously (every resolver is synchronous)."""
    result = execute(
        schema,
        document,
        context_value=context,
        variable_values=dict(variables) if variables is not None else None,
        operation_name=operation_name,
    )
    if isawaitable(result):  # pragma: no cover - no resolver is async
        raise TypeError("asynchronous resolvers are not supported")
    assert not isinstance(result, Awaitable)
    return result


def is_request_error(result: ExecutionResult) -> bool:
    """True when execution never started (bad variables): no ``data`` entry is sent."""
    return (
        result.data is None and bool(result.errors) and all(not e.path for e in result.errors or ())
    )


#: ``extensions.code`` of the errors that stop a request before or as it starts executing
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def with_code(error: GraphQLError, code: str) -> dict[str, Any]:
    """The spec-shaped ``error`` with ``extensions.code`` set to ``code`` unless it has one
    (the guards name their own limit: ``MAX_DEPTH``...)."""
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", code)
    formatted["extensions"] = extensions
    return formatted


def format_error(error: GraphQLError) -> dict[str, Any]:
    """The spec-shaped error with its ``extensions.code``, unexpected exceptions hidden
    behind a generic message.

    An :class:`InputError` is the user's mistake and its message says what to change; its
    class names the code (``NOT_FOUND`` for an unknown id, with the ``kind``, the id as
    ``given`` and the closest known id as ``suggestion``). Any other exception is our bug:
    it is logged with its traceback and not shown.
    """
    original = error.original_error
    if isinstance(original, InputError):
        formatted = with_code(error, original.code)
        formatted["extensions"].update(original.extensions)
        if isinstance(original, UnknownIdError):
            formatted["extensions"].update(kind=original.kind, given=original.identifier)
            if original.suggestion is not None:
                formatted["extensions"]["suggestion"] = original.suggestion
        return formatted
    if original is None or isinstance(original, GraphQLError):
        # no original: graphql-core's own errors of execution (a variable of the wrong type)
        return with_code(error, BAD_USER_INPUT)
    request_id = uuid.uuid4().hex  # names the log entry to whoever reports the error
    log.error("error resolving %s (request id %s)", error.path, request_id, exc_info=original)
    formatted = dict(error.formatted)
    formatted["message"] = "internal error while resolving this field; see the server log"
    formatted["extensions"] = {
        **(error.extensions or {}),
        "code": INTERNAL_SERVER_ERROR,
        "requestId": request_id,
    }
    return formatted


def response_body(result: ExecutionResult) -> dict[str, Any]:
    """``{"data": ..., "errors": [...]}``; no ``data`` entry for a request error."""
    body: dict[str, Any] = {}
    if not is_request_error(result):
        body["data"] = result.data
    if result.errors:
        body["errors"] = [format_error(e) for e in result.errors]
    return body
