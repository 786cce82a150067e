"""The second sample: a consultant's LinkedIn export (names, organisation, job title, date
connected) and a goal naming pharma and health tech. Steps 2 and 3 must read well on it
without a field typed per person (issue 15, "Done when")."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from networking_kit.followups import keep_warm_status, suggest_actions
from networking_kit.gaps import find_gaps
from networking_kit.samples_consultant import (
    CONSULTANT_SIZE,
    consultant_contacts,
    consultant_goal,
)
from networking_kit.vocab import ASKABLE, INNER, ActionKind, KeepWarmStatus, TieStrength

TODAY = date(2026, 11, 30)
GIVES = (ActionKind.INTRODUCE, ActionKind.REFERRAL, ActionKind.SHARE)


@pytest.fixture(scope="module")
def contacts() -> pd.DataFrame:
    return consultant_contacts(TODAY)


def test_the_sample_holds_only_what_a_linkedin_export_gives(contacts: pd.DataFrame) -> None:
    assert len(contacts) == CONSULTANT_SIZE
    assert contacts["contact_id"].is_unique
    for column in ("last_contact", "tags", "notes", "can_help_with", "i_can_offer",
                   "email", "phone"):
        assert contacts[column].isna().all(), column
    assert contacts["company"].notna().all()
    assert contacts["position"].notna().all()
    assert contacts["connected_on"].notna().all()
    assert (contacts["connected_on"] < pd.Timestamp(TODAY)).all()
    strength = contacts["strength"].astype("object")
    assert 40 <= strength.notna().sum() <= 60
    assert (strength == TieStrength.CLOSEST.value).sum() == 2
    in_field = contacts["company"].isin(["Novartis", "Roche", "Sanofi", "Bayer",
                                         "Siemens Healthineers"]).sum()
    assert 50 <= in_field <= 60


def test_the_same_people_every_time() -> None:
    assert consultant_contacts(TODAY).equals(consultant_contacts(TODAY))


def test_gap_reading_finds_the_organisations_of_the_goal_s_field(
        contacts: pd.DataFrame) -> None:
    report = find_gaps(contacts, consultant_goal(TODAY), today=TODAY)
    by_target = {c.target: c for c in report.coverage}
    assert report.missing == []
    pharma = by_target["pharma"]
    # Novartis, Roche, Sanofi and Bayer say nothing of pharma in their names.
    for organisation in ("Novartis", "Roche", "Sanofi"):
        assert f"at {organisation}" in pharma.counted
    assert pharma.count >= 46
    assert "Siemens Healthineers" in by_target["health tech"].counted
    assert by_target["health tech"].count >= 8
    # Each gap line says what it counted.
    assert all("Counted:" in c.sentence for c in report.coverage)


def test_keep_in_touch_includes_every_closest_and_close_person(contacts: pd.DataFrame) -> None:
    status = keep_warm_status(contacts, TODAY)
    inner = contacts.loc[contacts["strength"].isin([s.value for s in INNER]), "contact_id"]
    assert len(inner) == 10
    assert not (status["status"] == KeepWarmStatus.NO_DATE.value).any()
    plan = suggest_actions(contacts, consultant_goal(TODAY), today=TODAY)
    kept_warm = {c for a in plan if a.kind is ActionKind.KEEP_WARM for c in a.contact_ids}
    assert set(inner) <= kept_warm


def test_no_introduction_through_someone_to_a_person_already_close(
        contacts: pd.DataFrame) -> None:
    strength = contacts["strength"].astype("object")
    close = contacts.loc[strength.isin([s.value for s in ASKABLE]), "contact_id"].tolist()
    names = dict(zip(contacts["contact_id"], contacts["name"], strict=True))
    # Every close person knows every other: the census could say so.
    ties = [(a, b) for i, a in enumerate(close) for b in close[i + 1:]]
    report = find_gaps(contacts, consultant_goal(TODAY), ties, today=TODAY)
    assert report.introductions
    for ask in report.introductions:
        for other in close:
            assert f"know {names[other]}" not in ask.reason


def test_give_first_ideas_outnumber_catch_ups(contacts: pd.DataFrame) -> None:
    plan = suggest_actions(contacts, consultant_goal(TODAY), today=TODAY)
    gives = [a for a in plan if a.kind in GIVES]
    catch_ups = [a for a in plan if a.kind is ActionKind.CATCH_UP]
    assert len(gives) >= 2
    assert len(gives) > len(catch_ups)
    assert all(a.why.strip() for a in plan)
