"""Records in, hosts out: the pure logic of the vnfs inventory (no Ansible, no cloud)."""

import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import hosts as ih
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import server_instances

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import keypair_name

from vnfs_records import NS_ID, sample_records, server


def hosts_of(records_by_vim, options=None):
    """Hosts from {vim: server and port records}, as a source's vdu_instances() and build_hosts() make them."""
    return ih.build_hosts([i for vim, records in records_by_vim.items()
                           for i in server_instances.vdu_instances(vim, records)], options)


def by_name(result):
    return dict((h["name"], h) for h in result["hosts"])


def test_one_host_per_vdu_instance_named_like_the_plan():
    hosts = by_name(hosts_of({"vim1": sample_records()}))
    assert sorted(hosts) == ["demo-firewall-fw-vdu-0", "demo-web-web-vdu-0", "demo-web-web-vdu-1"]
    # The default name is the server name the plan gives.
    assert all(h["vars"]["smartnfvo_server_name"] == name for name, h in hosts.items())


def test_groups_are_nfv_names_vim_vnfd_and_state():
    hosts = by_name(hosts_of({"vim-1": sample_records()}))
    assert hosts["demo-web-web-vdu-0"]["groups"] == ["ns_demo", "vnf_web", "vdu_web_vdu", "vim_vim_1", "vnfd_vnfd_web_1", "state_active"]
    assert "state_build" in hosts["demo-web-web-vdu-1"]["groups"]


def test_cp_vars_carry_addresses_mac_subnet_and_network():
    hv = by_name(hosts_of({"vim1": sample_records()}))["demo-firewall-fw-vdu-0"]["vars"]
    mgmt = hv["smartnfvo_cps"]["fw_mgmt_cp"]
    assert mgmt["ip_address"] == "10.10.0.12" and mgmt["ip_addresses"] == ["10.10.0.12"]
    assert mgmt["mac_address"] == "fa:16:3e:00:00:02"
    assert (mgmt["subnet_cidr"], mgmt["netmask"], mgmt["prefix_length"], mgmt["gateway"]) == ("10.10.0.0/24", "255.255.255.0", 24, "10.10.0.1")
    assert (mgmt["network_name"], mgmt["network_id"], mgmt["port_id"]) == ("demo-mgmt-net", "net-mgmt", "port-srv-fw-0-fw_mgmt_cp")
    data = hv["smartnfvo_cps"]["fw_data_cp"]
    assert data["netmask"] == "255.255.255.128" and data["gateway"] is None
    assert hv["ansible_host"] == "10.10.0.12"
    assert hv["smartnfvo_ns_instance_id"] == NS_ID and hv["smartnfvo_vdu_index"] == 0
    assert (hv["smartnfvo_vnfd_id"], hv["smartnfvo_flavour_id"], hv["smartnfvo_flavor"], hv["smartnfvo_image"]) == (
        "vnfd-fw-1", "default", "m1.tiny", "img-1")
    assert hv["smartnfvo_availability_zone"] == "nova" and hv["smartnfvo_server_status"] == "ACTIVE"
    assert "ansible_user" not in hv and "ansible_ssh_private_key_file" not in hv


def test_ansible_host_cps_override_and_user():
    hosts = by_name(hosts_of({"v": sample_records()}, {"ansible_host_cps": ["nope", "web_data_cp"], "ansible_user": "debian"}))
    assert hosts["demo-web-web-vdu-0"]["vars"]["ansible_host"] == "10.10.1.10"
    assert hosts["demo-firewall-fw-vdu-0"]["vars"]["ansible_host"] == "10.10.0.12"  # no such CP: the management CP
    assert hosts["demo-web-web-vdu-0"]["vars"]["ansible_user"] == "debian"


def test_private_key_follows_the_ns_keypair_rule_and_must_exist(tmp_path):
    name = keypair_name("demo", NS_ID)
    assert name == "smartnfvo-demo-a1b2c3d4"
    options = {"key_dir": str(tmp_path)}
    assert "ansible_ssh_private_key_file" not in by_name(hosts_of({"v": sample_records()}, options))["demo-web-web-vdu-0"]["vars"]
    (tmp_path / name).write_text("key")
    hv = by_name(hosts_of({"v": sample_records()}, options))["demo-web-web-vdu-0"]["vars"]
    assert hv["ansible_ssh_private_key_file"] == os.path.join(str(tmp_path), name)


def test_private_key_names_from_the_vim_stay_in_key_dir(tmp_path):
    (tmp_path / "keys").mkdir()
    (tmp_path / "secret-a1b2c3d4").write_text("not a key of ours")
    assert ih.private_key_file(str(tmp_path / "keys"), "../secret", NS_ID) is None
    assert ih.private_key_file(str(tmp_path / "keys"), None, NS_ID, key_name="../secret-a1b2c3d4") is None


def test_hostname_format_fields_and_errors():
    hosts = by_name(hosts_of({"v1": sample_records()}, {"hostname_format": "{vim}.{vnf_name}.{vdu_id}.{vdu_index}"}))
    assert "v1.web.web_vdu.1" in hosts
    for bad in ("{nope}-{vdu}", "static"):
        with pytest.raises(ih.InventoryError, match="hostname_format"):
            hosts_of({"v": sample_records()}, {"hostname_format": bad})


def test_same_names_on_two_vims_are_kept_apart():
    result = hosts_of({"a": sample_records(), "b": sample_records()})
    names = [h["name"] for h in result["hosts"]]
    assert len(names) == len(set(names)) == 6
    assert "demo-web-web-vdu-0-b" in names
    assert result["warnings"] and "already used" in result["warnings"][0]


def test_servers_that_are_not_vdu_instances_or_lack_names():
    records = sample_records()
    records["servers"].append({"id": "other", "name": "other", "tags": ["smartnfvo"], "metadata": {}})
    bare = server("srv-bare", "demo", "web", "web_vdu", 7, "web_mgmt_cp")
    bare["metadata"] = {}
    records["servers"].append(bare)
    hosts = by_name(hosts_of({"v": records}))
    assert "other" not in hosts
    # Tags alone: still a host, named after the server, grouped by what the tags say.
    assert hosts["demo-web-web-vdu-7"]["vars"]["smartnfvo_vdu_index"] == 7
    assert hosts["demo-web-web-vdu-7"]["groups"] == ["vdu_web_vdu", "vim_v", "state_active"]


def test_port_without_device_is_ignored_and_ipv6_prefers_ipv4():
    records = sample_records()
    records["ports"].append(dict(records["ports"][0], id="loose", device_id=""))
    records["ports"][0]["fixed_ips"].insert(0, {"subnet_id": "sub6", "ip_address": "fd00::5"})
    records["subnets"].append({"id": "sub6", "cidr": "fd00::/64", "gateway_ip": "fd00::1", "ip_version": 6})
    cps = by_name(hosts_of({"v": records}))["demo-web-web-vdu-0"]["vars"]["smartnfvo_cps"]
    assert cps["web_mgmt_cp"]["ip_address"] == "10.10.0.10"
    assert cps["web_mgmt_cp"]["ip_addresses"] == ["fd00::5", "10.10.0.10"]
    assert cps["web_mgmt_cp"]["fixed_ips"][0]["prefix_length"] == 64
    assert len(cps) == 2


def test_empty_records_give_no_hosts():
    assert hosts_of({"v": ih.empty_records()}) == {"hosts": [], "warnings": []}


def test_slug_matches_the_plan():
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import slug
    for text in ("web_vdu", "VDU 1", "a--b__c", "", "x" * 60):
        assert ih.slug(text) == slug(text)
