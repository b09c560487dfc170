"""Whether the project's test cloud can be used: one check for every integration suite and the benchmarks.

The cloud comes from ``bash tests/cloud/openstack.sh up``. Without it the tests skip with the reason;
SMARTNFVO_CLOUD_REQUIRED=1 (set by tests/run.sh) turns the skip into a failure. SMARTNFVO_CLOUDS_YAML names
the clouds.yaml (default /etc/openstack/clouds.yaml). No pytest import at module level: benchmarks use it too.
"""

import os
import socket

CLOUDS_YAML = os.environ.get("SMARTNFVO_CLOUDS_YAML", "/etc/openstack/clouds.yaml")
KEYSTONE = ("127.0.0.1", 5000)


def cloud_problem(clouds=("smartnfvo",)):
    """Why the cloud cannot be used with these clouds.yaml entries, or None."""
    try:
        import openstack  # noqa: F401 pylint: disable=unused-import
        import yaml
    except ImportError as exc:
        return "openstacksdk is not importable (%s)" % exc
    try:
        with open(CLOUDS_YAML, encoding="utf-8") as handle:
            entries = (yaml.safe_load(handle) or {}).get("clouds") or {}
    except OSError as exc:
        return "cannot read %s (%s); run tests/cloud/openstack.sh up" % (CLOUDS_YAML, exc.strerror)
    missing = [c for c in clouds if c not in entries]
    if missing:
        return "%s lacks %s; run tests/cloud/openstack.sh up" % (CLOUDS_YAML, ", ".join(missing))
    try:
        with socket.create_connection(KEYSTONE, timeout=3):
            pass
    except OSError as exc:
        return "Keystone does not answer on %s:%d (%s); run tests/cloud/openstack.sh up" % (KEYSTONE + (exc,))
    return None


def require_cloud(clouds=("smartnfvo",)):
    """Skip the calling test (or fail it when SMARTNFVO_CLOUD_REQUIRED=1) unless the cloud can be used."""
    import pytest
    problem = cloud_problem(clouds)
    if problem:
        if os.environ.get("SMARTNFVO_CLOUD_REQUIRED") == "1":
            pytest.fail("test cloud required but unusable: " + problem, pytrace=False)
        pytest.skip("test cloud not available: " + problem)
