"""The plan as one self-contained HTML file: opens offline, prints to 2–3 pages.

No scripts and no links out: the pictures are inline SVG, styles are inline, and a
content security policy in the page itself forbids loading anything else. Jinja2's
autoescaping escapes everything that came from the participant or a contacts file.
"""

from __future__ import annotations

from networking_kit.export.document import PlanDocument
from networking_kit.export.templating import TEMPLATES


def plan_html(plan: PlanDocument) -> str:
    return TEMPLATES.get_template("plan.html.j2").render(plan=plan)
