"""Relay-style slicing, cursors and the page-size cap."""

from __future__ import annotations

import pytest

from competency_graph.api.pagination import decode_cursor, encode_cursor, paginate
from competency_graph.errors import InputError

ITEMS = list("abcdefg")


def ids(**kwargs: object) -> str:
    return "".join(paginate(ITEMS, max_page_size=5, **kwargs).nodes)  # type: ignore[arg-type]


def test_slices() -> None:
    assert ids() == "abcde"  # no first/last: one capped page
    assert ids(first=2) == "ab"
    assert ids(first=2, after=encode_cursor(1)) == "cd"
    assert ids(last=2) == "fg"
    assert ids(last=2, before=encode_cursor(3)) == "bc"
    assert ids(after=encode_cursor(1), before=encode_cursor(4)) == "cd"
    assert ids(after=encode_cursor(6)) == ""
    assert ids(first=0) == ""


def test_page_info() -> None:
    page = paginate(ITEMS, first=3, after=encode_cursor(0), max_page_size=5)
    assert page.total_count == 7
    assert page.page_info.has_previous_page
    assert page.page_info.has_next_page
    assert page.page_info.start_cursor == encode_cursor(1)
    assert page.page_info.end_cursor == encode_cursor(3)
    empty = paginate([], max_page_size=5)
    assert empty.page_info.start_cursor is None
    assert not empty.page_info.has_next_page


def test_cursors_round_trip_and_reject_garbage() -> None:
    assert decode_cursor(encode_cursor(42)) == 42
    for bad in ("", "x", encode_cursor(1)[:-2], "b2Zmc2V0Oi0x"):  # the last is "offset:-1"
        with pytest.raises(InputError, match="invalid cursor"):
            decode_cursor(bad)


def test_cap_and_negative_sizes_are_errors() -> None:
    with pytest.raises(InputError, match="first: 6 is over the page-size cap of 5"):
        ids(first=6)
    with pytest.raises(InputError, match="last: 9 is over the page-size cap of 5"):
        ids(last=9)
    with pytest.raises(InputError, match="first must not be negative"):
        ids(first=-1)
