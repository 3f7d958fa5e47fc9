"""Validation rules that protect the server from expensive documents.

They run with graphql-core's specified rules, once per distinct query text (validated
documents are cached), so they cost nothing on the hot path. Each reports one spec-shaped
error naming the limit and the measured value:

- tokens: the number of lexical tokens (names, punctuation, values; comments do not count),
  counted by graphql-core's parser as it reads (``parse(max_lexical_tokens=...)``), which
  stops at the limit, so a huge document costs no more than the limit;
- depth: the deepest nesting of fields (fragments expanded; introspection's ``ofType``, which
  unwraps a type reference, does not count, so GraphiQL's and other clients' standard
  introspection query passes);
- aliases: the number of aliased fields in the document;
- complexity: the number of fields the query could resolve, where a paginated field counts
  its children ``first`` (or ``last``) times, or the page-size cap times when not given, and
  any other list field counts them :data:`ASSUMED_LIST_SIZE` times;
- repeated fields: one response name selected more than :data:`MAX_REPEATED_FIELD` times at
  one level (fragments expanded; fields of the same name merge their selections);
- introspection: ``__schema``/``__type`` are refused when introspection is off.

The guards run before graphql-core's specified rules (:func:`guard_rules`, then
:data:`graphql.specified_rules`): the rule that overlapping fields can be merged compares
fields pairwise, so a few kilobytes of one repeated field would cost it seconds; the guards
refuse such documents first. Each guard measures a fragment once, however often it is spread,
so fragments that spread each other twice at every level cost nothing either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    ValidationContext,
    get_named_type,
    is_list_type,
    parse,
    specified_rules,
)
from graphql.validation import NoSchemaIntrospectionCustomRule

DEFAULT_MAX_DEPTH = 10
DEFAULT_MAX_ALIASES = 15
DEFAULT_MAX_COMPLEXITY = 5000
DEFAULT_MAX_TOKENS = 2000
#: how often one response name may be selected at one level (fragments expanded)
MAX_REPEATED_FIELD = 10
#: how deep the repeated-field guard looks (the depth guard refuses deeper operations)
MAX_DEPTH_MEASURED = 64
#: how many items the complexity estimate assumes an unpaginated list field returns
ASSUMED_LIST_SIZE = 10
#: the largest POST body the server reads (checked by the transport, not by a rule)
DEFAULT_MAX_BODY_BYTES = 100_000


@dataclass(frozen=True)
class Limits:
    """The guard settings of one server."""

    max_depth: int = DEFAULT_MAX_DEPTH
    max_aliases: int = DEFAULT_MAX_ALIASES
    max_complexity: int = DEFAULT_MAX_COMPLEXITY
    max_page_size: int = 100
    introspection: bool = True
    max_tokens: int = DEFAULT_MAX_TOKENS


@dataclass(frozen=True)
class Cost:
    """Depth and complexity of a selection."""

    depth: int
    complexity: int


class _Measure:
    """Walks a selection set with fragments expanded, measuring depth and complexity."""

    def __init__(self, context: ValidationContext, page_size: int) -> None:
        self.context = context
        self.page_size = page_size
        # a fragment costs the same wherever it is spread: measured once
        self.fragments: dict[str, Cost] = {}

    def selection(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        visiting: frozenset[str] = frozenset(),
    ) -> Cost:
        if selection_set is None:
            return Cost(0, 0)
        depth = complexity = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                cost = self.field(node, parent, visiting)
            elif isinstance(node, InlineFragmentNode):
                condition = (
                    self.context.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                cost = self.selection(node.selection_set, condition, visiting)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in visiting:  # other rules report these
                    continue
                if name not in self.fragments:
                    condition = self.context.schema.get_type(fragment.type_condition.name.value)
                    self.fragments[name] = self.selection(
                        fragment.selection_set, condition, visiting | {name}
                    )
                cost = self.fragments[name]
            else:  # pragma: no cover - no other selection kinds exist
                continue
            depth = max(depth, cost.depth)
            complexity += cost.complexity
        return Cost(depth, complexity)

    def field(
        self, node: FieldNode, parent: GraphQLNamedType | None, visiting: frozenset[str]
    ) -> Cost:
        definition: GraphQLField | None = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        child_type = get_named_type(definition.type) if definition else None
        inner = self.selection(node.selection_set, child_type, visiting)
        multiplier = self.multiplier(node, definition, parent)
        # `__Type.ofType` unwraps a list or non-null type reference (one object, a few levels
        # at most); the standard introspection query of every client nests it 7 times
        unwraps = parent is not None and parent.name == "__Type" and node.name.value == "ofType"
        return Cost(inner.depth + (0 if unwraps else 1), 1 + multiplier * inner.complexity)

    def multiplier(
        self, node: FieldNode, definition: GraphQLField | None, parent: GraphQLNamedType | None
    ) -> int:
        if definition is None or (parent is not None and parent.name.endswith("Connection")):
            return 1  # a connection's edges/nodes: the page size already counted them
        if "first" not in definition.args:
            # an unpaginated list: its length is unknown before running, so assume a size;
            # nested lists multiply, which is what stops list-in-list bombs
            field_type = definition.type
            if isinstance(field_type, GraphQLNonNull):
                field_type = field_type.of_type
            return ASSUMED_LIST_SIZE if is_list_type(field_type) else 1
        for argument in node.arguments or ():
            if argument.name.value in ("first", "last"):
                if isinstance(argument.value, IntValueNode):
                    return max(int(argument.value.value), 1)
                return self.page_size  # a variable: assume the worst allowed
        return self.page_size


def _operation_cost(context: ValidationContext, node: OperationDefinitionNode, page: int) -> Cost:
    root = context.schema.get_root_type(node.operation)
    return _Measure(context, page).selection(node.selection_set, root)


def _name(node: OperationDefinitionNode) -> str:
    return f"operation '{node.name.value}'" if node.name else "the anonymous operation"


def max_depth_rule(limit: int) -> type[ASTValidationRule]:
    """A rule refusing operations nested deeper than ``limit`` fields."""

    class MaxDepthRule(ASTValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            depth = _operation_cost(cast(ValidationContext, self.context), node, 1).depth
            if depth > limit:
                self.report_error(
                    GraphQLError(
                        f"{_name(node)} is {depth} levels deep; the maximum depth is {limit}",
                        node,
                        extensions={"code": "MAX_DEPTH", "limit": limit, "actual": depth},
                    )
                )

    return MaxDepthRule


def max_complexity_rule(limit: int, page_size: int) -> type[ASTValidationRule]:
    """A rule refusing operations that could resolve more than ``limit`` fields."""

    class MaxComplexityRule(ASTValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            complexity = _operation_cost(
                cast(ValidationContext, self.context), node, page_size
            ).complexity
            if complexity > limit:
                self.report_error(
                    GraphQLError(
                        f"{_name(node)} could resolve {complexity} fields; the maximum "
                        f"complexity is {limit} (ask for smaller pages or fewer fields)",
                        node,
                        extensions={
                            "code": "MAX_COMPLEXITY",
                            "limit": limit,
                            "actual": complexity,
                        },
                    )
                )

    return MaxComplexityRule


def max_aliases_rule(limit: int) -> type[ASTValidationRule]:
    """A rule refusing documents with more than ``limit`` aliased fields."""

    class MaxAliasesRule(ASTValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.count = 0
            self.first_over: FieldNode | None = None

        def enter_field(self, node: FieldNode, *_: object) -> None:
            if node.alias is not None:
                self.count += 1
                if self.count == limit + 1:
                    self.first_over = node

        def leave_document(self, *_: object) -> None:
            if self.first_over is not None:
                self.report_error(
                    GraphQLError(
                        f"the document has {self.count} aliases; the maximum is {limit}",
                        self.first_over,
                        extensions={"code": "MAX_ALIASES", "limit": limit, "actual": self.count},
                    )
                )

    return MaxAliasesRule


def max_repeated_field_rule(limit: int) -> type[ASTValidationRule]:
    """A rule refusing an operation that selects one response name over ``limit`` times at
    one level, where fields of the same name merge their selections (fragments expanded)."""

    class MaxRepeatedFieldRule(ASTValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            # the complexity guard refuses anything larger; stop counting there
            self.budget = 4 * DEFAULT_MAX_COMPLEXITY

        def collect(
            self,
            selection_set: SelectionSetNode,
            fields: dict[str, list[tuple[FieldNode, frozenset[str]]]],
            spread: set[str],
            visiting: frozenset[str],
        ) -> None:
            """The fields of one level by response name, each with the fragments it sits in,
            inline and named fragments expanded (each named fragment once per level, as
            graphql-core merges it once; a fragment inside itself is left to other rules)."""
            for node in selection_set.selections:
                self.budget -= 1
                if isinstance(node, FieldNode):
                    name = (node.alias or node.name).value
                    fields.setdefault(name, []).append((node, visiting))
                elif isinstance(node, InlineFragmentNode):
                    self.collect(node.selection_set, fields, spread, visiting)
                elif isinstance(node, FragmentSpreadNode):
                    name = node.name.value
                    fragment = cast(ValidationContext, self.context).get_fragment(name)
                    if fragment is None or name in visiting or name in spread:
                        continue
                    spread.add(name)
                    self.collect(fragment.selection_set, fields, spread, visiting | {name})

        def most_repeated(
            self, level: list[tuple[SelectionSetNode, frozenset[str]]], depth: int
        ) -> tuple[str, int, FieldNode] | None:
            fields: dict[str, list[tuple[FieldNode, frozenset[str]]]] = {}
            spread: set[str] = set()
            for selection_set, visiting in level:
                self.collect(selection_set, fields, spread, visiting)
            for name, found in fields.items():
                if len(found) > limit:
                    return name, len(found), found[limit][0]
                children = [(f.selection_set, v) for f, v in found if f.selection_set is not None]
                # deeper or larger documents are refused by the depth and complexity guards
                if children and self.budget > 0 and depth < MAX_DEPTH_MEASURED:
                    deeper = self.most_repeated(children, depth + 1)
                    if deeper is not None:
                        return deeper
            return None

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            found = self.most_repeated([(node.selection_set, frozenset())], 1)
            if found is None:
                return
            name, times, where = found
            self.report_error(
                GraphQLError(
                    f"'{name}' is selected {times} times at one level; the maximum is {limit} "
                    "(select a field once, or give aliases)",
                    where,
                    extensions={"code": "MAX_REPEATED_FIELD", "limit": limit, "actual": times},
                )
            )

    return MaxRepeatedFieldRule


def guard_rules(limits: Limits) -> list[type[ASTValidationRule]]:
    """The guards for ``limits``: cheap rules run before graphql-core's specified rules."""
    rules: list[type[ASTValidationRule]] = [
        max_depth_rule(limits.max_depth),
        max_aliases_rule(limits.max_aliases),
        max_complexity_rule(limits.max_complexity, limits.max_page_size),
        max_repeated_field_rule(MAX_REPEATED_FIELD),
    ]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


