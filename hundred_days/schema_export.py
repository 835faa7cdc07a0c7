"""Print the schema in SDL: `make schema` writes it to schema.graphql, and a test diffs them."""

from hundred_days.schema import schema

if __name__ == "__main__":
    print(schema.as_str())
