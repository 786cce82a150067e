"""Step 2's "possibly the same person": combine two contacts in one click, and undo it.

A mixin of :class:`~networking_kit.steps.map.MapSession`, kept apart so the session's own
module stays small. :meth:`DuplicateActions.possible_duplicates` lists the pairs
(``contacts_duplicates``); :meth:`DuplicateActions.combine` makes two contacts one in ONE
transaction: the first keeps its id and every value it holds, gains only what it lacked
from the other, and takes over the other's follow-ups, log entries, census ties and place
in the census; the other is then removed. :meth:`DuplicateActions.undo_combine` puts the
last combination back, also in one transaction. :meth:`DuplicateActions.keep_apart` says
two people are not one, so they are not offered again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from networking_kit.contacts import contact_record
from networking_kit.contacts_duplicates import (
    Difference,
    DuplicateIndex,
    PossibleDuplicate,
    combined_fields,
    combined_sentence,
    differences,
    duplicate_index,
    duplicates_of,
)
from networking_kit.steps._session import Change, StepSession
from networking_kit.steps.map_memo import APPENDED, SORTING

KEPT_APART_KEY = "kept_apart"  # the profile key: pairs the participant said are two people
_TOPICS = (Change.CONTACTS, Change.TIES, Change.PLAN, Change.LOG)
UNDO_COMBINE = "Undo puts them back as two."  # the page's way back (the CLI has its own)


@dataclass(frozen=True)
class Combined:
    """What one :meth:`DuplicateActions.combine` changed, enough to put it back exactly:
    the other contact's row, the fields filled on ``keep``, keep's last contact before,
    the follow-ups moved ((id, contact id, data) as they were), the log entries moved
    (as they were) and the ids of their copies, the ties added to ``keep`` and the
    other's ties, and the census as it was."""

    keep: str
    other: str
    other_row: pd.DataFrame
    filled: tuple[str, ...]
    keep_last_contact: date | None
    followups: tuple[tuple[int, str | None, dict[str, Any]], ...] = ()
    interactions: tuple[dict[str, Any], ...] = ()
    copies: tuple[int, ...] = ()
    ties_added: tuple[str, ...] = ()
    other_ties: tuple[str, ...] = ()
    census: tuple[str, ...] = field(default_factory=tuple)


