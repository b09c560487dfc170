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
# ansible-test bootstraps pip in its venvs with a script it downloads; use the offline stand-in instead.
pip_version=$("$repo/.venv/bin/python" -c 'import re, ansible_test, os; p = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py"); print(re.search(r"pip=.([0-9.]+).", open(p).read()).group(1))')
mkdir -p ~/.ansible/test/cache
cp "$repo/tests/sanity/get_pip_offline.py" ~/.ansible/test/cache/"get_pip_${pip_version//./_}.py"
cd "$dest"
# --requirements lets ansible-test install each test's own pinned tools into its own venvs.
"$repo/.venv/bin/ansible-test" sanity --venv --requirements --python 3.11 --color no "$@"
