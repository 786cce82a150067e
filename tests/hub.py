"""A real JupyterHub on 127.0.0.1 with throwaway system users, for tests/test_multiuser.py.

Nothing here is imported by the package. Every wait has a limit, and everything started
is stopped by ``Hub.stop`` and ``SystemUsers.remove`` even when a test fails half-way.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEPLOY_CONFIG = REPO / "deploy" / "jupyterhub_config.py"
DROP_FOLDER_SCRIPT = REPO / "deploy" / "drop_folder.sh"
LOCALHOST = "127.0.0.1"


class Deadline:
    """One time budget shared by every wait in a run."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self, cap: float | None = None) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the multi-user test ran out of its time budget")
        return min(remaining, cap) if cap else remaining


def missing_requirement() -> str | None:
    """Why this machine cannot run the hub test, or None when it can."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root (creates system users and runs JupyterHub's local-process spawner)"
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "runuser", "pkill"):
        if not shutil.which(tool):
            return f"`{tool}` is not installed"
    if not shutil.which("configurable-http-proxy"):
        return ("`configurable-http-proxy` is not installed "
                "(run scripts/ci_root_setup.sh, which does `npm install -g`)")
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed in this environment (pip install -e '.[test]')"
    if not (Path(sys.prefix) / "bin" / "jupyterhub").exists():
        return f"no jupyterhub command in {sys.prefix}/bin"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCALHOST, 0))
        return probe.getsockname()[1]


def run(command: list[str], *, timeout: float = 60, check: bool = True,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Found on root's PATH, whatever PATH the command itself is given.
    command = [shutil.which(command[0]) or command[0], *command[1:]]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                            env=env, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


# ------------------------------------------------------------------------- system users

@dataclass
class SystemUsers:
    """Throwaway system users and groups, created here and removed in ``remove``."""

    users: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add_user(self, name: str) -> str:
        run(["useradd", "--create-home", "--shell", "/bin/sh", name])
        self.users.append(name)
        return name

    def add_group(self, name: str) -> str:
        run(["groupadd", name])
        self.groups.append(name)
        return name

    def home(self, name: str) -> Path:
        import pwd

        return Path(pwd.getpwnam(name).pw_dir)

    def as_user(self, name: str, command: list[str], timeout: float = 60,
                ) -> subprocess.CompletedProcess[str]:
        """Run ``command`` as ``name`` with a clean environment and their own home."""
        env = {"HOME": str(self.home(name)), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        return run(["runuser", "-u", name, "--", *command], timeout=timeout, check=False,
                   env=env)

    def remove(self) -> list[str]:
        """Stop everything these users run, then delete them with their homes."""
        problems = []
        for name in self.users:
            # Only processes owned by the throwaway users this test created.
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True,
                               check=False, timeout=30)
        time.sleep(0.5)
        for name in self.users:
            result = subprocess.run(["userdel", "-r", name], capture_output=True, text=True,
                                    check=False, timeout=30)
            if result.returncode not in (0, 12):  # 12: home could not be removed fully
                problems.append(f"userdel {name}: {result.stderr.strip()}")
        for name in self.groups:
            result = subprocess.run(["groupdel", name], capture_output=True, text=True,
                                    check=False, timeout=30)
            if result.returncode != 0:
                problems.append(f"groupdel {name}: {result.stderr.strip()}")
        return problems


def user_python(users: SystemUsers, probe_user: str, workdir: Path) -> str:
    """A Python that ``probe_user`` can run and that imports networking_kit and jupyterhub.

    The project's own interpreter when other users can run it. When it cannot (a pyenv
    build under /root, mode 0700), a venv on the system's Python of the same minor
    version, whose .pth adds this environment's site-packages: readable by everyone, and
    the same packages the rest of the tests use. Jupyter's data and config folders
    (JupyterLab's pages, and the switch that loads it into the server) live beside an
    environment, not in its site-packages: the venv links to this environment's.
    """
    probe = ["-c", "import networking_kit, jupyterhub.singleuser, ipykernel"]
    if users.as_user(probe_user, [sys.executable, *probe]).returncode == 0:
        return sys.executable
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    system_python = shutil.which(f"python{version}", path="/usr/bin:/usr/local/bin:/bin")
    if not system_python:
        raise LookupError(
            f"other users cannot run {sys.executable} and there is no system "
            f"python{version} to build a shared environment on")
    venv = workdir / "participant-python"
    run([system_python, "-m", "venv", "--without-pip", str(venv)])
    site_packages = Path(next(p for p in sys.path if p.endswith("site-packages")))
    target = next((venv / "lib").glob("python*/site-packages"))
    (target / "_networking_kit_project.pth").write_text(
        f"import site; site.addsitedir({str(site_packages)!r})\n")
    for folder in ("share/jupyter", "etc/jupyter"):
        if (Path(sys.prefix) / folder).is_dir():
            (venv / folder).parent.mkdir(parents=True, exist_ok=True)
            (venv / folder).symlink_to(Path(sys.prefix) / folder)
    python = str(venv / "bin" / "python")
    result = users.as_user(probe_user, [python, *probe])
    if result.returncode != 0:
        raise LookupError(f"participants cannot import the toolkit with {python}: "
                          f"{result.stderr.strip()[-500:]}")
    return python


# --------------------------------------------------------------------------------- hub

class Hub:
    """JupyterHub from this environment, configured by deploy/jupyterhub_config.py."""

    def __init__(self, workdir: Path, *, singleuser_python: str, drop: Path):
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://{LOCALHOST}:{self.port}"
        self.token = secrets.token_hex(32)
        self.singleuser_python = singleuser_python
        self.drop = drop
        self.process: subprocess.Popen[bytes] | None = None
        self.log = workdir / "jupyterhub.log"

    def write_config(self) -> Path:
        config = self.workdir / "jupyterhub_test_config.py"
        config.write_text(f"""\
# Generated by tests/hub.py: the shipped deploy config, with a test login and ports.
import os
os.environ["NETWORKING_KIT_DROP"] = {str(self.drop)!r}
os.environ["NK_HUB_BIND_URL"] = {self.url!r}
os.environ["NK_SINGLEUSER_PYTHON"] = {self.singleuser_python!r}
load_subconfig({str(DEPLOY_CONFIG)!r})
c = get_config()
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = {secrets.token_hex(16)!r}
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///{self.workdir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(self.workdir / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(self.workdir / 'jupyterhub.pid')!r}
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.JupyterHub.services = [{{"name": "nk-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "nk-test",
    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users"],
    "services": ["nk-test"],
}}]
""")
        return config

    def start(self, deadline: Deadline) -> None:
        config = self.write_config()
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETWORKING_KIT_")}
        env["PATH"] = f"{Path(sys.prefix) / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.prefix) / "bin" / "jupyterhub"), "-f", str(config)],
                cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True)
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.process.returncode}):\n"
                                   + self.log_tail())
            with contextlib.suppress(OSError, urllib.error.URLError):
                if self.api("GET", "/hub/api/", timeout=2) is not None:
                    return
            time.sleep(0.3)
            deadline.left()

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def api(self, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 (always http://127.0.0.1)
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            text = response.read().decode()
        return json.loads(text) if text.strip() else {}

    def page(self, path: str, timeout: float = 30) -> str:
        """A page (HTML) from the hub or a user's server, with the test's token."""
        request = urllib.request.Request(  # noqa: S310 (always http://127.0.0.1)
            self.url + path, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.read().decode(errors="replace")

    def start_server(self, name: str, deadline: Deadline) -> None:
        self.api("POST", f"/hub/api/users/{name}")
        self.api("POST", f"/hub/api/users/{name}/server")
        while True:
            model = self.api("GET", f"/hub/api/users/{name}")
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if model.get("pending") is None and not server:
                raise RuntimeError(f"{name}'s server did not start:\n{self.log_tail()}")
            time.sleep(0.5)
            deadline.left()

    def stop_server(self, name: str, deadline: Deadline) -> None:
        with contextlib.suppress(urllib.error.HTTPError):
            self.api("DELETE", f"/hub/api/users/{name}/server")
        while deadline.left() and self.api("GET", f"/hub/api/users/{name}").get("servers"):
            time.sleep(0.3)

    def stop(self) -> None:
        """Stop the hub (which stops the proxy and servers), forcefully if it lingers."""
        if self.process is None:
            return
        proxy_pid_file = self.workdir / "jupyterhub-proxy.pid"
        proxy_pid = (int(proxy_pid_file.read_text().strip())
                     if proxy_pid_file.exists() else None)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # The proxy runs in its own session: stop it by the id the hub recorded.
        if proxy_pid is not None:
            with contextlib.suppress(ProcessLookupError, FileNotFoundError):
                cmdline = Path(f"/proc/{proxy_pid}/cmdline").read_bytes()
                if b"configurable-http-proxy" in cmdline:
                    os.kill(proxy_pid, signal.SIGKILL)
        self.process = None


# ---------------------------------------------------------------------- kernel client

@dataclass
class Execution:
    status: str
    stdout: str
    error: str


class RemoteKernel:
    """A kernel in a user's own server, driven over the server's websocket API."""

    def __init__(self, hub: Hub, user: str, deadline: Deadline):
        import websocket  # websocket-client, a dependency of jupyter_server

        self.hub = hub
        self.user = user
        self.deadline = deadline
        model = hub.api("POST", f"/user/{user}/api/kernels", {"name": "python3"})
        self.kernel_id = model["id"]
        self.session = uuid.uuid4().hex
        ws_url = (hub.url.replace("http://", "ws://")
                  + f"/user/{user}/api/kernels/{self.kernel_id}/channels"
                  + f"?session_id={self.session}")
        self.socket = websocket.create_connection(
            ws_url, header=[f"Authorization: token {hub.token}"],
            timeout=deadline.left(60))

    def execute(self, code: str, timeout: float = 120) -> Execution:
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        stdout, error, status, idle = [], "", None, False
        end = time.monotonic() + timeout
        while status is None or not idle:
            self.socket.settimeout(max(0.1, min(end - time.monotonic(), self.deadline.left())))
            if time.monotonic() > end:
                raise TimeoutError(f"cell did not finish in {timeout} s in {self.user}'s kernel")
            message = _decode(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["header"]["msg_type"], message["content"]
            if kind == "stream" and content.get("name") == "stdout":
                stdout.append(content["text"])
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "execute_reply":
                status = content["status"]
                if status != "ok" and not error:
                    error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        return Execution(status, "".join(stdout), error)

    def shutdown(self) -> None:
        with contextlib.suppress(Exception):
            self.socket.close()
        with contextlib.suppress(Exception):
            self.hub.api("DELETE", f"/user/{self.user}/api/kernels/{self.kernel_id}")


def _decode(frame: str | bytes) -> dict[str, Any]:
    """A websocket frame of Jupyter's default (JSON, or offsets + buffers) protocol."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4:4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end])


def notebook_code_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"]
            if cell["cell_type"] == "code"]
