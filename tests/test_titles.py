"""Seniority read from job titles (issue 15, item 4)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from networking_kit.titles import seniority, title_level


def test_levels_from_words_in_both_languages() -> None:
    titles = pd.Series(["Head of Market Access", "Senior Consultant", "Data Scientist",
                        None, "Geschäftsführerin", "Teamleiter Vertrieb", "CFO",
                        "Headhunter", "Leadership trainer"])
    assert seniority(titles).tolist() == [2, 1, 0, 0, 2, 1, 2, 0, 0]


def test_a_business_partner_or_product_owner_is_not_read_as_running_the_firm() -> None:
    """"Partner" and "owner" mark who runs a firm, but an HR business partner advises a
    team and a product owner leads a backlog (a fresh participant saw "they are senior
    (HR Business Partner)"), read the same one by one and as a column."""
    titles = ["HR Business Partner", "Product Owner", "Partner", "Managing Partner",
              "Business Partner and Director", "Owner", "Finance business  partner"] * 3
    levels = [0, 1, 2, 2, 2, 2, 0] * 3
    assert [title_level(t) for t in titles] == levels
    assert seniority(pd.Series(titles)).tolist() == levels


def test_a_title_held_by_many_reads_as_it_does_alone() -> None:
    titles = ["Head of Sales", None, "Senior Analyst", "Head of Sales", "", "analyst",
              "Senior Analyst", None]
    column = pd.Series(titles, index=range(10, 18), dtype="string")
    alone = [int(seniority(pd.Series([t], dtype="string")).iloc[0]) for t in titles]
    levels = seniority(column)
    assert levels.tolist() == alone == [2, 0, 1, 2, 0, 0, 1, 0]
    assert list(levels.index) == list(range(10, 18))


WORDS = ["Head", "of", "Senior", "team  lead", "Co-Founder", "vice president", "Leiterin",
         "analyst", "VP,", "-lead", "Headhunter", "ÉCOLE", "owner", " ", "", "business",
         "partner", "product"]


@given(st.lists(st.one_of(st.none(), st.lists(st.sampled_from(WORDS), max_size=4).map(
    " ".join), st.text(max_size=12)), min_size=1, max_size=40))
def test_a_few_titles_read_one_by_one_as_a_whole_column_does(titles: list[str | None]) -> None:
    """The value-by-value path for a person or two added (``title_level``) and the column
    path read every title alike."""
    column = pd.Series(titles * (1 + 17 // len(titles)), dtype="string")  # over _FEW_ROWS
    whole = seniority(column).tolist()
    assert [title_level(t) for t in column.astype("object")] == whole
    assert seniority(column.iloc[:3]).tolist() == whole[:3]
