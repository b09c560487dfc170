"""Fixtures for the ns/ns_info module tests against the OpenStack test cloud.

Skipped, with the reason, unless the ``smartnfvo`` cloud answers (``bash tests/cloud/openstack.sh up`` as
root); SMARTNFVO_CLOUD_REQUIRED=1 turns the skip into a failure. SMARTNFVO_CLOUDS_YAML names the clouds.yaml
(default /etc/openstack/clouds.yaml); the modules get it as OS_CLIENT_CONFIG_FILE.
"""

import json
import os
import pathlib
import secrets
import socket
import subprocess

import pytest

try:
    import yaml
    import openstack.config
    import openstack.connection
except ImportError as exc:  # pragma: no cover - depends on the venv
    IMPORT_ERROR = str(exc)
else:
    IMPORT_ERROR = None

REPO = pathlib.Path(__file__).resolve().parents[3]
CLOUDS_YAML = os.environ.get("SMARTNFVO_CLOUDS_YAML", "/etc/openstack/clouds.yaml")
CLOUD = "smartnfvo"
# The test cloud's flavors and image, for the non-admin user (nfv.small has hw:cpu_policy=dedicated).
MAPS = {"flavor_map": {"client_vdu": "m1.tiny", "fw_vdu": "nfv.small", "web_vdu": "m1.tiny"},
        "image_map": {"debian-12-generic": "smartnfvo-image"}}


def _cloud_problem():
    if IMPORT_ERROR:
        return "openstacksdk is not importable (%s)" % IMPORT_ERROR
    try:
        with open(CLOUDS_YAML) as handle:
            clouds = (yaml.safe_load(handle) or {}).get("clouds") or {}
    except OSError as exc:
        return "cannot read %s (%s); run tests/cloud/openstack.sh up" % (CLOUDS_YAML, exc.strerror)
    if CLOUD not in clouds:
        return "%s lacks cloud %s; run tests/cloud/openstack.sh up" % (CLOUDS_YAML, CLOUD)
    try:
        with socket.create_connection(("127.0.0.1", 5000), timeout=3):
            pass
    except OSError as exc:
        return "Keystone does not answer on 127.0.0.1:5000 (%s); run tests/cloud/openstack.sh up" % exc
    return None


@pytest.fixture(scope="session")
def conn():
    problem = _cloud_problem()
    if problem:
        if os.environ.get("SMARTNFVO_CLOUD_REQUIRED") == "1":
            pytest.fail("test cloud required but unusable: " + problem, pytrace=False)
        pytest.skip("test cloud not available: " + problem)
    config = openstack.config.OpenStackConfig(config_files=[CLOUDS_YAML], vendor_files=[], load_envvars=False)
    connection = openstack.connection.Connection(config=config.get_one(cloud=CLOUD))
    connection.authorize()
    yield connection
    connection.close()


def run_module(module, args, tmp_path, check=False, diff=False):
    """Run smartnfvo.nfvo.<module> in a one-task playbook with the repository's ansible.cfg, as a user would;
    returns the registered result."""
    result_file = tmp_path / "result.json"
    task = {"name": module, "smartnfvo.nfvo." + module: args, "register": "result", "ignore_errors": True}
    save = {"ansible.builtin.copy": {"content": "{{ result | to_json }}", "dest": str(result_file)}, "check_mode": False,
            "delegate_to": "localhost"}
    playbook = tmp_path / "play.yml"
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": [task, save]}]))
    command = [str(REPO / ".venv" / "bin" / "ansible-playbook"), str(playbook)]
    command += ["--check"] if check else []
    command += ["--diff"] if diff else []
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=CLOUDS_YAML, ANSIBLE_NOCOLOR="1")
    proc = subprocess.run(command, cwd=str(REPO), env=env, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0 or not result_file.exists():
        raise AssertionError("ansible-playbook failed (rc %d):\n%s\n%s" % (proc.returncode, proc.stdout, proc.stderr))
    return json.loads(result_file.read_text())


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
