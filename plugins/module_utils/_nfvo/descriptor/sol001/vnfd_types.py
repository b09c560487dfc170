# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bundled ETSI GS NFV-SOL 001 VNFD type definitions (etsi_nfv_sol001_vnfd_types.yaml).

TOSCA_YAML holds the full TOSCA (tosca_simple_yaml_1_2) text: SOL001 v2.6.1 content plus
the v2.7.1 additions. It imports etsi_nfv_sol001_common_types.yaml by bare name, so the
files must be written side by side; see catalog.py.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

TOSCA_YAML = r"""tosca_definitions_version: tosca_simple_yaml_1_2
description: >-
  SmartNFVO bundled copy of the ETSI GS NFV-SOL 001 VNFD type definitions.
  Content follows SOL001 v2.6.1 with the additions of v2.7.1 (superset); where
  the two editions define the same property differently the v2.6.1 form is kept.
metadata:
  template_name: etsi_nfv_sol001_vnfd_types
  template_author: SmartNFVO (transcribed from ETSI GS NFV-SOL 001)
  template_version: 2.7.1

imports:
  - etsi_nfv_sol001_common_types.yaml

# ---------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------
data_types:

  # --- VNF level: LCM operation configuration ----------------------------------

  tosca.datatypes.nfv.VnfLcmOperationsConfiguration:
    derived_from: tosca.datatypes.Root
    description: Per-operation configuration of the VNF lifecycle management operations.
    properties:
      instantiate:
        type: tosca.datatypes.nfv.VnfInstantiateOperationConfiguration
        description: Configuration of InstantiateVnf.
        required: false
      scale:
        type: tosca.datatypes.nfv.VnfScaleOperationConfiguration
        description: Configuration of ScaleVnf.
        required: false
      scale_to_level:
        type: tosca.datatypes.nfv.VnfScaleToLevelOperationConfiguration
        description: Configuration of ScaleVnfToLevel.
        required: false
      change_flavour:
        type: tosca.datatypes.nfv.VnfChangeFlavourOperationConfiguration
        description: Configuration of ChangeVnfFlavour.
        required: false
      heal:
        type: tosca.datatypes.nfv.VnfHealOperationConfiguration
        description: Configuration of HealVnf.
        required: false
      terminate:
        type: tosca.datatypes.nfv.VnfTerminateOperationConfiguration
        description: Configuration of TerminateVnf.
        required: false
      operate:
        type: tosca.datatypes.nfv.VnfOperateOperationConfiguration
        description: Configuration of OperateVnf.
        required: false
      change_ext_connectivity:
        type: tosca.datatypes.nfv.VnfChangeExtConnectivityOperationConfiguration
        description: Configuration of ChangeExtVnfConnectivity.
        required: false
      # Optional properties of later SOL001 editions (3.x), accepted for forward compatibility.
      change_current_package:
        type: tosca.datatypes.nfv.VnfChangeCurrentPackageOperationConfiguration
        description: Configuration of ChangeCurrentVnfPackage (later editions).
        required: false
      create_snapshot:
        type: tosca.datatypes.nfv.VnfCreateSnapshotOperationConfiguration
        description: Configuration of CreateVnfSnapshot (later editions).
        required: false
      revert_to_snapshot:
        type: tosca.datatypes.nfv.VnfRevertToSnapshotOperationConfiguration
        description: Configuration of RevertToVnfSnapshot (later editions).
        required: false

  tosca.datatypes.nfv.VnfInstantiateOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: InstantiateVnf configuration (no properties defined yet).

  tosca.datatypes.nfv.VnfScaleOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: ScaleVnf configuration.
    properties:
      scaling_by_more_than_one_step_supported:
        type: boolean
        description: Whether numScalingSteps larger than one is supported.
        required: false
        default: false

  tosca.datatypes.nfv.VnfScaleToLevelOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: ScaleVnfToLevel configuration.
    properties:
      arbitrary_target_levels_supported:
        type: boolean
        description: Whether scaling to arbitrary levels (scaleInfo) is supported.
        required: true

  tosca.datatypes.nfv.VnfHealOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: HealVnf configuration.
    properties:
      causes:
        type: list
        description: Supported values of the "cause" parameter.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.VnfTerminateOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: TerminateVnf configuration.
    properties:
      min_graceful_termination_timeout:
        type: scalar-unit.time
        description: Minimum graceful termination timeout.
        required: true
      max_recommended_graceful_termination_timeout:
        type: scalar-unit.time
        description: Recommended upper bound for the graceful termination timeout (informative).
        required: false

  tosca.datatypes.nfv.VnfOperateOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: OperateVnf configuration.
    properties:
      min_graceful_stop_timeout:
        type: scalar-unit.time
        description: Minimum graceful stop timeout.
        required: true
      max_recommended_graceful_stop_timeout:
        type: scalar-unit.time
        description: Recommended upper bound for the graceful stop timeout (informative).
        required: false

  tosca.datatypes.nfv.VnfChangeFlavourOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: ChangeVnfFlavour configuration (no properties defined yet).

  tosca.datatypes.nfv.VnfChangeExtConnectivityOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: ChangeExtVnfConnectivity configuration (no properties defined yet).

  tosca.datatypes.nfv.VnfChangeCurrentPackageOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: ChangeCurrentVnfPackage configuration (later editions; no properties).

  tosca.datatypes.nfv.VnfCreateSnapshotOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: CreateVnfSnapshot configuration (later editions; no properties).

  tosca.datatypes.nfv.VnfRevertToSnapshotOperationConfiguration:
    derived_from: tosca.datatypes.Root
    description: RevertToVnfSnapshot configuration (later editions; no properties).

  tosca.datatypes.nfv.VnfOperationAdditionalParameters:
    derived_from: tosca.datatypes.Root
    description: Empty base type for VNF-specific additional parameters of LCM operations.

  # --- VNF level: configurable properties and modifiable attributes ------------

  tosca.datatypes.nfv.VnfConfigurableProperties:
    derived_from: tosca.datatypes.Root
    description: >-
      VNF configurable properties (auto scaling / healing and, since v2.7.1,
      VNFM access data). Derived types add additional_configurable_properties.
    properties:
      is_autoscale_enabled:
        type: boolean
        description: Enables or disables auto-scaling; absent means not configurable.
        required: false
      is_autoheal_enabled:
        type: boolean
        description: Enables or disables auto-healing; absent means not configurable.
        required: false
      vnfm_interface_info:
        type: tosca.datatypes.nfv.VnfmInterfaceInfo
        description: Access data of the VNFM interfaces the VNF may use (v2.7.1).
        required: false
      vnfm_oauth_server_info:
        type: tosca.datatypes.nfv.OauthServerInfo
        description: Authorization server protecting the VNFM interfaces (v2.7.1).
        required: false
      vnf_oauth_server_info:
        type: tosca.datatypes.nfv.OauthServerInfo
        description: Authorization server validating VNFM access tokens at the VNF (v2.7.1).
        required: false

  tosca.datatypes.nfv.VnfAdditionalConfigurableProperties:
    derived_from: tosca.datatypes.Root
    description: Base type for VNF-specific configurable properties.
    properties:
      is_writable_anytime:
        type: boolean
        description: Whether the properties stay writable after instantiation (v2.7.1).
        required: false
        default: false

  tosca.datatypes.nfv.VnfInfoModifiableAttributes:
    derived_from: tosca.datatypes.Root
    description: Base type for VNF-specific writable extensions and metadata of VnfInfo.

  tosca.datatypes.nfv.VnfInfoModifiableAttributesExtensions:
    derived_from: tosca.datatypes.Root
    description: Empty base type for VNF-specific VnfInfo extensions.

  tosca.datatypes.nfv.VnfInfoModifiableAttributesMetadata:
    derived_from: tosca.datatypes.Root
    description: Empty base type for VNF-specific VnfInfo metadata.

  tosca.datatypes.nfv.VnfmInterfaceInfo:
    derived_from: tosca.datatypes.Root
    description: How the VNF reaches an interface produced by the VNFM (v2.7.1).
    properties:
      interface_name:
        type: string
        description: VNFM interface concerned.
        required: true
        constraints:
          - valid_values: [vnf_lcm, vnf_pm, vnf_fm]
      details:
        type: tosca.datatypes.nfv.InterfaceDetails
        description: Endpoint data of the interface.
        required: false
      credentials:
        type: map
        description: Credentials for accessing the interface.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.OauthServerInfo:
    derived_from: tosca.datatypes.Root
    description: Authorization server discovery data (v2.7.1; content reserved for future use).

  # --- VNF level: interfaces exposed by the VNF ---------------------------------

  tosca.datatypes.nfv.InterfaceDetails:
    derived_from: tosca.datatypes.Root
    description: Data needed to access an interface endpoint.
    properties:
      uri_components:
        type: tosca.datatypes.nfv.UriComponents
        description: Parts of the URI of the endpoint.
        required: false
      interface_specific_data:
        type: map
        description: Additional interface-specific details.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.UriComponents:
    derived_from: tosca.datatypes.Root
    description: Components of a URI (IETF RFC 3986).
    properties:
      scheme:
        type: string
        description: URI scheme.
        required: true
      authority:
        type: tosca.datatypes.nfv.UriAuthority
        description: URI authority.
        required: false
      path:
        type: string
        description: URI path.
        required: false
      query:
        type: string
        description: URI query.
        required: false
      fragment:
        type: string
        description: URI fragment.
        required: false

  tosca.datatypes.nfv.UriAuthority:
    derived_from: tosca.datatypes.Root
    description: Authority component of a URI (IETF RFC 3986).
    properties:
      user_info:
        type: string
        description: User information part.
        required: false
      host:
        type: string
        description: Host part.
        required: false
      port:
        type: string
        description: Port part.
        required: false

  # --- VNF level: scaling and instantiation levels ------------------------------

  tosca.datatypes.nfv.ScalingAspect:
    derived_from: tosca.datatypes.Root
    description: An aspect along which the VNF scales horizontally.
    properties:
      name:
        type: string
        description: Human readable name of the aspect.
        required: true
      description:
        type: string
        description: Human readable description of the aspect.
        required: true
      max_scale_level:
        type: integer
        description: Number of scaling steps from scale level 0 to the maximum level.
        required: true
        constraints:
          - greater_or_equal: 0
      step_deltas:
        type: list
        description: Scaling delta identifiers, one per step, in step order.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.ScaleInfo:
    derived_from: tosca.datatypes.Root
    description: Scale level of one scaling aspect.
    properties:
      scale_level:
        type: integer
        description: Scale level of the aspect.
        required: true
        constraints:
          - greater_or_equal: 0

  tosca.datatypes.nfv.InstantiationLevel:
    derived_from: tosca.datatypes.Root
    description: One instantiation level of a deployment flavour.
    properties:
      description:
        type: string
        description: Human readable description of the level.
        required: true
      scale_info:
        type: map
        description: Scale level of each aspect (keyed by aspect id) at this level.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.ScaleInfo

  tosca.datatypes.nfv.VduLevel:
    derived_from: tosca.datatypes.Root
    description: Number of VNFC instances of a VDU at a level or in a scaling delta.
    properties:
      number_of_instances:
        type: integer
        description: Number of VNFC instances.
        required: true
        constraints:
          - greater_or_equal: 0

  tosca.datatypes.nfv.VirtualLinkBitrateLevel:
    derived_from: tosca.datatypes.Root
    description: Bitrate of an internal virtual link at a level or in a scaling delta.
    properties:
      bitrate_requirements:
        type: tosca.datatypes.nfv.LinkBitrateRequirements
        description: Bitrate requirements (or bitrate delta).
        required: true

  # --- VDU compute ----------------------------------------------------------------

  tosca.datatypes.nfv.VduProfile:
    derived_from: tosca.datatypes.Root
    description: Instance limits of a Vdu.Compute within a deployment flavour.
    properties:
      min_number_of_instances:
        type: integer
        description: Lowest number of VNFC instances of this VDU.
        required: true
        constraints:
          - greater_or_equal: 0
      max_number_of_instances:
        type: integer
        description: Highest number of VNFC instances of this VDU.
        required: true
        constraints:
          - greater_or_equal: 0

  tosca.datatypes.nfv.VirtualCpu:
    derived_from: tosca.datatypes.Root
    description: Virtual CPU requirements of a virtual compute resource.
    properties:
      cpu_architecture:
        type: string
        description: CPU architecture (for example x86 or ARM).
        required: false
      num_virtual_cpu:
        type: integer
        description: Number of virtual CPUs.
        required: true
        constraints:
          - greater_than: 0
      virtual_cpu_clock:
        type: scalar-unit.frequency
        description: Minimum virtual CPU clock rate.
        required: false
      virtual_cpu_oversubscription_policy:
        type: string
        description: CPU core oversubscription policy.
        required: false
      vdu_cpu_requirements:
        type: map
        description: Platform specific CPU requirements as key-value pairs.
        required: false
        entry_schema:
          type: string
      virtual_cpu_pinning:
        type: tosca.datatypes.nfv.VirtualCpuPinning
        description: CPU pinning configuration.
        required: false

  tosca.datatypes.nfv.VirtualCpuPinning:
    derived_from: tosca.datatypes.Root
    description: Virtual CPU pinning requirements.
    properties:
      virtual_cpu_pinning_policy:
        type: string
        description: static (follow the pinning rules) or dynamic (the VIM decides).
        required: false
        constraints:
          - valid_values: [static, dynamic]
      virtual_cpu_pinning_rule:
        type: list
        description: Rules mapping virtual CPU cores to logical cores or threads.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.VirtualMemory:
    derived_from: tosca.datatypes.Root
    description: Virtual memory requirements of a virtual compute resource.
    properties:
      virtual_mem_size:
        type: scalar-unit.size
        description: Amount of virtual memory.
        required: true
      virtual_mem_oversubscription_policy:
        type: string
        description: Memory oversubscription policy.
        required: false
      vdu_mem_requirements:
        type: map
        description: Platform specific memory requirements as key-value pairs.
        required: false
        entry_schema:
          type: string
      numa_enabled:
        type: boolean
        description: Whether memory allocation follows the process/core (NUMA) allocation.
        required: false
        default: false

  tosca.datatypes.nfv.LogicalNodeData:
    derived_from: tosca.datatypes.Root
    description: Logical node (for example NUMA node) compute, memory and I/O requirements.
    properties:
      logical_node_requirements:
        type: map
        description: Platform specific logical node requirements as key-value pairs.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.RequestedAdditionalCapability:
    derived_from: tosca.datatypes.Root
    description: An additional capability requested by a VDU (for example an accelerator).
    properties:
      requested_additional_capability_name:
        type: string
        description: Name of the requested capability.
        required: true
      support_mandatory:
        type: boolean
        description: Whether the capability is mandatory for the VDU to work.
        required: true
      min_requested_additional_capability_version:
        type: string
        description: Lowest acceptable version of the capability.
        required: false
      preferred_requested_additional_capability_version:
        type: string
        description: Preferred version of the capability.
        required: false
      target_performance_parameters:
        type: map
        description: Capability specific performance parameters.
        required: true
        entry_schema:
          type: string

  tosca.datatypes.nfv.VnfcConfigurableProperties:
    derived_from: tosca.datatypes.Root
    description: >-
      VNFC configurable properties; derived types add
      additional_vnfc_configurable_properties.

  tosca.datatypes.nfv.VnfcAdditionalConfigurableProperties:
    derived_from: tosca.datatypes.Root
    description: Empty base type for VNFC-specific configurable properties.

  # Boot data types: added in v2.7.1, where Vdu.Compute.boot_data uses BootData.
  # The bundled Vdu.Compute keeps the v2.6.1 string form (see the node type).
  tosca.datatypes.nfv.BootData:
    derived_from: tosca.datatypes.Root
    description: Data used to customise a virtualised compute resource at boot time (v2.7.1).
    properties:
      vim_specific_properties:
        type: tosca.datatypes.nfv.BootDataVimSpecificProperties
        description: VIM specific selection of boot data capabilities.
        required: false
      kvp_data:
        type: tosca.datatypes.nfv.KvpData
        description: Key-value pairs configuring the compute resource.
        required: false
      content_or_file_data:
        type: tosca.datatypes.nfv.ContentOrFileData
        description: Inline content or a package file configuring the compute resource.
        required: false

  tosca.datatypes.nfv.KvpData:
    derived_from: tosca.datatypes.Root
    description: Boot time configuration given only as key-value pairs (v2.7.1).
    properties:
      data:
        type: map
        description: The key-value pairs.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.ContentOrFileData:
    derived_from: tosca.datatypes.Root
    description: Boot time configuration given as inline content or as a package file (v2.7.1).
    properties:
      data:
        type: map
        description: Values substituted into the file named by source_path.
        required: false
        entry_schema:
          type: string
      content:
        type: string
        description: Inline configuration content.
        required: false
      source_path:
        type: string
        description: URL of a file in the VNF package.
        required: false
      destination_path:
        type: string
        description: URL where the file is injected in the compute resource.
        required: false

  tosca.datatypes.nfv.BootDataVimSpecificProperties:
    derived_from: tosca.datatypes.Root
    description: VIM specific boot data options (v2.7.1).
    properties:
      vim_type:
        type: string
        description: Discriminator of the VIM type.
        required: true
      properties:
        type: map
        description: VIM specific options.
        required: true
        entry_schema:
          type: string

  # --- software images and storage -------------------------------------------------

  tosca.datatypes.nfv.SwImageData:
    derived_from: tosca.datatypes.Root
    description: Properties of a software image artifact.
    properties:
      name:
        type: string
        description: Image name.
        required: true
      version:
        type: string
        description: Image version.
        required: true
      provider:
        type: string
        description: Image provider (v2.7.1).
        required: false
      checksum:
        type: tosca.datatypes.nfv.ChecksumData
        description: Checksum of the image file.
        required: true
      container_format:
        type: string
        description: Container format of the image file.
        required: true
        constraints:
          - valid_values: [aki, ami, ari, bare, docker, ova, ovf]
      disk_format:
        type: string
        description: Disk format of the image.
        required: true
        constraints:
          - valid_values: [aki, ami, ari, iso, qcow2, raw, vdi, vhd, vhdx, vmdk]
      min_disk:
        type: scalar-unit.size
        description: Minimum disk size needed by the image.
        required: true
        constraints:
          - greater_or_equal: 0 B
      min_ram:
        type: scalar-unit.size
        description: Minimum RAM needed by the image.
        required: false
        constraints:
          - greater_or_equal: 0 B
      size:
        type: scalar-unit.size
        description: Size of the image.
        required: true
      operating_system:
        type: string
        description: Operating system in the image.
        required: false
      supported_virtualisation_environments:
        type: list
        description: Virtualisation environments (hypervisors) the image supports.
        required: false
        entry_schema:
          type: string

  tosca.datatypes.nfv.ChecksumData:
    derived_from: tosca.datatypes.Root
    description: Result of a checksum computation.
    properties:
      algorithm:
        type: string
        description: Checksum algorithm.
        required: true
        constraints:
          - valid_values: [sha-224, sha-256, sha-384, sha-512]
      hash:
        type: string
        description: Checksum value.
        required: true

  tosca.datatypes.nfv.VirtualBlockStorageData:
    derived_from: tosca.datatypes.Root
    description: Block storage requirements (local disk or attached volume).
    properties:
      size_of_storage:
        type: scalar-unit.size
        description: Size of the storage.
        required: true
        constraints:
          - greater_or_equal: 0 B
      vdu_storage_requirements:
        type: map
        description: Platform specific storage requirements as key-value pairs.
        required: false
        entry_schema:
          type: string
      rdma_enabled:
        type: boolean
        description: Whether the storage supports RDMA.
        required: false
        default: false

  tosca.datatypes.nfv.VirtualObjectStorageData:
    derived_from: tosca.datatypes.Root
    description: Object storage requirements.
    properties:
      max_size_of_storage:
        type: scalar-unit.size
        description: Maximum size of the storage.
        required: false
        constraints:
          - greater_or_equal: 0 B

  tosca.datatypes.nfv.VirtualFileStorageData:
    derived_from: tosca.datatypes.Root
    description: File storage requirements.
    properties:
      size_of_storage:
        type: scalar-unit.size
        description: Size of the storage.
        required: true
        constraints:
          - greater_or_equal: 0 B
      file_system_protocol:
        type: string
        description: Shared file system protocol (for example NFS or CIFS).
        required: true

  # --- connection points ------------------------------------------------------------

  tosca.datatypes.nfv.VirtualNetworkInterfaceRequirements:
    derived_from: tosca.datatypes.Root
    description: Requirements on the virtual NIC realising a CP.
    properties:
      name:
        type: string
        description: Human readable name of the requirement.
        required: false
      description:
        type: string
        description: Human readable description of the requirement.
        required: false
      support_mandatory:
        type: boolean
        description: Whether meeting the requirement is mandatory (true) or desirable (false).
        required: true
      network_interface_requirements:
        type: map
        description: Platform specific network interface requirements as key-value pairs.
        required: true
        entry_schema:
          type: string
      nic_io_requirements:
        type: tosca.datatypes.nfv.LogicalNodeData
        description: Logical node I/O requirements the CP is coupled with.
        required: false

  # --- internal virtual links ----------------------------------------------------------

  tosca.datatypes.nfv.VlProfile:
    derived_from: tosca.datatypes.Root
    description: Instantiation data of an internal virtual link in a deployment flavour.
    properties:
      max_bitrate_requirements:
        type: tosca.datatypes.nfv.LinkBitrateRequirements
        description: Maximum bitrate requirements.
        required: true
      min_bitrate_requirements:
        type: tosca.datatypes.nfv.LinkBitrateRequirements
        description: Minimum bitrate requirements.
        required: true
      qos:
        type: tosca.datatypes.nfv.Qos
        description: QoS requirements.
        required: false
      virtual_link_protocol_data:
        type: list
        description: Protocol data of the virtual link.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VirtualLinkProtocolData

  tosca.datatypes.nfv.VirtualLinkProtocolData:
    derived_from: tosca.datatypes.Root
    description: One protocol layer of an internal virtual link and its data.
    properties:
      associated_layer_protocol:
        type: string
        description: Protocol layer (one of connectivity_type.layer_protocols).
        required: true
        constraints:
          - valid_values: [ethernet, mpls, odu2, ipv4, ipv6, pseudo-wire]
      l2_protocol_data:
        type: tosca.datatypes.nfv.L2ProtocolData
        description: L2 data; present only for an L2 protocol.
        required: false
      l3_protocol_data:
        type: tosca.datatypes.nfv.L3ProtocolData
        description: L3 data; present only for an L3 protocol.
        required: false

  tosca.datatypes.nfv.L2ProtocolData:
    derived_from: tosca.datatypes.Root
    description: L2 protocol data of an internal virtual link.
    properties:
      name:
        type: string
        description: Network name.
        required: false
      network_type:
        type: string
        description: Network type (may be overridden at run time).
        required: false
        constraints:
          - valid_values: [flat, vlan, vxlan, gre]
      vlan_transparent:
        type: boolean
        description: Whether VLAN transparency is supported.
        required: false
        default: false
      mtu:
        type: integer
        description: Maximum transmission unit.
        required: false
        constraints:
          - greater_than: 0
      segmentation_id:
        type: string
        description: Network segment (VLAN id, tunnel id) for the network type (v2.7.1).
        required: false

  tosca.datatypes.nfv.L3ProtocolData:
    derived_from: tosca.datatypes.Root
    description: L3 protocol data of an internal virtual link.
    properties:
      name:
        type: string
        description: Network name.
        required: false
      ip_version:
        type: string
        description: IP version, consistent with connectivity_type.layer_protocols.
        required: true
        constraints:
          - valid_values: [ipv4, ipv6]
      cidr:
        type: string
        description: CIDR of the subnet (may be overridden at run time).
        required: true
      ip_allocation_pools:
        type: list
        description: Address pools within the CIDR (may be overridden at run time).
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.IpAllocationPool
      gateway_ip:
        type: string
        description: Gateway address (may be overridden at run time).
        required: false
      dhcp_enabled:
        type: boolean
        description: Whether DHCP is enabled (may be overridden at run time).
        required: false
      ipv6_address_mode:
        type: string
        description: IPv6 address mode; only for ip_version ipv6.
        required: false
        constraints:
          - valid_values: [slaac, dhcpv6-stateful, dhcpv6-stateless]

  tosca.datatypes.nfv.IpAllocationPool:
    derived_from: tosca.datatypes.Root
    description: A range of IP addresses.
    properties:
      start_ip_address:
        type: string
        description: First address of the pool.
        required: true
      end_ip_address:
        type: string
        description: Last address of the pool.
        required: true

  # --- monitoring parameters (VnfMonitoringParameter is in the common types) ---------

  tosca.datatypes.nfv.VnfcMonitoringParameter:
    derived_from: tosca.datatypes.Root
    description: A virtualised-resource performance metric to monitor per VNFC.
    properties:
      name:
        type: string
        description: Human readable name of the parameter.
        required: true
      performance_metric:
        type: string
        description: Metric to monitor (v2.6.1 and v2.7.1 values are both accepted).
        required: true
        constraints:
          - valid_values: [v_cpu_usage_mean_vnf, v_cpu_usage_peak_vnf, v_memory_usage_mean_vnf, v_memory_usage_peak_vnf,
                           v_disk_usage_mean_vnf, v_disk_usage_peak_vnf, byte_incoming_vnf_int_cp, byte_outgoing_vnf_int_cp,
                           packet_incoming_vnf_int_cp, packet_outgoing_vnf_int_cp, v_cpu_usage_mean, v_cpu_usage_peak,
                           v_memory_usage_mean, v_memory_usage_peak, v_disk_usage_mean, v_disk_usage_peak, v_net_byte_incoming,
                           v_net_byte_outgoing, v_net_packet_incoming, v_net_packet_outgoing, usage_mean_vStorage, usage_peak_vStorage]
      collection_period:
        type: scalar-unit.time
        description: How often the metric is collected.
        required: false
        constraints:
          - greater_than: 0 s

  tosca.datatypes.nfv.VirtualLinkMonitoringParameter:
    derived_from: tosca.datatypes.Root
    description: A performance metric to monitor on an internal virtual link.
    properties:
      name:
        type: string
        description: Human readable name of the parameter.
        required: true
      performance_metric:
        type: string
        description: Metric to monitor (v2.6.1 and v2.7.1 values are both accepted).
        required: true
        constraints:
          - valid_values: [packet_outgoing_virtual_link, packet_incoming_virtual_link, byte_incoming, byte_outgoing,
                           packet_incoming, packet_outgoing]
      collection_period:
        type: scalar-unit.time
        description: How often the metric is collected.
        required: false
        constraints:
          - greater_than: 0 s

# ---------------------------------------------------------------------------
# Artifact types
# ---------------------------------------------------------------------------
artifact_types:

  tosca.artifacts.nfv.SwImage:
    derived_from: tosca.artifacts.Deployment.Image
    description: Software image loaded on the virtualisation container of a VDU or on virtual storage.

  tosca.artifacts.Implementation.nfv.Mistral:
    derived_from: tosca.artifacts.Implementation
    description: Mistral workflow implementation artifact.
    mime_type: application/x-yaml
    file_ext: [yaml]

# ---------------------------------------------------------------------------
# Capability types
# ---------------------------------------------------------------------------
capability_types:

  tosca.capabilities.nfv.VirtualBindable:
    derived_from: tosca.capabilities.Node
    description: Target capability of VirtualBindsTo (a VduCp binds to a Vdu.Compute).

  tosca.capabilities.nfv.VirtualCompute:
    derived_from: tosca.capabilities.Node
    description: Virtual compute requirements of a VDU.
    properties:
      logical_node:
        type: map
        description: Logical node requirements.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.LogicalNodeData
      requested_additional_capabilities:
        type: map
        description: Additional capabilities requested by the VDU.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.RequestedAdditionalCapability
      compute_requirements:
        type: map
        description: Platform specific compute requirements as key-value pairs.
        required: false
        entry_schema:
          type: string
      virtual_memory:
        type: tosca.datatypes.nfv.VirtualMemory
        description: Virtual memory of the compute resource.
        required: true
      virtual_cpu:
        type: tosca.datatypes.nfv.VirtualCpu
        description: Virtual CPUs of the compute resource.
        required: true
      virtual_local_storage:
        type: list
        description: Local disks created and deleted with the compute resource.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VirtualBlockStorageData

  tosca.capabilities.nfv.VirtualStorage:
    derived_from: tosca.capabilities.Root
    description: Target capability of AttachesTo (storage attached to a Vdu.Compute).

# ---------------------------------------------------------------------------
# Relationship types
# ---------------------------------------------------------------------------
relationship_types:

  tosca.relationships.nfv.VirtualBindsTo:
    derived_from: tosca.relationships.DependsOn
    description: Binds a VduCp to its Vdu.Compute.
    valid_target_types: [tosca.capabilities.nfv.VirtualBindable]

  tosca.relationships.nfv.AttachesTo:
    derived_from: tosca.relationships.Root
    description: Attaches block, object or file storage to a Vdu.Compute.
    valid_target_types: [tosca.capabilities.nfv.VirtualStorage]

# ---------------------------------------------------------------------------
# Interface types
# ---------------------------------------------------------------------------
interface_types:

  tosca.interfaces.nfv.Vnflcm:
    derived_from: tosca.interfaces.Root
    description: >-
      VNF lifecycle management operations (ETSI GS NFV-IFA 007) with their
      preamble (_start) and postamble (_end) hooks. Derived types may add an
      additional_parameters input derived from VnfOperationAdditionalParameters.
    instantiate:
      description: Handles an Instantiate VNF request.
    instantiate_start:
      description: Runs before instantiate.
    instantiate_end:
      description: Runs after instantiate.
    terminate:
      description: Handles a Terminate VNF request.
    terminate_start:
      description: Runs before terminate.
    terminate_end:
      description: Runs after terminate.
    modify_information:
      description: Handles a Modify VNF Information request.
    modify_information_start:
      description: Runs before modify_information.
    modify_information_end:
      description: Runs after modify_information.
    change_flavour:
      description: Handles a Change VNF Flavour request.
    change_flavour_start:
      description: Runs before change_flavour.
    change_flavour_end:
      description: Runs after change_flavour.
    change_external_connectivity:
      description: Handles a Change External VNF Connectivity request.
    change_external_connectivity_start:
      description: Runs before change_external_connectivity.
    change_external_connectivity_end:
      description: Runs after change_external_connectivity.
    operate:
      description: Handles an Operate VNF request.
    operate_start:
      description: Runs before operate.
    operate_end:
      description: Runs after operate.
    heal:
      description: Handles a Heal VNF request.
    heal_start:
      description: Runs before heal.
    heal_end:
      description: Runs after heal.
    scale:
      description: Handles a Scale VNF request.
    scale_start:
      description: Runs before scale.
    scale_end:
      description: Runs after scale.
    scale_to_level:
      description: Handles a Scale VNF to Level request.
    scale_to_level_start:
      description: Runs before scale_to_level.
    scale_to_level_end:
      description: Runs after scale_to_level.
    # Operations of later SOL001 editions (3.x), accepted for forward compatibility.
    change_current_package:
      description: Handles a Change Current VNF Package request (later editions).
    change_current_package_start:
      description: Runs before change_current_package (later editions).
    change_current_package_end:
      description: Runs after change_current_package (later editions).
    create_snapshot:
      description: Handles a Create VNF Snapshot request (later editions).
    create_snapshot_start:
      description: Runs before create_snapshot (later editions).
    create_snapshot_end:
      description: Runs after create_snapshot (later editions).
    revert_to_snapshot:
      description: Handles a Revert to VNF Snapshot request (later editions).
    revert_to_snapshot_start:
      description: Runs before revert_to_snapshot (later editions).
    revert_to_snapshot_end:
      description: Runs after revert_to_snapshot (later editions).

  # Added in v2.7.1.
  tosca.interfaces.nfv.VnfIndicator:
    derived_from: tosca.interfaces.Root
    description: Empty base interface for VNF-specific indicator notification interfaces.

# ---------------------------------------------------------------------------
# Node types
# ---------------------------------------------------------------------------
node_types:

  tosca.nodes.nfv.VNF:
    derived_from: tosca.nodes.Root
    description: >-
      Abstract VNF; each VNFD derives its own VNF node type from it. Derived
      types may add configurable_properties, modifiable_attributes, further
      virtual_link requirements (one per external CP) and indicator interfaces.
    properties:
      descriptor_id:
        type: string
        description: Globally unique identifier (UUID) of the VNFD.
        required: true
      descriptor_version:
        type: string
        description: Version of the VNFD.
        required: true
      provider:
        type: string
        description: Provider of the VNF and of the VNFD.
        required: true
      product_name:
        type: string
        description: Human readable name of the VNF product.
        required: true
      software_version:
        type: string
        description: Software version of the VNF.
        required: true
      product_info_name:
        type: string
        description: Human readable name of the VNF product (informative).
        required: false
      product_info_description:
        type: string
        description: Human readable description of the VNF product.
        required: false
      vnfm_info:
        type: list
        description: VNFMs compatible with the VNF ("etsivnfm:vX.Y.Z" or "<id>:<vendor-specific>").
        required: true
        entry_schema:
          type: string
          constraints:
            - pattern: (^etsivnfm:v[0-9]?[0-9]\.[0-9]?[0-9]\.[0-9]?[0-9]$)|(^[0-9]+:[a-zA-Z0-9.-]+$)
      localization_languages:
        type: list
        description: Localization languages of the VNF (IETF RFC 5646 tags).
        required: false
        entry_schema:
          type: string
      default_localization_language:
        type: string
        description: Language used when none is selected (IETF RFC 5646 tag).
        required: false
      lcm_operations_configuration:
        type: tosca.datatypes.nfv.VnfLcmOperationsConfiguration
        description: Configuration of the VNF LCM operations.
        required: false
      monitoring_parameters:
        type: list
        description: Monitoring parameters of the VNF.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VnfMonitoringParameter
      flavour_id:
        type: string
        description: Identifier of the deployment flavour within the VNFD.
        required: true
      flavour_description:
        type: string
        description: Human readable description of the deployment flavour.
        required: true
      vnf_profile:
        type: tosca.datatypes.nfv.VnfProfile
        description: Instantiation profile of the VNF when used in an NSD.
        required: false
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]
    interfaces:
      Vnflcm:
        type: tosca.interfaces.nfv.Vnflcm

  tosca.nodes.nfv.Vdu.Compute:
    derived_from: tosca.nodes.Root
    description: Virtual compute part of a VDU (deployment and operational behaviour of a VNFC).
    properties:
      name:
        type: string
        description: Human readable name of the VDU.
        required: true
      description:
        type: string
        description: Human readable description of the VDU.
        required: true
      # v2.6.1 form; v2.7.1 turned boot_order into a boolean (order of the
      # virtual_storage requirements gives the boot index).
      boot_order:
        type: list
        description: Node template names of the boot devices, in boot order.
        required: false
        entry_schema:
          type: string
      # v2.6.1 form; v2.7.1 turned nfvi_constraints into a map of strings.
      nfvi_constraints:
        type: list
        description: Constraints on the NFVI for the VNFCs of this VDU.
        required: false
        entry_schema:
          type: string
      monitoring_parameters:
        type: list
        description: Monitoring parameters of the VNFCs of this VDU.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VnfcMonitoringParameter
      vdu_profile:
        type: tosca.datatypes.nfv.VduProfile
        description: Instance limits of the VDU in the deployment flavour.
        required: true
      sw_image_data:
        type: tosca.datatypes.nfv.SwImageData
        description: Image data; needed when the node has a tosca.artifacts.nfv.SwImage artifact.
        required: false
      # v2.6.1 form; v2.7.1 turned boot_data into tosca.datatypes.nfv.BootData.
      boot_data:
        type: string
        description: Boot time customisation data, inline or as a URL to a package file.
        required: false
    capabilities:
      virtual_compute:
        type: tosca.capabilities.nfv.VirtualCompute
        occurrences: [1, 1]
      virtual_binding:
        type: tosca.capabilities.nfv.VirtualBindable
        occurrences: [1, UNBOUNDED]
    requirements:
      - virtual_storage:
          capability: tosca.capabilities.nfv.VirtualStorage
          relationship: tosca.relationships.nfv.AttachesTo
          occurrences: [0, UNBOUNDED]

  tosca.nodes.nfv.Vdu.VirtualBlockStorage:
    derived_from: tosca.nodes.Root
    description: Virtual block storage of a VDU.
    properties:
      virtual_block_storage_data:
        type: tosca.datatypes.nfv.VirtualBlockStorageData
        description: Block storage characteristics.
        required: true
      sw_image_data:
        type: tosca.datatypes.nfv.SwImageData
        description: Image data; needed when the node has a tosca.artifacts.nfv.SwImage artifact.
        required: false
    capabilities:
      virtual_storage:
        type: tosca.capabilities.nfv.VirtualStorage
        description: Lets a Vdu.Compute attach this storage.

  tosca.nodes.nfv.Vdu.VirtualObjectStorage:
    derived_from: tosca.nodes.Root
    description: Virtual object storage of a VDU.
    properties:
      virtual_object_storage_data:
        type: tosca.datatypes.nfv.VirtualObjectStorageData
        description: Object storage characteristics.
        required: true
    capabilities:
      virtual_storage:
        type: tosca.capabilities.nfv.VirtualStorage
        description: Lets a Vdu.Compute attach this storage.

  tosca.nodes.nfv.Vdu.VirtualFileStorage:
    derived_from: tosca.nodes.Root
    description: Virtual file storage of a VDU, reached over a virtual link.
    properties:
      virtual_file_storage_data:
        type: tosca.datatypes.nfv.VirtualFileStorageData
        description: File storage characteristics.
        required: true
    capabilities:
      virtual_storage:
        type: tosca.capabilities.nfv.VirtualStorage
        description: Lets a Vdu.Compute attach this storage.
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [1, 1]

  tosca.nodes.nfv.VduCp:
    derived_from: tosca.nodes.nfv.Cp
    description: Connection point of a VNFC towards an internal virtual link.
    properties:
      bitrate_requirement:
        type: integer
        description: Bitrate requirement of the CP, in bits per second.
        required: false
        constraints:
          - greater_or_equal: 0
      virtual_network_interface_requirements:
        type: list
        description: Requirements on the virtual NIC realising the CP.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VirtualNetworkInterfaceRequirements
      order:
        type: integer
        description: Position of the NIC on the compute instance.
        required: false
        constraints:
          - greater_or_equal: 0
      vnic_type:
        type: string
        description: Type of the virtual NIC (v2.6.1 and v2.7.1 values are both accepted).
        required: false
        constraints:
          - valid_values: [normal, virtio, macvtap, direct, baremetal, virtio-forwarder, direct-physical, smart-nic]
    # Both requirements are optional here, as in the copies most VNF packages
    # ship for tosca-parser >= 2.13 (v2.7.1 makes virtual_binding [1, 1]).
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]
      - virtual_binding:
          capability: tosca.capabilities.nfv.VirtualBindable
          relationship: tosca.relationships.nfv.VirtualBindsTo
          node: tosca.nodes.nfv.Vdu.Compute
          occurrences: [0, 1]

  tosca.nodes.nfv.VnfExtCp:
    derived_from: tosca.nodes.nfv.Cp
    description: External connection point of a VNF, exposed towards an external virtual link.
    properties:
      virtual_network_interface_requirements:
        type: list
        description: Requirements on the virtual NIC realising the CP.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VirtualNetworkInterfaceRequirements
    requirements:
      - external_virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]
      - internal_virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [1, 1]

  # Added in v2.7.1.
  tosca.nodes.nfv.VipCp:
    derived_from: tosca.nodes.nfv.Cp
    description: Connection point holding one or more virtual IP addresses shared by other CPs.
    properties:
      vip_function:
        type: string
        description: Use of the virtual IP (high availability or load balancing).
        required: true
        constraints:
          - valid_values: [high_availability, load_balance]
    requirements:
      - target:
          capability: tosca.capabilities.Node
          relationship: tosca.relationships.DependsOn
          occurrences: [1, UNBOUNDED]
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VipVirtualLinksTo
          occurrences: [1, 1]

  tosca.nodes.nfv.VnfVirtualLink:
    derived_from: tosca.nodes.Root
    description: Internal virtual link of a VNF.
    properties:
      connectivity_type:
        type: tosca.datatypes.nfv.ConnectivityType
        description: Protocols and flow pattern of the link.
        required: true
      description:
        type: string
        description: Human readable purpose of the link.
        required: false
      test_access:
        type: list
        description: Test access facilities of the link.
        required: false
        entry_schema:
          type: string
          constraints:
            - valid_values: [passive_monitoring, active_loopback]
      vl_profile:
        type: tosca.datatypes.nfv.VlProfile
        description: Instantiation data of the link in the deployment flavour.
        required: true
      monitoring_parameters:
        type: list
        description: Monitoring parameters of the link.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.VirtualLinkMonitoringParameter
    capabilities:
      virtual_linkable:
        type: tosca.capabilities.nfv.VirtualLinkable

# ---------------------------------------------------------------------------
# Group types
# ---------------------------------------------------------------------------
group_types:

  tosca.groups.nfv.PlacementGroup:
    derived_from: tosca.groups.Root
    description: VDUs or internal virtual links an affinity / anti-affinity rule applies to as a whole.
    properties:
      description:
        type: string
        description: Human readable description of the group.
        required: true
    members: [tosca.nodes.nfv.Vdu.Compute, tosca.nodes.nfv.VnfVirtualLink]

# ---------------------------------------------------------------------------
# Policy types
# ---------------------------------------------------------------------------
policy_types:

  # --- instantiation levels ---------------------------------------------------------

  tosca.policies.nfv.InstantiationLevels:
    derived_from: tosca.policies.Root
    description: All instantiation levels of a deployment flavour (ETSI GS NFV-IFA 011).
    properties:
      levels:
        type: map
        description: Instantiation levels keyed by level id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.InstantiationLevel
        constraints:
          - min_length: 1
      default_level:
        type: string
        description: Level used when none is requested; needed when there are several levels.
        required: false

  tosca.policies.nfv.VduInstantiationLevels:
    derived_from: tosca.policies.Root
    description: Number of VNFC instances of the target VDUs at each instantiation level.
    properties:
      levels:
        type: map
        description: VDU level data keyed by level id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.VduLevel
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.Vdu.Compute]

  tosca.policies.nfv.VirtualLinkInstantiationLevels:
    derived_from: tosca.policies.Root
    description: Bitrate of the target internal virtual links at each instantiation level.
    properties:
      levels:
        type: map
        description: Virtual link level data keyed by level id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.VirtualLinkBitrateLevel
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.VnfVirtualLink]

  # --- horizontal scaling --------------------------------------------------------------

  tosca.policies.nfv.ScalingAspects:
    derived_from: tosca.policies.Root
    description: Scaling aspects of a deployment flavour (ETSI GS NFV-IFA 011).
    properties:
      aspects:
        type: map
        description: Scaling aspects keyed by aspect id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.ScalingAspect
        constraints:
          - min_length: 1

  tosca.policies.nfv.VduScalingAspectDeltas:
    derived_from: tosca.policies.Root
    description: Per-step VNFC deltas of the target VDUs for one scaling aspect.
    properties:
      aspect:
        type: string
        description: Scaling aspect the deltas belong to.
        required: true
      deltas:
        type: map
        description: VDU deltas keyed by scaling delta id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.VduLevel
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.Vdu.Compute]

  tosca.policies.nfv.VirtualLinkBitrateScalingAspectDeltas:
    derived_from: tosca.policies.Root
    description: Per-step bitrate deltas of the target internal virtual links for one scaling aspect.
    properties:
      aspect:
        type: string
        description: Scaling aspect the deltas belong to.
        required: true
      deltas:
        type: map
        description: Bitrate deltas keyed by scaling delta id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.VirtualLinkBitrateLevel
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.VnfVirtualLink]

  tosca.policies.nfv.VduInitialDelta:
    derived_from: tosca.policies.Root
    description: Initial (minimum) number of VNFC instances of the target VDUs.
    properties:
      initial_delta:
        type: tosca.datatypes.nfv.VduLevel
        description: Initial delta.
        required: true
    targets: [tosca.nodes.nfv.Vdu.Compute]

  tosca.policies.nfv.VirtualLinkBitrateInitialDelta:
    derived_from: tosca.policies.Root
    description: Initial bitrate of the target internal virtual links.
    properties:
      initial_delta:
        type: tosca.datatypes.nfv.VirtualLinkBitrateLevel
        description: Initial delta.
        required: true
    targets: [tosca.nodes.nfv.VnfVirtualLink]

  # --- placement -------------------------------------------------------------------------

  tosca.policies.nfv.AffinityRule:
    derived_from: tosca.policies.Placement
    description: Affinity rule between the targets.
    properties:
      scope:
        type: string
        description: Scope in which the targets are kept together.
        required: true
        constraints:
          - valid_values: [nfvi_node, zone, zone_group, nfvi_pop]
    targets: [tosca.nodes.nfv.Vdu.Compute, tosca.nodes.nfv.VnfVirtualLink, tosca.groups.nfv.PlacementGroup]

  tosca.policies.nfv.AntiAffinityRule:
    derived_from: tosca.policies.Placement
    description: Anti-affinity rule between the targets.
    properties:
      scope:
        type: string
        description: Scope in which the targets are kept apart.
        required: true
        constraints:
          - valid_values: [nfvi_node, zone, zone_group, nfvi_pop]
    targets: [tosca.nodes.nfv.Vdu.Compute, tosca.nodes.nfv.VnfVirtualLink, tosca.groups.nfv.PlacementGroup]

  # --- security and exposed interfaces --------------------------------------------------

  # v2.7.1 layout: the rule properties come from the common abstract type
  # (v2.6.1 declared the same properties directly on this type).
  tosca.policies.nfv.SecurityGroupRule:
    derived_from: tosca.policies.nfv.Abstract.SecurityGroupRule
    description: Security group rule applied to the traffic of the target CPs (ETSI GS NFV-IFA 011).
    targets: [tosca.nodes.nfv.VduCp, tosca.nodes.nfv.VnfExtCp]

  tosca.policies.nfv.SupportedVnfInterface:
    derived_from: tosca.policies.Root
    description: An interface produced by the VNF and the CPs through which it is reached.
    properties:
      interface_name:
        type: string
        description: Interface produced by the VNF.
        required: true
        constraints:
          - valid_values: [vnf_indicator, vnf_configuration]
      details:
        type: tosca.datatypes.nfv.InterfaceDetails
        description: Endpoint data of the interface.
        required: false
    targets: [tosca.nodes.nfv.VnfExtCp, tosca.nodes.nfv.VduCp]
"""
