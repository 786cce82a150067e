"""Step 2's pictures: the map, the layers beside Dunbar's numbers, composition and recency.

A section like the others of step 2 (``map_sections._Section``), always redrawn through
the page's debounced :class:`~networking_kit.ui.redraw.Redraws` ("Updating the map…"),
and first drawn once the page is built ("Drawing your map…").
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from networking_kit import charts
from networking_kit.composition import COMPOSITIONS
from networking_kit.network import plural, recency_bands
from networking_kit.steps._session import Change
from networking_kit.steps.map import MapSession
from networking_kit.ui.chart_table import PictureBox
from networking_kit.ui.map_guard import ADD_PEOPLE_FIRST, LABELLED, LOST, guard
from networking_kit.ui.map_sections import _Section, section
from networking_kit.ui.redraw import Redraws


class Pictures(_Section):
    """The map, the layers beside Dunbar's numbers, composition and recency.

    Each picture is redrawn (:class:`~networking_kit.ui.chart_table.PictureBox`, in place
    when the page's server serves plotly's code) only when what it is drawn from changed:
    sorting someone's closeness redraws the map and the layers, not the recency bars.
    """

    key, heavy, busy_text = "pictures", True, "Updating the map…"
    first_text = "Drawing your map…"

    def __init__(self, session: MapSession, redraws: Redraws) -> None:
        super().__init__(session, redraws, Change.CONTACTS, Change.TIES)
        # Each picture's box is a column: the picture, then the same as a table.
        self.ego, self.layers, self.composition, self.recency = (
            PictureBox(), PictureBox(), PictureBox(), PictureBox())
        self.ego_box, self.layers_box = self.ego.widget, self.layers.widget
        self.composition_box, self.recency_box = self.composition.widget, self.recency.widget
        self.composition_by = widgets.ToggleButtons(
            options=[(label, key) for key, label in COMPOSITIONS.items()], value="context",
            description="Group by", style={**LABELLED, "button_width": "auto"})
        self.composition_by.observe(guard(session, self.status,
                                          lambda _change: self.draw_composition(), LOST),
                                    names="value")
        self.composition_by.layout.display = "none"  # until there is a picture to group
        self.widget = section(self.status, self.ego_box, self.layers_box,
                              self.composition_by, self.composition_box, self.recency_box)
        self._first_show()

    def show(self) -> str:
        """Draw every picture whose data changed, from memory."""
        contacts = self.session.contacts
        if contacts.empty:
            for box in (self.ego, self.layers, self.composition, self.recency):
                box.clear()
            self.composition_by.layout.display = "none"
            return f"Your map is empty: {ADD_PEOPLE_FIRST}, and the pictures appear here."
        self.composition_by.layout.display = None
        ties = self.session.ties
        rows = self.session.rows_token()
        self.ego.draw(lambda: _ego_map(contacts, ties, rows),
                      key=(self.session.revision, tuple(ties)))
        layers = self.session.layers()
        self.layers.draw(lambda: charts.layers_spec(layers), key=layers)
        self.draw_composition()
        bands = recency_bands(contacts, self.session.today)
        self.recency.draw(lambda: charts.recency_spec(bands),
                          key=list(zip(bands.index, bands.tolist(), strict=True)))
        return f"Drawn from {plural(len(contacts), 'person', 'people')}."

    def draw_composition(self) -> None:
        key = self.composition_by.value
        counts = self.session.composition(key)
        self.composition.draw(lambda: charts.composition_spec(
            counts, f"Your contacts by {COMPOSITIONS[key].lower()}"), key=(key, counts))


def _ego_map(contacts: pd.DataFrame, ties: list[tuple[str, str]],
             same_rows: Hashable) -> dict[str, Any]:
    """The map as wide as the page (a phone's 390 px or a laptop's), with the legend under
    the map so it is never cut off and never squeezes the map: plain data
    (``charts.ego_map_spec``), which a picture redrawn in place sends as it is;
    ``same_rows`` is the session's ``rows_token``."""
    spec = charts.ego_map_spec(contacts, ties, same_rows=same_rows)
    layout = spec["layout"]
    layout["autosize"] = True
    layout["legend"] = {**layout.get("legend", {}), "orientation": "h", "x": 0,
                        "xanchor": "left", "y": -0.02, "yanchor": "top"}
    layout["margin"] = {**layout.get("margin", {}), "b": 10}
    return spec


__all__ = ["Pictures"]
