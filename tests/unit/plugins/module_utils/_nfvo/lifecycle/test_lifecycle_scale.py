"""Scaling by aspect with smartnfvo.nfvo.vnf's service against the in-memory VIM: levels read from the VIM,
limits, check mode, reverse-index scale in, and ns re-runs that keep the level."""
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import scaling
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError, VimError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.vnf import run_vnf

from fake_vim import FakeVim
from sample_params import REPO, sample_params

WEB = os.path.join(REPO, "descriptors", "vnf_web")


@pytest.fixture
def params(tmp_path):
    return sample_params(tmp_path)


@pytest.fixture
def vim(params):
    vim = FakeVim()
    run_ns(params, False, vim)
    return vim


def scale(params, operation, steps=1, aspect="web_scale", vnf="web", **extra):
    return dict(params, vnf=vnf, operation=operation, aspect=aspect, steps=steps, **extra)


def web_servers(vim):
    return [n for n in vim.of("server") if n.startswith("unit-web-")]


@pytest.fixture(scope="module")
def web_flavour():
    model = load_descriptor(WEB).model
    flavour = model.flavour()
    return flavour, next(lv for lv in flavour.instantiation_levels if lv.id == flavour.default_instantiation_level)


@pytest.mark.parametrize("extents, levels, exact", [
    ({"web_vdu": 1}, {"web_scale": 0}, True),
    ({"web_vdu": 2}, {"web_scale": 1}, True),
    ({"web_vdu": 4}, {"web_scale": 3}, True),
    ({"web_vdu": 6}, {"web_scale": 3}, False),  # more than the aspect allows: the nearest level, reported
    ({}, {"web_scale": 0}, False),
])
def test_levels_are_derived_from_the_instance_counts(web_flavour, extents, levels, exact):
    flavour, level = web_flavour
    assert scaling.derive_levels(flavour, level, extents) == (levels, exact)


def test_extents_count_a_missing_middle_instance():
    def tags(index):
        return ["smartnfvo", "smartnfvo:ns=n", "smartnfvo:vnf=v", "smartnfvo:vdu=web_vdu", "smartnfvo:vdu-index=%d" % index]
    current = {"server": [{"tags": tags(0)}, {"tags": tags(2)}, {"tags": ["smartnfvo:vnf=other", "smartnfvo:vdu=web_vdu"]}]}
    # Index 1 was deleted behind our back: that is for heal to recreate, not a scale level of 2 instances.
    assert scaling.vnf_extents(current, "v") == {"web_vdu": 3}


def test_check_mode_reports_the_scale_out_and_writes_nothing(params, vim):
    writes = vim.writes
    result = run_vnf(scale(params, "scale_out"), True, vim)
    assert result["changed"] and vim.writes == writes and len(web_servers(vim)) == 1
    assert result["scale_level"] == 1 and result["previous_scale_level"] == 0
    assert sorted(result["changes"]) == sorted(["create server unit-web-web-vdu-1"] + [
        "create port unit-web-web-vdu-1-%s" % cp for cp in ("web-data-cp", "web-int-cp", "web-mgmt-cp")])
    assert result["added_instances"] == [{"vdu": "web_vdu", "index": 1, "name": "unit-web-web-vdu-1"}]
    assert "server/unit-web-web-vdu-1\n" in result["diff"]["after"] and "vdu-1" not in result["diff"]["before"]


def test_scale_out_then_a_plain_ns_rerun_keeps_the_level(params, vim):
    before = set(vim.records)
    result = run_vnf(scale(params, "scale_out", steps=2), False, vim)
    assert result["changed"] and result["scale_level"] == 2 and result["scale_levels"] == {"web_scale": 2}
    assert web_servers(vim) == ["unit-web-web-vdu-0", "unit-web-web-vdu-1", "unit-web-web-vdu-2"]
    assert before <= set(vim.records) and len(vim.of("port")) == 8 + 6
    assert [h["name"] for h in result["hosts"]] == web_servers(vim)
    assert sorted(i["index"] for i in result["added_instances"]) == [1, 2]
    writes = vim.writes
    rerun = run_ns(params, False, vim)
    assert not rerun["changed"] and vim.writes == writes and rerun["scale_levels"]["web.web_scale"] == 2
    # Stating a level converges to it: the NS's default instantiation level means scale level 0.
    back = run_ns(dict(params, instantiation_level="instantiation_level_1"), False, vim)
    assert back["changed"] and web_servers(vim) == ["unit-web-web-vdu-0"] and set(vim.records) == before


def test_scale_in_removes_the_highest_indexes_first(params, vim):
    run_vnf(scale(params, "scale_out", steps=3), False, vim)
    vim.log.clear()
    result = run_vnf(scale(params, "scale_in", steps=2), False, vim)
    assert [i["index"] for i in result["removed_instances"]] == [3, 2]
    deleted = [name for op, kind, name in vim.log if op == "delete" and kind == "server"]
    assert deleted == ["unit-web-web-vdu-3", "unit-web-web-vdu-2"]
    assert result["scale_level"] == 1 and web_servers(vim) == ["unit-web-web-vdu-0", "unit-web-web-vdu-1"]
    assert not any(p.startswith(("unit-web-web-vdu-2", "unit-web-web-vdu-3")) for p in vim.of("port"))


