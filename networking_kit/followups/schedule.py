"""The weekly schedule: actions dated over the coming weeks within the participant's
weekly capacity, highest priority first, giving before asking, around the weeks away.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from networking_kit.followups.plan import Action, PlanChanges, as_saved, merge_plan
from networking_kit.goals import Goal
from networking_kit.settings import (
    ACTIONS_PER_WEEK_DEFAULT,
    ACTIONS_PER_WEEK_MAX,
    ACTIONS_PER_WEEK_MIN,
    PLAN_WEEKS,
)
from networking_kit.vocab import ActionGroup, ActionKind, ActionStatus

AWAY_PROFILE_KEY = "weeks_away"  # where the weeks away are saved in the profile

# Days of the week to use for n actions a week (0 = Monday): spread out, never a pile-up.
_SLOTS: dict[int, tuple[int, ...]] = {
    1: (1,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
}
ASK_NOT_BEFORE_WEEK = 1  # asking waits until after a first week of giving and catching up


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def plan_schedule(actions: Sequence[Action], today: date, per_week: int,
                  weeks: int = PLAN_WEEKS, away: Collection[date] = ()) -> list[Action]:
    """Date the actions over ``weeks`` ISO weeks from this one, ``per_week`` at most a week.

    Deterministic: the same actions give the same plan whatever their order. Skipped and
    dropped actions are left out of the count; done ones count in the week they were
    planned for (or done, when they had no date), so ticking one off moves nothing else.
    Dated actions (venue visits, event follow-ups, check-ins) and those the participant
    accepted or moved keep their dates and use up the week's capacity. The rest are placed
    highest priority first, each in the earliest week with room, on spread-out weekdays
    from today on, and never two for the same person in one week. Only dates the
    participant chose can make a week fuller than ``per_week``. What does not fit gets no
    date ("later").

    Stable: a flexible action that comes with a ``due_on`` (the day the last plan gave it)
    keeps that day while it is still ahead and its week has room, so planning again after
    a tick or a reload does not shuffle days the participant has already read. Those are
    settled first; new and displaced actions then fill what is left.

    Give before asking: an introduction to ask of someone comes in a later week than every
    give-first action to that person still in the plan, and waits ("later") while one of
    those has no date. Dates the participant chose for an ask are theirs and kept.

    ``away`` holds the weeks the participant is away (any day of each). Nothing flexible
    goes there, and a check-in the planner dated itself moves to the Monday after the
    stretch of away weeks, where it will not be missed. Dates the participant chose stay:
    they know their trip better than the planner does.
    """
    per_week = max(1, min(max(_SLOTS), int(per_week)))
    away_weeks = {_monday(day) for day in away}
    first = week_start(today)
    horizon = first + timedelta(weeks=weeks)
    load: dict[date, int] = {}
    days_used: dict[date, set[date]] = {}
    people: dict[date, set[str]] = {}
    decided: dict[str, date | None] = {}  # live actions' days, once known

    def occupy(day: date, contact_ids: Iterable[str]) -> None:
        week = week_start(day)
        load[week] = load.get(week, 0) + 1
        days_used.setdefault(week, set()).add(day)
        people.setdefault(week, set()).update(contact_ids)

    out: list[Action] = []
    flexible: list[Action] = []
    for action in sorted(actions, key=lambda a: a.action_id):
        if action.status in (ActionStatus.SKIPPED, ActionStatus.DROPPED):
            out.append(action)
        elif action.status is ActionStatus.DONE:
            out.append(action)
            day = action.due_on or action.done_on
            if day is not None:
                occupy(day, action.contact_ids)
        elif action.pinned:
            action = _clear_of_away(action, away_weeks)
            out.append(action)
            decided[action.action_id] = action.due_on
            if action.due_on is not None:  # always: a pinned action has a date and keeps it
                occupy(action.due_on, action.contact_ids)
        else:
            flexible.append(action)
    gives = [a for a in actions if a.kind.group is ActionGroup.GIVE_FIRST and a.status.open]

    def ask_from(action: Action) -> tuple[bool, date | None]:
        """Whether the action may be dated yet, and the first Monday it may use: an ask
        waits for every give-first action to the same person and goes in a later week. A
        give not yet placed counts as undated; asks are ordered after their gives."""
        after: date | None = None
        if action.kind != ActionKind.ASK_INTRODUCTION:
            return True, after
        for give in gives:
            if not set(give.contact_ids) & set(action.contact_ids):
                continue
            day = decided.get(give.action_id)
            if day is None:
                return False, None
            monday = week_start(day) + timedelta(weeks=1)
            after = monday if after is None or monday > after else after
        return True, after

    def fits(action: Action, day: date, not_before: date | None) -> bool:
        week = week_start(day)
        room = min(per_week, _open_days(week, today, per_week))
        return (today <= day < horizon and day.weekday() < 6 and week not in away_weeks
                and not (action.kind == ActionKind.ASK_INTRODUCTION
                         and week < first + timedelta(weeks=ASK_NOT_BEFORE_WEEK))
                and (not_before is None or week >= not_before)
                and load.get(week, 0) < room and day not in days_used.get(week, set())
                and not people.get(week, set()) & set(action.contact_ids))

    def first_day(action: Action, not_before: date | None) -> date | None:
        for number in range(weeks):
            week = first + timedelta(weeks=number)
            if week in away_weeks or (not_before is not None and week < not_before) or (
                    number < ASK_NOT_BEFORE_WEEK and action.kind == ActionKind.ASK_INTRODUCTION):
                continue
            room = min(per_week, _open_days(week, today, per_week))
            if load.get(week, 0) >= room or people.get(week, set()) & set(action.contact_ids):
                continue
            day = _free_day(week, today, per_week, days_used.get(week, set()))
            if day is not None:
                return day if day < horizon else None
        return None

    ordered = _asks_after_gives(_interleaved(flexible))
    placed: dict[str, date | None] = {}
    for action in ordered:  # first, the days the last plan gave, where they still fit
        if action.due_on is None:
            continue
        ready, not_before = ask_from(action)
        if ready and fits(action, action.due_on, not_before):
            placed[action.action_id] = decided[action.action_id] = action.due_on
            occupy(action.due_on, action.contact_ids)
    for action in ordered:  # then everything else, highest priority first
        if action.action_id in placed:
            continue
        ready, not_before = ask_from(action)
        day = first_day(action, not_before) if ready else None
        placed[action.action_id] = decided[action.action_id] = day
        if day is not None:
            occupy(day, action.contact_ids)
    out += [replace(a, due_on=placed[a.action_id]) for a in flexible]
    out.sort(key=lambda a: (a.due_on is None, a.due_on or today, -a.priority, a.action_id))
    return out


def _asks_after_gives(ordered: list[Action]) -> list[Action]:
    """The same order, but each ask moved to just after the last give-first action to the
    same person, so the give is placed (and dated) before the ask looks for a week."""
    last_give: dict[str, int] = {}
    for index, action in enumerate(ordered):
        if action.kind.group is ActionGroup.GIVE_FIRST:
            for person in action.contact_ids:
                last_give[person] = index
    keys = []
    for index, action in enumerate(ordered):
        after = index
        if action.kind == ActionKind.ASK_INTRODUCTION:
            after = max([index, *(last_give.get(p, -1) for p in action.contact_ids)])
        keys.append((after, action.kind == ActionKind.ASK_INTRODUCTION, index))
    return [a for _, a in sorted(zip(keys, ordered, strict=True), key=lambda pair: pair[0])]


def _clear_of_away(action: Action, away_weeks: Collection[date]) -> Action:
    """A check-in the planner dated, moved out of an away week; any other action as it is."""
    if action.kind is not ActionKind.CHECK_IN or action.touched or action.due_on is None:
        return action
    week = week_start(action.due_on)
    if week not in away_weeks:
        return action
    while week in away_weeks:
        week += timedelta(weeks=1)
    return replace(action, due_on=week)


KIND_STEP = 6  # each further action of the same kind ranks this much lower


def _interleaved(actions: list[Action]) -> list[Action]:
    """Highest priority first, but each further action of a kind a little lower, so a week
    mixes giving, keeping in touch and the goal instead of ten catch-up notes in a row."""
    by_priority = sorted(actions, key=lambda a: (-a.priority, a.action_id))
    seen: dict[ActionKind, int] = {}
    ranked = []
    for action in by_priority:
        count = seen.get(action.kind, 0)
        seen[action.kind] = count + 1
        ranked.append((-(action.priority - KIND_STEP * count), action.action_id, action))
    return [a for *_, a in sorted(ranked, key=lambda r: (r[0], r[1]))]


@lru_cache(maxsize=256)
def _open_days(week: date, today: date, per_week: int) -> int:
    """How many of the week's spread-out days are still ahead (all of them after this week).
    Asked for every action and week at each replan: kept, as it depends on these alone."""
    return sum(1 for d in _SLOTS[per_week] if week + timedelta(days=d) >= today)


def _free_day(week: date, today: date, per_week: int, used: set[date]) -> date | None:
    """The first of this week's spread-out days that is free and not in the past; when a
    dated action holds one of them, another weekday."""
    slots = [week + timedelta(days=d) for d in _SLOTS[per_week]]
    free = [d for d in slots if d >= today and d not in used]
    if free:
        return free[0]
    spare = [week + timedelta(days=d) for d in range(6)]
    spare = [d for d in spare if d >= today and d not in used]
    return spare[0] if spare else None




# ----------------------------------------------------------------- weeks away


def read_weeks_away(raw: object) -> set[date]:
    """The Mondays of the weeks away from their saved value (a list of ISO dates).

    Anything in it that is not a date is passed over: a hand-edited or half-written
    workbook must still open and plan.
    """
    weeks: set[date] = set()
    for item in raw if isinstance(raw, list) else ():
        try:
            weeks.add(week_start(date.fromisoformat(item)))
        except (TypeError, ValueError):
            continue
    return weeks


def weeks_away_value(weeks: Iterable[date]) -> list[str]:
    """The weeks away as saved: the Monday of each (any day of a week stands for it)."""
    return [d.isoformat() for d in sorted({_monday(day) for day in weeks})]


def _monday(day: date) -> date:
    """The week's Monday as a plain date, so a datetime or Timestamp finds the same week."""
    return week_start(date(day.year, day.month, day.day))


