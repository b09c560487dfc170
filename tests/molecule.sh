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
scenarios=("$@")
if [ ${#scenarios[@]} = 0 ]; then
    for f in extensions/molecule/*/molecule.yml; do scenarios+=("$(basename "$(dirname "$f")")"); done
fi
for s in "${scenarios[@]}"; do
    molecule test -s "$s"
done