@pytest.mark.parametrize("operation, steps, message", [
    ("scale_out", 4, r"scale out VNF web by 4 step\(s\) of aspect web_scale: it is at scale level 0, and the aspect allows levels 0\.\.3"),
    ("scale_in", 1, r"scale in VNF web by 1 step\(s\) of aspect web_scale: it is at scale level 0, and the aspect allows levels 0\.\.3"),
])
def test_a_level_outside_the_aspect_fails_and_changes_nothing(params, vim, operation, steps, message):
    writes = vim.writes
    with pytest.raises(NfvoError, match=message):
        run_vnf(scale(params, operation, steps=steps), False, vim)
    assert vim.writes == writes


def test_unknown_aspect_and_vnf_without_aspects_are_named(params, vim):
    with pytest.raises(NfvoError, match="VNF web has no scaling aspect 'nope' \\(aspects: web_scale\\)"):
        run_vnf(scale(params, "scale_out", aspect="nope"), True, vim)
    with pytest.raises(NfvoError, match="VNF client has no scaling aspect 'web_scale'"):
        run_vnf(scale(params, "scale_out", vnf="client"), True, vim)


def test_scaling_an_ns_that_is_not_instantiated_fails(params):
    with pytest.raises(NfvoError, match="VNF web of NS unit has no VDU instance on the VIM"):
        run_vnf(scale(params, "scale_out"), True, FakeVim())


def test_failed_scale_out_rolls_back_only_the_new_instances(params):
    vim = FakeVim(error_on=["unit-web-web-vdu-2"])
    run_ns(params, False, vim)
    before = set(vim.records)
    with pytest.raises(VimError, match="unit-web-web-vdu-2"):
        run_vnf(scale(params, "scale_out", steps=2), False, vim)
    assert set(vim.records) == before


def test_heal_uses_the_level_on_the_vim(params, vim):
    run_vnf(scale(params, "scale_out"), False, vim)
    second = next(r for r in vim.records.values() if r["name"] == "unit-web-web-vdu-1")
    vim.delete(second)
    result = run_vnf(dict(params, vnf="web", operation="heal"), False, vim)
    assert result["changes"] == ["create server unit-web-web-vdu-1"]


def test_per_vnf_scale_levels_win_over_the_aspect_wide_ones(params, vim):
    result = run_ns(dict(params, scale_levels={"web_scale": 2, "web.web_scale": 1}), True, vim)
    assert result["scale_levels"]["web.web_scale"] == 1
    with pytest.raises(NfvoError, match="web.web_scale: scale level 9 is outside 0..max_scale_level 3"):
        run_ns(dict(params, scale_levels={"web.web_scale": 9}), True, vim)


def synthetic_vnfd(max_instances, max_level=3, initial=1):
    """A VNFD whose aspect allows more levels than its VDU profile allows instances."""
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import model as m
    vdu = m.Vdu(id="vdu", name="vdu", description=None, virtual_compute=m.VirtualCompute(1, 512, 1), epa=m.EpaRequirements(),
                sw_image=None, virtual_storages=(), profile=m.VduProfile(1, max_instances), initial_instances=initial)
    aspect = m.ScalingAspect(id="grow", name=None, description=None, max_scale_level=max_level, step_deltas=("d1", "d2"),
                             vdu_deltas=m.freeze({"vdu": {"d1": 1, "d2": 2}}))
    flavour = m.DeploymentFlavour(flavour_id="df", description=None, vdus=(vdu,), virtual_storages=(), vdu_cps=(), vnf_ext_cps=(),
                                  virtual_links=(), scaling_aspects=(aspect,), instantiation_levels=(),
                                  default_instantiation_level=None, placement_rules=(), lcm_operations=(),
                                  external_connections=(), file="synthetic.yaml")
    return m.Vnfd(descriptor_id="d", descriptor_version="1", provider=None, product_name="p", software_version=None,
                  vnfm_info=(), dialect="sol001", file="synthetic.yaml", package="synthetic", flavours=(flavour,))


def test_scale_step_respects_the_vdu_profile_and_later_step_deltas():
    vnfd = synthetic_vnfd(max_instances=4)
    vnf = {"name": "v", "flavour_id": "df", "instantiation_level": None}
    # Steps: +1 (d1), then +2 (d2, repeated beyond the list): levels 0..3 mean 1, 2, 4, 6 instances.
    flavour = vnfd.flavour()
    assert [scaling.vdu_count(flavour, flavour.vdus[0], None, {"grow": n}) for n in range(4)] == [1, 2, 4, 6]
    assert scaling.derive_levels(flavour, None, {"vdu": 4}) == ({"grow": 2}, True)
    assert scaling.scale_step(vnfd, vnf, {"v.grow": 1}, "grow", 1, True) == {"v.grow": 2}
    with pytest.raises(scaling.ScaleError, match=r"scale out VNF v by 1 step\(s\) of aspect grow: it is at scale level 2, "
                                                 r"and level 3 means 6 instance\(s\) of VDU vdu, outside its VDU profile's 1\.\.4"):
        scaling.scale_step(vnfd, vnf, {"v.grow": 2}, "grow", 1, True)
    with pytest.raises(scaling.ScaleError, match="steps must be at least 1"):
        scaling.scale_step(vnfd, vnf, {"v.grow": 2}, "grow", 0, False)
    assert scaling.scale_step(vnfd, vnf, {"v.grow": 2}, "grow", 2, False) == {"v.grow": 0}
