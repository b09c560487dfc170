"""Fixtures for the vnfs inventory plugin against the real OpenStack test cloud.

Everything happens in a project and user of its own (created with the admin entry, deleted at the end), so the
NS lifecycle tests in the ``smartnfvo`` project neither see these resources nor get disturbed by them.
Skipped when the cloud is not up; SMARTNFVO_CLOUD_REQUIRED=1 turns the skip into a failure.
"""

import os
import sys

import pytest

from repo import REPO  # noqa: E402
sys.path.insert(0, os.path.join(REPO, ".collections"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from cloud_probe import require_cloud  # noqa: E402


@pytest.fixture(scope="module")
def cloud_ready():
    require_cloud(("smartnfvo-admin",))


@pytest.fixture(scope="module")
def project(cloud_ready, tmp_path_factory):
    """An isolated project with a member user; emptied and deleted afterwards, even when a test fails."""
    import vim_builder
    isolated = vim_builder.IsolatedProject("smartnfvo-inv-test", str(tmp_path_factory.mktemp("cloud")))
    yield isolated
    errors = isolated.close()
    assert not errors, "cleanup of project %s left: %s" % (isolated.name, errors)
