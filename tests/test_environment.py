"""Repository habits that keep a workshop safe: pins agree, notebooks carry no outputs."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(path for path in (REPO / "workbooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in path.parts)  # Lab's copies are not ours


def _normalise(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement.strip()).lower()


def test_environment_yml_pins_exactly_what_pyproject_pins_test_tools_too() -> None:
    """A conda or Binder user gets the toolkit and the same checks (nbval, pytest...)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    pinned = {_normalise(r) for r in project["project"]["dependencies"]}
    tools = {_normalise(r) for r in project["project"]["optional-dependencies"]["test"]}
    text = (REPO / "environment.yml").read_text()
    block = text.split("- pip:", 1)[1]
    listed = {_normalise(line.strip()[2:]) for line in block.splitlines()
              if line.strip().startswith("- ")}
    assert pinned
    assert {"nbval>=0-11,<0-12", "pytest>=9-2,<9-3"} <= tools  # the design card's checks
    assert listed == pinned | tools
    python = re.search(r"- python=(\d+\.\d+)", text)
    assert python
    assert project["project"]["requires-python"] == f">={python.group(1)}"


def test_every_dependency_has_an_upper_bound() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    requirements = [*project["project"]["dependencies"],
                    *project["project"]["optional-dependencies"]["test"]]
    assert requirements
    assert all("<" in r for r in requirements), requirements


def test_there_are_workbooks() -> None:
    assert NOTEBOOKS, "no workbooks found under workbooks/"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_workbooks_are_committed_without_outputs(notebook: Path) -> None:
    content = json.loads(notebook.read_text(encoding="utf-8"))
    code = [c for c in content["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    assert "widgets" not in content.get("metadata", {})


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_workbook_code_cells_are_short_calls_into_the_package(notebook: Path) -> None:
    content = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in content["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines = [ln for ln in source.splitlines() if ln.strip() and not ln.startswith("#")]
        assert len(lines) <= 4, f"a cell in {notebook.name} holds logic:\n{source}"
        assert not re.search(r"^\s*(def|class|for|while|if) ", source, flags=re.M)


def test_the_checkers_make_test_runs_are_installed_by_the_test_extra() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    test_extra = {re.split(r"[<>=!~ ]", r, maxsplit=1)[0].lower()
                  for r in project["project"]["optional-dependencies"]["test"]}
    makefile = (REPO / "Makefile").read_text()
    for tool, command in (("import-linter", "lint-imports"), ("mypy", "mypy"),
                          ("ruff", "ruff"), ("nbstripout", "nbstripout")):
        assert tool in test_extra
        assert f"$(BIN)/{command}" in makefile


# The modules the type checker may still relax (a [[tool.mypy.overrides]] block naming one
# of ours): none since issue 12's importer rewrite made the last ones strict. The set only
# shrinks: a module that has to be relaxed again is a regression to fix, not to list.
RELAXED_MODULES: set[str] = set()


def _relaxed_modules() -> list[str]:
    overrides = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mypy"]["overrides"]
    return [name for block in overrides for name in block["module"]
            if name.startswith("networking_kit")]


def test_the_type_checker_relaxes_only_the_listed_modules() -> None:
    """No new module starts relaxed, and a module made strict leaves the list."""
    mypy = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["strict"] is True
    assert not {"disable_error_code", "ignore_errors", "ignore_missing_imports"} & set(mypy)
    relaxed = set(_relaxed_modules())
    assert relaxed <= RELAXED_MODULES, f"make these strict instead: {relaxed - RELAXED_MODULES}"
    assert relaxed >= RELAXED_MODULES, (
        f"strict now, so take them off RELAXED_MODULES: {RELAXED_MODULES - relaxed}")


def test_every_module_the_type_checker_relaxes_still_exists() -> None:
    """A relaxation for a module that was renamed or removed would go unnoticed otherwise."""
    ours = _relaxed_modules()
    for name in ours:
        path = REPO.joinpath(*name.split("."))
        assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), name
    assert len(ours) == len(set(ours)), "a module is relaxed in two places"
