"""The GraphQL conventions, linted: the schema and the example operations client tools read.

Two linters agree here. A rule set in Python over graphql-core's schema always runs; the
reference linter, graphql-eslint (its schema and operations presets), runs through npm when
Node is installed. The rules are what graphql-codegen, Apollo and Relay need: a name on
every operation (they reject anonymous ones, and names must be unique across documents),
``id`` selected wherever a type has one (normalising caches key objects by it), no deprecated
field in the examples, and a description on every type, field, argument and enum value.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    build_schema,
    get_named_type,
    parse,
    validate,
)
from graphql.language import get_location
from graphql.type.directives import DEFAULT_DEPRECATION_REASON

from competency_graph.api.graphiql import DEFAULT_QUERY
from competency_graph.api.schema import graphql_schema

from ..conftest import EXAMPLES

REPO = EXAMPLES.parent
SDL_FILE = REPO / "schema" / "schema.graphql"
QUERIES = EXAMPLES / "queries"
BUILT_IN = {"String", "Boolean", "Int", "Float", "ID"}

# -- the schema --------------------------------------------------------------------------------


def own_types(schema: GraphQLSchema) -> list[GraphQLNamedType]:
    """The schema's types, without introspection types and built-in scalars."""
    return [
        named
        for name, named in schema.type_map.items()
        if not name.startswith("__") and name not in BUILT_IN
    ]


def described(where: str, description: str | None) -> list[str]:
    """Findings for one description: missing, or starting with a lower-case letter."""
    if not description:
        return [f"{where}: no description"]
    if description[0].islower():
        return [f"{where}: description starts with a lower-case letter"]
    return []


def deprecation(where: str, reason: str | None) -> list[str]:
    """A deprecation must tell clients what to use instead, not graphql's default text."""
    if reason is not None and (not reason or reason == DEFAULT_DEPRECATION_REASON):
        return [f"{where}: deprecated without a reason"]
    return []


def schema_findings(schema: GraphQLSchema) -> list[str]:
    """Every type, field, argument and enum value described (capitalised); deprecations with
    a reason; every type that implements Node has ``id: ID!``."""
    found: list[str] = []
    for named in own_types(schema):
        found += described(named.name, named.description)
        if isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                where = f"{named.name}.{value_name}"
                found += described(where, value.description)
                found += deprecation(where, value.deprecation_reason)
        if isinstance(named, GraphQLInputObjectType):
            for field_name, input_field in named.fields.items():
                found += described(f"{named.name}.{field_name}", input_field.description)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                where = f"{named.name}.{field_name}"
                found += described(where, field.description)
                found += deprecation(where, field.deprecation_reason)
                for arg_name, arg in field.args.items():
                    found += described(f"{where}({arg_name}:)", arg.description)
    node = schema.get_type("Node")
    if isinstance(node, GraphQLInterfaceType):
        for implementation in schema.get_possible_types(node):
            id_field = implementation.fields.get("id")
            if id_field is None or str(id_field.type) != "ID!":
                found.append(f"{implementation.name}: implements Node without `id: ID!`")
    return found


# -- the example operations --------------------------------------------------------------------


def example_documents() -> dict[str, str]:
    """Every example operation by a short name: the query files and the console's default."""
    documents = {
        str(path.relative_to(QUERIES)): path.read_text(encoding="utf-8")
        for path in sorted(QUERIES.rglob("*.graphql"))
    }
    documents["the console's default query"] = DEFAULT_QUERY
    return documents


def line_of(node: Node) -> int:
    """The 1-based line a node of a parsed document starts on."""
    assert node.loc is not None
    return get_location(node.loc.source, node.loc.start).line


