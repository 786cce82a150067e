"""After an event: the people met, what was talked about, and a follow-up with each
within a day or two, while the conversation is fresh in both minds.

:func:`plan_event` works out everything logging an event means (new contacts, notes
added to people already in the map, one interaction each, the follow-up actions) as
plain data; the step session writes it in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from networking_kit.contacts import empty_contacts, normalise_contacts, normalise_key, tidy_text
from networking_kit.contacts_merge import normalise_keys
from networking_kit.dates import short_day_month_year
from networking_kit.followups.plan import BASE_PRIORITY, Action, action_id
from networking_kit.followups.schedule import weekday
from networking_kit.settings import FOLLOW_UP_WITHIN_DAYS
from networking_kit.vocab import ActionKind, Context, Source, TieStrength
from networking_kit.words import quoted, short_topic

MET_AT_AN_EVENT = "met at an event"  # the kind of interaction an event logs


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
    names = [n if isinstance(n, str) else None for n in contacts["name"].astype("object")]
    found: dict[str, tuple[str, str | None]] = {}
    for key, contact_id, notes in zip(normalise_keys(names), contacts["contact_id"],
                                      contacts["notes"].astype("object"), strict=True):
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
    return friday if friday >= max(today, met_on) else weekday(due)


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


@dataclass
class EventRecord:
    """What logging an event writes: ``new_contacts`` (canonical rows to add), ``notes``
    (contact id → the notes of someone already in the map, with this meeting added),
    ``interactions`` ((contact id, note) to log on the event's day), the follow-up
    ``actions``, and the names of people who were ``already`` in the map."""

    new_contacts: pd.DataFrame
    notes: dict[str, str] = field(default_factory=dict)
    interactions: list[tuple[str, str]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def plan_event(by_name: Mapping[str, tuple[str, str | None]], venue: str,
               people: Sequence[Met | str], day: date, notes: str = "",
               context: str = Context.OTHER.value, today: date | None = None) -> EventRecord:
    """Record the people met at an event and plan to connect with each within two days.

    ``by_name`` is :func:`people_by_name` of the map. New people are added as
    acquaintances (source ``event``); people already in the map are not added twice, and
    their notes are kept with this meeting added. Each gets an interaction on ``day`` with
    what was talked about, so the next meeting picks up where this one left off.
    ``today`` is the day the event is logged: the follow-ups are due no earlier than that
    (:func:`follow_up_day`).
    """
    venue = tidy_text(venue) or "the event"
    general = tidy_text(notes) or ""
    due = follow_up_day(day, today or date.today())
    met_here: list[tuple[str, str, str, str]] = []  # (name, talked, note, folded name)
    rows: list[dict[str, object]] = []  # the people new to the map, first mention each
    for person in people:
        met = Met(person) if isinstance(person, str) else person
        name = tidy_text(met.name)
        if not name:
            continue
        talked = tidy_text(met.talked_about) or general
        note = f"Met at {venue} on {short_day_month_year(day)}" + (f": {talked}" if talked else ".")
        key = normalise_key(name)
        met_here.append((name, talked, note, key))
        if key not in by_name and all(r["_key"] != key for r in rows):
            rows.append({"name": name, "strength": TieStrength.ACQUAINTANCE.value,
                         "context": context, "notes": note,
                         "tags": (tidy_text(met.field) or "").lower() or None,
                         "connected_on": day, "_key": key})
    # The new people normalised at once (one call, not one per person: issue 11 speed)
    added = (normalise_contacts(pd.DataFrame(rows).drop(columns="_key"),
                                source=Source.EVENT.value) if rows else empty_contacts())
    first_of = {str(r["_key"]): n for n, r in enumerate(rows)}
    # what this event changed of ``by_name`` (never copied: 30,000 names at 30,000 contacts)
    known: dict[str, tuple[str, str | None]] = {}
    new: dict[str, int] = {}  # contact id → its row in ``added``
    record = EventRecord(new_contacts=added)
    for name, talked, note, key in met_here:
        found = known.get(key) or by_name.get(key)
        if found is None:
            at = first_of[key]
            contact_id = str(added["contact_id"].iat[at])
            new[contact_id] = at
            known[key] = (contact_id, note)
        else:
            contact_id, earlier = found
            kept = f"{earlier} | {note}" if isinstance(earlier, str) and earlier else note
            if contact_id in new:
                added.loc[new[contact_id], "notes"] = kept
            else:
                record.notes[contact_id] = kept
                record.already.append(name)
            known[key] = (contact_id, kept)
        record.interactions.append((contact_id, note))
        record.actions.append(Action(
            action_id(ActionKind.EVENT_FOLLOW_UP, contact_id, venue, day.isoformat()),
            ActionKind.EVENT_FOLLOW_UP, _follow_up_title(name, venue, talked),
            "Within a day or two they still remember the conversation; a personal note "
            "picks up where you left off. Suggest a call or coffee if it went well.",
            (contact_id,), BASE_PRIORITY[ActionKind.EVENT_FOLLOW_UP], due_on=due))
    if len(new) != len(added):  # two new names with one id: the last row of it kept
        record.new_contacts = added.iloc[list(new.values())].reset_index(drop=True)
    return record


def last_notes(interactions: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """The latest note logged with each contact (rows of ``Workbook.load_interactions``,
    oldest first), to pick up where you left off."""
    notes: dict[str, str] = {}
    for row in interactions:
        if row["note"]:
            notes[str(row["contact_id"])] = str(row["note"])
    return notes
