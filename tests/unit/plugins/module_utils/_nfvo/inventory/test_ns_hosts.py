"""The hosts of the ns and vnf results: the same names, groups and vars as the vnfs inventory plugin publishes
for the same VIM, checked with the in-memory VIM and the real plugin."""
from types import SimpleNamespace

import pytest

from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.smartnfvo.nfvo.plugins.inventory import vnfs
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import sources as inventory_sources
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.ns_hosts import inventory_records, ns_hosts
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.vnf import run_vnf

from fake_vim import FakeVim
from sample_params import sample_params


class NamedVim(FakeVim):
    """The fake VIM with the driver attributes the hosts use."""

    name = "lab"

    def __init__(self, connection_vars=None, **kwargs):
        super().__init__(**kwargs)
        self._vars = connection_vars or {}

    def connection_vars(self):
        return dict(self._vars)


class VimAsInventorySource(inventory_sources.VimSource):
    """The fake VIM's resources read as the plugin's OpenStack source reads a cloud: each one through
    inventory_sources' own per-object conversions, not through ns_hosts."""

    def __init__(self, name, vim):
        self.name, self.vim = name, vim

    def cache_id(self):
        return "fake_" + self.name

    def fetch(self):
        found = self.vim.read_all()

        def obj(record, **extra):
            return SimpleNamespace(**dict(record, **extra))
        servers = [obj(s, flavor=SimpleNamespace(id=s["flavor"]["id"], original_name=s["flavor"]["name"]),
                       image=SimpleNamespace(id=s["image"]["id"], name=s["image"]["name"])) for s in found["server"]]
        return {"servers": [inventory_sources._server(s) for s in servers],
                "ports": [inventory_sources._port(obj(p)) for p in found["port"]],
                "networks": [inventory_sources._network(obj(n)) for n in found["network"]],
                "subnets": [inventory_sources._subnet(obj(s)) for s in found["subnet"]]}


def inventory_hosts(tmp_path, monkeypatch, vim, key_dir):
    monkeypatch.setattr(vnfs, "make_source", lambda spec, clouds_yaml=None: VimAsInventorySource(spec["name"], vim))
    inventory_loader._load_config_defs(vnfs.InventoryModule.NAME, vnfs, vnfs.__file__)
    plugin = vnfs.InventoryModule()
    inventory_loader._update_object(obj=plugin, name=vnfs.InventoryModule.NAME, path=vnfs.__file__, resolved=vnfs.InventoryModule.NAME)
    config = tmp_path / "lab.vnfs.yml"
    config.write_text("plugin: smartnfvo.nfvo.vnfs\nsources:\n  - {cloud: lab, name: lab}\nkey_dir: %s\n" % key_dir)
    inventory = InventoryData()
    plugin.parse(inventory, DataLoader(), str(config), cache=False)
    magic = ("inventory_file", "inventory_dir", "inventory_hostname", "inventory_hostname_short", "group_names")
    return dict((name, {"groups": sorted(g.name for g in host.get_groups() if g.name != "all"),
                        "vars": dict((k, v) for k, v in host.get_vars().items() if k not in magic)})
                for name, host in inventory.hosts.items())


@pytest.fixture
def params(tmp_path):
    return sample_params(tmp_path)


def published(hosts):
    return dict((h["name"], {"groups": sorted(h["groups"]), "vars": h["vars"]}) for h in hosts)


def test_ns_hosts_equal_what_the_inventory_publishes(tmp_path, monkeypatch, params):
    vim = NamedVim()
    result = run_ns(params, False, vim)
    ours = published(result["hosts"])
    assert ours == inventory_hosts(tmp_path, monkeypatch, vim, params["key_dir"])
    assert sorted(ours) == ["unit-client-client-vdu-0", "unit-firewall-fw-vdu-0", "unit-web-web-vdu-0"]
    web = ours["unit-web-web-vdu-0"]
    assert "vim_lab" in web["groups"] and "vnf_web" in web["groups"] and "state_active" in web["groups"]
    assert web["vars"]["ansible_ssh_private_key_file"] == result["private_key_path"]
    assert web["vars"]["ansible_host"] == web["vars"]["smartnfvo_cps"]["web_mgmt_cp"]["ip_address"]
    # A scale-out's hosts (the VNF's) follow the VIM, as the inventory does.
    scaled = published(run_vnf(dict(params, vnf="web", operation="scale_out", aspect="web_scale"), False, vim)["hosts"])
    assert sorted(scaled) == ["unit-web-web-vdu-0", "unit-web-web-vdu-1"]
    listed = inventory_hosts(tmp_path, monkeypatch, vim, params["key_dir"])
    assert scaled == dict((name, host) for name, host in listed.items() if name.startswith("unit-web-"))


def test_connection_vars_of_the_vim_go_into_every_host(params):
    vim = NamedVim(connection_vars={"ansible_user": "root", "ansible_become_method": "su"})
    hosts = run_ns(params, False, vim)["hosts"]
    assert len(hosts) == 3 and all(h["vars"]["ansible_user"] == "root" and h["vars"]["ansible_become_method"] == "su" for h in hosts)


def test_hosts_without_driver_name_use_the_cloud_name(params):
    hosts = run_ns(dict(params, cloud="site-a"), False, FakeVim())["hosts"]
    assert all("vim_site_a" in h["groups"] and h["vars"]["smartnfvo_vim"] == "site-a" for h in hosts)


def test_inventory_records_keep_only_the_ns_servers_and_ports():
    current = {"server": [{"id": "s1", "tags": ["smartnfvo:ns=a"]}, {"id": "s2", "tags": ["smartnfvo:ns=b"]}],
               "port": [{"id": "p1", "tags": ["smartnfvo:ns=a"]}], "network": [{"id": "n1"}], "subnet": [], "keypair": [{}]}
    records = inventory_records(current, "a")
    assert sorted(records) == ["networks", "ports", "servers", "subnets"]
    assert [s["id"] for s in records["servers"]] == ["s1"] and [p["id"] for p in records["ports"]] == ["p1"]
    assert ns_hosts(current, "a", FakeVim(), "lab", None) == ([], [])  # servers without VDU metadata are not hosts
