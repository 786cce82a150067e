"""Lenient readers for values saved as JSON (the goal, the style, commitments).

A missing or unreadable value comes back as ``None`` (or the given default), never as an
error, so an old or hand-edited workbook still opens.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

_E = TypeVar("_E", bound=StrEnum)


def enum_or_none(kind: type[_E], value: Any) -> _E | None:
    """``value`` as a member of the enum ``kind``, or None when it is not one."""
    try:
        return kind(value)
    except ValueError:
        return None


def positive_float(value: Any, default: float) -> float:
    """``value`` as a float when it is a number above 0, else ``default``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def parse_day(value: Any) -> date | None:
    """A date, or an ISO ``YYYY-MM-DD`` string, as a date; None when empty or unreadable."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def iso_day(value: date | None) -> str | None:
    """``YYYY-MM-DD``, or None for no date."""
    return None if value is None else value.isoformat()
