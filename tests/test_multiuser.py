"""Many participants at once: a real JupyterHub, real system users, real workbooks.

Starts JupyterHub on 127.0.0.1 with deploy/jupyterhub_config.py (local-process spawner:
each participant's server runs as their own system user), creates throwaway users and
a facilitator, sets up the drop folder with deploy/drop_folder.sh, and has every
participant run the workbooks top to bottom in a kernel of their own server. Then checks
what a workshop relies on: a workbook file per participant, owner-only; a summary per
participant in the drop folder; no participant can read another's workbook or summary;
the facilitator can read the summaries.

Root only (skipped, with the reason, otherwise). Bounded: every wait has a limit and
the whole run has TIME_BUDGET seconds; hub, proxy, servers, kernels, users and groups
are removed afterwards, also when a check fails.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hub import (
    DROP_FOLDER_SCRIPT,
    REPO,
    Deadline,
    Hub,
    RemoteKernel,
    SystemUsers,
    missing_requirement,
    notebook_code_cells,
    run,
    user_python,
)

pytestmark = pytest.mark.multiuser

PARTICIPANTS = 3
TIME_BUDGET = 300  # seconds for the whole run, set-up to clean-up
WORKBOOKS = sorted((REPO / "workbooks").glob("[0-9][0-9]_*.ipynb"))

WHO_AM_I = """
import json, os, pwd
print(json.dumps({"user": pwd.getpwuid(os.getuid()).pw_name,
                  "home": os.path.expanduser("~"),
                  "drop": os.environ.get("NETWORKING_KIT_DROP"),
                  "db_env": os.environ.get("NETWORKING_KIT_DB")}))
"""

# What a participant's clicks in 00_start_here amount to: their name, and the sample
# contacts to practise on (the workbooks after 00 need contacts to show anything).
START = """
from networking_kit.steps.sample import use_sample
from networking_kit.store import open_workbook
with open_workbook() as wb:
    wb.set_profile("participant_name", {name!r})
    wb.set_profile("start_mode", "sample")
    use_sample(wb)
"""

# Hand in the anonymised summary: networking_kit.cohort when it exists; otherwise a
# minimal summary written the way the drop folder needs (temp file, 0640, rename).
SHARE = """
import json, os, tempfile, uuid
from datetime import date
from pathlib import Path
from networking_kit.store import default_workbook_path, open_workbook
drop = Path(os.environ["NETWORKING_KIT_DROP"])
try:
    from networking_kit.cohort import share_summary
except ImportError:
    share_summary = None
with open_workbook() as wb:
    if share_summary is not None:
        written, via = share_summary(wb, drop, date.today()), "networking_kit.cohort"
    else:
        fd, temp = tempfile.mkstemp(dir=drop, prefix=".", suffix=".tmp")
        os.fchmod(fd, 0o640)
        with os.fdopen(fd, "w") as out:
            json.dump({"contacts": wb.count_contacts(), "has_goal": bool(wb.load_goal())}, out)
        written, via = drop / f"{uuid.uuid4().hex}.json", "fallback in the test"
        os.replace(temp, written)
print(json.dumps({"summary": str(written), "via": via,
                  "workbook": str(default_workbook_path())}))
"""

# Run as one user against another's files; prints what happened to each attempt.
PROBE = """
import json, os, sys
results = {}
for kind, path in json.loads(sys.argv[1]):
    try:
        if kind == "list":
            os.listdir(path)
        else:
            with open(path, "rb") as handle:
                handle.read(1)
        results[path] = "ok"
    except PermissionError:
        results[path] = "PermissionError"
    except OSError as error:
        results[path] = type(error).__name__
print(json.dumps(results))
"""

READ_BACK = """
import json
from networking_kit.store import default_workbook_path, open_workbook
with open_workbook() as wb:
    print(json.dumps({"path": str(default_workbook_path()),
                      "name": wb.get_profile("participant_name"),
                      "contacts": wb.count_contacts()}))
