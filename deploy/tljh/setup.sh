#!/usr/bin/env bash
# Prepare a The Littlest JupyterHub server for the networking_kit workshop.
# Run once as root on the TLJH machine, after TLJH itself is installed:
#
#   sudo deploy/tljh/setup.sh PACKAGE_SPEC [FACILITATOR ...]
#
#   PACKAGE_SPEC  what pip installs into the users' environment, e.g.
#                 "networking_kit @ git+https://github.com/OWNER/networking_kit@v0.1.0"
#                 (use the same tag in the nbgitpuller link you hand out)
#   FACILITATOR   hub user names (e.g. "alex") allowed to read the summaries; TLJH's
#                 system user for hub user "alex" is "jupyter-alex"
# Idempotent: run it again after adding facilitators or changing the version.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ "$(id -u)" != "0" ] || [ $# -lt 1 ]; then
  sed -n '2,13p' "$0" >&2
  exit 1
fi
spec="$1"; shift

# 1. The toolkit and nbgitpuller in the users' environment (/opt/tljh/user).
/opt/tljh/user/bin/python -m pip install --quiet "$spec" nbgitpuller

# 2. JupyterLab as the default interface, idle servers stopped after an hour.
tljh-config set user_environment.default_app jupyterlab
tljh-config set services.cull.timeout 3600

# 3. The drop folder: participants hand in, facilitators read (see deploy/README.md).
facilitators=()
for name in "$@"; do
  if id "jupyter-$name" >/dev/null 2>&1; then
    facilitators+=("jupyter-$name")
  else
    echo "Note: jupyter-$name does not exist yet (log in once as $name, then run this again)." >&2
  fi
done
bash "$here/../drop_folder.sh" /srv/networking-kit/drop nk-facilitators "${facilitators[@]}"

# 4. Tell participants' servers where the drop folder is, then reload the hub.
install -m 0644 "$here/networking_kit.py" /opt/tljh/config/jupyterhub_config.d/networking_kit.py
tljh-config reload hub
echo "Done. Facilitators' servers must be restarted to pick up their new group."
