# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one Vnflcm operation of one VNF instance: the generic VNFM's ansible-playbook run.

The operation's artifact (from lcm_package) runs with the controller's ansible-playbook against exactly the
hosts given (an inventory written from them, with cp_addresses per host), the VNF's variables as extra vars,
and the collection's lcm_summary callback recording per-host stats and failed tasks. Everything the run
needs lives in a private temporary directory that is removed afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm import inventory as lcm_inventory
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.package import LcmError, find_vnf, ns_lcm_params, resolve_artifact

SUMMARY_CALLBACK = "smartnfvo.nfvo.lcm_summary"
SUMMARY_ENV = "SMARTNFVO_LCM_SUMMARY"
VIM_VARIABLES = ("ns_cp_addresses", "ns_cp_cidrs", "smartnfvo_lcm")
OUTPUT_TAIL = 30  # lines of the nested run's output kept when it fails without a summary


@dataclass
class LcmRequest:
    model: object  # the loaded Nsd or Vnfd
    operation: str
    hosts: list
    vnf: str | None = None
    vnfd_id: str | None = None
    ns_hosts: list | None = None
    variables: dict = field(default_factory=dict)
    timeout: int = 1800
    check_mode: bool = False
    diff: bool = False
    collections_path: list | None = None
    ansible_playbook: str | None = None
    host_key_checking: bool | None = None
    verbosity: int = 0


def playbook_command(ansible_playbook=None):
    """The controller's ansible-playbook: the given one, the one next to this Python, or this Python's module."""
    if ansible_playbook:
        return [ansible_playbook]
    beside = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    if os.access(beside, os.X_OK):
        return [beside]
    return [sys.executable, "-m", "ansible.cli.playbook"]


def operation_variables(request, vnf, ns_params):
    """Extra vars of the run: NS-package parameters of this VNF, then the caller's variables (which win),
    plus the NS-level addresses and the operation's identity."""
    ns_hosts = request.ns_hosts if request.ns_hosts is not None else request.hosts
    variables = dict((ns_params.get("additional_params_for_vnf") or {}).get(vnf.vnf_name) or {})
    variables.update(request.variables or {})
    variables.setdefault("ns_cp_addresses", lcm_inventory.ns_cp_addresses(ns_hosts))
    variables.setdefault("ns_cp_cidrs", lcm_inventory.ns_cp_cidrs(ns_hosts))
    variables["smartnfvo_lcm"] = {"vnf_name": vnf.vnf_name, "vnfd_id": vnf.vnfd_id, "flavour_id": vnf.flavour_id,
                                  "operation": request.operation}
    return variables


