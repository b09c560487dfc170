"""The OpenStack driver's drift repair against fake proxies: one Neutron PUT with only what drifted (port security
back on with the project's default security group, off without any), retried on a transient fault like the other
writes; the user's own tags kept in the tag PUT; Nova metadata set and stale SmartNFVO keys removed; and the records
carrying what drift compares (a port's network default of port security as "assigned")."""
import types

import pytest

pytest.importorskip("openstack", reason="openstacksdk is not installed")

from test_openstack_retries import FakeNeutron, FakeNova, Faults, driver_on, unavailable  # noqa: E402

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import driver as os_driver  # noqa: E402


class Neutron(FakeNeutron):
    def __init__(self, faults):
        super().__init__(faults)
        self.puts = []

    def update_port(self, ident, **body):
        def put():
            self.puts.append((ident, body))
            return types.SimpleNamespace(id=ident, name="p", tags=["smartnfvo"], network_id="n", mac_address="m",
                                         status="ACTIVE", fixed_ips=[], device_id="", is_port_security_enabled=True,
                                         security_group_ids=body.get("security_groups"))
        return self.faults.run("update_port", put)

    def security_groups(self, **query):
        assert query == {"name": "default", "project_id": "project-1"}
        return [types.SimpleNamespace(id="sg-default")]


class Nova(FakeNova):
    def __init__(self, faults):
        super().__init__(faults)
        self.metadata_calls = []

    def set_server_metadata(self, ident, **metadata):
        self.metadata_calls.append(("set", ident, metadata))

    def delete_server_metadata(self, ident, keys):
        self.metadata_calls.append(("delete", ident, keys))


def repairing(faults):
    driver, events = driver_on(faults)
    driver.net, driver.compute = Neutron(faults), Nova(faults)
    driver.conn = types.SimpleNamespace(current_project_id="project-1")
    return driver, events


PORT = {"type": "port", "name": "p", "id": "port-1", "tags": ["smartnfvo", "team:blue"], "security_group_ids": []}


def test_port_security_back_on_gets_the_default_group_in_one_put_retried_after_a_503():
    faults = Faults(before={"update_port": [unavailable]})
    driver, events = repairing(faults)
    record = driver.update(PORT, {"port_security_enabled": (False, True)}, None)
    assert driver.net.puts == [("port-1", {"port_security_enabled": True, "security_groups": ["sg-default"]})]
    assert faults.calls["update_port"] == 2 and [e for e, _d in events] == ["retry"]
    assert record["port_security_enabled"] is True and record["id"] == "port-1"


def test_port_security_off_removes_the_groups_and_fixed_ips_name_only_addresses():
    driver, _events = repairing(Faults())
    changes = {"port_security_enabled": (True, False), "fixed_ips": (["10.0.0.9"], ["10.0.0.5"])}
    driver.update(dict(PORT, security_group_ids=["sg-1"]), changes, None)
    assert driver.net.puts == [("port-1", {"port_security_enabled": False, "security_groups": [],
                                           "fixed_ips": [{"ip_address": "10.0.0.5"}]})]


def test_tags_keep_the_users_own_and_metadata_drops_stale_smartnfvo_keys(monkeypatch):
    driver, _events = repairing(Faults())
    sent = []
    monkeypatch.setattr(driver, "_set_tags", lambda kind, record, tags: sent.append((kind, tags)))
    new = driver.update(PORT, {"tags": (["smartnfvo"], ["smartnfvo", "smartnfvo:ns=x"])}, None)
    assert sent == [("port", ["team:blue", "smartnfvo", "smartnfvo:ns=x"])] and driver.net.puts == []
    assert new["tags"] == ["team:blue", "smartnfvo", "smartnfvo:ns=x"]
    server = {"type": "server", "name": "s", "id": "srv-1", "metadata": {"owner": "me", "smartnfvo_vdu": "a", "smartnfvo_x": "1"}}
    new = driver.update(server, {"metadata": ({"smartnfvo_vdu": "a", "smartnfvo_x": "1"}, {"smartnfvo_vdu": "b"})}, None)
    assert driver.compute.metadata_calls == [("set", "srv-1", {"smartnfvo_vdu": "b"}), ("delete", "srv-1", ["smartnfvo_x"])]
    assert new["metadata"] == {"owner": "me", "smartnfvo_vdu": "b"}


def test_records_carry_what_drift_compares():
    network = types.SimpleNamespace(id="n", name="net", tags=[], subnet_ids=[], mtu=1450, is_port_security_enabled=True)
    port = types.SimpleNamespace(id="p", name="p", tags=[], network_id="n", mac_address="m", status="ACTIVE", fixed_ips=[],
                                 device_id="", is_port_security_enabled=False, security_group_ids=[])
    other = types.SimpleNamespace(**dict(vars(port), id="q", network_id="elsewhere"))
    state = {"network": [os_driver.OpenStackDriver._record("network", network)],
             "port": [os_driver.OpenStackDriver._record("port", p) for p in (port, other)]}
    os_driver._assign_port_security(state)
    assert state["network"][0]["mtu"] == 1450
    assert state["port"][0]["port_security_enabled"] is False and state["port"][0]["assigned"] == {"port_security_enabled": True}
    assert "assigned" not in state["port"][1]  # on a network the NS does not own: not compared
