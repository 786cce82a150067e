"""Test-wide set-up: every kernel and test uses a throw-away workbook file.

nbval starts each workbook's kernel from this process, so the environment variable set
here is what the workbooks see: they run on the sample participant, never on the
developer's own workbook in their home folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    folder = Path(tempfile.mkdtemp(prefix="networking-kit-tests-"))
    workbook_path = folder / "sample-participant.sqlite"
    os.environ["NETWORKING_KIT_DB"] = str(workbook_path)
    from networking_kit.samples import SAMPLE_PARTICIPANT
    from networking_kit.steps.sample import use_sample
    from networking_kit.store import open_workbook

    with open_workbook(workbook_path) as workbook:
        workbook.set_profile("participant_name", SAMPLE_PARTICIPANT)
        workbook.set_profile("start_mode", "sample")
        use_sample(workbook)
