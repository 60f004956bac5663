# eventwire: `make run` codes the example articles; `make test` runs the test suite.
# Both create .venv and install the project into it when needed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint install clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/eventwire extract examples/*.txt examples/*.html

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/eventwire bench
	$(BIN)/eventwire bench-api

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
