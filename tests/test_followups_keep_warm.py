"""Keep-warm readings kept between clicks (``followups.keep_warm``): brought up to date
row by row, they must equal a reading of the whole map made afresh (issue 11)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from followup_data import TODAY, people
from hypothesis import given, settings
from hypothesis import strategies as st

from networking_kit.followups import Cadence, Cadences, RoughContact, suggest_actions
from networking_kit.followups.cadences import name_order, name_order_extended
from networking_kit.followups.keep_warm import (
    STATES,
    keep_warm_status,
    warm_base,
    with_appended,
    with_last_contacts,
    with_rhythms,
)
from networking_kit.followups.suggestions import KEEP_WARM_BOOST, SUGGESTION_LIMITS
from networking_kit.gaps import GapReport
from networking_kit.settings import DUNBAR_LAYERS
from networking_kit.vocab import (
    INNER,
    ActionKind,
    KeepWarmStatus,
    LastInTouch,
    TieStrength,
)

STRENGTHS = [None, *(s.value for s in TieStrength)]
DAYS = st.one_of(st.none(), st.integers(0, 800))
NAMES = st.sampled_from([None, "Ann", "Bo", "Mia", "Zed", "ann", "Émile"])


@st.composite
def person(draw: st.DrawFn) -> dict[str, object]:
    last, connected = draw(DAYS), draw(DAYS)
    return {"name": draw(NAMES), "strength": draw(st.sampled_from(STRENGTHS)),
            "last_contact": None if last is None else TODAY - timedelta(days=last),
            "connected_on": None if connected is None else TODAY - timedelta(days=connected)}


@st.composite
def map_and_rhythms(draw: st.DrawFn, most: int = 25) -> tuple[pd.DataFrame, Cadences]:
    rows = draw(st.lists(person(), min_size=1, max_size=most))
    contacts = _unique(people(*rows))
    ids = contacts["contact_id"].astype(str).tolist()
    chosen = st.lists(st.sampled_from([*ids, "not-in-the-map"]), max_size=4)
    cadences = Cadences()
    for cid in draw(chosen):
        cadences.people[cid] = Cadence(draw(st.integers(1, 40)), 60)
    for cid in draw(chosen):
        cadences.rough[cid] = RoughContact(draw(st.sampled_from(list(LastInTouch))),
                                           TODAY - timedelta(days=draw(st.integers(0, 90))))
    return contacts, cadences


def _unique(contacts: pd.DataFrame, taken: pd.Series | None = None) -> pd.DataFrame:
    """The rows with an id of their own, as the workbook keeps them (two people with
    no name are given the same id by the tidying this file's tables go through)."""
    fresh = ~contacts["contact_id"].duplicated()
    if taken is not None:
        fresh &= ~contacts["contact_id"].isin(taken)
    return contacts[fresh].reset_index(drop=True)


def _moved(contacts: pd.DataFrame, positions: list[int], day: date) -> pd.DataFrame:
    moved = contacts.copy()
    column = moved.columns.get_loc("last_contact")
    for at in positions:
        moved.iat[at, column] = pd.Timestamp(day)
    return moved


@settings(max_examples=40, deadline=None)
@given(map_and_rhythms(), st.data())
def test_last_contacts_moved_row_by_row_read_as_the_whole_map_again(drawn, data) -> None:
    """A logged call or a tick moves a few last contacts: the kept reading with only those
    rows read again gives the table, counts and statuses of the whole map read afresh.
    A reading that forgot to read a moved row (or read the wrong one) fails."""
    contacts, cadences = drawn
    kept = warm_base(contacts, TODAY, name_order(contacts))
    positions = data.draw(st.lists(st.integers(0, len(contacts) - 1), max_size=3))
    day = TODAY - timedelta(days=data.draw(st.integers(0, 400)))
    moved = _moved(contacts, positions, day)
    warm = with_rhythms(with_last_contacts(kept, moved, positions), cadences)
    fresh = keep_warm_status(moved, TODAY, cadences)
    pd.testing.assert_frame_equal(warm.table(), fresh)
    counts = fresh["status"].value_counts()
    assert warm.counts() == {s: int(counts.get(s.value, 0)) for s in KeepWarmStatus}
    by_id = dict(zip(fresh["contact_id"], fresh["status"], strict=True))
    for cid in contacts["contact_id"].astype(str):
        expected = by_id.get(cid)
        assert warm.status_of(cid) == (None if expected is None else KeepWarmStatus(expected))


@settings(max_examples=40, deadline=None)
@given(map_and_rhythms(), st.lists(person(), min_size=1, max_size=4))
def test_people_appended_are_read_as_the_whole_map_again(drawn, new_rows) -> None:
    """An event appends the people met: the kept reading extended with their rows (and
    the order by name extended) is the whole map's reading afresh."""
    contacts, cadences = drawn
    added = _unique(people(*new_rows), contacts["contact_id"])
    both = pd.concat([contacts, added.astype(contacts.dtypes)], ignore_index=True)
    kept = warm_base(contacts, TODAY, name_order(contacts))
    names = name_order_extended(kept.rank, both)
    warm = with_rhythms(with_appended(kept, both, names), cadences)
    pd.testing.assert_frame_equal(warm.table(), keep_warm_status(both, TODAY, cadences))


def _by_sorting_everyone(table: pd.DataFrame, rows: pd.Series, n: int) -> list[str]:
    """The reference order of the keep-warm suggestions: every chosen row sorted by its
    boost (closest and overdue first), then the most overdue for the rhythm, then by id."""
    chosen = table[rows.to_numpy()]
    boost = chosen["strength"].map(KEEP_WARM_BOOST).fillna(0) + 8 * (
        chosen["status"] == KeepWarmStatus.OVERDUE.value)
    over = chosen["overdue_ratio"].fillna(-np.inf)
    ordered = chosen.assign(_b=-boost, _o=-over).sort_values(["_b", "_o", "contact_id"])
    return ordered["contact_id"].head(n).tolist()


@settings(max_examples=40, deadline=None)
@given(map_and_rhythms(most=60))
def test_keep_warm_suggestions_are_the_first_of_everyone_sorted(drawn) -> None:
    """``suggest_actions`` picks its keep-warm touches from the kept arrays: they must be
    the first of the whole table sorted afresh (late ones, then the closest layers)."""
    contacts, cadences = drawn
    table = keep_warm_status(contacts, TODAY, cadences)
    late = table["status"].isin([KeepWarmStatus.DUE.value, KeepWarmStatus.OVERDUE.value]) & (
        table["strength"] != TieStrength.DORMANT.value)
    inner = ~late & table["strength"].isin([s.value for s in INNER])
    expected = (_by_sorting_everyone(table, late, SUGGESTION_LIMITS[ActionKind.KEEP_WARM])
                + _by_sorting_everyone(table, inner, DUNBAR_LAYERS[TieStrength.CLOSE]))
    gaps = GapReport([], [], [], [], [])
    warm = with_rhythms(warm_base(contacts, TODAY), cadences)
    actions = suggest_actions(contacts, None, [], gaps, TODAY, cadences, TODAY, {}, [],
                              warm, gives=[])
    touches = [a.contact_ids[0] for a in actions if a.kind is ActionKind.KEEP_WARM]
    assert touches == expected
    assert len(STATES) == len(KeepWarmStatus)