"""


@dataclass
class Workshop:
    users: SystemUsers
    participants: list[str]
    facilitator: str
    facilitator_group: str
    drop: Path
    python: str
    hub_log: str = ""
    seen: dict[str, dict] = field(default_factory=dict)  # per user: what their kernel said
    shared: dict[str, dict] = field(default_factory=dict)  # per user: the summary they wrote
    lab_page: str = ""  # a participant's JupyterLab page, as their server sent it
    saved_workbook: dict = field(default_factory=dict)  # a workbook saved with outputs, read back

    def name_of(self, user: str) -> str:
        return f"Participant {user}"

    def workbook(self, user: str) -> Path:
        return self.users.home(user) / "NetworkingKit" / "my-network.sqlite"

    def as_user(self, user: str, code: str, *args: str) -> dict:
        result = self.users.as_user(user, [self.python, "-c", code, *args])
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(result.stdout.strip().splitlines()[-1])


def _last_json(text: str) -> dict:
    return json.loads(text.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def workshop() -> Iterator[Workshop]:
    reason = missing_requirement()
    if reason:
        print(f"multi-user hub test skipped: {reason}")
        pytest.skip(reason)
    deadline = Deadline(TIME_BUDGET)
    tag = secrets.token_hex(3)
    users = SystemUsers()
    workdir = Path(tempfile.mkdtemp(prefix=f"nkci-{tag}-"))
    hub: Hub | None = None
    try:
        # Participants pass through (drop folder, Python) but cannot list it.
        os.chmod(workdir, 0o711)  # noqa: S103
        hub_dir = workdir / "hub"
        hub_dir.mkdir(mode=0o700)  # the hub's database and secrets: root only
        participants = [users.add_user(f"nkci_{tag}_{i}") for i in range(PARTICIPANTS)]
        facilitator = users.add_user(f"nkci_{tag}_f")
        group = users.add_group(f"nkci_{tag}_fac")
        drop = workdir / "drop"
        run(["bash", str(DROP_FOLDER_SCRIPT), str(drop), group, facilitator])
        try:
            python = user_python(users, participants[0], workdir)
        except LookupError as error:
            pytest.skip(str(error))
        ws = Workshop(users, participants, facilitator, group, drop, python)

        hub = Hub(hub_dir, singleuser_python=python, drop=drop)
        hub.start(deadline)
        for user in participants:
            hub.start_server(user, deadline)
        # Participants work at the same time, as in a workshop: one thread each.
        with ThreadPoolExecutor(max_workers=PARTICIPANTS) as pool:
            for future in [pool.submit(_run_workbooks, ws, hub, user, deadline)
                           for user in participants]:
                future.result(timeout=deadline.left())
        _check_lab(ws, hub, participants[0])
        for user in participants:
            hub.stop_server(user, deadline)
        ws.hub_log = hub.log.read_text(errors="replace")
        yield ws
    except Exception:
        if hub is not None:
            print("---- JupyterHub log (tail) ----\n" + hub.log_tail())
        raise
    finally:
        problems = []
        if hub is not None:
            try:
                hub.stop()
            except Exception as error:  # keep cleaning up: users and files must go
                problems.append(f"stopping the hub: {error!r}")
        problems += users.remove()
        shutil.rmtree(workdir, ignore_errors=True)
        assert not problems, problems


def _check_lab(ws: Workshop, hub: Hub, user: str) -> None:
    """A participant's JupyterLab page, and a workbook saved through their server with an
    output in it, read back."""
    ws.lab_page = hub.page(f"/user/{user}/lab")
    notebook = json.loads(WORKBOOKS[0].read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "Ada\n"}]
            cell["execution_count"] = 1
    path = f"/user/{user}/api/contents/nk-saved-workbook.ipynb"
    hub.api("PUT", path, {"type": "notebook", "format": "json", "content": notebook})
    ws.saved_workbook = hub.api("GET", path + "?content=1")["content"]


def _run_workbooks(ws: Workshop, hub: Hub, user: str, deadline: Deadline) -> None:
    """In a kernel of ``user``'s own server: start, every workbook cell, share the summary."""
    started = time.monotonic()
    kernel = RemoteKernel(hub, user, deadline)
    try:
        steps = [("who am I", WHO_AM_I), ("start", START.format(name=ws.name_of(user)))]
        for notebook in WORKBOOKS:
            steps += [(f"{notebook.name} cell {n}", code)
                      for n, code in enumerate(notebook_code_cells(notebook), 1)]
        steps.append(("share summary", SHARE))
        for label, code in steps:
            result = kernel.execute(code, timeout=deadline.left(120))
            assert result.status == "ok", f"{user}, {label}: {result.error}"
            if label == "who am I":
                ws.seen[user] = _last_json(result.stdout)
            elif label == "share summary":
                ws.shared[user] = _last_json(result.stdout)
    finally:
        kernel.shutdown()
    print(f"{user}: {len(steps)} cells in {time.monotonic() - started:.1f} s")


