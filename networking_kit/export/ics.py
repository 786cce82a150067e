"""The plan as an iCalendar file (RFC 5545) for Google Calendar, Outlook and Apple Calendar.

Written by hand rather than with a library: the format is small, and writing it here
keeps every rule in view. Each action is an all-day event whose UID comes from the
action's stable id, so importing the file again updates the events instead of adding
copies; ``SEQUENCE`` grows with each change the participant made, and actions skipped or
no longer needed are sent as cancelled so that a re-import removes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from networking_kit.followups import Action

PRODID = "-//networking_kit//Networking plan//EN"
UID_DOMAIN = "networking-kit"
MAX_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded
# Control characters other than tab are not allowed in TEXT values (RFC 5545 3.3.11).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_EXPORTED = ("planned", "accepted", "done")
_CANCELLED = ("skipped", "dropped")


def escape_text(value: str) -> str:
    """A TEXT value per RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.

    Continuation lines start with a space, which counts towards their 75 octets.
    """
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def schedule_to_ics(actions: Iterable[Action], participant_name: str | None = None,
                    now: datetime | None = None) -> str:
    """The dated actions as a VCALENDAR of all-day events, with CRLF line ends.

    Planned, accepted and done actions become events; skipped ones and ones the plan no
    longer needs are written as cancelled, so a calendar that imported them before drops
    them. Actions without a date are left out. ``now`` sets DTSTAMP (UTC); the same
    actions and ``now`` always give the same file.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = "Networking plan" + (f": {participant_name}" if participant_name else "")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    chosen = [a for a in actions
              if a.due_on is not None and a.status in (*_EXPORTED, *_CANCELLED)]
    for action in sorted(chosen, key=lambda a: (a.due_on, a.action_id)):
        start: date = action.due_on  # type: ignore[assignment]
        cancelled = action.status in _CANCELLED
        summary = ("Done: " if action.status == "done" else "") + action.title
        lines += [
            "BEGIN:VEVENT",
            f"UID:{action.action_id}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{max(0, int(action.revision))}",
            f"DTSTART;VALUE=DATE:{_day(start)}",
            f"DTEND;VALUE=DATE:{_day(start + timedelta(days=1))}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(action.why)}",
            f"CATEGORIES:{escape_text(action.kind_label)}",
            "TRANSP:TRANSPARENT",  # a reminder, not a meeting: it does not block the day
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
