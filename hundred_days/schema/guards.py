"""Query guards, after GraphQL Armor's defaults (DESIGN, "Security").

Depth 8 (counted as Strawberry's `QueryDepthLimiter` counts it: a root field is depth 0,
introspection fields are not followed), 15 aliases, 1,000 tokens (the parser stops at the
1,001st), 50 directives, cost 20,000, and no "Did you mean" suggestions in any error.

Strawberry's own depth and alias limiters walk a fragment once for every place it is spread,
so a document of 20 fragments that each spread the next one twice takes a million steps (and
an unknown fragment crashes the depth limiter). The rules here walk each fragment once and
reuse the result, so a check is linear in the size of the document, and they leave unknown
fragments and fragment cycles to graphql-core's own rules to report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    parse,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef
from strawberry.extensions import MaxTokensLimiter, SchemaExtension

from hundred_days.schema.pagination import DEFAULT_PAGE, MAX_PAGE

MAX_DEPTH = 8
MAX_ALIASES = 15
MAX_TOKENS = 1_000
MAX_DIRECTIVES = 50
MAX_COST = 20_000
LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"
_SUGGESTION = " Did you mean"


def limit_error(limit: str, maximum: int, actual: int, message: str) -> GraphQLError:
    return GraphQLError(
        message,
        extensions={"code": LIMIT_CODE, "limit": limit, "maximum": maximum, "actual": actual},
    )


class _Fragments:
    """Per-fragment results, each computed once; a fragment met again inside itself counts 0
    (graphql-core's NoFragmentCycles reports the cycle)."""

    def __init__(self, document: DocumentNode) -> None:
        self.definitions = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self._memo: dict[str, int] = {}
        self._active: set[str] = set()

    def value(self, name: str, compute: Callable[[FragmentDefinitionNode], int]) -> int:
        if name in self._memo:
            return self._memo[name]
        definition = self.definitions.get(name)
        if definition is None or name in self._active:
            return 0
        self._active.add(name)
        try:
            result = compute(definition)
        finally:
            self._active.discard(name)
        self._memo[name] = result
        return result


def operations(document: DocumentNode) -> Iterator[OperationDefinitionNode]:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            yield definition


# --- depth -----------------------------------------------------------------------------------


def _is_introspection(name: str) -> bool:
    return name.startswith("__")


def operation_depth(operation: OperationDefinitionNode, fragments: _Fragments) -> int:
    """The depth of the deepest field: a root field is 0, its sub-fields 1, and so on."""

    def of_fragment(fragment: FragmentDefinitionNode) -> int:
        return height(fragment.selection_set)

    def height(selection_set: SelectionSetNode) -> int:
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.selection_set is None or _is_introspection(selection.name.value):
                    continue
                deepest = max(deepest, 1 + height(selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, height(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, fragments.value(selection.name.value, of_fragment))
        return deepest

    return height(operation.selection_set)


# --- aliases and directives --------------------------------------------------------------------


def _count(document: DocumentNode, fragments: _Fragments, per_node: Callable[[Any], int]) -> int:
    """Sums `per_node` over every operation, a fragment counted each time it is spread."""

    def of_fragment(fragment: FragmentDefinitionNode) -> int:
        return per_node(fragment) + in_set(fragment.selection_set)

    def in_set(selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            total += per_node(selection)
            if isinstance(selection, FieldNode | InlineFragmentNode):
                total += in_set(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += fragments.value(selection.name.value, of_fragment)
        return total

    total = 0
    for operation in operations(document):
        total += per_node(operation) + in_set(operation.selection_set)
        total += sum(per_node(variable) for variable in operation.variable_definitions or ())
    return total


def _alias(node: Any) -> int:
    return 1 if isinstance(node, FieldNode) and node.alias is not None else 0


def _directives(node: Any) -> int:
    return len(getattr(node, "directives", None) or ())


def alias_count(document: DocumentNode) -> int:
    return _count(document, _Fragments(document), _alias)


def directive_count(document: DocumentNode) -> int:
    return _count(document, _Fragments(document), _directives)


# --- cost --------------------------------------------------------------------------------------


def _is_connection(named: GraphQLNamedType) -> bool:
    return isinstance(named, GraphQLObjectType) and {"edges", "pageInfo"} <= set(named.fields)


@dataclass
class _Cost:
    """Every field counts 1, times the `first` of each connection above it (default 20,
    at most 100: larger values are refused by the resolver anyway); plain lists count once."""

    context: ValidationContext
    operation: OperationDefinitionNode
    variables: Mapping[str, Any]
    fragments: _Fragments

    def total(self) -> int:
        schema = self.context.schema
        root = schema.get_root_type(self.operation.operation)
        if root is None:
            return 0
        return self.of_set(self.operation.selection_set, root)

    def of_set(self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.of_field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.context.schema.get_type(condition.name.value) if condition else parent
                total += self.of_set(selection.selection_set, target)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragments.value(selection.name.value, self.of_fragment)
        return total

    def of_fragment(self, fragment: FragmentDefinitionNode) -> int:
        target = self.context.schema.get_type(fragment.type_condition.name.value)
        return self.of_set(fragment.selection_set, target)

    def of_field(self, node: FieldNode, parent: GraphQLNamedType | None) -> int:
        definition = self.field_definition(node.name.value, parent)
        if definition is None or node.selection_set is None:
            return 1  # a leaf, __typename, or a field other rules report as unknown
        named = get_named_type(definition.type)
        below = self.of_set(node.selection_set, named)
        return 1 + (self.page_size(node) if _is_connection(named) else 1) * below

    def field_definition(self, name: str, parent: GraphQLNamedType | None) -> GraphQLField | None:
        if name == "__schema":
            return SchemaMetaFieldDef
        if name == "__type":
            return TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            field: GraphQLField | None = parent.fields.get(name)
            return field
        return None

    def page_size(self, node: FieldNode) -> int:
        argument = next((arg for arg in node.arguments or () if arg.name.value == "first"), None)
        value: object = None
        if argument is not None:
            if isinstance(argument.value, IntValueNode):
                value = int(argument.value.value)
            elif isinstance(argument.value, VariableNode):
                value = self.variable(argument.value.name.value)
        if not isinstance(value, int) or isinstance(value, bool):
            return DEFAULT_PAGE
        return min(max(value, 0), MAX_PAGE)

    def variable(self, name: str) -> object:
        if name in self.variables:
            return self.variables[name]
        for definition in self.operation.variable_definitions or ():
            if definition.variable.name.value == name and isinstance(
                definition.default_value, IntValueNode
            ):
                return int(definition.default_value.value)
        return None


def operation_cost(
    context: ValidationContext,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
) -> int:
    return _Cost(context, operation, variables or {}, _Fragments(context.document)).total()


def query_cost(
    schema: GraphQLSchema,
    query: str,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> int:
    """The cost of one operation of `query` (the only one, or the one named)."""
    document = parse(query, max_tokens=MAX_TOKENS)
    context = ValidationContext(schema, document, TypeInfo(schema), lambda error: None)
    return sum(
        operation_cost(context, operation, variables)
        for operation in operations(document)
        if operation_name is None or (operation.name and operation.name.value == operation_name)
    )


# --- the rule and the extensions ---------------------------------------------------------------


def guard_rule(
    variables: Mapping[str, Any] | None, operation_name: Callable[[], str | None]
) -> type[ValidationRule]:
    """A validation rule for this request (the cost of a connection may come from a variable)."""

    class QueryGuardRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            try:
                for error in check_document(context, variables or {}, operation_name()):
                    context.report_error(error)
            except RecursionError:  # pragma: no cover - the parser refuses deeper nesting first
                context.report_error(
                    limit_error("depth", MAX_DEPTH, MAX_DEPTH + 1, "The query is nested too deeply")
                )

    return QueryGuardRule


def check_document(
    context: ValidationContext, variables: Mapping[str, Any], operation_name: str | None
) -> list[GraphQLError]:
    document = context.document
    errors: list[GraphQLError] = []
    fragments = _Fragments(document)
    for operation in operations(document):
        name = operation.name.value if operation.name else "anonymous"
        depth = operation_depth(operation, fragments)
        if depth > MAX_DEPTH:
            errors.append(
                limit_error(
                    "depth",
                    MAX_DEPTH,
                    depth,
                    f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}",
                )
            )
    aliases = alias_count(document)
    if aliases > MAX_ALIASES:
        errors.append(
            limit_error(
                "aliases", MAX_ALIASES, aliases, f"{aliases} aliases found. Allowed: {MAX_ALIASES}"
            )
        )
    directives = directive_count(document)
    if directives > MAX_DIRECTIVES:
        errors.append(
            limit_error(
                "directives",
                MAX_DIRECTIVES,
                directives,
                f"{directives} directives found. Allowed: {MAX_DIRECTIVES}",
            )
        )
    if errors:
        return errors  # the cost of a query already refused is not worth computing
    for operation in operations(document):
        selected = operation.name.value if operation.name else None
        if operation_name is not None and selected != operation_name:
            continue
        cost = operation_cost(context, operation, variables)
        if cost > MAX_COST:
            errors.append(
                limit_error(
                    "cost",
                    MAX_COST,
                    cost,
                    f"The query costs {cost}, more than the {MAX_COST} allowed: ask for fewer "
                    "fields or smaller pages (`first`)",
                )
            )
    return errors


class QueryGuards(SchemaExtension):
    """Adds the guard rule to this request's validation."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        rule = guard_rule(context.variables, lambda: context.operation_name)
        context.validation_rules = (*context.validation_rules, rule)
        yield


class TokenLimit(MaxTokensLimiter):
    """The parser stops at the 1,001st token (comments count), before any other work."""

    def __init__(self) -> None:
        super().__init__(max_token_count=MAX_TOKENS)


GUARD_EXTENSIONS: tuple[type[SchemaExtension], ...] = (TokenLimit, QueryGuards)


def hide_suggestions(errors: list[GraphQLError]) -> None:
    """No "Did you mean ...?" anywhere: it would map the schema for someone without it."""
    for error in errors:
        if _SUGGESTION in error.message:
            error.message = error.message.split(_SUGGESTION, 1)[0].rstrip()
