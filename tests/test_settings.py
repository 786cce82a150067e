"""The workshop's defaults: consistent with each other, and imported rather than repeated."""

from __future__ import annotations

from networking_kit import settings
from networking_kit.vocab import TieStrength


def test_dunbar_layers_grow_outwards_from_the_closest() -> None:
    assert list(settings.DUNBAR_LAYERS) == list(TieStrength)[:4]
    assert list(settings.DUNBAR_LAYERS.values()) == [5, 15, 50, 150]


def test_every_closeness_has_a_rhythm_that_lengthens_outwards() -> None:
    cadences = settings.DEFAULT_CADENCE_DAYS
    assert list(cadences) == list(TieStrength)
    assert all(0 < ideal < maximum for ideal, maximum in cadences.values())
    ideals = [ideal for ideal, _ in cadences.values()]
    assert ideals == sorted(ideals)


def test_the_plan_numbers_fit_together() -> None:
    days = settings.CHECK_IN_DAYS
    assert list(days) == sorted(days)
    assert days[0] > 0
    # The last check-in falls just after the plan's weeks: the timeline shows one week more.
    assert days[-1] <= (settings.PLAN_WEEKS + 1) * 7
    assert (settings.ACTIONS_PER_WEEK_MIN <= settings.ACTIONS_PER_WEEK_DEFAULT
            <= settings.ACTIONS_PER_WEEK_MAX)
    assert 0 < settings.PLAN_WEEKS_PER_PAGE <= settings.PLAN_WEEKS
    assert settings.CENSUS_MAX <= settings.CENSUS_CANDIDATES
    assert settings.GOAL_MAX_DAYS_AHEAD >= settings.PLAN_WEEKS * 7


def test_the_domain_modules_use_the_one_copy() -> None:
    from networking_kit import charts_cohort, contacts, goals, network, venues
    from networking_kit.export import document

    assert contacts.DUNBAR_LAYERS is settings.DUNBAR_LAYERS
    assert network.DUNBAR_LAYERS is settings.DUNBAR_LAYERS
    assert document.DUNBAR_LAYERS is settings.DUNBAR_LAYERS
    assert charts_cohort.DUNBAR_LAYERS is settings.DUNBAR_LAYERS
    assert document.CHECK_IN_DAYS is settings.CHECK_IN_DAYS
    assert (venues.VISITS, goals.MAX_DAYS_AHEAD) == (settings.VENUE_VISITS,
                                                    settings.GOAL_MAX_DAYS_AHEAD)
