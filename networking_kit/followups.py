"""Step 3: follow-ups that keep relationships warm and give first, spread over the weeks.

Four parts, each a plain function of data (nothing here knows about widgets):

- **Cadences**: how often to be in touch with each closeness layer, counted from the last
  interaction, and whether each contact is on track, due or overdue.
- **Actions**: give-first suggestions (introduce two people, pass on a referral, share
  something useful, catch up with a dormant tie), keep-warm touches and the goal's own
  actions (venue visits, asking for an introduction, profile and writing tasks).
- **The schedule**: actions spread over the coming weeks within the participant's weekly
  capacity, highest priority first, with check-ins at 30, 60 and 90 days, and nothing new
  in the weeks the participant is away.
- **The plan in the workbook file**: saved in the ``followups`` table so that the
  participant's own decisions (accept, skip, edit, reschedule, done) survive re-planning.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from networking_kit.contacts import (
    Context,
    TieStrength,
    normalise_contacts,
    normalise_key,
    normalise_keys,
    tidy_text,
)
from networking_kit.dates import short_day_month_year
from networking_kit.network import ASKABLE, GapReport, find_gaps
from networking_kit.store import Workbook
from networking_kit.words import quoted, short_topic

# ------------------------------------------------------------------------ cadences


@dataclass(frozen=True)
class Cadence:
    """Be in touch every ``ideal_days``; after ``max_days`` the tie starts to go cold."""

    ideal_days: int
    max_days: int

    def __post_init__(self) -> None:
        if not 0 < self.ideal_days <= self.max_days:
            raise ValueError("a rhythm needs 0 < ideal days <= maximum days")


# The one home of the keep-warm rhythms. Closest people every two to four weeks, down to
# acquaintances about twice a year; a dormant tie once a year keeps the door open. The
# inner layers follow how often people actually see each layer in Dunbar's studies
# (Sutcliffe, Dunbar et al. 2012, "Relationships and the social brain"): weekly-to-monthly
# for the closest few, about monthly for the next layer, a few times a year further out.
DEFAULT_CADENCES: dict[str, Cadence] = {
    TieStrength.CLOSEST.value: Cadence(14, 28),
    TieStrength.CLOSE.value: Cadence(30, 60),
    TieStrength.REGULAR.value: Cadence(60, 120),
    TieStrength.KNOWN.value: Cadence(91, 182),
    TieStrength.ACQUAINTANCE.value: Cadence(182, 365),
    TieStrength.DORMANT.value: Cadence(365, 730),
}
CADENCE_PROFILE_KEY = "cadences"
STATUSES = ("on track", "due", "overdue", "no date")


@dataclass
class Cadences:
    """The rhythms in use: one per layer, and the participant's per-person exceptions."""

    layers: dict[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_CADENCES))
    people: dict[str, Cadence] = field(default_factory=dict)

    def for_contact(self, contact_id: str, strength: str | None) -> Cadence | None:
        if contact_id in self.people:
            return self.people[contact_id]
        return self.layers.get(strength) if strength else None

    def to_dict(self) -> dict[str, Any]:
        return {"layers": {k: [c.ideal_days, c.max_days] for k, c in self.layers.items()},
                "people": {k: [c.ideal_days, c.max_days] for k, c in self.people.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Cadences:
        """Saved rhythms; anything unreadable falls back to the default for that layer."""
        data = data or {}
        layers = dict(DEFAULT_CADENCES)
        layers.update(_read_cadences(data.get("layers"), allowed=set(DEFAULT_CADENCES)))
        return cls(layers, _read_cadences(data.get("people")))


def _read_cadences(raw: Any, allowed: set[str] | None = None) -> dict[str, Cadence]:
    out = {}
    for key, value in (raw or {}).items() if isinstance(raw, Mapping) else ():
        try:
            cadence = Cadence(int(value[0]), int(value[1]))
        except (TypeError, ValueError, IndexError):
            continue
        if allowed is None or key in allowed:
            out[str(key)] = cadence
    return out


def load_cadences(workbook: Workbook) -> Cadences:
    return Cadences.from_dict(workbook.get_profile(CADENCE_PROFILE_KEY))


def save_cadences(workbook: Workbook, cadences: Cadences) -> None:
    workbook.set_profile(CADENCE_PROFILE_KEY, cadences.to_dict())


def keep_warm_status(contacts: pd.DataFrame, today: date,
                     cadences: Cadences | None = None) -> pd.DataFrame:
    """Each sorted contact's rhythm and where they stand, counted from the last interaction.

    ``on track`` up to and including the ideal interval, ``due`` after it up to and
    including the maximum, ``overdue`` after the maximum, ``no date`` when the last contact
    is not recorded. Contacts not yet sorted by closeness have no rhythm and are left out.
    Worked a column at a time, so 30,000 contacts take a fraction of a second.
    """
    cadences = cadences or Cadences()
    strength = contacts["strength"].astype("object")
    sorted_ = strength.notna()
    ids = contacts["contact_id"].astype("object")
    ideal = strength.map({k: c.ideal_days for k, c in cadences.layers.items()})
    maximum = strength.map({k: c.max_days for k, c in cadences.layers.items()})
    if cadences.people:
        own = ids.isin(list(cadences.people))
        ideal[own] = ids[own].map({k: c.ideal_days for k, c in cadences.people.items()})
        maximum[own] = ids[own].map({k: c.max_days for k, c in cadences.people.items()})
        sorted_ |= own
    days = (pd.Timestamp(today) - contacts["last_contact"]).dt.days
    status = pd.Series("on track", index=contacts.index, dtype="object")
    status[(days > ideal).fillna(False).astype(bool)] = "due"
    status[(days > maximum).fillna(False).astype(bool)] = "overdue"
    status[days.isna().to_numpy()] = "no date"
    frame = pd.DataFrame({
        "contact_id": ids, "name": contacts["name"].astype("object"),
        "strength": strength, "days_since": days.astype("Int64"),
        "ideal_days": ideal.astype("Int64"), "max_days": maximum.astype("Int64"),
        "status": status})
    return frame[sorted_.to_numpy()].reset_index(drop=True)


def cadence_words(days: int) -> str:
    """The gap after "every", as a person would say it: ``30`` → "month", ``14`` → "2 weeks"."""
    for length, one in ((365, "year"), (30, "month"), (7, "week")):
        number = days / length
        near = round(number)
        if near >= 1 and abs(number - near) <= 0.06 * near and (one != "month" or days >= 28):
            return one if near == 1 else f"{near} {one}s"
    if days >= 180 and days <= 185:
        return "6 months"
    return "day" if days == 1 else f"{days} days"


# ------------------------------------------------------------------------- actions

KINDS: dict[str, str] = {  # the kind of action, as the participant reads it
    "introduce": "Introduce two people",
    "referral": "Pass on a referral",
    "share": "Share something useful",
    "catch_up": "Catch up with an old contact",
    "keep_warm": "Keep in touch",
    "venue_visit": "Go to a venue",
    "ask_introduction": "Ask for an introduction",
    "profile_task": "Profile or writing",
    "event_follow_up": "Follow up after an event",
    "check_in": "Check-in on your plan",
}
GIVE_FIRST = ("introduce", "referral", "share", "catch_up")
# Dated kinds keep their dates when the schedule is made; the rest are spread out.
DATED_KINDS = ("venue_visit", "event_follow_up", "check_in")
PLAN_STATUSES = ("planned", "accepted", "skipped", "done", "dropped")
CHECK_IN_DAYS = (30, 60, 90)
FOLLOW_UP_WITHIN_DAYS = 2  # connect while the conversation is still fresh in both minds

# Priority of each kind (higher comes sooner), then a boost for the kinds that serve the
# goal. Give-first actions sit above asking: help is easier to ask for once offered.
BASE_PRIORITY = {
    "check_in": 100, "event_follow_up": 98, "venue_visit": 95, "introduce": 70,
    "share": 66, "referral": 62, "catch_up": 58, "keep_warm": 50, "ask_introduction": 56,
    "profile_task": 54,
}
GOAL_BOOST = {
    "better_known": {"profile_task": 20, "share": 8},
    "better_equipped": {"ask_introduction": 18, "catch_up": 6},
    "better_connected": {"ask_introduction": 14, "introduce": 8, "catch_up": 10},
}
KEEP_WARM_BOOST = {"closest": 22, "close": 16, "regular": 8, "known": 2, "acquaintance": 0}
SUGGESTION_LIMITS = {"keep_warm": 24, "catch_up": 6, "introduce": 5, "referral": 3,
                     "share": 6, "ask_introduction": 4}


@dataclass
class Action:
    """One thing to do, for one or two people (or none), with a one-sentence reason.

    ``action_id`` comes from the kind and who or what the action is about, never from
    dates, so planning again gives the same ids and the calendar updates instead of
    duplicating. ``revision`` grows with each change the participant makes.
    """

    action_id: str
    kind: str
    title: str
    why: str
    contact_ids: tuple[str, ...] = ()
    priority: int = 50
    due_on: date | None = None
    status: str = "planned"
    edited: bool = False
    revision: int = 0
    followup_id: int | None = None
    done_on: date | None = None

    @property
    def dated(self) -> bool:
        return self.kind in DATED_KINDS

    @property
    def touched(self) -> bool:
        """The participant has decided something about it, so planning must not undo it."""
        return self.status in ("accepted", "skipped", "done") or self.edited

    @property
    def pinned(self) -> bool:
        """Keeps its date when the schedule is made again."""
        return self.due_on is not None and (self.dated or self.touched)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def action_id(kind: str, *key: str) -> str:
    """A stable id from the kind and what the action is about (people, venue, day…)."""
    digest = hashlib.sha256("|".join((kind, *key)).encode("utf-8")).hexdigest()[:12]
    return f"{kind}-{digest}"


# ------------------------------------------------------------- the participant's words

# First words of something one can send or hand over: "a reading list", "feedback on…".
_THING_START = frozenset((
    "a", "an", "the", "some", "my", "our", "help", "feedback", "notes", "advice", "tips",
    "intro", "introduction", "introductions", "links", "ideas", "contacts"))


def _thing(text: str) -> bool:
    """A phrase that can follow "Send Ann": a thing ("a reading list on pricing"), not a note."""
    words = text.split()
    return (short_topic(text) or (len(words) <= 8 and words[0].casefold() in _THING_START
                                  and re.fullmatch(r"[\w&'’ -]+", text) is not None))


# -------------------------------------------------------------- who needs what

_STOP = frozenset((
    "a", "an", "and", "the", "of", "on", "for", "to", "in", "with", "my", "our", "your",
    "their", "from", "at", "by", "about", "into", "last", "this", "that", "some", "any",
    "help", "year", "met", "asked", "someone", "who", "what"))
# Words that mean the same need in the sample's and most people's notes.
_SAME_NEED = {"cv": "hiring", "interview": "hiring", "recruiting": "hiring", "job": "hiring",
              "speaker": "speaking", "talk": "speaking", "conference": "speaking",
              "price": "pricing", "roadmap": "product", "mentor": "mentoring"}
_NEED_PHRASES = re.compile(
    r"(?:looking for|needs?|wants?|asked about|interested in|hiring|struggling with|"
    r"learning)\s+([^.;]+)", flags=re.IGNORECASE)


def _topics(text: object) -> set[str]:
    """Topic words of a phrase: lower case, no filler words, a crude common stem."""
    if not isinstance(text, str) or not text.strip():
        return set()
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    out = set()
    for word in words:
        word = _SAME_NEED.get(word, word)
        if word in _STOP or len(word) < 3:
            continue
        out.add(word[:6] if len(word) > 6 else word.rstrip("s"))
    return out


def needs_of(row: Mapping[str, Any]) -> set[str]:
    """What a contact needs, as topic words. A need is:

    - what the participant noted they could offer them (``i_can_offer``): it is offered
      because the person would value it;
    - what their notes say they are looking for, asked about, want, are interested in,
      are hiring for or are learning ("Asked about mentoring last year");
    - their interests: the tags after the first (the first tag is their own field).
    """
    topics = set(_topics(row.get("i_can_offer")))
    notes = row.get("notes")
    if isinstance(notes, str):
        for phrase in _NEED_PHRASES.findall(notes):
            topics |= _topics(phrase)
    tags = row.get("tags")
    if isinstance(tags, str):
        for tag in tags.split(";")[1:]:
            topics |= _topics(tag)
    return topics


# People the participant knows well enough to vouch for in an introduction.
VOUCHABLE = (*ASKABLE, TieStrength.KNOWN.value)
MAX_INTRODUCTIONS_EACH = 2
_PER_TOPIC = 20  # candidates per topic and side: keeps 30,000 contacts quick


def match_introductions(contacts: pd.DataFrame, ties: Iterable[tuple[str, str]] = (),
                        limit: int = 10) -> list[tuple[str, str, str]]:
    """Pairs of contacts who should meet: one can help with what the other needs.

    A pair ``(a, b, reason)`` has ``a < b`` whichever way the help flows, so each pair
    appears once. Nobody is paired with themselves, nor with someone they already know:
    a pair in the who-knows-whom census, or two people at the same organisation. Both must
    be close enough for the participant to vouch for them (known or closer, trust not
    "not yet"). Best pairs first: help both ways, then closeness and trust.
    """
    strength = contacts["strength"].astype("object")
    trust = contacts["trust"].astype("object")
    ok = (strength.isin(VOUCHABLE) & (trust != "not_yet").fillna(True)).fillna(False)
    people = contacts[ok.astype(bool).to_numpy()]
    if len(people) < 2:
        return []
    rank = {s: i for i, s in enumerate(reversed(VOUCHABLE), start=1)}
    closeness = people["strength"].astype("object").map(rank).fillna(0)
    closeness = closeness + (people["trust"].astype("object") == "high").fillna(False) * 0.5
    order = people.assign(_c=closeness.to_numpy()).sort_values(
        ["_c", "contact_id"], ascending=[False, True], kind="stable")
    helpers: dict[str, list[str]] = {}
    needers: dict[str, list[str]] = {}
    info: dict[str, dict[str, Any]] = {}
    for row in order.to_dict("records"):
        cid = str(row["contact_id"])
        info[cid] = row
        for topic in _topics(row.get("can_help_with")):
            helpers.setdefault(topic, []).append(cid)
        for topic in needs_of(row):
            needers.setdefault(topic, []).append(cid)
    known = {tuple(sorted(pair)) for pair in ties}
    flows: dict[tuple[str, str], set[tuple[str, str]]] = {}  # pair -> {(helper, needer)}
    for topic in sorted(set(helpers) & set(needers)):
        for helper in helpers[topic][:_PER_TOPIC]:
            for needer in needers[topic][:_PER_TOPIC]:
                if helper == needer:
                    continue
                pair = (min(helper, needer), max(helper, needer))
                if pair in known or _same_company(info[helper], info[needer]):
                    continue
                flows.setdefault(pair, set()).add((helper, needer))
    near = dict(zip(order["contact_id"].astype("object"), order["_c"], strict=True))
    scored = []
    for pair, directions in flows.items():
        score = len(directions) * 10 + sum(float(near[c]) for c in pair)
        scored.append((-score, info[pair[0]]["name"], info[pair[1]]["name"], pair, directions))
    scored.sort(key=lambda s: (s[0], str(s[1]), str(s[2]), s[3]))
    chosen: list[tuple[str, str]] = []
    used: dict[str, int] = {}
    # Spread the introductions: first everyone at most once (five ideas among four people
    # read as one clique), then a second one each where good pairs are left; never three.
    for cap in range(1, MAX_INTRODUCTIONS_EACH + 1):
        for _, _, _, pair, _ in scored:
            if len(chosen) >= limit:
                break
            if pair in chosen or any(used.get(c, 0) >= cap for c in pair):
                continue
            for c in pair:
                used[c] = used.get(c, 0) + 1
            chosen.append(pair)
    return [(a, b, _intro_reason(info, sorted(flows[(a, b)]))) for a, b in chosen]


def _same_company(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ca, cb = a.get("company"), b.get("company")
    return isinstance(ca, str) and isinstance(cb, str) and ca.casefold() == cb.casefold()


def _intro_reason(info: Mapping[str, Mapping[str, Any]],
                  directions: list[tuple[str, str]]) -> str:
    parts = []
    for helper, needer in directions[:2]:
        offers = str(info[helper]["can_help_with"]).strip()
        if short_topic(offers):
            parts.append(f"{info[helper]['name']} knows about {offers}, "
                         f"which {info[needer]['name']} could use")
        else:
            parts.append(f"{info[needer]['name']} could use what {info[helper]['name']} "
                         f"offers: {quoted(offers)}")
    return "; and ".join(parts) + "."


# ---------------------------------------------------------------- suggesting actions


def weekly_capacity(goal: object | None) -> int:
    """Actions a week: one per half hour the participant said they have, 2 to 6; 3 if unsure."""
    hours = getattr(getattr(goal, "style", None), "hours_per_week", None)
    if not hours:
        return 3
    return max(2, min(6, round(float(hours) * 2)))


def suggest_actions(contacts: pd.DataFrame, goal: object | None = None,
                    ties: Iterable[tuple[str, str]] = (), gaps: GapReport | None = None,
                    today: date | None = None, cadences: Cadences | None = None,
                    start: date | None = None,
                    last_notes: Mapping[str, str] | None = None) -> list[Action]:
    """Every action worth planning now, each with a plain title and a one-sentence why.

    Give first (introductions, referrals, sharing, catching up with dormant ties worth
    re-warming), keep-warm touches for people past their rhythm, the goal's own actions
    (venue visits, introductions to ask for, profile tasks) and the 30/60/90-day
    check-ins counted from ``start`` (the day the plan began). Favours are only ever asked
    of people close enough to ask (``network.ASKABLE``), never of a weak tie. ``gaps`` is
    the step-2 reading of the map; it is worked out here when not given.
    """
    today = today or date.today()
    start = start or today
    ties = list(ties)
    kind = str(getattr(goal, "kind", "") or "")
    boost = GOAL_BOOST.get(kind, {})
    if gaps is None:
        gaps = find_gaps(contacts, goal, ties, today)
    names = dict(zip(contacts["contact_id"].astype("object"),
                     contacts["name"].astype("object"), strict=True))
    actions: list[Action] = []

    def add(kind_: str, key: tuple[str, ...], title: str, why: str,
            people: tuple[str, ...] = (), extra: int = 0, due: date | None = None) -> None:
        priority = BASE_PRIORITY[kind_] + boost.get(kind_, 0) + extra
        actions.append(Action(action_id(kind_, *key), kind_, title, why, people,
                              priority, due))

    # Catch-ups with dormant or cold ties worth re-warming (from the step-2 gaps).
    rewarmed = set()
    for item in gaps.rewarm[: SUGGESTION_LIMITS["catch_up"]]:
        rewarmed.add(item.contact_id)
        add("catch_up", (item.contact_id,),
            f"Send {item.name} a friendly note to catch up: ask how they are, no favours",
            item.reason + " Old ties are usually glad to hear from you.",
            (item.contact_id,), extra=min(10, round(item.score)))

    # Keep-warm touches for people past their rhythm.
    status = keep_warm_status(contacts, today, cadences)
    late = status[status["status"].isin(["due", "overdue"])
                  & (status["strength"] != TieStrength.DORMANT.value)
                  & ~status["contact_id"].isin(list(rewarmed))].copy()
    late["_boost"] = late["strength"].map(KEEP_WARM_BOOST).fillna(0).astype(int)
    late["_boost"] += (late["status"] == "overdue") * 8
    late["_over"] = (late["days_since"] - late["ideal_days"]).astype("float")
    late = late.sort_values(["_boost", "_over", "contact_id"], ascending=[False, False, True],
                            kind="stable").head(SUGGESTION_LIMITS["keep_warm"])
    for row in late.to_dict("records"):
        cid, name, strength = row["contact_id"], row["name"], row["strength"]
        how = ("Suggest a call or a coffee with" if strength in ("closest", "close")
               else "Send a short update on what you are working on to"
               if strength in ("regular", "known") else "Send something useful or a short hello to")
        why = (f"Last in touch {int(row['days_since'])} days ago; for this closeness, about "
               f"every {cadence_words(int(row['ideal_days']))} keeps you in mind.")
        note = (last_notes or {}).get(cid)
        if note:
            why += f" Last time you noted: {quoted(note)}"
        add("keep_warm", (cid,), f"{how} {name}", why, (cid,), extra=int(row["_boost"]))

    # Introductions between two people who should know each other.
    for a, b, reason in match_introductions(contacts, ties, SUGGESTION_LIMITS["introduce"]):
        add("introduce", (a, b), f"Introduce {names[a]} and {names[b]} by e-mail",
            f"They do not know each other yet: {reason}", (a, b))

    # Shares and referrals: from what the participant noted they can offer or pass on.
    strength = contacts["strength"].astype("object")
    warm = ~strength.isin([TieStrength.DORMANT.value]) & strength.notna()
    offer = contacts[(warm & contacts["i_can_offer"].notna()).fillna(False).to_numpy()]
    offer = _closest_first(offer).head(SUGGESTION_LIMITS["share"])
    for row in offer.to_dict("records"):
        gift = str(row["i_can_offer"]).strip()
        title = (f"Send {row['name']} {gift}" if _thing(gift) else
                 f"Offer {row['name']} what you noted you could give: {quoted(gift)}")
        add("share", (row["contact_id"],), title,
            "You noted you could offer this. Giving first, with nothing asked in return, "
            "is what makes help easy to ask for later.", (row["contact_id"],))
    trusted = (strength.isin(ASKABLE) & (contacts["trust"].astype("object") == "high")
               & contacts["can_help_with"].notna()).fillna(False)
    seen_topics: set[str] = set()
    for row in _closest_first(contacts[trusted.to_numpy()]).to_dict("records"):
        topic = str(row["can_help_with"])
        if topic in seen_topics or len(seen_topics) >= SUGGESTION_LIMITS["referral"]:
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
        add("referral", (row["contact_id"], topic), title,
            f"{knows}; passing on a client or an opening is the most generous thing you "
            "can do, and it is remembered.", (row["contact_id"],))

    _goal_actions(goal, gaps, today, add)
    review = getattr(goal, "review_date", None)
    review = review if isinstance(review, date) and review >= today else None
    moved = _check_in_on_review(start, review)
    for days in CHECK_IN_DAYS:
        if days == moved:
            add("check_in", (str(days),), "Check-in: the review date you set for your goal",
                f"You chose this day in step 1 to see whether your goal is on course; it "
                f"stands in for the {days}-day check-in.", due=review)
            continue
        add("check_in", (str(days),), f"Check-in: {days} days of your plan",
            "Look back at what you did, what came of it, and adjust your rhythm and goal.",
            due=_weekday(start + timedelta(days=days)))
    if review is not None and moved is None:
        add("check_in", ("goal-review",), "Check-in: the review date you set for your goal",
            "You chose this day in step 1 to see whether your goal is on course.", due=review)
    return _gives_before_asks_first(actions)


GIVE_BEFORE_ASK_BOOST = 25  # lifts a give-first action above the week's ordinary ones


def _gives_before_asks_first(actions: list[Action]) -> list[Action]:
    """Bring forward what you give to someone you will also ask: the planner never asks
    before giving, so without this a request could wait weeks behind an unhurried gift."""
    asked = {p for a in actions if a.kind == "ask_introduction" for p in a.contact_ids}
    return [replace(a, priority=a.priority + GIVE_BEFORE_ASK_BOOST)
            if a.kind in GIVE_FIRST and asked & set(a.contact_ids) else a for a in actions]


REVIEW_NEAR_DAYS = 7  # an automatic check-in this close to the participant's own date moves


def _check_in_on_review(start: date, review: date | None) -> int | None:
    """Which automatic check-in (30, 60 or 90 days) moves onto the participant's own review
    date: the nearest one within a week of it, so the plan holds the day they chose rather
    than two check-ins a few days apart. ``None`` when none is that close."""
    if review is None:
        return None
    gaps = sorted((abs((review - _weekday(start + timedelta(days=d))).days), d)
                  for d in CHECK_IN_DAYS)
    gap, days = gaps[0]
    return days if gap <= REVIEW_NEAR_DAYS else None


def _weekday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _closest_first(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {s.value: i for i, s in enumerate(TieStrength)}
    key = frame["strength"].astype("object").map(rank).fillna(len(rank))
    return frame.assign(_r=key.to_numpy()).sort_values(["_r", "contact_id"], kind="stable")


def _goal_actions(goal: object | None, gaps: GapReport, today: date, add: Any) -> None:
    """Venue visits with their targets, introductions to ask for, and profile tasks."""
    if goal is None:
        return
    for visit in getattr(goal, "schedule", list)():
        if visit.on < today:
            continue
        target = f": {visit.target}" if visit.target else ""
        add("venue_visit", (visit.venue_id, str(visit.number)),
            f"Go to {visit.name} (visit {visit.number} of 3){target}",
            "Give a place three visits before you judge it; a small target makes each "
            "visit count.", due=visit.on)
    kind = str(getattr(goal, "kind", "") or "")
    asks = [a for a in gaps.introductions if a.score > 0][: SUGGESTION_LIMITS["ask_introduction"]]
    for ask in asks:
        if kind == "better_equipped":
            title = f"Ask {ask.introducer} for advice on {ask.towards}, or who else to ask"
        else:
            title = f"Ask {ask.introducer} for an introduction to someone in {ask.towards}"
        add("ask_introduction", (ask.introducer_id, ask.towards), title,
            f"{ask.reason} Ask for one name and say why, and offer something back.",
            (ask.introducer_id,), extra=min(8, round(ask.score)))
    if kind == "better_known":
        theme = getattr(goal, "who", "") or "your field"
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
            add("profile_task", (key,), title, why)


# -------------------------------------------------------------------- the schedule

# Days of the week to use for n actions a week (0 = Monday): spread out, never a pile-up.
_SLOTS: dict[int, tuple[int, ...]] = {
    1: (1,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
}
ASK_NOT_BEFORE_WEEK = 1  # asking waits until after a first week of giving and catching up


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def plan_schedule(actions: Sequence[Action], today: date, per_week: int,
                  weeks: int = 12, away: Collection[date] = ()) -> list[Action]:
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
    per_week = max(1, min(6, int(per_week)))
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
        if action.status in ("skipped", "dropped"):
            out.append(action)
        elif action.status == "done":
            out.append(action)
            day = action.due_on or action.done_on
            if day is not None:
                occupy(day, action.contact_ids)
        elif action.pinned:
            action = _clear_of_away(action, away_weeks)
            out.append(action)
            decided[action.action_id] = action.due_on
            occupy(action.due_on, action.contact_ids)  # type: ignore[arg-type]
        else:
            flexible.append(action)
    gives = [a for a in actions if a.kind in GIVE_FIRST and a.status in ("planned", "accepted")]

    def ask_from(action: Action) -> tuple[bool, date | None]:
        """Whether the action may be dated yet, and the first Monday it may use: an ask
        waits for every give-first action to the same person and goes in a later week. A
        give not yet placed counts as undated; asks are ordered after their gives."""
        after: date | None = None
        if action.kind != "ask_introduction":
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
                and not (action.kind == "ask_introduction"
                         and week < first + timedelta(weeks=ASK_NOT_BEFORE_WEEK))
                and (not_before is None or week >= not_before)
                and load.get(week, 0) < room and day not in days_used.get(week, set())
                and not people.get(week, set()) & set(action.contact_ids))

    def first_day(action: Action, not_before: date | None) -> date | None:
        for number in range(weeks):
            week = first + timedelta(weeks=number)
            if week in away_weeks or (not_before is not None and week < not_before) or (
                    number < ASK_NOT_BEFORE_WEEK and action.kind == "ask_introduction"):
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
        if action.kind in GIVE_FIRST:
            for person in action.contact_ids:
                last_give[person] = index
    keys = []
    for index, action in enumerate(ordered):
        after = index
        if action.kind == "ask_introduction":
            after = max([index, *(last_give.get(p, -1) for p in action.contact_ids)])
        keys.append((after, action.kind == "ask_introduction", index))
    return [a for _, a in sorted(zip(keys, ordered, strict=True), key=lambda pair: pair[0])]


def _clear_of_away(action: Action, away_weeks: Collection[date]) -> Action:
    """A check-in the planner dated, moved out of an away week; any other action as it is."""
    if action.kind != "check_in" or action.touched or action.due_on is None:
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
    seen: dict[str, int] = {}
    ranked = []
    for action in by_priority:
        count = seen.get(action.kind, 0)
        seen[action.kind] = count + 1
        ranked.append((-(action.priority - KIND_STEP * count), action.action_id, action))
    return [a for *_, a in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _open_days(week: date, today: date, per_week: int) -> int:
    """How many of the week's spread-out days are still ahead (all of them after this week)."""
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

AWAY_PROFILE_KEY = "weeks_away"


def load_weeks_away(workbook: Workbook) -> set[date]:
    """The Mondays of the weeks the participant said they are away.

    Anything in the saved value that is not a date is passed over: a hand-edited or
    half-written workbook must still open and plan.
    """
    raw = workbook.get_profile(AWAY_PROFILE_KEY)
    weeks: set[date] = set()
    for item in raw if isinstance(raw, list) else ():
        try:
            weeks.add(week_start(date.fromisoformat(item)))
        except (TypeError, ValueError):
            continue
    return weeks


def save_weeks_away(workbook: Workbook, weeks: Iterable[date]) -> None:
    """Save the weeks away as the Monday of each (any day of a week stands for the week)."""
    mondays = {_monday(day) for day in weeks}
    workbook.set_profile(AWAY_PROFILE_KEY, [d.isoformat() for d in sorted(mondays)])


def _monday(day: date) -> date:
    """The week's Monday as a plain date, so a datetime or Timestamp finds the same week."""
    return week_start(date(day.year, day.month, day.day))


# ---------------------------------------------------------------- the saved plan

PLAN_START_KEY = "plan_started_on"


def plan_start(workbook: Workbook, today: date) -> date:
    """The day the plan began (saved the first time), so check-ins do not drift."""
    saved = workbook.get_profile(PLAN_START_KEY)
    if saved:
        try:
            return date.fromisoformat(saved)
        except ValueError:
            pass
    workbook.set_profile(PLAN_START_KEY, today.isoformat())
    return today


def _from_row(row: Mapping[str, Any]) -> Action:
    data = row.get("data") or {}
    done_on = data.get("done_on")
    return Action(
        action_id=str(data.get("action_id") or f"manual-{row['followup_id']}"),
        kind=str(row["kind"]), title=str(row["title"]), why=str(data.get("why", "")),
        contact_ids=tuple(data.get("contact_ids") or
                          ([row["contact_id"]] if row.get("contact_id") else [])),
        priority=int(data.get("priority", 50)), due_on=row.get("due_on"),
        status=str(row["status"]), edited=bool(data.get("edited", False)),
        revision=int(data.get("revision", 0)), followup_id=int(row["followup_id"]),
        done_on=date.fromisoformat(done_on) if done_on else None)


def _data(action: Action) -> dict[str, Any]:
    return {"action_id": action.action_id, "why": action.why,
            "contact_ids": list(action.contact_ids), "priority": action.priority,
            "edited": action.edited, "revision": action.revision,
            "done_on": action.done_on.isoformat() if action.done_on else None}


def load_plan(workbook: Workbook, include_dropped: bool = False) -> list[Action]:
    """The saved plan, earliest first; actions the plan no longer needs are left out."""
    actions = [_from_row(row) for row in workbook.load_followups()]
    return [a for a in actions if include_dropped or a.status != "dropped"]


def save_plan(workbook: Workbook, actions: Sequence[Action]) -> list[Action]:
    """Save a freshly made plan without undoing anything the participant decided.

    Rows are matched by ``action_id``. A row the participant accepted, skipped, finished,
    edited or moved keeps its status, title and date; other rows take the new title, why
    and date. Saved suggestions that the new plan no longer contains (the person is back
    on track, say) are marked ``dropped`` rather than deleted, so the same suggestion
    coming back later keeps its id and history. Returns the plan as saved.
    """
    existing = {a.action_id: a for a in load_plan(workbook, include_dropped=True)}
    saved: list[Action] = []
    for action in actions:
        old = existing.pop(action.action_id, None)
        if old is not None and old.touched:
            saved.append(old)
            continue
        if old is None:
            new = replace(action, followup_id=None)
            new.followup_id = workbook.add_followup(
                kind=new.kind, title=new.title, contact_id=_main(new), due_on=new.due_on,
                status=new.status, data=_data(new))
            saved.append(new)
            continue
        new = replace(action, followup_id=old.followup_id, revision=old.revision,
                      status="planned" if old.status == "dropped" else old.status)
        if (new.title, new.why, new.due_on, new.status, new.priority) != (
                old.title, old.why, old.due_on, old.status, old.priority):
            if (new.title, new.due_on) != (old.title, old.due_on):
                new.revision += 1
            workbook.update_followup(new.followup_id, title=new.title, due_on=new.due_on,
                                     status=new.status, data=_data(new))
        saved.append(new)
    for old in existing.values():
        if old.status == "planned" and old.kind != "event_follow_up":
            workbook.update_followup(old.followup_id, status="dropped",
                                     data=_data(replace(old, revision=old.revision + 1)))
        elif old.status != "dropped":
            saved.append(old)
    return sorted(saved, key=lambda a: (a.due_on is None, a.due_on or date.min, a.action_id))


def _main(action: Action) -> str | None:
    return action.contact_ids[0] if action.contact_ids else None


def update_action(workbook: Workbook, action: Action, *, title: str | None = None,
                  due_on: date | None = None, status: str | None = None) -> Action:
    """Save the participant's change to one action (edit, reschedule, accept, skip)."""
    changed = replace(action)
    if title is not None:
        text = tidy_text(title)
        if not text:
            raise ValueError("An action needs a few words to say what to do.")
        changed.title, changed.edited = text, True
    if due_on is not None:
        changed.due_on, changed.edited = due_on, True
    if status is not None:
        if status not in PLAN_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        changed.status = status
    changed.revision += 1
    if changed.followup_id is None:
        changed.followup_id = workbook.add_followup(
            kind=changed.kind, title=changed.title, contact_id=_main(changed),
            due_on=changed.due_on, status=changed.status, data=_data(changed))
    else:
        workbook.update_followup(changed.followup_id, title=changed.title,
                                 due_on=changed.due_on, status=changed.status,
                                 data=_data(changed))
    return changed


def mark_done(workbook: Workbook, action: Action, happened_on: date,
              note: str | None = None, how: str = "message") -> Action:
    """Tick an action done: log an interaction with each of its people (which moves their
    last contact, and so their rhythm) and save it as done."""
    for contact_id in action.contact_ids:
        workbook.log_interaction(contact_id, happened_on=happened_on, kind=how,
                                 note=tidy_text(note) or action.title)
    done = replace(action, done_on=happened_on)
    return update_action(workbook, done, status="done")


# -------------------------------------------------------------------- after an event


@dataclass(frozen=True)
class Met:
    """Someone the participant talked to at an event, and what they talked about."""

    name: str
    talked_about: str = ""
    field: str = ""


def parse_people(text: str) -> list[Met]:
    """One person a line, ``Name — what we talked about`` (a dash, hyphen or colon)."""
    people = []
    for line in text.splitlines():
        parts = re.split(r"\s+[—–-]\s+|:\s*", line.strip(), maxsplit=1)
        name = tidy_text(parts[0])
        if name:
            people.append(Met(name, tidy_text(parts[1]) or "" if len(parts) > 1 else ""))
    return people


def people_by_name(contacts: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    """Folded name → (contact id, notes), so "zoe muller" finds the map's "Zoë Müller".

    Names typed at the end of an evening come without accents or capitals; folding both
    sides the way imports match people keeps one person one contact. Where two contacts
    share a name the first in the map is used.
    """
    found: dict[str, tuple[str, str | None]] = {}
    for contact_id, name, notes in zip(contacts["contact_id"], contacts["name"],
                                       contacts["notes"], strict=True):
        key = normalise_key(name if isinstance(name, str) else None)
        if key:
            found.setdefault(key, (str(contact_id), notes if isinstance(notes, str) else None))
    return found


def follow_up_day(met_on: date, today: date) -> date:
    """When to connect after meeting: two days on while the talk is fresh, but never before
    today (an event logged late is followed up now, not on a day already gone, and so it
    shows in this week's schedule) and on a weekday: the Friday before a weekend when that
    is still ahead, else the Monday after."""
    due = max(met_on + timedelta(days=FOLLOW_UP_WITHIN_DAYS), today)
    if due.weekday() < 5:
        return due
    friday = due - timedelta(days=due.weekday() - 4)
    return friday if friday >= max(today, met_on) else _weekday(due)


def _follow_up_title(name: str, venue: str, talked: str) -> str:
    """"Connect with Sam (met at X) and mention bookkeeping", or the talk quoted when it is
    a longer note, so whatever was typed reads as a sentence."""
    title = f"Connect with {name} (met at {venue})"
    if not talked:
        return title
    if short_topic(talked):
        return f"{title} and mention {talked}"
    return f"{title}. You talked about: {quoted(talked)}"


def contacts_named(contacts: pd.DataFrame, typed: str) -> list[str]:
    """The ids of every contact whose name is ``typed`` once both are folded.

    A participant who types "grace hopper" in full means the map's "Grace Hopper"; only
    when two people share the name does the form need them to pick from the list, so all
    matches are returned, in map order, rather than the first alone.
    """
    key = normalise_key(typed)
    if not key or contacts.empty:
        return []
    names = [n if isinstance(n, str) else None for n in contacts["name"].astype("object")]
    return [str(cid) for cid, folded in zip(contacts["contact_id"], normalise_keys(names),
                                            strict=True) if folded == key]


def log_event(workbook: Workbook, venue: str, people: Sequence[Met | str], day: date,
              notes: str = "", context: str = Context.OTHER.value,
              today: date | None = None) -> list[Action]:
    """Record the people met at an event and plan to connect with each within two days.

    New people are added as acquaintances (source ``event``); people already in the map
    are not added twice. Each gets an interaction on ``day`` with what was talked about,
    kept in their notes too, so the next meeting picks up where this one left off.
    ``today`` is the day the event is logged (``date.today()`` unless given): the
    follow-ups are due no earlier than that, see :func:`follow_up_day`. Returns the
    follow-up actions, saved in the plan.
    """
    venue = tidy_text(venue) or "the event"
    general = tidy_text(notes) or ""
    due = follow_up_day(day, today or date.today())
    by_name = people_by_name(workbook.load_contacts())
    actions = []
    for person in people:
        met = Met(person) if isinstance(person, str) else person
        name = tidy_text(met.name)
        if not name:
            continue
        talked = tidy_text(met.talked_about) or general
        note = f"Met at {venue} on {short_day_month_year(day)}" + (f": {talked}" if talked else ".")
        found = by_name.get(normalise_key(name))
        if found is None:
            frame = normalise_contacts(pd.DataFrame([{
                "name": name, "strength": TieStrength.ACQUAINTANCE.value, "context": context,
                "notes": note, "tags": (tidy_text(met.field) or "").lower() or None,
                "connected_on": day}]), source="event")
            workbook.save_contacts(frame)
            contact_id = str(frame["contact_id"].iloc[0])
            by_name[normalise_key(name)] = (contact_id, note)
        else:
            contact_id, earlier = found
            kept = f"{earlier} | {note}" if isinstance(earlier, str) and earlier else note
            workbook.update_contact(contact_id, notes=kept)
        workbook.log_interaction(contact_id, happened_on=day, kind="met at an event",
                                 note=note)
        actions.append(Action(
            action_id("event_follow_up", contact_id, venue, day.isoformat()),
            "event_follow_up", _follow_up_title(name, venue, talked),
            "Within a day or two they still remember the conversation; a personal note "
            "picks up where you left off. Suggest a call or coffee if it went well.",
            (contact_id,), BASE_PRIORITY["event_follow_up"],
            due_on=due))
    existing = {a.action_id for a in load_plan(workbook, include_dropped=True)}
    fresh = [a for a in actions if a.action_id not in existing]
    saved = save_plan(workbook, [*load_plan(workbook), *fresh]) if fresh else []
    wanted = {a.action_id for a in actions}
    return [a for a in saved if a.action_id in wanted]


# ------------------------------------------------------------------ the whole plan


def last_notes(workbook: Workbook) -> dict[str, str]:
    """The latest note logged with each contact, to pick up where you left off."""
    notes: dict[str, str] = {}
    for row in workbook.load_interactions():
        if row["note"]:
            notes[row["contact_id"]] = row["note"]
    return notes


def _as_saved(fresh: Action, saved: Action | None) -> Action:
    """The participant's own version when they decided something; otherwise the fresh
    suggestion carrying the day the last plan gave it, which ``plan_schedule`` keeps while
    it still fits (dated kinds take their fresh date: a moved check-in comes back)."""
    if saved is None:
        return fresh
    if saved.touched:
        return saved
    return fresh if fresh.dated else replace(fresh, due_on=saved.due_on)


def make_plan(workbook: Workbook, today: date, goal: object | None = None,
              weeks: int = 12) -> list[Action]:
    """Suggest, schedule and save the plan, keeping every decision the participant made.

    The one call the form makes on opening and after each change that alters what
    should be suggested (a log, an event, a new rhythm, a week away). The weeks away are
    read here, so the saved plan that the form, the exports and the demo show is always
    planned around them.
    """
    contacts = workbook.load_contacts()
    start = plan_start(workbook, today)
    fresh = suggest_actions(contacts, goal, workbook.load_ties(), None, today,
                            load_cadences(workbook), start, last_notes(workbook))
    saved = {a.action_id: a for a in load_plan(workbook)}
    merged = [_as_saved(a, saved.get(a.action_id)) for a in fresh]
    ids = {a.action_id for a in merged}
    merged += [a for a in saved.values() if a.action_id not in ids
               and (a.touched or a.kind == "event_follow_up")]
    schedule = plan_schedule(merged, today, weekly_capacity(goal), weeks,
                             load_weeks_away(workbook))
    return save_plan(workbook, schedule)
