#!/usr/bin/env bash
# The main job, on a Debian 12 machine as root: install what SmartNFVO needs (Debian packages, .venv), then
# instantiate the collection's sample NS on the embedded local VIM and configure its VNFs over SSH:
#   ansible-playbook playbooks/instantiate_ns.yml
# Arguments go to ansible-playbook, for example -e ns_name=demo, or -e vim=<clouds.yaml cloud> -e @params.yml.
# Re-running changes nothing; playbooks/terminate_ns.yml removes the NS.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
exec .venv/bin/ansible-playbook playbooks/instantiate_ns.yml "$@"
