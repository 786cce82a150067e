"""Step 2's fields in one click (issue 15): "Which of these are in pharma?" sets the goal's
field for everyone at the ticked organisations or with the ticked job-title words, in
one transaction, and Undo takes it back. A mixin of :class:`~networking_kit.steps.map.
MapSession`, kept apart so the session's own module stays small; it uses the session's
memory (``contacts``, ``_row_of``), cache and ``_set_in_memory``. The people counted by
field (:meth:`FieldActions.network_counts`, the numbers' counts) live here too, beside the
fields inferred from organisations and titles they read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import pandas as pd

from networking_kit.fields import (
    SEARCHED,
    Candidate,
    field_candidates,
    infer_fields,
    people_of,
    with_field,
)
from networking_kit.network_metrics import NetworkCounts, sectors
from networking_kit.steps._session import Change, StepSession

T = TypeVar("T")
# What ``fields.field_candidates`` reads: the words it searches for the field, and the
# organisations and job titles it counts (only people with one of these count, so a
# person added by hand with neither changes nothing).
_COUNTED_FROM = frozenset({"company", "position"})
CANDIDATES_READ = frozenset(SEARCHED) | _COUNTED_FROM
# What each of the numbers' counts reads (``network_counts``); a person's field is their
# first tag, else what their organisation and job title show.
_STRENGTH, _CONTEXT, _COMPANY = (frozenset({"strength"}), frozenset({"context"}),
                                 frozenset({"company"}))
_SECTOR_READS = frozenset({"tags"}) | _COUNTED_FROM


class FieldActions(StepSession):
    """The field checklist's actions and view; see :class:`MapSession` for the memory."""

    contacts: pd.DataFrame
    _row_of: dict[str, int]
    _field_undo: dict[str, str | None]  # what the last set_field changed, for undo

    def _set_in_memory(self, positions: list[int], fields: dict[str, Any]) -> None:
        raise NotImplementedError  # MapSession's

    def _kept(self, key: str, compute: Callable[[], T], reads: frozenset[str],
              blank_added: frozenset[str] | None = None) -> T:
        raise NotImplementedError  # MapMemo's

    def _tally(self, key: str, values: Callable[[list[int] | None], pd.Series],
               reads: frozenset[str]) -> Counter[str | None]:
        raise NotImplementedError  # MapMemo's

    _inferred: pd.Series | None = None  # infer_fields of the map, while its words hold

    def inferred_fields(self) -> pd.Series:
        """``fields.infer_fields`` of the map (each person's field as the organisation and
        job title show it), kept while nobody's organisation or job title changes: a
        sorting click does not read 30,000 titles again (about 0.3 s), an added person is
        read alone."""
        if self._inferred is None:
            self._inferred = infer_fields(self.contacts)
        return self._inferred

    def _inferred_follow(self, positions: list[int] | None = None,
                         fields: Iterable[str] = (), added: int = 0) -> None:
        """Memory changed: ``positions`` got new ``fields``, or ``added`` rows were
        appended, or (neither) the whole map was read again."""
        if self._inferred is None:
            return
        if added:
            new = self.contacts.iloc[len(self.contacts) - added:]
            self._inferred = pd.concat([self._inferred, infer_fields(new)])
        elif positions is None:
            self._inferred = None
        elif {"company", "position"} & set(fields):
            inferred = self._inferred.copy()  # a metric kept in the cache holds the old one
            inferred.iloc[positions] = infer_fields(self.contacts.iloc[positions]).to_numpy()
            self._inferred = inferred

    def network_counts(self) -> NetworkCounts:
        """What the numbers are worked out from (``network_metrics.NetworkCounts``), kept
        and brought up to date for the rows an add or an edit touched only: at 30,000
        people, counting every organisation and field again took about 50 ms a click."""
        contacts = self.contacts

        def column(name: str) -> Callable[[list[int] | None], pd.Series]:
            return lambda rows: contacts[name] if rows is None else contacts[name].iloc[rows]

        def fields(rows: list[int] | None) -> pd.Series:
            inferred = self.inferred_fields()
            if rows is None:
                return sectors(contacts, inferred)
            return sectors(contacts.iloc[rows], inferred.iloc[rows])

        return NetworkCounts(
            len(contacts), self._tally("strength", column("strength"), _STRENGTH),
            self._tally("context", column("context"), _CONTEXT),
            self._tally("sector", fields, _SECTOR_READS),
            self._tally("company", column("company"), _COMPANY))

    def field_candidates(self, target: str) -> list[Candidate]:
        """What to offer as "Which of these are in {target}?": the top organisations and
        job-title words not yet counted in it (``fields.field_candidates``)."""
        return self._kept(f"fields:{target}", lambda: field_candidates(self.contacts, target),
                          reads=CANDIDATES_READ, blank_added=_COUNTED_FROM)

    def set_field(self, target: str, organisations: Iterable[str] = (),
                  title_words: Iterable[str] = ()) -> int:
        """Put ``target`` first in the tags of everyone at these organisations or with
        these job-title words (``fields.people_of``), in one transaction; returns how
        many people changed. :meth:`undo_set_field` takes it back."""
        chosen = self.contacts[people_of(self.contacts, organisations, title_words).to_numpy()]
        before = dict(zip(chosen["contact_id"].astype(str),
                          chosen["tags"].astype("object").where(chosen["tags"].notna(), None),
                          strict=True))
        after = {cid: with_field(old, target) for cid, old in before.items()}
        changed = {cid: tags for cid, tags in after.items() if tags != before[cid]}
        if changed:
            self._write_tags(changed)
        self._field_undo = {cid: before[cid] for cid in changed}
        return len(changed)

    def undo_set_field(self) -> int:
        """Put back the tags the last :meth:`set_field` changed; returns how many people
        (0 when there is nothing to undo). One transaction."""
        undo = self._field_undo
        if undo:
            self._write_tags(undo)
        self._field_undo = {}
        return len(undo)

    def _write_tags(self, tags: Mapping[str, str | None]) -> None:
        """Save new tags for many people, one UPDATE per distinct value, in one action."""
        groups: dict[str | None, list[str]] = {}
        for cid, value in tags.items():
            groups.setdefault(value, []).append(cid)
        with self._action(Change.CONTACTS, contact_ids=frozenset(tags)):
            present = {v: [c for c in ids if c in self._row_of] for v, ids in groups.items()}
            for value, ids in present.items():  # every write first: a failure leaves
                self.workbook.update_contacts(ids, tags=value)  # memory as it was
            for value, ids in present.items():
                self._set_in_memory([self._row_of[c] for c in ids], {"tags": value})
