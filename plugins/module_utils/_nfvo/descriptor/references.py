# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names a deployment flavour uses that must exist: substitution mappings, scaling aspects, instantiation levels.

tosca-parser checks none of these (or, for policy targets, without naming the policy). Each finding is a
Problem naming the mapping or the policy and what it refers to.
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_access import as_int, node_templates, policies

SCALING_ASPECTS = "tosca.policies.nfv.ScalingAspects"
INSTANTIATION_LEVELS = "tosca.policies.nfv.InstantiationLevels"
DELTA_POLICIES = ("tosca.policies.nfv.VduScalingAspectDeltas", "tosca.policies.nfv.VirtualLinkBitrateScalingAspectDeltas")
TARGETED = DELTA_POLICIES + ("tosca.policies.nfv.VduInstantiationLevels", "tosca.policies.nfv.VirtualLinkInstantiationLevels",
                             "tosca.policies.nfv.VduInitialDelta", "tosca.policies.nfv.VirtualLinkBitrateInitialDelta")


def _names(registry, type_name, section):
    """Requirement or capability names a node type defines over its ancestry."""
    names = set()
    for ancestor in registry.ancestry(type_name):
        found = (registry.types.get(ancestor) or {}).get(section) or {}
        items = found if isinstance(found, list) else [found]
        for item in items:
            if isinstance(item, dict):
                names.update(item.keys())
    return names


def _mapping_pairs(mappings):
    if isinstance(mappings, dict):
        return list(mappings.items())
    if isinstance(mappings, list):  # TOSCA 1.3: a list of single-key maps, names may repeat
        return [kv for m in mappings if isinstance(m, dict) for kv in m.items()]
    return []


def check_substitution(display, topology, registry, warnings):
    """Problems for mappings to requirements or capabilities the mapped node's type lacks, or to absent capability nodes.

    A requirement mapped to a node the flavour does not have only leaves that external connection unused
    (Tacker's own samples do this), so it is a warning; a capability offered by no node is an error.
    """
    subs = topology.get("substitution_mappings")
    if not isinstance(subs, dict) or not isinstance(subs.get("node_type"), str):
        return []
    problems, nodes = [], node_templates(topology)
    where = "substitution mapping for '%s'" % subs["node_type"]
    for section, what in (("requirements", "requirement"), ("capabilities", "capability")):
        for name, target in _mapping_pairs(subs.get(section)):
            if not isinstance(target, list) or len(target) != 2:
                continue  # TOSCA 1.3 single-name mappings: nothing to resolve here
            node, inner = str(target[0]), str(target[1])
            if node not in nodes:
                message = "%s maps %s '%s' to node '%s', which this topology does not define" % (where, what, name, node)
                if section == "requirements":
                    warnings.append("%s: %s; the requirement stays unconnected" % (display, message))
                else:
                    problems.append(Problem(display, None, message))
                continue
            defined = _names(registry, nodes[node].get("type"), section)
            if defined and inner not in defined:
                problems.append(Problem(display, node, "%s maps %s '%s' to its %s '%s', which its type '%s' does not define (it has %s)" % (
                    where, what, name, what, inner, nodes[node].get("type"), ", ".join(sorted(defined)))))
    return problems


def check_policy_references(display, topology, registry, resolve):
    """Scaling aspects, deltas and instantiation levels that refer to what the flavour does not define."""
    problems = []
    found = [(name, policy, resolve(policy.get("properties") or {})) for name, policy in policies(topology)]

    def of(*bases):
        return [(n, p, props) for n, p, props in found if any(registry.is_a(p.get("type"), b) for b in bases)]
    aspects = {}
    for _n, _p, props in of(SCALING_ASPECTS):
        aspects.update((k, v if isinstance(v, dict) else {}) for k, v in (props.get("aspects") or {}).items())
    levels = {}
    for _n, _p, props in of(INSTANTIATION_LEVELS):
        levels.update((k, v if isinstance(v, dict) else {}) for k, v in (props.get("levels") or {}).items())
    for level_id, level in levels.items():
        for aspect_id, info in (level.get("scale_info") or {}).items():
            if aspect_id not in aspects:
                problems.append(Problem(display, None, "instantiation level '%s' scales aspect '%s', which no ScalingAspects policy defines" % (
                    level_id, aspect_id)))
                continue
            wanted, top = as_int((info or {}).get("scale_level")), as_int(aspects[aspect_id].get("max_scale_level"))
            if wanted is not None and top is not None and wanted > top:
                problems.append(Problem(display, None, "instantiation level '%s' puts aspect '%s' at scale level %d, above its max_scale_level %d" % (
                    level_id, aspect_id, wanted, top)))
    deltas_by_aspect = {}
    for _n, _p, props in of(*DELTA_POLICIES):
        deltas_by_aspect.setdefault(props.get("aspect"), set()).update((props.get("deltas") or {}).keys())
    for aspect_id, aspect in aspects.items():
        if aspect_id not in deltas_by_aspect:
            continue  # an aspect with no delta policy here: its deltas live with the VNF's other flavour parts
        unknown = [d for d in aspect.get("step_deltas") or [] if d not in deltas_by_aspect[aspect_id]]
        if unknown:
            problems.append(Problem(display, None, "scaling aspect '%s' steps by %s, which no scaling-delta policy of the aspect defines" % (
                aspect_id, ", ".join("'%s'" % d for d in unknown))))
    # VDU levels are checked where they are read (vnfd_reader), per VDU.
    for name, _p, props in of("tosca.policies.nfv.VirtualLinkInstantiationLevels"):
        unknown = sorted(set((props.get("levels") or {}).keys()) - set(levels))
        if unknown:
            problems.append(Problem(display, name, "level(s) %s not found in defined levels %s" % (", ".join(unknown), ", ".join(sorted(levels)) or "(none)")))
    known = set(node_templates(topology)) | set((topology.get("groups") or {}).keys())
    for name, policy, _props in of(*TARGETED):
        missing = [t for t in policy.get("targets") or [] if isinstance(t, str) and t not in known]
        if missing:
            problems.append(Problem(display, name, "policy targets %s, which this topology defines neither as node template nor as group" % (
                ", ".join("'%s'" % t for t in missing))))
    return problems
