"""The sample participant written into a workbook file: what "start from the sample",
``networking-kit demo`` and the tests use.

``samples`` makes the synthetic people and goal as plain data; this module is the one place
they are saved, so the domain never touches the store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from networking_kit.samples import SAMPLE_PARTICIPANT, load_sample_contacts, sample_goal
from networking_kit.steps.checkin import record_baseline
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import load_goal, make_plan, save_goal
from networking_kit.vocab import Source, TieStrength


def use_sample(workbook: Workbook, today: date | None = None) -> int:
    """Fill an empty workbook with the sample contacts; returns how many were added.

    A workbook that already holds the participant's own contacts is left alone, so
    choosing the sample can never mix strangers into a real network.
    """
    if workbook.count_contacts():
        return 0
    frame = load_sample_contacts(today)
    workbook.save_contacts(frame)
    return len(frame)


def drop_sample(workbook: Workbook) -> int:
    """Remove the sample contacts (and only those); returns how many were removed."""
    contacts = workbook.load_contacts()
    sample_ids = contacts.loc[contacts["source"] == Source.SAMPLE, "contact_id"].tolist()
    return workbook.delete_contacts(sample_ids) if sample_ids else 0


def make_sample_workbook(path: Path, today: date | None = None) -> Workbook:
    """A complete workbook for the sample participant: contacts, goal, census, follow-ups.

    What ``networking-kit demo`` exports, and what the plan's tests read.
    """
    today = today or date.today()
    workbook = open_workbook(path)
    workbook.set_profile("participant_name", SAMPLE_PARTICIPANT)
    workbook.set_profile("start_mode", "sample")
    use_sample(workbook, today)
    save_goal(workbook, sample_goal(today))
    contacts = workbook.load_contacts()
    inner = contacts["strength"].isin([TieStrength.CLOSEST, TieStrength.CLOSE])
    closest = contacts.loc[inner, "contact_id"]
    census = closest.head(8).tolist()
    workbook.set_profile("census", census)
    for a, b in zip(census[::3], census[1::3], strict=False):
        workbook.set_tie(a, b)
    plan_sample_followups(workbook, today)
    return workbook


def plan_sample_followups(workbook: Workbook, today: date) -> None:
    """Plan the sample participant's follow-ups as step 3 does when it opens."""
    make_plan(workbook, today, load_goal(workbook))
    record_baseline(workbook, today)
