"""The read model as columns: how the read-model cache stores it (:mod:`.cache`).

Unpickling the read model of ESCO built ~300k objects one opcode at a time and read every
string again for each object that held it: over half a second, most of a start. Here each
domain class is a table of columns (one per field, a column whose values are all equal
stored once), the objects of other classes inside an object (its texts, an approval, a
salary) are row numbers in their class's table, and every string is written once: equal
strings the model shares are written once, as :mod:`marshal` writes an object it has seen
as a reference. Loading is then one ``marshal.loads`` (C) and, per
class, one loop that fills each new object's ``__dict__`` from its row.

Equal :class:`~competency_graph.model.domain.Text` values are stored once and shared when
loaded (they are immutable; the read model already shares its one empty text,
:data:`~competency_graph.model.readmodel.NO_TEXT`, which stays that very object). Other
objects are shared as they were. Only the read model's own types, datetimes and what marshal
writes (strings, numbers, None, tuples, frozensets, dicts) can be stored: anything else is a
:class:`ColumnsError` when writing, and so is any malformed input when reading.
"""

from __future__ import annotations

import dataclasses
import marshal
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import repeat
from typing import Any

from competency_graph.model import domain
from competency_graph.model.domain import Text
from competency_graph.model.readmodel import NO_TEXT, ReadModel

#: the marshal format (4: references to objects already written)
MARSHAL_VERSION = 4
#: the classes whose objects are stored, leaves first (those others refer to come before)
CLASSES: tuple[type[Any], ...] = (
    Text,
    domain.Endorsement,
    domain.DutyOmission,
    domain.Salary,
    domain.Place,
    domain.Area,
    domain.Department,
    domain.Sector,
    domain.LegalNorm,
    domain.Skill,
    domain.GeneralisedFunction,
    domain.Duty,
    domain.Right,
    domain.Responsibility,
    domain.Requirement,
    domain.OccupationGroup,
    domain.Position,
    domain.JobDescription,
    domain.Vacancy,
    domain.Organization,
)
_BY_NAME = {cls.__name__: cls for cls in CLASSES}
# a field's annotation, as `from __future__ import annotations` leaves it: "Text",
# "Endorsement | None", "tuple[Place, ...]", "datetime | None", or a plain type
_OPTIONAL = re.compile(r"^(\w+) \| None$")
_MANY = re.compile(r"^tuple\[(\w+), \.\.\.\]$")
#: the fields of the read model that are not stored (a memo that starts empty)
SKIPPED = frozenset({"orderings"})


class ColumnsError(ValueError):
    """The read model cannot be stored this way, or the stored data is malformed."""


def _plan(cls: type[Any]) -> tuple[tuple[str, str, type[Any] | None], ...]:
    """(field, how it is stored, the class it refers to) for each field of ``cls``: "plain",
    "one" (an object or None), "many" (a tuple of objects) or "time" (a datetime or None)."""
    found: list[tuple[str, str, type[Any] | None]] = []
    for item in dataclasses.fields(cls):
        annotation = str(item.type)
        many = _MANY.match(annotation)
        wrapped = many or _OPTIONAL.match(annotation)
        name = wrapped.group(1) if wrapped else annotation
        if name == "datetime":
            found.append((item.name, "time", None))
        elif name in _BY_NAME:
            found.append((item.name, "many" if many else "one", _BY_NAME[name]))
        elif name in domain.__dict__ and isinstance(domain.__dict__[name], type):
            raise ColumnsError(f"{cls.__name__}.{item.name}: {annotation} is not stored")
        else:
            found.append((item.name, "plain", None))
    return tuple(found)


PLANS = {cls: _plan(cls) for cls in CLASSES}


# -- writing ---------------------------------------------------------------------------------
class _Writer:
    def __init__(self) -> None:
        self.objects: dict[type[Any], list[Any]] = {cls: [] for cls in CLASSES}
        self.by_id: dict[int, int] = {}  # id(object) -> its row in its class's table
        self.texts: dict[Text, int] = {}  # equal texts share one row

    def number(self, value: Any) -> int:
        """The row of an object in its class's table (added on first sight). The model
        holds every object while it is written, so no id is reused meanwhile."""
        found = self.by_id.get(id(value))
        if found is not None:
            return found
        cls = type(value)
        if cls is Text:
            found = self.texts.get(value)
            if found is None:
                found = self.texts[value] = len(self.objects[Text])
                self.objects[Text].append(value)
        elif cls in self.objects:
            found = len(self.objects[cls])
            self.objects[cls].append(value)
        else:
            raise ColumnsError(f"cannot store a {cls.__name__} object")
        self.by_id[id(value)] = found
        return found

    def column(self, cls: type[Any], plan: tuple[str, str, type[Any] | None]) -> tuple[str, Any]:
        """One field of every object of ``cls``: ("=", value) when all hold the same, else
        ("*", the values)."""
        name, how, _ = plan
        values = [getattr(item, name) for item in self.objects[cls]]
        column: tuple[Any, ...]
        if how == "plain":
            column = tuple(values)
        elif how == "time":
            column = tuple(v.isoformat() if v is not None else None for v in values)
        elif how == "one":
            column = tuple(self.number(v) if v is not None else None for v in values)
        else:
            column = tuple(tuple(map(self.number, v)) for v in values)
        first = column[0] if column else None
        same = bool(column) and column.count(first) == len(column)
        if same and all(type(v) is type(first) for v in column):  # not 1 for True
            return ("=", first)
        return ("*", column)


