# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What descriptor_info returns: the descriptor model, the plan it would deploy, a diagram, the warnings."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.diagram import mermaid
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import to_plain
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import PLAN_PARAMS, build_plan


def load(params):
    """The descriptor of params (path, allow_remote_imports, vnf_package_paths), loaded and validated."""
    return load_descriptor(params["path"], allow_remote_imports=params.get("allow_remote_imports", False),
                           vnf_package_paths=params.get("vnf_package_paths"))


def describe(params):
    """descriptor, plan, diagram and warnings for a path and instantiation parameters."""
    loaded = load(params)
    plan = build_plan(loaded.model, dict((k, params.get(k)) for k in PLAN_PARAMS if params.get(k) is not None))
    descriptor = to_plain(loaded.model)
    descriptor["kind"] = loaded.model.kind
    if loaded.model.kind == "nsd":
        for vnfd in descriptor["vnfds"].values():
            vnfd["kind"] = "vnfd"
    return {"changed": False, "descriptor": descriptor, "plan": plan, "diagram": mermaid(loaded.model),
            "warnings_list": list(loaded.warnings) + list(plan.pop("warnings", []))}
