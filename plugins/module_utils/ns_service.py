# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""NS lifecycle for the modules: descriptor -> plan -> diff against the VIM -> apply (or only report, in check mode).

The VIM is the source of truth, also for scale levels: unless the user states them (instantiation_level or
scale_levels), each VNF is planned at the levels its VDU instances on the VIM show (scaling.vim_scale_levels).
"""

from __future__ import annotations

import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_service import PLAN_PARAMS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.vim_args import default_vim
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as lifecycle
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import scaling
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import placement as vim_placement
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.executor import Run
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.ns_hosts import ns_hosts
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.progress import Progress, file_sink, progress_path
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_records import ns_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait

# How a run goes (failure handling, keys, waits, concurrency, progress): the same for ns and vnf.
RUN_ARGS = dict(
    on_failure=dict(type="str", choices=["rollback", "keep"], default="rollback"),
    keypair=dict(type="str", no_log=False),
    key_dir=dict(type="path", default=identity.DEFAULT_KEY_DIR, no_log=False),
    wait_timeout=dict(type="int", default=600),
    concurrency=dict(type="int", default=8),
    progress_file=dict(type="path"),
)

NS_ARGS = dict(
    RUN_ARGS,
    state=dict(type="str", choices=["present", "absent"], default="present"),
    ns_instance_id=dict(type="str"),
)


class _State:
    """One NS as planned and as found on the VIM."""

    def __init__(self, model, plan, desired, keypair, key_path, current, warnings):
        self.model, self.plan, self.desired, self.keypair, self.key_path = model, plan, desired, keypair, key_path
        self.current, self.warnings = current, warnings

    @property
    def ns_id(self):
        return self.plan["ns_instance_id"]


def _load(params):
    # Imported here: descriptor_service guards tosca-parser, and the module reports DEPENDENCY_ERROR first.
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
    return load_descriptor(params["path"], allow_remote_imports=params.get("allow_remote_imports", False),
                           vnf_package_paths=params.get("vnf_package_paths"))


def _build(model, params, scale_levels=None):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan
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


def _state(params, driver, keep_levels):
    """Plan and VIM state; with keep_levels, planned at the scale levels found on the VIM."""
    loaded = _load(params)
    plan, warnings = _build(loaded.model, params)
    warnings = list(loaded.warnings) + warnings
    desired, more, keypair, key_path = desired_state(plan, params)
    # Scale levels only change VDU instances (servers and ports, found by tag): this read stays valid after re-planning.
    current = driver.read_ns(plan["ns_instance_id"], desired)
    if keep_levels:
        found, notes = scaling.vim_scale_levels(loaded.model, plan, current)
        warnings += notes
        planned = planned_levels(plan)
        if any(planned.get(k) != v for k, v in found.items()):
            plan, warnings_again = _build(loaded.model, dict(params, scale_levels=None), scale_levels=dict(planned, **found))
            warnings = list(loaded.warnings) + warnings_again + notes
            desired, more, keypair, key_path = desired_state(plan, params)
    return _State(loaded.model, plan, desired, keypair, key_path, current, warnings + more)


def desired_state(plan, params):
    """Plan resources plus the NS keypair (unless the user gives one), each on its VIM (vnf_vims)."""
    keypair = None if params.get("keypair") else identity.keypair_name(plan["ns_name"], plan["ns_instance_id"])
    path = identity.private_key_path(keypair, params.get("key_dir")) if keypair else None
    desired, warnings = lifecycle.desired_resources(plan, keypair, private_key_path=path)
    if params.get("keypair"):
        for resource in desired:
            if resource["type"] == "server":
                resource["properties"]["key_name"] = params["keypair"]
    if params.get("vim_type") == "local":
        if vim_placement.vims_used(plan):
            raise NfvoError("vnf_vims puts VNFs on OpenStack clouds (%s); the embedded local VIM (vim_type local) runs a "
                            "whole NS by itself" % ", ".join(vim_placement.vims_used(plan)))
        if any(v.get("availability_zone") for v in plan["vnfs"]):
            warnings.append("the embedded local VIM has no availability zones; availability_zone is ignored")
    desired, placed = vim_placement.assign(desired, plan, default_vim(params))
    return desired, warnings + placed, keypair, path


def _run(driver, ns_id, desired, params, progress):
    return Run(driver, ns_id, desired, workers=params.get("concurrency") or 8,
               wait=Wait(timeout=params.get("wait_timeout") or 600), on_progress=progress)


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
    state = _state(params, driver, keep_levels=present and not explicit_levels(params))
    ns_id, desired, current, warnings = state.ns_id, state.desired, state.current, state.warnings
    actions = lifecycle.diff(desired, current) if present else lifecycle.removal(current)
    result = {"changed": lifecycle.changed(actions), "ns_instance_id": ns_id, "ns_name": state.plan["ns_name"],
              "changes": lifecycle.summary(actions), "warnings_list": warnings,
              "scale_levels": planned_levels(state.plan) if present else {},
              "diff": {"before": _names(r for found in current.values() for r in found if r["type"] not in lifecycle.SHARED),
                       "after": _names(r for r in desired if r["type"] not in lifecycle.SHARED) if present else ""}}
    if present:
        result["keypair"] = params.get("keypair") or state.keypair
        result["private_key_path"] = state.key_path
        if current.get("keypair") and state.key_path and not os.path.exists(state.key_path):
            warnings.append("keypair %s exists but its private key %s does not; the VNFs cannot be reached with it "
                            "(terminate and instantiate again, or give keypair)" % (state.keypair, state.key_path))
        warnings.extend(_policy_warnings(desired, current))
        if params.get("vim_type") != "local":  # its one zone is "local", whatever was asked (warned above)
            warnings.extend(_zone_warnings(desired, current))
    for server in current.get("server", ()) if present else ():
        if server.get("status") not in ("ACTIVE", "SHUTOFF") and not any(
                r["id"] == server["id"] for r in actions["delete"]):
            warnings.append("server %s is %s%s; smartnfvo.nfvo.vnf with operation heal replaces it" % (
                server["name"], server.get("status"), ": " + server["fault"] if server.get("fault") else ""))
    run = None
    if result["changed"] and not check_mode:
        run = _run(driver, ns_id, desired, params, progress)
        progress("start", "%s NS %s: %d create(s), %d delete(s)" % (
            "instantiate" if present else "terminate", result["ns_name"], len(actions["create"]), len(actions["delete"])))
        if present:
            run.apply(actions, on_failure=params.get("on_failure") or "rollback", known=actions["keep"])
            current = driver.read_ns(ns_id, desired)
        else:
            run.terminate(actions)
        progress("done", "%d created, %d deleted" % (len(run.created), len(run.deleted)))
    result.update(created=[_brief(r) for r in run.created] if run else [],
                  deleted=[_brief(r) for r in run.deleted] if run else [],
                  vnfs=_vnfs(current, ns_id) if present else [],
                  hosts=_hosts(current, ns_id, params, driver, warnings) if present else [],
                  progress=progress.events, api_calls=_calls(driver))
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
    desired += [dict(r, vim=vim) for r in desired for vim in vim_placement.vims_named(params.get("vnf_vims"), default_vim(params))]
    current = driver.read_ns(ns_id, desired)
    actions = lifecycle.removal(current)
    result = {"changed": lifecycle.changed(actions), "ns_instance_id": ns_id, "ns_name": name,
              "changes": lifecycle.summary(actions), "warnings_list": warnings, "scale_levels": {},
              "diff": {"before": _names(r for found in current.values() for r in found), "after": ""}}
    run = None
    if result["changed"] and not check_mode:
        run = _run(driver, ns_id, desired, params, progress)
        progress("start", "terminate NS %s: %d delete(s)" % (name or ns_id, len(actions["delete"])))
        run.terminate(actions)
        progress("done", "%d deleted" % len(run.deleted))
    result.update(created=[], deleted=[_brief(r) for r in run.deleted] if run else [], vnfs=[], hosts=[],
                  progress=progress.events, api_calls=_calls(driver))
    return result


VNF_ARGS = dict(
    vnf=dict(type="str", required=True),
    operation=dict(type="str", choices=["heal", "start", "stop", "scale_out", "scale_in"], required=True),
    aspect=dict(type="str"),
    steps=dict(type="int", default=1),
    vdu=dict(type="str"),
    vdu_index=dict(type="int"),
    **RUN_ARGS
)
SCALE_OPERATIONS = ("scale_out", "scale_in")


def run_vnf(params, check_mode, driver, progress=None):
    """The vnf module: scale, heal, start or stop VDU instances of one VNF instance of an instantiated NS."""
    progress = progress or Progress()
    operation, vnf = params["operation"], params["vnf"]
    scaling_op = operation in SCALE_OPERATIONS
    # A scale starts from the levels on the VIM, whatever scale_levels says; the other operations too, unless stated.
    state = _state(dict(params, scale_levels=None) if scaling_op else params, driver,
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
    run = _run(driver, ns_id, state.desired, params, progress)
    try:
        if scaling_op:
            actions, after, extra = _scale_actions(state, planned, params)
            changes = lifecycle.summary(actions)
            result.update(extra)
            result["diff"] = {"before": _names(r for r in _vnf_resources(state.desired, vnf)),
                              "after": _names(r for r in _vnf_resources(after, vnf))}
            if changes and not check_mode:
                run = _run(driver, ns_id, after, params, progress)
                progress("start", "%s VNF %s: %s" % (operation, vnf, ", ".join(changes)))
                run.apply(actions, on_failure=params.get("on_failure") or "rollback", known=actions["keep"])
                state.desired = after
        elif operation == "heal":
            actions = lifecycle.heal(state.desired, current, vnf, params.get("vdu"), params.get("vdu_index"))
            changes = lifecycle.summary(actions)
            if changes and not check_mode:
                progress("start", "heal VNF %s: %s" % (vnf, ", ".join(changes)))
                # No rollback: deleting what heal just created would leave the VNF worse than before.
                run.apply(actions, on_failure="keep", known=actions["keep"], delete_first=True)
        else:
            targets = lifecycle.power(state.desired, current, vnf, operation == "start", params.get("vdu"), params.get("vdu_index"))
            changes = ["%s server %s" % (operation, r["name"]) for r in targets]
            if targets and not check_mode:
                progress("start", "%s VNF %s: %d server(s)" % (operation, vnf, len(targets)))
                run.power(targets, operation == "start")
    except ValueError as exc:
        raise NfvoError(str(exc))
    if changes and not check_mode:
        current = driver.read_ns(ns_id, state.desired)
        progress("done", "%d created, %d deleted" % (len(run.created), len(run.deleted)))
    record = next((v for v in _vnfs(current, ns_id) if v["vnf_name"] == vnf), None)
    result.update(changed=bool(changes), changes=changes, vnf=record, created=[_brief(r) for r in run.created],
                  deleted=[_brief(r) for r in run.deleted], hosts=_hosts(current, ns_id, params, driver, warnings, vnf),
                  warnings_list=warnings, progress=progress.events, api_calls=_calls(driver))
    return result


def _scale_actions(state, planned, params):
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
    after_plan, _warnings = _build(state.model, dict(params, scale_levels=None), scale_levels=wanted)
    after, _more, _keypair, _path = desired_state(after_plan, params)
    actions = lifecycle.scale(state.desired, after, state.current)
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
    tags = identity.parse_tags(resource.get("tags"))
    return {"vdu": props.get("vdu", tags.get("vdu")), "index": props.get("index", tags.get("vdu_index")),
            "name": resource["name"]}


def _vnf_resources(desired, vnf):
    return [r for r in desired if r.get("vnf") == vnf and r["type"] in ("server", "port")]


def _policy_warnings(desired, current):
    """Server groups whose policy on the VIM is not the planned one: Nova cannot change a group's policy,
    and its members cannot move to another group, so it is reported rather than replaced."""
    planned = dict((r["name"], r["properties"].get("policy")) for r in desired if r["type"] == "server_group")
    return ["server group %s has policy %s on the VIM, the plan wants %s (placement); new servers still join it. "
            "Terminate and instantiate the NS again to change it" % (g["name"], g["policy"], planned[g["name"]])
            for g in current.get("server_group", ())
            if g.get("policy") and planned.get(g["name"]) and g["policy"] != planned[g["name"]]]


def _zone_warnings(desired, current):
    """VDU instances in another availability zone than planned: reported, as Nova does not move a server between
    zones (only a new server lands in the planned zone)."""
    planned = dict((lifecycle.key(r), r["properties"].get("availability_zone")) for r in desired if r["type"] == "server")
    return ["server %s is in availability zone %s, the plan wants %s; Nova does not move servers between zones: "
            "delete the server and heal the VDU instance, or terminate and instantiate the NS again, to place it" % (
                s["name"], s.get("availability_zone"), planned[lifecycle.key(s)])
            for s in current.get("server", ())
            if planned.get(lifecycle.key(s)) and s.get("availability_zone") and
            s["availability_zone"] != planned[lifecycle.key(s)]]


def run_ns_info(params, driver):
    """The ns_info module: NS records read from the VIM alone, optionally one NS (by id or name)."""
    records = ns_records(driver.read_all(), params.get("ns_instance_id"))
    if params.get("ns_name"):
        records = [r for r in records if r["ns_name"] == params["ns_name"]]
    return {"changed": False, "ns_instances": records}


def vim_name(driver, params):
    """The VIM's name in inventory groups (vim_<name>) and smartnfvo_vim, as the vnfs inventory names it."""
    name = getattr(driver, "name", None)
    if name:
        return name
    cloud = params.get("cloud")
    return cloud if isinstance(cloud, str) and cloud else "openstack"


