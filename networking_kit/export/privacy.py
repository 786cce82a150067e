"""The privacy choice made before an export, and the one filter every export's text goes
through.

The default shares the least: no e-mail addresses, phone numbers or profile links, and
full names only because a plan with initials is harder for its owner to act on.

``PrivacyFilter`` is the single place that choice is applied to text. Every export (the
plan in HTML, Markdown and PDF, the CSVs, the calendar file, GraphML and Kumu) passes each
piece of text it writes through one, so a name can no longer slip out in a sentence the
export did not know mentioned someone ("start with Viktor Abara", "They know …"). The
JSON backup is the one exception: it is the whole workbook, for restoring, not a view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import Enum, StrEnum
from typing import TypeVar, cast

import pandas as pd


class NameStyle(StrEnum):
    """How an export shows the participant's contacts. The participant's own name, in
    the plan's header, is theirs and stays as they wrote it in step 1."""

    FULL = "full"
    INITIALS = "initials"

    @property
    def label(self) -> str:
        return _NAME_STYLE_LABELS[self]


# The question every export form asks, and its answers' words on the page.
NAME_STYLE_QUESTION = "Show your contacts by"
_NAME_STYLE_LABELS = {NameStyle.FULL: "Full names",
                      NameStyle.INITIALS: "Initials only (e.g. A. L.)"}


DETAIL_COLUMNS = ("email", "phone", "url")
# Columns a person's words can be in: checked for names, addresses and numbers.
FREE_TEXT_COLUMNS = ("name", "company", "position", "can_help_with", "i_can_offer", "notes",
                     "tags")
# What a hidden detail becomes, in words a reader understands.
HIDDEN_EMAIL = "(e-mail hidden)"
HIDDEN_PHONE = "(phone hidden)"
HIDDEN_LINK = "(link hidden)"

# Characters no export format can hold: C0 controls other than tab and line ends, DEL,
# lone surrogates (they cannot be written as UTF-8) and the two XML non-characters.
# XML 1.0 section 2.2 forbids all of them but DEL; RFC 5545 3.3.11 forbids the controls.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
_BETWEEN_NAME_PARTS = re.compile(r"[\s,.]+")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"']+"
                   r"|\b(?:[\w-]+\.)+[a-z]{2,}/[^\s<>\"']*", re.IGNORECASE)
# A phone number: eight or more digits with the usual separators, optionally after "+".
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{6,}\d(?!\w)")
# … but not a date or a span of years, which look the same to the pattern above.
_NOT_A_PHONE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
                          r"|\d{4}\s*-\s*\d{4}")
_TRAILING = ".,;:!?)]"
# What a text must hold for ``_LINK`` (without a "/") or ``_PHONE`` to match in it.
_WWW = re.compile(r"www\.", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

T = TypeVar("T")


@dataclass(frozen=True)
class Privacy:
    """What an export may show about the participant's contacts."""

    include_contact_details: bool = False
    names: NameStyle = NameStyle.FULL


def initials(name: object) -> str:
    """``Ada King-Lovelace`` → ``A. K.-L.``: enough for its owner, little for anyone else."""
    if not isinstance(name, str) or not name.strip():
        return "?"
    words = name.replace(",", " ").split()
    parts = []
    for word in words[:3]:
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0].upper() + "." for p in pieces if p[0].isalnum()) or "?")
    return " ".join(parts)


def writable(text: str) -> str:
    """``text`` without the characters no file format can hold (see ``_UNWRITABLE``)."""
    return _UNWRITABLE.sub("", text)