def dumps(model: ReadModel) -> bytes:
    """The read model as bytes (:func:`loads` reads them back, equal)."""
    writer = _Writer()
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(ReadModel):
        if item.name in SKIPPED:
            continue
        value = getattr(model, item.name)
        if type(value) is dict and value and type(next(iter(value.values()))) in PLANS:
            fields[item.name] = ("table", tuple(value), tuple(map(writer.number, value.values())))
        else:
            fields[item.name] = ("plain", value)
    tables = {}
    # the objects inside others are found (numbered) when their holders' columns are made
    for cls in reversed(CLASSES):
        columns = tuple(writer.column(cls, plan) for plan in PLANS[cls])
        tables[cls.__name__] = (len(writer.objects[cls]), columns)
    try:
        return marshal.dumps((tables, fields), MARSHAL_VERSION)
    except ValueError as exc:
        raise ColumnsError(str(exc)) from None


# -- reading ---------------------------------------------------------------------------------
def loads(data: bytes) -> ReadModel:
    """The read model :func:`dumps` wrote; a :class:`ColumnsError` for malformed data."""
    try:
        tables, fields = marshal.loads(data)
        objects: dict[type[Any], list[Any]] = {}
        for cls in CLASSES:
            objects[cls] = _objects(cls, tables[cls.__name__], objects)
        model = ReadModel()
        for name, value in fields.items():
            if name in SKIPPED or not hasattr(model, name):
                raise ColumnsError(f"not a field of the read model: {name!r}")
            if value[0] == "table":
                _, keys, rows = value
                cls = _table_class(name)
                found = objects[cls]
                setattr(model, name, dict(zip(keys, [found[r] for r in rows], strict=True)))
            else:
                setattr(model, name, value[1])
    except ColumnsError:
        raise
    except Exception as exc:  # anything malformed: marshal's own errors, bad shapes, indexes
        raise ColumnsError(f"{type(exc).__name__}: {exc}") from None
    return model


def _table_class(name: str) -> type[Any]:
    """The class of the values of the read model's dict field ``name``."""
    annotation = str(ReadModel.__dataclass_fields__[name].type)
    match = re.fullmatch(r"dict\[str, (\w+)\]", annotation)
    if match is None or match.group(1) not in _BY_NAME:
        raise ColumnsError(f"{name} is not a table of objects")
    return _BY_NAME[match.group(1)]


def _objects(
    cls: type[Any], stored: tuple[int, tuple[Any, ...]], made: dict[type[Any], list[Any]]
) -> list[Any]:
    count, columns = stored
    plans = PLANS[cls]
    if len(columns) != len(plans):
        raise ColumnsError(f"{cls.__name__}: {len(columns)} columns, {len(plans)} fields")
    pairs = zip(columns, plans, strict=True)
    values = [_column(column, plan, count, made) for column, plan in pairs]
    names = [name for name, _, _ in plans]
    if cls is Text:
        return [_text(row) for row in zip(*values, strict=True)] if count else []
    new = object.__new__
    found = []
    for row in zip(*values, strict=True):
        # what unpickling does too: a frozen dataclass's fields live in its __dict__
        item = new(cls)
        vars(item).update(zip(names, row, strict=True))
        found.append(item)
    if len(found) != count:
        raise ColumnsError(f"{cls.__name__}: {len(found)} rows, {count} expected")
    return found


def _column(
    column: Any, plan: tuple[str, str, type[Any] | None], count: int, made: dict[type[Any], Any]
) -> Iterator[Any] | list[Any] | tuple[Any, ...]:
    tag, stored = column
    values: Any = repeat(stored, count) if tag == "=" else stored
    if tag not in ("=", "*") or (tag == "*" and len(stored) != count):
        raise ColumnsError(f"{plan[0]}: a malformed column")
    _, how, target = plan
    convert: Callable[[Any], Any]
    if how == "plain":
        return values  # type: ignore[no-any-return]
    if how == "time":
        return [datetime.fromisoformat(v) if v is not None else None for v in values]
    rows = made[target] if target is not None else []
    if how == "one":
        return [rows[v] if v is not None else None for v in values]
    convert = rows.__getitem__
    return [tuple(map(convert, v)) for v in values]


def _text(row: tuple[Any, ...]) -> Text:
    ru, en, more = row
    if ru is None and en is None and not more:
        return NO_TEXT
    text = object.__new__(Text)
    vars(text).update(ru=ru, en=en, more=more)
    return text
