"""The forms participants fill in, one module per workbook step.

Each form is a thin view: it reads and writes through the domain modules and the
workbook file, and knows nothing about how goals, contacts or plans are worked out.
Forms are imported when first used, so opening one workbook does not load every step.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

# Every form shows plotly pictures, and plotly imports nbformat, which imports jsonschema,
# which imports rfc3987_syntax when it is installed (it is: Jupyter's server wants it) for
# its "iri" format check. rfc3987_syntax 1.1 builds an Earley parser of RFC 3987 when it
# is imported: 2 to 7 s of CPU in every kernel, more than any workbook's own work
# (jsonschema issue 1392; the lazy fork rfc3987-syntax2 fixes it upstream). A workbook's
# kernel validates no IRI (nbformat's notebook schema has no "iri" format), so the
# kernel marks the package unavailable before plotly loads, and jsonschema leaves that one
# format unchecked, as it does whenever the package is missing. Only this kernel is
# touched: the Jupyter server, whose event schemas may check IRIs, runs elsewhere.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

_WHERE = {
    "StartHereForm": "start_here", "start_here": "start_here",
    "GoalWorkbook": "goal", "goal_workbook": "goal",
    "ImportForm": "importing", "import_contacts": "importing",
    "MapWorkbook": "map", "map_workbook": "map",
    "PlanWorkbook": "plan", "plan_workbook": "plan",
    "FollowupWorkbook": "followups", "followup_workbook": "followups",
    "ShareForm": "share", "share_form": "share",
    "CohortDashboard": "cohort", "cohort_dashboard": "cohort",
    "step_bar": "nav", "page_ready": "nav",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(f"networking_kit.ui.{_WHERE[name]}")
    # Importing a submodule binds its name (``start_here``) to the module here; bind every
    # name it provides instead, so the function of the same name wins.
    for exported, home in _WHERE.items():
        if home == _WHERE[name]:
            globals()[exported] = getattr(module, exported)
    return globals()[name]
