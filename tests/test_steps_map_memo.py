"""Step 2's kept values (``steps.map_memo``): after every kind of step-2 action, what the
session keeps or works out again in part must equal what a fresh session works out from
the file, and a value must be kept exactly when the action did not touch what it reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from networking_kit.contacts import normalise_contacts
from networking_kit.fields import field_candidates
from networking_kit.goals import Goal, GoalKind
from networking_kit.steps.map import MapSession
from networking_kit.store import Workbook
from networking_kit.store.records import save_goal

TODAY = date(2026, 11, 1)
TARGET = "fintech"


def fresh(workbook: Workbook) -> MapSession:
    return MapSession(workbook, TODAY)


@pytest.fixture
def session(workbook: Workbook) -> MapSession:
    """The sample participant with a goal and a census of four, every view worked out."""
    save_goal(workbook, Goal(kind=GoalKind.BETTER_CONNECTED, targets=[TARGET]))
    started = fresh(workbook)
    assert started.use_sample() > 100
    started.set_census(started.census_default()[:4])
    views(started)
    return started


def views(one: MapSession) -> dict[str, object]:
    """Everything step 2's page shows from the session."""
    return {
        "count": one.count_sentence(), "layers": one.layers(),
        "composition": one.composition("context"), "metrics": one.metrics(),
        "gaps": one.gaps(), "summary": one.summary_lines(),
        "fields": one.field_candidates(TARGET), "candidates": one.census_candidates(),
        "circles": one.circles_in_words(), "guesses": one.guessed_ties(),
        "duplicates": one.possible_duplicates(), "counts": one.network_counts(),
    }


def ids(session: MapSession) -> list[str]:
    return session.contacts["contact_id"].astype(str).tolist()


def not_close(session: MapSession) -> list[str]:
    contacts = session.contacts
    return contacts.loc[~contacts["strength"].isin(["closest", "close"]),
                        "contact_id"].astype(str).tolist()


