# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""NS lifecycle for the modules: descriptor -> plan -> diff against the VIM -> apply (or only report, in check mode)."""

from __future__ import annotations

import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_service import PLAN_PARAMS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo import lifecycle, vim_tags
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.executor import Run
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.records import ns_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.waiting import Wait

NS_ARGS = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    on_failure=dict(type="str", choices=["rollback", "keep"], default="rollback"),
    keypair=dict(type="str", no_log=False),
    key_dir=dict(type="path", default=vim_tags.DEFAULT_KEY_DIR, no_log=False),
    wait_timeout=dict(type="int", default=600),
    concurrency=dict(type="int", default=8),
)


def _plan(params):
    # Imported here: descriptor_service guards tosca-parser, and the module reports DEPENDENCY_ERROR first.
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.parser import load_descriptor
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import build_plan
    loaded = load_descriptor(params["path"], allow_remote_imports=params.get("allow_remote_imports", False),
                             vnf_package_paths=params.get("vnf_package_paths"))
    plan = build_plan(loaded.model, dict((k, params.get(k)) for k in PLAN_PARAMS if params.get(k) is not None))
    return plan, list(loaded.warnings) + list(plan.pop("warnings", []))


def desired_state(plan, params):
    """Plan resources plus the NS keypair (unless the user gives one)."""
    keypair = None if params.get("keypair") else vim_tags.keypair_name(plan["ns_name"], plan["ns_instance_id"])
    path = vim_tags.private_key_path(keypair, params.get("key_dir")) if keypair else None
    desired, warnings = lifecycle.desired_resources(plan, keypair, private_key_path=path)
    if params.get("keypair"):
        for resource in desired:
            if resource["type"] == "server":
                resource["properties"]["key_name"] = params["keypair"]
    return desired, warnings, keypair, path


def run_ns(params, check_mode, driver):
    """The ns module: bring the NS to params['state']. Returns the module result (without 'diff' when unwanted)."""
    plan, warnings = _plan(params)
    ns_id = plan["ns_instance_id"]
    desired, more, keypair, key_path = desired_state(plan, params)
    warnings += more
    current = driver.read_ns(ns_id, desired)
    present = params.get("state", "present") == "present"
    actions = lifecycle.diff(desired, current) if present else lifecycle.removal(current)
    result = {"changed": lifecycle.changed(actions), "ns_instance_id": ns_id, "ns_name": plan["ns_name"],
              "changes": lifecycle.summary(actions), "warnings_list": warnings,
              "diff": {"before": _names(r for found in current.values() for r in found if r["type"] not in lifecycle.SHARED),
                       "after": _names(r for r in desired if r["type"] not in lifecycle.SHARED) if present else ""}}
    if present:
        result["keypair"] = params.get("keypair") or keypair
        result["private_key_path"] = key_path
        if current.get("keypair") and key_path and not os.path.exists(key_path):
            warnings.append("keypair %s exists but its private key %s does not; the VNFs cannot be reached with it "
                            "(terminate and instantiate again, or give keypair)" % (keypair, key_path))
    for server in current.get("server", ()) if present else ():
        if server.get("status") not in ("ACTIVE", "SHUTOFF") and not any(
                r["id"] == server["id"] for r in actions["delete"]):
            warnings.append("server %s is %s%s; smartnfvo.nfvo.vnf with operation heal replaces it" % (
                server["name"], server.get("status"), ": " + server["fault"] if server.get("fault") else ""))
    if check_mode or not result["changed"]:
        result.update(created=[], deleted=[], vnfs=_vnfs(current, ns_id) if present else [])
        result["api_calls"] = _calls(driver)
        return result
    run = Run(driver, ns_id, desired, workers=params.get("concurrency") or 8, wait=Wait(timeout=params.get("wait_timeout") or 600))
    if present:
        run.apply(actions, on_failure=params.get("on_failure") or "rollback", known=actions["keep"])
        current = driver.read_ns(ns_id, desired)
    else:
        run.terminate(actions)
    result.update(created=[_brief(r) for r in run.created], deleted=[_brief(r) for r in run.deleted],
                  vnfs=_vnfs(current, ns_id) if present else [], api_calls=_calls(driver))
    return result


VNF_ARGS = dict(
    vnf=dict(type="str", required=True),
    operation=dict(type="str", choices=["heal", "start", "stop"], required=True),
    vdu=dict(type="str"),
    vdu_index=dict(type="int"),
    keypair=dict(type="str", no_log=False),
    key_dir=dict(type="path", default=vim_tags.DEFAULT_KEY_DIR, no_log=False),
    wait_timeout=dict(type="int", default=600),
    concurrency=dict(type="int", default=8),
)


def run_vnf(params, check_mode, driver):
    """The vnf module: heal, start or stop VDU instances of one VNF instance of an instantiated NS."""
    plan, warnings = _plan(params)
    ns_id = plan["ns_instance_id"]
    desired, more, _keypair, _path = desired_state(plan, params)
    current = driver.read_ns(ns_id, desired)
    vnf, vdu, index, operation = params["vnf"], params.get("vdu"), params.get("vdu_index"), params["operation"]
    if not any(v.get("name") == vnf for v in plan["vnfs"]):
        raise NfvoError("NS '%s' has no VNF instance '%s' (it has: %s)" % (
            plan["ns_name"], vnf, ", ".join(v.get("name") for v in plan["vnfs"])))
    run = Run(driver, ns_id, desired, workers=params.get("concurrency") or 8, wait=Wait(timeout=params.get("wait_timeout") or 600))
    try:
        if operation == "heal":
            actions = lifecycle.heal(desired, current, vnf, vdu, index)
            changes = lifecycle.summary(actions)
            if changes and not check_mode:
                # No rollback: deleting what heal just created would leave the VNF worse than before.
                run.apply(actions, on_failure="keep", known=actions["keep"], delete_first=True)
        else:
            targets = lifecycle.power(desired, current, vnf, operation == "start", vdu, index)
            changes = ["%s server %s" % (operation, r["name"]) for r in targets]
            if targets and not check_mode:
                run.power(targets, operation == "start")
    except ValueError as exc:
        raise NfvoError(str(exc))
    if changes and not check_mode:
        current = driver.read_ns(ns_id, desired)
    record = next((v for v in _vnfs(current, ns_id) if v["vnf_name"] == vnf), None)
    return {"changed": bool(changes), "changes": changes, "ns_instance_id": ns_id, "ns_name": plan["ns_name"],
            "vnf": record, "created": [_brief(r) for r in run.created], "deleted": [_brief(r) for r in run.deleted],
            "warnings_list": warnings + more, "api_calls": _calls(driver)}


def run_ns_info(params, driver):
    """The ns_info module: NS records read from the VIM alone, optionally one NS (by id or name)."""
    records = ns_records(driver.read_all(), params.get("ns_instance_id"))
    if params.get("ns_name"):
        records = [r for r in records if r["ns_name"] == params["ns_name"]]
    return {"changed": False, "ns_instances": records}


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
