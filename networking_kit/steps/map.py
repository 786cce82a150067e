"""Step 2, "Map your network", as a session: the participant's contacts, ties and goal in
memory, every action of the step as one method and one transaction, and every number the
page shows derived from memory.

Actions (each one transaction, then one :class:`~networking_kit.steps._session.ChangeEvent`):
:meth:`MapSession.add_person`, :meth:`MapSession.edit_contact`,
:meth:`MapSession.sort_many`, :meth:`MapSession.import_file`,
:meth:`MapSession.use_sample`, :meth:`MapSession.set_census`,
:meth:`MapSession.set_pair`, (``steps.map_fields``) :meth:`MapSession.set_field`,
:meth:`MapSession.undo_set_field`, and (``steps.map_duplicates``)
:meth:`MapSession.combine`, :meth:`MapSession.undo_combine`, :meth:`MapSession.keep_apart`.
Views (computed from memory, cached per
:attr:`MapSession.revision`, so a redraw never reads the file): :attr:`people`,
:attr:`sorted_people`, :meth:`layers`, :meth:`composition`, :meth:`metrics`, :meth:`gaps`,
:attr:`done`, and (``steps.map_census``) :meth:`census_candidates`.

Nothing here imports widgets; ``ui/map.py`` binds forms to these methods.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pandas as pd

from networking_kit import census as census_rules
from networking_kit.composition import COMPOSITIONS, composition_counts
from networking_kit.contacts import (
    DATE_COLUMNS,
    contact_record,
    field_value,
    normalise_contacts,
    tidy_text,
)
from networking_kit.gaps import GapReport, find_gaps
from networking_kit.goals import Goal
from networking_kit.network import LayerRow, layer_rows, plural
from networking_kit.network_metrics import Metric, describe_network
from networking_kit.progress import map_done, still_to_sort
from networking_kit.steps._session import Change
from networking_kit.steps.map_census import CensusGuesses
from networking_kit.steps.map_duplicates import DuplicateActions
from networking_kit.steps.map_fields import FieldActions
from networking_kit.steps.map_import import ImportActions
from networking_kit.steps.map_memo import MapMemo
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import load_goal
from networking_kit.vocab import Source, TieStrength

T = TypeVar("T")
CENSUS_KEY = "census"  # the profile key holding who the participant chose for the census
# The columns ``gaps.find_gaps`` never reads: sorting people by where you know them from
# keeps the report (it reads closeness, trust, organisations, titles, notes, ties, dates).
GAPS_IGNORE = frozenset({"context"})


@dataclass(frozen=True)
class AddResult:
    """What :meth:`MapSession.add_person` did: ``added`` is False when the person was
    already in the map (same id: same name and no e-mail/address to tell them apart) or
    when no name was given; ``sentence`` says so to the participant."""

    added: bool
    name: str
    contact_id: str
    same_name: bool
    sentence: str


def quick_add_decision(name: str, contact_id: str, ids: Container[str],
                       folded_names: Container[str]) -> tuple[bool, bool]:
    """Whether a person added by hand is new, and whether someone of the same name exists.

    The id is worked out from the name alone for a quick add, so the same id means the same
    person typed twice: not added again (it would overwrite their closeness). A different
    id with the same name (an imported namesake with an e-mail) is added, with a note.
    Returns ``(is_new, same_name)``.
    """
    return contact_id not in ids, name.casefold() in folded_names


class _Duplicate(Exception):
    """Raised inside an action to roll it back when the person turned out to be there."""


class MapSession(MapMemo, DuplicateActions, FieldActions, CensusGuesses, ImportActions):
    """The participant's map: ``contacts`` (the canonical table, read-only outside),
    ``ties`` (pairs of contact ids who know each other), ``goal`` (step 1's, or None) and
    ``census`` (the ids chosen for the who-knows-whom census), loaded once. Possible
    duplicates and combining them: ``steps.map_duplicates``."""

    census_key = CENSUS_KEY

    def __init__(self, workbook: Workbook, today: date | None = None) -> None:
        super().__init__(workbook, today)
        self._start_memo()
        self.revision = 0
        self._field_undo: dict[str, str | None] = {}  # what set_field changed, for undo
        self._combined = []  # what each combine changed, newest last, for undo
        self._load_all()

    # ------------------------------------------------------------------- memory

    def _load_all(self) -> None:
        self.contacts: pd.DataFrame = self.workbook.load_contacts(for_page=True)
        self.ties: list[tuple[str, str]] = self.workbook.load_ties()
        self.goal: Goal | None = self._read_goal()
        self.census: list[str] = list(self.workbook.get_profile(CENSUS_KEY, []) or [])
        self._index_contacts()

    def _index_contacts(self) -> None:
        """Row positions by id (and, once someone is added by hand, the names in lower
        case: :meth:`_folded_names`): an add or an edit then costs a dictionary look-up,
        not a pass over 30,000 rows."""
        ids = self.contacts["contact_id"].astype(str).tolist()
        self._row_of: dict[str, int] = {c: n for n, c in enumerate(ids)}
        self._folded: set[str] | None = None
        self._inferred_follow()
        self.revision += 1

    def _folded_names(self) -> set[str]:
        """Everyone's name in lower case, read at the first add by hand (not when the
        page opens: about 60 ms of step 2's start at 30,000 people), then kept."""
        if self._folded is None:
            self._folded = {str(n).casefold() for n in self.contacts["name"].dropna()}
        return self._folded

    def _read_goal(self) -> Goal | None:
        try:
            return load_goal(self.workbook)
        except (ValueError, TypeError, KeyError):
            return None  # a goal written by a newer or broken version: read as "no goal yet"

    def _reload(self) -> set[Change]:
        """Another window wrote: read only the tables whose revision moved, the contacts
        row by row (``Workbook.contacts_changed_since``)."""
        moved, since, workbook = self._moved, self._revisions, self.workbook
        changed: set[Change] = set()
        if "contacts" in moved:
            contacts = workbook.contacts_changed_since(since.get("contacts", 0)).apply_to(
                self.contacts)
            if not contacts.equals(self.contacts):
                self.contacts = contacts
                self._index_contacts()
                changed.add(Change.CONTACTS)
        ties, census = self.ties, self.census
        if "ties" in moved:
            ties = workbook.load_ties()
        if "profile" in moved:
            census = list(workbook.get_profile(CENSUS_KEY, []) or [])
        if (ties, census) != (self.ties, self.census):
            self.ties, self.census = ties, census
            changed.add(Change.TIES)
        if "goal" in moved:
            goal = self._read_goal()
            if (goal.to_dict() if goal else None) != (
                    self.goal.to_dict() if self.goal else None):
                self.goal = goal
                changed.add(Change.GOAL)
        if changed:
            self.revision += 1
        return changed

    def _set_in_memory(self, positions: list[int], fields: dict[str, Any]) -> None:
        for column, value in fields.items():
            if column in DATE_COLUMNS:
                value = pd.NaT if value is None else pd.Timestamp(value)
            elif value is None:
                value = pd.NA
            self.contacts.iloc[positions, list(self.contacts.columns).index(column)] = value
        self._inferred_follow(positions, fields)
        self.revision += 1
        self._note_edit(frozenset(fields), positions)

    # ------------------------------------------------------------------ actions

    def add_person(self, name: str, *, context: str | None = None,
                   strength: str | None = None, field: str | None = None) -> AddResult:
        """Add one person by hand (source "manual"): one INSERT and an append in memory.

        ``context``/``strength`` are vocabulary codes (``vocab.Context``/``TieStrength``
        values) or None; ``field`` the sector, saved as the first tag. Raises
        ``contacts.ContactValidationError`` for an unknown code (nothing saved).
        """
        tidy = tidy_text(name)
        if tidy is None:
            return AddResult(False, "", "", False, "Type a name first.")
        sector = tidy_text(field)
        context, strength = field_value("context", context), field_value("strength", strength)
        frame = normalise_contacts(pd.DataFrame([{
            "name": tidy, "context": context, "strength": strength,
            "tags": sector.lower() if sector else None}]), source=Source.MANUAL.value)
        contact_id = str(frame["contact_id"].iloc[0])
        try:
            with self._action(Change.CONTACTS, contact_ids=frozenset({contact_id})):
                is_new, same_name = quick_add_decision(tidy, contact_id, self._row_of,
                                                       self._folded_names())
                if not is_new:
                    raise _Duplicate
                self.workbook.add_contacts(frame)  # canonical already: not normalised again
                self._append(frame)
        except _Duplicate:
            return AddResult(False, tidy, contact_id, True, (
                f"{tidy} is already in your map. Find them in the list below to change "
                "their closeness or details."))
        note = (" You already had someone with this name; if it is the same person, you "
                "can ignore the new entry." if same_name else "")
        return AddResult(True, tidy, contact_id, same_name,
                         f"Added {tidy}. Type the next name.{note}")

    def _append(self, frame: pd.DataFrame) -> None:
        start = len(self.contacts)
        if self.contacts.empty:
            self.contacts = frame.reset_index(drop=True)
        else:
            same = frame.dtypes.equals(self.contacts.dtypes)
            self.contacts = pd.concat(
                [self.contacts, frame if same else frame.astype(self.contacts.dtypes)],
                ignore_index=True)
        for offset, (contact_id, name) in enumerate(
                zip(frame["contact_id"], frame["name"], strict=True)):
            self._row_of[str(contact_id)] = start + offset
            if self._folded is not None:
                self._folded.add(str(name).casefold())
        self._inferred_follow(added=len(frame))
        self.revision += 1
        self._note_added(list(range(start, len(self.contacts))))

    def edit_contact(self, contact_id: str, **fields: Any) -> None:
        """Change some fields of one person (closeness, context, trust, notes, last
        contact…; codes and ``date`` values, None to clear). Raises KeyError for someone
        no longer in the map, ``ContactValidationError`` for a bad value."""
        with self._action(Change.CONTACTS, contact_ids=frozenset({contact_id})):
            if contact_id not in self._row_of:
                raise KeyError(contact_id)
            self.workbook.update_contact(contact_id, **fields)
            self._set_in_memory([self._row_of[contact_id]], fields)

    def sort_many(self, contact_ids: Iterable[str], **fields: str | None) -> int:
        """Give many people the same closeness or context in one transaction; returns how
        many were changed. People no longer in the map are skipped."""
        wanted = list(dict.fromkeys(contact_ids))
        if not wanted:
            return 0
        with self._action(Change.CONTACTS, contact_ids=frozenset(wanted)):
            chosen = [c for c in wanted if c in self._row_of]  # memory is up to date here
            self.workbook.update_contacts(chosen, **fields)
            self._set_in_memory([self._row_of[c] for c in chosen], fields)
        return len(chosen)

    def use_sample(self) -> int:
        """Fill an empty map with the sample participant's ~150 made-up people; returns how
        many were added (0 when the map already has people: never mix strangers in)."""
        with self._action(Change.CONTACTS):
            if len(self.contacts):
                return 0
            added = use_sample(self.workbook, self.today)
            self.contacts = self.workbook.load_contacts(for_page=True)
            self._index_contacts()
        return added

    def set_census(self, members: list[str]) -> list[str]:
        """Choose who the who-knows-whom census is about (at most ``settings.CENSUS_MAX``,
        people in the map only); returns the saved choice."""
        chosen = census_rules.clip_members(members, set(self._row_of))
        with self._action(Change.TIES):
            self.workbook.set_profile(CENSUS_KEY, chosen)
            self.census = chosen
            self.revision += 1
            self._note_ties()
        return chosen

    def set_pair(self, first: str, second: str, know_each_other: bool = True, *,
                 members: list[str] | None = None) -> None:
        """Say whether two people know each other. The census choice is saved with it
        (``members`` when given, else the saved one), always including the pair, so the
        brokerage numbers describe the people the participant looked at."""
        pair = (min(first, second), max(first, second))
        with self._action(Change.TIES, contact_ids=frozenset(pair)):
            chosen = census_rules.clip_members(
                [*(self.census if members is None else members), *pair], set(self._row_of))
            self.workbook.set_tie(*pair, know_each_other=know_each_other)
            self.workbook.set_profile(CENSUS_KEY, chosen)
            ties = set(self.ties)
            (ties.add if know_each_other else ties.discard)(pair)
            self.ties = sorted(ties)
            self.census = chosen
            self.revision += 1
            self._note_ties()

    # -------------------------------------------------------------------- views

    @property
    def people(self) -> int:
        """How many people are in the map."""
        return len(self.contacts)

    @property
    def sorted_people(self) -> int:
        """How many of them have a closeness."""
        return self._cached("sorted", lambda: int(self.contacts["strength"].notna().sum()))

    @property
    def done(self) -> bool:
        """Whether step 2 counts as done (``progress.map_done``)."""
        return map_done(self.people, self.sorted_people)

    def count_sentence(self) -> str:
        """"Your map holds 610 people; 5 of them have a closeness. Give 15 more people a
        closeness to finish this step." (the top of step 2): what finishes the step
        (``progress.still_to_sort``) is said until it is done."""
        if not self.people:
            return ("Your map holds 0 people. Bring in a file, add people by hand, or "
                    "practise on the sample.")
        counted = (f"Your map holds {plural(self.people, 'person', 'people')}; "
                   f"{self.sorted_people:,} of them "
                   f"{'has' if self.sorted_people == 1 else 'have'} a closeness.")
        still = still_to_sort(self.people, self.sorted_people)
        if still:
            counted += (f" Give {plural(still, 'more person', 'more people')} a closeness "
                        "to finish this step.")
        return counted

    def record(self, contact_id: str) -> dict[str, Any] | None:
        """One person's fields, or None for someone no longer in the map."""
        position = self._row_of.get(contact_id)
        return None if position is None else contact_record(self.contacts.iloc[position])

    def rows(self, contact_ids: Iterable[str]) -> pd.DataFrame:
        """The rows of these people (those still in the map), with their labels in
        :attr:`contacts`: a look-up by id, not a pass over the table."""
        positions = [self._row_of[c] for c in contact_ids if c in self._row_of]
        return self.contacts.iloc[positions]

    def layers(self) -> list[LayerRow]:
        """People per closeness beside Dunbar's numbers."""
        return self._cached("layers", lambda: layer_rows(self.network_counts().strength))

    def composition(self, by: str) -> dict[str, int]:
        """People per group, ``by`` one of ``composition.COMPOSITIONS``' keys."""
        if by not in COMPOSITIONS:
            raise ValueError(f"unknown grouping {by!r}")
        return self._cached(f"composition:{by}", lambda: composition_counts(self.contacts, by))

    def census_members(self) -> list[str]:
        """The saved census choice, people still in the map only."""
        return [c for c in self.census if c in self._row_of]

    def census_default(self) -> list[str]:
        """Who the census starts with: the saved choice, else the closest few."""
        return self.census_members() or census_rules.default_members(self.contacts)

    def metrics(self) -> list[Metric]:
        """The key numbers with their sentences, from counts kept row by row
        (:meth:`network_counts`); the brokerage number is kept until who knows whom
        changes (``network_metrics.READS``)."""
        return self._cached("metrics", lambda: describe_network(
            self.contacts, self.ties, self.census_members(), self.inferred_fields(),
            memo=self._metric_memo, counts=self.network_counts()))

    def _metric_memo(self, key: str, reads: frozenset[str],
                     compute: Callable[[], Metric]) -> Metric:
        return self._kept(f"metric:{key}", compute, reads)

    def gaps(self) -> GapReport | None:
        """The map read against the goal, or None with no goal (slow at 30,000: ~1 s)."""
        if self.goal is None or self.goal.kind is None or self.contacts.empty:
            return None
        goal = self.goal
        return self._cached("gaps", lambda: find_gaps(self.contacts, goal, self.ties,
                                                      self.today, rows=self._row_reading()),
                            ignores=GAPS_IGNORE)

    def summary_lines(self) -> list[str]:
        """The map in three lines (the third needs :meth:`gaps`, the slow part)."""
        if self.contacts.empty:
            return []
        rows = {r.strength: r for r in self.layers()}
        unsorted = self.people - self.sorted_people
        lines = [
            f"{plural(self.people, 'person', 'people')} in your map"
            + (f", {unsorted:,} not sorted yet." if unsorted else ", all sorted."),
            f"{rows[TieStrength.CLOSE].cumulative:,} close, "
            f"{plural(rows[TieStrength.KNOWN].cumulative, 'meaningful contact')} in all, "
            f"{rows[TieStrength.DORMANT].count:,} dormant.",
        ]
        report = self.gaps()
        if report is not None:
            lines.append(
                f"Step 3 starts from {plural(len(report.rewarm), 'person', 'people')} to "
                f"re-warm and {plural(len(report.introductions), 'introduction')} to ask "
                "for.")
        return lines


__all__ = ["AddResult", "MapSession", "quick_add_decision"]
