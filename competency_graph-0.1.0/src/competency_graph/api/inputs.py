"""GraphQL input types generated from the job-description JSON Schema, and back to its data.

``schema/job-description.schema.json`` defines what a YAML or JSON job description holds;
the input types here are built from it when the schema is built, so the two cannot drift: a
field added to the JSON Schema is a field of ``JobDescriptionInput`` at the next start (and
in the committed SDL, which its test holds).

GraphQL input has no unions, so the JSON Schema's alternatives take one canonical form each:

- an item that is a reference *or* a new entity (``duties: [duty:x, {label: ...}]``) is an
  input object with the entity's fields and a ``ref`` field: ``{ref: "duty:x"}`` or
  ``{label: {ru: ...}}``;
- a reference or a list of them is a list;
- a value the same in every language *or* a text is ``{code: "B1"}`` or ``{ru:, en:}``;
- a free text is ``{ru:, en:}`` (at least one).

:func:`to_job_description_data` turns a ``JobDescriptionInput`` value back into the data of
the JSON Schema (the YAML file's content), which the one reader
(:mod:`competency_graph.importers.job_description`) then validates and converts, so every
rule about the content is applied in one place. Field names are the JSON Schema's in
camelCase (``supported_by`` is ``supportedBy``); :func:`input_path` writes a reader's field
path (``duties[3].supported_by[0]``) in the input's terms (``duties[3].supportedBy[0]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import graphene

from competency_graph.errors import InputError
from competency_graph.importers.job_description import job_description_schema

#: a JSON Schema node
Node = Mapping[str, Any]
#: turns one GraphQL input value into the JSON Schema's data
Decoder = Callable[[Any, str], Any]
#: turns the JSON Schema's data into a GraphQL input value (as JSON variables carry it)
Encoder = Callable[[Any], Any]

ROOT_NAME = "JobDescriptionInput"
#: the root's name in the names of the types made for it (``JobDescriptionStatusInput``)
ROOT_HINT = "job_description"


@dataclass(frozen=True)
class Generated:
    """A GraphQL input type (unwrapped: no NonNull), how to decode its values and how to
    encode the JSON Schema's data as such a value."""

    type: Any
    decode: Decoder
    encode: Encoder


def camel(name: str) -> str:
    """``supported_by`` -> ``supportedBy`` (graphene's own conversion of field names)."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def input_path(path: str) -> str:
    """A reader's field path in the input's terms: ``duties[3].supported_by[0]`` ->
    ``duties[3].supportedBy[0]``."""
    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: camel(m.group(0)), path)


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]+", name) if part)


def _enum_member(value: str) -> str:
    """``in-force`` -> ``IN_FORCE``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", value).strip("_").upper()


def _describe(node: Node) -> str | None:
    """The node's title and description as one text, starting with a capital."""
    texts = [str(node[k]) for k in ("title", "description") if node.get(k)]
    if not texts:
        return None
    text = ". ".join(t.rstrip(".") for t in texts) + "."
    return text[:1].upper() + text[1:]


def _described(node: Node) -> dict[str, Any]:
    """The title and description of ``node`` alone."""
    return {k: node[k] for k in ("title", "description") if k in node}


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


