"""One-key sorting in step 2: with a person's row focused, keys 1 to 6 set their closeness
and move on to the next person, so a page of 25 people takes 25 key presses.

A small anywidget: it shows the key (which number means which closeness, in words on
the page, not in a hover) and listens for the keys on the page. A key press clicks that
closeness button in the focused row, the same click a mouse makes, so saving goes the
usual way (``ui.triage`` → ``steps.map.MapSession``); then the focus moves to the same
button in the next row. Nothing is sent from here to the kernel.
"""

from __future__ import annotations

import html

import anywidget
import traitlets

from networking_kit.vocab import TieStrength

ROW_CLASS = "nk-sort-row"  # the class ``ui.triage`` gives each row of the sorting list

_ESM = r"""
function render({ model, el }) {
  const legend = document.createElement("div");
  legend.className = "nk-sort-keys";
  legend.innerHTML = model.get("legend");
  el.append(legend);
  if (window.__nkSortKeys) return;  // one listener per page, however often this is drawn
  window.__nkSortKeys = true;
  const ROW = "." + model.get("row_class");
  const rowsOf = () => Array.from(document.querySelectorAll(ROW))
    .filter((row) => row.offsetParent !== null);
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!/^[1-6]$/.test(event.key)) return;
    const here = document.activeElement;
    if (!here || /^(INPUT|TEXTAREA|SELECT)$/.test(here.tagName) && here.type !== "checkbox") {
      return;
    }
    const row = here.closest(ROW);
    if (!row) return;
    const buttons = row.querySelectorAll(".nk-closeness button");
    const chosen = buttons[Number(event.key) - 1];
    if (!chosen) return;
    event.preventDefault();
    event.stopPropagation();
    chosen.click();
    const rows = rowsOf();
    const next = rows[rows.indexOf(row) + 1];
    const target = next ? next.querySelectorAll(".nk-closeness button")[0] : chosen;
    if (target) target.focus();
  }, true);
}
export default { render };
"""

_CSS = """
.nk-sort-keys { margin: 6px 0; padding: 6px 10px; border-left: 4px solid #0072B2;
                background: #f0f4f8; font-size: 14px; }
.nk-sort-keys ol { margin: 4px 0 0; padding-left: 0; list-style: none;
                   display: flex; flex-wrap: wrap; gap: 4px 16px; }
.nk-sort-keys kbd { display: inline-block; min-width: 1.4em; text-align: center;
                    border: 1px solid #52606d; border-radius: 3px; padding: 0 4px;
                    margin-right: 4px; background: #fff; font-family: inherit; }
"""


def legend_html() -> str:
    """What each key (and each closeness) means, in words on the page."""
    items = "".join(f"<li><kbd>{number}</kbd>{html.escape(strength.label)}</li>"
                    for number, strength in enumerate(TieStrength, start=1))
    return ("<b>Sort with one key:</b> press Tab to reach a person's closeness buttons, "
            "then a number sets their closeness and moves on to the next person."
            f"<ol>{items}</ol>")


class SortKeys(anywidget.AnyWidget):
    """The key to the closeness buttons, and keys 1 to 6 on the sorting list."""

    _esm = _ESM
    _css = _CSS
    legend = traitlets.Unicode("").tag(sync=True)
    row_class = traitlets.Unicode(ROW_CLASS).tag(sync=True)

    def __init__(self) -> None:
        super().__init__(legend=legend_html())


__all__ = ["ROW_CLASS", "SortKeys", "legend_html"]
