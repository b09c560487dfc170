# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic VNFM's use cases: run one Vnflcm operation of a VNF (vnf_lcm), list the NS's operations in
configuration order (ns_lcm_info)."""

from __future__ import annotations

import shutil
import tempfile

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.describe import load
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.package import ns_lcm_params, vnf_lcms
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.runner import LcmRequest, run_operation


def run_vnf_lcm(params, check_mode, diff, verbosity):
    # The descriptor's warnings were the ns module's to give; repeating them for every VNF and operation is noise.
    model = load(params).model
    request = LcmRequest(
        model=model, operation=params["operation"], hosts=params["hosts"], vnf=params.get("vnf"),
        vnfd_id=params.get("vnfd_id"), ns_hosts=params.get("ns_hosts"), variables=params.get("variables") or {},
        timeout=params["timeout"], check_mode=check_mode, diff=diff,
        collections_path=params.get("collections_path"), ansible_playbook=params.get("ansible_playbook"),
        host_key_checking=params.get("host_key_checking"), verbosity=verbosity)
    return run_operation(request)


def run_ns_lcm_info(params):
    loaded = load(params)
    model, warnings = loaded.model, list(loaded.warnings)
    workdir = tempfile.mkdtemp(prefix="smartnfvo-lcm-")
    try:
        lcm_params = ns_lcm_params(model, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lcms = vnf_lcms(model)
    order = [n for n in lcm_params.get("configuration_order", ()) if n in lcms]
    unknown = [n for n in lcm_params.get("configuration_order", ()) if n not in lcms]
    if unknown:
        warnings.append("configuration_order names VNFs the NS does not have: %s" % ", ".join(unknown))
    order += [n for n in lcms if n not in order]
    vnfs = [{"vnf_name": n, "vnfd_id": lcms[n].vnfd_id, "flavour_id": lcms[n].flavour_id,
             "operations": dict((op.name, op.implementation) for op in lcms[n].operations.values())} for n in order]
    return {"changed": False, "vnfs": vnfs, "configuration_order": order,
            "additional_params_for_vnf": lcm_params.get("additional_params_for_vnf") or {}, "warnings_list": warnings}
