#!/usr/bin/env bash
# ansible-test must run from .../ansible_collections/smartnfvo/nfvo, and it resolves symbolic links,
# so the collection's files (as git sees them, tracked or not ignored) are copied into a temp tree.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest="$tmp/ansible_collections/smartnfvo/nfvo"
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' \
    | tar --null -T - -cf - | tar -xf - -C "$dest"
# ansible-test keeps its sanity venvs and the pip bootstrap script it caches in ~/.ansible/test (paths it
# expands from HOME), ansible its files in ~/.ansible: all of it goes to a temporary HOME, removed with the
# tree. The user's configuration stays in force (pip's index settings are in $XDG_CONFIG_HOME/pip).
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
left=~/.ansible/collections/ansible_collections/smartnfvo
[ -e "$left" ] && left=  # not ours: only a copy this run leaves is a failure
export HOME="$tmp/home"
# ansible-test bootstraps pip in its venvs with a script it downloads; use the offline stand-in instead.
pip_version=$("$repo/.venv/bin/python" -c 'import re, ansible_test, os; p = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py"); print(re.search(r"pip=.([0-9.]+).", open(p).read()).group(1))')
mkdir -p "$HOME/.ansible/test/cache"
cp "$repo/tests/sanity/get_pip_offline.py" "$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
cd "$dest"
# --requirements lets ansible-test install each test's own pinned tools into its own venvs.
"$repo/.venv/bin/ansible-test" sanity --venv --requirements --python 3.11 --color no "$@"
if [ -n "$left" ] && [ -e "$left" ]; then
    echo "FAILED: ansible-test sanity left a copy of the collection in $left" >&2
    exit 1
fi
