"""Fixtures for the tests against the real OpenStack test cloud.

The cloud is brought up by ``bash tests/cloud/openstack.sh up``.  When it is
not there (no ``smartnfvo`` entry in clouds.yaml, or Keystone does not answer
on 127.0.0.1:5000) every test here is skipped, so the suite is harmless on
other machines.  Set SMARTNFVO_CLOUD_REQUIRED=1 to turn that skip into a
failure (for CI, where the cloud must be up).

Environment:
  SMARTNFVO_CLOUDS_YAML        clouds.yaml to read (/etc/openstack/clouds.yaml)
  SMARTNFVO_CLOUD_REQUIRED=1   fail instead of skip when the cloud is missing
  SMARTNFVO_CLOUD_TEST_DOWN=1  also run the test that calls openstack.sh down
"""

import os
import secrets
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cloud_probe import CLOUDS_YAML, cloud_problem, require_cloud  # noqa: E402

try:
    import openstack
    import openstack.config
    import openstack.connection
except ImportError:  # cloud_probe reports it, and the tests skip
    openstack = None

MEMBER_CLOUD = "smartnfvo"
ADMIN_CLOUD = "smartnfvo-admin"
IMAGE_NAME = "smartnfvo-image"
FLAVOR_NAME = "m1.tiny"


@pytest.fixture(scope="session")
def cloud_ready():
    require_cloud((MEMBER_CLOUD, ADMIN_CLOUD))
    return True


def _connect(cloud):
    # Read exactly our clouds.yaml: a ~/.config/openstack/clouds.yaml or
    # ./clouds.yaml would otherwise shadow /etc/openstack/clouds.yaml.
    config = openstack.config.OpenStackConfig(
        config_files=[CLOUDS_YAML], vendor_files=[], load_envvars=False)
    return openstack.connection.Connection(
        config=config.get_one(cloud=cloud))


@pytest.fixture(scope="session")
def member_connection_if_up():
    """A callable returning a member connection, or None when the cloud is
    not usable (for end-of-run cleanup, which must never skip or fail)."""
    def factory():
        if cloud_problem((MEMBER_CLOUD, ADMIN_CLOUD)):
            return None
        return _connect(MEMBER_CLOUD)
    return factory


@pytest.fixture(scope="session")
def conn(cloud_ready):
    """openstacksdk connection as the non-admin ``smartnfvo`` member."""
    connection = _connect(MEMBER_CLOUD)
    connection.authorize()
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def admin_conn(cloud_ready):
    """openstacksdk connection as the cloud admin (checks only)."""
    connection = _connect(ADMIN_CLOUD)
    connection.authorize()
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def run_prefix():
    """Unique per test run: every resource name starts with it."""
    return "smartnfvo-test-%s" % secrets.token_hex(4)


@pytest.fixture(scope="session")
def image(conn):
    found = [i for i in conn.image.images(name=IMAGE_NAME)
             if i.status == "active"]
    assert found, "public test image %r not visible to %s" % (
        IMAGE_NAME, MEMBER_CLOUD)
    return found[0]


@pytest.fixture(scope="session")
def flavor(conn):
    found = [f for f in conn.compute.flavors() if f.name == FLAVOR_NAME]
    assert found, "flavor %r missing" % FLAVOR_NAME
    return found[0]
