"""Reconciliation of the local VIM's records with the kernel, through a fake probe (no root needed):
the machine decides what exists and in which state, and records.ns_records reads the result as on OpenStack."""

import copy

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.reconcile import reconcile, stale
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_records import ns_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import server_metadata, tags_for

NS = "ns-1"


class FakeProbe:
    def __init__(self, links=(), netns=None, sshd=None, guests=None):
        self.links = dict((name, {"kind": "bridge" if name.startswith("snb") else "veth"}) for name in links)
        self.netns = dict(netns or {})
        self.sshd_state = dict(sshd or {})  # pid -> (alive, listening)
        self.guests = dict(guests or {})    # (netns, ifname) -> {"address", "addresses"}

    def guest_link(self, netns, ifname):
        return self.guests.get((netns, ifname))

    def link(self, name):
        return self.links.get(name)

    def netns_inode(self, name):
        return self.netns.get(name)

    def sshd(self, pid, inode, address):
        return self.sshd_state.get(pid, (False, False))


def stored():
    tags = tags_for(NS)
    port_tags = tags_for(NS, "vnf-1", "web_vdu", 0, "web_mgmt_cp")
    return {
        "network": [{"type": "network", "name": "demo-mgmt-net", "id": "net-1", "tags": tags, "subnet_ids": [],
                     "local": {"bridge": "snb0000000001"}}],
        "subnet": [{"type": "subnet", "name": "demo-mgmt-net", "id": "sub-1", "tags": tags, "cidr": "10.201.0.0/24",
                    "network_id": "net-1", "gateway_ip": "10.201.0.1", "local": {"host_gateway": True}}],
        "port": [{"type": "port", "name": "demo-web-web-vdu-0-web-mgmt-cp", "id": "port-1", "tags": port_tags,
                  "network_id": "net-1", "mac_address": "02:00:00:00:00:01", "status": "ACTIVE", "device_id": "srv-1",
                  "fixed_ips": [{"subnet_id": "sub-1", "ip_address": "10.201.0.2"}],
                  "local": {"veth": "snv0000000001", "peer": "snp0000000001", "ifname": "eth0"}}],
        "server": [{"type": "server", "name": "demo-web-web-vdu-0", "id": "srv-1", "tags": tags_for(NS, "vnf-1", "web_vdu", 0),
                    "status": "BUILD", "fault": None,
                    "metadata": server_metadata(ns_instance_id=NS, ns_name="demo", vnf_instance_id="vnf-1", vnf_name="web",
                                                vdu="web_vdu", vdu_index=0, management_cp="web_mgmt_cp"),
                    "local": {"netns": "snfvo-demo-web-web-vdu-0", "netns_inode": 4026530001, "sshd_pid": 100, "power": "on",
                              "management_ip": "10.201.0.2", "log": "/run/x/sshd.log", "port_ids": ["port-1"]}}],
        "server_group": [], "keypair": [{"type": "keypair", "name": "smartnfvo-demo-ns1", "id": "kp-1", "tags": []}],
    }


def healthy(**overrides):
    values = dict(links=("snb0000000001", "snv0000000001"), netns={"snfvo-demo-web-web-vdu-0": 4026530001},
                  sshd={100: (True, True)})
    values.update(overrides)
    return FakeProbe(**values)


def test_everything_present_and_sshd_listening_is_active_and_reads_as_an_ns():
    current = reconcile(stored(), healthy())
    assert [len(current[k]) for k in ("network", "subnet", "port", "server", "keypair")] == [1, 1, 1, 1, 1]
    assert current["network"][0]["subnet_ids"] == ["sub-1"]
    assert current["server"][0]["status"] == "ACTIVE" and current["port"][0]["status"] == "ACTIVE"
    [ns] = ns_records(current, NS)
    assert ns["state"] == "INSTANTIATED" and ns["networks"][0]["subnets"] == ["10.201.0.0/24"]
    [vdu] = ns["vnfs"][0]["vdu_instances"]
    assert vdu["management_ip"] == "10.201.0.2" and vdu["cps"][0]["mac_address"] == "02:00:00:00:00:01"


def test_a_plugged_port_reads_its_mac_and_addresses_from_the_namespace():
    seen = {("snfvo-demo-web-web-vdu-0", "eth0"): {"address": "02:00:00:00:00:99", "addresses": [("10.201.0.7", 24)]}}
    [port] = reconcile(stored(), healthy(guests=seen))["port"]
    assert port["mac_address"] == "02:00:00:00:00:99"
    assert port["fixed_ips"] == [{"subnet_id": "sub-1", "ip_address": "10.201.0.7"}]
    # What the IPAM gave, which drift repair puts back.
    assert port["assigned"] == {"mac_address": "02:00:00:00:00:01", "fixed_ips": [{"subnet_id": "sub-1", "ip_address": "10.201.0.2"}]}
    # Not plugged (or its namespace not read): the record's own values.
    [port] = reconcile(stored(), healthy())["port"]
    assert port["mac_address"] == "02:00:00:00:00:01" and port["fixed_ips"][0]["ip_address"] == "10.201.0.2"


def test_sshd_alive_but_not_listening_yet_is_build():
    assert reconcile(stored(), healthy(sshd={100: (True, False)}))["server"][0]["status"] == "BUILD"


def test_dead_sshd_is_error_with_a_fault_naming_it():
    [server] = reconcile(stored(), healthy(sshd={}))["server"]
    assert server["status"] == "ERROR" and "sshd (pid 100)" in server["fault"] and "/run/x/sshd.log" in server["fault"]


def test_stopped_server_is_shutoff_and_its_ports_down():
    records = stored()
    records["server"][0]["local"]["power"] = "off"
    current = reconcile(records, healthy(sshd={}))
    assert current["server"][0]["status"] == "SHUTOFF" and current["port"][0]["status"] == "DOWN"


def test_a_namespace_gone_or_replaced_makes_the_server_missing_and_frees_its_ports():
    for netns in ({}, {"snfvo-demo-web-web-vdu-0": 4026539999}):
        records = stored()
        current = reconcile(records, healthy(netns=netns))
        assert current["server"] == [] and current["port"][0]["device_id"] == ""
        assert [r["id"] for r in stale(records, current, "server")] == ["srv-1"]
    assert records["port"][0]["device_id"] == "srv-1"  # the stored record is not changed by a read


def test_a_port_whose_host_veth_is_gone_is_missing():
    current = reconcile(stored(), healthy(links=("snb0000000001",)))
    assert current["port"] == [] and len(current["server"]) == 1


def test_a_bridge_that_is_gone_takes_its_network_and_subnet():
    current = reconcile(stored(), healthy(links=("snv0000000001",)))
    assert current["network"] == [] and current["subnet"] == [] and len(current["port"]) == 1


def test_a_link_of_the_right_name_but_not_a_bridge_is_no_network():
    probe = healthy()
    probe.links["snb0000000001"] = {"kind": "veth"}
    assert reconcile(stored(), probe)["network"] == []


def test_reconcile_does_not_change_the_stored_records():
    records = stored()
    before = copy.deepcopy(records)
    reconcile(records, healthy(sshd={}))
    assert records == before
