"""The look every page shares, in one stylesheet: a focus ring you can see, notes in the
page's font, labels for screen readers only, and the rules that keep a page usable on a
phone (390 px wide) and a tablet (768 px).

The step bar draws it at the top of every workbook (``ui.nav``), and the facilitator's
dashboard draws it too. Colours are Okabe–Ito blue (#0072B2) on white: 5.1:1, well over
the 3:1 WCAG 2.2 asks of a focus indicator (success criterion 1.4.11) and on the light
grey (#f0f4f8) backgrounds 4.6:1.
"""

from __future__ import annotations

FOCUS_COLOUR = "#0072B2"
# Below this width a page lays its forms out in one column (phones; a tablet's 768 px
# keeps two).
NARROW_PX = 600

PAGE_CSS = f"""
/* A focus ring on everything that takes the keyboard: 3 px, with a white gap, so it shows
   on white, on grey and on a blue (chosen) button alike. */
.jp-OutputArea-output :focus-visible, .jp-OutputArea-output button:focus,
.jp-OutputArea-output input:focus, .jp-OutputArea-output select:focus,
.jp-OutputArea-output textarea:focus, .nk-steps a:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #fff !important;
}}
/* A row of toggle buttons (closeness, in person or online) hides what overflows it, and
   the box around it is no taller than the buttons, which cut the ring of the focused
   button down to one edge: room for the ring (2 + 3 px) all round, and nothing hidden. */
.jp-OutputArea-output .widget-toggle-buttons {{ overflow: visible !important;
  padding: 5px !important; }}
/* Notes and other free text are prose, not code. */
.widget-textarea textarea, .widget-text input, .widget-combobox input {{
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif !important;
}}
/* A label a screen reader reads but the eye does not need (the row shows the name). */
.nk-sr-label > label.widget-label, .nk-sr-label .widget-label-basic > span {{
  position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important;
}}
/* Long answers wrap beside their radio button instead of pushing it away. */
.widget-radio-box label {{ white-space: normal !important; display: flex !important;
  align-items: flex-start; gap: 6px; height: auto !important; line-height: 1.35 !important;
  margin: 3px 0 !important; }}
.widget-radio-box label input {{ flex: 0 0 auto; margin-top: 3px !important; order: -1; }}
/* A tick's label that wraps onto a second line makes its row taller instead of running
   under the next row. */
.jp-OutputArea-output .widget-checkbox {{ height: auto !important; min-height:
  var(--jp-widgets-inline-height, 28px); }}
.jp-OutputArea-output .widget-checkbox label {{ height: auto !important;
  line-height: 1.35 !important; white-space: normal !important; }}
/* Nothing wider than the page: inputs, pictures and rows shrink to fit. */
.jp-OutputArea-output .widget-inline-hbox, .jp-OutputArea-output .widget-text,
.jp-OutputArea-output .widget-dropdown, .jp-OutputArea-output .widget-combobox,
.jp-OutputArea-output .widget-textarea, .jp-OutputArea-output .widget-datepicker {{
  max-width: 100%; }}
.jp-OutputArea-output .js-plotly-plot, .jp-OutputArea-output .plot-container {{
  max-width: 100%; }}
@media (max-width: {NARROW_PX}px) {{
  .jp-OutputArea-output .widget-hbox, .jp-OutputArea-output .widget-inline-hbox {{
    flex-wrap: wrap !important; }}
  .jp-OutputArea-output .widget-hbox > *, .jp-OutputArea-output .widget-vbox > * {{
    max-width: 100% !important; min-width: 0; }}
  /* Inputs keep room for at least 12 characters (a date, 16), labels go above them. */
  .jp-OutputArea-output .widget-text, .jp-OutputArea-output .widget-dropdown,
  .jp-OutputArea-output .widget-combobox, .jp-OutputArea-output .widget-textarea,
  .jp-OutputArea-output .widget-datepicker, .jp-OutputArea-output .widget-bounded-int-text,
  .jp-OutputArea-output .widget-int-text {{
    flex-wrap: wrap !important; width: 100% !important; height: auto !important; }}
  .jp-OutputArea-output .widget-text input, .jp-OutputArea-output .widget-dropdown select,
  .jp-OutputArea-output .widget-combobox input, .jp-OutputArea-output .widget-textarea textarea,
  .jp-OutputArea-output .widget-datepicker input {{
    min-width: 12ch !important; flex: 1 1 12ch !important; max-width: 100% !important; }}
  .jp-OutputArea-output .widget-datepicker input {{ min-width: 16ch !important; }}
  /* ipywidgets sizes these from their box ("height: inherit"), which is auto here: a
     dropdown would shrink to its text and a text box to two lines. */
  .jp-OutputArea-output .widget-dropdown > select {{
    height: var(--jp-widgets-inline-height, 28px) !important; }}
  .jp-OutputArea-output .widget-textarea > textarea {{ min-height: 4.5em; }}
  .jp-OutputArea-output .widget-label {{ width: auto !important; max-width: 100% !important;
    white-space: normal !important; text-align: left !important; }}
  .jp-OutputArea-output .widget-text > .widget-label,
  .jp-OutputArea-output .widget-dropdown > .widget-label,
  .jp-OutputArea-output .widget-combobox > .widget-label,
  .jp-OutputArea-output .widget-textarea > .widget-label,
  .jp-OutputArea-output .widget-datepicker > .widget-label {{
    flex: 1 1 100% !important; height: auto !important; line-height: 1.35 !important;
    margin-bottom: 2px; }}
  /* Buttons keep their full words: they grow taller rather than cut the text. */
  .jp-OutputArea-output .widget-button, .jp-OutputArea-output .widget-toggle-button {{
    width: auto !important; max-width: 100% !important; height: auto !important;
    min-height: var(--jp-widgets-inline-height, 28px); white-space: normal !important;
    overflow: visible !important; text-overflow: clip !important; }}
  .jp-OutputArea-output .widget-toggle-buttons .widget-toggle-button {{ margin-bottom: 4px; }}
  .jp-OutputArea-output .widget-toggle-buttons {{ flex-wrap: wrap !important; height: auto; }}
  .jp-OutputArea-output .widget-toggle-buttons > div {{ display: flex; flex-wrap: wrap; }}
  .jp-OutputArea-output .widget-checkbox {{ width: auto !important; max-width: 100%; }}
  .jp-OutputArea-output .widget-checkbox label {{ white-space: normal !important; }}
  .jp-OutputArea-output table {{ display: block; overflow-x: auto; max-width: 100%; }}
  .jp-OutputArea-output pre {{ white-space: pre-wrap; word-break: break-word; }}
  .jp-RenderedHTMLCommon, .jp-OutputArea-output {{ overflow-wrap: anywhere; }}
}}
"""


def page_style() -> str:
    """The shared stylesheet as one ``<style>`` element, for an HTML widget."""
    return f"<style>{PAGE_CSS}</style>"


__all__ = ["FOCUS_COLOUR", "NARROW_PX", "PAGE_CSS", "page_style"]
