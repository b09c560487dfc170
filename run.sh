#!/usr/bin/env bash
# The main job: install what SmartNFVO needs, then run it on the collection's sample NS.
# Until the embedded local VIM lands, the main job validates and plans the sample NS (no VIM touched).
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
exec .venv/bin/ansible-playbook playbooks/validate_ns.yml "$@"
