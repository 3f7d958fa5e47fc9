"""Reading request JSON (a POST body, GET ``variables`` or ``extensions``) within bounds.

Python's ``json`` refuses an integer of over 4,300 digits with a bare ``ValueError`` (the
int-conversion limit against quadratic parsing), recurses once per nesting level, and
accepts ``NaN`` and ``Infinity``, which no JSON response may carry. Each of these is the
client's mistake, so each becomes a :class:`RequestJSONError` the server answers with 400.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

#: most digits in one number literal (a 64-bit integer has 20; a double needs 17)
DEFAULT_MAX_NUMBER_DIGITS = 100
#: deepest nesting of arrays and objects (GraphQL variables need a handful)
DEFAULT_MAX_JSON_DEPTH = 64

# strings are skipped before counting brackets: a "[" inside a string nests nothing
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class RequestJSONError(ValueError):
    """Request JSON that is malformed or over a bound; the message says which."""


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in JSON ``text`` (0 for a scalar), linear time."""
    brackets = _BRACKET.findall(_STRING.sub("", text))
    return max(accumulate(_DEPTH_STEP[b] for b in brackets), default=0)


def load_request_json(
    text: str,
    what: str,
    *,
    max_depth: int = DEFAULT_MAX_JSON_DEPTH,
    max_number_digits: int = DEFAULT_MAX_NUMBER_DIGITS,
) -> Any:
    """Decode ``text`` (named ``what`` in messages) or raise :class:`RequestJSONError`."""
    depth = nesting_depth(text)
    if depth > max_depth:
        raise RequestJSONError(f"{what} nests JSON {depth} levels deep; the limit is {max_depth}")

    def number(literal: str, convert: type[int] | type[float]) -> int | float:
        digits = sum(c.isdigit() for c in literal)
        if digits > max_number_digits:
            raise RequestJSONError(
                f"{what} has a number of {digits} digits; the limit is {max_number_digits}"
            )
        try:
            return convert(literal)
        except ValueError:  # over Python's own int-conversion limit, whatever ours is
            raise RequestJSONError(
                f"{what} has a number of {digits} digits; Python reads at most 4300"
            ) from None

    def constant(name: str) -> Any:
        raise RequestJSONError(f"{what} is not valid JSON: {name} is not a JSON number")

    try:
        return json.loads(
            text,
            parse_int=lambda s: number(s, int),
            parse_float=lambda s: number(s, float),
            parse_constant=constant,
        )
    except json.JSONDecodeError as exc:
        raise RequestJSONError(
            f"{what} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:  # below max_depth only when the limit is set very high
        raise RequestJSONError(f"{what} nests JSON too deeply") from None
