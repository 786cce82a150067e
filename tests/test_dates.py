"""Dates in plain words: no leading zeros, and nothing that only works on Linux and macOS."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from networking_kit import dates

PACKAGE = Path(dates.__file__).resolve().parent


def test_days_are_written_without_a_leading_zero() -> None:
    day = date(2026, 11, 9)
    assert dates.day_month(day) == "9 November"
    assert dates.day_month_year(day) == "9 November 2026"
    assert dates.short_day_month(day) == "9 Nov"
    assert dates.short_day_month_year(day) == "9 Nov 2026"
    assert dates.weekday_day_month(day) == "Mon 9 Nov"
    assert dates.weekday_day_month_year(day) == "Mon 9 Nov 2026"
    assert dates.weekday_day(day) == "Mon 9"
    assert dates.day_month(date(2026, 12, 21)) == "21 December"


def test_no_code_or_template_uses_a_format_windows_refuses() -> None:
    """``%-d`` (no leading zero) raises ValueError on Windows, where many participants are.

    A plotly format read by the browser's d3-time-format is fine; its line says so.
    """
    offenders = []
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2")]:
        if path.name == "dates.py":  # its docstring names the format it replaces
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"%-[a-zA-Z]", line) and "d3-time-format" not in line:
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
