"""schema.graphql is the committed contract clients build against: it must match the code."""

from pathlib import Path

from hundred_days.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_committed_schema_matches_the_code():
    committed = SCHEMA_FILE.read_text()
    assert committed.strip() == schema.as_str().strip(), (
        "schema.graphql is out of date: run `make schema` and commit it"
    )


def test_schema_names_the_contract_types():
    sdl = schema.as_str()
    for name in ("type Challenge implements Node", "union AuthResult", "interface Error"):
        assert name in sdl
