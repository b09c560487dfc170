"""The vnfs inventory plugin on the test cloud: ansible-inventory --list sees every VDU instance of two network
services built from the sample NS plan as the NS lifecycle builds them, a scale-out, and then nothing."""

import json
import os
import subprocess

import pytest
from ansible_output import unwrap

from repo import REPO  # noqa: E402
SAMPLE_NS = os.path.join(REPO, "descriptors", "sample_ns")


@pytest.fixture(scope="module")
def sample_nsd():
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
    return load_descriptor(SAMPLE_NS).model


def plan_for(nsd, ns_name, **params):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan
    return build_plan(nsd, dict(params, ns_name=ns_name))


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def deployed(project, sample_nsd, key_dir):
    """NS "alpha" (all three VDU instances, with its keypair) and NS "beta" (two of them, no keypair)."""
    import vim_builder
    image_id, flavor_id = vim_builder.cloud_image_and_flavor(project.conn)
    alpha_plan = plan_for(sample_nsd, "alpha")
    key_name = vim_builder.ns_keypair(project.conn, "alpha", alpha_plan["ns_instance_id"], key_dir)
    alpha = vim_builder.NsOnCloud(project.conn, alpha_plan, image_id, flavor_id, key_name)
    alpha.create()
    beta = vim_builder.NsOnCloud(project.conn, plan_for(sample_nsd, "beta"), image_id, flavor_id)
    beta.create(max_servers=2)
    return {"alpha": alpha, "beta": beta}


def run_inventory(project, tmp_path, key_dir, extra=""):
    config = tmp_path / "test.vnfs.yml"
    config.write_text("plugin: smartnfvo.nfvo.vnfs\nsources:\n  - cloud: %s\n    name: testvim\nclouds_yaml_path: [%s]\n"
                      "key_dir: %s\nansible_user: debian\n%s" % (project.cloud_name, project.clouds_yaml, key_dir, extra))
    done = subprocess.run([os.path.join(REPO, ".venv", "bin", "ansible-inventory"), "-i", str(config), "--list"],
                          cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return unwrap(json.loads(done.stdout))


def hosts_of(listing):
    return listing["_meta"]["hostvars"]


def members(listing, group):
    return set((listing.get(group) or {}).get("hosts") or ())


def expected_names(deployment):
    return set(name for kind, name in deployment.ids if kind == "server")


def test_every_vdu_instance_is_a_host_with_neutron_addresses(project, deployed, tmp_path, key_dir):
    listing = run_inventory(project, tmp_path, key_dir)
    hostvars = hosts_of(listing)
    assert set(hostvars) == expected_names(deployed["alpha"]) | expected_names(deployed["beta"])
    ports_by_server = {}
    for port in project.conn.network.ports():
        ports_by_server.setdefault(port.device_id, {})[port.id] = port
    for name, hv in hostvars.items():
        cps = hv["smartnfvo_cps"]
        neutron = ports_by_server[hv["smartnfvo_server_id"]]
        assert set(cp["port_id"] for cp in cps.values()) == set(neutron)
        for cp in cps.values():
            port = neutron[cp["port_id"]]
            assert cp["mac_address"] == port.mac_address
            assert cp["ip_addresses"] == [f["ip_address"] for f in port.fixed_ips]
            assert cp["subnet_cidr"] and cp["netmask"] == "255.255.255.0" and cp["network_name"]
        assert hv["ansible_host"] == cps[hv["smartnfvo_management_cp"]]["ip_address"]
        assert hv["ansible_user"] == "debian"
        assert hv["smartnfvo_server_status"] == "ACTIVE" and hv["smartnfvo_flavor"] == "m1.tiny"
        assert name in members(listing, "ns_" + hv["smartnfvo_ns_name"])
        for group in ("vnf_" + hv["smartnfvo_vnf_name"], "vdu_" + hv["smartnfvo_vdu"], "vim_testvim", "state_active",
                      "vnfd_" + hv["smartnfvo_vnfd_id"].replace("-", "_")):
            assert name in members(listing, group), group
    alpha_web = hostvars["alpha-web-web-vdu-0"]
    assert alpha_web["ansible_ssh_private_key_file"] == os.path.join(key_dir, alpha_web["smartnfvo_key_name"])
    assert "ansible_ssh_private_key_file" not in hostvars["beta-client-client-vdu-0"]
    assert members(listing, "ns_beta") == {"beta-client-client-vdu-0", "beta-firewall-fw-vdu-0"}


def test_constructed_options_apply(project, deployed, tmp_path, key_dir):
    listing = run_inventory(project, tmp_path, key_dir, "compose:\n  mgmt_mac: smartnfvo_cps[smartnfvo_management_cp].mac_address\n"
                            "keyed_groups:\n  - key: smartnfvo_availability_zone\n    prefix: az\n"
                            "groups:\n  webs: smartnfvo_vnf_name == 'web'\n")
    assert members(listing, "webs") == {"alpha-web-web-vdu-0"}
    assert members(listing, "az_nova") == set(hosts_of(listing))
    assert all(hv["mgmt_mac"] for hv in hosts_of(listing).values())


def test_scale_out_adds_a_host(project, deployed, sample_nsd, tmp_path, key_dir):
    added = deployed["alpha"].scale_out(plan_for(sample_nsd, "alpha", scale_levels={"web_scale": 1}))
    assert added == ["alpha-web-web-vdu-1"]
    listing = run_inventory(project, tmp_path, key_dir)
    assert "alpha-web-web-vdu-1" in hosts_of(listing)
    assert members(listing, "vdu_web_vdu") == {"alpha-web-web-vdu-0", "alpha-web-web-vdu-1"}
    assert hosts_of(listing)["alpha-web-web-vdu-1"]["smartnfvo_vdu_index"] == 1


def test_rest_reader_and_openstacksdk_give_the_same_records(project, deployed):
    """The plugin reads this entry over REST (openstack_rest); openstacksdk, its fallback, must see the same."""
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import sources as inventory_sources
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import rest as openstack_rest
    source = inventory_sources.OpenStackSource("testvim", project.cloud_name, [project.clouds_yaml])
    over_rest = source._list_rest(openstack_rest.Session(source._clouds_entry()))
    over_sdk = source._fetch_sdk()
    assert over_rest["servers"], "nothing deployed"
    for kind in over_rest:
        assert sorted(over_rest[kind], key=lambda r: r["id"]) == sorted(over_sdk[kind], key=lambda r: r["id"]), kind


def test_no_hosts_once_everything_is_deleted(project, deployed, tmp_path, key_dir):
    import vim_builder
    assert vim_builder.empty_project(project.conn) == []
    assert vim_builder.tagged_counts(project.conn) == {"servers": 0, "ports": 0, "networks": 0}
    assert hosts_of(run_inventory(project, tmp_path, key_dir)) == {}