def run_operation(request, run=subprocess.run):
    """The vnf_lcm module's result for request. Raises LcmError (with the run's details) when the run fails."""
    lcm_inventory.check_hosts(request.hosts)
    lcm_inventory.check_hosts(request.ns_hosts or [], "ns_hosts")
    vnf = find_vnf(request.model, request.vnf, request.vnfd_id)
    result = {"changed": False, "vnf": vnf.vnf_name, "vnfd_id": vnf.vnfd_id, "operation": request.operation,
              "artifact": None, "hosts": [], "stats": {}, "failed_tasks": [], "stdout_lines": []}
    if request.operation not in vnf.operations:
        result.update(skipped=True, msg="VNF '%s' (VNFD %s) declares no Vnflcm operation %s (it declares: %s); nothing to run" % (
            vnf.vnf_name, vnf.vnfd_id, request.operation, ", ".join(sorted(vnf.operations)) or "none"))
        return result
    hosts = lcm_inventory.vnf_hosts(request.hosts, vnf.vnf_name)
    result["hosts"] = [h["name"] for h in hosts]
    if not hosts:
        result.update(skipped=True, msg="VNF '%s' operation %s: no hosts given; nothing to run" % (vnf.vnf_name, request.operation))
        return result
    workdir = tempfile.mkdtemp(prefix="smartnfvo-lcm-")  # mode 0700: host vars name private keys
    try:
        artifact = resolve_artifact(vnf, request.operation, workdir)
        result["artifact"] = artifact.name
        variables = operation_variables(request, vnf, ns_lcm_params(request.model, workdir))
        result.update(_run_playbook(request, vnf, artifact, hosts, variables, workdir, run))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def _run_playbook(request, vnf, artifact, hosts, variables, workdir, run):
    inventory_file = os.path.join(workdir, "inventory.yml")
    vars_file = os.path.join(workdir, "extra_vars.json")
    vim_vars_file = os.path.join(workdir, "ns_vars.yml")
    summary_file = os.path.join(workdir, "summary.json")
    # Host variables and NS addresses come from the VIM: data, never templates. The VNF's variables (the caller's
    # and the NS package's) are templates on purpose: they may refer to ns_cp_addresses.
    vim_vars = dict((k, variables.pop(k)) for k in list(variables) if k in VIM_VARIABLES)
    for path, text in ((inventory_file, lcm_inventory.unsafe_yaml(lcm_inventory.inventory(hosts))),
                       (vim_vars_file, lcm_inventory.unsafe_yaml(vim_vars)), (vars_file, json.dumps(variables))):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    command = playbook_command(request.ansible_playbook) + [
        "-i", inventory_file, "-e", "@" + vim_vars_file, "-e", "@" + vars_file, artifact.playbook]
    if request.check_mode:
        command.append("--check")
    if request.diff:
        command.append("--diff")
    if request.verbosity:
        command.append("-" + "v" * min(request.verbosity, 4))
    where = "VNF '%s' operation %s (%s %s)" % (vnf.vnf_name, request.operation, artifact.kind, artifact.name)
    try:
        env = _environment(request, summary_file, _host_key_checking(request, hosts))
        done = run(command, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                   timeout=request.timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise LcmError("%s: ansible-playbook did not finish within %ss" % (where, request.timeout),
                       {"stdout_lines": _tail(exc.stdout)})
    except OSError as exc:
        raise LcmError("%s: cannot start %s: %s" % (where, command[0], exc.strerror or exc))
    summary = _read_summary(summary_file)
    if summary is None:
        raise LcmError("%s: ansible-playbook exited with %s before running any play (no summary from %s)" % (
            where, done.returncode, SUMMARY_CALLBACK), {"stdout_lines": _tail(done.stdout), "rc": done.returncode})
    outcome = summarize(summary)
    outcome["rc"] = done.returncode
    if done.returncode != 0 or outcome["failed_tasks"]:
        failures = outcome["failed_tasks"] or [{"host": None, "task": None, "msg": "exit code %s" % done.returncode}]
        first = failures[0]
        raise LcmError("%s failed on %s: task '%s': %s%s" % (
            where, first["host"] or "the run", first["task"], first["msg"],
            " (and %d more failure%s)" % (len(failures) - 1, "" if len(failures) == 2 else "s") if len(failures) > 1 else ""),
            dict(outcome, stdout_lines=outcome["stdout_lines"] or _tail(done.stdout)))
    return outcome


def _host_key_checking(request, hosts):
    """As asked; by default on only when every host pins its key in its SSH arguments (the local VIM's do): an
    OpenStack VNFC's key cannot be known before it boots. (ssh keeps the first value it is given for an option,
    and Ansible puts its own before the host's, so checking must be left on for a host's pinning to count.)"""
    if request.host_key_checking is not None:
        return request.host_key_checking
    return all("StrictHostKeyChecking=yes" in str((h.get("vars") or {}).get("ansible_ssh_common_args") or "") for h in hosts)


def _environment(request, summary_file, host_key_checking):
    env = dict(os.environ)
    env.update({
        "ANSIBLE_CALLBACKS_ENABLED": SUMMARY_CALLBACK,
        SUMMARY_ENV: summary_file,
        "ANSIBLE_STDOUT_CALLBACK": "ansible.builtin.default",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_HOST_KEY_CHECKING": "1" if host_key_checking else "0",
    })
    env.setdefault("ANSIBLE_PYTHON_INTERPRETER", "auto_silent")
    # Fewer SSH round trips per task; VNF images that require a tty for sudo can set ANSIBLE_PIPELINING=0.
    env.setdefault("ANSIBLE_PIPELINING", "1")
    if request.collections_path:
        env["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join(request.collections_path)
    return env


def _read_summary(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def summarize(summary):
    """changed, per-host stats, failed tasks and short readable lines from the lcm_summary callback's JSON."""
    stats = summary.get("stats") or {}
    failed = [{"host": e.get("host"), "task": e.get("task"), "msg": e.get("msg") or "", "status": e.get("status")}
              for e in summary.get("failures") or ()]
    # A failure rescued by a block is not a failure of the host.
    failed = [f for f in failed if (stats.get(f["host"]) or {}).get("failures") or (stats.get(f["host"]) or {}).get("unreachable")]
    failed.sort(key=lambda f: str(f["host"]))  # hosts run in parallel: name them in a stable order
    lines = []
    for event in summary.get("events") or ():
        line = "%s: [%s] %s" % (event.get("status"), event.get("host"), event.get("task"))
        if event.get("msg"):
            line += ": " + event["msg"].splitlines()[0][:300]
        lines.append(line)
    for host in sorted(stats):
        counts = stats[host]
        lines.append("RECAP %s ok=%s changed=%s failed=%s unreachable=%s skipped=%s" % (
            host, counts.get("ok", 0), counts.get("changed", 0), counts.get("failures", 0), counts.get("unreachable", 0),
            counts.get("skipped", 0)))
    return {"changed": any((s or {}).get("changed") for s in stats.values()), "stats": stats, "failed_tasks": failed,
            "stdout_lines": lines}


def _tail(output):
    if isinstance(output, bytes):
        output = output.decode("utf-8", errors="replace")
    return [line for line in (output or "").splitlines() if line.strip()][-OUTPUT_TAIL:]
