"""The import report: what one import did, and its sentences for the participant.

``ImportReport`` is what the step 2 form and ``networking-kit import`` show: the counts,
the rows skipped with their lines, and a sentence for everything else the import did or
left (dates guessed, namesakes kept apart, a newer job not taken, columns not read), so
that nothing the file held goes without a line. ``importing`` runs the import and builds
it from the merge's counts.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field

import pandas as pd

from networking_kit.contacts_duplicates import (
    SAME_NAME_ELSEWHERE,
    SAME_NAME_ONE_WITHOUT,
    duplicate_index,
    duplicates_of,
)
from networking_kit.importers.columns import REPORT_WORDS

# Where a sentence sends the participant to combine two contacts or change one, as the
# command line says it; step 2's form, on that page, says it in its own words
# (``ImportReport.details(on_page=True)``: found by a tester, who read "combine them in
# step 2" on step 2's page).
COMBINE = "combine them in step 2 (or with networking-kit duplicates)"
_CHANGE = "change them in step 2"
_LISTED = "listed in step 2"
_SET = "are set in step 2"
_ON_THE_PAGE = {COMBINE: "combine them with the Combine button below this import",
                _CHANGE: "change them in your list of people on this page",
                _LISTED: "listed below this import",
                _SET: 'are set under "Sort them" on this page'}


@dataclass(frozen=True)
class ImportReport:
    """What one import did, for the status line and the command line."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_lines: list[tuple[int | None, str]] = field(default_factory=list)
    duplicates: int = 0
    format: str = ""
    file: str = ""
    # The contacts added or updated (a read-only set: ``contacts_merge.ChangedIds``).
    contact_ids: Set[str] = frozenset()
    notes: tuple[str, ...] = ()  # dates guessed or not read, with their lines
    columns_used: tuple[str, ...] = ()  # header cells as written in the file
    columns_ignored: tuple[str, ...] = ()
    # (saved contact id, added contact id): the same name and organisation but something
    # new or different, so added separately; step 2 and ``networking-kit duplicates``
    # offer to combine them.
    possible: tuple[tuple[str, str], ...] = ()

    def summary(self) -> str:
        return (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"skipped {self.skipped}")

    def skipped_text(self) -> list[str]:
        """One plain sentence per skipped row: "line 7: this row has no name …"."""
        return [f"line {line}: {reason}" if line is not None else reason
                for line, reason in self.skipped_lines]

    def details(self, on_page: bool = False) -> list[str]:
        """The report beyond the counts, a sentence each: dates, then the columns read
        and the columns left unread (so nothing the file held goes without a line).
        ``on_page``: for step 2's page, which these sentences otherwise send the reader
        to."""
        lines = list(self.notes)
        if self.duplicates:
            rows = "1 row was" if self.duplicates == 1 else f"{self.duplicates} rows were"
            lines.append(f"{rows} the same person as another row (same e-mail, profile "
                         "address or name and organisation) and "
                         f"{'was' if self.duplicates == 1 else 'were'} combined.")
        if self.columns_used:
            lines.append("Columns read: " + _cells(self.columns_used) + ".")
        if self.columns_ignored:
            # not "the workbook has no place for them": it keeps when you last spoke,
            # how close you are and where you met, which no import fills in
            lines.append("Columns not read: " + _cells(self.columns_ignored) + ". An "
                         "import fills in names, e-mail, phone, organisation, job title, "
                         "web address, the date you connected and notes; when you were "
                         "last in touch, how close you are and where you know someone "
                         f"from {_SET}.")
        return [_on_the_page(line) for line in lines] if on_page else lines


def _on_the_page(sentence: str) -> str:
    for elsewhere, here in _ON_THE_PAGE.items():
        sentence = sentence.replace(elsewhere, here)
    return sentence


def _cells(header: Sequence[str]) -> str:
    """Header cells in a sentence; one with a comma of its own in quotes ("Kennengelernt,
    wann"), so that it reads as one column."""
    return ", ".join(f"“{cell}”" if "," in cell else cell for cell in header)


_ELSEWHERE = (SAME_NAME_ELSEWHERE, SAME_NAME_ONE_WITHOUT)
_ELSEWHERE_SHOWN = 10  # pairs named, one sentence each; the rest are counted


def namesakes_elsewhere(saved: pd.DataFrame, added: pd.DataFrame) -> tuple[str, ...]:
    """Sentences for the people added beside someone of the same name at another
    organisation (or with none), in the workbook or the file: kept apart, and listed
    as possibly the same person (``contacts_duplicates``), as issue 12 asks. Not for a
    first import: step 2 lists those pairs."""
    if added.empty or saved.empty:  # a first import: step 2 lists them (and the
        return ()  # whole file's index here would raise the import's peak memory)
    index = duplicates_of(duplicate_index(saved), added)
    new = set(added["contact_id"].astype(str))
    pairs = [p for p in index.pairs() if p.reason in _ELSEWHERE and new & p.pair]
    notes = [f"Possibly the same person: {p.sentence()}. Both were kept; if they are one "
             f"person, {COMBINE}." for p in pairs[:_ELSEWHERE_SHOWN]]
    if len(pairs) > _ELSEWHERE_SHOWN:
        notes.append(f"… and {len(pairs) - _ELSEWHERE_SHOWN} more pairs with the same name "
                     f"at different organisations, {_LISTED}.")
    return tuple(notes)


_KEPT_SHOWN = 10  # people named in the sentence; the rest are counted


def kept_notes(saved: pd.DataFrame, differs: tuple[tuple[str, str, str, str], ...],
                ) -> tuple[str, ...]:
    """One sentence for the people whose organisation or job title in the file differs
    from the saved one, which was kept (``MergeCounts.differs``), naming each change."""
    if not differs:
        return ()
    names = dict(zip(saved["contact_id"].astype(str).tolist(),
                     saved["name"].astype(object).tolist(), strict=True))
    people: dict[str, list[str]] = {}
    for contact_id, column, mine, theirs in differs:
        people.setdefault(contact_id, []).append(
            f"{REPORT_WORDS[column]} {theirs} in the file, {mine} in your map")
    shown = [f"{names.get(contact_id, '')} ({'; '.join(changes)})"
             for contact_id, changes in list(people.items())[:_KEPT_SHOWN]]
    more = (f" and {len(people) - _KEPT_SHOWN} more" if len(people) > _KEPT_SHOWN else "")
    count = len(people)
    return (f"{count} {'person' if count == 1 else 'people'} in the file "
            f"{'has' if count == 1 else 'have'} another organisation or job title than "
            "your map has. Your map's were kept, as an import never changes what you "
            f"have: {', '.join(shown)}{more}. If someone has moved on, {_CHANGE}.",)


def namesake_notes(saved: pd.DataFrame, possible: tuple[tuple[str, str], ...],
                    ) -> tuple[str, ...]:
    """One sentence per contact added beside a namesake already in the workbook."""
    if not possible:
        return ()
    ids = saved["contact_id"].astype(str).tolist()
    names = dict(zip(ids, saved["name"].astype(object).tolist(), strict=True))
    companies = dict(zip(ids, saved["company"].astype(object).tolist(), strict=True))
    notes = []
    for saved_id, _added in possible:
        company = companies.get(saved_id)
        at = f" ({company})" if isinstance(company, str) and company else ""
        notes.append(f"Possibly the same person: {names.get(saved_id)}{at} was already in your "
                     "workbook, and the file's entry has other details, so it was added as "
                     f"a separate contact. If they are one person, {COMBINE}.")
    return tuple(dict.fromkeys(notes))  # two saved namesakes: one sentence (a tester saw two)
