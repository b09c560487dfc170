"""The vnfs inventory plugin with ansible-core's InventoryData and fake VIM sources (no cloud)."""

import pytest

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader
from ansible.utils.display import Display

from ansible_collections.smartnfvo.nfvo.plugins.inventory import vnfs
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.sources import LocalSource, SourceError, VimSource

from vnfs_records import sample_records

NAME = "smartnfvo.nfvo.vnfs"


class FakeSource(VimSource):
    """A VIM whose records are given; counts its list calls."""

    def __init__(self, name, records=None, error=None):
        self.name, self.records, self.error, self.fetches = name, records, error, 0

    def cache_id(self):
        return "fake_" + self.name

    def fetch(self):
        self.fetches += 1
        if self.error:
            raise SourceError(self.error)
        return self.records


@pytest.fixture
def sources(monkeypatch):
    """Source name -> FakeSource; the plugin's make_source hands them out by the config's cloud name."""
    table = {}

    def make(spec, clouds_yaml=None):
        if spec.get("type") == "local":
            return LocalSource("local", spec.get("state_dir"))
        return table[spec["cloud"]]
    monkeypatch.setattr(vnfs, "make_source", make)
    return table


def plugin():
    """The plugin as ansible's loader prepares it (option definitions, names), without a collection finder."""
    inventory_loader._load_config_defs(NAME, vnfs, vnfs.__file__)
    obj = vnfs.InventoryModule()
    inventory_loader._update_object(obj=obj, name=NAME, path=vnfs.__file__, resolved=NAME)
    return obj


def parse(tmp_path, config, cache=True, name="test.vnfs.yml"):
    path = tmp_path / name
    path.write_text("plugin: smartnfvo.nfvo.vnfs\n" + config)
    obj = plugin()
    inventory = InventoryData()
    obj.parse(inventory, DataLoader(), str(path), cache=cache)
    if obj.get_option("cache"):
        obj.update_cache_if_changed()  # as ansible's InventoryManager does after parse
    return inventory


def group_hosts(inventory, group):
    return sorted(h.name for h in inventory.groups[group].get_hosts()) if group in inventory.groups else []


def test_verify_file_wants_the_suffix(tmp_path):
    for name, ok in (("a.vnfs.yml", True), ("vnfs.yaml", True), ("a.yml", False), ("vnfs.yml.bak", False)):
        (tmp_path / name).write_text("plugin: smartnfvo.nfvo.vnfs\n")
        assert plugin().verify_file(str(tmp_path / name)) is ok, name
    assert not plugin().verify_file(str(tmp_path / "missing.vnfs.yml"))


def test_hosts_groups_and_vars(tmp_path, sources):
    sources["c1"] = FakeSource("vim1", sample_records())
    inventory = parse(tmp_path, "sources:\n  - cloud: c1\nansible_user: debian\n")
    assert sorted(inventory.hosts) == ["demo-firewall-fw-vdu-0", "demo-web-web-vdu-0", "demo-web-web-vdu-1"]
    assert group_hosts(inventory, "vnf_web") == ["demo-web-web-vdu-0", "demo-web-web-vdu-1"]
    assert group_hosts(inventory, "state_active") == ["demo-firewall-fw-vdu-0", "demo-web-web-vdu-0"]
    for group in ("ns_demo", "vim_vim1", "vdu_fw_vdu", "vnfd_vnfd_fw_1"):
        assert "demo-firewall-fw-vdu-0" in group_hosts(inventory, group), group
    hv = inventory.get_host("demo-web-web-vdu-0").get_vars()
    assert hv["ansible_host"] == "10.10.0.10" and hv["ansible_user"] == "debian"
    assert hv["smartnfvo_cps"]["web_data_cp"]["mac_address"] == "fa:16:3e:00:01:00"


def test_compose_groups_and_keyed_groups(tmp_path, sources):
    sources["c1"] = FakeSource("vim1", sample_records())
    inventory = parse(tmp_path, "sources: [{cloud: c1}]\n"
                      "compose:\n  data_ip: smartnfvo_cps['web_data_cp'].ip_address\n  ansible_host: smartnfvo_cps[smartnfvo_management_cp].mac_address\n"
                      "groups:\n  firewalls: smartnfvo_vnf_name == 'firewall'\n"
                      "keyed_groups:\n  - key: smartnfvo_server_status\n    prefix: status\n  - key: smartnfvo_vdu_index | string\n    prefix: index\n")
    assert group_hosts(inventory, "firewalls") == ["demo-firewall-fw-vdu-0"]
    assert group_hosts(inventory, "status_BUILD") == ["demo-web-web-vdu-1"]
    assert group_hosts(inventory, "index_0") == ["demo-firewall-fw-vdu-0", "demo-web-web-vdu-0"]
    assert inventory.get_host("demo-web-web-vdu-1").get_vars()["data_ip"] == "10.10.1.11"
    # The firewall has no web_data_cp: without strict, the variable is just left out.
    assert "data_ip" not in inventory.get_host("demo-firewall-fw-vdu-0").get_vars()
    assert inventory.get_host("demo-web-web-vdu-0").get_vars()["ansible_host"] == "fa:16:3e:00:00:00"


