"""The job-description editor's form and the YAML format's data, both ways.

The editor shows the fields of the YAML format (docs/yaml-format.md) as one HTML form with flat
field names: ``position.label.ru``, ``duties.3.supported_by``, ``requirements.2.level.en``.
Each row of a list section carries a hidden ``<section>.<n>.item`` saying what the row is (a
new ``duty``, a ``ref`` to an existing one, a ``skill`` requirement...); row numbers are the
form's own and stay put when a row above is removed, so a field keeps its id while a person
edits. Lists of references (the skills supporting a duty, legal bases) are one per line.

:func:`form_from_data` fills the form from a file's data; :func:`data_from_form` turns the
posted form back into the data (empty rows left out) and a :class:`PathMap`, which
:func:`locate` uses to put a violation's ``inputPath`` (``duties[1].supportedBy[0]``: an
index into the data) at the form field it concerns (``duties.3.supported_by``). What the form
does not show (signatures, omissions, a duty's function...) rides along in hidden ``extra``
fields as JSON, so a save loses nothing the file had.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: the list sections of the form, in the order of the page
SECTIONS = ("requirements", "duties", "rights", "responsibilities")
#: what a row of each section may be (the first is what "add" makes)
ITEMS = {
    "duties": ("duty", "ref"),
    "rights": ("right", "ref"),
    "responsibilities": ("responsibility", "ref"),
    "requirements": ("skill", "education", "experience", "attribute", "ref"),
}
#: the references of the position, one text field each (general provisions)
POSITION_REFS = ("department", "reports_to", "substitute", "appointed_by", "specialises")
#: the position's texts, ru and en
POSITION_TEXTS = ("label", "definition")
#: lists of references of the position, one per line
POSITION_LISTS = ("must_know",)

#: the fields of each kind of row, as (name, how): ``text`` {ru, en}, ``value`` a plain value
#: or {ru, en}, ``lines`` references one per line, ``one`` a single string, ``many`` a
#: checkbox group, ``number``, ``flag`` a checkbox
ROW_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "duty": (
        ("id", "one"),
        ("label", "text"),
        ("supported_by", "lines"),
        ("requires", "lines"),
    ),
    "right": (("id", "one"), ("label", "text"), ("facilitates", "lines")),
    "responsibility": (
        ("id", "one"),
        ("label", "text"),
        ("kind", "one"),
        ("sanctions", "many"),
        ("legal_basis", "lines"),
        ("limit", "one"),
        ("written_agreement", "flag"),
    ),
    "skill": (("skill", "one"), ("level", "value"), ("necessity", "one")),
    "education": (("education", "many"), ("field", "value"), ("necessity", "one")),
    "experience": (
        ("experience.years", "number"),
        ("experience.area", "value"),
        ("experience.skill", "one"),
        ("necessity", "one"),
    ),
    "attribute": (
        ("attribute", "one"),
        ("value", "value"),
        ("legal_basis", "lines"),
        ("necessity", "one"),
    ),
    "ref": (("ref", "one"),),
}
#: the choices of the form's selects and checkbox groups (the JSON Schema's enums)
CHOICES = {
    "necessity": ("essential", "optional"),
    "education": ("higher", "incomplete-higher", "secondary-specialised", "secondary"),
    "kind": ("disciplinary", "material", "administrative", "criminal", "civil"),
    "sanctions": (
        "remark",
        "reprimand",
        "dismissal",
        "fine",
        "salary-deduction",
        "warning-of-incomplete-fitness",
    ),
    "limit": ("average-monthly-earnings", "full"),
    "attribute": (
        "own-car",
        "business-travel",
        "client-base",
        "citizenship",
        "age",
        "sex",
        "race",
        "skin-colour",
        "nationality",
        "spoken-language",
        "origin",
        "property-status",
        "family-status",
        "social-status",
        "official-status",
        "place-of-residence",
        "religion",
        "beliefs",
        "association-membership",
        "other-circumstances",
    ),
}
#: the default a select shows, which does not make a row worth keeping on its own
DEFAULTS = {"necessity": "essential"}
#: the top-level and position fields the form shows (the rest rides in ``extra``)
TOP_SHOWN = frozenset({"position", "title", "status", "version", *SECTIONS})
POSITION_SHOWN = frozenset({"id", *POSITION_TEXTS, *POSITION_REFS, *POSITION_LISTS})

Value = str | list[str]
#: the hidden fields of the form (no message is shown at them)
HIDDEN = frozenset({"item", "extra", "status"})


@dataclass
class FormState:
    """The form as a page shows it: field values by name and the row numbers of each section."""

    values: dict[str, Value] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in SECTIONS})

    def get(self, name: str) -> str:
        """The text of a field ('' when absent; a checkbox group's values one per line)."""
        value = self.values.get(name, "")
        return "\n".join(value) if isinstance(value, list) else value

    def checked(self, name: str, choice: str) -> bool:
        """True when ``choice`` is ticked in the checkbox group (or the checkbox) ``name``."""
        value = self.values.get(name, [])
        return choice in value if isinstance(value, list) else value == choice

    def item(self, section: str, row: int) -> str:
        """What the row is (``duty``, ``ref``, ``skill``...)."""
        return self.get(f"{section}.{row}.item") or ITEMS[section][0]

    def names(self) -> set[str]:
        """The names of the visible fields, rows and sections: the places a message can be
        shown (the hidden ``item``, ``extra`` and ``status`` fields are none)."""
        names = {n for n in self.values if n.rsplit(".", 1)[-1] not in HIDDEN}
        for section, rows in self.rows.items():
            names.add(section)
            for row in rows:
                prefix = f"{section}.{row}"
                names.add(prefix)
                names.update(f"{prefix}.{n}" for n in row_field_names(self.item(section, row)))
        return names


@dataclass(frozen=True)
class Problem:
    """A value the form cannot turn into the format's data (``years`` that is not a number)."""

    name: str  # the field's name
    message: str


@dataclass
class PathMap:
    """Which form row each item of the data came from: ``("duties", 1) -> 3``."""

    rows: dict[tuple[str, int], int] = field(default_factory=dict)


def row_field_names(item: str) -> list[str]:
    """The field names of a row of kind ``item`` (``label.ru``, ``label.en``, ``supported_by``)."""
    names = []
    for name, how in ROW_FIELDS.get(item, ()):
        if how in ("text", "value"):
            names += [f"{name}.ru", f"{name}.en"]
        else:
            names.append(name)
    return names


def field_id(name: str) -> str:
    """The HTML id of a field, row or section: ``duties.3.label.ru`` -> ``f-duties-3-label-ru``."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def error_id(name: str) -> str:
    """The id of the element that holds the messages of a field, row or section."""
    return "e-" + field_id(name)[2:]


# -- data -> form ---------------------------------------------------------------------------


def form_from_data(data: Mapping[str, Any]) -> FormState:
    """The form showing a job description's data (the YAML file's content)."""
    form = FormState()
    values = form.values
    position = data.get("position") or {}
    if not isinstance(position, Mapping):
        position = {}
    values["position.id"] = _text(position.get("id"))
    for name in POSITION_TEXTS:
        _put_text(values, f"position.{name}", position.get(name))
    for name in POSITION_REFS:
        values[f"position.{name}"] = _text(position.get(name))
    for name in POSITION_LISTS:
        values[f"position.{name}"] = _lines(position.get(name))
    _put_text(values, "title", data.get("title"))
    values["status"] = _text(data.get("status")) or "draft"
    values["version"] = _text(data.get("version"))
    for section in SECTIONS:
        items = data.get(section) or []
        for row, item in enumerate(items if isinstance(items, list) else []):
            _put_row(form, section, row, item)
    extra = {k: v for k, v in data.items() if k not in TOP_SHOWN}
    position_extra = {k: v for k, v in position.items() if k not in POSITION_SHOWN}
    if position_extra:
        extra["position"] = position_extra
    values["extra"] = _json(extra)
    return form


def _put_row(form: FormState, section: str, row: int, item: Any) -> None:
    prefix = f"{section}.{row}"
    form.rows[section].append(row)
    values = form.values
    if not isinstance(item, Mapping):
        values[f"{prefix}.item"] = "ref"
        values[f"{prefix}.ref"] = _text(item)
        return
    kind = ITEMS[section][0]
    if section == "requirements":
        kinds = ("skill", "education", "experience", "attribute")
        kind = next((k for k in kinds if k in item), kind)
    values[f"{prefix}.item"] = kind
    shown: set[str] = set()
    for name, how in ROW_FIELDS[kind]:
        head, _, tail = name.partition(".")
        value = item.get(head)
        if tail:  # experience.years: a field of the row's sub-object
            value = value.get(tail) if isinstance(value, Mapping) else None
        shown.add(head)
        if how in ("text", "value"):
            if isinstance(value, list):  # several fields of education: kept, not shown
                shown.discard(head)
                continue
            _put_text(values, f"{prefix}.{name}", value)
        elif how == "lines":
            values[f"{prefix}.{name}"] = _lines(value)
        elif how == "many":
            chosen = value if isinstance(value, list) else [value] if value else []
            values[f"{prefix}.{name}"] = [str(v) for v in chosen]
        elif how == "flag":
            values[f"{prefix}.{name}"] = "true" if value is True else ""
        else:
            values[f"{prefix}.{name}"] = _text(value)
    if kind == "experience":
        experience = item.get("experience")
        rest = {
            k: v
            for k, v in (experience.items() if isinstance(experience, Mapping) else ())
            if k not in ("years", "area", "skill")
        }
        extra = {k: v for k, v in item.items() if k not in shown}
        if rest:
            extra["experience"] = rest
    else:
        extra = {k: v for k, v in item.items() if k not in shown}
    values[f"{prefix}.extra"] = _json(extra)


def _put_text(values: dict[str, Value], name: str, text: Any) -> None:
    """A text or value in its ru and en fields: ``{ru, en}`` each in its own; a plain value
    (``B1``, a Russian or English string) in the ru field."""
    if isinstance(text, Mapping):
        values[f"{name}.ru"] = _text(text.get("ru"))
        values[f"{name}.en"] = _text(text.get("en"))
    else:
        values[f"{name}.ru"] = _text(text)
        values[f"{name}.en"] = ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _lines(value: Any) -> str:
    if value is None:
        return ""
    return "\n".join(str(v) for v in (value if isinstance(value, list) else [value]))


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str) if value else ""


# -- posted form -> form --------------------------------------------------------------------

_ROW_NAME = re.compile(r"^(?P<section>[a-z_]+)\.(?P<row>\d+)\.")
#: the checkbox groups and checkboxes, which post one pair per ticked box (or none)
_MULTI = frozenset(n for fields in ROW_FIELDS.values() for n, how in fields if how == "many")


def form_from_post(pairs: Iterable[tuple[str, str]]) -> FormState:
    """The form as a browser posted it (name/value pairs, a checkbox group once per tick)."""
    form = FormState()
    rows: dict[str, set[int]] = {s: set() for s in SECTIONS}
    for name, value in pairs:
        match = _ROW_NAME.match(name)
        if match and match["section"] in rows:
            rows[match["section"]].add(int(match["row"]))
            last = name.rsplit(".", 1)[1]
            if last in _MULTI:
                chosen = form.values.setdefault(name, [])
                if isinstance(chosen, list):
                    chosen.append(value)
                continue
        form.values[name] = value.replace("\r\n", "\n")
    form.rows = {s: sorted(r) for s, r in rows.items()}
    return form


def apply_action(form: FormState, action: str) -> str | None:
    """Do an editing action of the form's buttons on ``form``: ``add:duties`` (a new row; for
    requirements ``add:requirements:education``), ``remove:duties.3``. Returns the name of the
    field to focus next (the new row's first field, or the section after a removal); None
    for an unknown action."""
    verb, _, target = action.partition(":")
    if verb == "add":
        section, _, kind = target.partition(":")
        if section not in SECTIONS:
            return None
        kind = kind if kind in ITEMS[section] else ITEMS[section][0]
        row = max(form.rows[section], default=-1) + 1
        form.rows[section].append(row)
        form.values[f"{section}.{row}.item"] = kind
        first = row_field_names(kind)[0]
        if kind in ("duty", "right", "responsibility"):
            first = "label.ru"
        return f"{section}.{row}.{first}"
    if verb == "remove":
        section, _, number = target.partition(".")
        if section not in SECTIONS or not number.isdigit() or int(number) not in form.rows[section]:
            return None
        form.rows[section].remove(int(number))
        prefix = f"{section}.{number}."
        for name in [n for n in form.values if n.startswith(prefix)]:
            del form.values[name]
        return section
    return None


# -- form -> data ---------------------------------------------------------------------------


def data_from_form(form: FormState) -> tuple[dict[str, Any], PathMap, list[Problem]]:
    """The job description's data of the form (empty rows left out), where each data item
    came from, and the values that could not be read (each at its field)."""
    problems: list[Problem] = []
    extra = _load_extra(form, "extra", problems)
    data: dict[str, Any] = {}
    position: dict[str, Any] = {}
    _set(position, "id", form.get("position.id").strip())
    for name in POSITION_TEXTS:
        _set(position, name, _text_of(form, f"position.{name}"))
    for name in POSITION_REFS:
        _set(position, name, form.get(f"position.{name}").strip())
    for name in POSITION_LISTS:
        _set(position, name, _split(form.get(f"position.{name}")))
    position_extra = extra.pop("position", None)
    if isinstance(position_extra, Mapping):
        position.update({k: v for k, v in position_extra.items() if k not in position})
    data["position"] = position
    _set(data, "title", _text_of(form, "title"))
    data["status"] = form.get("status").strip() or "draft"
    _set(data, "version", form.get("version").strip())
    paths = PathMap()
    for section in SECTIONS:
        items: list[Any] = []
        for row in form.rows[section]:
            item = _row_data(form, section, row, problems)
            if item is None:
                continue
            paths.rows[(section, len(items))] = row
            items.append(item)
        _set(data, section, items)
    for key, value in extra.items():
        data.setdefault(key, value)
    return data, paths, problems


def _row_data(form: FormState, section: str, row: int, problems: list[Problem]) -> Any:
    """The data item of one row; None for an empty row."""
    prefix = f"{section}.{row}"
    kind = form.item(section, row)
    if kind == "ref":
        reference = form.get(f"{prefix}.ref").strip()
        return reference or None
    item: dict[str, Any] = {}
    for name, how in ROW_FIELDS.get(kind, ()):
        full = f"{prefix}.{name}"
        value: Any
        if how in ("text", "value"):
            value = _text_of(form, full, plain=how == "value")
        elif how == "lines":
            value = _split(form.get(full))
        elif how == "many":
            chosen = form.values.get(full, [])
            value = list(chosen) if isinstance(chosen, list) else [chosen]
            value = [v for v in value if v]
            if name == "education" and len(value) == 1:
                value = value[0]
        elif how == "flag":
            value = True if form.get(full) else None
        elif how == "number":
            value = _number(form.get(full), full, problems)
        else:
            value = form.get(full).strip()
            if DEFAULTS.get(name) == value:
                value = None  # the default, written only where the file had it
        head, _, tail = name.partition(".")
        if tail:
            if value not in (None, "", []):
                item.setdefault(head, {})[tail] = value
        else:
            _set(item, head, value)
    extra = _load_extra(form, f"{prefix}.extra", problems)
    if not item and not (kind == "experience" and extra.get("experience")):
        return None
    if kind in ("skill", "education", "experience", "attribute") and kind not in item:
        # a requirement row needs its own field; without it the reader names what is missing
        item.setdefault(kind, {} if kind == "experience" else "")
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(item.get(key), dict):
            item[key] = {**value, **item[key]}
        else:
            item.setdefault(key, value)
    return item


def _text_of(form: FormState, name: str, *, plain: bool = False) -> Any:
    """``{ru, en}`` of the fields ``name.ru`` and ``name.en``; with ``plain``, one language
    alone is a plain value (a level ``B1``, an area in words)."""
    ru = form.get(f"{name}.ru").strip()
    en = form.get(f"{name}.en").strip()
    if plain and ru and not en:
        return ru
    if plain and en and not ru:
        return en
    text = {k: v for k, v in (("ru", ru), ("en", en)) if v}
    return text or None


def _split(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _number(text: str, name: str, problems: list[Problem]) -> int | float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        problems.append(Problem(name, f"'{text}' is not a number"))
        return None
    return int(number) if number.is_integer() else number


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        target[key] = value


def _load_extra(form: FormState, name: str, problems: list[Problem]) -> dict[str, Any]:
    text = form.get(name).strip()
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError:
        problems.append(Problem(name, "the hidden fields of the form were changed; reload"))
        return {}
    return dict(loaded) if isinstance(loaded, Mapping) else {}


# -- a violation's inputPath -> the form field ---------------------------------------------

#: `` at duties[1].id`` at the end of an input error's message (or before its parentheses)
_AT_PATH = re.compile(
    r" at ((?:[A-Za-z_][A-Za-z0-9_]*|\[\d+\])(?:\.?[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)(?: \(|$)"
)
_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def locate(input_path: str | None, form: FormState, paths: PathMap) -> str | None:
    """The form field (or row, or section) where a violation located at ``input_path`` of
    the data belongs: ``duties[1].supportedBy[0]`` -> ``duties.3.supported_by`` when the
    data's second duty came from the form's row 3. None when the form has no such place
    (the violation is shown in the summary only)."""
    if not input_path:
        return None
    steps: list[str] = []
    for name, index in _STEP.findall(input_path):
        if name:
            steps.append(_snake(name))
        elif steps and steps[-1] in SECTIONS and len(steps) == 1:
            row = paths.rows.get((steps[0], int(index)))
            if row is None:
                return steps[0]
            steps.append(str(row))
        else:
            steps.append(index)
    names = form.names()
    for length in range(len(steps), 0, -1):
        candidate = ".".join(steps[:length])
        if candidate in names:
            return candidate
        # a text names its first language field (position.label -> position.label.ru)
        for language in ("ru", "en"):
            if f"{candidate}.{language}" in names:
                return f"{candidate}.{language}"
    return None


def locate_message(message: str) -> str | None:
    """The field path an input error's message ends with (``... at duties[1].id``)."""
    match = _AT_PATH.search(message)
    return match.group(1) if match else None
