"""Request JSON decoded within bounds: every refusal a RequestJSONError naming the part."""

from __future__ import annotations

import pytest

from competency_graph.api.request_json import RequestJSONError, load_request_json, nesting_depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [("1", 0), ("[]", 1), ('{"a": [[1]]}', 3), ('["[[[[", {"b": "}}"}]', 2), ('"\\"["', 0)],
)
def test_nesting_depth_skips_brackets_inside_strings(text: str, depth: int) -> None:
    assert nesting_depth(text) == depth


def test_within_bounds_the_json_is_decoded() -> None:
    assert load_request_json('{"n": 12, "f": 1.5e3, "l": [[true]]}', "variables") == {
        "n": 12,
        "f": 1500.0,
        "l": [[True]],
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[[1]]]", "variables nests JSON 3 levels deep; the limit is 2"),
        ("123456", "variables has a number of 6 digits; the limit is 5"),
        ("1.23456", "variables has a number of 6 digits; the limit is 5"),
        ("-Infinity", "variables is not valid JSON: -Infinity is not a JSON number"),
        (
            "{bad",
            "variables is not valid JSON: Expecting property name enclosed in double "
            "quotes at line 1 column 2",
        ),
    ],
)
def test_over_a_bound_or_malformed_is_refused(text: str, message: str) -> None:
    with pytest.raises(RequestJSONError) as caught:
        load_request_json(text, "variables", max_depth=2, max_number_digits=5)
    assert str(caught.value) == message


def test_a_number_over_pythons_own_limit_is_refused_not_a_value_error_leak() -> None:
    with pytest.raises(RequestJSONError, match="4301 digits; Python reads at most 4300"):
        load_request_json("9" * 4301, "the body", max_number_digits=10_000)
