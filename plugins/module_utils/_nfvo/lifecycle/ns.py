# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NS lifecycle use cases: instantiate (converge to the plan), terminate (with or without the descriptor),
and the NS records of ns_info. Check mode computes the same actions and only reports them."""

from __future__ import annotations

import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as plan_diff
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import results
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_records import ns_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_state import explicit_levels, new_run, planned_levels, read_state
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.progress import Progress
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity, placement
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases


def run_ns(params, check_mode, driver, progress=None):
    """The ns module: bring the NS to params['state']. Returns the module result (without 'diff' when unwanted)."""
    progress = progress or Progress()
    present = params.get("state", "present") == "present"
    if present and not params.get("path"):
        raise NfvoError("state present needs path (the NSD or VNF package to instantiate)")
    if present and params.get("ns_instance_id"):
        raise NfvoError("ns_instance_id is only for state absent; the NS instance id derives from ns_name")
    if not present and (not params.get("path") or params.get("ns_instance_id")):
        return _terminate_found(params, check_mode, driver, progress)
    state = read_state(params, driver, keep_levels=present and not explicit_levels(params))
    ns_id, desired, current, warnings = state.ns_id, state.desired, state.current, state.warnings
    actions = plan_diff.diff(desired, current) if present else plan_diff.removal(current)
    result = {"changed": plan_diff.changed(actions), "ns_instance_id": ns_id, "ns_name": state.plan["ns_name"],
              "changes": plan_diff.summary(actions), "warnings_list": warnings,
              "scale_levels": planned_levels(state.plan) if present else {},
              "diff": {"before": results.names((r for found in current.values() for r in found if r["type"] not in plan_diff.SHARED),
                                               results.drifted(actions, 0)),
                       "after": results.names((r for r in desired if r["type"] not in plan_diff.SHARED),
                                              results.drifted(actions, 1)) if present else ""}}
    if present:
        result["keypair"] = params.get("keypair") or state.keypair
        result["private_key_path"] = state.key_path
        if current.get("keypair") and state.key_path and not os.path.exists(state.key_path):
            warnings.append("keypair %s exists but its private key %s does not; the VNFs cannot be reached with it "
                            "(terminate and instantiate again, or give keypair)" % (state.keypair, state.key_path))
        if cap.AVAILABILITY_ZONES in driver.capabilities:  # a VIM without zones was warned about above
            warnings.extend(_zone_warnings(desired, current))
    for server in current.get("server", ()) if present else ():
        if driver.phase(server) not in (phases.READY, phases.STOPPED) and not any(
                r["id"] == server["id"] for r in actions["delete"] + [c["record"] for c in actions.get("replace", ())]):
            warnings.append("server %s is %s%s; smartnfvo.nfvo.vnf with operation heal replaces it" % (
                server["name"], server.get("status"), ": " + server["fault"] if server.get("fault") else ""))
    run = None
    if result["changed"] and not check_mode:
        run = new_run(driver, ns_id, desired, params, progress)
        progress("start", "%s NS %s: %d create(s), %d delete(s)%s" % (
            "instantiate" if present else "terminate", result["ns_name"], len(actions["create"]), len(actions["delete"]),
            "".join(", %d %s(s)" % (len(actions[k]), k) for k in ("update", "replace") if actions.get(k))))
        if present:
            run.apply(actions, on_failure=params.get("on_failure") or "rollback", known=actions["keep"])
            current = driver.read_ns(ns_id, desired)
        else:
            run.terminate(actions)
        updated = ", %d updated" % len(run.updated) if run.updated else ""
        progress("done", "%d created, %d deleted%s" % (len(run.created), len(run.deleted), updated))
    result.update(created=[results.brief(r) for r in run.created] if run else [],
                  deleted=[results.brief(r) for r in run.deleted] if run else [],
                  updated=list(run.updated) if run else [],
                  vnfs=results.vnfs(current, ns_id) if present else [],
                  hosts=results.hosts(current, ns_id, params, driver, warnings) if present else [],
                  progress=progress.events, api_calls=results.calls(driver))
    return result


def _terminate_found(params, check_mode, driver, progress):
    """state absent without the descriptor: the NS is found on the VIM by name or id, and everything of it
    (tagged resources, server groups named after its id, its keypair) is deleted."""
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import instance_id, slug
    ns_id, name = params.get("ns_instance_id"), params.get("ns_name")
    if not ns_id and not name:
        raise NfvoError("state absent needs path, ns_name or ns_instance_id to know which NS to terminate")
    records = ns_records(driver.read_all())
    if not ns_id:
        name = slug(name, "ns")
        # The plan derives the id from the name; an NS named so on the VIM has that id (unless it was planned elsewhere).
        ids = sorted(set([instance_id("ns", name)] + [r["ns_instance_id"] for r in records if r["ns_name"] == name]))
        if len(ids) > 1:
            raise NfvoError("several NS instances are named %s (%s); give ns_instance_id" % (name, ", ".join(ids)))
        ns_id = ids[0]
    else:
        name = next((r["ns_name"] for r in records if r["ns_instance_id"] == ns_id and r["ns_name"]), None) or (
            slug(name, "ns") if name else None)
    warnings, desired = [], []
    if params.get("keypair"):
        pass  # the user's own keypair is never deleted
    elif name:
        keypair = identity.keypair_name(name, ns_id)
        desired.append({"type": "keypair", "name": keypair, "node": None, "vnf": None, "tags": [], "depends_on": [],
                        "properties": {"private_key_path": identity.private_key_path(keypair, params.get("key_dir"))}})
    else:
        warnings.append("NS %s has no server left to name it; its keypair (smartnfvo-<ns_name>-%s), if any, is kept: "
                        "give ns_name to remove it" % (ns_id, ns_id[:8]))
    # The keypair is on every VIM of vnf_vims too.
    desired += [dict(r, vim=vim) for r in desired for vim in placement.vims_named(params.get("vnf_vims"), placement.own_vim(params))]
    current = driver.read_ns(ns_id, desired)
    actions = plan_diff.removal(current)
    result = {"changed": plan_diff.changed(actions), "ns_instance_id": ns_id, "ns_name": name,
              "changes": plan_diff.summary(actions), "warnings_list": warnings, "scale_levels": {},
              "diff": {"before": results.names(r for found in current.values() for r in found), "after": ""}}
    run = None
    if result["changed"] and not check_mode:
        run = new_run(driver, ns_id, desired, params, progress)
        progress("start", "terminate NS %s: %d delete(s)" % (name or ns_id, len(actions["delete"])))
        run.terminate(actions)
        progress("done", "%d deleted" % len(run.deleted))
    result.update(created=[], deleted=[results.brief(r) for r in run.deleted] if run else [], updated=[], vnfs=[], hosts=[],
                  progress=progress.events, api_calls=results.calls(driver))
    return result


def _zone_warnings(desired, current):
    """VDU instances in another availability zone than planned: reported, as Nova does not move a server between
    zones (only a new server lands in the planned zone)."""
    planned = dict((plan_diff.key(r), r["properties"].get("availability_zone")) for r in desired if r["type"] == "server")
    return ["server %s is in availability zone %s, the plan wants %s; Nova does not move servers between zones: "
            "delete the server and heal the VDU instance, or terminate and instantiate the NS again, to place it" % (
                s["name"], s.get("availability_zone"), planned[plan_diff.key(s)])
            for s in current.get("server", ())
            if planned.get(plan_diff.key(s)) and s.get("availability_zone") and
            s["availability_zone"] != planned[plan_diff.key(s)]]


def run_ns_info(params, driver):
    """The ns_info module: NS records read from the VIM alone, optionally one NS (by id or name)."""
    records = ns_records(driver.read_all(), params.get("ns_instance_id"))
    if params.get("ns_name"):
        records = [r for r in records if r["ns_name"] == params["ns_name"]]
    return {"changed": False, "ns_instances": records}
