"""Triage: filters and paging on the canonical table (saving is the session's:
tests/test_steps_map.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from networking_kit.contacts import normalise_contacts
from networking_kit.triage import (
    TriageFilter,
    company_choices,
    page,
    page_count,
    select,
)


@pytest.fixture
def contacts() -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame([
        {"name": "Ada Lovelace", "company": "Acme", "position": "Engineer", "source": "linkedin"},
        {"name": "Bo Li", "company": "Acme", "position": "Product Manager", "source": "linkedin"},
        {"name": "Cy Twombly", "company": "Globex", "position": "Artist", "source": "vcard",
         "strength": "close"},
        {"name": "Di Prince", "company": None, "email": "di@acme.example.com", "source": "manual"},
    ]))


def test_search_looks_in_names_companies_positions_and_emails(contacts: pd.DataFrame) -> None:
    assert select(contacts, TriageFilter(search="acme"))["name"].tolist() == [
        "Ada Lovelace", "Bo Li", "Di Prince"]
    assert select(contacts, TriageFilter(search="PRODUCT"))["name"].tolist() == ["Bo Li"]


def test_filters_combine(contacts: pd.DataFrame) -> None:
    chosen = TriageFilter(company="Acme", position="engineer", source="linkedin")
    assert select(contacts, chosen)["name"].tolist() == ["Ada Lovelace"]
    assert len(select(contacts, TriageFilter(untriaged_only=True))) == 3
    assert len(select(contacts, TriageFilter())) == 4


def test_paging_covers_every_row_once() -> None:
    frame = pd.DataFrame({"n": range(53)})
    assert page_count(53, 25) == 3
    assert page_count(0, 25) == 1
    pages = [page(frame, number, 25)["n"].tolist() for number in (1, 2, 3)]
    assert [n for numbers in pages for n in numbers] == list(range(53))
    assert page(frame, 99, 25)["n"].tolist() == pages[-1]


def test_company_choices_biggest_first(contacts: pd.DataFrame) -> None:
    assert company_choices(contacts) == [("Acme", 2), ("Globex", 1)]
