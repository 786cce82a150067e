"""How senior a job title reads: 0 (no sign), 1 (leads or manages), 2 (runs a function or
the organisation). Read from words, in English and German, so a LinkedIn export's
"Position" column ranks dormant ties by expected value (``settings.SENIORITY_WEIGHT``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# Whole words (lower case) that mark each level; the highest level found wins.
SENIOR_WORDS: dict[int, tuple[str, ...]] = {
    2: ("ceo", "cfo", "coo", "cto", "cio", "cmo", "chief", "president", "vp", "vice president",
        "head", "director", "partner", "founder", "co-founder", "owner", "managing",
        "board", "geschäftsführer", "geschäftsführerin", "vorstand", "leiter", "leiterin"),
    1: ("manager", "lead", "principal", "senior", "team lead", "teamleiter", "teamleiterin",
        "supervisor", "owner"),
}
# Titles that hold a level's word but are not at that level: an HR or finance "business
# partner" advises a team (no partner of the firm), a "product owner" leads a backlog (the
# level-1 "owner"), not a company. Taken out of the title before that level's words are
# looked for.
NOT_AT_LEVEL: dict[int, tuple[str, ...]] = {2: ("business partner", "product owner")}


def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """``words`` as one pattern: whole words, a space in a phrase any run of spaces."""
    return re.compile(r"(?<![\w-])(?:{})(?![\w-])".format(
        "|".join(w.replace(" ", r"\s+") for w in words)))


_PATTERNS = {rank: _whole_words(words) for rank, words in SENIOR_WORDS.items()}
_EXCEPT = {rank: _whole_words(words) for rank, words in NOT_AT_LEVEL.items()}
_FEW_ROWS = 16  # up to this many titles ``seniority`` reads one by one


def seniority(positions: pd.Series) -> pd.Series:
    """Int Series on ``positions``' index: 0, 1 or 2 per job title (blank: 0). Each
    distinct title is read once (30,000 contacts hold far fewer titles); a few rows (a
    person or two added or edited) are read title by title, with no column set-up."""
    if len(positions) <= _FEW_ROWS:
        return pd.Series([title_level(t) for t in positions.astype("object")],
                         index=positions.index, dtype="int64")
    codes, titles = pd.factorize(positions.astype("object"), use_na_sentinel=True)
    if len(titles) == len(positions):
        return _seniority(positions)
    levels = _seniority(pd.Series(titles, dtype="object")).to_numpy()
    return pd.Series(np.append(levels, 0)[codes], index=positions.index, dtype="int64")


def title_level(title: object) -> int:
    """:func:`seniority` of one job title (not text: 0)."""
    if not isinstance(title, str):
        return 0
    text = title.casefold()
    return max((rank for rank, pattern in _PATTERNS.items() if pattern.search(
        _EXCEPT[rank].sub(" ", text) if rank in _EXCEPT else text)), default=0)


def _seniority(positions: pd.Series) -> pd.Series:
    text = positions.astype("object").fillna("").astype(str).str.casefold()
    level = pd.Series(0, index=positions.index, dtype="int64")
    for rank in sorted(SENIOR_WORDS):
        read = (text.str.replace(_EXCEPT[rank].pattern, " ", regex=True) if rank in _EXCEPT
                else text)
        hit = read.str.contains(_PATTERNS[rank].pattern, regex=True)
        level[hit.to_numpy()] = rank
    return level


def seniority_words(level: int) -> str:
    """"senior" for 2, "" otherwise: the word a reason uses."""
    return "in a senior role" if level >= 2 else ""
