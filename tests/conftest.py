"""Fixtures shared by the package's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import ARTIFACTS, NO_CHROMIUM, find_chromium

from networking_kit.store import Workbook, open_workbook

REPO = Path(__file__).resolve().parent.parent
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


@pytest.fixture
def workbook(tmp_path: Path) -> Iterator[Workbook]:
    """A fresh, empty workbook file of its own for one test."""
    with open_workbook(tmp_path / "workbook.sqlite") as opened:
        yield opened


@pytest.fixture
def shared_fixtures() -> Path:
    """The real export files in ../shared/fixtures; the test is skipped when absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"real export fixtures not found at {SHARED_FIXTURES} (../shared is absent)")
    return SHARED_FIXTURES


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium for the browser tests; they are skipped, saying why, without it."""
    found = find_chromium()
    if found is None:
        pytest.skip(NO_CHROMIUM)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return found
