"""The ``networking_kit.ui`` package: what opening any form costs a workbook's kernel."""

from __future__ import annotations

import subprocess
import sys

KERNEL = """
import sys
import networking_kit.ui
import plotly.graph_objects as go
go.FigureWidget(go.Bar(x=[1], y=[2]))
import jsonschema
print("rfc3987_syntax loaded" if sys.modules.get("rfc3987_syntax") else "skipped")
print(jsonschema.validate({"a": 1}, {"type": "object"}))
"""


def test_a_kernel_showing_a_form_skips_the_iri_grammar_build() -> None:
    # A fresh interpreter, as a workbook's kernel starts: the form's plotly pictures load
    # nbformat and jsonschema without building rfc3987_syntax's parser (seconds of CPU),
    # and jsonschema still validates.
    shown = subprocess.run([sys.executable, "-c", KERNEL], capture_output=True, text=True,
                           check=True, timeout=300).stdout.split()
    assert shown == ["skipped", "None"]
