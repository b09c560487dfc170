# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the Nsd model: the NS node, its VNF references, NS virtual links and SAPs."""

from __future__ import annotations

import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import Nsd, PlacementRule, Sap, VnfReference, freeze
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.references import check_substitution
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_access import (
    InputResolver, as_int, dig, node_templates, policies, requirements)
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.vnfd_reader import VNF, VnfdReader, _str

NS = "tosca.nodes.nfv.NS"
NS_VL = "tosca.nodes.nfv.NsVirtualLink"
SAP = "tosca.nodes.nfv.Sap"
LEGACY_VL_TYPES = ("tosca.nodes.nfv.VL", "tosca.nodes.network.Network")
VIRTUAL_LINKABLE = "tosca.capabilities.nfv.VirtualLinkable"
# SOL001 NSD rules are NsAffinityRule/NsAntiAffinityRule; some NSDs use the VNFD-level names for VNFs.
NS_PLACEMENT = ("NsAffinityRule", "NsAntiAffinityRule", "AffinityRule", "AntiAffinityRule")


def is_nsd(templates):
    """An NSD has an NS node, NS virtual links or SAPs, or references VNFs without describing their VDUs."""
    registry = templates.registry
    for _src, topo in templates.topologies():
        subs = topo.get("substitution_mappings")
        if isinstance(subs, dict) and registry.is_a(subs.get("node_type"), NS):
            return True
        for node in node_templates(topo).values():
            if any(registry.is_a(node.get("type"), base) for base in (NS, NS_VL, SAP)):
                return True
    return False


