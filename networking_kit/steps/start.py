"""The welcome page's session (``00_start_here``): the participant's name and how they
begin, each one saved action.

Choosing how to begin writes the choice *and* fills (or empties) the map with the sample
participant's contacts: one transaction, so a failure half-way leaves neither.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

from networking_kit import progress
from networking_kit.network import plural
from networking_kit.steps._session import Change, StepSession
from networking_kit.steps.sample import drop_sample, use_sample
from networking_kit.store import Workbook, open_workbook

NAME_KEY = "participant_name"
START_KEY = "start_mode"


class StartMode(StrEnum):
    """How a participant begins: on the sample participant's contacts, or their own."""

    SAMPLE = "sample"
    EMPTY = "empty"

    @property
    def label(self) -> str:
        return {StartMode.SAMPLE: "Practise with the sample participant's contacts (you can "
                                  "switch later)",
                StartMode.EMPTY: "Start with an empty map and bring in my own contacts",
                }[self]


class StartSession(StepSession):
    """Name, how they begin, and how many contacts the workbook holds, kept in memory."""

    def __init__(self, workbook: Workbook, today: date | None = None) -> None:
        super().__init__(workbook, today)
        self.name, self.mode, self.contacts = self._read()

    @classmethod
    def open(cls, workbook: Workbook | None = None, today: date | None = None) -> StartSession:
        """A session on ``workbook``, or on the participant's own file when None."""
        return cls(workbook if workbook is not None else open_workbook(), today)

    def _read(self) -> tuple[str, StartMode | None, int]:
        name = self.workbook.get_profile(NAME_KEY, "") or ""
        try:
            mode = StartMode(self.workbook.get_profile(START_KEY))
        except ValueError:
            mode = None
        return str(name), mode, self.workbook.count_contacts()

    def _reload(self) -> set[Change]:
        name, mode, contacts = self._read()
        changed: set[Change] = set()
        if (name, mode) != (self.name, self.mode):
            changed.add(Change.PROFILE)
        if contacts != self.contacts:
            changed.add(Change.CONTACTS)
        self.name, self.mode, self.contacts = name, mode, contacts
        return changed

    @property
    def path(self) -> Path:
        """Where the workbook file is kept on this computer."""
        return self.workbook.path

    def set_name(self, name: str) -> None:
        """The participant's name (spaces around it dropped)."""
        name = name.strip()
        with self._action(Change.PROFILE):
            self.workbook.set_profile(NAME_KEY, name)
            self.name = name

    def choose_start(self, mode: StartMode | str) -> str:
        """Begin on the sample's contacts (added only to a workbook with no contacts, so
        strangers never mix into a real network) or on an empty map (the sample's contacts,
        and only those, are removed). Saves the choice and the contacts together; returns
        the sentence that says what happened."""
        chosen = StartMode(mode)
        with self._action(Change.PROFILE, Change.CONTACTS):
            self.workbook.set_profile(START_KEY, chosen.value)
            if chosen is StartMode.SAMPLE:
                added = use_sample(self.workbook, self.today)
                note = (f"Saved. {plural(added, 'sample contact')} are ready to practise on."
                        if added else
                        "Saved. Your workbook already has contacts, so no sample was added.")
            else:
                removed = drop_sample(self.workbook)
                note = (f"Saved. The {plural(removed, 'sample contact')} were removed; your "
                        "map is ready for your own." if removed else
                        "Saved. Your map is ready for your own contacts.")
            contacts = self.workbook.count_contacts()
            self.mode, self.contacts = chosen, contacts
        return note

    def start_done(self) -> bool:
        """Whether the welcome page is done (``progress.start_done``)."""
        return progress.start_done(self.name, self.mode)
