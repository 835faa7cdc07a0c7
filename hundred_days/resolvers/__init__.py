"""Thin async functions the schema calls: read arguments, check access, load, shape."""
