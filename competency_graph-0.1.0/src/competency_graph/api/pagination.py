"""Relay-style cursor connections over in-memory lists, with a capped page size.

Cursors are opaque to clients (base64 of the offset in the filtered, ordered list); they
stay valid while the graph is not reloaded. ``first``/``last`` above the cap are an error
rather than silently truncated, so a client never mistakes a short page for the end.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import graphene

from competency_graph.errors import InputError

T = TypeVar("T")

_PREFIX = "offset:"


@dataclass(frozen=True)
class Edge(Generic[T]):
    """A node and the cursor that points just at it."""

    cursor: str
    node: T


@dataclass(frozen=True)
class PageInfo:
    """Where the page sits in the whole list (Relay's PageInfo)."""

    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its edges, where it sits, and how long the whole list is."""

    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int

    @property
    def nodes(self) -> list[T]:
        """The nodes of the page without their cursors."""
        return [edge.node for edge in self.edges]


def encode_cursor(offset: int) -> str:
    """The opaque cursor for position ``offset`` (0-based)."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset a cursor points at; an :class:`InputError` for anything we did not issue."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (ValueError, binascii.Error, UnicodeError):
        text = ""
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isdigit():
        raise InputError(f"invalid cursor {cursor!r}: use a cursor from a previous page")
    return int(number)


def paginate(
    items: Sequence[T],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    max_page_size: int,
) -> Page[T]:
    """Slice ``items`` the Relay way: after/before narrow the window, first/last take from it.

    Without ``first`` and ``last`` the page holds the first ``max_page_size`` items.
    """
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise InputError(f"{name} must not be negative (got {value})")
        if value is not None and value > max_page_size:
            raise InputError(
                f"{name}: {value} is over the page-size cap of {max_page_size}; "
                "ask for a smaller page and follow pageInfo.endCursor"
            )
    start, end = 0, len(items)
    if after is not None:
        start = max(start, min(decode_cursor(after) + 1, end))
    if before is not None:
        end = min(end, decode_cursor(before))
        end = max(end, start)
    if first is None and last is None:
        first = max_page_size
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    edges = [Edge(encode_cursor(i), items[i]) for i in range(start, end)]
    return Page(
        edges=edges,
        page_info=PageInfo(
            has_next_page=end < len(items),
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=len(items),
    )


class PageInfoType(graphene.ObjectType):
    """Where a page sits in the whole list, with the cursors to move on."""

    class Meta:
        name = "PageInfo"

    has_next_page = graphene.Boolean(required=True, description="More items after this page.")
    has_previous_page = graphene.Boolean(required=True, description="More items before this page.")
    start_cursor = graphene.String(description="Cursor of the first edge; null when empty.")
    end_cursor = graphene.String(
        description="Cursor of the last edge: pass it as `after` to get the next page."
    )


def connection_arguments() -> dict[str, Any]:
    """The Relay arguments every list field takes."""
    return {
        "first": graphene.Int(description="At most this many items (capped by the server)."),
        "after": graphene.String(description="Items after this cursor."),
        "last": graphene.Int(description="At most this many items from the end of the window."),
        "before": graphene.String(description="Items before this cursor."),
    }


def connection_type(node: type[graphene.ObjectType]) -> type[graphene.ObjectType]:
    """A ``<Node>Connection`` type (with its ``<Node>Edge``) for ``node``."""
    name = node._meta.name
    edge = type(
        f"{name}Edge",
        (graphene.ObjectType,),
        {
            "Meta": type("Meta", (), {"description": f"A {name} with its cursor."}),
            "cursor": graphene.String(required=True, description="Opaque cursor of this edge."),
            "node": graphene.Field(node, required=True, description=f"The {name}."),
        },
    )
    return type(
        f"{name}Connection",
        (graphene.ObjectType,),
        {
            "Meta": type("Meta", (), {"description": f"A page of {name} items."}),
            "edges": graphene.List(
                graphene.NonNull(edge), required=True, description="The items with cursors."
            ),
            "nodes": graphene.List(
                graphene.NonNull(node), required=True, description="The items of the page."
            ),
            "page_info": graphene.Field(
                PageInfoType, required=True, description="Where the page sits in the list."
            ),
            "total_count": graphene.Int(
                required=True, description="How many items the whole filtered list has."
            ),
        },
    )