def apply_privacy(contacts: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """A copy of ``contacts`` showing only what ``privacy`` allows (columns only; the
    text in them is checked by ``PrivacyFilter.frame``)."""
    shown = contacts.copy()
    if not privacy.include_contact_details:
        for column in DETAIL_COLUMNS:
            shown[column] = pd.NA
    if privacy.names is NameStyle.INITIALS:
        shown["name"] = shown["name"].map(initials).astype(shown["name"].dtype)
        shown["first_name"] = pd.NA
        shown["last_name"] = pd.NA
    return shown


def display_name(name: object, privacy: Privacy) -> str:
    """One contact's name as this export shows it."""
    if privacy.names is NameStyle.INITIALS:
        return initials(name)
    return name if isinstance(name, str) else "?"


def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group().casefold() for m in _TOKEN.finditer(text))


class PrivacyFilter:
    """Applies one privacy choice to any text an export writes.

    Built once per export from the whole contacts table (``contact_id``, ``name``,
    ``first_name``, ``email``, ``phone``, ``url`` columns). With "by initials", every
    contact's full name anywhere in a text becomes their initials (whatever the case or
    the spaces between its words, "Last, First" too); a name of one word only where it is
    written with the same capitals. With contact details off, every contact's e-mail,
    phone and profile address, and anything that looks like one, is replaced by words
    saying it was hidden. Characters no file format can hold are always dropped.
    """

    def __init__(self, contacts: pd.DataFrame, privacy: Privacy) -> None:
        self.privacy = privacy
        self._by_first_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._single: dict[str, str] = {}
        self._first_names: dict[str, str] = {}
        if privacy.names is NameStyle.INITIALS:
            self._index_names(contacts)
        self._details: list[tuple[str, str]] = []
        if not privacy.include_contact_details:
            self._index_details(contacts)

    def _index_names(self, contacts: pd.DataFrame) -> None:
        firsts = (contacts["first_name"] if "first_name" in contacts
                  else pd.Series(pd.NA, index=contacts.index, dtype="object"))
        for cid, name, first in zip(contacts["contact_id"], contacts["name"], firsts,
                                    strict=True):
            if not isinstance(name, str):
                continue
            words = _words(name)
            if len(words) > 1:
                self._by_first_word.setdefault(words[0], []).append((words, initials(name)))
            elif words and len(name.strip()) > 2:
                self._single[name.strip()] = initials(name)
            given = first if isinstance(first, str) and first.strip() else name.split()[0]
            if len(given.strip()) > 2:
                self._first_names[str(cid)] = given.strip()
        for candidates in self._by_first_word.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest name wins

    def _index_details(self, contacts: pd.DataFrame) -> None:
        """The contacts' own details that the general patterns would not catch (few or
        none), so each text is checked against a handful of strings, not every contact's."""
        for column, hidden in (("email", HIDDEN_EMAIL), ("phone", HIDDEN_PHONE),
                               ("url", HIDDEN_LINK)):
            if column in contacts:
                values = set(contacts[column].dropna().astype(str))
                self._details += [(v, hidden) for v in values
                                  if len(v.strip()) > 3 and _hide_by_pattern(v) != hidden]
        self._details.sort(key=lambda d: -len(d[0]))

    # ------------------------------------------------------------------ text

    def text(self, value: str, about: Iterable[str] = ()) -> str:
        """``value`` as this export may show it.

        ``about`` names the contact ids the text is about (an action's people): their
        first names alone ("Message Viktor") become initials too.
        """
        value = writable(value)
        if not self.privacy.include_contact_details:
            value = self._hide_details(value)
        if self._by_first_word or self._single:
            value = self._hide_names(value)
            for cid in about:
                first = self._first_names.get(cid)
                if first:
                    value = re.sub(rf"(?<!\w){re.escape(first)}(?!\w)", initials(first), value)
        return value

    def _hide_details(self, value: str) -> str:
        folded = value.casefold()
        for detail, hidden in self._details:
            if detail.casefold() in folded:
                value = re.sub(re.escape(detail), hidden, value, flags=re.IGNORECASE)
                folded = value.casefold()
        return _hide_by_pattern(value)

    def _hide_names(self, value: str) -> str:
        tokens = list(_TOKEN.finditer(value))
        out: list[str] = []
        done = 0  # characters of ``value`` already copied or replaced
        i = 0
        while i < len(tokens):
            found = self._name_at(value, tokens, i)
            if found is None:
                i += 1
                continue
            length, shown = found
            start, end = tokens[i].start(), tokens[i + length - 1].end()
            out.append(value[done:start])
            out.append(shown)
            # "start with V. A.." reads as a typo: the initials' full stop ends the sentence.
            done = end + 1 if shown.endswith(".") and value[end:end + 1] == "." else end
            i += length
        out.append(value[done:])
        return "".join(out)

    def _name_at(self, value: str, tokens: list[re.Match[str]], i: int) -> tuple[int, str] | None:
        word = tokens[i].group()
        for words, shown in self._by_first_word.get(word.casefold(), ()):
            n = len(words)
            if i + n > len(tokens):
                continue
            if all(tokens[i + k].group().casefold() == words[k] for k in range(1, n)) and all(
                    _BETWEEN_NAME_PARTS.fullmatch(value[tokens[i + k - 1].end():
                                                        tokens[i + k].start()])
                    for k in range(1, n)):
                return n, shown
        single = self._single.get(word)
        return (1, single) if single is not None else None

    # ------------------------------------------------------------------ shapes

    def frame(self, contacts: pd.DataFrame) -> pd.DataFrame:
        """``apply_privacy``, then every free-text cell through ``text``."""
        shown = apply_privacy(contacts, self.privacy)
        for column in FREE_TEXT_COLUMNS:
            if column in shown:
                values = shown[column]
                present = values.notna()
                if present.any():
                    cleaned = values[present].astype(str).map(self.text)
                    shown[column] = values.astype("object").where(~present, cleaned).astype(
                        values.dtype)
        return shown

    def value(self, item: T) -> T:
        """Any export's content with every string in it through ``text``: strings, lists,
        tuples, dicts and dataclasses (a dataclass field with ``metadata={"markup": True}``
        is markup the export built itself, such as a picture, and is left alone)."""
        return cast(T, self._walk(item))

    def _walk(self, item: object) -> object:
        if isinstance(item, Enum):
            return item
        if isinstance(item, str):
            return self.text(item)
        if isinstance(item, list):
            return [self._walk(v) for v in item]
        if isinstance(item, tuple):
            return tuple(self._walk(v) for v in item)
        if isinstance(item, Mapping):
            return {k: self._walk(v) for k, v in item.items()}
        if is_dataclass(item) and not isinstance(item, type):
            changes = {f.name: self._walk(getattr(item, f.name)) for f in fields(item)
                       if f.init and not f.metadata.get("markup")}
            return replace(item, **changes)
        return item


def _hide_by_pattern(value: str) -> str:
    """Anything in ``value`` that looks like an e-mail address, a link or a phone number,
    replaced by words saying it was hidden.

    Each pattern runs only on a text holding what it cannot match without (an "@", a "/"
    or "www.", a digit): the answer is the same, and most texts (names, organisations,
    job titles) skip all three, which at 30,000 contacts is most of an export's time."""
    if "@" in value:
        value = _EMAIL.sub(HIDDEN_EMAIL, value)
    if "/" in value or _WWW.search(value):
        value = _LINK.sub(_hidden_link, value)
    if _DIGIT.search(value):
        value = _PHONE.sub(_hidden_phone, value)
    return value


def _hidden_link(match: re.Match[str]) -> str:
    link = match.group()
    kept = len(link) - len(link.rstrip(_TRAILING))
    return HIDDEN_LINK + (link[-kept:] if kept else "")


def _hidden_phone(match: re.Match[str]) -> str:
    number = match.group()
    digits = sum(c.isdigit() for c in number)
    if digits < 8 or _NOT_A_PHONE.fullmatch(number.strip()):
        return number
    return HIDDEN_PHONE
