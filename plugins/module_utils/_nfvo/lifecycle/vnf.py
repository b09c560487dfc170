# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VNF lifecycle use cases on an instantiated NS: scale out and in by aspect, heal, start and stop."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as plan_diff
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import results
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_state import (
    build, desired_state, explicit_levels, new_run, planned_levels, read_state)
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.progress import Progress
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity, scaling

SCALE_OPERATIONS = ("scale_out", "scale_in")


def run_vnf(params, check_mode, driver, progress=None):
    """The vnf module: scale, heal, start or stop VDU instances of one VNF instance of an instantiated NS."""
    progress = progress or Progress()
    operation, vnf = params["operation"], params["vnf"]
    scaling_op = operation in SCALE_OPERATIONS
    # A scale starts from the levels on the VIM, whatever scale_levels says; the other operations too, unless stated.
    state = read_state(dict(params, scale_levels=None) if scaling_op else params, driver,
                       keep_levels=scaling_op or not explicit_levels(params))
    plan, ns_id, current = state.plan, state.ns_id, state.current
    warnings = list(state.warnings)
    if scaling_op and params.get("scale_levels"):
        warnings.append("scale_levels is not used by %s: the current levels are read from the VIM" % operation)
    planned = next((v for v in plan["vnfs"] if v.get("name") == vnf), None)
    if planned is None:
        raise NfvoError("NS '%s' has no VNF instance '%s' (it has: %s)" % (
            plan["ns_name"], vnf, ", ".join(v.get("name") for v in plan["vnfs"])))
    result = {"ns_instance_id": ns_id, "ns_name": plan["ns_name"]}
    run = new_run(driver, ns_id, state.desired, params, progress)
    try:
        if scaling_op:
            actions, after, extra = _scale_actions(state, planned, params, driver.capabilities)
            changes = plan_diff.summary(actions)
            result.update(extra)
            result["diff"] = {"before": results.names(r for r in _vnf_resources(state.desired, vnf)),
                              "after": results.names(r for r in _vnf_resources(after, vnf))}
            if changes and not check_mode:
                run = new_run(driver, ns_id, after, params, progress)
                progress("start", "%s VNF %s: %s" % (operation, vnf, ", ".join(changes)))
                run.apply(actions, on_failure=params.get("on_failure") or "rollback", known=actions["keep"])
                state.desired = after
        elif operation == "heal":
            actions = plan_diff.heal(state.desired, current, vnf, params.get("vdu"), params.get("vdu_index"))
            changes = plan_diff.summary(actions)
            if changes and not check_mode:
                progress("start", "heal VNF %s: %s" % (vnf, ", ".join(changes)))
                # No rollback: deleting what heal just created would leave the VNF worse than before.
                run.apply(actions, on_failure="keep", known=actions["keep"], delete_first=True)
        else:
            targets = plan_diff.power(state.desired, current, vnf, operation == "start", params.get("vdu"), params.get("vdu_index"))
            changes = ["%s server %s" % (operation, r["name"]) for r in targets]
            if targets and not check_mode:
                progress("start", "%s VNF %s: %d server(s)" % (operation, vnf, len(targets)))
                run.power(targets, operation == "start")
    except ValueError as exc:
        raise NfvoError(str(exc))
    if changes and not check_mode:
        current = driver.read_ns(ns_id, state.desired)
        progress("done", "%d created, %d deleted" % (len(run.created), len(run.deleted)))
    record = next((v for v in results.vnfs(current, ns_id) if v["vnf_name"] == vnf), None)
    result.update(changed=bool(changes), changes=changes, vnf=record, created=[results.brief(r) for r in run.created],
                  deleted=[results.brief(r) for r in run.deleted], hosts=results.hosts(current, ns_id, params, driver, warnings, vnf),
                  warnings_list=warnings, progress=progress.events, api_calls=results.calls(driver))
    return result


def _scale_actions(state, planned, params, capabilities):
    """(actions, desired after, result fields) of scale_out/scale_in on one VNF instance."""
    vnf, aspect, steps = planned["name"], params.get("aspect"), params.get("steps") or 1
    if not aspect:
        raise NfvoError("%s needs aspect (a scaling aspect of VNF %s: %s)" % (
            params["operation"], vnf, ", ".join(sorted(planned.get("scale_levels") or {})) or "it has none"))
    if not scaling.vnf_extents(state.current, planned.get("vnf_instance_id")):
        raise NfvoError("VNF %s of NS %s has no VDU instance on the VIM; instantiate the NS before scaling it" % (
            vnf, state.plan["ns_name"]))
    levels = planned_levels(state.plan)
    wanted = dict(levels, **scaling.scale_step(state.model, planned, levels, aspect, steps, params["operation"] == "scale_out"))
    after_plan, _warnings = build(state.model, dict(params, scale_levels=None), scale_levels=wanted)
    after, _more, _keypair, _path = desired_state(after_plan, params, capabilities)
    actions = plan_diff.scale(state.desired, after, state.current)
    added = [r for r in actions["create"] if r["type"] == "server"]
    removed = [r for r in actions["delete"] if r["type"] == "server"]
    extra = {"aspect": aspect, "scale_level": wanted["%s.%s" % (vnf, aspect)],
             "previous_scale_level": levels["%s.%s" % (vnf, aspect)],
             "scale_levels": dict((k.split(".", 1)[1], v) for k, v in wanted.items() if k.startswith(vnf + ".")),
             "added_instances": [_instance(r) for r in added], "removed_instances": [_instance(r) for r in removed]}
    return actions, after, extra


def _instance(resource):
    """A VDU instance a scale adds (plan resource) or removes (VIM record): its VDU, index and server name."""
    props = resource.get("properties") or {}
    tags = identity.of(resource)
    return {"vdu": props.get("vdu", tags.get("vdu")), "index": props.get("index", tags.get("vdu_index")),
            "name": resource["name"]}


def _vnf_resources(desired, vnf):
    return [r for r in desired if r.get("vnf") == vnf and r["type"] in ("server", "port")]
