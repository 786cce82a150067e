"""Sorting hundreds of contacts quickly: find a group, then set closeness or context at once.

Filters and paging are plain pandas operations on the canonical table, vectorised so that
they stay instant with a 30,000-person LinkedIn export. Saving is the step session's
(``steps.map.MapSession.sort_many``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from networking_kit.settings import TRIAGE_PAGE_SIZE as PAGE_SIZE

_SEARCHED = ("name", "company", "position", "email", "notes", "tags")


@dataclass(frozen=True)
class TriageFilter:
    """What the participant narrowed the list to; empty fields do not filter."""

    search: str = ""
    company: str = ""
    position: str = ""
    source: str = ""
    untriaged_only: bool = False


def select(contacts: pd.DataFrame, chosen: TriageFilter) -> pd.DataFrame:
    """The contacts that pass every filter, in their saved order (``contacts`` itself,
    not a copy, when no filter is set: the list as a page first opens)."""
    if chosen == TriageFilter():
        return contacts
    keep = pd.Series(True, index=contacts.index)
    if chosen.search.strip():
        needle = chosen.search.strip().lower()
        found = pd.Series(False, index=contacts.index)
        for column in _SEARCHED:
            found |= contacts[column].str.lower().str.contains(needle, regex=False).fillna(False)
        keep &= found
    if chosen.company:
        keep &= (contacts["company"] == chosen.company).fillna(False)
    if chosen.position.strip():
        keep &= contacts["position"].str.lower().str.contains(
            chosen.position.strip().lower(), regex=False).fillna(False)
    if chosen.source:
        keep &= (contacts["source"] == chosen.source).fillna(False)
    if chosen.untriaged_only:
        keep &= contacts["strength"].isna()
    return contacts[keep.astype(bool)]


def page_count(rows: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-rows // size))


def page(frame: pd.DataFrame, number: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Page ``number`` (from 1) of ``frame``; out-of-range numbers give the nearest page."""
    number = min(max(1, number), page_count(len(frame), size))
    return frame.iloc[(number - 1) * size: number * size]


def company_choices(contacts: pd.DataFrame, limit: int = 200) -> list[tuple[str, int]]:
    """Organisations with how many contacts work there, biggest first, for a filter list."""
    counts = contacts["company"].dropna().value_counts().head(limit)
    return [(str(name), int(count)) for name, count in counts.items()]
