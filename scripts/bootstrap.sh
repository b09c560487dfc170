#!/usr/bin/env bash
# Installs what SmartNFVO needs on a Debian 12 machine (as root) into .venv at the repository root.
# Idempotent: a second run only checks. Usage: scripts/bootstrap.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
dev=0
[ "${1:-}" = "--dev" ] && dev=1

log() { printf '[bootstrap] %s\n' "$*"; }

# Debian packages, only those whose command is missing: Python and git for .venv; the embedded local VIM's
# tools (ip, sshd, ssh, nft, unshare, setsid) and what the sample VNFs' day-1 playbooks run in its namespaces
# (sysctl, nft, ip, python3). Installing openssh-server also enables the host's own sshd (harmless here).
need_apt=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
for pair in python3:python3 git:git ip:iproute2 sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client \
            nft:nftables sysctl:procps unshare:util-linux setsid:util-linux; do
    have "${pair%%:*}" || need_apt+=("${pair#*:}")
done
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
    mapfile -t need_apt < <(printf '%s\n' "${need_apt[@]}" | sort -u)
    log "installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    log "creating virtual environment .venv"
    python3 -m venv .venv
fi

reqs=requirements.txt
[ "$dev" = 1 ] && reqs=requirements-dev.txt
stamp=.venv/.smartnfvo-$(basename "$reqs" .txt).sha256
want=$(cat requirements.txt "$reqs" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing Python packages from $reqs"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "$reqs"
    echo "$want" > "$stamp"
else
    log "Python packages up to date ($reqs)"
fi

# ansible finds the collection through this path (see ansible.cfg): .collections/ansible_collections/smartnfvo/nfvo -> repo
mkdir -p .collections/ansible_collections/smartnfvo
ln -sfn "$repo" .collections/ansible_collections/smartnfvo/nfvo
log "ready: $(.venv/bin/ansible --version | head -n 1)"
