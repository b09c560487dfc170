# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From a descriptor and instantiation parameters to an ordered, VIM-neutral list of resources.

Names are stable (the same inputs give the same plan) and every resource carries the tags that
identify its NS, VNF and VDU instance, so a VIM can always be read back into records.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import scaling
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import sw_images
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import PlanError, Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import to_plain
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.subnets import SubnetAllocator
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import (
    TAG, image_tags, parse_tags, server_group_name, server_metadata, tags_for)

_NAMESPACE = uuid.UUID("6f0c0a55-3d2b-4c57-9a43-5e1c2d1c0f01")
RESOURCE_ORDER = ("network", "subnet", "flavor", "image", "server_group", "volume", "port", "server")
DEFAULT_POOL = "10.224.0.0/16"
PLACEMENTS = ("strict", "soft")
# placement=soft: the VIM may break a rule when it cannot keep it (one compute host, a full zone) instead of failing.
SOFT_POLICIES = {"affinity": "soft-affinity", "anti-affinity": "soft-anti-affinity"}
# vnf_vims: per VNF instance (or profile), the clouds.yaml entry of its VIM and its zone there.
VNF_VIM_KEYS = ("cloud", "availability_zone")
# The instantiation parameters the plan reads (the modules' options of the same names).
PLAN_PARAMS = ("ns_name", "flavour", "instantiation_level", "scale_levels", "vl_cidrs", "cidr_pool", "prefix_length",
               "flavor_map", "image_map", "ext_networks", "placement", "availability_zone", "vnf_vims")


def slug(text, default="x"):
    value = re.sub(r"[^a-z0-9]+", "-", str(text or "").lower()).strip("-")
    return value[:40] or default


