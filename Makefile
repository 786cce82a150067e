# Two commands for a bare machine with Python 3.11 and pip:
#   make start   create .venv, install, open the workshop in JupyterLab
#   make test    create .venv if needed, install, run lint + type check + pytest + every workbook
# Both are quick the second time: the install only reruns when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start app test lint typecheck bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

start: $(STAMP)
	$(BIN)/networking-kit start

app: $(STAMP)
	$(BIN)/networking-kit app

# Fast (a few seconds): style, output-free notebooks, and the layering contract
# ([tool.importlinter] in pyproject.toml: widgets only in ui/, plotly only in the charts and
# ui/, the store only below the sessions, ui above steps above the domain).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/nbstripout --verify $$(git ls-files '*.ipynb' 2>/dev/null || find workbooks -name '*.ipynb')
	$(BIN)/lint-imports --no-logo

# mypy, strict except where [tool.mypy] in pyproject.toml relaxes a module (about 30 s the
# first time, a few seconds once .mypy_cache is warm).
typecheck: $(STAMP)
	$(BIN)/mypy

# axe-core (tests/axe/package.json, pinned) for the browser tests' accessibility check.
test: lint typecheck
	@if command -v npm >/dev/null 2>&1; then (cd tests/axe && npm ci --no-audit --no-fund --silent); \
	else echo "npm not found: the browser tests will skip the axe-core check, saying so"; fi
	$(BIN)/pytest

# Run All of every workbook for a 30,000-contact participant against a bare kernel (about
# 10 minutes; not part of `make test`). The other benchmarks: see benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache .hypothesis \
		test-artifacts
