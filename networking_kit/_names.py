"""A person's full name into given and family name, with ``nameparser``.

"Doe, Jane" is Jane Doe; "Dr. Jane Doe" has the title Dr. (kept in the full name, not
in the given name); "Jane Doe Jr." is Jane Doe with a suffix; particles stay with the
family name ("van Beethoven", "de la Cruz", "al-Farsi"). Chinese, Japanese and Korean
names are written family name first: "王 伟" (with a space) is family 王, given 伟; a
name written without a space is split only where the script makes it safe (Hangul and
Chinese names of two or three characters: one-character family names), and others
(Japanese names, most often four characters or with kana) are left whole. Used by
``_canonical`` (names completed from their parts and the other way round) and
``contacts_merge`` (the match key uses the parsed parts).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from nameparser import HumanName

_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"^[\uac00-\ud7af]{2,4}$")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


class Name(NamedTuple):
    """The parts of a full name ("" where absent) and how to write it given-name first."""

    given: str
    family: str
    display: str  # the name as written (the participant's own spelling is kept)


@lru_cache(maxsize=65536)
def parse_name(full: str) -> Name:
    """The given and family name of ``full`` (one person's name, tidy text)."""
    text = full.strip()
    if not text:
        return Name("", "", "")
    if _CJK.search(text):
        return _family_first(text)
    human = HumanName(text)
    given = " ".join(p for p in (human.first, human.middle) if p)
    family = human.last
    if not family and not given:
        return Name(text, "", text)
    return Name(given, family, text)


def _family_first(text: str) -> Name:
    words = text.split()
    if len(words) >= 2:
        return Name(" ".join(words[1:]), words[0], text)
    if _HANGUL.match(text) or (_HAN.match(text) and not _KANA.search(text)):
        return Name(text[1:], text[0], text)
    return Name("", "", text)  # Japanese family names vary in length: keep it whole


def person_key(given: str, family: str, name: str) -> str:
    """The name part of a match key: the parsed parts, given name first, so "Doe, Jane",
    "Dr. Jane Doe" and "Jane Doe" are one key (not folded; the caller folds it)."""
    if given and family:
        return f"{given} {family}"
    parsed = parse_name(name)
    if parsed.given and parsed.family:
        return f"{parsed.given} {parsed.family}"
    return name.split(",", 1)[0]
