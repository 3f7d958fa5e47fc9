"""The GraphQL input types generated from the job-description JSON Schema (api/inputs.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from graphql import GraphQLError, GraphQLInputObjectType, GraphQLInputType
from graphql.utilities import coerce_input_value

from competency_graph.api.inputs import (
    from_job_description_data,
    input_path,
    to_job_description_data,
)
from competency_graph.api.schema import graphql_schema
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.importers.job_description import (
    convert_job_description,
    job_description_schema,
)
from competency_graph.model.readmodel import ReadModel, build_read_model

from ..conftest import EXAMPLES
from ..rdf_support import tree_canonical


@pytest.fixture(scope="module")
def shipped_model(shipped: LoadedGraph) -> ReadModel:
    """The read model references in the examples resolve against."""
    return build_read_model(shipped.graph)


JOB_DESCRIPTIONS = sorted(
    p for p in (EXAMPLES / "job-descriptions").rglob("*") if p.suffix in (".yaml", ".json")
)


def _input_type(name: str) -> GraphQLInputObjectType:
    found = graphql_schema().get_type(name)
    assert isinstance(found, GraphQLInputObjectType), name
    return found


def _objects(node: Mapping[str, Any], defs: Mapping[str, Any], seen: set[str]) -> Iterator[Any]:
    """Every object node of the JSON Schema reachable from ``node``."""
    ref = node.get("$ref")
    if ref is not None:
        name = ref.rsplit("/", 1)[1]
        if name not in seen:
            seen.add(name)
            yield from _objects(defs[name], defs, seen)
        return
    if node.get("type") == "object" and "properties" in node:
        yield node
    for key in ("items", "then", "else"):
        if isinstance(node.get(key), Mapping):
            yield from _objects(node[key], defs, seen)
    for alternative in node.get("anyOf", ()):
        yield from _objects(alternative, defs, seen)
    for child in node.get("properties", {}).values():
        yield from _objects(child, defs, seen)


def test_every_field_of_the_json_schema_is_a_field_of_the_input_and_no_other() -> None:
    schema = job_description_schema()
    root = _input_type("JobDescriptionInput")
    assert set(root.fields) == {
        "position",
        "title",
        "status",
        "version",
        "requirements",
        "duties",
        "rights",
        "responsibilities",
        "omissions",
        "approval",
        "agreements",
        "familiarisation",
    }
    # every object of the JSON Schema has an input type with its fields in camelCase
    inputs = [
        t for t in graphql_schema().type_map.values() if isinstance(t, GraphQLInputObjectType)
    ]
    by_fields = {frozenset(t.fields) - {"ref"}: t for t in inputs}
    for node in _objects(schema, schema["$defs"], set()):
        camel = frozenset(
            k.split("_")[0] + "".join(p.title() for p in k.split("_")[1:])
            for k in node["properties"]
        )
        assert camel in by_fields, sorted(camel)


def test_required_fields_of_the_json_schema_are_non_null() -> None:
    position = _input_type("PositionInput")
    assert str(position.fields["id"].type) == "String!"
    assert str(position.fields["label"].type) == "TextInput!"
    assert str(_input_type("JobDescriptionInput").fields["status"].type) == (
        "JobDescriptionStatusInput!"
    )
    # a duty may be a reference instead: nothing of it is required
    assert str(_input_type("DutyInput").fields["label"].type) == "TextInput"


def _through_graphql(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` encoded, coerced as GraphQL coerces a variable, and decoded."""
    variable = json.loads(json.dumps(from_job_description_data(data)))  # as a client sends it
    root: GraphQLInputType = _input_type("JobDescriptionInput")
    return to_job_description_data(coerce_input_value(variable, root))


@pytest.mark.parametrize("path", JOB_DESCRIPTIONS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_reads_the_same_through_the_input_type(
    path: Path, shipped_model: ReadModel
) -> None:
    """What the reader converts, it converts to the same graph when sent through GraphQL;
    what it refuses, GraphQL's coercion or the reader refuses too."""
    try:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    except (yaml.YAMLError, ValueError):  # PyYAML's own reading of 2026-02-30 fails
        pytest.skip("PyYAML cannot read it: nothing to send")
    try:
        expected: Any = tree_canonical(convert_job_description(data, shipped_model).graph)
    except InputError:
        expected = None
    try:
        sent = _through_graphql(data)
    except GraphQLError:
        assert expected is None, "GraphQL refuses what the reader converts"
        return
    try:
        actual: Any = tree_canonical(convert_job_description(sent, shipped_model).graph)
    except InputError:
        actual = None
    assert actual == expected


def test_a_reference_and_new_fields_at_once_is_an_error_at_the_field() -> None:
    value = {
        "position": {"id": "x", "label": {"ru": "Икс"}},
        "status": "DRAFT",
        "duties": [{"label": {"ru": "Звонить"}}, {"ref": "duty:call", "label": {"ru": "Звонить"}}],
    }
    coerced = coerce_input_value(value, _input_type("JobDescriptionInput"))
    with pytest.raises(InputError) as raised:
        to_job_description_data(coerced)
    assert str(raised.value) == "duties[1]: give either ref or label, not both"


def test_values_take_their_schema_shapes() -> None:
    value = {
        "position": {
            "id": "x",
            "label": {"ru": "Икс"},
            "workCategories": ["CASHIERS_AND_CONTROLLERS"],
        },
        "status": "IN_FORCE",
        "version": "2.0",
        "requirements": [
            {"skill": "skill:english", "level": {"code": "B2"}},
            {"ref": "requirement:am-crm"},
            {"education": ["HIGHER"], "field": [{"text": "экономика"}]},
        ],
    }
    coerced = coerce_input_value(value, _input_type("JobDescriptionInput"))
    assert to_job_description_data(coerced) == {
        "position": {
            "id": "x",
            "label": {"ru": "Икс"},
            "work_categories": ["cashiers-and-controllers"],
        },
        "status": "in-force",
        "version": "2.0",
        "requirements": [
            {"skill": "skill:english", "level": "B2"},
            "requirement:am-crm",
            {"education": ["higher"], "field": ["экономика"]},
        ],
    }


def test_input_paths_are_in_the_inputs_terms() -> None:
    assert input_path("duties[3].supported_by[0]") == "duties[3].supportedBy[0]"
    assert input_path("position.reports_to") == "position.reportsTo"
    assert input_path("agreements[2]") == "agreements[2]"
