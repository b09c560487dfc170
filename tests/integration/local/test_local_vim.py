"""smartnfvo.nfvo.ns, ns_info and vnf on the embedded local VIM, and the vnfs inventory over it, for real.

The sample NS (3 VNFs, 4 VLs, 8 CPs, 3 VDU instances) is instantiated through the modules as a user would:
check mode first (nothing created), then for real (a namespace per VDU instance with the planned interfaces,
MACs and IPs, an sshd reachable as root with the NS key), again (nothing changes, nothing is written), read back
with ns_info and the inventory, healed after its namespace is deleted by hand and after its sshd dies (same MAC,
same IP, SSH works), stopped and started, and terminated (no namespace, link, process, record or nft rule left).
The tests run in file order and share the NS.
"""

import glob
import json
import os
import re
import subprocess

import pytest

from conftest import REPO, run_module
from ansible_output import unwrap

NFT_TABLE = "smartnfvo_local_vim"
OUR_BRIDGE = re.compile(r"^snb[0-9a-f]{10}$")


def netns_of(server_name):
    return "snfvo-" + server_name


def kernel_names(state_dir):
    """The bridges and veth ends the local VIM recorded for what it made (read before they go)."""
    found = set()
    for path in glob.glob(os.path.join(state_dir, "records", "*", "*.json")):
        with open(path, encoding="utf-8") as handle:
            local = json.load(handle).get("local") or {}
        found |= set(local[k] for k in ("bridge", "veth", "peer") if local.get(k))
    return found


def netns_list():
    return set(line.split()[0] for line in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True,
                                                          check=True).stdout.splitlines() if line.strip())


def links():
    return dict((link["ifname"], link) for link in json.loads(subprocess.run(
        ["ip", "-j", "-d", "link", "show"], capture_output=True, text=True, check=True).stdout))


def guest(netns):
    """{ifname: (mac, [addresses])} inside a namespace."""
    found = json.loads(subprocess.run(["ip", "-n", netns, "-j", "addr", "show"], capture_output=True, text=True,
                                      check=True).stdout)
    return dict((i["ifname"], (i["address"], sorted(a["local"] for a in i.get("addr_info", ()) if a["family"] == "inet")))
                for i in found if i["ifname"] != "lo")


