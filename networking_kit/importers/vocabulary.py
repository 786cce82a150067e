"""The column names exports use, in every language, read from ``importers/headers/*.toml``.

One TOML file per language (``de.toml`` …) holds, for each kind of export, the header
cells it writes and where that header set was seen, so that a facilitator who meets a new
export can add a line without touching code. A file looks like::

    language = "German"
    dates = "day-first"          # how this language writes 03/04/2024 when unsure
    months = [["Januar", "Jan"], ["Februar", "Feb"], …]   # 12, January first

    [outlook]
    seen = "Outlook 2013 desktop, German: Datei › Öffnen und exportieren › CSV"
    required = ["Vorname", "Nachname", "E-Mail-Adresse"]   # all of these …
    telling = ["Position", "Mobiltelefon"]                 # … and one of these
    first_name = ["Vorname"]
    phone = ["Mobiltelefon", "Telefon geschäftlich"]       # first non-blank wins

Sections are the kinds of export (:data:`SECTIONS`); a field's list is in order of
preference. Cells are compared after ``normalise_key`` (case, accents and punctuation
do not matter). ``courtesy_title`` (Mr, Dr) and ``suffix`` are recognised so that they
are not taken for a job or a name, ``middle_name`` joins the full name. ``months``
are the language's month names and abbreviations, so that a date such as "4. März 2024"
in a file with German headers is read (English month names are read in every file).

A name listed under two fields of one header set is a name the export writes twice:
its first column holds the first of those fields (in :data:`FIELDS` order), its second
column the second. French Outlook calls both the courtesy title and the job title
"Titre" (``Titre, Prénom, … Société, Service, Titre``), so ``fr.toml`` lists "Titre"
under ``courtesy_title`` and ``position``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from networking_kit._canonical_dates import month_key
from networking_kit.contact_fields import normalise_key

HEADERS = Path(__file__).parent / "headers"
# The kinds of export a language file can describe, in the order files are tried.
SECTIONS = ("linkedin", "google", "outlook", "outlook_web", "thunderbird", "apple", "generic")
# The fields a section can list: the workbook's own columns and the parts of a name.
FIELDS = ("name", "first_name", "middle_name", "last_name", "courtesy_title", "suffix",
          "email", "phone", "company", "position", "url", "connected_on", "notes")
NOT_KEPT = frozenset({"courtesy_title", "suffix"})  # recognised, never stored


@dataclass(frozen=True)
class HeaderSet:
    """One kind of export in one language: how to know it and what each column holds."""

    language: str  # the file's name without .toml: "de"
    section: str  # one of SECTIONS
    seen: str
    required: frozenset[str]  # folded cells that must all be there
    telling: frozenset[str]  # folded cells of which at least one must be there
    min_telling: int
    # folded cell → the fields its 1st, 2nd … column holds, in the file's order of preference
    fields: dict[str, tuple[str, ...]]

    def matches(self, folded: set[str]) -> bool:
        return bool(self.required) and self.required <= folded and (
            not self.telling or len(self.telling & folded) >= self.min_telling)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dates: str  # "day-first" or "month-first"
    header_sets: tuple[HeaderSet, ...]
    # (month name or abbreviation as ``_canonical_dates.month_key`` folds it, month 1-12)
    months: tuple[tuple[str, int], ...] = ()
    # every header cell of its header sets as written, letter case and spaces aside
    written: frozenset[str] = frozenset()



@cache
def languages() -> tuple[Language, ...]:
    """Every language file, English first, then by code."""
    paths = sorted(HEADERS.glob("*.toml"), key=lambda p: (p.stem != "en", p.stem))
    return tuple(_load(path) for path in paths)


def _load(path: Path) -> Language:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    sets = []
    for section in SECTIONS:
        for table in _tables(data.get(section, [])):
            sets.append(_header_set(path.stem, section, table))
    months = tuple((month_key(str(word)), number)
                   for number, words in enumerate(data.get("months", []), start=1)
                   for word in words)
    written = frozenset(_as_written(str(cell)) for section in SECTIONS
                        for table in _tables(data.get(section, []))
                        for field in FIELDS for cell in table.get(field, []))
    return Language(path.stem, str(data.get("language", path.stem)),
                    str(data.get("dates", "day-first")), tuple(sets), months, written)


def _tables(tables: Any) -> list[dict[str, Any]]:
    """A section's header sets: ``[[section]]`` tables, or one ``[section]`` table."""
    return tables if isinstance(tables, list) else [tables]