def _hosts(current, ns_id, params, driver, warnings, vnf=None):
    hosts, notes = ns_hosts(current, ns_id, vim_name(driver, params), params.get("key_dir"),
                            getattr(driver, "connection_vars", dict)(), vnf)
    warnings.extend(notes)
    return hosts


def _vnfs(current, ns_id):
    found = ns_records(current, ns_id)
    return found[0]["vnfs"] if found else []


def _names(records):
    # Diff callbacks render strings line by line: one resource per line.
    return "".join(sorted("%s/%s\n" % (r["type"], r["name"]) for r in records))


def _brief(record):
    return {"type": record["type"], "name": record["name"], "id": record["id"]}


def _calls(driver):
    counts = getattr(driver, "call_counts", None)
    return counts() if counts else {}


def with_progress(module, service, label):
    """service(params, check_mode, driver, progress) as NfvoVimModule runs it, with progress events going to
    the module's log (syslog or the journal) and, if asked, to the progress file (option or environment)."""
    def run(params, check_mode, driver):
        sinks = [module.log]
        path = progress_path(params.get("progress_file"))
        if path:
            sinks.append(file_sink(path))
        try:
            return service(params, check_mode, driver, Progress(label, sinks))
        finally:
            for sink in sinks[1:]:
                sink.close()
    return run
