# Two commands: `make report` and `make test`. Each creates or refreshes .venv from scratch
# with only Python 3.11+ on the machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PERIOD ?= week

.PHONY: report test lint typecheck format venv demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/strike-analytics demo --out data/sample --db data/demo.duckdb

report: demo
	$(BIN)/strike-analytics report --db data/demo.duckdb --period $(PERIOD) --out reports

lint: $(STAMP)
	$(BIN)/ruff check analytics tests benchmarks
	$(BIN)/ruff format --check analytics tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format analytics tests benchmarks
	$(BIN)/ruff check --fix analytics tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) data/demo.duckdb data/sample .pytest_cache .ruff_cache
