#!/usr/bin/env bash
# What only root can install for the multi-user JupyterHub test (tests/test_multiuser.py).
# Idempotent: each step checks first and does nothing when it is already in place.
# Without root it prints why and does nothing (the hub test then skips, with its reason).
#
#   configurable-http-proxy  JupyterHub's proxy, from npm, pinned (needs Node.js >= 20)
#   useradd/runuser/pkill    throwaway participants (passwd, util-linux, procps)
#   python3.X-venv           a Python every participant can run, when the project's own
#                            interpreter lives where other users cannot reach (e.g. /root)
set -euo pipefail

CHP_VERSION="5.3.0"   # checked here with Node.js 20.20 and jupyterhub 6.1.1

if [ "$(id -u)" != "0" ]; then
  echo "ci_root_setup: not root, nothing installed (the multi-user hub test will skip)." >&2
  exit 0
fi

apt_packages=()
command -v useradd >/dev/null 2>&1 || apt_packages+=(passwd)
command -v runuser >/dev/null 2>&1 || apt_packages+=(util-linux)
command -v pkill   >/dev/null 2>&1 || apt_packages+=(procps)
command -v npm     >/dev/null 2>&1 || apt_packages+=(nodejs npm)
py_minor="$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
if [ -x "/usr/bin/python${py_minor}" ] \
   && ! "/usr/bin/python${py_minor}" -c 'import ensurepip' >/dev/null 2>&1; then
  apt_packages+=("python${py_minor}-venv")
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "ci_root_setup: Node.js >= 20 is needed for configurable-http-proxy ${CHP_VERSION};" \
       "found $(node --version 2>/dev/null || echo none). Install a newer Node.js." >&2
  exit 1
fi

installed="$(configurable-http-proxy --version 2>/dev/null || true)"
if [ "$installed" != "$CHP_VERSION" ]; then
  npm install -g --no-fund --no-audit --loglevel=error "configurable-http-proxy@${CHP_VERSION}"
fi
echo "ci_root_setup: configurable-http-proxy $(configurable-http-proxy --version)," \
     "node $(node --version)"
