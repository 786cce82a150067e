"""The ranked lists of the gaps report (re-warm, introductions), read from column codes."""

from __future__ import annotations

import dataclasses

from map_data import TODAY, goal_of, small_map

from networking_kit.gaps import find_gaps


def _plain(report: object) -> dict[str, object]:
    return dataclasses.asdict(report)  # type: ignore[call-overload]


def test_a_table_without_categories_ranks_the_same_as_the_canonical_one() -> None:
    # Vocabulary columns are read from their category codes; a plain table (as a caller
    # may build) goes through the other path and must give the same report.
    contacts = small_map()
    ids = dict(zip(contacts["name"], contacts["contact_id"], strict=True))
    ties = [(ids["Pia Price"], ids["Fay Fin"])]
    plain = contacts.astype({"strength": "object", "trust": "object"})
    for kind in ("better_connected", "better_equipped", "better_known"):
        goal = goal_of(kind, ["fintech", "banking"])
        canonical = find_gaps(contacts, goal, ties, TODAY)
        assert canonical.rewarm
        assert canonical.introductions
        assert _plain(find_gaps(plain, goal, ties, TODAY)) == _plain(canonical)


def test_a_filtered_table_is_read_by_position_not_by_label() -> None:
    # A caller may pass a slice of the map (its labels no longer 0..n-1).
    contacts = small_map()
    sliced = contacts.iloc[1:]
    goal = goal_of("better_connected", ["fintech"])
    report = find_gaps(sliced, goal, today=TODAY)
    again = find_gaps(sliced.reset_index(drop=True), goal, today=TODAY)
    assert _plain(report) == _plain(again)
    assert [r.name for r in report.rewarm] == ["Old Pal"]