def instance_id(*parts):
    """Deterministic ids: re-planning the same NS gives the same ids, which makes retries idempotent."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


class Planner:
    def __init__(self, descriptor, params=None):
        self.d = descriptor
        self.p = dict(params or {})
        self.resources = []
        self.problems = []
        self.warnings = []
        name = self.p.get("ns_name") or getattr(descriptor, "name", None) or getattr(descriptor, "product_name", None) or "ns"
        self.ns_name = slug(name, "ns")
        self.ns_id = self.p.get("ns_instance_id") or instance_id("ns", self.ns_name)
        self.subnets = SubnetAllocator(self.p.get("cidr_pool") or DEFAULT_POOL, int(self.p.get("prefix_length") or 24))
        self.flavors = {}
        self.placement = self.p.get("placement") or "strict"
        if self.placement not in PLACEMENTS:
            self.problems.append(Problem(getattr(descriptor, "file", None), None, "placement '%s' is neither %s" % (
                self.placement, " nor ".join(PLACEMENTS))))

    def policy(self, kind):
        policy = "anti-affinity" if kind == "anti-affinity" else "affinity"
        return SOFT_POLICIES[policy] if self.placement == "soft" else policy

    def add(self, kind, name, properties, tags, node=None, vnf=None, depends_on=()):
        # identity: the NS, VNF, VDU, index and CP the resource belongs to, as data; tags: the same as the string
        # tags OpenStack and the local VIM store (a VIM without tags encodes identity its own way).
        resource = {"type": kind, "name": name, "node": node, "vnf": vnf, "identity": parse_tags(tags), "tags": tags,
                    "depends_on": sorted(set(depends_on)), "properties": properties}
        self.resources.append(resource)
        return resource

    # -- top level ---------------------------------------------------------------------------
    def build(self):
        for cidr in self._stated_cidrs():
            self.subnets.reserve(cidr)
        vnfs = []
        ns_links = {}
        self.ns_groups = {}
        if self.d.kind == "nsd":
            for rule in self.d.placement_rules:
                # Nova server groups take no tags: the NS id ends the name, so terminate finds them without the plan.
                name = server_group_name("%s-%s" % (self.ns_name, slug(rule.id)), self.ns_id)
                members = [t for t in rule.targets if any(v.id == t for v in self.d.vnfs)]
                self.add("server_group", name, {"policy": self.policy(rule.kind), "scope": rule.scope, "members": members},
                         tags_for(self.ns_id), rule.id)
                for target in members:
                    self.ns_groups.setdefault(target, name)
            for vl in self.d.virtual_links:
                ns_links[vl.id] = self._network(vl, "%s-%s" % (self.ns_name, slug(vl.id)), vl.id, None, tags_for(self.ns_id))
            for ref in self.d.vnfs:
                vnfd = self.d.vnfds.get(ref.descriptor_id)
                if vnfd is None:
                    self.warnings.append("VNF '%s': VNFD %s not available; its resources are not planned" % (ref.id, ref.descriptor_id))
                    continue
                for index in range(max(1, ref.min_instances)):
                    vnf_name = slug(ref.id) if ref.min_instances <= 1 else "%s-%d" % (slug(ref.id), index)
                    vnfs.append(self._vnf(vnfd, vnf_name, ref.flavour_id, dict(ref.virtual_links), ns_links, self.ns_groups.get(ref.id),
                                          profile=ref.id))
        else:
            vnf_name = slug(self.p.get("vnf_name") or self.d.product_name or "vnf", "vnf")
            vnfs.append(self._vnf(self.d, vnf_name, self.p.get("flavour"), {}, ns_links))
        self._check_vnf_vims(vnfs)
        self.problems.extend(self.subnets.problems)
        if self.problems:
            raise PlanError(self.problems)
        order = dict((k, i) for i, k in enumerate(RESOURCE_ORDER))
        self.resources.sort(key=lambda r: order[r["type"]])
        return {
            "ns_name": self.ns_name, "ns_instance_id": self.ns_id, "descriptor_id": self.d.descriptor_id,
            "descriptor_kind": self.d.kind, "vnfs": vnfs, "resources": self.resources,
            "summary": dict((k, sum(1 for r in self.resources if r["type"] == k)) for k in RESOURCE_ORDER),
            "warnings": self.warnings,
        }

    def _stated_cidrs(self):
        vnfds = list(self.d.vnfds.values()) if self.d.kind == "nsd" else [self.d]
        links = list(self.d.virtual_links) if self.d.kind == "nsd" else []
        links += [vl for vnfd in vnfds for f in vnfd.flavours for vl in f.virtual_links]
        return [vl.l3.cidr for vl in links if vl.l3 and vl.l3.cidr] + list((self.p.get("vl_cidrs") or {}).values())

    # -- one VNF instance --------------------------------------------------------------------
    def _vnf(self, vnfd, vnf_name, flavour_id, ns_requirements, ns_links, ns_group=None, profile=None):
        vim, zone = self._vnf_vim(vnf_name, profile)
        flavour_id = flavour_id or self.p.get("flavour")
        flavour = vnfd.flavour(flavour_id) if flavour_id else vnfd.flavour()
        if flavour is None:
            flavour = vnfd.flavour()
            if flavour is None:
                self.problems.append(Problem(vnfd.file, None, "the VNFD has no deployment flavour to plan"))
                return {"name": vnf_name}
            if flavour_id and len(vnfd.flavours) > 1:
                self.problems.append(Problem(vnfd.file, None, "deployment flavour '%s' does not exist (flavours: %s)" % (
                    flavour_id, ", ".join(f.flavour_id for f in vnfd.flavours))))
        vnf_id = instance_id(self.ns_id, vnf_name)
        prefix = "%s-%s" % (self.ns_name, vnf_name)
        level_id = self.p.get("instantiation_level") or flavour.default_instantiation_level
        level = next((lv for lv in flavour.instantiation_levels if lv.id == level_id), None)
        if self.p.get("instantiation_level") and level is None and flavour.instantiation_levels:
            self.problems.append(Problem(flavour.file, None, "instantiation level '%s' does not exist (levels: %s)" % (
                level_id, ", ".join(lv.id for lv in flavour.instantiation_levels))))
        networks = self._vnf_networks(flavour, prefix, vnf_name, vnf_id, ns_requirements, ns_links)
        groups = self._server_groups(flavour, prefix, vnf_name, vnf_id)
        if ns_group:
            # A server joins one server group; the VNF's own rule wins over the NS-level one.
            for vdu in flavour.vdus:
                if vdu.id in groups:
                    self.warnings.append("%s: VDU %s follows its VNF placement rule, not the NS-level one" % (vnf_name, vdu.id))
                groups.setdefault(vdu.id, ns_group)
        wanted = self._wanted_levels(flavour, vnf_name)
        counts = {}
        for vdu in flavour.vdus:
            count = self._instance_count(flavour, vdu, level, wanted)
            counts[vdu.id] = count
            flavor = self._flavor(vdu)
            image = self._image(vdu, vnf_name, vnfd)
            for index in range(count):
                self._vdu_instance(flavour, vdu, index, prefix, vnf_name, vnf_id, networks, groups, flavor, image, vnfd, zone)
        for cp in flavour.vdu_cps:
            if cp.vdu is None:
                # A CP bound to no VDU is still a port the VNF owns (for example one handed to a PNF or a VIP).
                self._port(cp, "%s-%s" % (prefix, slug(cp.id)), networks, tags_for(self.ns_id, vnf_id, cp=cp.id), vnf_name, 0)
        return {"name": vnf_name, "vnf_instance_id": vnf_id, "vnfd_id": vnfd.descriptor_id, "flavour_id": flavour.flavour_id,
                "instantiation_level": level.id if level else None, "vdu_instances": counts,
                "scale_levels": scaling.levels_of(flavour, level, wanted), "vim": vim, "availability_zone": zone,
                "profile": profile or vnf_name}

    # -- where VNFs go -----------------------------------------------------------------------
    def _vnf_vim(self, vnf_name, profile):
        """(VIM, availability zone) of one VNF instance: vnf_vims by instance name, else by VNF profile id; the
        VIM None is the module's own (the plan stays VIM-neutral: a VIM here is only a clouds.yaml name)."""
        given = self.p.get("vnf_vims") or {}
        entry = given.get(vnf_name, given.get(profile)) if isinstance(given, dict) else None
        entry = entry if isinstance(entry, dict) else {}
        return entry.get("cloud") or None, entry.get("availability_zone") or self.p.get("availability_zone") or None

    def _check_vnf_vims(self, vnfs):
        given = self.p.get("vnf_vims") or {}
        source = getattr(self.d, "file", None)
        if not isinstance(given, dict):
            self.problems.append(Problem(source, None, "vnf_vims must be a dict of VNF name -> {cloud, availability_zone}"))
            return
        names = set(v["name"] for v in vnfs) | set(v.get("profile") for v in vnfs)
        for key, entry in sorted(given.items()):
            if key not in names:
                self.problems.append(Problem(source, None, "vnf_vims names VNF '%s', which the NS does not have (VNFs: %s)" % (
                    key, ", ".join(sorted(v["name"] for v in vnfs)))))
            elif not isinstance(entry, dict) or set(entry) - set(VNF_VIM_KEYS) or not all(
                    isinstance(v, str) for v in entry.values()):
                self.problems.append(Problem(source, None, "vnf_vims.%s must be a dict with the strings %s, not %r" % (
                    key, " and/or ".join(VNF_VIM_KEYS), entry)))

    def _wanted_levels(self, flavour, vnf_name):
        """Scale levels asked for this VNF: scale_levels keys '<aspect>' (every VNF with that aspect) or
        '<vnf name>.<aspect>' (this VNF only, which wins). Levels outside 0..max_scale_level are problems."""
        given = self.p.get("scale_levels") or {}
        wanted = {}
        for aspect in flavour.scaling_aspects:
            key = "%s.%s" % (vnf_name, aspect.id) if "%s.%s" % (vnf_name, aspect.id) in given else aspect.id
            if key not in given:
                continue
            try:
                value = int(given[key])
            except (TypeError, ValueError):
                value = -1
            if not 0 <= value <= aspect.max_scale_level:
                self.problems.append(Problem(flavour.file, aspect.id, "%s: scale level %s is outside 0..max_scale_level %d" % (
                    key, given[key], aspect.max_scale_level)))
                continue
            wanted[aspect.id] = value
        return wanted

    def _instance_count(self, flavour, vdu, level, wanted):
        """Instances of vdu at the scale levels wanted (see scaling.vdu_count)."""
        count = scaling.vdu_count(flavour, vdu, level, wanted)
        if count > vdu.profile.max_number_of_instances >= vdu.profile.min_number_of_instances:
            self.problems.append(Problem(flavour.file, vdu.id, "%d instances requested, above the VDU profile's max_number_of_instances %d" % (
                count, vdu.profile.max_number_of_instances)))
        return max(count, 0)

    def _vnf_networks(self, flavour, prefix, vnf_name, vnf_id, ns_requirements, ns_links):
        """VL id -> network resource name (or an existing network), for internal and NS-level links."""
        exposed = {}  # internal VL or VduCp -> NS virtual link, through substitution mappings and VnfExtCps
        ext_cps = dict((c.id, c) for c in flavour.vnf_ext_cps)
        for requirement, node, _node_req in flavour.external_connections:
            ns_vl = ns_requirements.get(requirement)
            target = ext_cps[node].internal_virtual_link or ext_cps[node].vdu_cp if node in ext_cps else node
            if target:
                exposed[target] = ns_links.get(ns_vl) if ns_vl else None
        external = self.p.get("ext_networks") or {}
        networks = {}
        for vl in flavour.virtual_links:
            if exposed.get(vl.id):
                networks[vl.id] = exposed[vl.id]
            elif vl.id in external:
                networks[vl.id] = {"existing": external[vl.id]}
            else:
                networks[vl.id] = self._network(vl, "%s-%s" % (prefix, slug(vl.id)), vl.id, vnf_name, tags_for(self.ns_id, vnf_id)) or {}
        for cp_id, net in exposed.items():
            if cp_id not in networks and net:
                networks["cp:" + cp_id] = net
        for requirement, node, _r in flavour.external_connections:
            if requirement in external:
                networks.setdefault("cp:" + node, {"existing": external[requirement]})
        return networks

    def _network(self, vl, name, node, vnf_name, tags):
        if vl.existing_network and not vl.l3:
            return {"existing": vl.existing_network}
        if vl.layer_protocols and not any(p.startswith("ipv") for p in vl.layer_protocols):
            # Neutron networks carry IP; Ethernet-only, MPLS, ODU2 or pseudo-wire links need a VIM that offers them.
            self.warnings.append("VL '%s': unsupported layer protocols %s; not planned" % (vl.id, ", ".join(vl.layer_protocols)))
            return None
        net_props = {"mtu": vl.mtu, "network_type": vl.network_type, "segmentation_id": vl.segmentation_id,
                     "description": vl.description}
        self.add("network", name, dict((k, v) for k, v in net_props.items() if v is not None), tags, node, vnf_name)
        result = {"network": name, "subnet": None}
        wants_ip = any(p.startswith("ipv") for p in vl.layer_protocols) or vl.l3 is not None or not vl.layer_protocols
        if wants_ip:
            key = "%s.%s" % (vnf_name, vl.id) if vnf_name else vl.id
            given = (self.p.get("vl_cidrs") or {}).get(key) or (self.p.get("vl_cidrs") or {}).get(vl.id)
            l3 = vl.l3
            if given and l3 is not None and l3.cidr != given:
                # The descriptor's gateway and pools belong to its own CIDR, not to the one given instead.
                l3 = type(l3)(ip_version=l3.ip_version, dhcp_enabled=l3.dhcp_enabled)
            subnet = self.subnets.assign(name, given or (l3.cidr if l3 else None), l3, vl.id, scope=vnf_name)
            if subnet:
                self.add("subnet", name, subnet, tags, node, vnf_name, depends_on=[name])
                result["subnet"] = name
        return result

    def _server_groups(self, flavour, prefix, vnf_name, vnf_id):
        groups = {}
        for rule in flavour.placement_rules:
            name = server_group_name("%s-%s" % (prefix, slug(rule.id)), self.ns_id)
            self.add("server_group", name, {"policy": self.policy(rule.kind), "scope": rule.scope, "members": list(rule.targets)},
                     tags_for(self.ns_id, vnf_id), rule.id, vnf_name)
            for target in rule.targets:
                groups.setdefault(target, name)
        return groups

    def _flavor(self, vdu):
        mapped = (self.p.get("flavor_map") or {}).get(vdu.id) or (self.p.get("flavor_map") or {}).get(vdu.name)
        if mapped:
            return {"existing": mapped}
        compute = vdu.virtual_compute
        specs = dict(vdu.epa.extra_specs)
        key = (compute.num_virtual_cpu, compute.virtual_memory_mb, compute.root_disk_gb, tuple(sorted((k, str(v)) for k, v in specs.items())))
        if key not in self.flavors:
            name = "nfvo-%dc-%dm-%dg" % key[:3]
            if specs:
                name += "-" + hashlib.sha256(repr(key[3]).encode()).hexdigest()[:8]
            self.flavors[key] = name
            self.add("flavor", name, {"vcpus": compute.num_virtual_cpu, "ram": compute.virtual_memory_mb, "disk": compute.root_disk_gb,
                                      "extra_specs": specs}, [TAG], vdu.id)
        return {"flavor": self.flavors[key]}

    def _image(self, vdu, vnf_name, vnfd=None):
        image_map = self.p.get("image_map") or {}
        image = vdu.sw_image
        mapped = image_map.get(vdu.id) or (image and image_map.get(image.name))
        if mapped:
            return {"existing": mapped}
        if image is None:
            return None
        name = image.name or "%s-image" % vdu.id
        if not any(r["type"] == "image" and r["name"] == name for r in self.resources):
            # Found on the VIM by name or checksum; else uploaded from the package's artifact (located here, read
            # at apply time) and then the NS's own, tagged as such.
            self.add("image", name, dict(to_plain(image), **sw_images.locate(vnfd, image)), image_tags(self.ns_id),
                     vdu.id, vnf_name)
        return {"image": name}

    def _port(self, cp, port, networks, tags, vnf_name, index, management=False):
        net = networks.get(cp.virtual_link) if cp.virtual_link else networks.get("cp:" + cp.id)
        props = {"vnic_type": cp.vnic_type, "management": management, "layer_protocols": list(cp.layer_protocols)}
        depends = []
        if cp.port_security_enabled is not None:
            props["port_security_enabled"] = cp.port_security_enabled
        if net and net.get("network"):
            props["network"] = net["network"]
            depends.append(net["network"])
            if net.get("subnet"):
                props["subnet"] = net["subnet"]
                depends.append(net["subnet"])
        elif net and net.get("existing"):
            props["existing_network"] = net["existing"]
        else:
            props["network"] = None
            self.warnings.append("%s: CP '%s' is attached to no virtual link; give its network in ext_networks" % (vnf_name, cp.id))
        if cp.fixed_addresses and index < len(cp.fixed_addresses):
            props["fixed_ips"] = [cp.fixed_addresses[index]]
        self.add("port", port, props, tags, cp.id, vnf_name, depends_on=depends)
        return port

    def _vdu_instance(self, flavour, vdu, index, prefix, vnf_name, vnf_id, networks, groups, flavor, image, vnfd, zone=None):
        server = "%s-%s-%d" % (prefix, slug(vdu.id), index)
        tags = tags_for(self.ns_id, vnf_id, vdu.id, index)
        depends = []
        ports = []
        cps = sorted((c for c in flavour.vdu_cps if c.vdu == vdu.id), key=lambda c: (c.order is None, c.order or 0, c.id))
        management = management_cp(cps, flavour)
        for cp in cps:
            port_tags = tags_for(self.ns_id, vnf_id, vdu.id, index, cp.id)
            ports.append(self._port(cp, "%s-%s" % (server, slug(cp.id)), networks, port_tags, vnf_name, index, cp.id == management))
        server_props = {"ports": ports, "vdu": vdu.id, "index": index, "flavor": flavor.get("flavor") or flavor.get("existing"),
                        "image": (image or {}).get("image") or (image or {}).get("existing"), "user_data": vdu.boot_data,
                        "management_cp": management,
                        "metadata": server_metadata(ns_instance_id=self.ns_id, ns_name=self.ns_name, vnf_instance_id=vnf_id,
                                                    vnf_name=vnf_name, vnfd_id=vnfd.descriptor_id, vnfd_version=vnfd.descriptor_version,
                                                    flavour_id=flavour.flavour_id,
                                                    vdu=vdu.id, vdu_index=index, management_cp=management)}
        if zone:
            server_props["availability_zone"] = zone
        depends = list(ports) + ([flavor["flavor"]] if flavor.get("flavor") else []) + ([image["image"]] if image and image.get("image") else [])
        if vdu.id in groups:
            server_props["server_group"] = groups[vdu.id]
            depends.append(groups[vdu.id])
        volumes = []
        for storage_id in vdu.virtual_storages:
            storage = next((s for s in flavour.virtual_storages if s.id == storage_id), None)
            if storage is None or storage.type_of_storage != "block":
                continue
            volume = "%s-%s" % (server, slug(storage.id))
            self.add("volume", volume, {"size": storage.size_gb, "image": storage.sw_image.name if storage.sw_image else None},
                     tags, storage.id, vnf_name)
            volumes.append(volume)
        if volumes:
            server_props["volumes"] = volumes
            depends.extend(volumes)
        self.add("server", server, server_props, tags, vdu.id, vnf_name, depends_on=depends)


_MANAGEMENT_WORDS = ("mgmt", "management", "oam", "manage")


def management_cp(cps, flavour):
    """The CP of a VDU that the orchestrator reaches it on (ansible_host): the one the descriptor marks,
    else one exposed or linked under a management-sounding name, else the lowest order."""
    if not cps:
        return None
    marked = [c for c in cps if c.management]
    if marked:
        return marked[0].id
    exposed = dict((node, req) for req, node, _r in flavour.external_connections)

    def sounds_like_management(cp):
        names = (cp.id, exposed.get(cp.id, ""), cp.virtual_link or "")
        return any(word in str(n).lower() for n in names for word in _MANAGEMENT_WORDS)
    named = [c for c in cps if sounds_like_management(c)]
    return (named or cps)[0].id


def build_plan(descriptor, params=None):
    """The plan for an Nsd or Vnfd model. Raises PlanError listing every problem."""
    return Planner(descriptor, params).build()