def weekday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def plan_weeks(today: date, weeks: int = PLAN_WEEKS) -> list[date]:
    """The Mondays of the plan's weeks, this week first."""
    first = week_start(today)
    return [first + timedelta(weeks=n) for n in range(weeks)]


# ----------------------------------------------------------------- capacity, the plan


def weekly_capacity(goal: Goal | None) -> int:
    """Actions a week: one per half hour the participant said they have, within
    ``settings.ACTIONS_PER_WEEK_MIN``–``MAX``; the default when there is no goal."""
    hours = goal.style.hours_per_week if goal is not None else None
    if not hours:
        return ACTIONS_PER_WEEK_DEFAULT
    return max(ACTIONS_PER_WEEK_MIN, min(ACTIONS_PER_WEEK_MAX, round(float(hours) * 2)))


def schedule_plan(fresh: Sequence[Action], saved: Mapping[str, Action], today: date,
                  per_week: int, weeks: int = PLAN_WEEKS,
                  away: Collection[date] = ()) -> list[Action]:
    """The fresh suggestions merged with the saved plan (every decision kept) and dated.

    ``saved`` is the saved plan by action id (dropped ones left out). Saved actions that
    are no longer suggested stay when the participant decided them or when they are event
    follow-ups; the rest of the saved plan gives way to the fresh suggestions.
    """
    merged = [as_saved(a, saved.get(a.action_id)) for a in fresh]
    ids = {a.action_id for a in merged}
    merged += [a for a in saved.values() if a.action_id not in ids
               and (a.touched or a.kind is ActionKind.EVENT_FOLLOW_UP)]
    return plan_schedule(merged, today, per_week, weeks, away)


def replan(fresh: Sequence[Action], stored: Iterable[Action], today: date, per_week: int,
           weeks: int = PLAN_WEEKS, away: Collection[date] = ()) -> PlanChanges:
    """Suggest-and-schedule's last step: the fresh suggestions scheduled around the saved
    plan (``stored``: every saved action, dropped ones included) and merged into it,
    keeping every decision the participant made. Returns what to write."""
    stored = list(stored)
    saved = {a.action_id: a for a in stored if a.status is not ActionStatus.DROPPED}
    return merge_plan(stored, schedule_plan(fresh, saved, today, per_week, weeks, away))