def test_strict_fails_on_a_broken_expression(tmp_path, sources):
    sources["c1"] = FakeSource("vim1", sample_records())
    with pytest.raises(AnsibleError, match="data_ip"):
        parse(tmp_path, "sources: [{cloud: c1}]\nstrict: true\ncompose:\n  data_ip: smartnfvo_cps['web_data_cp'].ip_address\n")


def test_cache_hit_skips_listing(tmp_path, sources):
    source = sources["c1"] = FakeSource("vim1", sample_records())
    config = "sources: [{cloud: c1}]\ncache: true\ncache_plugin: jsonfile\ncache_connection: %s\n" % (tmp_path / "cache")
    first = parse(tmp_path, config)
    assert source.fetches == 1
    source.records = None  # a second listing would now give nothing
    second = parse(tmp_path, config)
    assert source.fetches == 1
    assert sorted(second.hosts) == sorted(first.hosts)
    # cache=False (--flush-cache, meta: refresh_inventory) lists again.
    source.records = sample_records("other")
    third = parse(tmp_path, config, cache=False)
    assert source.fetches == 2 and "other-web-web-vdu-0" in third.hosts


def test_cache_entries_are_per_source(tmp_path, sources):
    one = sources["c1"] = FakeSource("vim1", sample_records())
    config = "cache: true\ncache_plugin: jsonfile\ncache_connection: %s\n" % (tmp_path / "cache")
    parse(tmp_path, "sources: [{cloud: c1}]\n" + config)
    two = sources["c2"] = FakeSource("vim2", sample_records("second"))
    inventory = parse(tmp_path, "sources: [{cloud: c1}, {cloud: c2}]\n" + config)
    assert (one.fetches, two.fetches) == (1, 1)
    assert "second-web-web-vdu-0" in inventory.hosts and "demo-web-web-vdu-0" in inventory.hosts


def test_failing_vim_warns_and_the_others_still_count(tmp_path, sources, monkeypatch):
    warnings = []
    monkeypatch.setattr(Display(), "warning", lambda message, *a, **k: warnings.append(message))
    sources["good"] = FakeSource("good", sample_records())
    sources["bad"] = FakeSource("bad", error="VIM bad (cloud bad): Keystone said 401")
    inventory = parse(tmp_path, "sources: [{cloud: good}, {cloud: bad}]\n")
    assert "demo-web-web-vdu-0" in inventory.hosts
    assert any("Keystone said 401" in w for w in warnings)
    with pytest.raises(AnsibleError, match="Keystone said 401"):
        parse(tmp_path, "sources: [{cloud: good}, {cloud: bad}]\nfail_on_errors: true\n")


def test_local_source_hosts_get_its_connection_vars_unless_set(tmp_path, sources, monkeypatch):
    monkeypatch.setattr(LocalSource, "fetch", lambda self: sample_records())
    inventory = parse(tmp_path, "sources: [{type: local, state_dir: /run/x}]\n")
    hostvars = inventory.get_host("demo-web-web-vdu-0").get_vars()
    assert (hostvars["ansible_user"], hostvars["ansible_become_method"]) == ("root", "su")
    assert "UserKnownHostsFile=/run/x/known_hosts" in hostvars["ansible_ssh_common_args"]
    assert hostvars["smartnfvo_vim"] == "local"
    inventory = parse(tmp_path, "sources: [{type: local, state_dir: /run/x}]\nansible_user: debian\n")
    assert inventory.get_host("demo-web-web-vdu-0").get_vars()["ansible_user"] == "debian"


def test_bad_configurations(tmp_path, sources):
    sources["c1"] = FakeSource("vim1", sample_records())
    with pytest.raises(AnsibleParserError, match="hostname_format"):
        parse(tmp_path, "sources: [{cloud: c1}]\nhostname_format: '{nope}'\n")
    with pytest.raises(AnsibleParserError, match="share a name"):
        parse(tmp_path, "sources: [{cloud: c1}, {cloud: c1}]\n")