class DuplicateActions(StepSession):
    """The possible-duplicates list and its actions; see :class:`MapSession` for memory."""

    contacts: pd.DataFrame
    ties: list[tuple[str, str]]
    census: list[str]
    _row_of: dict[str, int]
    _combined: list[Combined]
    census_key: str  # MapSession's profile key for the census choice
    revision: int  # MapSession's: moves with every change of the map
    _duplicates: tuple[int, DuplicateIndex] | None = None  # (revision, index) kept

    def _only_edits_since(self, revision: int, ignores: frozenset[str] | None = None,
                          ) -> list[int] | None:
        raise NotImplementedError  # MapMemo's

    def _load_all(self) -> None:
        raise NotImplementedError  # MapSession's

    def possible_duplicates(self) -> list[PossibleDuplicate]:
        """Pairs that may be one person (``contacts_duplicates.possible_duplicates``),
        without the pairs the participant kept apart."""
        return self._duplicate_index().pairs()

    def differences(self, pair: PossibleDuplicate) -> list[Difference]:
        """Where the two people of ``pair`` differ, and what only one of them holds
        (``contacts_duplicates.differences``, one-sided); empty when one of them is no
        longer in the map."""
        if pair.keep not in self._row_of or pair.other not in self._row_of:
            return []
        keep, other = (contact_record(self.contacts.iloc[self._row_of[c]])
                       for c in (pair.keep, pair.other))
        return differences(keep, other, one_sided=True)

    def _duplicate_index(self) -> DuplicateIndex:
        """``contacts_duplicates.DuplicateIndex`` of the map, kept between clicks: after
        sorting (it reads no closeness) it is kept as it is, after people were added only
        they are checked against it (``duplicates_of``, issue 11: reading 30,000 people
        again after each add took about a second); built again after anything else."""
        kept_apart = frozenset(self._kept_apart())
        kept = self._duplicates
        if kept is not None and kept[1].kept_apart == kept_apart:
            rows = (self._only_edits_since(kept[0], SORTING | {APPENDED})
                    if kept[0] != self.revision else [])
            known = len(kept[1].ids)
            if rows is not None and sorted(p for p in set(rows) if p >= known) == list(
                    range(known, len(self.contacts))):
                self._duplicates = self.revision, duplicates_of(
                    kept[1], self.contacts.iloc[known:])
                return self._duplicates[1]
        self._duplicates = self.revision, duplicate_index(self.contacts, kept_apart)
        return self._duplicates[1]

    def _kept_apart(self) -> set[frozenset[str]]:
        saved = self.workbook.get_profile(KEPT_APART_KEY, []) or []
        return {frozenset(pair) for pair in saved if len(pair) == 2}

    def combine(self, keep: str, other: str) -> str:
        """Make ``keep`` and ``other`` one contact (see the module); returns a sentence for
        the participant. Raises KeyError when either is no longer in the map (nothing
        changed) and ValueError for a contact combined with itself."""
        if keep == other:
            raise ValueError("a contact cannot be combined with itself")
        workbook = self.workbook
        with self._action(*_TOPICS, contact_ids=frozenset((keep, other))):
            if keep not in self._row_of or other not in self._row_of:
                raise KeyError(keep if keep not in self._row_of else other)
            kept = contact_record(self.contacts.iloc[self._row_of[keep]])
            gone = self.contacts.iloc[[self._row_of[other]]].reset_index(drop=True)
            fill = combined_fields(kept, contact_record(gone.iloc[0]))
            dropped = differences(kept, contact_record(gone.iloc[0]))
            moved = [(int(f["followup_id"]), f["contact_id"], dict(f["data"]))
                     for f in workbook.load_followups()
                     if f["contact_id"] == other or _mentions(f["data"], other)]
            log = workbook.load_interactions(other)
            other_ties = [a if b == other else b for a, b in self.ties if other in (a, b)]
            added_ties = [p for p in other_ties if p != keep
                          and (min(keep, p), max(keep, p)) not in set(self.ties)]
            if fill:
                workbook.patch_contacts({keep: fill})
            for followup_id, contact_id, data in moved:
                workbook.update_followup(
                    followup_id, contact_id=keep if contact_id == other else contact_id,
                    data=_replaced(data, other, keep))
            copies = [workbook.log_interaction(keep, happened_on=i["happened_on"],
                                               kind=i["kind"], note=i["note"]) for i in log]
            for partner in added_ties:
                workbook.set_tie(keep, partner)
            census = list(self.census)
            if other in census:
                workbook.set_profile(self.census_key, list(dict.fromkeys(
                    keep if c == other else c for c in census)))
            workbook.delete_contacts([other])
            entry = Combined(keep, other, gone, tuple(fill), _day(kept.get("last_contact")),
                             tuple(moved), tuple(log), tuple(copies), tuple(added_ties),
                             tuple(other_ties), tuple(census))
            self._load_all()
        self._combined.append(entry)  # only once the action is saved
        return f"{combined_sentence(kept.get('name') or 'them', dropped)} {UNDO_COMBINE}"

    def undo_combine(self) -> str:
        """Put the last :meth:`combine` back in one transaction; returns a sentence ("" when
        there is nothing to undo). The entry is kept when the undo fails, for a retry."""
        if not self._combined:
            return ""
        entry = self._combined[-1]
        workbook = self.workbook
        with self._action(*_TOPICS, contact_ids=frozenset((entry.keep, entry.other))):
            workbook.add_contacts(entry.other_row)
            if entry.filled:
                workbook.patch_contacts({entry.keep: dict.fromkeys(entry.filled)})
            if entry.copies:
                workbook.remove_interactions(list(entry.copies),
                                             {entry.keep: entry.keep_last_contact})
            for item in entry.interactions:
                workbook.log_interaction(entry.other, happened_on=item["happened_on"],
                                         kind=item["kind"], note=item["note"])
            for followup_id, contact_id, data in entry.followups:
                workbook.update_followup(followup_id, contact_id=contact_id, data=data)
            for partner in entry.ties_added:
                workbook.set_tie(entry.keep, partner, know_each_other=False)
            for partner in entry.other_ties:
                workbook.set_tie(entry.other, partner)
            if entry.other in entry.census:
                workbook.set_profile(self.census_key, list(entry.census))
            self._load_all()
        self._combined.pop()  # only once the undo is saved
        return "Put back as two contacts."

    def keep_apart(self, first: str, second: str) -> None:
        """Say two contacts are two people: they are no longer offered as a pair."""
        pair = sorted((first, second))
        with self._action(Change.CONTACTS, contact_ids=frozenset(pair)):
            saved = [list(p) for p in self._kept_apart()]
            if pair not in [sorted(p) for p in saved]:
                self.workbook.set_profile(KEPT_APART_KEY, sorted([*saved, pair]))
            self._load_all()


def _mentions(data: dict[str, Any], contact_id: str) -> bool:
    return _replaced(data, contact_id, "") != data


def _replaced(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """A follow-up's data with ``old`` (a contact id, alone or in a list) made ``new``."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value == old:
            out[key] = new
        elif isinstance(value, list):
            out[key] = [new if item == old else item for item in value]
        else:
            out[key] = value
    return out


def _day(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, date) else None