# Every kind of step-2 action that changes what the page shows, as the page calls it.
ACTIONS: dict[str, Callable[[MapSession], object]] = {
    "add by hand": lambda s: s.add_person("Quincy Newcomer"),
    "add by hand, close, with a field": lambda s: s.add_person(
        "Rosa Fieldwise", strength="close", context="client", field=TARGET),
    "sort one": lambda s: s.edit_contact(ids(s)[3], strength="dormant"),
    "sort many by closeness": lambda s: s.sort_many(ids(s)[10:35], strength="known"),
    "sort many by where from": lambda s: s.sort_many(ids(s)[40:65], context="client"),
    "trust": lambda s: s.edit_contact(ids(s)[5], trust="high"),
    "an organisation": lambda s: s.edit_contact(ids(s)[7], company="Ledgerline Payments"),
    "a job title": lambda s: s.edit_contact(ids(s)[8], position="Fintech product lead"),
    "a census pair": lambda s: s.set_pair(s.census_members()[0], s.census_members()[1]),
    "a pair that do not": lambda s: s.set_pair(s.census_members()[1], s.census_members()[2],
                                               know_each_other=False),
    "the census choice": lambda s: s.set_census(s.census_default()[:3]),
    "a guess rejected": lambda s: s.reject_tie(s.census_members()[-2],
                                               s.census_members()[-1]),
    "a field set": lambda s: s.set_field(
        TARGET, [str(s.contacts["company"].dropna().iloc[0])]),
    "the field undone": lambda s: (s.set_field(
        TARGET, [str(s.contacts["company"].dropna().iloc[1])]), s.undo_set_field()),
    "kept apart": lambda s: s.keep_apart(*ids(s)[20:22]),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_view_after_an_action_is_what_a_fresh_session_works_out(
        session: MapSession, action: str) -> None:
    ACTIONS[action](session)
    kept = views(session)
    assert kept == views(fresh(session.workbook))
    ACTIONS["sort one"](session)  # and again after a sort on top of it
    assert views(session) == views(fresh(session.workbook))


def test_a_run_of_every_action_stays_what_a_fresh_session_works_out(
        session: MapSession) -> None:
    for name, act in ACTIONS.items():
        act(session)
        assert views(session) == views(fresh(session.workbook)), name


def test_a_sort_keeps_the_counts_that_read_no_closeness(session: MapSession) -> None:
    """Kept means the very same object: nothing was counted again."""
    before = session.network_counts()
    metrics = {m.key: m for m in session.metrics()}
    assert session.sort_many(not_close(session)[:5], strength="close") == 5
    after = session.network_counts()
    for counts in ("sector", "company", "context"):
        assert getattr(after, counts) is getattr(before, counts), counts
    assert after.strength["close"] == before.strength["close"] + 5
    now = {m.key: m for m in session.metrics()}
    assert now["layers"] != metrics["layers"]  # five more close
    brokerage = next(k for k in now if k.startswith("brokerage"))
    assert now[brokerage] is metrics[brokerage]


def test_an_add_counts_the_added_person_alone(session: MapSession,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts follow an add without reading the other rows again: the row-by-row
    readings are asked for the new row only."""
    session.network_counts()
    asked: list[int] = []
    read = MapSession._tally

    def spy(self: MapSession, key: str, values: Callable[[list[int] | None], pd.Series],
            reads: frozenset[str]) -> object:
        def counted(rows: list[int] | None) -> pd.Series:
            asked.append(len(self.contacts) if rows is None else len(rows))
            return values(rows)

        return read(self, key, counted, reads)

    monkeypatch.setattr(MapSession, "_tally", spy)
    assert session.add_person("Ulla Counted", strength="close", context="client",
                              field=TARGET).added
    counts = session.network_counts()
    assert asked == [1, 1, 1, 1]
    assert counts.sector[TARGET] >= 1
    assert counts.total == len(session.contacts)
    monkeypatch.undo()
    assert counts == fresh(session.workbook).network_counts()


def test_what_an_edit_touches_is_worked_out_again(session: MapSession) -> None:
    sector = next(m for m in session.metrics() if m.key == "concentration")
    fields = session.field_candidates(TARGET)
    session.edit_contact(ids(session)[0], company="Quillfeather Bank")
    assert next(m for m in session.metrics() if m.key == "concentration") is not sector
    assert session.field_candidates(TARGET) is not fields
    gaps = session.gaps()
    session.sort_many(ids(session)[:3], context="community")
    assert session.gaps() is gaps  # the gaps read no where-from
    session.sort_many(ids(session)[:3], strength="dormant")
    assert session.gaps() is not gaps


def test_a_quick_add_keeps_the_field_checklist_and_the_census_number(
        session: MapSession) -> None:
    """Someone added by hand has no organisation or job title: the checklist (which
    counts only those) is kept, and so is the brokerage number (ties only); the numbers
    that count people are worked out again."""
    fields = session.field_candidates(TARGET)
    before = {m.key: m for m in session.metrics()}
    before_fields = session.network_counts().sector[TARGET]
    assert session.add_person("Tomas Plainname", strength="close", field=TARGET).added
    assert session.field_candidates(TARGET) is fields
    after = {m.key: m for m in session.metrics()}
    brokerage = next(k for k in after if k.startswith("brokerage"))
    assert after[brokerage] is before[brokerage]
    assert after["layers"] != before["layers"]
    assert session.network_counts().sector[TARGET] == before_fields + 1
    # Once they have an organisation, the checklist is read again.
    added = session.contacts["contact_id"].iloc[-1]
    session.edit_contact(str(added), company="Ledgerline Payments")
    assert session.field_candidates(TARGET) is not fields
    assert views(session) == views(fresh(session.workbook))


def test_a_census_change_reads_the_ties_again(session: MapSession) -> None:
    before = next(m for m in session.metrics() if m.key == "brokerage")
    first, second = session.census_members()[:2]
    session.set_pair(first, second, know_each_other=(first, second) not in session.ties)
    assert next(m for m in session.metrics() if m.key == "brokerage") != before


def test_people_appended_with_an_organisation_make_the_checklist_again(
        session: MapSession) -> None:
    """The memo's own rule, below the quick add (which never brings an organisation): a
    person appended with one is counted by the checklist, so it is worked out again."""
    fields = session.field_candidates(TARGET)
    company = str(session.contacts["company"].dropna().iloc[0])
    frame = normalise_contacts(pd.DataFrame([
        {"name": f"Appended Person{n}", "company": company} for n in range(3)]),
        source="manual")
    session._append(frame)  # what add_person does after its INSERT
    assert session.field_candidates(TARGET) is not fields
    assert session.field_candidates(TARGET) == field_candidates(session.contacts, TARGET)


def test_the_census_offer_is_kept_unless_a_change_can_move_it(session: MapSession) -> None:
    """Someone added or sorted who is not close enough to ask, and was not offered, cannot
    change whom the census offers: the very same offer is kept. Sorting someone offered,
    or making someone close, works it out again."""
    offered = session.census_candidates()
    assert session.add_person("Vera Distant", strength="known").added
    outside = [c for c in not_close(session) if c not in offered]
    session.sort_many(outside[:5], strength="dormant")
    assert session.census_candidates() is offered
    session.edit_contact(outside[5], strength="close")
    assert session.census_candidates() is not offered
    assert outside[5] in session.census_candidates()
    again = session.census_candidates()
    session.edit_contact(next(iter(again)), strength="known")
    assert session.census_candidates() is not again
    assert views(session) == views(fresh(session.workbook))


def test_the_rows_token_moves_only_when_rows_may_have_changed(session: MapSession) -> None:
    """Adds, sorts and ties keep the token (a picture then reads the added rows alone);
    a name edited, or another kind of change, gives a new one, never an old one."""
    token = session.rows_token()
    assert session.add_person("Wanda Appended").added
    session.sort_many(ids(session)[:4], strength="known")
    session.set_pair(session.census_members()[0], session.census_members()[1])
    assert session.rows_token() == token
    session.edit_contact(ids(session)[2], name="Renamed Person")
    renamed = session.rows_token()
    assert renamed != token
    assert session.rows_token() == renamed
    session.keep_apart(*ids(session)[20:22])  # not an add or an edit: a new one
    assert session.rows_token() not in (token, renamed)
    assert fresh(session.workbook).rows_token() not in (token, renamed)
