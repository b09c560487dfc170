# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the Vnfd model from the raw templates of a VNF package (SOL001, legacy NFV profile or plain TOSCA)."""

from __future__ import annotations

import os
from dataclasses import replace

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import epa as epa_mod
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import (
    DeploymentFlavour, InstantiationLevel, L3ProtocolData, LcmOperation, PlacementRule, ScalingAspect, SwImage,
    Vdu, VduCp, VduProfile, VirtualCompute, VirtualLink, VirtualStorage, VnfExtCp, Vnfd, freeze)
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.type_inference import INFERRED
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.references import check_policy_references, check_substitution
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_access import (
    InputResolver, as_bool, as_int, capability_properties, dig, node_templates, policies, requirement, requirements, size_in, topology_of)

VNF = "tosca.nodes.nfv.VNF"
VDU_TYPES = ("tosca.nodes.nfv.Vdu.Compute", "tosca.nodes.nfv.VDU", "tosca.nodes.Compute")
STORAGE_TYPES = ("tosca.nodes.nfv.Vdu.VirtualBlockStorage", "tosca.nodes.nfv.Vdu.VirtualObjectStorage",
                 "tosca.nodes.nfv.Vdu.VirtualFileStorage", "tosca.nodes.nfv.Vdu.VirtualStorage", "tosca.nodes.BlockStorage")
EXT_CP = "tosca.nodes.nfv.VnfExtCp"
CP_TYPES = ("tosca.nodes.nfv.VduCp", "tosca.nodes.nfv.CP", "tosca.nodes.network.Port")
VL_TYPES = ("tosca.nodes.nfv.VnfVirtualLink", "tosca.nodes.nfv.VL", "tosca.nodes.network.Network")
VNF_IDENTITY = ("descriptor_id", "descriptor_version", "provider", "product_name", "software_version")
LCM_INTERFACES = ("Vnflcm", "tosca.interfaces.nfv.Vnflcm")
SW_IMAGE_ARTIFACT = "tosca.artifacts.nfv.SwImage"
SRIOV_VNIC_TYPES = ("direct", "direct-physical", "macvtap", "virtio-forwarder")


class TemplateSet:
    """The loaded closure of one package: raw templates, the type registry, the package."""

    def __init__(self, package, files, registry, entry_key):
        self.package = package
        self.files = files
        self.registry = registry
        self.entry = files[entry_key]

    def topologies(self):
        """(source file, topology_template) pairs, entry first."""
        ordered = [self.entry] + [f for f in self.files.values() if f is not self.entry]
        return [(f, topology_of(f.data)) for f in ordered if topology_of(f.data)]

    def kind_of(self, type_name, candidates):
        ancestry = self.registry.ancestry(type_name)
        return next((c for c in candidates if c in ancestry), None)