class _Builder:
    """Walks the JSON Schema once, making one GraphQL type per definition."""

    def __init__(self, schema: Node) -> None:
        self.schema = schema
        self.defs: Mapping[str, Node] = schema.get("$defs", {})
        self.made: dict[str, Generated] = {}
        #: every enum made, by its GraphQL name (mutations take some of them as arguments)
        self.enums: dict[str, Any] = {}

    def deref(self, node: Node) -> tuple[Node, str | None]:
        """The node a ``$ref`` points to (merged with the referring node's description),
        and the definition's name."""
        ref = node.get("$ref")
        if ref is None:
            return node, None
        name = str(ref).rsplit("/", 1)[1]
        target = dict(self.defs[name])
        if node.get("description"):
            target["description"] = node["description"]
        return target, name

    def build(self, node: Node, hint: str) -> Generated:
        """The type of ``node``; ``hint`` names it when it needs a name of its own."""
        target, name = self.deref(node)
        if name is not None:
            if name not in self.made:
                self.made[name] = self._build(target, name)
            return self.made[name]
        return self._build(target, hint)

    def _build(self, node: Node, hint: str) -> Generated:
        if "enum" in node:
            return self.enum(node, hint)
        if "if" in node and "else" in node and node["if"].get("type") == "string":
            return self.reference_or_entity(node, hint)
        alternatives = node.get("anyOf")
        if alternatives is not None:
            return self.alternatives(node, alternatives, hint)
        kind = node.get("type")
        if kind == "object":
            return self.object(node, hint)
        if kind == "array":
            items = node["items"]
            if "$ref" not in items:  # an inline item (an enum) is described by its list
                items = {**_described(node), **items}
            item = self.build(items, hint)
            return Generated(
                graphene.List(graphene.NonNull(item.type)),
                _list_of(item.decode),
                lambda values: [item.encode(v) for v in _as_list(values)],
            )
        if kind == "string" or (isinstance(kind, list) and "string" in kind):
            return Generated(graphene.String, _same, _text)  # a number kept as written: "1.0"
        if kind == "integer":
            return Generated(graphene.Int, _same, _as_is)
        if kind == "number":
            return Generated(graphene.Float, _same, _as_is)
        if kind == "boolean":
            return Generated(graphene.Boolean, _same, _as_is)
        raise TypeError(f"no GraphQL input type for the JSON Schema node {hint}: {dict(node)}")

    def enum(self, node: Node, hint: str) -> Generated:
        values = [str(v) for v in node["enum"]]
        members = {_enum_member(v): v for v in values}
        texts = dict(zip(values, node.get("enumDescriptions", ()), strict=False))
        meta = type(
            "Meta",
            (),
            {"description": _describe(node) or _describe({"title": node.get("x-message")})},
        )
        # graphene describes each value by the members' ``description`` (as in api/types.py)
        value_text = property(lambda member: texts.get(member.value))
        enum = type(
            f"{_pascal(hint)}Input",
            (graphene.Enum,),
            {**members, "Meta": meta, "description": value_text},
        )
        self.enums[enum.__name__] = enum
        names = {v: k for k, v in members.items()}
        return Generated(enum, _enum_value, lambda value: names.get(str(value), value))

    def object(self, node: Node, hint: str, *, with_ref: bool = False) -> Generated:
        properties: Mapping[str, Node] = node.get("properties", {})
        required = set() if with_ref else set(node.get("required", ()))
        fields: dict[str, Any] = {}
        decoders: dict[str, Decoder] = {}
        encoders: dict[str, Encoder] = {}
        for key, child in properties.items():
            generated = self.build(child, f"{hint}_{key}")
            field_type = graphene.NonNull(generated.type) if key in required else generated.type
            fields[key] = graphene.InputField(field_type, description=self.field_text(child))
            decoders[key] = generated.decode
            encoders[key] = generated.encode
        if with_ref:
            fields["ref"] = graphene.InputField(
                graphene.String,
                description="An existing entity by compact id, IRI or label, instead of the "
                "fields of a new one.",
            )
        name = f"{_pascal(hint)}Input"
        cls = type(name, (graphene.InputObjectType,), {**fields, "__doc__": _describe(node)})

        def decode(value: Any, path: str) -> Any:
            given = {k: v for k, v in dict(value).items() if v is not None}
            if with_ref and "ref" in given:
                if len(given) > 1:
                    others = ", ".join(camel(k) for k in sorted(given) if k != "ref")
                    raise InputError(f"{input_path(path)}: give either ref or {others}, not both")
                return given["ref"]
            return {k: decoders[k](v, _join(path, k)) for k, v in given.items()}

        def encode(data: Any) -> Any:
            if with_ref and isinstance(data, str):
                return {"ref": data}
            if not isinstance(data, Mapping):
                return data  # not the schema's shape: GraphQL's own validation names it
            return {camel(k): encoders[k](v) if k in encoders else v for k, v in data.items()}

        return Generated(cls, decode, encode)

    def field_text(self, child: Node) -> str | None:
        """A field's description: its own words, else those of a plain definition it refers
        to (a reference); an input type's description is on the type, not repeated."""
        if child.get("description") or child.get("title"):
            return _describe(child)
        target, _ = self.deref(child)
        return _describe(target)

    def reference_or_entity(self, node: Node, hint: str) -> Generated:
        entity, name = self.deref(node["else"])
        return self.object(entity, name or hint, with_ref=True)

    def alternatives(self, node: Node, alternatives: list[Node], hint: str) -> Generated:
        resolved = [self.deref(a)[0] for a in alternatives]
        kinds = [a.get("type") for a in resolved]
        arrays = [a for a in resolved if a.get("type") == "array"]
        if arrays:  # one thing or a list of them: always a list
            return self.build(arrays[0], hint)
        objects = [a for a in resolved if a.get("type") == "object"]
        if objects and any(k in ("string", ["string", "number"]) for k in kinds):
            text = objects[0]
            code_too = ["string", "number"] in kinds
            return self.text_or_code({**text, **_described(node)}, hint, code_too)
        raise TypeError(f"no GraphQL input type for the alternatives of {hint}")

    def text_or_code(self, text: Node, hint: str, code_too: bool) -> Generated:
        """``{ru, en}`` texts; with ``code_too``, a value the same in every language
        (``code``), else a plain text whose language the reader guesses (``text``)."""
        name = "ValueInput" if code_too else "FreeTextInput"
        if name in self.made:
            return self.made[name]
        fields: dict[str, Any] = {
            lang: graphene.InputField(graphene.String, description=description)
            for lang, description in (("ru", "In Russian."), ("en", "In English."))
        }
        plain = "code" if code_too else "text"
        fields[plain] = graphene.InputField(
            graphene.String,
            description="A value the same in every language (B1, 5), instead of ru/en."
            if code_too
            else "A plain text, instead of ru/en: its language is guessed (Cyrillic is Russian).",
        )
        cls = type(name, (graphene.InputObjectType,), {**fields, "__doc__": _describe(text)})

        def decode(value: Any, path: str) -> Any:
            given = {k: v for k, v in dict(value).items() if v is not None}
            if plain in given:
                if len(given) > 1:
                    raise InputError(f"{input_path(path)}: give either {plain} or ru/en, not both")
                return given[plain]
            return given

        def encode(data: Any) -> Any:
            return dict(data) if isinstance(data, Mapping) else {plain: _text(data)}

        generated = Generated(cls, decode, encode)
        self.made[name] = generated
        return generated