def validation_rules(limits: Limits) -> Sequence[type[ASTValidationRule]]:
    """graphql-core's specified rules plus the guards for ``limits``, in one list."""
    return [*specified_rules, *guard_rules(limits)]


def parse_document(text: str, max_tokens: int | None = None) -> DocumentNode:
    """Parse ``text``, stopping after ``max_tokens`` lexical tokens (None: no limit).

    Raises the parser's :class:`GraphQLError` for a syntax error, and the guard's own error
    (code ``MAX_TOKENS``, naming the limit) for a document over the limit.
    """
    try:
        return parse(text, max_lexical_tokens=max_tokens)
    except GraphQLError as error:
        # graphql-core says so in a syntax error; the guard says it like the other guards
        if max_tokens is not None and error.message == _PARSER_TOKENS_MESSAGE.format(max_tokens):
            raise GraphQLError(
                f"the document has more than {max_tokens} tokens; the maximum is {max_tokens} "
                "(pass large input values as variables)",
                extensions={"code": "MAX_TOKENS", "limit": max_tokens},
            ) from None
        raise


_PARSER_TOKENS_MESSAGE = "Syntax Error: Document contains more than {} tokens. Parsing aborted."


def measure(schema: GraphQLSchema, document_text: str, page_size: int = 100) -> list[Cost]:
    """Depth and complexity of each operation of a document (for docs and tests)."""
    document = parse(document_text)
    context = ValidationContext(schema, document, TypeInfo(schema), lambda error: None)
    return [
        _operation_cost(context, definition, page_size)
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
