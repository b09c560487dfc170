"""smartnfvo.nfvo.ns, ns_info and vnf against the OpenStack test cloud, as the non-admin user.

The sample NS (3 VNFs, 4 networks, 8 ports, 3 servers, 2 server groups) is instantiated through the real module:
check mode first (nothing created), then for real (every server ACTIVE), again (changed=false, only GETs on the
wire), read back with ns_info, scaled out (refused by the cloud: rolled back), healed, stopped and started, and
terminated (nothing tagged left). Failures roll back or keep, and terminate cleans up after both. Every NS is
terminated at teardown, whatever happened. The admin connection only injects faults.
"""

import json
import os
import stat
import subprocess

import pytest

from conftest import MAPS, REPO, run_module, tagged
from ansible_output import unwrap

SAMPLE = str(REPO / "descriptors" / "sample_ns")
pytest.importorskip("openstack", reason="openstacksdk is not installed")


@pytest.fixture(scope="module")
def ns(conn, run_id, tmp_path_factory):
    """Module args of one NS for this run; terminated at teardown even if a test failed."""
    key_dir = tmp_path_factory.mktemp("keys")
    args = dict(MAPS, cloud="smartnfvo", path=SAMPLE, ns_name="it-%s" % run_id, key_dir=str(key_dir))
    yield args
    run_module("ns", dict(args, state="absent"), tmp_path_factory.mktemp("teardown"))


def test_check_mode_shows_the_plan_and_creates_nothing(conn, ns, tmp_path):
    result = run_module("ns", ns, tmp_path, check=True, diff=True)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] and "create server %s-web-web-vdu-0" % ns["ns_name"] in result["changes"]
    assert set(result["api_calls"]) == {"GET"}
    assert all(not found for found in tagged(conn, result["ns_instance_id"]).values())
    assert conn.compute.find_keypair(result["keypair"]) is None and not os.listdir(ns["key_dir"])


