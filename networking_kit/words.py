"""The participant's own words inside the toolkit's sentences.

Free-text fields (what someone can help with, what you talked about) hold anything from
"bookkeeping" to a whole note. A short topic reads well inside a sentence; anything
longer only reads correctly quoted after a colon. Step 2's reasons and step 3's actions
both use these, so a note reads the same wherever it appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# First words that make a phrase a clause or a note rather than a topic: "runs a design
# studio" cannot follow "help with" the way "bookkeeping" can.
_CLAUSE_START = frozenset((
    "i", "we", "he", "she", "they", "it", "his", "her", "hers", "their", "our", "my",
    "is", "was", "are", "were", "has", "had", "have", "runs", "ran", "knows", "knew",
    "works", "worked", "wants", "needs", "likes", "loves", "lives", "moving", "moved",
    "can", "could", "will", "would", "does", "did", "just", "very", "not", "maybe",
    "asked", "said", "told", "going", "looking", "starting", "started", "leaving"))


def short_topic(text: str) -> bool:
    """One to three plain words ("bookkeeping", "pricing strategy") that read well inside
    a sentence. Anything longer or punctuated may be a whole note ("graphic designer,
    moving to Leeds"), which only reads correctly quoted after a colon."""
    words = text.split()
    return (1 <= len(words) <= 3 and re.fullmatch(r"[\w&'’ -]+", text) is not None
            and words[0].casefold() not in _CLAUSE_START)


def quoted(text: str) -> str:
    """The participant's own words in quotation marks, so any note reads as a note."""
    return "“" + text.strip().strip("\"“”") + "”"


def in_sentence(text: str) -> str:
    """``text`` as it can stand after "they know about": as it is if short, else quoted."""
    return text if short_topic(text) else quoted(text)


def and_list(items: Iterable[str]) -> str:
    """"a", "a and b", "a, b and c": blanks left out, as a sentence lists things."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(number: int, one: str, many: str | None = None) -> str:
    """"1 person", "3 people", "1,200 fields".

    Every count a participant reads goes through here, so none of them says "1 fields"
    or "1 people".
    """
    return f"{number:,} {one if number == 1 else (many or one + 's')}"
