"""The closed vocabularies: every word has a label, and stored values never change."""

from __future__ import annotations

from enum import StrEnum

import pytest

from networking_kit import vocab
from networking_kit.vocab import (
    ASKABLE,
    INNER,
    WEAK,
    ActionGroup,
    ActionKind,
    ActionStatus,
    BackupReason,
    Context,
    GoalKind,
    KeepWarmStatus,
    LastInTouch,
    Source,
    TieStrength,
    Trust,
)

VOCABULARIES: tuple[type[StrEnum], ...] = (
    TieStrength, Context, Trust, Source, GoalKind, ActionGroup, ActionKind, ActionStatus,
    KeepWarmStatus, LastInTouch, BackupReason)

# The values workbook files, cohort summaries and calendar files already hold: changing
# one would make every older file read differently, so they are spelt out here once more.
STORED = {
    TieStrength: ["closest", "close", "regular", "known", "acquaintance", "dormant"],
    Context: ["work_inside", "work_outside", "former_colleague", "alumni", "client",
              "community", "family_friends", "online", "other"],
    Trust: ["high", "some", "not_yet"],
    Source: ["linkedin", "google", "outlook", "vcard", "generic", "manual", "event", "sample"],
    GoalKind: ["better_known", "better_equipped", "better_connected"],
    ActionGroup: ["give", "keep", "goal", "event", "check_in"],
    ActionKind: ["introduce", "referral", "share", "catch_up", "keep_warm", "venue_visit",
                 "ask_introduction", "profile_task", "event_follow_up", "check_in"],
    ActionStatus: ["planned", "accepted", "skipped", "done", "dropped"],
    KeepWarmStatus: ["on track", "due", "overdue", "no date"],
    LastInTouch: ["this month", "this year", "longer ago", "never really"],  # in the profile
    BackupReason: ["daily", "import", "restore", "combine"],  # in backup file names
}


def test_every_vocabulary_of_the_module_is_checked_here() -> None:
    found = {value for value in vars(vocab).values()
             if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum}
    assert found == set(VOCABULARIES) == set(STORED)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_stored_values_are_unchanged(vocabulary: type[StrEnum]) -> None:
    assert [member.value for member in vocabulary] == STORED[vocabulary]
    assert all(str(member) == member.value for member in vocabulary)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_member_has_its_own_plain_label(vocabulary: type[StrEnum]) -> None:
    labels = [member.label for member in vocabulary]  # type: ignore[attr-defined]
    assert all(isinstance(label, str) and label.strip() == label and label for label in labels)
    assert len(set(labels)) == len(labels)
    # A label is words for a person, never the code it stands for.
    assert not {label for label in labels if "_" in label}


def test_closeness_short_names_are_the_start_of_their_label_and_distinct() -> None:
    shorts = [s.short_label for s in TieStrength]
    assert shorts == ["Closest", "Close", "In regular touch", "Know each other", "Acquaintance",
                      "Dormant"]
    assert all(s.label.startswith(s.short_label + " — ") for s in TieStrength)


def test_askable_inner_and_weak_ties_are_the_layers_the_workshop_names() -> None:
    assert INNER == (TieStrength.CLOSEST, TieStrength.CLOSE)
    assert ASKABLE == (TieStrength.CLOSEST, TieStrength.CLOSE, TieStrength.REGULAR)
    assert WEAK == (TieStrength.KNOWN, TieStrength.ACQUAINTANCE)
    assert [s for s in TieStrength if s.askable] == list(ASKABLE)
    assert [s for s in TieStrength if s.inner] == list(INNER)
    assert not set(ASKABLE) & set(WEAK)
    assert TieStrength.DORMANT not in (*ASKABLE, *WEAK)


def test_every_action_kind_has_a_group_and_every_group_a_kind() -> None:
    groups = {kind: kind.group for kind in ActionKind}
    assert set(groups) == set(ActionKind)
    assert set(groups.values()) == set(ActionGroup)
    # The case that once disagreed between modules: an event's follow-up is its own group.
    assert ActionKind.EVENT_FOLLOW_UP.group is ActionGroup.AFTER_EVENT
    assert [k for k in ActionKind if k.group is ActionGroup.GIVE_FIRST] == [
        ActionKind.INTRODUCE, ActionKind.REFERRAL, ActionKind.SHARE, ActionKind.CATCH_UP]
    assert [k for k in ActionKind if k.group is ActionGroup.GOAL] == [
        ActionKind.VENUE_VISIT, ActionKind.ASK_INTRODUCTION, ActionKind.PROFILE_TASK]


def test_which_kinds_are_dated_and_which_are_touches() -> None:
    assert {k for k in ActionKind if k.dated} == {
        ActionKind.VENUE_VISIT, ActionKind.EVENT_FOLLOW_UP, ActionKind.CHECK_IN}
    assert {k for k in ActionKind if k.touch} == {
        ActionKind.KEEP_WARM, ActionKind.CATCH_UP, ActionKind.EVENT_FOLLOW_UP}


def test_open_and_decided_statuses() -> None:
    assert {s for s in ActionStatus if s.open} == {ActionStatus.PLANNED, ActionStatus.ACCEPTED}
    assert {s for s in ActionStatus if s.decided} == {
        ActionStatus.ACCEPTED, ActionStatus.SKIPPED, ActionStatus.DONE}


@pytest.mark.parametrize(("stored", "label"), [
    ("generic", "A spreadsheet"),
    ("import", "A spreadsheet"),  # a generic table's source before vocab existed
    (" LinkedIn ", "LinkedIn"),
    ("event", "Met at an event"),
    ("manual", "Added by hand"),
    ("carrier pigeon", "Somewhere else"),
    ("", "Somewhere else"),
    (None, "Somewhere else"),
    (float("nan"), "Somewhere else"),
])
def test_source_label_of_reads_older_and_unknown_values(stored: object, label: str) -> None:
    assert Source.label_of(stored) == label


def test_source_read_maps_older_spellings_to_what_they_mean_now() -> None:
    assert Source.read("import") is Source.GENERIC
    assert Source.read(Source.VCARD) is Source.VCARD
    assert Source.read("nonsense") is None
    assert Source.read(None) is None
    assert set(vocab.OLDER_SOURCES).isdisjoint(STORED[Source])