def selected_names(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> set[str]:
    """Field names selected on the type itself, through inline fragments and spreads too."""
    names: set[str] = set()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names |= selected_names(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            names |= selected_names(fragments[selection.name.value].selection_set, fragments)
    return names


def selection_findings(
    schema: GraphQLSchema,
    parent: GraphQLNamedType,
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
) -> list[str]:
    """``id`` missing on a selected type that has it, and deprecated fields, recursively."""
    found: list[str] = []
    for selection in selection_set.selections:
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            inner = schema.get_type(condition.name.value) if condition else parent
            if inner is not None:
                found += selection_findings(schema, inner, selection.selection_set, fragments)
            continue
        if not isinstance(selection, FieldNode) or selection.name.value.startswith("__"):
            continue
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            continue
        field = parent.fields.get(selection.name.value)
        if field is None:
            continue  # graphql's own validation reports it
        where = f"line {line_of(selection)}: {parent.name}.{selection.name.value}"
        if field.deprecation_reason is not None:
            found.append(f"{where}: deprecated ({field.deprecation_reason})")
        target = get_named_type(field.type)
        if selection.selection_set is None:
            continue
        has_id = isinstance(target, GraphQLObjectType | GraphQLInterfaceType) and (
            "id" in target.fields
        )
        if has_id and "id" not in selected_names(selection.selection_set, fragments):
            found.append(f"{where}: selects {target.name} without its id")
        found += selection_findings(schema, target, selection.selection_set, fragments)
    return found


def operation_findings(schema: GraphQLSchema, documents: dict[str, str]) -> list[str]:
    """Anonymous or duplicate operation names, invalid operations, missing ``id`` selections
    and deprecated fields, for each document (``name -> text``)."""
    found: list[str] = []
    seen: dict[str, str] = {}
    for name, text in documents.items():
        document: DocumentNode = parse(Source(text, name))
        found += [f"{name}: {error.message}" for error in validate(schema, document)]
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        for definition in document.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            if definition.name is None:
                found.append(f"{name}: line {line_of(definition)}: anonymous operation")
            elif definition.name.value in seen:
                other = seen[definition.name.value]
                found.append(f"{name}: operation {definition.name.value} is also in {other}")
            else:
                seen[definition.name.value] = name
            root = schema.get_root_type(definition.operation)
            if root is not None:
                found += [
                    f"{name}: {finding}"
                    for finding in selection_findings(
                        schema, root, definition.selection_set, fragments
                    )
                ]
    return found


# -- the tests ---------------------------------------------------------------------------------


def test_the_schema_follows_the_conventions() -> None:
    assert schema_findings(graphql_schema()) == []


def test_the_example_operations_follow_the_conventions() -> None:
    documents = example_documents()
    assert len(documents) >= 13
    assert operation_findings(graphql_schema(), documents) == []


BROKEN_SDL = '''
"""Anything with an id."""
interface Node {
  """The id."""
  id: ID!
}

"""A thing."""
type Thing implements Node {
  """The id."""
  id: ID!
  """the name, in lower case."""
  name(lang: Lang): String @deprecated
  """Its owner."""
  owner: Owner
}

type Owner {
  id: String!
  """What it owns."""
  things: [Thing!]! @deprecated(reason: "Use `node`.")
}

"""A language."""
enum Lang {
  RU
  """English."""
  EN
}

"""Entry points."""
type Query {
  """Things."""
  things: [Thing!]!
}
'''


def test_the_schema_rules_name_each_problem() -> None:
    assert schema_findings(build_schema(BROKEN_SDL)) == [
        "Thing.name: description starts with a lower-case letter",
        "Thing.name: deprecated without a reason",
        "Thing.name(lang:): no description",
        "Owner: no description",
        "Owner.id: no description",
        "Lang.RU: no description",
    ]


def test_the_operation_rules_name_each_problem() -> None:
    documents = {
        "anonymous.graphql": "{ things { id owner { things { id } } } }",
        "first.graphql": "query Things { things { name } }",
        "second.graphql": "query Things { things { id nope } }",
        "fragment.graphql": "query Owners { things { ...Parts } }\n"
        "fragment Parts on Thing { id owner { id } }",
    }
    assert operation_findings(build_schema(BROKEN_SDL), documents) == [
        "anonymous.graphql: line 1: anonymous operation",
        "anonymous.graphql: line 1: Thing.owner: selects Owner without its id",
        "anonymous.graphql: line 1: Owner.things: deprecated (Use `node`.)",
        "first.graphql: line 1: Query.things: selects Thing without its id",
        "first.graphql: line 1: Thing.name: deprecated (No longer supported)",
        "second.graphql: Cannot query field 'nope' on type 'Thing'. Did you mean 'name'?",
        "second.graphql: operation Things is also in first.graphql",
    ]  # fragment.graphql selects every id through its fragment: nothing to say


# -- the reference linter ----------------------------------------------------------------------

#: graphql-eslint and what it runs on, pinned so the findings do not change under us
NPM_PACKAGES = ("eslint@9.39", "@graphql-eslint/eslint-plugin@4.4", "graphql@16.11")

ESLINT_CONFIG = """\
import graphql from '@graphql-eslint/eslint-plugin';
const graphQLConfig = { schema: 'schema.graphql', documents: 'queries/**/*.graphql' };
const base = {
  languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig } },
  plugins: { '@graphql-eslint': graphql },
};
export default [
  { ...base, files: ['schema.graphql'], rules: {
    ...graphql.configs['flat/schema-recommended'].rules,
    '@graphql-eslint/require-description': ['error', { types: true, rootField: true,
      FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true }],
    // analysis results, connections and edges are values without an identity of their own
    '@graphql-eslint/strict-id-in-types': 'off',
  } },
  { ...base, files: ['queries/**/*.graphql'], rules: {
    ...graphql.configs['flat/operations-recommended'].rules,
    '@graphql-eslint/require-selections': 'error',
    '@graphql-eslint/no-deprecated': 'error',
  } },
];
"""


def npm_cache() -> Path:
    """Where graphql-eslint is installed once and reused (beside npm's own cache)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    versions = "-".join(package.rsplit("@", 1)[1] for package in NPM_PACKAGES)
    return base / "competency-graph" / f"graphql-eslint-{versions}"


@pytest.fixture(scope="module")
def graphql_eslint() -> Iterator[Path]:
    """A folder with graphql-eslint installed; the test is skipped without Node or npm."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: the Python rule set above still ran")
    folder = npm_cache()
    if not (folder / "node_modules" / "@graphql-eslint").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", *NPM_PACKAGES],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=280,
            check=False,
        )
        if installed.returncode != 0:
            pytest.skip(f"npm could not install graphql-eslint: {installed.stderr.strip()[-300:]}")
    yield folder


def test_graphql_eslint_finds_nothing(graphql_eslint: Path, tmp_path: Path) -> None:
    # eslint lints files under its config's folder only: copy the schema and the examples in
    work = tmp_path / "lint"
    shutil.copytree(QUERIES, work / "queries", ignore=shutil.ignore_patterns("*.json"))
    (work / "queries" / "console-default.graphql").write_text(DEFAULT_QUERY, encoding="utf-8")
    shutil.copy(SDL_FILE, work / "schema.graphql")
    (work / "eslint.config.mjs").write_text(ESLINT_CONFIG, encoding="utf-8")
    (work / "node_modules").symlink_to(graphql_eslint / "node_modules")
    result = subprocess.run(
        ["node", "node_modules/eslint/bin/eslint.js", "--format", "json", "."],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    findings = [
        f"{Path(report['filePath']).relative_to(work)}:{message.get('line')}: "
        f"{message.get('ruleId')}: {message['message']}"
        for report in json.loads(result.stdout)
        for message in report["messages"]
    ]
    linted = {Path(report["filePath"]).name for report in json.loads(result.stdout)}
    assert {"schema.graphql", "rules.graphql", "banking.graphql"} <= linted
    assert findings == []