def _same(value: Any, path: str) -> Any:
    return value


def _as_is(data: Any) -> Any:
    return data


def _text(data: Any) -> Any:
    """A number where the schema takes a string or a number (``version: 1.0``), as written."""
    return str(data) if isinstance(data, int | float) and not isinstance(data, bool) else data


def _as_list(data: Any) -> list[Any]:
    """One thing or a list of them (the schema's ``refOrRefs``), as a list."""
    return list(data) if isinstance(data, list | tuple) else [data]


def _enum_value(value: Any, path: str) -> Any:
    return getattr(value, "value", value)


def _list_of(decode: Decoder) -> Decoder:
    def decode_list(values: Any, path: str) -> Any:
        return [decode(v, _join(path, i)) for i, v in enumerate(values)]

    return decode_list


@cache
def _built() -> tuple[Generated, dict[str, Any]]:
    builder = _Builder(job_description_schema())
    return builder.object(job_description_schema(), ROOT_HINT), builder.enums


def _generated() -> Generated:
    return _built()[0]


def input_enum(name: str) -> Any:
    """A generated enum by its GraphQL name (``AgreementRoleInput``)."""
    return _built()[1][name]


def job_description_input() -> Any:
    """The ``JobDescriptionInput`` type (built once from the JSON Schema)."""
    return _generated().type


def from_job_description_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The ``JobDescriptionInput`` value (as JSON variables carry it) of the JSON Schema's
    data: a YAML job description sent over GraphQL."""
    value: dict[str, Any] = _generated().encode(data)
    return value


def to_job_description_data(value: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema's data (what a YAML file holds) of a ``JobDescriptionInput`` value."""
    data: dict[str, Any] = _generated().decode(value, "")
    return data
