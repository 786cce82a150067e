"""Seniority read from job titles (issue 15, item 4)."""

from __future__ import annotations

import pandas as pd

from networking_kit.titles import seniority


def test_levels_from_words_in_both_languages() -> None:
    titles = pd.Series(["Head of Market Access", "Senior Consultant", "Data Scientist",
                        None, "Geschäftsführerin", "Teamleiter Vertrieb", "CFO",
                        "Headhunter", "Leadership trainer"])
    assert seniority(titles).tolist() == [2, 1, 0, 0, 2, 1, 2, 0, 0]


def test_a_title_held_by_many_reads_as_it_does_alone() -> None:
    titles = ["Head of Sales", None, "Senior Analyst", "Head of Sales", "", "analyst",
              "Senior Analyst", None]
    column = pd.Series(titles, index=range(10, 18), dtype="string")
    alone = [int(seniority(pd.Series([t], dtype="string")).iloc[0]) for t in titles]
    levels = seniority(column)
    assert levels.tolist() == alone == [2, 0, 1, 2, 0, 0, 1, 0]
    assert list(levels.index) == list(range(10, 18))
