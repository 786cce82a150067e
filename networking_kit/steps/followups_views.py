"""What step 3's page shows, derived from its session's memory (no store reads, no widgets).

:class:`FollowupViews` is the read side of ``steps.followups.FollowupSession``: the plan,
one action, the suggestions of a group, the weeks, the summary, who is due for a
keep-warm touch, and finding a person by name. Each section of the page redraws from
these after every change, so they all agree in the same click. Views that cost more than
a list walk at 30,000 contacts are kept until the next change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from networking_kit.contacts import normalise_key
from networking_kit.contacts_merge import normalise_keys
from networking_kit.followups import (
    Action,
    Cadences,
    people_by_name,
    plan_weeks,
    sort_plan,
    week_start,
)
from networking_kit.followups.cadences import name_order, name_order_extended
from networking_kit.followups.keep_warm import (
    STATES,
    KeepWarm,
    WarmBase,
    warm_base,
    with_appended,
    with_last_contacts,
    with_rhythms,
)
from networking_kit.goals import Goal
from networking_kit.settings import PICKER_MATCHES
from networking_kit.steps._session import StepSession
from networking_kit.vocab import ActionGroup, ActionKind, ActionStatus, KeepWarmStatus, TieStrength

EVENT_SECTION = "After an event"  # the section a participant adds people met at an event in
_LAYER_PLACE = {s.value: at for at, s in enumerate(TieStrength)}  # closest first


@dataclass(frozen=True)
class PlanSummary:
    """The plan in a few numbers: ``follow_ups`` (open, dated, flexible kinds), ``fixed``
    (open venue visits, event follow-ups and check-ins), ``by_kind`` (kind → open dated
    actions, most first), ``this_week`` (open actions due this week), ``away`` (Mondays
    away within the plan's weeks), ``check_ins`` (their days) and ``done``."""

    follow_ups: int
    fixed: int
    by_kind: list[tuple[ActionKind, int]]
    this_week: list[Action]
    away: list[date]
    check_ins: list[date]
    done: int


class FollowupViews(StepSession):
    """The read side of step 3's session; see :class:`~networking_kit.steps.followups.
    FollowupSession` for the data it reads (set there)."""

    weeks: int
    goal: Goal | None
    contacts: pd.DataFrame
    cadences: Cadences
    away: set[date]
    _stored: dict[str, Action]
    _status_tried: tuple[Cadences, KeepWarm] | None = None  # rhythms not saved yet
    _warm_base: WarmBase | None = None  # what keep-warm reads of each row, no rhythm

    def _views_changed(self, people: bool = False, keep_base: bool = False) -> None:
        """Forget the views kept between clicks: the data under them changed. ``people``:
        who is in the map, their names or notes changed too (not only a last contact).
        ``keep_base``: the caller brought the keep-warm reading of each row
        (``keep_warm.WarmBase``) up to date itself, so only the rhythms are applied again."""
        self._plan: list[Action] | None = None
        self._status: pd.DataFrame | None = None
        self._warm: KeepWarm | None = None
        if not keep_base or people:
            self._warm_base = None
        if people or not hasattr(self, "_rows"):
            self._names: np.ndarray | None = None
            self._labels: dict[str, str] | None = None
            self._folded: list[tuple[str, str]] | None = None
            self._named: dict[str, list[str]] | None = None
            self._by_name: dict[str, tuple[str, str | None]] | None = None
            self._rows: dict[str, int] | None = None

    def _plan_changed(self) -> None:
        """Only the plan changed (an action kept, skipped, moved; the weeks away): forget
        the plan as the page shows it, keep the rest (the keep-warm table reads no plan)."""
        self._plan = None

    def _people_added(self, added: pd.DataFrame, notes: Mapping[str, str]) -> None:
        """:attr:`contacts` gained the rows of ``added`` at its end, and ``notes`` changed
        for people already in it: bring the look-ups kept between clicks up to date row by
        row instead of building them again from 30,000 rows. The caller brings the last
        contacts of the people already in the map up to date with :meth:`_warm_moved`."""
        self._views_changed(keep_base=True)
        if self._names is not None:  # the new names placed in the order kept
            self._names = name_order_extended(self._names, self.contacts)
        if self._warm_base is not None:
            if self._names is None:
                self._warm_base = None
            else:
                self._warm_base = with_appended(self._warm_base, self.contacts, self._names)
        start = len(self.contacts) - len(added)
        ids = added["contact_id"].astype(str).tolist()
        if self._rows is not None:
            self._rows.update((cid, start + n) for n, cid in enumerate(ids))
        if self._labels is not None:
            new = _add_labels(self._labels, added)
            if self._folded is not None:
                self._folded.extend((label.casefold(), label) for label in new)
        if self._named is not None:
            names = [n if isinstance(n, str) else None for n in added["name"].astype("object")]
            for key, cid in zip(normalise_keys(names), ids, strict=True):
                if key:
                    self._named.setdefault(key, []).append(cid)
        if self._by_name is not None:
            for contact_id, kept in notes.items():  # the entry is the first of that name
                key = normalise_key(self.name_of(contact_id))
                if self._by_name.get(key, ("",))[0] == contact_id:
                    self._by_name[key] = (contact_id, kept)
            for key, entry in people_by_name(added).items():
                self._by_name.setdefault(key, entry)

    # ------------------------------------------------------------------ the plan

    @property
    def plan(self) -> list[Action]:
        """The saved plan as the page shows it: earliest first, undated last, actions the
        plan no longer needs left out."""
        if self._plan is None:
            self._plan = sort_plan(a for a in self._stored.values()
                                   if a.status is not ActionStatus.DROPPED)
        return self._plan

    def action(self, action_id: str) -> Action:
        """One action of the plan by id; ``ValueError`` (a sentence) when it is gone."""
        action = self._stored.get(action_id)
        if action is None or action.status is ActionStatus.DROPPED:
            raise ValueError("That action is no longer in your plan; the list has been "
                             "updated.")
        return action

    def suggested(self, group: ActionGroup | None) -> list[Action]:
        """The actions listed under one group of the suggestions (``None``: the skipped
        ones), check-ins and done ones left out."""
        shown = [a for a in self.plan
                 if a.kind is not ActionKind.CHECK_IN and a.status is not ActionStatus.DONE]
        if group is None:
            return [a for a in shown if a.status is ActionStatus.SKIPPED]
        return [a for a in shown if a.status is not ActionStatus.SKIPPED
                and a.kind.group is group]

    def give_first_count(self) -> int:
        """Ways to give first still in the plan (not skipped)."""
        return sum(1 for a in self.plan if a.kind.group is ActionGroup.GIVE_FIRST
                   and a.status is not ActionStatus.SKIPPED)

    def mondays(self) -> list[date]:
        """The Mondays of the plan's weeks, this week first."""
        return plan_weeks(self.today, self.weeks)

    def week_of(self, number: int) -> list[Action]:
        """The actions in week ``number`` (0 is this week), skipped ones left out."""
        start = week_start(self.today) + timedelta(weeks=number)
        end = start + timedelta(weeks=1)
        return [a for a in self.plan if a.due_on is not None and start <= a.due_on < end
                and a.status is not ActionStatus.SKIPPED]

    def later_count(self) -> int:
        """Open actions waiting for room in a later week (no date yet)."""
        return sum(1 for a in self.plan if a.due_on is None and a.status.open)

    def summary(self) -> PlanSummary:
        active = [a for a in self.plan if a.status.open and a.due_on]
        kinds: dict[ActionKind, int] = {}
        for action in active:
            kinds[action.kind] = kinds.get(action.kind, 0) + 1
        fixed = sum(1 for a in active if a.dated)
        monday = week_start(self.today)
        return PlanSummary(
            follow_ups=len(active) - fixed, fixed=fixed,
            by_kind=sorted(kinds.items(), key=lambda kv: -kv[1]),
            # (every active action has a date; saying so again narrows it for the checker)
            this_week=[a for a in active if a.due_on and week_start(a.due_on) == monday],
            away=[m for m in self.mondays() if m in self.away],
            check_ins=[a.due_on for a in active if a.due_on and a.kind is ActionKind.CHECK_IN],
            done=sum(1 for a in self.plan if a.status is ActionStatus.DONE))

    # --------------------------------------------------------------- keep warm

    def keep_warm(self) -> KeepWarm:
        """``followups.keep_warm.with_rhythms`` of the map with the rhythms in use."""
        if self._warm is None:
            tried = self._status_tried
            self._warm = (tried[1] if tried is not None and tried[0] is self.cadences
                          else self._status_for(self.cadences))
            self._status_tried = None
        return self._warm

    def keep_warm_table(self) -> pd.DataFrame:
        """``followups.keep_warm_status`` of the map with the rhythms in use."""
        if self._status is None:
            self._status = self.keep_warm().table()
        return self._status

    def _status_for(self, cadences: Cadences) -> KeepWarm:
        """The map's keep-warm reading with these rhythms: what each row holds that no
        rhythm changes (``keep_warm.WarmBase``, with the map's order by name) is kept
        between clicks and brought up to date row by row (:meth:`_warm_moved`)."""
        if self._warm_base is None:
            if self._names is None:
                self._names = name_order(self.contacts)
            self._warm_base = warm_base(self.contacts, self.today, self._names)
        return with_rhythms(self._warm_base, cadences)

    def _warm_moved(self, positions: list[int]) -> None:
        """The last contacts of the rows at ``positions`` moved: the kept keep-warm
        reading follows them (call :meth:`_views_changed` with ``keep_base`` too)."""
        if self._warm_base is not None:
            self._warm_base = with_last_contacts(self._warm_base, self.contacts, positions)

    def keep_warm_counts(self) -> dict[KeepWarmStatus, int]:
        return self.keep_warm().counts()

    def keep_warm_list(self, status: KeepWarmStatus, limit: int | None = None) -> pd.DataFrame:
        """The first ``limit`` people of one status (all when None): closest layer first,
        then the longest past their rhythm, then by name. Only the rows that can make the
        first ``limit`` are sorted by name, so a list of 20 out of 30,000 stays quick."""
        warm = self.keep_warm()
        rows = np.flatnonzero(warm.sorted & (warm.state == STATES.index(status)))
        if limit is not None and len(rows) > limit:  # picked from the arrays, no table
            places = np.array([*(_LAYER_PLACE.get(v, len(TieStrength))
                                 for v in warm.base.layers), len(TieStrength)], dtype=float)
            layer = places[warm.base.codes[rows]]
            over = warm.days[rows] - warm.ideal[rows]
            late = np.where(np.isnan(over), np.inf, -over)
            last = np.lexsort((late, layer))[limit - 1]
            rows = rows[(layer < layer[last]) | ((layer == layer[last]) & (late <= late[last]))]
        if len(rows) > 1:  # in the table's order, which breaks the last ties below
            ratio = -np.where(np.isnan(warm.ratio[rows]), -np.inf, warm.ratio[rows])
            rows = rows[np.lexsort((warm.base.rank[rows], ratio))]
        chosen = warm.frame(rows)
        layer = chosen["strength"].map(_LAYER_PLACE).fillna(len(TieStrength)).to_numpy(
            dtype=float)
        over = (chosen["days_since"] - chosen["ideal_days"]).astype("float").to_numpy()
        late = np.where(np.isnan(over), np.inf, -over)  # longest past first, no date last
        ordered = chosen.assign(_layer=layer, _late=late).sort_values(
            ["_layer", "_late", "name"], kind="stable")
        return ordered.drop(columns=["_layer", "_late"]).iloc[:limit].reset_index(drop=True)

    def keep_warm_of(self, contact_id: str) -> KeepWarmStatus | None:
        """Where one person stands with their rhythm (None when not sorted)."""
        return self.keep_warm().status_of(contact_id)

    # ---------------------------------------------------------------- people

    def people_labels(self) -> dict[str, str]:
        """Search label ("Name (Company)", "#2" for a repeat) → contact id."""
        if self._labels is None:
            self._labels = {}
            _add_labels(self._labels, self.contacts)
        return self._labels

    def search(self, typed: str, limit: int = PICKER_MATCHES) -> list[str]:
        """Labels containing what was typed (two letters at least), at most ``limit``."""
        needle = typed.strip().casefold()
        if len(needle) < 2:
            return []
        if self._folded is None:
            self._folded = [(label.casefold(), label) for label in self.people_labels()]
        found = []
        for folded, label in self._folded:
            if needle in folded:
                found.append(label)
                if len(found) >= limit:
                    break
        return found

    def find_person(self, typed: str) -> tuple[str, str]:
        """The person a search box names, and their name: a label picked from the list,
        or a name typed in full that fits exactly one person. Otherwise ``ValueError``
        with one sentence saying why not."""
        contact_id = self.people_labels().get(typed)
        text = " ".join(typed.split())
        if contact_id is None:
            if not text:
                raise ValueError("Type a name and pick the person from the list first.")
            found = self._named_index().get(normalise_key(text), [])
            if len(found) > 1:
                raise ValueError(f"There are {len(found)} people called {text} in your map; "
                                 "pick the one you mean from the list.")
            if not found:
                raise ValueError(
                    f"Nobody called {text} is in your map yet. Add them in step 2, or in "
                    f"“{EVENT_SECTION}” if you met them at one.")
            contact_id = found[0]
        return contact_id, self.name_of(contact_id) or text

    def name_of(self, contact_id: str) -> str:
        row = self._row_index().get(contact_id)
        name = None if row is None else self.contacts["name"].iat[row]
        return name if isinstance(name, str) else ""

    def _named_index(self) -> dict[str, list[str]]:
        """Folded name → every contact id of that name, in map order
        (``followups.contacts_named`` for all names at once)."""
        if self._named is None:
            names = [n if isinstance(n, str) else None
                     for n in self.contacts["name"].astype("object")]
            index: dict[str, list[str]] = {}
            for key, cid in zip(normalise_keys(names), self.contacts["contact_id"],
                                strict=True):
                if key:
                    index.setdefault(key, []).append(str(cid))
            self._named = index
        return self._named

    def people_by_name(self) -> dict[str, tuple[str, str | None]]:
        """Folded name → (contact id, notes) (``followups.people_by_name``)."""
        if self._by_name is None:
            self._by_name = people_by_name(self.contacts)
        return self._by_name

    def _row_index(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = {cid: i for i, cid in
                          enumerate(self.contacts["contact_id"].astype(str))}
        return self._rows


def _add_labels(labels: dict[str, str], rows: pd.DataFrame) -> list[str]:
    """Add the search labels of ``rows`` ("Name (Company)", "#2" for a repeat) to
    ``labels`` (label → contact id) in their order; returns the labels added."""
    names = rows["name"].fillna("").astype(str)
    company = rows["company"].fillna("").astype(str)
    texts = names.where(company == "", names + " (" + company + ")")
    added = []
    for label, cid in zip(texts, rows["contact_id"], strict=True):
        key, n = label, 2
        while key in labels:
            key, n = f"{label} #{n}", n + 1
        labels[key] = str(cid)
        added.append(key)
    return added
