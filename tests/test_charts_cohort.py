"""The facilitator's cohort charts: pure functions from the aggregate to a figure."""

from __future__ import annotations

from networking_kit import charts_cohort as charts
from networking_kit.cohort_report import Spread


def test_goal_mix_has_one_bar_per_kind_with_counts() -> None:
    figure = charts.cohort_goal_mix_chart({"better_known": 2, "better_equipped": 0,
                                           "better_connected": 5, "not chosen": 1})
    (bar,) = figure.data
    assert list(bar.y) == ["Better known", "Better equipped", "Better connected", "Not chosen"]
    assert list(bar.text) == ["2", "0", "5", "1"]


def test_layers_beside_dunbar_with_quartile_whiskers() -> None:
    cumulative = {"closest": Spread(2, 4, 6), "close": Spread(8, 12, 20),
                  "regular": Spread(20, 40, 60), "known": Spread(50, 100, 200)}
    room, typical = charts.cohort_layers_chart(cumulative).data
    assert list(room.y) == [4, 12, 40, 100]
    assert list(room.error_y.array) == [2, 8, 20, 100]
    assert list(room.error_y.arrayminus) == [2, 4, 20, 50]
    assert list(typical.y) == [5, 15, 50, 150]


def test_layers_labels_stand_upright_on_short_lines_above_a_legend_at_the_foot() -> None:
    figure = charts.cohort_layers_chart({"regular": Spread(20, 40, 60),
                                         "known": Spread(50, 100, 200)})
    assert list(figure.data[0].x) == ["In regular<br>touch", "Know each<br>other"]
    # tilted on a phone, the labels ran into a legend placed at a share of the plot's height
    assert figure.layout.xaxis.tickangle == 0
    legend = figure.layout.legend
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")


def test_venues_show_names_and_share_of_the_room() -> None:
    figure = charts.cohort_venues_chart({"alumni_group": 3, "mystery": 1}, 4,
                                        {"alumni_group": "Alumni"})
    (bar,) = figure.data
    assert list(bar.y) == ["Alumni", "mystery"]
    assert list(bar.text) == ["3 (75%)", "1 (25%)"]


def test_long_venue_names_are_wrapped_and_the_shares_have_their_own_margin() -> None:
    long = "An alumni group (school, university or former employer)"
    figure = charts.cohort_venues_chart({"alumni_group": 11, "x": 1}, 40,
                                        {"alumni_group": long})
    (bar,) = figure.data
    assert bar.y[0] == "An alumni group<br>(school, university or<br>former employer)"
    assert max(len(line) for line in bar.y[0].split("<br>")) <= 22
    # "11 (28%)" beside the longest bar fits in the right margin, whatever the width
    assert figure.layout.margin.r >= 8 * len("11 (28%)")
    # three lines a row: the rows are tall enough not to run into one another
    assert figure.layout.height >= 3 * 18 * 3


def test_counts_of_people_have_whole_ticks() -> None:
    venues = charts.cohort_venues_chart({"writing": 2}, 2)
    goals = charts.cohort_goal_mix_chart({"better_known": 2})
    actions = charts.cohort_actions_chart([1, 2])
    for axis in (venues.layout.xaxis, goals.layout.xaxis, actions.layout.yaxis):
        assert (axis.tickformat, axis.dtick) == (",d", 1)
    assert charts.cohort_venues_chart({"writing": 30}, 30).layout.xaxis.dtick is None


def test_actions_histogram_bins_by_five() -> None:
    (hist,) = charts.cohort_actions_chart([0, 3, 7, 12]).data
    assert list(hist.x) == [0, 3, 7, 12]
    assert hist.xbins.size == 5