class NsdReader:
    def __init__(self, templates, problems, warnings):
        self.t = templates
        self.problems = problems
        self.warnings = warnings
        self.registry = templates.registry

    def read(self):
        src, topo = self.t.topologies()[0]
        subs = topo.get("substitution_mappings") if isinstance(topo.get("substitution_mappings"), dict) else {}
        resolve = InputResolver(topo, subs.get("properties") or {})
        nodes = node_templates(topo)
        self.problems.extend(check_substitution(src.display, topo, self.registry, self.warnings))
        ns_props = {}
        for name, node in nodes.items():
            if self.registry.is_a(node.get("type"), NS):
                ns_props = resolve(node.get("properties") or {})
        if not ns_props:
            ns_props = dict(resolve(subs.get("properties") or {}))
            for key, value in self.registry.property_defaults(subs.get("node_type")).items() if subs.get("node_type") else []:
                ns_props.setdefault(key, value)
        vl_reader = VnfdReader(self.t, self.problems, self.warnings)
        vls = [vl_reader._virtual_link(name, node, resolve) for name, node in nodes.items() if self._is_virtual_link(node.get("type"))]
        vl_ids = set(v.id for v in vls)
        vnfs = []
        for name, node in nodes.items():
            if not self.registry.is_a(node.get("type"), VNF):
                continue
            props = resolve(node.get("properties") or {})
            for key, value in self.registry.property_defaults(node.get("type")).items():
                props.setdefault(key, value)
            # Pre-SOL001 NSDs (NFV profile 1.0, Open-O) name the VNFD by id or vnfd_id.
            props["descriptor_id"] = next((props[k] for k in ("descriptor_id", "vnfd_id", "id") if props.get(k)), None)
            if not props.get("descriptor_id"):
                self.problems.append(Problem(src.display, name, "VNF node states no descriptor_id, so no VNFD can be matched to it"))
            links = {}
            for req, target, _definition in requirements(node):
                if target in vl_ids:
                    links[req] = target
                elif target:
                    self.problems.append(Problem(src.display, name, "requirement '%s' points to '%s', which is not an NsVirtualLink" % (req, target)))
            vnfs.append(VnfReference(
                id=name, descriptor_id=str(props.get("descriptor_id") or ""), flavour_id=_str(props.get("flavour_id")),
                product_name=_str(props.get("product_name")), provider=_str(props.get("provider")), virtual_links=freeze(links)))
        saps = []
        for name, node in nodes.items():
            if not self.registry.is_a(node.get("type"), SAP):
                continue
            props = resolve(node.get("properties") or {})
            link = vnf = vnf_req = None
            for req, target, _definition in requirements(node):
                if target in vl_ids:
                    link = target
                elif target:
                    vnf, vnf_req = target, dig(_definition, "capability")
            saps.append(Sap(id=name, virtual_link=link, vnf=vnf, vnf_requirement=_str(vnf_req),
                            layer_protocols=tuple(props.get("layer_protocols") or ("ipv4",))))
        rules = []
        vnf_ids = set(v.id for v in vnfs)
        for pname, policy in policies(topo):
            ancestry = self.registry.ancestry(policy.get("type") or "")
            if not any(a.split(".")[-1] in NS_PLACEMENT for a in ancestry):
                continue
            kind = "anti-affinity" if any("AntiAffinity" in a for a in ancestry) else "affinity"
            props = resolve(policy.get("properties") or {})
            targets = tuple(t for t in policy.get("targets") or () if isinstance(t, str))
            unknown = [t for t in targets if t not in vnf_ids and t not in vl_ids]
            if unknown:
                self.problems.append(Problem(src.display, pname, "placement rule targets %s, which are neither VNFs nor NS virtual links" % ", ".join(unknown)))
            rules.append(PlacementRule(pname, kind, str(props.get("scope") or "nfvi_node"), targets))
        self._vnf_instances(topo, vnfs, resolve)
        return Nsd(
            descriptor_id=str(ns_props.get("descriptor_id") or os.path.splitext(os.path.basename(self.t.package.entry))[0]),
            name=_str(ns_props.get("name")), designer=_str(ns_props.get("designer")), version=_str(ns_props.get("version")),
            invariant_id=_str(ns_props.get("invariant_id")), flavour_id=_str(ns_props.get("flavour_id")),
            vnfs=tuple(vnfs), virtual_links=tuple(vls), saps=tuple(saps), placement_rules=tuple(rules),
            file=src.display, package=self.t.package.source)

    def _is_virtual_link(self, type_name):
        """An NsVirtualLink, a pre-SOL001 VL, or any node type that offers a VirtualLinkable capability."""
        if self.registry.is_a(type_name, NS_VL) or any(self.registry.is_a(type_name, t) for t in LEGACY_VL_TYPES):
            return True
        for ancestor in self.registry.ancestry(type_name):
            for cap in ((self.registry.types.get(ancestor) or {}).get("capabilities") or {}).values():
                cap_type = cap.get("type") if isinstance(cap, dict) else cap
                if isinstance(cap_type, str) and self.registry.is_a(cap_type, VIRTUAL_LINKABLE):
                    return True
        return False

    def _vnf_instances(self, topo, vnfs, resolve):
        """Instances of each VNF at the NS default instantiation level, from the VNF-to-level mappings (1 otherwise)."""
        counts, default_level = {}, None
        for _name, policy in policies(topo):
            if any(a.endswith("NsInstantiationLevels") for a in self.registry.ancestry(policy.get("type") or "")):
                props = resolve(policy.get("properties") or {})
                default_level = props.get("default_level") or next(iter(props.get("ns_levels") or {}), None)
        for _name, policy in policies(topo):
            ancestry = self.registry.ancestry(policy.get("type") or "")
            if not any(a.endswith(("VnfToInstantiationLevelMapping", "VnfToLevelMapping")) for a in ancestry):
                continue
            props = resolve(policy.get("properties") or {})
            # SOL001: number_of_instances maps NS level -> count; some NSDs nest it under levels/<level>.
            per_level = props.get("number_of_instances") if isinstance(props.get("number_of_instances"), dict) else {}
            level = default_level or next(iter(per_level or props.get("levels") or {}), None)
            count = per_level.get(level) if per_level else dig(props, "levels", level, "number_of_instances")
            for target in policy.get("targets") or []:
                counts[target] = as_int(count, 1)
        for index, vnf in enumerate(vnfs):
            if vnf.id in counts:
                vnfs[index] = VnfReference(**dict((k, getattr(vnf, k)) for k in vnf.__dataclass_fields__) | {"min_instances": counts[vnf.id]})
