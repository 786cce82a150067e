"""The summary a participant may share with the facilitator, and the sharing itself.

A participant may opt in to share a small summary of their workbook (:func:`summarise`):
counts and venue catalogue ids only, never a name, an address, a company or a word they
typed. Each summary is one JSON file (``<summary_id>.json``) in a drop folder the
facilitator sets up (``NETWORKING_KIT_DROP``); this module writes it
(:func:`share_summary`), says it in words (:func:`summary_in_words`) and withdraws it.
The facilitator's side (reading a folder back, the aggregate and its HTML page) is in
``cohort_report``; made-up summaries for rehearsals are in ``cohort_examples``.
Nothing here knows about widgets.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from networking_kit.files import atomic_write
from networking_kit.goals import GoalKind, goal_done
from networking_kit.network import diversity, layer_sizes, sector_of, tie_mix, untriaged_count
from networking_kit.network_metrics import variety_word
from networking_kit.progress import counts_in_plan
from networking_kit.store import Workbook
from networking_kit.store.records import load_goal, load_plan
from networking_kit.venues import load_venue_catalogue, mid_sentence
from networking_kit.vocab import WEAK, ActionKind, ActionStatus, TieStrength

FORMAT = "networking-kit-cohort-summary"
VERSION = 1
DROP_ENV_VAR = "NETWORKING_KIT_DROP"
SUMMARY_ID_KEY = "cohort_summary_id"  # in the workbook profile: re-sharing replaces one file
SUMMARY_ID = re.compile(r"^[0-9a-f]{8,64}$")  # what a summary id looks like


# ----------------------------------------------------------------- the participant side


def drop_folder() -> Path | None:
    """The folder the facilitator set up for summaries (``NETWORKING_KIT_DROP``), or None."""
    chosen = os.environ.get(DROP_ENV_VAR, "").strip()
    return Path(chosen).expanduser() if chosen else None


def summary_id(workbook: Workbook) -> str:
    """A random id kept in the workbook, so sharing again replaces the earlier file.

    Random rather than derived from anything about the person, so it says nothing.
    """
    saved = workbook.get_profile(SUMMARY_ID_KEY)
    if isinstance(saved, str) and SUMMARY_ID.match(saved):
        return saved
    fresh = secrets.token_hex(8)
    workbook.set_profile(SUMMARY_ID_KEY, fresh)
    return fresh


def summarise(workbook: Workbook, today: date | None = None,
              contacts: pd.DataFrame | None = None) -> dict[str, Any]:
    """What a participant shares: counts and catalogue venue ids, nothing they typed.

    Every value is a number, a yes/no, a goal kind or a venue id from the catalogue; the
    goal's wording, the places named and every contact field stay in the workbook.
    ``contacts`` is the workbook's contacts table when the caller already loaded it (read
    from the file when None).
    """
    today = today or date.today()
    contacts = workbook.load_contacts() if contacts is None else contacts
    goal = load_goal(workbook)
    mix = tie_mix(contacts)
    plan = load_plan(workbook)
    # What step 3 and the printed plan count: dated actions, and those done. Ideas with
    # no date yet ("later") are not yet a plan, and counting them made the shared number
    # larger than the one the participant had just read.
    kept = [a for a in plan if counts_in_plan(a.status, a.due_on)]
    catalogue = {venue.id for venue in load_venue_catalogue()}
    chosen = [] if goal is None else [*goal.venues, *(c.venue_id for c in goal.commitments)]
    return {
        "format": FORMAT,
        "version": VERSION,
        "summary_id": summary_id(workbook),
        "made_on": today.isoformat(),
        "goal_kind": None if goal is None or goal.kind is None else str(goal.kind),
        "goal_complete": goal_done(goal, today),
        "layers": {row.strength.value: row.count for row in layer_sizes(contacts)},
        "untriaged": untriaged_count(contacts),
        "total": len(contacts),
        "context_diversity_iqv": round(diversity(contacts, "context").iqv, 3),
        "sector_count": diversity(contacts.assign(sector=sector_of(contacts)), "sector").groups,
        "weak_share": round(mix.weak, 3),
        "dormant_share": round(mix.dormant, 3),
        "planned_actions": len(kept),
        "done_actions": sum(a.status == ActionStatus.DONE for a in kept),
        "venues": sorted({v for v in chosen if v in catalogue}),
        "commitments": 0 if goal is None else len(goal.commitments),
        "check_ins": sum(a.kind == ActionKind.CHECK_IN for a in kept),
    }


def sorted_share(layers: Mapping[str, int],
                 strengths: Iterable[TieStrength]) -> float | None:
    """The share of ``strengths`` among the people given a closeness (``layers``: a
    summary's count per closeness code), or None when nobody is sorted yet."""
    sorted_people = sum(layers.values())
    if not sorted_people:
        return None
    return sum(layers.get(s.value, 0) for s in strengths) / sorted_people


def summary_in_words(summary: Mapping[str, Any]) -> list[str]:
    """The shared summary as sentences a participant can check before agreeing to share.

    The file itself is numbers and codes; these say the same things in the workshop's
    words, one line per part, so "nothing about my contacts" can be seen at a glance.
    """
    kind = summary.get("goal_kind")
    goal = goal_label(kind) if kind else "not chosen yet"
    if kind and not summary.get("goal_complete"):
        goal += " (not finished)"
    layers = summary.get("layers", {})
    counts = ", ".join(f"{TieStrength(name).short_label.lower()} {layers[name]}"
                       for name in layers if name in set(TieStrength))
    names = {venue.id: venue.name for venue in load_venue_catalogue()}
    venues = [mid_sentence(names.get(v, v)) for v in summary.get("venues", [])]
    iqv = float(summary.get("context_diversity_iqv") or 0)
    return [
        f"Your goal: {goal}.",
        f"People in your map: {summary.get('total', 0)}"
        + (f" ({counts}; {summary.get('untriaged', 0)} without a closeness yet)."
           if counts else "."),
        f"How varied your circles are: {variety_word(iqv).lower()} (the file keeps it as "
        f"the number {iqv:.2f}); {summary.get('sector_count', 0)} fields or sectors.",
        _mix_in_words(layers),
        f"Follow-ups planned: {summary.get('planned_actions', 0)}, done: "
        f"{summary.get('done_actions', 0)}; check-ins: {summary.get('check_ins', 0)}.",
        "Venues you picked from the list: " + (", ".join(venues) or "none yet") + "; "
        f"commitments: {summary.get('commitments', 0)}.",
        "And today's date with a random number, so you can withdraw it later.",
    ]


def share_summary(workbook: Workbook, folder: Path, today: date | None = None) -> Path:
    """Write the summary as ``<summary_id>.json`` in ``folder``, replacing an earlier one.

    Written to a hidden temporary name and renamed, so the facilitator never reads half a
    file. The facilitator is another user: in a shared folder set up for a group (setgid,
    as ``deploy/drop_folder.sh`` makes it) the file is 0o640, readable by that group and
    not by other participants; in a plain folder it is 0o644.
    """
    summary = summarise(workbook, today)
    folder = Path(folder)
    target = folder / f"{summary['summary_id']}.json"
    text = json.dumps(summary, indent=1, sort_keys=True)
    atomic_write(target, text, mode=_shared_mode(folder))
    return target


def _shared_mode(folder: Path) -> int:
    group_folder = folder.stat().st_mode & stat.S_ISGID
    return 0o640 if group_folder else 0o644


def withdraw_summary(workbook: Workbook, folder: Path) -> bool:
    """Remove this participant's shared summary again; True when there was one."""
    saved = workbook.get_profile(SUMMARY_ID_KEY)
    if not (isinstance(saved, str) and SUMMARY_ID.match(saved)):
        return False
    target = Path(folder) / f"{saved}.json"
    if not target.exists():
        return False
    target.unlink()
    return True


def shared_on(workbook: Workbook, folder: Path) -> date | None:
    """The day this participant's summary in ``folder`` was made (its ``made_on``), or
    None when none of theirs is there (never shared, taken back, or removed)."""
    saved = workbook.get_profile(SUMMARY_ID_KEY)
    if not (isinstance(saved, str) and SUMMARY_ID.match(saved)):
        return None
    try:
        data = json.loads((Path(folder) / f"{saved}.json").read_text(encoding="utf-8"))
        return date.fromisoformat(str(data["made_on"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def goal_label(kind: str) -> str:
    """A summary's ``goal_kind`` code as its label ("better_known" → "Better known")."""
    return GoalKind(kind).label if kind in set(GoalKind) else kind.capitalize()


def _mix_in_words(layers: Mapping[str, int]) -> str:
    weak = sorted_share(layers, WEAK)
    if weak is None:
        return "Weaker ties: none of your people has a closeness yet."
    dormant = sorted_share(layers, (TieStrength.DORMANT,)) or 0.0
    return (f"Weaker ties: {weak:.0%} of the people you gave a closeness; dormant ties: "
            f"{dormant:.0%}.")
