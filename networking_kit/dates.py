"""Dates in the workshop's plain words, written the same way on every computer.

``strftime("%-d")`` (a day without its leading zero) works on Linux and macOS but raises
on Windows, where many participants are; ``%d`` writes "09 November", which nobody says.
These build the words from the date's own numbers instead.
"""

from __future__ import annotations

from datetime import date


def day_month(day: date) -> str:
    """``9 November``."""
    return f"{day.day} {day:%B}"


def day_month_year(day: date) -> str:
    """``9 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def short_day_month(day: date) -> str:
    """``9 Nov``, for tables and lists."""
    return f"{day.day} {day:%b}"


def weekday_day_month(day: date) -> str:
    """``Mon 9 Nov``, for a dated action."""
    return f"{day:%a} {day.day} {day:%b}"


def short_day_month_year(day: date) -> str:
    """``9 Nov 2026``."""
    return f"{day.day} {day:%b %Y}"


def weekday_day_month_year(day: date) -> str:
    """``Mon 9 Nov 2026``, for a date further ahead than this year's weeks."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def weekday_day(day: date) -> str:
    """``Mon 9``, for an action under its week's heading."""
    return f"{day:%a} {day.day}"


FILTERS = {
    "day_month": day_month,
    "day_month_year": day_month_year,
    "short_day_month": short_day_month,
    "weekday_day_month": weekday_day_month,
    "short_day_month_year": short_day_month_year,
    "weekday_day_month_year": weekday_day_month_year,
    "weekday_day": weekday_day,
}
