"""Reading a parsed GraphQL document before it runs: which operation, which root fields."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


def chosen_operations(
    document: DocumentNode, operation_name: object
) -> list[OperationDefinitionNode]:
    """The operation `operation_name` picks; without a name, all (one runs, or none does)."""
    found = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if isinstance(operation_name, str):
        return [op for op in found if op.name is not None and op.name.value == operation_name]
    return found


def root_field_names(document: DocumentNode, operation: OperationDefinitionNode) -> Iterator[str]:
    """Field names at the root, through inline fragments and fragment spreads (each fragment
    once: a spread repeated at the root selects the same fields again)."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    return _root_fields(operation.selection_set, fragments, set())


def _root_fields(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    seen: set[str],
) -> Iterator[str]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                continue
            seen.add(name)
            yield from _root_fields(fragments[name].selection_set, fragments, seen)
