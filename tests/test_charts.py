"""Charts are pure functions from data to a figure: assert on the traces."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from networking_kit.charts import GOAL_KIND_COLOURS, OKABE_ITO, goal_scores
from networking_kit.charts_base import plot_text, plot_texts
from networking_kit.goals import GoalKind

KNOWN, EQUIPPED, CONNECTED = (GoalKind.BETTER_KNOWN, GoalKind.BETTER_EQUIPPED,
                              GoalKind.BETTER_CONNECTED)


def test_goal_scores_draws_one_labelled_bar_per_kind() -> None:
    figure = goal_scores({KNOWN: 4, EQUIPPED: 2, CONNECTED: 7}, CONNECTED)
    assert isinstance(figure, go.Figure)
    (bars,) = figure.data
    assert bars.type == "bar"
    assert bars.orientation == "h"
    assert list(bars.x) == [4, 2, 7]
    assert list(bars.text) == ["4", "2", "7"]
    assert list(bars.y) == ["Better known", "Better equipped",
                            "Better connected  ← suggested"]
    assert figure.layout.showlegend is False
    assert figure.layout.xaxis.range[1] > 7  # room for the label outside the longest bar


def test_goal_scores_uses_distinct_okabe_ito_colours_and_marks_the_suggestion() -> None:
    figure = goal_scores({KNOWN: 1, EQUIPPED: 5, CONNECTED: 0}, EQUIPPED)
    colours = list(figure.data[0].marker.color)
    assert colours == [GOAL_KIND_COLOURS[k] for k in GoalKind]
    assert len(set(colours)) == 3
    assert set(colours) <= set(OKABE_ITO.values())
    assert list(figure.data[0].marker.opacity) == [0.45, 1.0, 0.45]


def test_goal_scores_before_any_answer() -> None:
    figure = goal_scores({})
    assert list(figure.data[0].x) == [0, 0, 0]
    assert not any("suggested" in label for label in figure.data[0].y)
    assert list(figure.data[0].marker.opacity) == [1.0, 1.0, 1.0]
    assert figure.layout.xaxis.range[1] > 0


# ------------------------------------------------------------------------ the map


def _sample() -> pd.DataFrame:
    from networking_kit.samples import load_sample_contacts

    return load_sample_contacts(today=date(2026, 11, 23))


def test_ego_map_has_one_webgl_trace_per_context_present_and_you_in_the_centre() -> None:
    from networking_kit.charts import ego_map

    contacts = _sample()
    figure = ego_map(contacts)
    people = [t for t in figure.data if t.type == "scattergl"]
    assert len(people) == contacts["context"].nunique()
    assert sum(len(t.x) for t in people) == len(contacts)
    centre = [t for t in figure.data if t.type == "scatter"]
    assert list(centre[0].text) == ["You"]
    assert len(figure.layout.shapes) == 7  # six closeness rings and "closeness not set"


def test_ego_map_puts_closer_people_nearer_the_centre() -> None:
    from networking_kit.charts import ego_positions

    contacts = _sample()
    positions = ego_positions(contacts)
    distance = np.hypot(positions["x"], positions["y"])
    closest = distance[contacts["strength"] == "closest"]
    known = distance[contacts["strength"] == "known"]
    assert closest.max() < known.min()


def test_the_top_of_the_map_is_kept_clear_for_the_rings_names() -> None:
    from networking_kit.charts import ego_positions
    from networking_kit.charts_base import LABEL_GAP
    from networking_kit.samples import large_network

    positions = ego_positions(large_network(3000))
    # each ring's name is written at the top (x = 0): no one is drawn under it
    off_top = np.abs(np.arctan2(positions["x"], positions["y"]))
    assert off_top.min() >= np.pi * LABEL_GAP
    assert off_top.min() < np.pi * LABEL_GAP * 1.5  # the rest of the circle is used


def test_ego_map_positions_are_stable_between_runs() -> None:
    from networking_kit.charts import ego_positions

    contacts = _sample()
    first, second = ego_positions(contacts), ego_positions(contacts.copy())
    assert np.allclose(first["x"], second["x"])


def test_ego_map_works_with_unsorted_people_and_census_ties() -> None:
    from networking_kit.charts import ego_map
    from networking_kit.contacts import normalise_contacts

    contacts = normalise_contacts(pd.DataFrame({"name": ["A", "B", "C"]}))
    ids = contacts["contact_id"].tolist()
    figure = ego_map(contacts, ties=[(ids[0], ids[1])])
    lines = [t for t in figure.data if t.mode == "lines"]
    assert len(lines) == 1
    assert list(lines[0].x).count(None) == 1


def test_ego_map_rings_the_person_who_links_two_circles() -> None:
    from networking_kit.charts import BRIDGES, ego_map
    from networking_kit.contacts import normalise_contacts

    contacts = normalise_contacts(pd.DataFrame({"name": ["Ann", "<b>Bo</b>", "Cy", "Di"]}))
    ids = contacts["contact_id"].tolist()
    linked = ego_map(contacts, ties=[(ids[0], ids[1]), (ids[1], ids[2]), (ids[2], ids[3])])
    (rings,) = [t for t in linked.data if t.name and t.name.startswith(BRIDGES)]
    assert rings.name == f"{BRIDGES} (2)"  # Bo and Cy each hold the chain together
    assert [h.split(":")[0] for h in rings.hovertext] == ["&lt;b&gt;Bo&lt;/b&gt;", "Cy"]
    one_circle = ego_map(contacts, ties=[(ids[0], ids[1]), (ids[1], ids[2]),
                                         (ids[2], ids[0])])
    assert not [t for t in one_circle.data if t.name and t.name.startswith(BRIDGES)]


def test_ego_map_hover_text_is_escaped() -> None:
    from networking_kit.charts import ego_map
    from networking_kit.contacts import normalise_contacts

    contacts = normalise_contacts(pd.DataFrame({"name": ["<script>alert(1)</script>"]}))
    hover = next(t for t in ego_map(contacts).data if t.type == "scattergl").hovertext[0]
    assert "<script>" not in hover
    assert "&lt;script&gt;" in hover


def test_layer_recency_and_composition_charts_show_the_numbers() -> None:
    from networking_kit.charts import composition_chart, layers_chart, recency_chart
    from networking_kit.network import layer_sizes, recency_bands

    contacts = _sample()
    layers = layers_chart(layer_sizes(contacts))
    assert [list(t.y) for t in layers.data][1] == [5, 15, 50, 150]
    # upright labels on short lines, the legend at the foot under them (tilted on a phone,
    # the labels took the room the legend needed)
    assert "In regular<br>touch" in list(layers.data[0].x)
    assert layers.layout.xaxis.tickangle == 0
    assert (layers.layout.legend.yref, layers.layout.legend.y) == ("container", 0)
    recency = recency_chart(recency_bands(contacts, date(2026, 11, 23)))
    assert sum(recency.data[0].y) == len(contacts)
    composition = composition_chart({"a": 1, "b": 5, "c": 3}, "Fields", top=2)
    assert list(composition.data[0].y) == ["b", "c"]


def test_ego_map_names_a_missing_closeness_and_a_missing_where_from_differently() -> None:
    from networking_kit.charts import CLOSENESS_NOT_SET, WHERE_FROM_NOT_SET, ego_map
    from networking_kit.contacts import normalise_contacts

    # 3 with a closeness but no where-from, 2 with neither, 1 with a where-from only.
    contacts = normalise_contacts(pd.DataFrame({
        "name": ["A", "B", "C", "D", "E", "F"],
        "strength": ["acquaintance"] * 3 + [None] * 3,
        "context": [None] * 5 + ["client"]}))
    figure = ego_map(contacts)
    legend = sorted(t.name for t in figure.data if t.type == "scattergl")
    assert legend == ["Client or customer (1)", f"{WHERE_FROM_NOT_SET} (5)"]
    rings = [a.text for a in figure.layout.annotations]
    assert rings == ["Acquaintance", CLOSENESS_NOT_SET]
    assert CLOSENESS_NOT_SET != WHERE_FROM_NOT_SET
    assert not any("sorted" in text.lower() for text in [*legend, *rings])
    hover = next(t for t in figure.data if t.name.startswith("Client")).hovertext[0]
    assert CLOSENESS_NOT_SET in hover


def test_ego_map_ring_labels_stay_readable_over_the_dots() -> None:
    from networking_kit.charts import ego_map

    figure = ego_map(_sample())
    labels = figure.layout.annotations
    assert "Closest" in [a.text for a in labels]
    assert all(a.bgcolor and a.bgcolor.startswith("rgba(255,255,255") for a in labels)


def test_ego_map_hover_says_when_last_in_touch_without_a_leading_zero() -> None:
    from networking_kit.charts import ego_map
    from networking_kit.contacts import normalise_contacts

    contacts = normalise_contacts(pd.DataFrame({
        "name": ["Ann", "Bo"], "context": ["client", "client"],
        "last_contact": ["2026-11-07", None]}))
    hover = next(t for t in ego_map(contacts).data if t.name.startswith("Client")).hovertext
    assert hover[0].endswith("last in touch: 7 Nov 2026")
    assert hover[1].endswith("last in touch: not recorded")


def test_a_big_map_escapes_every_name_and_keeps_each_with_its_dot() -> None:
    from networking_kit.charts import _FULL_HOVER_LIMIT, ego_map
    from networking_kit.contacts import normalise_contacts

    size = _FULL_HOVER_LIMIT + 1
    names = [f"P{i} <b>&" for i in range(size - 2)] + ["Bell\x07 <a href=x>", "Tab\tName"]
    contacts = normalise_contacts(pd.DataFrame({
        "name": names, "context": ["client", "alumni", None] * (size // 3) + ["client"] * (
            size % 3)}))
    shown = [text for t in ego_map(contacts).data if t.type == "scattergl"
             for text in t.hovertext]
    assert sorted(shown) == sorted(plot_texts(contacts["name"]))
    assert "Bell &lt;a href=x&gt;" in shown
    assert not any("<b>" in text for text in shown)
    client = next(t for t in ego_map(contacts).data if t.name.startswith("Client"))
    assert client.hovertext[0] == "P0 &lt;b&gt;&amp;"


def test_the_quick_escaping_of_many_texts_is_the_escaping_of_each() -> None:
    texts = ["a<b>&c", "x\x00y", "t\tn\nz", "\x07bell", "", "&amp;", "\ud800x", "<a href=x>"]
    for chosen in (texts, texts[:1], texts[2:3], ["plain", "<i>"], [], ["", ""]):
        assert plot_texts(chosen) == [plot_text(t) for t in chosen]
