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

_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"^[\uac00-\ud7af]{2,4}$")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
# Two or three plain words of letters (a hyphen or apostrophe inside: Smith-Jones,
# O'Neill), none of them a title, suffix, particle or conjunction nameparser knows:
# nameparser reads these as given [middle] family, at about 1 ms a name; this is the
# same answer without it (tests/test_names.py checks the two agree).
_PLAIN = re.compile(r"^[^\W\d_]{2,}(?:[-'][^\W\d_]+)*"
                    r"(?: [^\W\d_]{2,}(?:[-'][^\W\d_]+)*){1,2}$")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Every word nameparser gives a role (titles, suffixes, particles, conjunctions, the
    maiden markers, its vocabularies in every language), lowered."""
    from importlib import resources

    from nameparser.config import CONSTANTS

    words = {word.lower() for words in (
        CONSTANTS.titles, CONSTANTS.suffix_acronyms, CONSTANTS.suffix_not_acronyms,
        CONSTANTS.prefixes, CONSTANTS.conjunctions, CONSTANTS.first_name_titles,
        CONSTANTS.non_first_name_prefixes, CONSTANTS.bound_first_names,
        CONSTANTS.suffix_acronyms_ambiguous) for word in words}
    package = resources.files("nameparser")
    for folder in ("vocab", "config"):
        for item in package.joinpath(folder).iterdir():
            if item.name.endswith((".toml", ".py")):  # every quoted word, whatever its role
                text = item.read_text(encoding="utf-8")
                words.update(w.lower() for quoted in re.findall(r'"([^"\n]*)"', text)
                             for w in re.split(r"[\s.,]+", quoted) if w)
    if not words:
        raise RuntimeError("nameparser's vocabulary could not be read")
    return frozenset(words)


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
    if _PLAIN.match(text):
        words = text.split(" ")
        known = _known_words()
        if not any(word.lower() in known or _ROMAN.match(word) for word in words):
            return Name(" ".join(words[:-1]), words[-1], text)
    # nameparser is imported where it is first needed: importing it takes 40-120 ms,
    # which a workbook that parses no name (steps 1, 3 and 4) then never pays.
    from nameparser import HumanName

    human = HumanName(text)
    given = " ".join(p for p in (human.first, human.middle) if p)
    family = human.last
    if not family and not given:
        return Name(text, "", text)
    return Name(given, family, text)


def full_name(given: str, family: str) -> str:
    """A name written from its parts: given name first ("Jane Doe"), but family name first
    and with no space between for Chinese, Japanese and Korean names (王芳, 山田花子,
    김민준), as they are written; one part alone when the other is blank."""
    if not (given and family):
        return given or family
    if _CJK.search(family) or _CJK.search(given):
        return f"{family}{given}"
    return f"{given} {family}"


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
