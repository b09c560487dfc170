"""Drift repair: the owned-properties table, plan versus record, the diff's updates and replacements, their summary
and --diff lines, and the executor applying them through the in-memory VIM (check mode writes nothing, a re-run
writes nothing). Scale, heal and power do not repair drift."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as plan_diff
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import drift
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.executor import Run
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.results import drifted, names
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.vnf import run_vnf
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity

from fake_vim import FakeVim
from sample_params import sample_params

NS = "11111111-2222-3333-4444-555555555555"
TAGS = identity.tags_for(NS, "vnf-1", "vdu", 0, "cp")


def resource(kind, name="x", tags=None, depends_on=(), **props):
    return {"type": kind, "name": name, "vim": None, "node": None, "vnf": None, "tags": list(TAGS if tags is None else tags),
            "depends_on": list(depends_on), "properties": props}


def record(kind, name="x", tags=None, **fields):
    return dict({"type": kind, "name": name, "id": "id-" + name, "tags": list(TAGS if tags is None else tags)}, **fields)


def fixed(*addresses):
    return [{"subnet_id": "s", "ip_address": a} for a in addresses]


# -- the table ---------------------------------------------------------------------------------
def test_the_table_names_what_the_plan_owns_and_how_it_changes():
    assert drift.owned("port") == ("port_security_enabled", "fixed_ips", "mac_address", "tags")
    assert drift.owned("network") == ("mtu", "tags")
    assert drift.owned("subnet") == ("cidr", "gateway_ip", "enable_dhcp", "tags")
    assert drift.owned("server_group") == ("policy",)
    assert drift.owned("server") == ("metadata", "tags")
    assert drift.owned("flavor") == drift.owned("keypair") == ()
    assert drift.how("subnet", {"cidr": 1, "tags": 2}) == drift.how("server_group", {"policy": 1}) == drift.REPLACE
    for kind, prop in (("port", "port_security_enabled"), ("port", "fixed_ips"), ("network", "mtu"), ("server", "metadata"),
                       ("subnet", "gateway_ip"), ("network", "tags")):
        assert drift.how(kind, {prop: (1, 2)}) == drift.UPDATE


# -- compare -----------------------------------------------------------------------------------
@pytest.mark.parametrize("planned, found, changes", [
    # Port security as planned, else as the VIM assigned it at create (OpenStack: the network's default).
    ({"port_security_enabled": True}, {"port_security_enabled": False}, {"port_security_enabled": (False, True)}),
    ({}, {"port_security_enabled": False, "assigned": {"port_security_enabled": True}}, {"port_security_enabled": (False, True)}),
    ({}, {"port_security_enabled": False}, {}),   # neither planned nor assigned: not owned
    ({"port_security_enabled": False}, {}, {}),  # the driver does not read it: not drift
    # Fixed IPs: planned ones, else the local VIM's assigned ones; compared as sorted addresses.
    ({"fixed_ips": ["10.0.0.5"]}, {"fixed_ips": fixed("10.0.0.9")}, {"fixed_ips": (["10.0.0.9"], ["10.0.0.5"])}),
    ({"fixed_ips": ["10.0.0.5", "10.0.0.4"]}, {"fixed_ips": fixed("10.0.0.4", "10.0.0.5")}, {}),
    ({}, {"fixed_ips": fixed("10.0.0.9"), "assigned": {"fixed_ips": fixed("10.0.0.3")}}, {"fixed_ips": (["10.0.0.9"], ["10.0.0.3"])}),
    ({}, {"fixed_ips": fixed("10.0.0.9")}, {}),
    ({}, {"mac_address": "02:00:00:00:00:0B", "assigned": {"mac_address": "02:00:00:00:00:0b"}}, {}),
    ({}, {"mac_address": "02:00:00:00:00:0c", "assigned": {"mac_address": "02:00:00:00:00:0b"}},
     {"mac_address": ("02:00:00:00:00:0c", "02:00:00:00:00:0b")}),
])
def test_port_properties(planned, found, changes):
    assert drift.compare(resource("port", **planned), record("port", **found)) == changes


def test_tags_and_metadata_are_compared_on_smartnfvo_keys_only():
    mine = record("port", tags=TAGS + ["team:blue"])
    assert drift.compare(resource("port"), mine) == {}
    lost = record("port", tags=[t for t in TAGS if not t.endswith("=cp")] + ["team:blue"])
    assert drift.compare(resource("port"), lost) == {"tags": (sorted(TAGS[:-1]), sorted(TAGS))}
    meta = identity.server_metadata(ns_instance_id=NS, vdu="vdu", vdu_index=0)
    server = resource("server", metadata=meta)
    assert drift.compare(server, record("server", metadata=dict(meta, owner="me"))) == {}
    changed = dict(meta, smartnfvo_vdu="other")
    assert drift.compare(server, record("server", metadata=changed)) == {"metadata": (changed, meta)}
    assert drift.compare(server, record("server")) == {}


def test_network_subnet_and_server_group_properties():
    assert drift.compare(resource("network", mtu=1400), record("network", mtu=1500)) == {"mtu": (1500, 1400)}
    assert drift.compare(resource("network"), record("network", mtu=1500)) == {}  # MTU left to the VIM
    subnet = resource("subnet", cidr="10.0.0.0/24", enable_dhcp=True)
    assert drift.compare(subnet, record("subnet", cidr="10.0.0.0/24", enable_dhcp=True, gateway_ip="10.0.0.1")) == {}
    assert drift.compare(subnet, record("subnet", cidr="10.0.1.0/24", enable_dhcp=False)) == {
        "cidr": ("10.0.1.0/24", "10.0.0.0/24"), "enable_dhcp": (False, True)}
    assert drift.compare(resource("subnet", cidr="10.0.0.0/24", gateway_ip="10.0.0.254"),
                         record("subnet", cidr="10.0.0.0/24", gateway_ip="10.0.0.1")) == {"gateway_ip": ("10.0.0.1", "10.0.0.254")}
    assert drift.compare(resource("server_group", policy="anti-affinity"), record("server_group", policy="affinity")) == {
        "policy": ("affinity", "anti-affinity")}


def test_describe_shows_before_and_after():
    assert drift.describe({"port_security_enabled": (False, True)}) == "port_security_enabled False -> True"
    assert drift.describe({"fixed_ips": (["10.0.0.9"], ["10.0.0.5"])}) == "fixed_ips [10.0.0.9] -> [10.0.0.5]"


# -- diff ----------------------------------------------------------------------------------------
def _ns():
    desired = [resource("network", "net"), resource("subnet", "net", depends_on=["net"], cidr="10.0.0.0/24"),
               resource("port", "p1", depends_on=["net"], port_security_enabled=True),
               resource("port", "p2", depends_on=["net"], port_security_enabled=True),
               resource("server_group", "g", policy="anti-affinity"),
               resource("server", "s1", depends_on=["p1", "g"]), resource("server", "s2", depends_on=["p2"])]
    current = {"network": [record("network", "net")], "subnet": [record("subnet", "net", cidr="10.0.0.0/24")],
               "port": [record("port", "p1", port_security_enabled=True), record("port", "p2", port_security_enabled=True)],
               "server_group": [record("server_group", "g", policy="anti-affinity")],
               "server": [record("server", "s1"), record("server", "s2")]}
    return desired, current


def test_diff_without_drift_keeps_everything():
    desired, current = _ns()
    actions = plan_diff.diff(desired, current)
    assert actions["update"] == actions["replace"] == actions["create"] == actions["delete"] == []
    assert len(actions["keep"]) == 7 and not plan_diff.changed(actions) and plan_diff.summary(actions) == []


def test_an_update_is_kept_and_summarized():
    desired, current = _ns()
    current["port"][1]["port_security_enabled"] = False
    actions = plan_diff.diff(desired, current)
    assert [(c["record"]["name"], c["changes"]) for c in actions["update"]] == [("p2", {"port_security_enabled": (False, True)})]
    assert current["port"][1] in actions["keep"] and actions["replace"] == []
    assert plan_diff.changed(actions)
    assert plan_diff.summary(actions) == ["update port p2: port_security_enabled False -> True"]
    assert drifted(actions, 0) == ["port/p2 port_security_enabled=False\n"]
    assert names([current["port"][1]], drifted(actions, 1)) == "port/p2\nport/p2 port_security_enabled=True\n"


def test_a_replacement_takes_what_uses_it_along():
    desired, current = _ns()
    current["subnet"][0]["cidr"] = "10.9.0.0/24"
    current["server_group"][0]["policy"] = "affinity"
    current["port"][0]["port_security_enabled"] = False  # drifted too, but replaced anyway: no update
    actions = plan_diff.diff(desired, current)
    replaced = dict((c["record"]["name"] + "/" + c["record"]["type"], c) for c in actions["replace"])
    # The subnet's ports (they depend on the VL's name, network and subnet alike), their servers, the group's members.
    assert sorted(replaced) == ["g/server_group", "net/subnet", "p1/port", "p2/port", "s1/server", "s2/server"]
    assert replaced["net/subnet"]["changes"] == {"cidr": ("10.9.0.0/24", "10.0.0.0/24")}
    assert replaced["s2/server"]["changes"] == {} and replaced["s2/server"]["uses"] == "port p2"
    assert actions["update"] == [] and [r["name"] for r in actions["keep"]] == ["net"]
    summary = plan_diff.summary(actions)
    assert "replace subnet net: cidr 10.9.0.0/24 -> 10.0.0.0/24" in summary
    assert "replace server_group g: policy affinity -> anti-affinity" in summary
    assert "replace server s2: uses replaced port p2" in summary
    assert len(summary) == 6


def test_repair_off_leaves_drift_alone():
    desired, current = _ns()
    current["subnet"][0]["cidr"] = "10.9.0.0/24"
    actions = plan_diff.diff(desired, current, repair=False)
    assert actions["update"] == actions["replace"] == [] and len(actions["keep"]) == 7


# -- the executor --------------------------------------------------------------------------------
def test_run_applies_updates_after_creates_and_before_deletes():
    vim = FakeVim()
    net = vim.create(resource("network", "net"), None)
    port = vim.create(resource("port", "p", port_security_enabled=True), None)
    vim.records[port["id"]]["port_security_enabled"] = False
    stale = vim.create(resource("port", "old"), None)
    desired = [resource("network", "net"), resource("port", "p", port_security_enabled=True), resource("port", "new")]
    current = {"network": [dict(net)], "port": [dict(vim.records[port["id"]]), dict(stale)]}
    actions = plan_diff.diff(desired, current)
    assert [r["name"] for r in actions["delete"]] == ["old"] and [r["name"] for r in actions["create"]] == ["new"]
    vim.log.clear()
    run = Run(vim, NS, desired).apply(actions, known=actions["keep"])
    assert vim.log == [("create", "port", "new"), ("update", "port", "p"), ("delete", "port", "old")]
    assert run.updated == [{"type": "port", "name": "p", "id": port["id"], "changes": {"port_security_enabled": [False, True]}}]
    assert vim.records[port["id"]]["port_security_enabled"] is True


def test_a_failed_update_does_not_roll_back_and_still_deletes():
    class Refusing(FakeVim):
        def update(self, record, changes, resource):
            raise VimError(record["type"], record["name"], "Forbidden (HTTP 403)", "update")
    vim = Refusing()
    port = vim.create(resource("port", "p", port_security_enabled=True), None)
    stale = vim.create(resource("port", "old"), None)
    vim.records[port["id"]]["port_security_enabled"] = False
    desired = [resource("port", "p", port_security_enabled=True), resource("port", "new")]
    actions = plan_diff.diff(desired, {"port": [dict(vim.records[port["id"]]), dict(stale)]})
    with pytest.raises(VimError, match="update of port 'p' failed"):
        Run(vim, NS, desired).apply(actions, known=actions["keep"])
    assert vim.of("port") == ["new", "p"]  # the create stays, the stale port went


# -- through the ns service, check mode and re-run --------------------------------------------
@pytest.fixture
def params(tmp_path):
    return sample_params(tmp_path)


def _port(vim, name):
    return next(r for r in vim.records.values() if r["type"] == "port" and r["name"] == name)


def test_check_mode_reports_the_update_a_run_repairs_it_a_rerun_writes_nothing(params):
    vim = FakeVim()
    run_ns(params, False, vim)
    port = _port(vim, "unit-web-web-vdu-0-web-data-cp")
    port["port_security_enabled"] = False  # by hand
    port["tags"].append("team:blue")        # a user's own tag: not drift
    writes = vim.writes
    check = run_ns(dict(params), True, vim)
    assert check["changed"] and vim.writes == writes
    assert check["changes"] == ["update port unit-web-web-vdu-0-web-data-cp: port_security_enabled False -> True"]
    assert "port/unit-web-web-vdu-0-web-data-cp port_security_enabled=False\n" in check["diff"]["before"]
    assert "port/unit-web-web-vdu-0-web-data-cp port_security_enabled=True\n" in check["diff"]["after"]
    applied = run_ns(dict(params), False, vim)
    assert applied["changed"] and applied["created"] == applied["deleted"] == []
    assert [(u["name"], u["changes"]) for u in applied["updated"]] == [
        ("unit-web-web-vdu-0-web-data-cp", {"port_security_enabled": [False, True]})]
    assert vim.writes == writes + 1 and port["port_security_enabled"] is True and "team:blue" in port["tags"]
    again = run_ns(dict(params), False, vim)
    assert not again["changed"] and again["changes"] == [] and again["updated"] == [] and vim.writes == writes + 1


def test_scale_heal_and_power_leave_drift_to_the_ns_module(params):
    vim = FakeVim()
    run_ns(params, False, vim)
    port = _port(vim, "unit-web-web-vdu-0-web-data-cp")
    port["port_security_enabled"] = False
    writes = vim.writes
    heal = run_vnf(dict(params, vnf="web", operation="heal"), False, vim)
    assert not heal["changed"] and vim.writes == writes
    stop = run_vnf(dict(params, vnf="web", operation="stop"), False, vim)
    assert stop["changes"] == ["stop server unit-web-web-vdu-0"]
    out = run_vnf(dict(params, vnf="web", operation="scale_out", aspect="web_scale"), False, vim)
    assert out["changed"] and not any(c.startswith("update") for c in out["changes"])
    assert port["port_security_enabled"] is False
    assert "update port unit-web-web-vdu-0-web-data-cp: port_security_enabled False -> True" in run_ns(params, True, vim)["changes"]
