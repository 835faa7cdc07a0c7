# Every target bootstraps .venv from pyproject.toml when it is missing or older than it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run dev test lint fmt typecheck schema bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed

run: $(VENV)/.installed  ## serve on 127.0.0.1:$(PORT) (embedded store + demo account unless configured)
	$(BIN)/python -m hundred_days --host $(HOST) --port $(PORT)

dev: $(VENV)/.installed  ## like run, with auto-reload
	$(BIN)/python -m hundred_days --host $(HOST) --port $(PORT) --reload

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy hundred_days

fmt: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint typecheck  ## lint, types, then the test suite
	$(BIN)/python -m pytest

schema: $(VENV)/.installed  ## write schema.graphql from the code
	$(BIN)/python -m hundred_days.schema_export > schema.graphql

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_analytics.py
	$(BIN)/python bench/bench_api.py

clean:
	rm -rf $(VENV)
