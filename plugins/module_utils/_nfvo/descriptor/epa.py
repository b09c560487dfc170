# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Enhanced Platform Awareness: compute requirements of a VDU, in both SOL001 and legacy forms."""

from __future__ import annotations

import json

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import EpaRequirements, freeze
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_access import size_in

# SOL001: both policies pin vCPUs; "dynamic" only leaves the choice of physical cores to the VIM.
_PINNING = {"static": "dedicated", "dynamic": "dedicated"}


def _spec_map(value, warnings, where):
    """A map of Nova extra specs; SOL001 descriptors often carry it as a JSON string."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if isinstance(item, str) and item.strip().startswith("{"):
                result.update(_spec_map(item, warnings, where))
            elif ":" in str(key) or not isinstance(item, str):
                result[str(key)] = item  # already a Nova extra spec such as hw:cpu_policy
            else:
                warnings.append("%s: unsupported format of compute requirement %s: '%s'; ignored" % (where, key, item.strip()))
        return result
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            warnings.append("%s: compute requirements '%s' are not a JSON map; ignored" % (where, value.strip()))
            return {}
        return dict((str(k), v) for k, v in parsed.items()) if isinstance(parsed, dict) else {}
    return {}


def sol001_epa(virtual_compute, where, warnings):
    """EPA from a SOL001 virtual_compute capability."""
    specs = {}
    cpu = virtual_compute.get("virtual_cpu") or {}
    memory = virtual_compute.get("virtual_memory") or {}
    pinning = cpu.get("virtual_cpu_pinning") or {}
    policy = _PINNING.get(str(pinning.get("virtual_cpu_pinning_policy") or pinning.get("cpu_pinning_policy") or "").lower())
    if policy:
        specs["hw:cpu_policy"] = policy
    specs.update(_spec_map(cpu.get("vdu_cpu_requirements"), warnings, where))
    specs.update(_spec_map(memory.get("vdu_mem_requirements"), warnings, where))
    if memory.get("numa_enabled") is True and "hw:numa_nodes" not in specs:
        specs["hw:numa_nodes"] = 1
    specs.update(_spec_map(virtual_compute.get("compute_requirements"), warnings, where))
    for name, capability in (virtual_compute.get("requested_additional_capabilities") or {}).items():
        if not isinstance(capability, dict):
            continue
        if capability.get("support_mandatory") is False:
            warnings.append("%s: optional capability '%s' is not turned into flavor extra specs" % (where, name))
            continue
        specs.update(_spec_map(capability.get("target_performance_parameters"), warnings, where))
    return _epa(specs)


def legacy_epa(nfv_compute):
    """EPA from a legacy (Tacker NFV profile) nfv_compute capability, as Tacker maps it to Nova."""
    specs = {}
    page = nfv_compute.get("mem_page_size")
    if page:
        specs["hw:mem_page_size"] = page
    allocation = nfv_compute.get("cpu_allocation") or {}
    for key, spec in (("cpu_affinity", "hw:cpu_policy"), ("thread_allocation", "hw:cpu_threads_policy"),
                      ("socket_count", "hw:cpu_sockets"), ("core_count", "hw:cpu_cores"), ("thread_count", "hw:cpu_threads")):
        if allocation.get(key) is not None:
            specs[spec] = allocation[key]
    numa = nfv_compute.get("numa_nodes") or {}
    if nfv_compute.get("numa_node_count"):
        specs["hw:numa_nodes"] = nfv_compute["numa_node_count"]
    elif isinstance(numa, dict) and numa:
        specs["hw:numa_nodes"] = len(numa)
        for node in numa.values():
            if not isinstance(node, dict) or node.get("id") is None:
                continue
            if node.get("vcpus") is not None:
                specs["hw:numa_cpus.%s" % node["id"]] = ",".join(str(c) for c in node["vcpus"])
            if node.get("mem_size") is not None:
                specs["hw:numa_mem.%s" % node["id"]] = size_in(node["mem_size"], "M")
    return _epa(specs)


def _epa(specs):
    return EpaRequirements(
        cpu_policy=specs.get("hw:cpu_policy"),
        cpu_thread_policy=specs.get("hw:cpu_thread_policy") or specs.get("hw:cpu_threads_policy"),
        mem_page_size=None if specs.get("hw:mem_page_size") is None else str(specs["hw:mem_page_size"]),
        numa_nodes=specs.get("hw:numa_nodes"),
        sriov=any(k.startswith("pci_passthrough") for k in specs),
        extra_specs=freeze(specs),
    )
