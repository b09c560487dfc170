"""The third-party descriptor corpus in ../shared/descriptors, read from its INDEX.md and PAIRS.json."""
import json
import os

import pytest

from repo import REPO  # noqa: E402
SHARED = os.environ.get("SMARTNFVO_SHARED_DESCRIPTORS", os.path.join(os.path.dirname(REPO), "shared", "descriptors"))
MISSING = "third-party descriptors not found at %s (team-only test data in ../shared)" % SHARED


def units():
    """(unit path, 'accept' or 'reject') for every row of INDEX.md."""
    index = os.path.join(SHARED, "INDEX.md")
    if not os.path.isfile(index):
        return []
    rows = []
    with open(index, encoding="utf-8") as handle:
        for line in handle:
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 6 and cells[1].startswith("`"):
                rows.append((cells[1].strip("`"), "accept" if cells[5].startswith("accept") else "reject"))
    return rows


def pairs():
    path = os.path.join(SHARED, "PAIRS.json")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def shared_path(rel):
    return os.path.join(SHARED, "dev", rel) if not rel.startswith("dev/") else os.path.join(SHARED, rel)


def require_corpus():
    if not os.path.isdir(SHARED):
        pytest.skip(MISSING)
