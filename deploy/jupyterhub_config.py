# JupyterHub configuration for a workshop on one Linux machine you run yourself.
#
#   sudo jupyterhub -f deploy/jupyterhub_config.py
#
# Every participant is a real system user (create them with `useradd --create-home NAME`),
# logs in with their system password (PAM), and gets their own Jupyter server running as
# that user, so their workbook file (~/NetworkingKit/my-network.sqlite, mode 0600) is
# theirs alone. tests/test_multiuser.py loads this file, swaps the login for a test one,
# and checks all of that with real users on 127.0.0.1.
#
# Settings you may want to change come from the environment, so this file stays as is:
#   NK_HUB_BIND_URL       where the hub listens (default http://127.0.0.1:8000; put a
#                         TLS-terminating proxy in front before opening it to a network)
#   NETWORKING_KIT_DROP   the shared drop folder for summaries (deploy/drop_folder.sh)
#   NK_SINGLEUSER_PYTHON  the Python whose environment has networking_kit and jupyterhub
#                         installed (default: the one running the hub); every participant
#                         must be able to read and run it, so not under /root
#   NK_PARTICIPANTS_GROUP the system group whose members may log in (nk-participants)
#   NK_WORKBOOKS_URL      the page a participant lands on (default: the first workbook
#                         as pulled by the nbgitpuller link in deploy/README.md)
# ruff: noqa: F821  (`c` is provided by JupyterHub when it reads this file)

import os
import sys

c = get_config()

c.JupyterHub.bind_url = os.environ.get("NK_HUB_BIND_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"

# One system user per participant; servers run as that user.
c.JupyterHub.authenticator_class = "pam"
c.JupyterHub.spawner_class = "localprocess"
# Who may log in: members of one system group (`usermod -aG nk-participants NAME`).
c.Authenticator.allow_all = False
c.LocalAuthenticator.allowed_groups = {os.environ.get("NK_PARTICIPANTS_GROUP", "nk-participants")}
c.LocalAuthenticator.create_system_users = False

python = os.environ.get("NK_SINGLEUSER_PYTHON", sys.executable)
# JupyterHub's single-user server, started through networking_kit so that JupyterLab gets
# the workshop's extension (the workbooks draw their forms on open and never count as
# changed), its pre-save hook (a workbook is never saved with outputs) and its settings,
# as with `networking-kit start` (networking_kit/lab_server.py).
c.Spawner.cmd = [python, "-m", "networking_kit.lab_server"]
c.Spawner.default_url = os.environ.get(
    "NK_WORKBOOKS_URL", "/lab/tree/networking_kit/workbooks/00_start_here.ipynb")
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# The workbook file stays at its default, in the participant's own home folder.
# Only the drop folder is passed on (NETWORKING_KIT_DB is not in the spawner's env_keep,
# so a value in the hub's environment cannot point everyone at one file).
drop = os.environ.get("NETWORKING_KIT_DROP")
if drop:
    c.Spawner.environment = {"NETWORKING_KIT_DROP": drop}

# Stop participants' servers with the hub, and idle kernels after a while.
c.JupyterHub.cleanup_servers = True
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_interval=300",
    # The upload button sends a whole file in one websocket message and the server's
    # default limit (10 MB) drops bigger ones silently: a phone's address book with photos
    # is often bigger. 101 MB matches networking_kit.importers.UPLOAD_MAX_BYTES.
    '--ServerApp.tornado_settings={"websocket_max_message_size": 105906176}',
]
