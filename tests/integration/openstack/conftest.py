"""Fixtures for the ns/ns_info module tests against the OpenStack test cloud.

Skipped, with the reason, unless the ``smartnfvo`` cloud answers (``bash tests/cloud/openstack.sh up`` as
root); SMARTNFVO_CLOUD_REQUIRED=1 turns the skip into a failure. SMARTNFVO_CLOUDS_YAML names the clouds.yaml
(default /etc/openstack/clouds.yaml); the modules get it as OS_CLIENT_CONFIG_FILE.
"""

import json
import os
import pathlib

import repo
import secrets
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cloud_probe import CLOUDS_YAML, require_cloud  # noqa: E402

try:
    import openstack.config
    import openstack.connection
except ImportError:  # cloud_probe reports it, and the tests skip
    pass

REPO = pathlib.Path(repo.REPO)
CLOUD = "smartnfvo"
# The test cloud's flavors and image, for the non-admin user (nfv.small has hw:cpu_policy=dedicated).
MAPS = {"flavor_map": {"client_vdu": "m1.tiny", "fw_vdu": "nfv.small", "web_vdu": "m1.tiny"},
        "image_map": {"debian-12-generic": "smartnfvo-image"}}


@pytest.fixture(scope="session")
def conn():
    require_cloud((CLOUD,))
    config = openstack.config.OpenStackConfig(config_files=[CLOUDS_YAML], vendor_files=[], load_envvars=False)
    connection = openstack.connection.Connection(config=config.get_one(cloud=CLOUD))
    connection.authorize()
    yield connection
    connection.close()


def run_module(module, args, tmp_path, check=False, diff=False, clouds_yaml=None):
    """Run smartnfvo.nfvo.<module> in a one-task playbook with the repository's ansible.cfg, as a user would;
    returns the registered result. clouds_yaml: another clouds.yaml than the test cloud's."""
    result_file = tmp_path / "result.json"
    task = {"name": module, "smartnfvo.nfvo." + module: args, "register": "result", "ignore_errors": True}
    save = {"ansible.builtin.copy": {"content": "{{ result | to_json }}", "dest": str(result_file)}, "check_mode": False,
            "delegate_to": "localhost"}
    playbook = tmp_path / "play.yml"
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": [task, save]}]))
    command = [str(REPO / ".venv" / "bin" / "ansible-playbook"), str(playbook)]
    command += ["--check"] if check else []
    command += ["--diff"] if diff else []
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(clouds_yaml or CLOUDS_YAML), ANSIBLE_NOCOLOR="1")
    proc = subprocess.run(command, cwd=str(REPO), env=env, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0 or not result_file.exists():
        raise AssertionError("ansible-playbook failed (rc %d):\n%s\n%s" % (proc.returncode, proc.stdout, proc.stderr))
    return json.loads(result_file.read_text())


def tagged(conn, ns_id):
    """What the cloud holds of an NS by its tag, read directly (not through the collection)."""
    tag = "smartnfvo:ns=" + ns_id
    return {"network": list(conn.network.networks(tags=tag)), "subnet": list(conn.network.subnets(tags=tag)),
            "port": list(conn.network.ports(tags=tag)), "server": list(conn.compute.servers(tags=tag))}


@pytest.fixture(scope="session")
def run_id():
    return secrets.token_hex(3)


@pytest.fixture(scope="session")
def admin_conn(conn):
    """The cloud admin, only to inject faults (reset a server to ERROR) that a member cannot."""
    config = openstack.config.OpenStackConfig(config_files=[CLOUDS_YAML], vendor_files=[], load_envvars=False)
    connection = openstack.connection.Connection(config=config.get_one(cloud=CLOUD + "-admin"))
    yield connection
    connection.close()
