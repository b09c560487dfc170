"""Whether the test cloud can be used by the inventory tests and bench (no pytest here: the bench imports it)."""

import os
import socket

CLOUDS_YAML = os.environ.get("SMARTNFVO_CLOUDS_YAML", "/etc/openstack/clouds.yaml")


def cloud_problem():
    """Why the cloud cannot be used, or None."""
    try:
        import openstack  # noqa: F401
        import yaml
    except ImportError as exc:
        return "openstacksdk is not importable (%s)" % exc
    try:
        with open(CLOUDS_YAML) as handle:
            clouds = (yaml.safe_load(handle) or {}).get("clouds") or {}
    except OSError as exc:
        return "cannot read %s (%s); run tests/cloud/openstack.sh up" % (CLOUDS_YAML, exc.strerror)
    if "smartnfvo-admin" not in clouds:
        return "%s lacks smartnfvo-admin; run tests/cloud/openstack.sh up" % CLOUDS_YAML
    try:
        with socket.create_connection(("127.0.0.1", 5000), timeout=3):
            pass
    except OSError as exc:
        return "Keystone does not answer on 127.0.0.1:5000 (%s); run tests/cloud/openstack.sh up" % exc
    return None