def test_instantiate_brings_every_server_active(conn, ns, tmp_path):
    result = run_module("ns", ns, tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"]
    found = tagged(conn, result["ns_instance_id"])
    assert [len(found[k]) for k in ("network", "subnet", "port", "server")] == [4, 4, 8, 3]
    assert all(s.status == "ACTIVE" for s in found["server"])
    assert all(s.key_name == result["keypair"] for s in found["server"])
    assert {s.metadata["smartnfvo_vnf_name"] for s in found["server"]} == {"client", "firewall", "web"}
    vdus = [v for vnf in result["vnfs"] for v in vnf["vdu_instances"]]
    assert len(vdus) == 3 and all(v["status"] == "ACTIVE" and v["management_ip"] for v in vdus)
    assert all(cp["mac_address"] and cp["ip_addresses"] for v in vdus for cp in v["cps"])
    assert stat.S_IMODE(os.stat(result["private_key_path"]).st_mode) == 0o600
    assert conn.compute.find_keypair(result["keypair"]) is not None


def test_second_run_changes_nothing_and_writes_nothing(ns, tmp_path):
    result = run_module("ns", ns, tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert not result["changed"] and result["changes"] == [] and result["created"] == []
    assert set(result["api_calls"]) == {"GET"}, result["api_calls"]


def test_ns_info_reads_the_ns_back_from_the_cloud(ns, tmp_path):
    result = run_module("ns_info", {"cloud": "smartnfvo", "ns_name": ns["ns_name"]}, tmp_path)
    assert not result.get("failed"), result.get("msg")
    [record] = result["ns_instances"]
    assert record["state"] == "INSTANTIATED" and len(record["networks"]) == 4
    assert sorted(v["vnf_name"] for v in record["vnfs"]) == ["client", "firewall", "web"]
    firewall = next(v for v in record["vnfs"] if v["vnf_name"] == "firewall")["vdu_instances"][0]
    assert sorted(cp["cp"] for cp in firewall["cps"]) == ["fw_client_cp", "fw_mgmt_cp", "fw_server_cp"]


def _inventory(config):
    done = subprocess.run([str(REPO / ".venv" / "bin" / "ansible-inventory"), "-i", str(config), "--list"],
                          cwd=str(REPO), capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return unwrap(json.loads(done.stdout))


def test_inventory_example_lists_every_vdu_instance_as_neutron_has_it(conn, ns, tmp_path):
    """Issue 7's check on a real NS instantiated by the ns module: inventories/openstack.vnfs.yml."""
    ns_id = ns_id_of(ns, tmp_path)
    example = REPO / "inventories" / "openstack.vnfs.yml"
    config = tmp_path / "keys.vnfs.yml"
    config.write_text(example.read_text() + "key_dir: %s\n" % ns["key_dir"])
    for inventory in (_inventory(example), _inventory(config)):
        hostvars = dict((h, v) for h, v in inventory["_meta"]["hostvars"].items() if v.get("smartnfvo_ns_instance_id") == ns_id)
        servers = tagged(conn, ns_id)["server"]
        assert sorted(hostvars) == sorted(s.name for s in servers)
        for server in servers:
            cps = hostvars[server.name]["smartnfvo_cps"]
            assert sorted((c["port_id"], c["mac_address"], tuple(c["ip_addresses"])) for c in cps.values()) == cps_of(conn, ns_id, server.name)
            management = cps[hostvars[server.name]["smartnfvo_management_cp"]]
            assert hostvars[server.name]["ansible_host"] == management["ip_address"]
        group = "ns_" + ns["ns_name"].replace("-", "_")
        assert sorted(inventory[group]["hosts"]) == sorted(hostvars)
    assert all(os.path.isfile(v["ansible_ssh_private_key_file"]) for v in hostvars.values())


def test_refused_scale_out_rolls_back_only_the_new_instance(conn, ns, tmp_path):
    # One fake host: a second web VNFC breaks web's anti-affinity rule, so Nova puts it in ERROR.
    before = dict((k, sorted(r.id for r in found)) for k, found in tagged(conn, ns_id_of(ns, tmp_path)).items())
    result = run_module("ns", dict(ns, scale_levels={"web_scale": 1}), tmp_path)
    assert result["failed"] and "%s-web-web-vdu-1" % ns["ns_name"] in result["msg"] and "ERROR" in result["msg"]
    after = dict((k, sorted(r.id for r in found)) for k, found in tagged(conn, ns_id_of(ns, tmp_path)).items())
    assert after == before
    assert not run_module("ns", ns, tmp_path)["changed"]


def ns_id_of(ns, tmp_path):
    return run_module("ns", ns, tmp_path, check=True)["ns_instance_id"]


def vnf_args(ns, vnf, operation):
    return dict(ns, vnf=vnf, operation=operation)


def cps_of(conn, ns_id, server_name):
    """(port id, MACs, IPs) of a VDU instance's ports, read directly from Neutron."""
    prefix = server_name + "-"
    return sorted((p.id, p.mac_address, tuple(ip["ip_address"] for ip in p.fixed_ips))
                  for p in tagged(conn, ns_id)["port"] if p.name.startswith(prefix))


def test_heal_replaces_a_server_in_error_on_the_same_ports(conn, admin_conn, ns, tmp_path):
    ns_id = ns_id_of(ns, tmp_path)
    name = "%s-web-web-vdu-0" % ns["ns_name"]
    [server] = [s for s in tagged(conn, ns_id)["server"] if s.name == name]
    ports = cps_of(conn, ns_id, name)
    admin_conn.compute.reset_server_state(server, "error")
    result = run_module("vnf", vnf_args(ns, "web", "heal"), tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] and [d["id"] for d in result["deleted"]] == [server.id]
    [healed] = [s for s in tagged(conn, ns_id)["server"] if s.name == name]
    assert healed.id != server.id and healed.status == "ACTIVE"
    assert cps_of(conn, ns_id, name) == ports  # same ports, so same MACs and IPs
    assert not run_module("vnf", vnf_args(ns, "web", "heal"), tmp_path)["changed"]


def test_heal_recreates_a_missing_server(conn, ns, tmp_path):
    ns_id = ns_id_of(ns, tmp_path)
    name = "%s-client-client-vdu-0" % ns["ns_name"]
    [server] = [s for s in tagged(conn, ns_id)["server"] if s.name == name]
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=120)
    result = run_module("vnf", vnf_args(ns, "client", "heal"), tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert result["changes"] == ["create server " + name] and result["vnf"]["vdu_instances"][0]["status"] == "ACTIVE"


def test_stop_and_start_a_vnf(ns, tmp_path):
    stopped = run_module("vnf", vnf_args(ns, "firewall", "stop"), tmp_path)
    assert not stopped.get("failed"), stopped.get("msg")
    assert stopped["changed"] and stopped["vnf"]["vdu_instances"][0]["status"] == "SHUTOFF"
    assert not run_module("vnf", vnf_args(ns, "firewall", "stop"), tmp_path)["changed"]
    started = run_module("vnf", vnf_args(ns, "firewall", "start"), tmp_path)
    assert started["changed"] and started["vnf"]["vdu_instances"][0]["status"] == "ACTIVE"


def test_terminate_leaves_nothing_tagged(conn, ns, tmp_path):
    result = run_module("ns", dict(ns, state="absent"), tmp_path, diff=True)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] and len(result["deleted"]) == 22
    assert all(not found for found in tagged(conn, result["ns_instance_id"]).values())
    assert not [g for g in conn.compute.server_groups() if g.name.startswith(ns["ns_name"] + "-")]
    assert conn.compute.find_keypair("smartnfvo-%s-%s" % (ns["ns_name"], result["ns_instance_id"][:8])) is None
    assert not os.listdir(ns["key_dir"])
    again = run_module("ns", dict(ns, state="absent"), tmp_path)
    assert not again["changed"]


def test_failed_run_rolls_back_with_the_clouds_reason(conn, ns, tmp_path):
    # No flavor of the test cloud has 1 vCPU/512 MB/4 GB, and the member user cannot create one.
    args = dict(ns, ns_name=ns["ns_name"] + "-rb", flavor_map={})
    result = run_module("ns", args, tmp_path)
    try:
        assert result["failed"] and "flavor" in result["msg"] and "flavor_map" in result["msg"]
        assert "403" in result["msg"] or "admin" in result["msg"]
        ns_id = run_module("ns", args, tmp_path, check=True)["ns_instance_id"]
        assert all(not found for found in tagged(conn, ns_id).values())
    finally:
        run_module("ns", dict(args, state="absent"), tmp_path)


def test_failed_run_with_keep_leaves_resources_for_terminate(conn, ns, tmp_path):
    args = dict(ns, ns_name=ns["ns_name"] + "-keep", on_failure="keep", image_map={"debian-12-generic": "no-such-image"})
    result = run_module("ns", args, tmp_path)
    try:
        assert result["failed"] and "no-such-image" in result["msg"] and "server" in result["msg"]
        ns_id = run_module("ns", args, tmp_path, check=True)["ns_instance_id"]
        assert len(tagged(conn, ns_id)["port"]) == 8
    finally:
        cleanup = run_module("ns", dict(args, state="absent"), tmp_path)
    assert cleanup["changed"] and all(not found for found in tagged(conn, ns_id).values())
