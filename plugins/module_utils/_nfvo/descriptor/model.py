# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The descriptor model in NFV terms: immutable, plain data, independent of tosca-parser."""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass


class FrozenDict(dict):
    """A dict that refuses changes, so model objects stay immutable all the way down."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("model data is immutable")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self):
        return hash(tuple(sorted((str(k), repr(v)) for k, v in self.items())))


def freeze(value):
    """Deep-freeze plain YAML data: dicts become FrozenDicts, lists become tuples."""
    if isinstance(value, dict):
        return FrozenDict((k, freeze(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def to_plain(value):
    """Model objects as JSON-ready data (dataclasses become dicts, tuples lists)."""
    if is_dataclass(value) and not isinstance(value, type):
        return dict((f.name, to_plain(getattr(value, f.name))) for f in fields(value))
    if isinstance(value, dict):
        return dict((str(k), to_plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class SwImage:
    name: str | None
    version: str | None = None
    checksum: FrozenDict = FrozenDict()
    container_format: str | None = None
    disk_format: str | None = None
    min_disk_gb: int | None = None
    min_ram_mb: int | None = None
    size_gb: int | None = None
    operating_system: str | None = None
    artifact: str | None = None  # file inside the package, when shipped


@dataclass(frozen=True)
class VirtualCompute:
    num_virtual_cpu: int
    virtual_memory_mb: int
    root_disk_gb: int
    cpu_architecture: str | None = None


@dataclass(frozen=True)
class EpaRequirements:
    """Enhanced Platform Awareness, as far as the descriptor states it; extra_specs is the Nova view."""

    cpu_policy: str | None = None
    cpu_thread_policy: str | None = None
    mem_page_size: str | None = None
    numa_nodes: int | None = None
    sriov: bool = False
    extra_specs: FrozenDict = FrozenDict()


@dataclass(frozen=True)
class VduProfile:
    min_number_of_instances: int = 1
    max_number_of_instances: int = 1


@dataclass(frozen=True)
class Vdu:
    id: str
    name: str
    description: str | None
    virtual_compute: VirtualCompute
    epa: EpaRequirements
    sw_image: SwImage | None
    virtual_storages: tuple
    profile: VduProfile
    boot_data: str | None = None
    initial_instances: int | None = None  # VduInitialDelta, or a legacy scaling policy's default


@dataclass(frozen=True)
class VirtualStorage:
    id: str
    type_of_storage: str
    size_gb: int
    sw_image: SwImage | None = None


@dataclass(frozen=True)
class VduCp:
    id: str
    vdu: str | None
    virtual_link: str | None
    layer_protocols: tuple = ("ipv4",)
    order: int | None = None
    vnic_type: str = "normal"
    management: bool = False
    port_security_enabled: bool | None = None
    fixed_addresses: tuple = ()


@dataclass(frozen=True)
class VnfExtCp:
    id: str
    internal_virtual_link: str | None
    vdu_cp: str | None = None
    layer_protocols: tuple = ("ipv4",)


@dataclass(frozen=True)
class L3ProtocolData:
    ip_version: int = 4
    cidr: str | None = None
    gateway_ip: str | None = None
    dhcp_enabled: bool = True
    ip_allocation_pools: tuple = ()


@dataclass(frozen=True)
class VirtualLink:
    """A VnfVirtualLink (inside a VNF) or an NsVirtualLink (between VNFs)."""

    id: str
    name: str | None
    description: str | None
    layer_protocols: tuple = ("ipv4",)
    l3: L3ProtocolData | None = None
    network_type: str | None = None
    segmentation_id: int | None = None
    mtu: int | None = None
    existing_network: str | None = None
    max_bitrate: FrozenDict = FrozenDict()
    min_bitrate: FrozenDict = FrozenDict()


@dataclass(frozen=True)
class ScalingAspect:
    id: str
    name: str | None
    description: str | None
    max_scale_level: int
    step_deltas: tuple
    vdu_deltas: FrozenDict = FrozenDict()  # vdu -> {delta id -> number of instances}

    def instances_at(self, vdu, level):
        """Extra instances of vdu at scale level (steps beyond the last delta repeat it)."""
        deltas = self.vdu_deltas.get(vdu) or {}
        if not deltas or level <= 0:
            return 0
        total = 0
        for step in range(level):
            delta_id = self.step_deltas[min(step, len(self.step_deltas) - 1)] if self.step_deltas else next(iter(deltas))
            total += int(deltas.get(delta_id, 0))
        return total


@dataclass(frozen=True)
class InstantiationLevel:
    id: str
    description: str | None
    scale_levels: FrozenDict = FrozenDict()  # aspect -> level
    vdu_instances: FrozenDict = FrozenDict()  # vdu -> number of instances


@dataclass(frozen=True)
class PlacementRule:
    id: str
    kind: str  # affinity | anti-affinity
    scope: str
    targets: tuple


@dataclass(frozen=True)
class LcmOperation:
    name: str
    implementation: str | None
    artifact_type: str | None = None
    inputs: FrozenDict = FrozenDict()


@dataclass(frozen=True)
class DeploymentFlavour:
    flavour_id: str
    description: str | None
    vdus: tuple
    virtual_storages: tuple
    vdu_cps: tuple
    vnf_ext_cps: tuple
    virtual_links: tuple
    scaling_aspects: tuple
    instantiation_levels: tuple
    default_instantiation_level: str | None
    placement_rules: tuple
    lcm_operations: tuple
    external_connections: tuple  # (VNF requirement, node template, its requirement), from substitution_mappings
    file: str

    def vdu(self, vdu_id):
        return next((v for v in self.vdus if v.id == vdu_id), None)


@dataclass(frozen=True)
class Vnfd:
    descriptor_id: str
    descriptor_version: str | None
    provider: str | None
    product_name: str | None
    software_version: str | None
    vnfm_info: tuple
    dialect: str
    file: str
    package: str
    flavours: tuple

    kind = "vnfd"

    def flavour(self, flavour_id=None):
        if flavour_id is None:
            return self.flavours[0] if self.flavours else None
        return next((f for f in self.flavours if f.flavour_id == flavour_id), None)


@dataclass(frozen=True)
class VnfReference:
    id: str
    descriptor_id: str
    flavour_id: str | None
    product_name: str | None
    provider: str | None
    virtual_links: FrozenDict  # requirement name on the VNF -> NS virtual link id
    min_instances: int = 1
    max_instances: int = 1


@dataclass(frozen=True)
class Sap:
    id: str
    virtual_link: str | None
    vnf: str | None
    vnf_requirement: str | None
    layer_protocols: tuple = ("ipv4",)


@dataclass(frozen=True)
class Nsd:
    descriptor_id: str
    name: str | None
    designer: str | None
    version: str | None
    invariant_id: str | None
    flavour_id: str | None
    vnfs: tuple
    virtual_links: tuple
    saps: tuple
    placement_rules: tuple
    file: str
    package: str
    vnfds: FrozenDict = FrozenDict()  # descriptor_id -> Vnfd, for the VNF packages found

    kind = "nsd"
