# eventwire: `make run` codes the example articles; `make test` runs the test suite.
# Both create .venv and install the project into it when needed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint install clean chromium web-assets

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# the gazetteer is built once, here, not by whichever run or test first needs it; the call is
# quick where it is built already (its key changes with the packages and the places YAML)
install: $(STAMP)
	@$(BIN)/eventwire gazetteer build

run: install
	$(BIN)/eventwire extract examples/*.txt examples/*.html

test: install chromium
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/eventwire bench
	$(BIN)/eventwire bench-api

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# downloads are not used); install it where it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
		(apt-get update && apt-get install -y chromium)

# The dashboard's front-end libraries, pinned in tools/web-assets/package-lock.json, copied into
# src/eventwire/web/assets/vendor/ (checked in, so that neither a build nor a user needs npm).
web-assets:
	cd tools/web-assets && npm ci --no-audit --no-fund && node copy.mjs

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
