#!/usr/bin/env bash
# Molecule scenarios of the collection (extensions/molecule/*): each converges a role on the embedded local
# VIM, checks idempotence, verifies over SSH and terminates. They need root (the local VIM); without it they
# are skipped with the reason. Usage: tests/molecule.sh [scenario ...] (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH:/usr/sbin:/sbin"
# Plain text in CI logs (molecule colours its output even without a terminal).
export NO_COLOR=1 PY_COLORS=0 ANSIBLE_NOCOLOR=1
if [ "$(id -u)" != 0 ]; then
    echo "skipped: the molecule scenarios need root (the local VIM)"
    exit 0
fi
# Nothing is left in the home directory: molecule's runtime (ansible-compat, not isolated) installs the
# collection into $ANSIBLE_HOME/collections (default ~/.ansible; the scenarios use .collections, see
# molecule.yml) and keeps each scenario's state in $ANSIBLE_HOME/tmp, as ansible keeps its local temp files;
# ansible's SSH control sockets and remote temp files default to ~/.ansible/cp and ~/.ansible/tmp (also on the
# local VIM's hosts, which share the host's /root but have a /tmp of their own); Python tools cache in
# $XDG_CACHE_HOME (~/.cache). All of it goes to a temporary directory, removed on exit whatever the outcome.
left=~/.ansible/collections/ansible_collections/smartnfvo
[ -e "$left" ] && left=  # not ours: only a copy this run leaves is a failure
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ANSIBLE_HOME="$tmp/ansible" ANSIBLE_SSH_CONTROL_PATH_DIR="$tmp/ansible/cp" \
    ANSIBLE_REMOTE_TMP="$tmp/ansible/remote_tmp" XDG_CACHE_HOME="$tmp/cache"
scenarios=("$@")
if [ ${#scenarios[@]} = 0 ]; then
    for f in extensions/molecule/*/molecule.yml; do scenarios+=("$(basename "$(dirname "$f")")"); done
fi
for s in "${scenarios[@]}"; do
    molecule test -s "$s"
done
if [ -n "$left" ] && [ -e "$left" ]; then
    echo "FAILED: molecule left a copy of the collection in $left" >&2
    exit 1
fi
