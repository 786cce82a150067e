"""The plan as one self-contained HTML file: opens offline, prints to 2–3 pages.

No scripts and no links out: the pictures are inline SVG, styles are inline, and a
content security policy in the page itself forbids loading anything else. Jinja2's
autoescaping escapes everything that came from the participant or a contacts file.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from networking_kit.export.document import PlanDocument

_ENV = Environment(
    loader=PackageLoader("networking_kit", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def plan_html(plan: PlanDocument) -> str:
    return _ENV.get_template("plan.html.j2").render(plan=plan)
