"""Seniority read from job titles (issue 15, item 4)."""

from __future__ import annotations

import pandas as pd

from networking_kit.titles import seniority


def test_levels_from_words_in_both_languages() -> None:
    titles = pd.Series(["Head of Market Access", "Senior Consultant", "Data Scientist",
                        None, "Geschäftsführerin", "Teamleiter Vertrieb", "CFO",
                        "Headhunter", "Leadership trainer"])
    assert seniority(titles).tolist() == [2, 1, 0, 0, 2, 1, 2, 0, 0]
