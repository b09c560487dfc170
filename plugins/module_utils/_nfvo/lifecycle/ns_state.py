# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One NS as planned and as found on the VIM: descriptor -> plan -> desired resources, and the VIM's records.

The VIM is the source of truth, also for scale levels: unless the user states them (instantiation_level or
scale_levels), each VNF is planned at the levels its VDU instances on the VIM show (scaling.vim_scale_levels).
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as plan_diff
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.executor import Run
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity, placement, scaling
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap


class NsState:
    """One NS as planned and as found on the VIM."""

    def __init__(self, model, plan, desired, keypair, key_path, current, warnings):
        self.model, self.plan, self.desired, self.keypair, self.key_path = model, plan, desired, keypair, key_path
        self.current, self.warnings = current, warnings

    @property
    def ns_id(self):
        return self.plan["ns_instance_id"]


def load(params):
    # Imported here: the module edge checks tosca-parser first and reports a missing library cleanly.
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
    return load_descriptor(params["path"], allow_remote_imports=params.get("allow_remote_imports", False),
                           vnf_package_paths=params.get("vnf_package_paths"))


def build(model, params, scale_levels=None):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import PLAN_PARAMS, build_plan
    values = dict((k, params.get(k)) for k in PLAN_PARAMS if params.get(k) is not None)
    if scale_levels is not None:
        values["scale_levels"] = scale_levels
    plan = build_plan(model, values)
    return plan, list(plan.pop("warnings", []))


def planned_levels(plan):
    """{'<vnf>.<aspect>': level} the plan uses."""
    return dict(("%s.%s" % (v["name"], a), n) for v in plan["vnfs"] for a, n in (v.get("scale_levels") or {}).items())


def explicit_levels(params):
    """Whether the user states the scale levels (then the plan converges to them)."""
    return bool(params.get("instantiation_level") or params.get("scale_levels"))


def read_state(params, driver, keep_levels):
    """Plan and VIM state; with keep_levels, planned at the scale levels found on the VIM."""
    loaded = load(params)
    plan, warnings = build(loaded.model, params)
    warnings = list(loaded.warnings) + warnings
    desired, more, keypair, key_path = desired_state(plan, params, driver.capabilities)
    # Scale levels only change VDU instances (servers and ports, found by tag): this read stays valid after re-planning.
    current = driver.read_ns(plan["ns_instance_id"], desired)
    if keep_levels:
        found, notes = scaling.vim_scale_levels(loaded.model, plan, current)
        warnings += notes
        planned = planned_levels(plan)
        if any(planned.get(k) != v for k, v in found.items()):
            plan, warnings_again = build(loaded.model, dict(params, scale_levels=None), scale_levels=dict(planned, **found))
            warnings = list(loaded.warnings) + warnings_again + notes
            desired, more, keypair, key_path = desired_state(plan, params, driver.capabilities)
    return NsState(loaded.model, plan, desired, keypair, key_path, current, warnings + more)


def desired_state(plan, params, capabilities):
    """Plan resources plus the NS keypair (unless the user gives one), each on its VIM (vnf_vims); capabilities:
    those of the module's VIM (the driver's)."""
    keypair = None if params.get("keypair") else identity.keypair_name(plan["ns_name"], plan["ns_instance_id"])
    path = identity.private_key_path(keypair, params.get("key_dir")) if keypair else None
    desired, warnings = plan_diff.desired_resources(plan, keypair, private_key_path=path)
    if params.get("keypair"):
        for resource in desired:
            if resource["type"] == "server":
                resource["properties"]["key_name"] = params["keypair"]
    if placement.vims_used(plan) and cap.MULTI_VIM not in capabilities:
        raise NfvoError("vnf_vims puts VNFs on other VIMs (%s); this VIM runs a whole NS by itself"
                        % ", ".join(placement.vims_used(plan)))
    if cap.AVAILABILITY_ZONES not in capabilities and any(v.get("availability_zone") for v in plan["vnfs"]):
        warnings.append("this VIM has no availability zones; availability_zone is ignored")
    desired, placed = placement.assign(desired, plan, placement.own_vim(params))
    return desired, warnings + placed, keypair, path


def new_run(driver, ns_id, desired, params, progress):
    return Run(driver, ns_id, desired, workers=params.get("concurrency") or 8,
               wait=Wait(timeout=params.get("wait_timeout") or 600), on_progress=progress)
