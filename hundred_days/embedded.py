"""The embedded in-process store: mongomock behind the shape of PyMongo's async API.

Only what Beanie and this app call is adapted. Every command counts as one round trip (as a
real server's commands do), and the store can be switched offline to exercise outage handling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import mongomock
from pymongo.errors import ServerSelectionTimeoutError

from hundred_days.metrics import count_round_trip

# Collection methods that are one command each; the adapter awaits them.
_COMMANDS = frozenset(
    {
        "bulk_write",
        "count_documents",
        "create_index",
        "create_indexes",
        "delete_many",
        "delete_one",
        "distinct",
        "drop",
        "drop_index",
        "drop_indexes",
        "estimated_document_count",
        "find_one",
        "find_one_and_delete",
        "find_one_and_replace",
        "find_one_and_update",
        "index_information",
        "insert_many",
        "insert_one",
        "replace_one",
        "update_many",
        "update_one",
    }
)
_BUILD_INFO = {"ok": 1.0, "version": "7.0.0", "versionArray": [7, 0, 0, 0]}


def _plain(value: Any) -> Any:
    """mongomock compares with type(); Beanie passes str subclasses (field expressions)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class EmbeddedCursor:
    """An async cursor over a mongomock cursor (or a fetched list); fetching is one round trip."""

    def __init__(self, client: EmbeddedClient, fetch: Callable[[], Iterator[Any]]) -> None:
        self._client = client
        self._fetch = fetch
        self._items: Iterator[Any] | None = None

    def _iterator(self) -> Iterator[Any]:
        if self._items is None:
            self._client.command_sent()
            self._items = iter(list(self._fetch()))
        return self._items

    def __aiter__(self) -> EmbeddedCursor:
        return self

    async def __anext__(self) -> Any:
        try:
            return next(self._iterator())
        except StopIteration:
            raise StopAsyncIteration from None

    async def next(self) -> Any:
        return await self.__anext__()

    async def to_list(self, length: int | None = None) -> list[Any]:
        items = self._iterator()
        if length is None:
            return list(items)
        return [item for _, item in zip(range(length), items, strict=False)]

    async def close(self) -> None:
        self._items = iter(())


class EmbeddedCollection:
    def __init__(self, database: EmbeddedDatabase, collection: Any) -> None:
        self.database = database
        self._collection: Any = collection  # mongomock is untyped

    @property
    def name(self) -> str:
        return str(self._collection.name)

    @property
    def full_name(self) -> str:
        return f"{self.database.name}.{self.name}"

    def __getattr__(self, name: str) -> Any:
        if name not in _COMMANDS:
            raise AttributeError(name)
        method = getattr(self._collection, name)
        client = self.database.client

        async def command(*args: Any, **kwargs: Any) -> Any:
            client.command_sent()
            kwargs.pop("session", None)
            kwargs.pop("comment", None)
            return method(*_plain(args), **_plain(kwargs))

        return command

    def find(self, *args: Any, **kwargs: Any) -> EmbeddedCursor:
        kwargs.pop("session", None)
        args, kwargs = _plain(args), _plain(kwargs)
        if kwargs.get("sort") == []:
            kwargs["sort"] = None
        return EmbeddedCursor(
            self.database.client, lambda: iter(self._collection.find(*args, **kwargs))
        )

    async def aggregate(self, pipeline: list[Any], **kwargs: Any) -> EmbeddedCursor:
        stages = _plain(pipeline)
        return EmbeddedCursor(
            self.database.client, lambda: iter(self._collection.aggregate(stages))
        )

    async def list_indexes(self, **kwargs: Any) -> EmbeddedCursor:
        return EmbeddedCursor(
            self.database.client, lambda: iter(list(self._collection.list_indexes()))
        )


class EmbeddedDatabase:
    def __init__(self, client: EmbeddedClient, database: Any) -> None:
        self.client = client
        self._database: Any = database

    @property
    def name(self) -> str:
        return str(self._database.name)

    def get_collection(self, name: str, **kwargs: Any) -> EmbeddedCollection:
        return EmbeddedCollection(self, self._database.get_collection(name))

    def __getitem__(self, name: str) -> EmbeddedCollection:
        return self.get_collection(name)

    async def command(self, command: str | Mapping[str, Any], **kwargs: Any) -> dict[str, Any]:
        name = command if isinstance(command, str) else next(iter(command))
        if name.lower() == "ping":
            self.client.check_available()
            return {"ok": 1.0}
        self.client.command_sent()
        if name.lower() == "buildinfo":
            return dict(_BUILD_INFO)
        result: dict[str, Any] = self._database.command(command)
        return result

    async def list_collection_names(self, **kwargs: Any) -> list[str]:
        self.client.command_sent()
        names: list[str] = self._database.list_collection_names()
        return names

    async def create_collection(self, name: str, **kwargs: Any) -> EmbeddedCollection:
        self.client.command_sent()
        self._database.create_collection(name)
        return self.get_collection(name)

    async def drop_collection(self, name: str, **kwargs: Any) -> None:
        self.client.command_sent()
        self._database.drop_collection(name)


class EmbeddedClient:
    """Stands where `pymongo.AsyncMongoClient` would; keeps everything in this process."""

    def __init__(self) -> None:
        self._client: Any = mongomock.MongoClient()
        self.available = True

    def check_available(self) -> None:
        if not self.available:
            raise ServerSelectionTimeoutError("embedded store is offline")

    def command_sent(self) -> None:
        self.check_available()
        count_round_trip()

    def append_metadata(self, driver_info: Any) -> None:
        """Beanie announces itself to the driver; there is no server to tell."""

    def get_database(self, name: str, **kwargs: Any) -> EmbeddedDatabase:
        return EmbeddedDatabase(self, self._client.get_database(name))

    def __getitem__(self, name: str) -> EmbeddedDatabase:
        return self.get_database(name)

    async def drop_database(self, name: str) -> None:
        self.command_sent()
        self._client.drop_database(name)

    async def close(self) -> None:
        self._client.close()