def _as_written(cell: str) -> str:
    """A header cell as :func:`known_cell` compares it: letter case and spaces aside."""
    return " ".join(cell.casefold().split())


def _header_set(language: str, section: str, table: dict[str, Any]) -> HeaderSet:
    fields: dict[str, list[str]] = {}
    for field in FIELDS:
        for cell in table.get(field, []):
            held = fields.setdefault(normalise_key(cell), [])
            if field not in held:
                held.append(field)
    return HeaderSet(
        language=language, section=section, seen=str(table.get("seen", "")),
        required=frozenset(normalise_key(c) for c in table.get("required", [])),
        telling=frozenset(normalise_key(c) for c in table.get("telling", [])),
        min_telling=int(table.get("min_telling", 1)),
        fields={key: tuple(held) for key, held in fields.items()})


def header_sets(section: str | None = None) -> list[HeaderSet]:
    return [s for lang in languages() for s in lang.header_sets
            if section is None or s.section == section]


def identify(header: Iterable[str]) -> HeaderSet | None:
    """The known export whose header this is (first section, then language, to match)."""
    folded = {normalise_key(cell) for cell in header}
    for section in SECTIONS[:-1]:
        for candidate in header_sets(section):
            if candidate.matches(folded):
                return candidate
    return None


def fields_of(header: list[str], section: str) -> dict[str, list[int]]:
    """{field: positions of the header cells holding it, in order of preference}.

    A cell is read by the first of ``section``'s header sets (any language) that knows
    it; the second column of a name that set lists under two fields holds the second.
    """
    return {field: list(positions)
            for field, positions in _fields_of(tuple(header), section).items()}


@lru_cache(maxsize=64)
def _fields_of(header: tuple[str, ...], section: str) -> dict[str, tuple[int, ...]]:
    """:func:`fields_of`, worked out once a header: an import asks three times (the
    columns, the cells read, the values left out), 0.6 ms each for LinkedIn's header."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    seen: dict[str, int] = {}  # folded cell → columns of that name met so far
    sets = header_sets(section)
    for position, cell in enumerate(header):
        key = normalise_key(cell)
        for rank, candidate in enumerate(sets):
            held = candidate.fields.get(key)
            if held is not None:
                nth = seen.get(key, 0)
                seen[key] = nth + 1
                preference = list(candidate.fields).index(key)
                found.setdefault(held[min(nth, len(held) - 1)], []).append(
                    (rank, preference, position))
                break
    fields = {field: tuple(p for _, _, p in sorted(items)) for field, items in found.items()}
    if section != "generic":
        # A column the export's own names do not know, added in a spreadsheet (a Dutch
        # LinkedIn file with a "Telefoon" column), is read as any table's would be, for a
        # field the export's columns do not hold (found by a tester: the phones were lost).
        taken = {p for positions in fields.values() for p in positions}
        for field, positions in _fields_of(header, "generic").items():
            free = tuple(p for p in positions if p not in taken)
            if field not in fields and free:
                fields[field] = free
    return fields


@cache
def cells_for(field: str, section: str = "generic") -> frozenset[str]:
    """Every header cell (folded) that ``section``'s header sets, in any language, list
    under ``field``: for ``phone`` in ``generic``, "telefon", "handy", "telephone" …"""
    return frozenset(key for candidate in header_sets(section)
                     for key, held in candidate.fields.items() if field in held)


def language_of(header: Iterable[str]) -> Language | None:
    """The language most of the header's cells are written in (None when none is known)."""
    folded = {normalise_key(cell) for cell in header}
    best, score = None, 0
    for language, known in _known_cells():
        hits = len(folded & known)
        if hits > score:
            best, score = language, hits
    return best


def known_cell(cell: str) -> bool:
    """Whether ``cell`` is a column name some known export writes, in any language, as
    written: letter case and spaces aside, but not accents or punctuation, so that
    telling code pages apart by it works ("Deuxičme prénom" is not French Outlook's
    "Deuxième prénom"; a Korean job title read as cp1250, "°úŔĺ", folded to "url")."""
    return _as_written(cell) in _every_known_cell()


@cache
def _every_known_cell() -> frozenset[str]:
    return frozenset().union(*(language.written for language in languages()))


@cache
def _known_cells() -> tuple[tuple[Language, frozenset[str]], ...]:
    """Each language with every header cell its header sets know (folded)."""
    return tuple((language, frozenset().union(*(s.fields for s in language.header_sets)))
                 for language in languages())
