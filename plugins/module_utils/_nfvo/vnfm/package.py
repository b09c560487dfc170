# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a Vnflcm operation's implementation lives: the VNF package of one VNF of an NS (or a stand-alone
VNFD), opened like any untrusted package (zips extracted below a private directory with csar.py's checks),
and the operation's artifact resolved to a playbook to run: a playbook file, or a role directory, for
which a wrapper playbook is written. Also the NS package's LCM parameters (SmartNFVO convention)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.csar import YAML_SUFFIXES, _inside, open_package
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.safe_yaml import load_yaml_file

# SmartNFVO convention: per-VNF parameters of LCM operations shipped in the NS package (see descriptors/README.md).
NS_LCM_PARAMS_FILE = "Files/ns_lcm_params.yml"
NS_LCM_PARAMS_KEYS = ("additional_params_for_vnf", "configuration_order")
ROLE_ENTRY_POINTS = (os.path.join("tasks", "main.yml"), os.path.join("tasks", "main.yaml"))


class LcmError(NfvoError):
    """An LCM operation that cannot run or failed; carries what is known of the run for the module result."""

    def __init__(self, message, details=None):
        super().__init__(message)
        self.details = details or {}


@dataclass(frozen=True)
class VnfLcm:
    """One VNF instance of the descriptor: its VNFD, package and the Vnflcm operations its flavour declares."""

    vnf_name: str
    vnfd_id: str
    flavour_id: str | None
    package: str
    operations: dict  # operation name -> model.LcmOperation


def _slug(text):
    # Same rule as plan.slug, which names the VNF instances (plan.py is not imported: it pulls in netaddr).
    return re.sub(r"[^a-z0-9]+", "-", str(text or "").lower()).strip("-")[:40] or "x"


def vnf_lcms(model):
    """{vnf instance name: VnfLcm} for an NSD (names as the plan gives them) or a VNFD (its one VNF, keyed '')."""
    if model.kind != "nsd":
        return {"": _vnf_lcm("", model, None)}
    found = {}
    for ref in model.vnfs:
        vnfd = model.vnfds.get(ref.descriptor_id)
        if vnfd is None:
            continue
        names = [_slug(ref.id)] if ref.min_instances <= 1 else ["%s-%d" % (_slug(ref.id), i) for i in range(ref.min_instances)]
        for name in names:
            found[name] = _vnf_lcm(name, vnfd, ref.flavour_id)
    return found


def _vnf_lcm(name, vnfd, flavour_id):
    flavour = vnfd.flavour(flavour_id) or vnfd.flavour()
    operations = dict((op.name, op) for op in (flavour.lcm_operations if flavour else ()))
    return VnfLcm(vnf_name=name, vnfd_id=vnfd.descriptor_id, flavour_id=flavour.flavour_id if flavour else None,
                  package=vnfd.package, operations=operations)


def find_vnf(model, vnf_name, vnfd_id=None):
    """The VnfLcm of vnf_name (or, when vnf_name is not given, of the one VNF with vnfd_id); LcmError otherwise."""
    lcms = vnf_lcms(model)
    if model.kind != "nsd":
        only = lcms[""]
        if vnfd_id and vnfd_id != only.vnfd_id:
            raise LcmError("the VNFD %s is %s, not %s" % (model.file, only.vnfd_id, vnfd_id))
        return VnfLcm(vnf_name or _slug(model.product_name or "vnf"), only.vnfd_id, only.flavour_id, only.package, only.operations)
    if vnf_name:
        if vnf_name not in lcms:
            raise LcmError("NSD %s has no VNF instance '%s' with a VNF package found (it has: %s)" % (
                model.file, vnf_name, ", ".join(sorted(lcms)) or "none"))
        return lcms[vnf_name]
    matching = [v for v in lcms.values() if v.vnfd_id == vnfd_id]
    if len(matching) != 1:
        raise LcmError("NSD %s has %d VNF instances of VNFD %s; name one with vnf" % (model.file, len(matching), vnfd_id))
    return matching[0]


@dataclass(frozen=True)
class Artifact:
    """A runnable implementation: the playbook to give ansible-playbook, and what the package called it."""

    playbook: str
    kind: str  # playbook | role
    name: str  # path inside the package, for messages


def resolve_artifact(vnf, operation, workdir):
    """Open the VNF package (a zip is extracted below workdir) and return the Artifact implementing operation."""
    op = vnf.operations[operation]
    where = "VNF '%s' (VNFD %s) operation %s" % (vnf.vnf_name, vnf.vnfd_id, operation)
    if not op.implementation:
        raise LcmError("%s has no implementation artifact" % where)
    if "://" in op.implementation:
        raise LcmError("%s: artifact '%s' is remote; only artifacts shipped in the VNF package are run" % (where, op.implementation))
    package = open_package(vnf.package, os.path.join(workdir, "vnf-package"))
    target = _inside(package.root, op.implementation)
    if target is None:
        raise LcmError("%s: artifact '%s' escapes the package %s" % (where, op.implementation, vnf.package))
    if os.path.isfile(target) and target.lower().endswith(YAML_SUFFIXES):
        return Artifact(playbook=target, kind="playbook", name=op.implementation)
    if os.path.isdir(target) and any(os.path.isfile(os.path.join(target, e)) for e in ROLE_ENTRY_POINTS):
        wrapper = os.path.join(workdir, "role-wrapper.yml")
        os.makedirs(workdir, mode=0o700, exist_ok=True)
        _write_json(wrapper, [{"name": "%s of VNF %s (role %s)" % (operation, vnf.vnf_name, op.implementation),
                               "hosts": "all", "gather_facts": False, "roles": [{"role": target}]}])
        return Artifact(playbook=wrapper, kind="role", name=op.implementation)
    if not os.path.exists(target):
        raise LcmError("%s: artifact '%s' is not in the package %s" % (where, op.implementation, vnf.package))
    raise LcmError("%s: artifact '%s' (type %s) is neither an Ansible playbook (.yml/.yaml) nor a role directory "
                   "(tasks/main.yml)" % (where, op.implementation, op.artifact_type or "not given"))


def ns_lcm_params(model, workdir):
    """The NS package's NS_LCM_PARAMS_FILE as a dict ({} when absent or for a VNFD); LcmError when malformed."""
    if model.kind != "nsd":
        return {}
    package = open_package(model.package, os.path.join(workdir, "ns-package"))
    path = _inside(package.root, NS_LCM_PARAMS_FILE)
    if path is None or not os.path.isfile(path):
        return {}
    shown = package.display(path)
    data = load_yaml_file(path, shown) or {}
    problems = []
    if not isinstance(data, dict):
        raise LcmError("%s: expected a mapping with %s" % (shown, " and/or ".join(NS_LCM_PARAMS_KEYS)))
    unknown = sorted(set(data) - set(NS_LCM_PARAMS_KEYS))
    if unknown:
        problems.append("unknown keys %s (known: %s)" % (", ".join(unknown), ", ".join(NS_LCM_PARAMS_KEYS)))
    per_vnf = data.get("additional_params_for_vnf") or {}
    if not isinstance(per_vnf, dict) or not all(isinstance(v, dict) for v in per_vnf.values()):
        problems.append("additional_params_for_vnf must map VNF names to mappings of variables")
    order = data.get("configuration_order") or []
    if not isinstance(order, list) or not all(isinstance(v, str) for v in order):
        problems.append("configuration_order must be a list of VNF names")
    if problems:
        raise LcmError("%s: %s" % (shown, "; ".join(problems)))
    return {"additional_params_for_vnf": per_vnf, "configuration_order": order}


def _write_json(path, data):
    # JSON is YAML: ansible-playbook reads it as a playbook or inventory, and no quoting can go wrong.
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=False)