def test_each_server_runs_as_its_own_user(workshop: Workshop) -> None:
    for user in workshop.participants:
        seen = workshop.seen[user]
        assert seen["user"] == user
        assert seen["home"] == str(workshop.users.home(user))
        assert seen["drop"] == str(workshop.drop)
        assert seen["db_env"] is None  # the workbook file stays at its default, at home


def test_each_user_has_their_own_private_workbook(workshop: Workshop) -> None:
    import pwd

    for user in workshop.participants:
        path = workshop.workbook(user)
        info = path.stat()
        assert info.st_uid == pwd.getpwnam(user).pw_uid
        assert stat.S_IMODE(info.st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert workshop.shared[user]["workbook"] == str(path)
        saved = workshop.as_user(user, READ_BACK)
        assert saved["path"] == str(path)
        assert saved["name"] == workshop.name_of(user)
        assert saved["contacts"] > 0


def test_a_summary_per_user_landed_in_the_drop_folder(workshop: Workshop) -> None:
    import grp
    import pwd

    group_id = grp.getgrnam(workshop.facilitator_group).gr_gid
    files = sorted(workshop.drop.glob("*.json"))
    assert len(files) == len(workshop.participants), files
    assert not list(workshop.drop.glob(".*"))  # no temp files left behind
    owners = {}
    for path in files:
        info = path.stat()
        owners[pwd.getpwuid(info.st_uid).pw_name] = path
        assert info.st_gid == group_id, f"{path} is not in the facilitators' group"
        assert stat.S_IMODE(info.st_mode) & 0o007 == 0, f"{path} is readable by others"
        assert stat.S_IMODE(info.st_mode) & 0o040, f"{path} is not readable by facilitators"
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        assert not any(workshop.name_of(u) in text for u in workshop.participants), (
            f"{path} names a participant: summaries must be anonymised")
    assert sorted(owners) == sorted(workshop.participants)
    for user in workshop.participants:
        assert Path(workshop.shared[user]["summary"]) == owners[user]
        print(f"{user}: summary written by {workshop.shared[user]['via']}")


def test_no_user_can_read_another_users_files(workshop: Workshop) -> None:
    for user in workshop.participants:
        others = [u for u in workshop.participants if u != user]
        attempts = [("list", str(workshop.drop))]
        for other in others:
            attempts += [("read", str(workshop.workbook(other))),
                         ("list", str(workshop.workbook(other).parent)),
                         ("read", workshop.shared[other]["summary"])]
        results = workshop.as_user(user, PROBE, json.dumps(attempts))
        assert results == {path: "PermissionError" for _, path in attempts}, results
        own = workshop.as_user(user, PROBE, json.dumps(
            [("read", str(workshop.workbook(user))), ("read", workshop.shared[user]["summary"])]))
        assert set(own.values()) == {"ok"}, own


def test_the_facilitator_reads_every_summary_but_no_workbook(workshop: Workshop) -> None:
    attempts = [("list", str(workshop.drop))]
    attempts += [("read", workshop.shared[u]["summary"]) for u in workshop.participants]
    results = workshop.as_user(workshop.facilitator, PROBE, json.dumps(attempts))
    assert set(results.values()) == {"ok"}, results
    workbooks = [("read", str(workshop.workbook(u))) for u in workshop.participants]
    results = workshop.as_user(workshop.facilitator, PROBE, json.dumps(workbooks))
    assert set(results.values()) == {"PermissionError"}, results


def test_jupyterlab_on_the_hub_gets_the_workbooks_extension_and_save_hook(
        workshop: Workshop) -> None:
    """As with `networking-kit start`: the Lab extension (forms drawn on open, never marked
    changed) is loaded, and a workbook saved with outputs is written without them."""
    assert "networking-kit-lab" in workshop.lab_page
    code_cells = [c for c in workshop.saved_workbook["cells"] if c["cell_type"] == "code"]
    assert code_cells
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code_cells)


def test_the_shipped_hub_config_has_no_unknown_settings(workshop: Workshop) -> None:
    unknown = [line for line in workshop.hub_log.splitlines()
               if "not recognized" in line or "Unrecognized" in line]
    assert not unknown, unknown


def test_the_deploy_files_the_hub_test_uses_are_in_place() -> None:
    """Cheap and run everywhere, root or not: the shipped files exist and parse."""
    assert os.access(DROP_FOLDER_SCRIPT, os.X_OK)
    config = REPO / "deploy" / "jupyterhub_config.py"
    compile(config.read_text(encoding="utf-8"), str(config), "exec")
