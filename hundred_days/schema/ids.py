"""Opaque Relay global IDs: base64 of "Type:objectid"."""

from __future__ import annotations

import strawberry
from beanie import PydanticObjectId
from bson.errors import InvalidId
from strawberry import relay


def to_global_id(type_name: str, object_id: PydanticObjectId) -> strawberry.ID:
    return strawberry.ID(str(relay.GlobalID(type_name, str(object_id))))


def parse_global_id(value: str) -> tuple[str, PydanticObjectId] | None:
    """None for anything that is not one of ours: garbage never reaches the database.

    Only the exact form this server issues counts: base64 decoding skips characters outside
    its alphabet, so "<an id>\\x00", "<an id>!!" or " <an id>" would otherwise name the same
    object, and an ID could not be compared, logged or cached as the string it is."""
    try:
        global_id = relay.GlobalID.from_id(value)
        parsed = global_id.type_name, PydanticObjectId(global_id.node_id)
    except (ValueError, TypeError, InvalidId):
        return None
    return parsed if to_global_id(*parsed) == value else None


def object_id_of(value: str, type_name: str) -> PydanticObjectId | None:
    parsed = parse_global_id(value)
    if parsed is None or parsed[0] != type_name:
        return None
    return parsed[1]
