# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic VNFM's modules (vnf_lcm, ns_lcm_info): argspecs, the one module edge, and their services."""

from __future__ import annotations

import shutil
import tempfile

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import DESCRIPTOR_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_service import DEPENDENCY_ERROR
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.module_errors import call

VNF_LCM_ARGS = dict(
    vnf=dict(type="str"),
    vnfd_id=dict(type="str"),
    operation=dict(type="str", required=True),
    hosts=dict(type="list", elements="dict", required=True),
    ns_hosts=dict(type="list", elements="dict"),
    variables=dict(type="dict", default={}),
    timeout=dict(type="int", default=1800),
    host_key_checking=dict(type="bool"),
    collections_path=dict(type="list", elements="path"),
    ansible_playbook=dict(type="path"),
)


def _load(params):
    # Imported here: descriptor_service guards tosca-parser, and the edge reports DEPENDENCY_ERROR first.
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
    loaded = load_descriptor(params["path"], allow_remote_imports=params.get("allow_remote_imports", False),
                             vnf_package_paths=params.get("vnf_package_paths"))
    return loaded.model, list(loaded.warnings)


def run_vnf_lcm(module):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.runner import LcmRequest, run_operation
    params = module.params
    # The descriptor's warnings were the ns module's to give; repeating them for every VNF and operation is noise.
    model, _warnings = _load(params)
    request = LcmRequest(
        model=model, operation=params["operation"], hosts=params["hosts"], vnf=params.get("vnf"),
        vnfd_id=params.get("vnfd_id"), ns_hosts=params.get("ns_hosts"), variables=params.get("variables") or {},
        timeout=params["timeout"], check_mode=module.check_mode, diff=module._diff,
        collections_path=params.get("collections_path"), ansible_playbook=params.get("ansible_playbook"),
        host_key_checking=params.get("host_key_checking"), verbosity=module._verbosity)
    return run_operation(request)


def run_ns_lcm_info(module):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.package import ns_lcm_params, vnf_lcms
    model, warnings = _load(module.params)
    workdir = tempfile.mkdtemp(prefix="smartnfvo-lcm-")
    try:
        params = ns_lcm_params(model, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lcms = vnf_lcms(model)
    order = [n for n in params.get("configuration_order", ()) if n in lcms]
    unknown = [n for n in params.get("configuration_order", ()) if n not in lcms]
    if unknown:
        warnings.append("configuration_order names VNFs the NS does not have: %s" % ", ".join(unknown))
    order += [n for n in lcms if n not in order]
    vnfs = [{"vnf_name": n, "vnfd_id": lcms[n].vnfd_id, "flavour_id": lcms[n].flavour_id,
             "operations": dict((op.name, op.implementation) for op in lcms[n].operations.values())} for n in order]
    return {"changed": False, "vnfs": vnfs, "configuration_order": order,
            "additional_params_for_vnf": params.get("additional_params_for_vnf") or {}, "warnings_list": warnings}


def run_module(argument_spec, service, **kwargs):
    """The module edge: argspec, dependency check, core errors -> fail_json (with what the run returned)."""
    module = AnsibleModule(argument_spec=dict(DESCRIPTOR_ARGS, **argument_spec), **kwargs)
    if DEPENDENCY_ERROR:
        module.fail_json(msg=missing_required_lib(DEPENDENCY_ERROR[0]), exception=DEPENDENCY_ERROR[1])
    result = call(module, lambda: service(module))
    for warning in result.pop("warnings_list", ()):
        module.warn(warning)
    module.exit_json(**result)
