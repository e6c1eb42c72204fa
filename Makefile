# Every target makes or refreshes .venv by itself, so a fresh clone needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per set of packages: `make run` installs what running needs, `make test` adds the
# test and dev tools to the same .venv. Each is redone when pyproject.toml changes.
STAMP := $(VENV)/.installed-run
TOOLS_STAMP := $(VENV)/.installed-tools
# The oldest versions pyproject.toml allows, in a venv of their own.
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed
SCREENSHOTS ?= screenshots

.PHONY: run test test-lowest lint bench screenshots clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Lonely Bridge needs Python 3.11 or newer" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TOOLS_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(TOOLS_STAMP)

run: $(STAMP)
	$(BIN)/python -m lonely_bridge $(ARGS)

lint: $(TOOLS_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# uv (a dev tool) picks the lowest version each direct dependency allows, the test tools'
# included; what those need in turn is the newest that fits, as for a user's install.
$(LOWEST_STAMP): pyproject.toml $(TOOLS_STAMP)
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[test]'
	touch $(LOWEST_STAMP)

test-lowest: $(LOWEST_STAMP)
	LONELY_BRIDGE_LOWEST_VERSIONS=1 $(LOWEST)/bin/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	status=0; $(BIN)/python bench/startup.py || status=1; $(BIN)/python bench/reminder_delay.py || status=1; $(BIN)/python bench/insight_scale.py || status=1; $(BIN)/python bench/import_scale.py || status=1; exit $$status

screenshots: $(STAMP)
	$(BIN)/python -m lonely_bridge screenshots --output $(SCREENSHOTS)

clean:
	rm -rf $(VENV) $(LOWEST) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
