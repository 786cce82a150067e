"""The venue catalogue, its ranking for a goal and style, and planned commitments."""

from __future__ import annotations

import json
from datetime import date

from networking_kit.goal_style import Setting, Style, TieStyle
from networking_kit.goals import GoalKind
from networking_kit.venues import Commitment, check_commitment, load_venue_catalogue, rank_venues

TODAY = date(2026, 11, 1)
KNOWN, EQUIPPED, CONNECTED = (GoalKind.BETTER_KNOWN, GoalKind.BETTER_EQUIPPED,
                              GoalKind.BETTER_CONNECTED)


def test_catalogue_covers_the_kinds_of_venue_the_workshop_teaches() -> None:
    catalogue = load_venue_catalogue()
    assert len({v.id for v in catalogue}) == len(catalogue)
    kinds = {v.kind for v in catalogue}
    for needed in ("professional association", "meet-up", "conference", "alumni group",
                   "mentoring", "volunteering", "online community", "writing",
                   "starting a group"):
        assert needed in kinds
    for venue in catalogue:
        assert venue.serves
        assert venue.fits
        assert venue.visit_target
        assert venue.in_person or venue.online
        assert set(venue.serves) == set(venue.why)  # a reason for every goal it serves


def test_catalogue_can_come_from_an_edited_file(tmp_path) -> None:
    edited = tmp_path / "venues.json"
    edited.write_text(json.dumps({"venues": [{
        "id": "book_club", "name": "A book club", "kind": "club",
        "serves": {"better_equipped": 2}, "in_person": True, "hours_per_month": 2,
        "fits": ["deep_ties"], "why": {"better_equipped": "You read and talk."}}]}))
    (venue,) = load_venue_catalogue(str(edited))
    assert venue.id == "book_club"
    assert venue.every_weeks == 3
    assert [s.venue.id for s in rank_venues(EQUIPPED, Style(), [venue])] == ["book_club"]
    assert rank_venues(KNOWN, Style(), [venue]) == []


def _order(kind: GoalKind, **style: object) -> list[str]:
    return [s.venue.id for s in rank_venues(kind, Style(**style))]


def test_ranking_only_lists_venues_that_serve_the_goal() -> None:
    ids = _order(KNOWN)
    assert "mentoring" not in ids
    assert "former_colleagues" not in ids
    assert "writing" in ids
    assert _order(KNOWN) == ids  # deterministic


def test_ranking_changes_with_style() -> None:
    connector = _order(EQUIPPED, ties=TieStyle.CONNECTOR, hours_per_week=5.0)
    deep = _order(EQUIPPED, ties=TieStyle.DEEP_TIES, hours_per_week=5.0)
    assert connector != deep
    # Mentoring suits deep ties, the conference suits connectors.
    assert deep.index("mentoring") < connector.index("mentoring")
    assert connector.index("conference") < deep.index("conference")


def test_ranking_changes_with_time() -> None:
    plenty = _order(CONNECTED, hours_per_week=5.0)
    little = _order(CONNECTED, hours_per_week=0.5)
    assert plenty != little
    # 8 hours a month against about 2 available: the conference drops below the
    # association and volunteering, which it ties with when time is plentiful.
    assert plenty.index("conference") < plenty.index("volunteering")
    assert little.index("conference") > little.index("volunteering")
    assert little.index("conference") > plenty.index("conference")


def test_ranking_changes_with_setting_and_job_search() -> None:
    online = rank_venues(KNOWN, Style(setting=Setting.ONLINE))
    assert online[0].venue.online
    meetup = next(s for s in online if s.venue.id == "industry_meetup")
    assert "does not happen online" in meetup.reason
    assert _order(CONNECTED, looking_for_work=True)[0] == "former_colleagues"
    searching = rank_venues(CONNECTED, Style(looking_for_work=True))[0]
    assert "already know your work" in searching.reason


def test_each_suggestion_says_why_it_fits() -> None:
    for suggestion in rank_venues(CONNECTED, Style(ties=TieStyle.DEEP_TIES)):
        assert suggestion.venue.why[CONNECTED] in suggestion.reason
        assert "a month" in suggestion.reason


def test_commitment_plan_spaces_three_visits() -> None:
    venue = next(v for v in load_venue_catalogue() if v.id == "industry_meetup")
    plan = Commitment.plan(venue, TODAY, CONNECTED)
    assert plan.visits == [date(2026, 11, 1), date(2026, 11, 29), date(2026, 12, 27)]
    assert plan.target == "talk to two new people"
    assert check_commitment(plan, TODAY) == []
