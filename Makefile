# The two commands a new user types: `make run` and `make test`.
# Both create .venv with the Python found on PATH (3.11 or newer) and install into it.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SESSION ?=

.PHONY: run test lint fmt typecheck pytest fuzz demo bench clean catalogs

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

# `make run SESSION=NAME` continues the session NAME when it exists and starts it when it does
# not; without SESSION the wizard asks. Ctrl-C (exit status 130) is a normal way to leave, not
# a make error. MARKETING_WIZARD_LAUNCHER=make makes the wizard's hints say `make run ...`.
run: $(VENV)/.installed
	@if $(BIN)/marketing-wizard sessions 2>/dev/null | awk -v name='$(SESSION)' \
		'NR > 1 && $$1 == name { found = 1 } END { exit !found }'; \
	then command=resume; else command=new; fi; \
	MARKETING_WIZARD_LAUNCHER=make $(BIN)/marketing-wizard $$command $(SESSION) || [ $$? -eq 130 ]

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# The fuzz tests (tests/test_*fuzz*.py) with thousands of cases each instead of make test's few
# hundred; FUZZ_EXAMPLES=20000 make fuzz runs more.
FUZZ_EXAMPLES ?= 5000
fuzz: $(VENV)/.installed-test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q $(wildcard tests/test_*fuzz*.py)

# The tea-brand example answered from its answers file, then its plan in every format.
demo: $(VENV)/.installed
	$(BIN)/marketing-wizard --home demo-output fill tea-brand examples/tea-brand.yaml
	@for fmt in md html json opml; do \
		echo "$(BIN)/marketing-wizard --home demo-output plan tea-brand --format $$fmt -o demo-output/plan.$$fmt"; \
		$(BIN)/marketing-wizard --home demo-output plan tea-brand --format $$fmt -o demo-output/plan.$$fmt || exit 1; \
	done
	@echo "Open demo-output/plan.html in a browser, or demo-output/plan.md on GitHub."

bench: $(VENV)/.installed
	bench/startup.sh

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build

# The interface's strings (wizard/i18n.py): extract every marked string with Babel, bring each
# language's .po in line (translate the new ones there: an empty msgstr fails
# tests/test_catalogs.py) and compile the .mo files the wizard reads.
catalogs: $(VENV)/.installed-test
	$(BIN)/python -m tools.catalogs