class VnfdReader:
    def __init__(self, templates, problems, warnings):
        self.t = templates
        self.problems = problems
        self.warnings = warnings
        self.registry = templates.registry

    def problem(self, source, node, reason):
        self.problems.append(Problem(source.display, node, reason))

    def is_a(self, node, base):
        return self.registry.is_a(node.get("type"), base)

    # -- VNF level ---------------------------------------------------------------------------
    def read(self):
        topologies = self.t.topologies()
        vnf_nodes = [(src, name, node) for src, topo in topologies for name, node in node_templates(topo).items() if self.is_a(node, VNF)]
        flavour_topologies = [(src, topo) for src, topo in topologies if self._maps_vnf(topo) and self._has_content(topo)]
        if not flavour_topologies:
            # A template of types only is one empty flavour: a plan of nothing (the loader warned).
            flavour_topologies = [(src, topo) for src, topo in topologies if self._has_content(topo)][:1] or topologies[:1] or [(self.t.entry, {})]
        identity = self._identity(vnf_nodes, topologies)
        flavours, seen = [], set()
        for src, topo in flavour_topologies:
            flavour = self._flavour(src, topo, vnf_nodes)
            if flavour is None:
                continue
            if flavour.flavour_id in seen:
                self.problem(src, None, "deployment flavour '%s' is defined more than once" % flavour.flavour_id)
                continue
            seen.add(flavour.flavour_id)
            flavours.append(flavour)
        if flavours and not any(f.vdus or f.virtual_links or f.vdu_cps for f in flavours):
            self.warnings.append("%s: the descriptor defines no VDU, virtual link or connection point; nothing to deploy" % self.t.entry.display)
        return Vnfd(
            descriptor_id=str(identity.get("descriptor_id") or self._fallback_id()),
            descriptor_version=_str(identity.get("descriptor_version")),
            provider=_str(identity.get("provider")),
            product_name=_str(identity.get("product_name")),
            software_version=_str(identity.get("software_version")),
            vnfm_info=tuple(identity.get("vnfm_info") or ()),
            dialect=self._dialect(topologies),
            file=self.t.entry.display,
            package=self.t.package.source,
            flavours=tuple(flavours),
        )

    def _fallback_id(self):
        return os.path.splitext(os.path.basename(self.t.package.entry))[0]

    def _maps_vnf(self, topology):
        subs = topology.get("substitution_mappings")
        return isinstance(subs, dict) and self.registry.is_a(subs.get("node_type"), VNF)

    def _defines_flavours(self, vnf_type):
        if (self.registry.types.get(vnf_type) or {}).get(INFERRED):
            return False  # a type the package leaves out: nothing says it is SOL001's
        return any("flavour_id" in ((self.registry.types.get(a) or {}).get("properties") or {}) for a in self.registry.ancestry(vnf_type))

    def _has_content(self, topology):
        kinds = VDU_TYPES + CP_TYPES + VL_TYPES + (EXT_CP,) + STORAGE_TYPES
        return any(self.t.kind_of(n.get("type"), kinds) for n in node_templates(topology).values())

    def _identity(self, vnf_nodes, topologies):
        """VNF properties from the node templates, then their type's defaults (SOL001 makes them mandatory)."""
        identity = {}
        for src, name, node in vnf_nodes:
            resolve = InputResolver(next(t for s, t in topologies if s is src))
            if src is self.t.entry and "properties" in node and not node.get("properties"):
                self.problem(src, name, "VNF properties are mandatory: the top-level VNF node template sets none")
            for key, value in (resolve(node.get("properties") or {})).items():
                if value is not None:
                    identity.setdefault(key, value)
            for key, value in self.registry.property_defaults(node.get("type")).items():
                identity.setdefault(key, value)
        # NFV profile 1.0 names them differently.
        for sol001, legacy in (("descriptor_id", "id"), ("provider", "vendor"), ("descriptor_version", "version")):
            if identity.get(sol001) in (None, "") and identity.get(legacy) not in (None, ""):
                identity[sol001] = identity[legacy]
        sol001_vnf = [n for _s, _n, n in vnf_nodes if "tosca.nodes.nfv.VNF" in self.registry.ancestry(n.get("type"))
                      and self.registry.types.get("tosca.nodes.nfv.VNF", {}).get("properties", {}).get("descriptor_id")]
        if sol001_vnf:
            missing = [k for k in VNF_IDENTITY if identity.get(k) in (None, "")]
            if missing:
                src, name, _node = vnf_nodes[0]
                self.problem(src, name, "VNF properties are mandatory: %s not set on the VNF node template nor defaulted by its type" % ", ".join(missing))
        return identity

    def _dialect(self, topologies):
        types = [n.get("type") for _s, t in topologies for n in node_templates(t).values()]
        if any(self.registry.is_a(t, "tosca.nodes.nfv.Vdu.Compute") or self.registry.is_a(t, "tosca.nodes.nfv.VduCp")
               or self.registry.is_a(t, "tosca.nodes.nfv.VnfVirtualLink") for t in types):
            return "sol001"
        if any(self.registry.is_a(t, "tosca.nodes.nfv.VDU") or self.registry.is_a(t, "tosca.nodes.nfv.CP") for t in types):
            return "nfv-profile-1.0"
        return "tosca"

    # -- deployment flavour ------------------------------------------------------------------
    def _flavour(self, src, topo, vnf_nodes):
        subs = topo.get("substitution_mappings") if isinstance(topo.get("substitution_mappings"), dict) else {}
        resolve = InputResolver(topo, dict((k, v) for k, v in (subs.get("properties") or {}).items()))
        local_vnf = [(n, node) for s, n, node in vnf_nodes if s is src]
        local_props = resolve((local_vnf[0][1].get("properties") or {})) if local_vnf else {}
        flavour_id = (subs.get("properties") or {}).get("flavour_id") or local_props.get("flavour_id")
        if not flavour_id and subs and self._maps_vnf(topo):
            if self._defines_flavours(subs.get("node_type")):
                self.problem(src, None, "no VNF flavours are available: the substitution mapping for '%s' states no flavour_id" % subs.get("node_type"))
                return None
            # The NFV profile 1.0 has no deployment flavours: the whole topology is the one flavour.
            self.warnings.append("%s: '%s' has no flavour_id (a pre-SOL001 VNF type); read as one flavour 'default'" % (
                src.display, subs.get("node_type")))
            flavour_id = "default"
        if not flavour_id:
            flavour_id = next((v for _s, _n, node in vnf_nodes for v in [InputResolver({})((node.get("properties") or {}).get("flavour_id"))] if v), None)
        nodes = node_templates(topo)
        groups = dict((k, v) for k, v in (topo.get("groups") or {}).items() if isinstance(v, dict))
        kinds = dict((name, self.t.kind_of(node.get("type"), (EXT_CP,) + VDU_TYPES + STORAGE_TYPES + CP_TYPES + VL_TYPES)) for name, node in nodes.items())
        storages = [self._storage(src, name, nodes[name], resolve) for name in nodes if kinds[name] in STORAGE_TYPES]
        vdus = [self._vdu(src, name, nodes[name], resolve, storages, kinds) for name in nodes if kinds[name] in VDU_TYPES]
        vls = [self._virtual_link(name, nodes[name], resolve, plain_network=kinds[name] == "tosca.nodes.network.Network")
               for name in nodes if kinds[name] in VL_TYPES]
        cps = [self._vdu_cp(src, name, nodes[name], resolve, kinds) for name in nodes if kinds[name] in CP_TYPES]
        ext_cps = [self._ext_cp(name, nodes[name], resolve, kinds) for name in nodes if kinds[name] == EXT_CP]
        aspects, levels, default_level, rules = self._policies(src, topo, resolve, vdus, groups)
        self.problems.extend(check_substitution(src.display, topo, self.registry, self.warnings))
        self.problems.extend(check_policy_references(src.display, topo, self.registry, resolve))
        vdus = [self._apply_profile(v, aspects, levels, default_level) for v in vdus]
        # SR-IOV is stated on the connection points: a VDU with a direct (passthrough) vNIC needs it.
        sriov = set(cp.vdu for cp in cps if cp.vnic_type in SRIOV_VNIC_TYPES)
        vdus = [replace(v, epa=replace(v.epa, sriov=True)) if v.id in sriov and not v.epa.sriov else v for v in vdus]
        description = (subs.get("properties") or {}).get("flavour_description") or local_props.get("flavour_description")
        ops = self._lcm_operations(src, [node for _s, _n, node in vnf_nodes])
        external = []
        mappings = subs.get("requirements") or {}
        # TOSCA 1.2 maps requirement names; TOSCA 1.3 also allows a list of single-key maps, names repeated.
        pairs = mappings.items() if isinstance(mappings, dict) else [kv for m in mappings if isinstance(m, dict) for kv in m.items()]
        for req, mapping in pairs:
            if isinstance(mapping, list) and len(mapping) == 2:
                external.append((str(req), str(mapping[0]), str(mapping[1])))
        return DeploymentFlavour(
            flavour_id=str(flavour_id or "default"), description=_str(resolve(description)),
            vdus=tuple(vdus), virtual_storages=tuple(storages), vdu_cps=tuple(cps), vnf_ext_cps=tuple(ext_cps),
            virtual_links=tuple(vls), scaling_aspects=tuple(aspects), instantiation_levels=tuple(levels),
            default_instantiation_level=default_level, placement_rules=tuple(rules), lcm_operations=tuple(ops),
            external_connections=tuple(external), file=src.display)

    # -- nodes -------------------------------------------------------------------------------
    def _sw_image(self, src, name, node, props):
        data = props.get("sw_image_data")
        artifacts = [(a_name, a) for a_name, a in (node.get("artifacts") or {}).items()
                     if isinstance(a, dict) and self.registry.is_a(a.get("type"), SW_IMAGE_ARTIFACT)]
        if len(artifacts) > 1:
            self.problem(src, name, "artifacts of type %s are added more than once (%s); a VDU has one software image" % (
                SW_IMAGE_ARTIFACT, ", ".join(a for a, _x in artifacts)))
        artifact_file = artifacts[0][1].get("file") if artifacts else None
        if artifacts and not isinstance(data, dict) and isinstance(artifacts[0][1].get("properties"), dict):
            data = artifacts[0][1]["properties"]  # SOL001 v3+: the image data are the artifact's properties
        elif artifacts and not isinstance(data, dict) and self._wants_image_data(node):
            # SOL001: the image data describe what the SwImage artifact holds (formats, sizes, checksum).
            self.problem(src, name, "artifact '%s' is a %s, but neither the node's sw_image_data nor the artifact's properties "
                         "give its image data" % (artifacts[0][0], SW_IMAGE_ARTIFACT))
        if not isinstance(data, dict):
            image = props.get("image") or dig(node, "artifacts", "VNFImage", "file") or dig(node, "artifacts", "sw_image", "file")
            legacy = props.get("image") or capability_properties(node, "os").get("distribution")
            if artifact_file or image or legacy:
                return SwImage(name=str(legacy or os.path.basename(str(artifact_file or image))), artifact=_str(artifact_file))
            return None
        return SwImage(
            name=_str(data.get("name")), version=_str(data.get("version")), checksum=freeze(data.get("checksum") or {}),
            container_format=_str(data.get("container_format")), disk_format=_str(data.get("disk_format")),
            min_disk_gb=size_in(data.get("min_disk"), "G"), min_ram_mb=size_in(data.get("min_ram"), "M"),
            size_gb=size_in(data.get("size"), "G"), operating_system=_str(data.get("operating_system")),
            artifact=_artifact_path(src, artifact_file, self.t.package.root))

    def _wants_image_data(self, node):
        """The types in use define image data (SOL001 does; some pre-SOL001 profiles reuse the names without them)."""
        if (self.registry.types.get(node.get("type")) or {}).get(INFERRED):
            return False  # its type is left out of the package: what it asks for is unknown
        artifact_props = (self.registry.types.get(SW_IMAGE_ARTIFACT) or {}).get("properties")
        return bool(artifact_props) or any("sw_image_data" in ((self.registry.types.get(a) or {}).get("properties") or {})
                                           for a in self.registry.ancestry(node.get("type")))

    def _storage(self, src, name, node, resolve):
        props = resolve(node.get("properties") or {})
        kind = node.get("type") or ""
        data = props.get("virtual_block_storage_data") or props.get("virtual_object_storage_data") or props.get("virtual_file_storage_data") or {}
        size = size_in(data.get("size_of_storage") or data.get("max_size_of_storage") or props.get("size_of_storage") or props.get("size"), "G")
        storage_type = "object" if "Object" in kind else "file" if "File" in kind else "block"
        return VirtualStorage(id=name, type_of_storage=storage_type, size_gb=size or 0, sw_image=self._sw_image(src, name, node, props))

    def _vdu(self, src, name, node, resolve, storages, kinds):
        props = resolve(node.get("properties") or {})
        where = "%s: %s" % (src.display, name)
        vc = resolve(capability_properties(node, "virtual_compute"))
        if vc:
            cpus = as_int(dig(vc, "virtual_cpu", "num_virtual_cpu"), 1)
            memory = size_in(dig(vc, "virtual_memory", "virtual_mem_size"), "M") or 0
            local = vc.get("virtual_local_storage") or []
            local = local if isinstance(local, list) else [local]
            disk = sum(size_in(s.get("size_of_storage"), "G") or 0 for s in local if isinstance(s, dict))
            arch = dig(vc, "virtual_cpu", "cpu_architecture")
            epa = epa_mod.sol001_epa(vc, where, self.warnings)
        else:
            nfv = resolve(capability_properties(node, "nfv_compute")) or resolve(capability_properties(node, "host"))
            cpus = as_int(nfv.get("num_cpus"), 1)
            memory = size_in(nfv.get("mem_size"), "M") or 0
            disk = size_in(nfv.get("disk_size"), "G") or 0
            arch = capability_properties(node, "os").get("architecture")
            epa = epa_mod.legacy_epa(nfv)
        sw_image = self._sw_image(src, name, node, props)
        attached = [target for req, target, _d in requirements(node) if req in ("virtual_storage", "local_storage") and target]
        storage_ids = tuple(s.id for s in storages if s.id in attached)
        if not disk and sw_image and sw_image.min_disk_gb:
            disk = sw_image.min_disk_gb
        profile = props.get("vdu_profile") or {}
        return Vdu(
            id=name, name=str(props.get("name") or name), description=_str(props.get("description")),
            virtual_compute=VirtualCompute(num_virtual_cpu=cpus or 1, virtual_memory_mb=memory, root_disk_gb=disk, cpu_architecture=_str(arch)),
            epa=epa, sw_image=sw_image, virtual_storages=storage_ids,
            profile=VduProfile(as_int(profile.get("min_number_of_instances"), 1), as_int(profile.get("max_number_of_instances"), 1)),
            boot_data=_str(props.get("boot_data") or props.get("user_data")))

    def _virtual_link(self, name, node, resolve, plain_network=False):
        props = resolve(node.get("properties") or {})
        profile = props.get("vl_profile") or {}
        l3 = None
        network_type = segmentation = mtu = None
        for data in profile.get("virtual_link_protocol_data") or []:
            if not isinstance(data, dict):
                continue
            l2 = data.get("l2_protocol_data") or {}
            network_type = network_type or l2.get("network_type")
            segmentation = segmentation or as_int(l2.get("segmentation_id") or l2.get("vlan_id"))
            mtu = mtu or as_int(l2.get("mtu"))
            l3data = data.get("l3_protocol_data")
            if isinstance(l3data, dict) and l3 is None:
                l3 = _l3(l3data)
        if l3 is None and (props.get("cidr") or props.get("ip_version")):
            l3 = _l3(props)  # tosca.nodes.network.Network and the legacy VL keep L3 data as plain properties
        protocols = tuple(dig(props, "connectivity_type", "layer_protocols", default=None) or (("ipv%d" % l3.ip_version,) if l3 else ("ipv4",)))
        return VirtualLink(
            id=name, name=_str(props.get("vl_name") or props.get("network_name")), description=_str(props.get("description")),
            layer_protocols=protocols, l3=l3, network_type=_str(network_type or props.get("network_type")),
            segmentation_id=segmentation or as_int(props.get("segmentation_id")), mtu=mtu,
            # A plain TOSCA Network naming a network and stating no subnet refers to one that exists.
            existing_network=_existing_network(node, props) if plain_network else None,
            max_bitrate=freeze(profile.get("max_bitrate_requirements") or {}), min_bitrate=freeze(profile.get("min_bitrate_requirements") or {}))

    def _vdu_cp(self, src, name, node, resolve, kinds):
        props = resolve(node.get("properties") or {})
        vdu = requirement(node, "virtual_binding", "virtualBinding", "binding")
        link = requirement(node, "virtual_link", "virtualLink", "link")
        if vdu and kinds.get(vdu) not in VDU_TYPES:
            self.problem(src, name, "virtual_binding points to '%s', which is not a VDU of this flavour" % vdu)
        if link and kinds.get(link) not in VL_TYPES:
            link = None  # bound to something outside the flavour (exposed through substitution)
        vnic = props.get("vnic_type") or dig(props, "virtual_network_interface_requirements", 0, "network_interface_requirements", "vnic_type")
        if props.get("type") == "sriov":
            vnic = "direct"
        addresses = []
        for data in props.get("protocol") or []:
            fixed = dig(data, "address_data", "l3_address_data", "fixed_ip_address")
            if fixed:
                addresses.extend(fixed if isinstance(fixed, list) else [fixed])
        if props.get("ip_address"):
            addresses.append(props["ip_address"])
        return VduCp(
            id=name, vdu=vdu, virtual_link=link, layer_protocols=tuple(props.get("layer_protocols") or ("ipv4",)),
            order=as_int(props.get("order")), vnic_type=str(vnic or "normal"),
            management=bool(props.get("management") or as_bool(props.get("is_management"), False)),
            port_security_enabled=as_bool(props.get("anti_spoofing_protection"), as_bool(props.get("port_security_enabled"))),
            fixed_addresses=tuple(str(a) for a in addresses))

    def _ext_cp(self, name, node, resolve, kinds):
        props = resolve(node.get("properties") or {})
        internal = requirement(node, "internal_virtual_link")
        return VnfExtCp(id=name, internal_virtual_link=internal if kinds.get(internal) in VL_TYPES else None,
                        vdu_cp=internal if kinds.get(internal) in CP_TYPES else None,
                        layer_protocols=tuple(props.get("layer_protocols") or ("ipv4",)))

    # -- policies ----------------------------------------------------------------------------
    def _policies(self, src, topo, resolve, vdus, groups):
        vdu_ids = [v.id for v in vdus]
        aspects, deltas, initial, levels, vdu_levels, rules = {}, {}, {}, {}, {}, []
        default_level = None
        for pname, policy in policies(topo):
            ptype = policy.get("type") or ""
            props = resolve(policy.get("properties") or {})
            targets = [t for t in (policy.get("targets") or props.get("targets") or []) if isinstance(t, str)]
            expanded = [m for t in targets for m in (groups.get(t, {}).get("members") or [t])]
            if self.registry.is_a(ptype, "tosca.policies.nfv.ScalingAspects"):
                for aid, aspect in (props.get("aspects") or {}).items():
                    aspects[aid] = dict(aspect or {}, _deltas={})
            elif self.registry.is_a(ptype, "tosca.policies.nfv.VduScalingAspectDeltas"):
                deltas.setdefault(props.get("aspect"), {}).update(dict((t, props.get("deltas") or {}) for t in expanded))
            elif self.registry.is_a(ptype, "tosca.policies.nfv.VduInitialDelta"):
                for t in expanded:
                    initial[t] = as_int(dig(props, "initial_delta", "number_of_instances"), 1)
            elif self.registry.is_a(ptype, "tosca.policies.nfv.InstantiationLevels"):
                levels.update(props.get("levels") or {})
                default_level = props.get("default_level") or default_level
            elif self.registry.is_a(ptype, "tosca.policies.nfv.VduInstantiationLevels"):
                for t in expanded:
                    vdu_levels[t] = props.get("levels") or {}
            elif self.registry.is_a(ptype, "tosca.policies.nfv.AntiAffinityRule") or self.registry.is_a(ptype, "tosca.policies.nfv.AffinityRule"):
                kind = "anti-affinity" if "AntiAffinity" in "".join(self.registry.ancestry(ptype)) else "affinity"
                rules.append(PlacementRule(pname, kind, str(props.get("scope") or "nfvi_node"), tuple(expanded)))
            elif self.registry.is_a(ptype, "tosca.policies.Scaling") or "scaling" in ptype.lower() and not ptype.startswith("tosca.policies.nfv."):
                increment = as_int(props.get("increment"), 1) or 1
                low, high = as_int(props.get("min_instances"), 1), as_int(props.get("max_instances"), 1)
                aspects[pname] = {"name": pname, "max_scale_level": max(0, (high - low) // increment), "step_deltas": ["delta"],
                                  "_deltas": {}, "_legacy": (low, high, as_int(props.get("default_instances"), low))}
                deltas.setdefault(pname, {}).update(dict((t, {"delta": {"number_of_instances": increment}}) for t in expanded))
            elif self.registry.is_a(ptype, "tosca.policies.Placement") or "placement" in ptype.lower() or "affinity" in ptype.lower():
                placement = str(props.get("policy") or props.get("placement") or ("anti-affinity" if "anti" in ptype.lower() else "affinity"))
                rules.append(PlacementRule(pname, "anti-affinity" if "anti" in placement.lower() else "affinity",
                                           "nfvi_node", tuple(expanded)))
        for aspect_id, per_vdu in deltas.items():
            if aspect_id not in aspects:
                self.problem(src, None, "scaling deltas refer to aspect '%s', which no ScalingAspects policy defines" % aspect_id)
                continue
            aspects[aspect_id]["_deltas"] = dict((vdu, dict((d, as_int(dig(v, "number_of_instances"), 1)) for d, v in ds.items()))
                                                 for vdu, ds in per_vdu.items())
        for vdu, per_level in vdu_levels.items():
            unknown = sorted(set(per_level) - set(levels))
            if unknown:
                self.problem(src, vdu, "level(s) %s not found in defined levels %s" % (", ".join(unknown), ", ".join(sorted(levels)) or "(none)"))
        if default_level and levels and default_level not in levels:
            self.problem(src, None, "default instantiation level '%s' is not among the levels %s" % (default_level, ", ".join(sorted(levels))))
        for rule in rules:
            for target in rule.targets:
                if target not in vdu_ids and target not in groups and not any(target == v for v in vdu_ids):
                    self.warnings.append("%s: placement rule '%s' targets '%s', which is not a VDU" % (src.display, rule.id, target))
        aspect_objs = [ScalingAspect(
            id=aid, name=_str(a.get("name")), description=_str(a.get("description")),
            max_scale_level=as_int(a.get("max_scale_level"), 0), step_deltas=tuple(a.get("step_deltas") or ()),
            vdu_deltas=freeze(a.get("_deltas") or {})) for aid, a in aspects.items()]
        level_objs = []
        for lid, level in levels.items():
            level = level or {}
            scale = dict((k, as_int(dig(v, "scale_level"), 0)) for k, v in (level.get("scale_info") or {}).items())
            counts = dict((vdu, as_int(dig(per, lid, "number_of_instances"), 0)) for vdu, per in vdu_levels.items() if lid in per)
            level_objs.append(InstantiationLevel(id=lid, description=_str(level.get("description")), scale_levels=freeze(scale), vdu_instances=freeze(counts)))
        self._initial = initial
        self._legacy = dict((t, a["_legacy"]) for a in aspects.values() if "_legacy" in a for t in (a.get("_deltas") or {}))
        return aspect_objs, level_objs, default_level or (level_objs[0].id if level_objs else None), rules

    def _apply_profile(self, vdu, aspects, levels, default_level):
        """Legacy scaling policies carry the min/max that SOL001 puts in the VDU profile."""
        legacy = self._legacy.get(vdu.id)
        if legacy:
            low, high, default = legacy
            return replace(vdu, profile=VduProfile(low, high), initial_instances=default)
        if vdu.id in self._initial:
            return replace(vdu, initial_instances=self._initial[vdu.id])
        return vdu

    def _lcm_operations(self, src, vnf_nodes):
        ops = []
        for node in vnf_nodes:
            artifacts = node.get("artifacts") or {}
            for iface_name, iface in (node.get("interfaces") or {}).items():
                if iface_name not in LCM_INTERFACES and not self.registry.is_a(iface_name, "tosca.interfaces.nfv.Vnflcm"):
                    continue
                operations = iface.get("operations") if isinstance(iface, dict) and isinstance(iface.get("operations"), dict) else iface
                for op_name, op in (operations or {}).items():
                    if op_name in ("type", "inputs", "notifications"):
                        continue
                    impl = op.get("implementation") if isinstance(op, dict) else op
                    primary = impl.get("primary") if isinstance(impl, dict) else impl
                    artifact = artifacts.get(primary) if isinstance(primary, str) else None
                    path = artifact.get("file") if isinstance(artifact, dict) else primary
                    ops.append(LcmOperation(
                        name=op_name, implementation=_artifact_path(src, path, self.t.package.root) if path else None,
                        artifact_type=_str(artifact.get("type")) if isinstance(artifact, dict) else None,
                        inputs=freeze((op.get("inputs") if isinstance(op, dict) else None) or {})))
        return ops


def _existing_network(node, props):
    """The network a plain TOSCA Network refers to; an unresolved get_input keeps the input's name."""
    raw = (node.get("properties") or {}).get("network_name")
    if props.get("network_name") or props.get("network_id"):
        return str(props.get("network_name") or props.get("network_id"))
    if isinstance(raw, dict) and "get_input" in raw:
        return "{get_input: %s}" % raw["get_input"]
    return None


def _l3(data):
    pools = []
    for pool in data.get("ip_allocation_pools") or []:
        if isinstance(pool, dict) and pool.get("start_ip_address") and pool.get("end_ip_address"):
            pools.append((str(pool["start_ip_address"]), str(pool["end_ip_address"])))
    if data.get("start_ip") and data.get("end_ip"):
        pools.append((str(data["start_ip"]), str(data["end_ip"])))
    version = data.get("ip_version")
    return L3ProtocolData(
        ip_version=6 if str(version).lower() in ("6", "ipv6") else 4, cidr=_str(data.get("cidr")),
        gateway_ip=_str(data.get("gateway_ip")), dhcp_enabled=as_bool(data.get("dhcp_enabled"), True), ip_allocation_pools=tuple(pools))


def _artifact_path(src, path, root):
    """Artifact files relative to the package root (they are written relative to their template)."""
    if not path or "://" in str(path) or src.key.startswith("bundled:") or "://" in src.key:
        return _str(path)
    return os.path.relpath(os.path.normpath(os.path.join(os.path.dirname(src.key), str(path))), root)


def _str(value):
    return None if value is None else str(value)
