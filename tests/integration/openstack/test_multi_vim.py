"""Per-VNF VIM and availability zone (vnf_vims, availability_zone) on the OpenStack test cloud.

The second VIM is a project and member user of their own on the same cloud (a tenant is what a VIM account is
to an NFVO), in a clouds.yaml that also holds the test cloud's `smartnfvo` entry. The sample NS goes with its web
VNF on the second VIM: each VIM holds exactly its VNFs (plus the NS virtual links and keypair they need), a
re-run writes nothing, the vnfs inventory over both clouds lists every VDU instance, and terminate by name
empties both. A zone the cloud does not have fails cleanly and leaves nothing.
"""

import json
import os
import subprocess
import sys

import pytest

from conftest import MAPS, REPO, run_module, tagged
from ansible_output import unwrap

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "inventory"))
yaml = pytest.importorskip("yaml")
pytest.importorskip("openstack", reason="openstacksdk is not installed")

SAMPLE = str(REPO / "descriptors" / "sample_ns")
SECOND = "smartnfvo-vim2"
KINDS = ("network", "subnet", "port", "server")


@pytest.fixture(scope="module")
def second_vim(conn, tmp_path_factory):
    """(connection, clouds.yaml with `smartnfvo` and the second VIM's entry); the project is deleted after."""
    import vim_builder
    from cloud_probe import CLOUDS_YAML
    directory = tmp_path_factory.mktemp("vim2")
    project = vim_builder.IsolatedProject("smartnfvo-vim2-test", str(directory), cloud_name=SECOND)
    with open(CLOUDS_YAML, encoding="utf-8") as handle:
        clouds = yaml.safe_load(handle)
    with open(project.clouds_yaml, encoding="utf-8") as handle:
        clouds["clouds"][SECOND] = yaml.safe_load(handle)["clouds"][SECOND]
    merged = directory / "both-clouds.yaml"
    merged.write_text(yaml.safe_dump(clouds))
    os.chmod(merged, 0o600)
    yield project.conn, merged
    errors = project.close()
    assert not errors, "cleanup of project %s left: %s" % (project.name, errors)


@pytest.fixture(scope="module")
def ns(run_id, second_vim, tmp_path_factory):
    _conn, clouds_yaml = second_vim
    args = dict(MAPS, cloud="smartnfvo", path=SAMPLE, ns_name="mv-%s" % run_id, availability_zone="nova",
                vnf_vims={"web": {"cloud": SECOND, "availability_zone": "nova"}},
                key_dir=str(tmp_path_factory.mktemp("keys")))
    yield args
    run_module("ns", dict(args, state="absent"), tmp_path_factory.mktemp("teardown"), clouds_yaml=clouds_yaml)


def test_each_vim_holds_its_vnfs(conn, second_vim, ns, tmp_path):
    other, clouds_yaml = second_vim
    result = run_module("ns", ns, tmp_path, clouds_yaml=clouds_yaml)
    assert not result.get("failed"), result.get("msg")
    ns_id = result["ns_instance_id"]
    here, there = tagged(conn, ns_id), tagged(other, ns_id)
    assert sorted(s.name for s in there["server"]) == ["%s-web-web-vdu-0" % ns["ns_name"]]
    assert sorted(s.name for s in here["server"]) == ["%s-client-client-vdu-0" % ns["ns_name"],
                                                      "%s-firewall-fw-vdu-0" % ns["ns_name"]]
    assert all(s.status == "ACTIVE" and s.availability_zone == "nova" for s in here["server"] + there["server"])
    # The web VNF's ports are all on the second VIM, on networks of that VIM.
    there_networks = set(n.id for n in there["network"])
    assert there["port"] and all(p.network_id in there_networks for p in there["port"])
    assert len(here["port"]) + len(there["port"]) == 8
    # The NS keypair is on both, with the same public key.
    assert other.compute.find_keypair(result["keypair"]).public_key == conn.compute.find_keypair(result["keypair"]).public_key
    assert any("connects VNFs on several VIMs" in w for w in result.get("warnings", []))
    hosts = dict((h["name"], h) for h in result["hosts"])
    web = hosts["%s-web-web-vdu-0" % ns["ns_name"]]
    assert web["vars"]["smartnfvo_vim"] == SECOND and "vim_%s" % SECOND.replace("-", "_") in web["groups"]
    assert web["vars"]["ansible_host"] in [ip["ip_address"] for p in there["port"] for ip in p.fixed_ips]


def test_rerun_writes_nothing_on_either_vim(second_vim, ns, tmp_path):
    result = run_module("ns", ns, tmp_path, clouds_yaml=second_vim[1])
    assert not result.get("failed"), result.get("msg")
    assert not result["changed"] and result["changes"] == []
    assert set(result["api_calls"]) == {"GET"}


def test_the_inventory_over_both_clouds_lists_every_vdu_instance(conn, second_vim, ns, tmp_path):
    other, clouds_yaml = second_vim
    config = tmp_path / "two.vnfs.yml"
    config.write_text(yaml.safe_dump({"plugin": "smartnfvo.nfvo.vnfs", "clouds_yaml_path": [str(clouds_yaml)],
                                      "sources": [{"type": "openstack", "cloud": "smartnfvo"},
                                                  {"type": "openstack", "cloud": SECOND}]}))
    proc = subprocess.run([str(REPO / ".venv" / "bin" / "ansible-inventory"), "-i", str(config), "--list"], cwd=str(REPO),
                          capture_output=True, text=True, timeout=300, check=True)
    inventory = unwrap(json.loads(proc.stdout))
    group = "ns_%s" % ns["ns_name"].replace("-", "_")
    assert sorted(inventory[group]["hosts"]) == sorted(
        "%s-%s-0" % (ns["ns_name"], vdu) for vdu in ("client-client-vdu", "firewall-fw-vdu", "web-web-vdu"))
    web = inventory["_meta"]["hostvars"]["%s-web-web-vdu-0" % ns["ns_name"]]
    assert web["smartnfvo_vim"] == SECOND


def test_terminate_by_name_empties_both_vims(conn, second_vim, ns, tmp_path):
    other, clouds_yaml = second_vim
    args = dict(ns, state="absent")
    args.pop("path")
    result = run_module("ns", args, tmp_path, clouds_yaml=clouds_yaml)
    assert not result.get("failed"), result.get("msg")
    for connection in (conn, other):
        assert all(not found for found in tagged(connection, result["ns_instance_id"]).values())
        assert connection.compute.find_keypair("smartnfvo-%s-%s" % (ns["ns_name"], result["ns_instance_id"][:8])) is None


def test_an_unknown_zone_fails_cleanly_and_leaves_nothing(conn, run_id, tmp_path):
    args = dict(MAPS, cloud="smartnfvo", path=SAMPLE, ns_name="mvz-%s" % run_id, availability_zone="no-such-zone",
                key_dir=str(tmp_path / "keys"))
    result = run_module("ns", args, tmp_path)
    try:
        assert result.get("failed")
        assert "no-such-zone" in result["msg"] and "server" in result["msg"], result["msg"]
        assert "Traceback" not in result["msg"]
        ns_id = next(iter(set(s.metadata.get("smartnfvo_ns_instance_id") for s in conn.compute.servers()
                              if s.name.startswith(args["ns_name"]))), None)
        assert ns_id is None
        assert not [n for n in conn.network.networks() if n.name.startswith(args["ns_name"])]
    finally:
        run_module("ns", dict(args, state="absent"), tmp_path)
