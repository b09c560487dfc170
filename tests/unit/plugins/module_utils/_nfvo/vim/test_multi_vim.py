"""Per-VNF VIM and availability zone (vnf_vims, availability_zone): the plan, the placement of shared resources,
and the whole lifecycle over two in-memory VIMs behind drivers.multi."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as lifecycle
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import placement as vim_placement
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.multi import MultiVimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack.driver import OpenStackDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError, PlanError, VimError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_state import desired_state
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.vnf import run_vnf

from fake_vim import FakeVim
from sample_params import MAPS, SAMPLE, sample_params

WEB_ON_EAST = {"web": {"cloud": "east", "availability_zone": "az-east"}}


@pytest.fixture(scope="module")
def sample_model():
    return load_descriptor(SAMPLE).model


@pytest.fixture
def params(tmp_path):
    return sample_params(tmp_path, cloud="main", vnf_vims=WEB_ON_EAST)


@pytest.fixture
def vims():
    main, east = FakeVim(), FakeVim()
    main.name, east.name = "main", "east"
    return main, east, MultiVimDriver(main, {"east": east})


def servers(vim):
    return vim.of("server")


def test_plan_places_vnfs_and_zones(sample_model):
    plan = build_plan(sample_model, dict(MAPS, ns_name="unit", availability_zone="az-1", vnf_vims=WEB_ON_EAST))
    placed = dict((v["name"], (v["vim"], v["availability_zone"])) for v in plan["vnfs"])
    assert placed == {"client": (None, "az-1"), "firewall": (None, "az-1"), "web": ("east", "az-east")}
    zones = dict((r["name"], r["properties"].get("availability_zone")) for r in plan["resources"] if r["type"] == "server")
    assert zones["unit-web-web-vdu-0"] == "az-east" and zones["unit-firewall-fw-vdu-0"] == "az-1"


def test_plan_without_zone_leaves_the_choice_to_the_vim(sample_model):
    plan = build_plan(sample_model, dict(MAPS, ns_name="unit"))
    assert not any("availability_zone" in r["properties"] for r in plan["resources"] if r["type"] == "server")


@pytest.mark.parametrize("given, words", [
    ({"webb": {"cloud": "east"}}, "vnf_vims names VNF 'webb', which the NS does not have (VNFs: client, firewall, web)"),
    ({"web": "east"}, "vnf_vims.web must be a dict with the strings cloud and/or availability_zone"),
    ({"web": {"cloud": "east", "zone": "a"}}, "vnf_vims.web must be a dict"),
])
def test_bad_vnf_vims_are_plan_problems(sample_model, given, words):
    with pytest.raises(PlanError) as caught:
        build_plan(sample_model, dict(MAPS, vnf_vims=given))
    assert words in str(caught.value)


def test_shared_resources_go_to_every_vim_that_uses_them(sample_model, tmp_path):
    params = sample_params(tmp_path, cloud="main", vnf_vims=WEB_ON_EAST)
    plan = build_plan(sample_model, dict(MAPS, ns_name="unit", vnf_vims=WEB_ON_EAST))
    desired, warnings, keypair, _path = desired_state(plan, params, OpenStackDriver.capabilities)
    on = dict((lifecycle.key(r), r) for r in desired)
    assert ("east", "keypair", keypair) in on and (None, "keypair", keypair) in on
    web = [r for r in desired if r.get("vnf") == "web"]
    assert web and all(r.get("vim") == "east" for r in web)
    assert not any(r.get("vim") for r in desired if r.get("vnf") in ("client", "firewall"))
    # Every dependency of a resource exists on its own VIM.
    for resource in desired:
        for name in resource["depends_on"]:
            assert any(k[0] == resource.get("vim") and k[2] == name for k in on), (resource["name"], name)
    shared = [w for w in warnings if "connects VNFs on several VIMs (the module's VIM, east)" in w]
    assert shared, warnings


def test_the_modules_own_cloud_named_in_vnf_vims_is_no_other_vim(sample_model, tmp_path):
    plan = build_plan(sample_model, dict(MAPS, ns_name="unit", vnf_vims={"web": {"cloud": "main"}}))
    desired, _w, _k, _p = desired_state(plan, sample_params(tmp_path, cloud="main"), OpenStackDriver.capabilities)
    assert not any("vim" in r for r in desired)
    assert vim_placement.vims_used(plan, "main") == []


def test_instantiate_rerun_and_terminate_over_two_vims(params, vims):
    main, east, driver = vims
    first = run_ns(params, False, driver)
    assert first["changed"]
    assert servers(east) == ["unit-web-web-vdu-0"]
    assert servers(main) == ["unit-client-client-vdu-0", "unit-firewall-fw-vdu-0"]
    assert east.records[next(i for i, r in east.records.items() if r["type"] == "server")]["availability_zone"] == "az-east"
    assert len(east.of("keypair")) == 1 and len(main.of("keypair")) == 1
    assert any(c.endswith(" on east") and c.startswith("create server unit-web") for c in first["changes"])
    hosts = dict((h["name"], h) for h in first["hosts"])
    assert hosts["unit-web-web-vdu-0"]["vars"]["smartnfvo_vim"] == "east"
    assert "vim_east" in hosts["unit-web-web-vdu-0"]["groups"] and "vim_main" in hosts["unit-client-client-vdu-0"]["groups"]
    assert [v["vnf_name"] for v in first["vnfs"]] == ["client", "firewall", "web"]
    writes = main.writes + east.writes
    again = run_ns(params, False, driver)
    assert not again["changed"] and main.writes + east.writes == writes
    gone = run_ns(dict(params, state="absent"), False, driver)
    assert gone["changed"]
    for vim in (main, east):
        assert not any(vim.of(k) for k in ("network", "subnet", "port", "server", "server_group", "keypair"))


def test_terminate_by_name_reads_every_vim_of_vnf_vims(params, vims):
    main, east, driver = vims
    run_ns(params, False, driver)
    run_ns(dict(params, state="absent", path=None), False, driver)
    for vim in (main, east):
        assert not any(vim.of(k) for k in ("network", "subnet", "port", "server", "server_group", "keypair")), vim.name


def test_a_failure_on_one_vim_rolls_back_both(params, tmp_path):
    main, east = FakeVim(), FakeVim(error_on=["unit-web-web-vdu-0"])
    with pytest.raises(VimError, match="unit-web-web-vdu-0"):
        run_ns(params, False, MultiVimDriver(main, {"east": east}))
    for vim in (main, east):
        assert not any(vim.of(k) for k in ("network", "subnet", "port", "server", "keypair"))


def test_moving_a_vnf_to_another_vim_converges(params, vims):
    main, east, driver = vims
    run_ns(dict(params, vnf_vims={}), False, driver)
    assert "unit-web-web-vdu-0" in servers(main) and servers(east) == []
    moved = run_ns(params, False, driver)
    assert "delete server unit-web-web-vdu-0" in moved["changes"]
    assert "create server unit-web-web-vdu-0 on east" in moved["changes"]
    assert servers(east) == ["unit-web-web-vdu-0"] and "unit-web-web-vdu-0" not in servers(main)


def test_scale_and_heal_work_on_the_vnfs_vim(params, vims):
    main, east, driver = vims
    run_ns(params, False, driver)
    out = run_vnf(dict(params, vnf="web", operation="scale_out", aspect="web_scale", steps=1), False, driver)
    assert out["changed"] and servers(east) == ["unit-web-web-vdu-0", "unit-web-web-vdu-1"]
    assert not any(n.startswith("unit-web") for n in servers(main))
    broken = next(r for r in east.records.values() if r["type"] == "server" and r["name"] == "unit-web-web-vdu-1")
    broken["status"] = "ERROR"
    healed = run_vnf(dict(params, vnf="web", operation="heal", vdu_index=1), False, driver)
    assert healed["changes"] == ["delete server unit-web-web-vdu-1 on east", "create server unit-web-web-vdu-1 on east"] or \
        sorted(healed["changes"]) == sorted(["delete server unit-web-web-vdu-1 on east", "create server unit-web-web-vdu-1 on east"])
    assert servers(east) == ["unit-web-web-vdu-0", "unit-web-web-vdu-1"]


def test_a_zone_other_than_planned_is_reported(params, vims):
    main, _east, driver = vims
    run_ns(dict(params, availability_zone="az-1"), False, driver)
    result = run_ns(dict(params, availability_zone="az-2"), True, driver)
    assert not result["changed"]
    assert any("server unit-client-client-vdu-0 is in availability zone az-1, the plan wants az-2" in w
               for w in result["warnings_list"]), result["warnings_list"]


def test_a_vim_without_multi_vim_and_zones_refuses_other_vims_and_ignores_zones(sample_model, tmp_path):
    """The local VIM's capabilities: the rule follows them, not the VIM's type."""
    plan = build_plan(sample_model, dict(MAPS, ns_name="unit", vnf_vims=WEB_ON_EAST))
    with pytest.raises(NfvoError, match="vnf_vims puts VNFs on other VIMs \\(east\\)"):
        desired_state(plan, sample_params(tmp_path, vim_type="local"), LocalDriver.capabilities)
    plan = build_plan(sample_model, dict(MAPS, ns_name="unit", availability_zone="az-1"))
    _d, warnings, _k, _p = desired_state(plan, sample_params(tmp_path, vim_type="local"), LocalDriver.capabilities)
    assert "this VIM has no availability zones; availability_zone is ignored" in warnings


def test_records_name_a_vim_without_a_connection():
    driver = MultiVimDriver(FakeVim(), {})
    with pytest.raises(VimError, match="belongs to VIM 'west', which this run has no connection to"):
        driver.delete({"type": "server", "name": "x", "id": "1", "vim": "west"})


def test_drift_on_another_vim_is_repaired_there(params, vims):
    main, east, driver = vims
    run_ns(params, False, driver)
    port = next(r for r in east.records.values() if r["type"] == "port" and r["name"] == "unit-web-web-vdu-0-web-data-cp")
    port["port_security_enabled"] = False
    check = run_ns(params, True, driver)
    assert check["changes"] == ["update port unit-web-web-vdu-0-web-data-cp on east: port_security_enabled False -> True"]
    writes = main.writes, east.writes
    repaired = run_ns(params, False, driver)
    assert port["port_security_enabled"] is True and (main.writes, east.writes) == (writes[0], writes[1] + 1)
    assert [u["name"] for u in repaired["updated"]] == ["unit-web-web-vdu-0-web-data-cp"]
