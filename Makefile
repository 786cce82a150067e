# Two commands for a bare machine with Python 3.11 and pip:
#   make start   create .venv, install, open the workshop in JupyterLab
#   make test    create .venv if needed, install, run lint + pytest + every workbook
# Both are quick the second time: the install only reruns when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start app test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

start: $(STAMP)
	$(BIN)/networking-kit start

app: $(STAMP)
	$(BIN)/networking-kit app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/nbstripout --verify $$(git ls-files '*.ipynb' 2>/dev/null || find workbooks -name '*.ipynb')

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
