"""The sample NS's playbooks on the test cloud (-e vim=smartnfvo): instantiate_ns.yml creates the NS and, as the
fake hypervisor runs no guest, skips the VNFs' configuration with a message naming the hosts; terminate_ns.yml
(whose terminate_start hooks are skipped the same way) leaves nothing tagged with the NS.

Run with the cloud lock held: flock /tmp/smartnfvo-cloud.lock .venv/bin/python -m pytest tests/integration/openstack/test_sample_playbooks.py
"""

import os
import sys

import pytest

from conftest import CLOUD, CLOUDS_YAML, MAPS, REPO, run_module

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lcm"))
from lcm_helpers import recap, run_playbook  # noqa: E402

pytest.importorskip("openstack", reason="openstacksdk is not installed")

PLAYBOOKS = REPO / "playbooks"
SAMPLE = str(REPO / "descriptors" / "sample_ns")
HOSTS = ("client-client-vdu-0", "firewall-fw-vdu-0", "web-web-vdu-0")


def tagged(conn, ns_id):
    tag = "smartnfvo:ns=" + ns_id
    return {"network": list(conn.network.networks(tags=tag)), "subnet": list(conn.network.subnets(tags=tag)),
            "port": list(conn.network.ports(tags=tag)), "server": list(conn.compute.servers(tags=tag))}


def test_sample_playbooks_instantiate_and_terminate_on_openstack(conn, run_id, tmp_path):
    ns_name = "pb-%s" % run_id
    key_dir = tmp_path / "keys"
    params = dict(MAPS, key_dir=str(key_dir))
    extra = {"vim": CLOUD, "ns_name": ns_name, "params": params, "ssh_timeout": 5}
    env = {"OS_CLIENT_CONFIG_FILE": CLOUDS_YAML}
    ns_id = run_module("ns", dict(MAPS, cloud=CLOUD, path=SAMPLE, ns_name=ns_name, key_dir=str(key_dir)), tmp_path,
                       check=True)["ns_instance_id"]
    try:
        proc = run_playbook(PLAYBOOKS / "instantiate_ns.yml", extra, env=env)
        assert recap(proc.stdout)["localhost"]["failed"] == 0
        for host in HOSTS:
            assert "instantiate_end skipped on %s-%s: no SSH answer within 5 s" % (ns_name, host) in proc.stdout, proc.stdout[-6000:]
        found = tagged(conn, ns_id)
        assert sorted(s.name for s in found["server"]) == sorted("%s-%s" % (ns_name, h) for h in HOSTS)
        assert all(s.status == "ACTIVE" for s in found["server"])
    finally:
        proc = run_playbook(PLAYBOOKS / "terminate_ns.yml", extra, env=env, check=False)
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert "terminate_start skipped on %s-%s" % (ns_name, HOSTS[0]) in proc.stdout
    assert all(not found for found in tagged(conn, ns_id).values())
    assert conn.compute.find_keypair("smartnfvo-%s-%s" % (ns_name, ns_id[:8])) is None
