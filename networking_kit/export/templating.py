"""The one Jinja2 environment for the toolkit's HTML pages (the plan, the cohort report).

Autoescaping is on for every template: all text in them came from a participant or a
contacts file. Dates go through ``networking_kit.dates`` filters, never ``strftime`` in a
template, so the pages render the same on Windows.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from networking_kit.dates import FILTERS

TEMPLATES = Environment(
    loader=PackageLoader("networking_kit", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters.update(FILTERS)