def processes_of(state_dir):
    """Processes whose command line names the state directory (the sshds of its VDU instances)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as handle:
                if state_dir.encode() in handle.read():
                    found.append(int(pid))
        except OSError:
            continue
    return found


def ssh(ns, state_dir, address, command, key):
    return subprocess.run(["ssh", "-i", key, "-o", "UserKnownHostsFile=%s/known_hosts" % state_dir,
                           "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
                           "root@" + address, command], capture_output=True, text=True, timeout=60, check=False)


def vdu_instances(result):
    return dict((v["name"], v) for vnf in result["vnfs"] for v in vnf["vdu_instances"])


@pytest.fixture(scope="module")
def facts():
    """What earlier tests learnt (the instantiate result), for the later ones."""
    return {}


def test_check_mode_creates_nothing(ns, state_dir, tmp_path):
    result = run_module("ns", ns, tmp_path, check=True, diff=True)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] and "create server %s-web-web-vdu-0" % ns["ns_name"] in result["changes"]
    assert set(result["api_calls"]) == {"read"}
    assert not [n for n in netns_list() if n.startswith("snfvo-" + ns["ns_name"])]
    assert not os.path.exists(os.path.join(state_dir, "records")) and not os.listdir(ns["key_dir"])


def test_instantiate_makes_a_namespace_per_vdu_instance_with_the_planned_cps(ns, facts, tmp_path):
    result = run_module("ns", ns, tmp_path)
    assert not result.get("failed"), result.get("msg")
    facts["result"] = result
    instances = vdu_instances(result)
    assert len(instances) == 3 and all(v["status"] == "ACTIVE" for v in instances.values())
    assert any("not enforced" in w for w in result.get("warnings", ()))
    for name, instance in instances.items():
        assert netns_of(name) in netns_list()
        inside = guest(netns_of(name))
        assert len(inside) == len(instance["cps"]) and set(inside) == set("eth%d" % i for i in range(len(inside)))
        assert inside["eth0"][1] == [instance["management_ip"]]  # the management CP comes first
        assert sorted(inside.values()) == sorted((cp["mac_address"], sorted(cp["ip_addresses"])) for cp in instance["cps"])
        for cp in instance["cps"]:
            subnet = cp["subnets"][0]
            assert all(ip.startswith(subnet.rsplit(".", 1)[0] + ".") for ip in cp["ip_addresses"])


def test_ssh_as_root_with_the_ns_key_reaches_every_vnfc(ns, state_dir, facts):
    result = facts["result"]
    for instance in vdu_instances(result).values():
        done = ssh(ns, state_dir, instance["management_ip"], "ip -o addr; hostname", result["private_key_path"])
        assert done.returncode == 0, done.stderr
        for cp in instance["cps"]:
            assert all(" inet %s/" % ip in done.stdout for ip in cp["ip_addresses"])
        assert done.stdout.strip().splitlines()[-1] == instance["name"]


def test_a_vnfc_writes_its_own_etc_var_and_tmp_not_the_hosts(ns, state_dir, facts):
    result = facts["result"]
    marker = "smartnfvo-test-" + ns["ns_name"]
    web, client = (next(v for v in vdu_instances(result).values() if v["vdu"] == vdu) for vdu in ("web_vdu", "client_vdu"))
    write = "echo x > /etc/%s && mkdir -p /var/lib/%s && echo x > /tmp/%s && cat /etc/%s" % (marker, marker, marker, marker)
    done = ssh(ns, state_dir, web["management_ip"], write, result["private_key_path"])
    assert done.returncode == 0 and done.stdout.strip() == "x", done.stderr
    for path in ("/etc/", "/var/lib/", "/tmp/"):
        assert not os.path.exists(path + marker)
    other = ssh(ns, state_dir, client["management_ip"], "ls /etc/%s /var/lib/%s /tmp/%s" % ((marker,) * 3),
                result["private_key_path"])
    assert other.returncode != 0 and other.stdout == ""


def test_second_run_changes_nothing_and_writes_nothing(ns, tmp_path):
    result = run_module("ns", ns, tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert not result["changed"] and result["changes"] == [] and result["created"] == []
    assert set(result["api_calls"]) == {"read"}, result["api_calls"]


def test_ns_info_rebuilds_the_ns_from_the_machine(ns, state_dir, facts, tmp_path):
    result = run_module("ns_info", {"vim_type": "local", "local_vim_dir": state_dir, "ns_name": ns["ns_name"]}, tmp_path)
    assert not result.get("failed"), result.get("msg")
    [record] = result["ns_instances"]
    assert record["state"] == "INSTANTIATED" and len(record["networks"]) == 4
    assert record["vnfs"] == facts["result"]["vnfs"]


def test_inventory_lists_every_vdu_instance_with_its_cps(ns, state_dir, facts, tmp_path):
    example = (REPO / "inventories" / "local.vnfs.yml").read_text()
    assert "type: local" in example
    config = tmp_path / "local.vnfs.yml"
    config.write_text(example.replace("/run/smartnfvo/local-vim", state_dir) + "key_dir: %s\n" % ns["key_dir"])
    done = subprocess.run([str(REPO / ".venv" / "bin" / "ansible-inventory"), "-i", str(config), "--list"], cwd=str(REPO),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    inventory = unwrap(json.loads(done.stdout))
    hostvars = inventory["_meta"]["hostvars"]
    expected = dict(("%s-%s-%s-0" % (ns["ns_name"], vnf["vnf_name"], v["vdu"].replace("_", "-")), v)
                    for vnf in facts["result"]["vnfs"] for v in vnf["vdu_instances"])
    assert sorted(hostvars) == sorted(expected)
    for host, instance in expected.items():
        cps = hostvars[host]["smartnfvo_cps"]
        assert sorted((c["mac_address"], tuple(c["ip_addresses"])) for c in cps.values()) == \
            sorted((c["mac_address"], tuple(c["ip_addresses"])) for c in instance["cps"])
        assert hostvars[host]["ansible_host"] == instance["management_ip"] and hostvars[host]["ansible_user"] == "root"
        assert "UserKnownHostsFile=%s/known_hosts" % state_dir in hostvars[host]["ansible_ssh_common_args"]
        assert os.path.isfile(hostvars[host]["ansible_ssh_private_key_file"])
    assert sorted(inventory["vim_local"]["hosts"]) == sorted(expected)
    # And Ansible reaches them with it, becoming root with su.
    ping = subprocess.run([str(REPO / ".venv" / "bin" / "ansible"), "-i", str(config), "all", "-b", "-m", "ansible.builtin.command",
                           "-a", "id -u"], cwd=str(REPO), capture_output=True, text=True, timeout=300, check=False)
    assert ping.returncode == 0 and ping.stdout.count("CHANGED") == 3, ping.stdout + ping.stderr


def web_args(ns):
    return dict(ns, vnf="web", operation="heal")


def web_cps(result):
    [instance] = result["vnf"]["vdu_instances"]
    return instance, sorted((c["cp"], c["mac_address"], tuple(c["ip_addresses"])) for c in instance["cps"])


def test_heal_restores_a_web_instance_whose_namespace_was_deleted_by_hand(ns, state_dir, facts, tmp_path):
    name = "%s-web-web-vdu-0" % ns["ns_name"]
    before = next(v for v in vdu_instances(facts["result"]).values() if v["name"] == name)
    subprocess.run(["ip", "netns", "del", netns_of(name)], check=True)
    result = run_module("vnf", web_args(ns), tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert result["changes"] == ["create server " + name]
    instance, cps = web_cps(result)
    assert cps == sorted((c["cp"], c["mac_address"], tuple(c["ip_addresses"])) for c in before["cps"])
    assert instance["status"] == "ACTIVE" and instance["server_id"] != before["server_id"]
    assert sorted(guest(netns_of(name)).values()) == sorted((m, sorted(ips)) for _cp, m, ips in cps)
    assert ssh(ns, state_dir, instance["management_ip"], "true", facts["result"]["private_key_path"]).returncode == 0
    # The old instance's processes went with it: one sshd per live instance.
    assert len(processes_of(state_dir)) == 3
    assert not run_module("vnf", web_args(ns), tmp_path)["changed"]


def test_heal_replaces_a_web_instance_whose_sshd_died(ns, state_dir, facts, tmp_path):
    name = "%s-web-web-vdu-0" % ns["ns_name"]
    pids = subprocess.run(["ip", "netns", "pids", netns_of(name)], capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["kill", "-9"] + pids, check=True)
    info = run_module("ns", ns, tmp_path, check=True)
    assert any("is ERROR" in w and "sshd" in w for w in info.get("warnings", ())), info.get("warnings")
    result = run_module("vnf", web_args(ns), tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert sorted(result["changes"]) == ["create server " + name, "delete server " + name]
    instance, cps = web_cps(result)
    before = next(v for v in vdu_instances(facts["result"]).values() if v["name"] == name)
    assert cps == sorted((c["cp"], c["mac_address"], tuple(c["ip_addresses"])) for c in before["cps"])
    assert ssh(ns, state_dir, instance["management_ip"], "true", facts["result"]["private_key_path"]).returncode == 0


def test_heal_recreates_the_cps_of_an_instance_whose_namespace_died_with_them(ns, state_dir, facts, tmp_path):
    """ip netns del, then its processes killed: the namespace dies and takes the veth pairs along."""
    name = "%s-web-web-vdu-0" % ns["ns_name"]
    pids = subprocess.run(["ip", "netns", "pids", netns_of(name)], capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["ip", "netns", "del", netns_of(name)], check=True)
    subprocess.run(["kill", "-9"] + pids, check=True)
    before = next(v for v in vdu_instances(facts["result"]).values() if v["name"] == name)
    result = run_module("vnf", web_args(ns), tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert sorted(result["changes"]) == sorted(["create server " + name] + ["create port " + c["port_name"] for c in before["cps"]])
    instance, cps = web_cps(result)
    assert cps == sorted((c["cp"], c["mac_address"], tuple(c["ip_addresses"])) for c in before["cps"])
    assert sorted(c["port_id"] for c in instance["cps"]) == sorted(c["port_id"] for c in before["cps"])
    assert ssh(ns, state_dir, instance["management_ip"], "true", facts["result"]["private_key_path"]).returncode == 0


def test_stop_and_start_a_vnf(ns, state_dir, facts, tmp_path):
    stopped = run_module("vnf", dict(ns, vnf="firewall", operation="stop"), tmp_path)
    assert not stopped.get("failed"), stopped.get("msg")
    [instance] = stopped["vnf"]["vdu_instances"]
    assert stopped["changed"] and instance["status"] == "SHUTOFF"
    assert ssh(ns, state_dir, instance["management_ip"], "true", facts["result"]["private_key_path"]).returncode != 0
    assert not run_module("vnf", dict(ns, vnf="firewall", operation="stop"), tmp_path)["changed"]
    started = run_module("vnf", dict(ns, vnf="firewall", operation="start"), tmp_path)
    assert started["changed"] and started["vnf"]["vdu_instances"][0]["status"] == "ACTIVE"
    assert ssh(ns, state_dir, instance["management_ip"], "true", facts["result"]["private_key_path"]).returncode == 0


def test_terminate_leaves_nothing_behind(ns, state_dir, facts, tmp_path):
    ours = kernel_names(state_dir)
    assert len(ours) == 4 + 2 * 8
    assert ours & set(links())
    done = run_module("ns", dict(ns, state="absent"), tmp_path, diff=True)
    assert not done.get("failed"), done.get("msg")
    assert done["changed"] and len(done["deleted"]) == 22
    assert not [n for n in netns_list() if n.startswith("snfvo-" + ns["ns_name"])]
    assert not ours & set(links())
    assert processes_of(state_dir) == []
    records = os.path.join(state_dir, "records")
    assert [f for _d, _s, files in os.walk(records) for f in files] == []
    assert os.listdir(os.path.join(state_dir, "servers")) == [] and not os.listdir(ns["key_dir"])
    remaining = [n for n in links() if OUR_BRIDGE.match(n)]
    table = subprocess.run(["nft", "list", "table", "inet", NFT_TABLE], capture_output=True, text=True, check=False)
    if remaining:  # another NS on this machine still has bridges: the table stays, without ours
        assert not [b for b in ours if b in table.stdout]
    else:
        assert table.returncode != 0
    assert not run_module("ns", dict(ns, state="absent"), tmp_path)["changed"]


def test_a_management_cidr_on_a_host_route_is_refused_and_rolled_back(ns, state_dir, tmp_path):
    dummy = "t-local-rt0"  # a veth pair stands for a foreign network: dummy links may not be in the kernel
    subprocess.run(["ip", "link", "add", dummy, "type", "veth", "peer", "name", "t-local-rt1"], check=True)
    try:
        subprocess.run(["ip", "addr", "add", "10.201.250.1/24", "dev", dummy], check=True)
        subprocess.run(["ip", "link", "set", dummy, "up"], check=True)
        args = dict(ns, ns_name=ns["ns_name"] + "-ovl", vl_cidrs=dict(ns["vl_cidrs"], mgmt_net="10.201.250.0/24"))
        result = run_module("ns", args, tmp_path)
        assert result["failed"] and "10.201.250.0/24 dev %s" % dummy in result["msg"] and "vl_cidrs" in result["msg"]
        assert not [n for n in netns_list() if n.startswith("snfvo-" + args["ns_name"])]
        assert [f for _d, _s, files in os.walk(os.path.join(state_dir, "records")) for f in files] == []
        assert not run_module("ns", dict(args, state="absent"), tmp_path)["changed"]
    finally:
        subprocess.run(["ip", "link", "del", dummy], check=False)
