"""The layering contract's own hygiene ([tool.importlinter] in pyproject.toml).

`make lint` runs the contract itself (`lint-imports`). These tests keep the contract honest
as the code moves: an exception can neither outlive its import nor stay unexplained, and a
new charts module is allowed to draw. They read the configuration only, so they run
without import-linter installed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
PACKAGE = REPO / "networking_kit"
IGNORE_LINE = re.compile(
    r'^\s*"(?P<importer>[\w.]+) -> (?P<imported>[\w.]+)",\s*(?P<comment>#.*)?$')


def _importlinter() -> dict[str, Any]:
    table: dict[str, Any] = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    return table


def _contracts() -> list[dict[str, Any]]:
    contracts: list[dict[str, Any]] = _importlinter()["contracts"]
    return contracts


def _contract(contract_id: str) -> dict[str, Any]:
    return next(c for c in _contracts() if c.get("id") == contract_id)


def _ignore_lines() -> list[re.Match[str]]:
    """Every `"a -> b",  # comment` line in pyproject.toml's ignore_imports lists."""
    text = PYPROJECT.read_text()
    blocks = re.findall(r"^ignore_imports = \[\n(.*?)^\]", text, flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines()
             if line.strip() and not line.strip().startswith("#")]
    matches = [IGNORE_LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    return [m for m in matches if m]


def test_the_four_contracts_of_issue_11_are_there() -> None:
    assert _importlinter()["root_package"] == "networking_kit"
    assert _importlinter()["include_external_packages"] is True
    assert {c["id"] for c in _contracts()} >= {"widgets", "plotly", "store", "layers"}
    assert _contract("widgets")["allowed_importers"] == ["networking_kit.ui"]
    assert _contract("layers")["layers"][2:4] == ["ui", "steps"]
    assert _contract("layers")["exhaustive"] is True


@pytest.mark.parametrize("contract", _contracts(), ids=lambda c: c["id"])
def test_an_exception_that_matches_no_import_fails_the_contract(contract: dict[str, Any]) -> None:
    # import-linter's default is "error" too; saying it here keeps it so if that changes.
    assert contract.get("unmatched_ignore_imports_alerting") == "error"


def test_every_exception_says_when_it_goes() -> None:
    lines = _ignore_lines()
    configured = {entry for c in _contracts() for entry in c.get("ignore_imports", [])}
    assert {f"{m['importer']} -> {m['imported']}" for m in lines} == configured
    for line in lines:
        # e.g. "# remove when networking_kit.goals no longer imports the store (issue 11)"
        said = re.fullmatch(rf"# remove when {re.escape(line['importer'])} no longer imports "
                            r"[\w. ]+ \(issue \d+\)", line["comment"] or "")
        assert said, line.string


def test_every_exception_names_a_module_that_exists() -> None:
    for line in _ignore_lines():
        for name in (line["importer"], line["imported"]):
            path = REPO.joinpath(*name.split("."))
            assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), name


def test_every_charts_module_may_import_plotly() -> None:
    allowed = set(_contract("plotly")["allowed_importers"])
    charts = {f"networking_kit.{path.stem}" for path in PACKAGE.glob("charts*")
              if path.suffix == ".py" or (path / "__init__.py").is_file()}
    assert "networking_kit.charts" in charts
    assert charts <= allowed, f"add to the plotly contract's allowed_importers: {charts - allowed}"


def test_every_top_level_module_sits_in_a_layer() -> None:
    # import-linter says the same (exhaustive = true); this says it without the tool.
    layered = {re.sub(r"[()]", "", name).strip()
               for layer in _contract("layers")["layers"] for name in layer.split(":")}
    modules = {path.stem for path in PACKAGE.iterdir()
               if (path.suffix == ".py" and path.stem != "__init__")
               or (path / "__init__.py").is_file()}
    assert modules <= layered, f"place in a layer: {modules - layered}"
