#!/usr/bin/env bash
# Create the shared drop folder where participants hand in their anonymised summary.
#
#   sudo deploy/drop_folder.sh [FOLDER] [GROUP] [FACILITATOR_USER ...]
#   defaults: FOLDER=/srv/networking-kit/drop  GROUP=nk-facilitators
#
# What the permissions give (checked by tests/test_multiuser.py with real system users):
#   folder  root:GROUP  mode 3753  (drwxr-s-wt)
#     - others (participants) have write+execute but no read: they can create a file in
#       it, but cannot list the folder;
#     - the sticky bit (t): nobody but a file's owner (or root) can delete or rename over
#       a file, so one participant cannot remove or replace another's summary;
#     - the setgid bit (s): every new file belongs to GROUP, whoever creates it;
#     - GROUP has read+execute: facilitators list the folder and read the summaries, but
#       cannot add or delete files.
#   files   participant:GROUP  mode 0640, written by networking_kit (share_summary);
#     - other participants cannot read a summary even if they guess its name.
# Idempotent: run it again to repair the permissions or to add facilitators.
set -euo pipefail

folder="${1:-/srv/networking-kit/drop}"
group="${2:-nk-facilitators}"
shift $(( $# > 2 ? 2 : $# ))

if [ "$(id -u)" != "0" ]; then
  echo "Run this as root (sudo): it creates a group and sets ownership." >&2
  exit 1
fi

getent group "$group" >/dev/null || groupadd --system "$group"
for user in "$@"; do
  usermod --append --groups "$group" "$user"
done

mkdir -p "$folder"
# Every folder above the drop folder must let participants through (x), not list (r).
parent="$(dirname "$folder")"
while [ "$parent" != "/" ]; do
  mode="$(stat -c %a "$parent")"
  if [ $(( 8#$mode & 8#001 )) -eq 0 ]; then
    echo "Note: $parent is not searchable by others (mode $mode); adding o+x so participants can reach $folder." >&2
    chmod o+x "$parent"
  fi
  parent="$(dirname "$parent")"
done

chown root:"$group" "$folder"
chmod 3753 "$folder"
# No access control lists that could widen the modes above.
if command -v setfacl >/dev/null 2>&1; then
  setfacl --remove-all --remove-default "$folder" 2>/dev/null || true
fi

echo "Drop folder ready: $(stat -c '%A %U:%G %n' "$folder")"
echo "Participants' servers need NETWORKING_KIT_DROP=$folder in their environment."
echo "Facilitators in group $group: $(getent group "$group" | cut -d: -f4)"
