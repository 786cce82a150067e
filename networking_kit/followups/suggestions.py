"""Suggesting actions: give first (introductions, referrals, shares, catching up with
dormant ties worth re-warming), keep-warm touches for people past their rhythm, the goal's
own actions and the check-ins on the plan, each with a plain title and a one-sentence why.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from networking_kit.followups.cadences import Cadences, keep_warm_why
from networking_kit.followups.first_rows import (
    GiveRows,
    first_positions,
    give_rows,
    records,
    records_lazily,
    row_dicts,
)
from networking_kit.followups.gives import GOAL_GIVES, FieldPeople, catch_up_cap, goal_gives
from networking_kit.followups.introductions import match_introductions
from networking_kit.followups.keep_warm import STATES, KeepWarm, warm_base, with_rhythms
from networking_kit.followups.needs import is_thing
from networking_kit.followups.plan import BASE_PRIORITY, Action, action_id
from networking_kit.followups.schedule import weekday
from networking_kit.gaps import GapReport, find_gaps
from networking_kit.goals import Goal
from networking_kit.settings import CHECK_IN_DAYS, DUNBAR_LAYERS, JOB_SEEKING_BOOST, VENUE_VISITS
from networking_kit.vocab import (
    INNER,
    ActionGroup,
    ActionKind,
    GoalKind,
    KeepWarmStatus,
    TieStrength,
)
from networking_kit.words import quoted, short_topic

K = ActionKind
# A boost for the kinds that serve each goal.
GOAL_BOOST: dict[GoalKind, dict[ActionKind, int]] = {
    GoalKind.BETTER_KNOWN: {K.PROFILE_TASK: 20, K.SHARE: 8},
    GoalKind.BETTER_EQUIPPED: {K.ASK_INTRODUCTION: 18, K.CATCH_UP: 6},
    GoalKind.BETTER_CONNECTED: {K.ASK_INTRODUCTION: 14, K.INTRODUCE: 8, K.CATCH_UP: 10},
}
KEEP_WARM_BOOST = {TieStrength.CLOSEST.value: 22, TieStrength.CLOSE.value: 16,
                   TieStrength.REGULAR.value: 8, TieStrength.KNOWN.value: 2,
                   TieStrength.ACQUAINTANCE.value: 0}
# At most this many suggestions of each kind at once.
SUGGESTION_LIMITS = {K.KEEP_WARM: 24, K.CATCH_UP: 6, K.INTRODUCE: 5, K.REFERRAL: 3,
                     K.SHARE: 6, K.ASK_INTRODUCTION: 4}
# Introductions worked out at once: twice the limit, so skipped ones have successors.
INTRODUCTION_POOL = 2 * SUGGESTION_LIMITS[K.INTRODUCE]
Add = Callable[..., None]

def suggest_actions(contacts: pd.DataFrame, goal: Goal | None = None,
                    ties: Iterable[tuple[str, str]] = (), gaps: GapReport | None = None,
                    today: date | None = None, cadences: Cadences | None = None,
                    start: date | None = None,
                    last_notes: Mapping[str, str] | None = None,
                    introductions: Sequence[tuple[str, str, str]] | None = None,
                    keep_warm: KeepWarm | None = None,
                    field_people: FieldPeople | None = None,
                    gives: Sequence[Action] | None = None,
                    skipped: Collection[str] = ()) -> list[Action]:
    """Every action worth planning now, each with a plain title and a one-sentence why.

    Give first (introductions, referrals, sharing, catching up with dormant ties worth
    re-warming), keep-warm touches for people past their rhythm, the goal's own actions
    (venue visits, introductions to ask for, profile tasks) and the 30/60/90-day
    check-ins counted from ``start`` (the day the plan began). Favours are only ever asked
    of people close enough to ask (``network.ASKABLE``), never of a weak tie. ``gaps`` is
    the step-2 reading of the map and ``introductions`` the ``match_introductions`` pairs:
    the heavy parts at 30,000 contacts, which a session keeps while the map itself does
    not change; ``keep_warm`` is ``keep_warm.with_rhythms`` of the map with these
    ``cadences`` (what the page's keep-warm table shows), which a session keeps up to
    date row by row; ``field_people`` is ``gives.goal_field_people`` (the goal's fields'
    people, also heavy); ``gives`` is :func:`give_first_actions` of the same map, kept
    by a session while the map does not change (it reads no rhythm, no last contact but
    the gaps' and no date but the gaps'). Each is worked out here when not given.

    ``skipped`` holds the ids of actions the participant skipped: they do not count
    toward the limit of their kind (``SUGGESTION_LIMITS``), so the next best suggestion
    of that kind takes each one's place, as step 3 promises. The skipped ones are still
    returned (the plan keeps them, marked skipped), after the ones that replace them.
    ``gives`` must have been made with the same ``skipped``.
    """
    today = today or date.today()
    start = start or today
    ties = list(ties)
    skipped = frozenset(skipped)
    extra = _extra_for(skipped)
    if gaps is None:
        gaps = find_gaps(contacts, goal, ties, today)
    if gives is None:
        gives = give_first_actions(contacts, goal, ties, gaps, introductions, field_people,
                                   skipped)
    actions = [copy.copy(a) for a in gives]  # a kept list is never changed through them
    add = _adder(goal, actions)
    rewarmed = {i for a in gives if a.kind is K.CATCH_UP for i in a.contact_ids}
    # Keep-warm touches: people past their rhythm, and always the closest layers (up to
    # Dunbar's 15, beyond the limit for the late ones).
    warm = (with_rhythms(warm_base(contacts, today), cadences) if keep_warm is None
            else keep_warm)
    state, codes = warm.state, warm.base.codes
    is_late = warm.sorted & ((state == STATES.index(KeepWarmStatus.DUE))
                             | (state == STATES.index(KeepWarmStatus.OVERDUE))
                             ) & (codes != warm.code_of(TieStrength.DORMANT.value))
    inner = warm.sorted & ~is_late & np.isin(codes, [warm.code_of(s.value) for s in INNER])
    if rewarmed:  # the re-warmed have a catch-up instead
        away = [at for cid in rewarmed if (at := warm.base.index.get(cid)) is not None]
        is_late[away] = inner[away] = False
    job = goal is not None and bool(goal.style.looking_for_work)
    picked = [_by_urgency(warm, np.flatnonzero(is_late),
                          SUGGESTION_LIMITS[K.KEEP_WARM] + extra[K.KEEP_WARM.value], job),
              _by_urgency(warm, np.flatnonzero(inner), DUNBAR_LAYERS[TieStrength.CLOSE])]
    late = warm.frame(np.concatenate([rows for rows, _ in picked])).assign(
        _boost=np.concatenate([boost for _, boost in picked]))
    for row in row_dicts(late):
        cid, name, strength = row["contact_id"], row["name"], row["strength"]
        how = ("Suggest a call or a coffee with" if strength in INNER
               else "Send a short update on what you are working on to"
               if strength in (TieStrength.REGULAR, TieStrength.KNOWN)
               else "Send something useful or a short hello to")
        why = keep_warm_why(row)
        if job and strength == TieStrength.KNOWN.value:
            why += " While you look for work, people you know a little lead to new jobs most often."
        note = (last_notes or {}).get(cid)
        if note:
            why += f" Last time you noted: {quoted(note)}"
        add(K.KEEP_WARM, (cid,), f"{how} {name}", why, (cid,), extra=int(row["_boost"]))

    _goal_actions(goal, gaps, today, add,
                  SUGGESTION_LIMITS[K.ASK_INTRODUCTION] + extra[K.ASK_INTRODUCTION.value])
    review = goal.review_date if goal is not None else None
    review = review if review is not None and review >= today else None
    moved = _check_in_on_review(start, review)
    for days in CHECK_IN_DAYS:
        if days == moved:
            add(K.CHECK_IN, (str(days),), "Check-in: the review date you set for your goal",
                f"You chose this day in step 1 to see whether your goal is on course; it "
                f"stands in for the {days}-day check-in.", due=review)
            continue
        add(K.CHECK_IN, (str(days),), f"Check-in: {days} days of your plan",
            "Look back at what you did, what came of it, and adjust your rhythm and goal.",
            due=weekday(start + timedelta(days=days)))
    if review is not None and moved is None:
        add(K.CHECK_IN, ("goal-review",), "Check-in: the review date you set for your goal",
            "You chose this day in step 1 to see whether your goal is on course.", due=review)
    given = sum(a.kind in (K.INTRODUCE, K.SHARE, K.REFERRAL) and a.action_id not in skipped
                for a in gives)
    return _gives_before_asks_first(_skipped_replaced(actions, skipped, given))


def _extra_for(skipped: frozenset[str]) -> Counter[str]:
    """How many actions of each kind (by its value) were skipped: each kind's limit
    grows by as many, so the next best takes their places."""
    return Counter(i.split("-", 1)[0] for i in skipped)  # ids start with their kind


def give_first_actions(contacts: pd.DataFrame, goal: Goal | None,
                       ties: Iterable[tuple[str, str]], gaps: GapReport,
                       introductions: Sequence[tuple[str, str, str]] | None = None,
                       field_people: FieldPeople | None = None,
                       skipped: Collection[str] = (),
                       rows: GiveRows | None = None) -> list[Action]:
    """The give-first part of :func:`suggest_actions`: introductions to make, shares,
    referrals, gives drawn from the goal and catch-ups with ties worth re-warming (from
    ``gaps``), in that order, before the give-before-ask boost. It reads the map's words,
    closeness and trust, the goal and ``gaps``, never a rhythm: a step session keeps it
    between clicks while the map does not change (about 0.1 s at 30,000 contacts).
    ``skipped`` as for :func:`suggest_actions`. ``rows`` is ``first_rows.give_rows`` of
    ``contacts`` when the caller kept it (a skip then reads only the rows it takes)."""
    skipped = frozenset(skipped)
    extra = _extra_for(skipped)

    def limit(kind_: ActionKind) -> int:
        return SUGGESTION_LIMITS[kind_] + extra[kind_.value]

    actions: list[Action] = []
    add = _adder(goal, actions)
    # Introductions between two people who should know each other.
    if introductions is None:
        introductions = match_introductions(contacts, ties, INTRODUCTION_POOL)
    introductions = introductions[: limit(K.INTRODUCE)]
    ids = pd.Series(contacts["contact_id"].to_numpy(dtype=object), copy=False)
    paired = ids.isin([p for a, b, _ in introductions for p in (a, b)])
    names = dict(zip(contacts.loc[paired.to_numpy(), "contact_id"].astype("object"),
                     contacts.loc[paired.to_numpy(), "name"].astype("object"), strict=True))
    for a, b, reason in introductions:
        add(K.INTRODUCE, (a, b), f"Introduce {names[a]} and {names[b]} by e-mail",
            f"They do not know each other yet: {reason}", (a, b))

    # Shares and referrals: from what the participant noted they can offer or pass on.
    rows = give_rows(contacts) if rows is None else rows
    for row in records(contacts, rows.offers, limit(K.SHARE)):
        gift = str(row["i_can_offer"]).strip()
        title = (f"Send {row['name']} {gift}" if is_thing(gift) else
                 f"Offer {row['name']} what you noted you could give: {quoted(gift)}")
        add(K.SHARE, (row["contact_id"],), title,
            "You noted you could offer this. Giving first, with nothing asked in return, "
            "is what makes help easy to ask for later.", (row["contact_id"],))
    seen_topics: set[str] = set()
    for row in records_lazily(contacts, rows.referrers):
        if len(seen_topics) >= limit(K.REFERRAL):
            break
        topic = str(row["can_help_with"])
        if topic in seen_topics:
            continue
        seen_topics.add(topic)
        where = f" in {row['tags'].split(';')[0]}" if isinstance(row["tags"], str) else ""
        name, words = row["name"], topic.strip()
        if short_topic(words):
            title = f"Think of someone who needs help with {words} and point them to {name}"
            knows = f"{name} knows {words}{where} and you trust them"
        else:
            title = (f"Think of someone who could use what {name} offers, and point them "
                     f"to {name}: {quoted(words)}")
            knows = f"You trust {name}, and noted what they can help with"
        add(K.REFERRAL, (row["contact_id"], topic), title,
            f"{knows}; passing on a client or an opening is the most generous thing you "
            "can do, and it is remembered.", (row["contact_id"],))

    # Gives drawn from the goal: something useful for people already in its field.
    goal_gives(contacts, goal, add, taken={i for a in actions if a.kind is K.SHARE
                                          for i in a.contact_ids},
               field_people=field_people, limit=GOAL_GIVES + extra[K.SHARE.value])

    # Catch-ups with dormant or cold ties worth re-warming (from the step-2 gaps), capped
    # by the real gives above so they never crowd them out (``catch_up_cap``).
    gives = sum(a.kind in (K.INTRODUCE, K.SHARE, K.REFERRAL) and a.action_id not in skipped
                for a in actions)
    for item in gaps.rewarm[: catch_up_cap(gives) + extra[K.CATCH_UP.value]]:
        add(K.CATCH_UP, (item.contact_id,),
            f"Send {item.name} a friendly note to catch up: ask how they are, no favours",
            item.reason + " Old ties are usually glad to hear from you.",
            (item.contact_id,), extra=min(10, round(item.score)))

    return actions


def _adder(goal: Goal | None, actions: list[Action]) -> Add:
    """``add(kind, key, title, why, people, extra, due)``: one suggestion appended to
    ``actions``, its priority the kind's base plus the goal's boost plus ``extra``."""
    boost = GOAL_BOOST.get(goal.kind, {}) if goal is not None and goal.kind else {}

    def add(kind_: ActionKind, key: tuple[str, ...], title: str, why: str,
            people: tuple[str, ...] = (), extra: int = 0, due: date | None = None) -> None:
        priority = BASE_PRIORITY[kind_] + boost.get(kind_, 0) + extra
        actions.append(Action(action_id(kind_, *key), kind_, title, why, people,
                              priority, due))

    return add


def _skipped_replaced(actions: list[Action], skipped: frozenset[str],
                      gives: int) -> list[Action]:
    """The suggestions with each kind held to its limit among those not skipped (the
    next best took a skipped one's place), the skipped ones kept at the end."""
    if not skipped:
        return actions
    caps = {**SUGGESTION_LIMITS, K.SHARE: SUGGESTION_LIMITS[K.SHARE] + GOAL_GIVES,
            K.CATCH_UP: catch_up_cap(gives)}
    caps.pop(K.KEEP_WARM)  # the closest layers are always planned, beyond the limit
    counts: Counter[ActionKind] = Counter()
    kept, later = [], []
    for action in actions:
        if action.action_id in skipped:
            later.append(action)
            continue
        counts[action.kind] += 1
        if counts[action.kind] <= caps.get(action.kind, len(actions)):
            kept.append(action)
    return kept + later


GIVE_BEFORE_ASK_BOOST = 25  # lifts a give-first action above the week's ordinary ones


def _gives_before_asks_first(actions: list[Action]) -> list[Action]:
    """Bring forward what you give to someone you will also ask: the planner never asks
    before giving, so without this a request could wait weeks behind an unhurried gift."""
    asked = {p for a in actions if a.kind is K.ASK_INTRODUCTION for p in a.contact_ids}
    return [replace(a, priority=a.priority + GIVE_BEFORE_ASK_BOOST)
            if a.kind.group is ActionGroup.GIVE_FIRST and asked & set(a.contact_ids) else a
            for a in actions]


REVIEW_NEAR_DAYS = 7  # an automatic check-in this close to the participant's own date moves


def _check_in_on_review(start: date, review: date | None) -> int | None:
    """Which automatic check-in (30, 60 or 90 days) moves onto the participant's own review
    date: the nearest one within a week of it, so the plan holds the day they chose rather
    than two check-ins a few days apart. ``None`` when none is that close."""
    if review is None:
        return None
    gaps = sorted((abs((review - weekday(start + timedelta(days=d))).days), d)
                  for d in CHECK_IN_DAYS)
    gap, days = gaps[0]
    return days if gap <= REVIEW_NEAR_DAYS else None


def _by_urgency(warm: KeepWarm, rows: np.ndarray, n: int,
                job_seeking: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` keep-warm rows to suggest first out of ``rows`` (positions in the
    contacts table) and the boost of each: closest and overdue first (a boost per layer),
    then the most overdue for their rhythm, then by contact id. Looking for work,
    moderately weak ties ("known") come forward (``settings.JOB_SEEKING_BOOST``: Rajkumar
    et al., Science 2022). Worked on arrays."""
    codes = warm.base.codes[rows]
    boost = np.zeros(len(rows), dtype=np.int64)
    for value, extra in KEEP_WARM_BOOST.items():
        boost[codes == warm.code_of(value)] = extra
    if job_seeking:
        boost += (codes == warm.code_of(TieStrength.KNOWN.value)) * JOB_SEEKING_BOOST
    boost += (warm.state[rows] == STATES.index(KeepWarmStatus.OVERDUE)) * 8
    over = warm.ratio[rows]
    keys = [-boost.astype(float), np.where(np.isnan(over), np.inf, -over)]
    picked = first_positions(keys, warm.base.ids[rows], n)
    return rows[picked], boost[picked]


def _goal_actions(goal: Goal | None, gaps: GapReport, today: date, add: Add,
                  asks_at_most: int = SUGGESTION_LIMITS[K.ASK_INTRODUCTION]) -> None:
    """Venue visits with their targets, introductions to ask for, and profile tasks."""
    if goal is None:
        return
    for visit in goal.schedule():
        if visit.on < today:
            continue
        target = f": {visit.target}" if visit.target else ""
        add(K.VENUE_VISIT, (visit.venue_id, str(visit.number)),
            f"Go to {visit.name} (visit {visit.number} of {VENUE_VISITS}){target}",
            "Give a place three visits before you judge it; a small target makes each "
            "visit count.", due=visit.on)
    kind = goal.kind
    asks = [a for a in gaps.introductions if a.score > 0][:asks_at_most]
    for ask in asks:
        if kind is GoalKind.BETTER_EQUIPPED:
            title = f"Ask {ask.introducer} for advice on {ask.towards}, or who else to ask"
        else:
            title = f"Ask {ask.introducer} for an introduction to someone in {ask.towards}"
        add(K.ASK_INTRODUCTION, (ask.introducer_id, ask.towards), title,
            f"{ask.reason} Ask for one name and say why, and offer something back.",
            (ask.introducer_id,), extra=min(8, round(ask.score)))
    if kind is GoalKind.BETTER_KNOWN:
        theme = goal.who or "your field"
        for key, title, why in (
            ("headline", "Update your profile so its first line says what you do and for whom",
             "People who look you up after meeting you should see at once what you stand for."),
            ("post-1", f"Write a short, useful post for {theme}",
             "Share what you know without advertising: one practical point is enough."),
            ("comment-1", f"Comment with substance on three posts by people in {theme}",
             "Thoughtful comments get you noticed by the people you want to reach."),
            ("post-2", f"Write a second post for {theme}, on the same theme",
             "Being consistent is how people learn what you stand for."),
        ):
            add(K.PROFILE_TASK, (key,), title, why)


