#!/usr/bin/env bash
# ansible-lint (profile production, see .ansible-lint) on the roles, playbooks, the VNF packages' Scripts/
# playbooks and the plugins' EXAMPLES, offline: nothing is installed and no Galaxy server is asked.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
# ansible-lint finds this collection through the repository's own linked path (as ansible.cfg does).
export ANSIBLE_COLLECTIONS_PATH="$PWD/.collections"
exec ansible-lint --offline --nocolor --profile production "$@"
