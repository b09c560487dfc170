# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bundled ETSI GS NFV-SOL 001 NSD type definitions (etsi_nfv_sol001_nsd_types.yaml).

TOSCA_YAML holds the full TOSCA (tosca_simple_yaml_1_2) text: SOL001 v2.6.1 / v2.7.1 NSD
types plus optional NS scaling, level mapping and monitoring types of later editions. It
imports the common and VNFD type files by bare name; see catalog.py.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

TOSCA_YAML = r"""tosca_definitions_version: tosca_simple_yaml_1_2
description: >-
  SmartNFVO bundled copy of the ETSI GS NFV-SOL 001 NSD type definitions.
  Content follows SOL001 v2.6.1 / v2.7.1; the NS scaling, instantiation level,
  monitoring and protocol data types of later editions are included as optional
  additions (written without TOSCA 1.3 key_schema so that they stay valid
  tosca_simple_yaml_1_2). The VNFD types are imported so that tosca.nodes.nfv.VNF
  (and the policy targets that name it) resolve when an NSD imports only this file.
metadata:
  template_name: etsi_nfv_sol001_nsd_types
  template_author: SmartNFVO (transcribed from ETSI GS NFV-SOL 001)
  template_version: 2.7.1

imports:
  - etsi_nfv_sol001_common_types.yaml
  - etsi_nfv_sol001_vnfd_types.yaml

# ---------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------
data_types:

  # --- NS virtual links ------------------------------------------------------------

  tosca.datatypes.nfv.NsVlProfile:
    derived_from: tosca.datatypes.Root
    description: Instantiation data of an NsVirtualLink in an NS deployment flavour.
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
        type: tosca.datatypes.nfv.NsVirtualLinkQos
        description: QoS requirements.
        required: false
      # v2.x form of the availability requirement.
      service_availability:
        type: tosca.datatypes.nfv.ServiceAvailability
        description: Service availability level (ETSI GS NFV-REL 001).
        required: false
      # Later editions (3.x) replaced service_availability by this integer and
      # added protocol data; both are optional and accepted here.
      service_availability_level:
        type: integer
        description: Service availability level of the link (later editions).
        required: false
        constraints:
          - greater_or_equal: 1
      virtual_link_protocol_data:
        type: list
        description: Protocol data of the link (later editions).
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.NsVirtualLinkProtocolData

  tosca.datatypes.nfv.NsVirtualLinkQos:
    derived_from: tosca.datatypes.nfv.Qos
    description: QoS requirements of an NsVirtualLink.
    properties:
      priority:
        type: integer
        description: Priority of the link traffic under congestion.
        required: false
        constraints:
          - greater_or_equal: 0

  tosca.datatypes.nfv.ServiceAvailability:
    derived_from: tosca.datatypes.Root
    description: Service availability level.
    properties:
      level:
        type: string
        description: Availability level.
        required: true
        constraints:
          - valid_values: [level1, level2, level3]

  tosca.datatypes.nfv.NsVirtualLinkProtocolData:
    derived_from: tosca.datatypes.Root
    description: One protocol layer of an NsVirtualLink and its data (later editions).
    properties:
      associated_layer_protocol:
        type: string
        description: Protocol layer (one of connectivity_type.layer_protocols).
        required: true
        constraints:
          - valid_values: [ethernet, mpls, odu2, ipv4, ipv6, pseudo-wire]
      l2_protocol_data:
        type: tosca.datatypes.nfv.NsL2ProtocolData
        description: L2 data; present only for an L2 protocol.
        required: false
      l3_protocol_data:
        type: tosca.datatypes.nfv.NsL3ProtocolData
        description: L3 data; present only for an L3 protocol.
        required: false

  tosca.datatypes.nfv.NsL2ProtocolData:
    derived_from: tosca.datatypes.Root
    description: L2 protocol data of an NsVirtualLink (later editions).
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
        description: Network segment (VLAN id, tunnel id) for the network type.
        required: false

  tosca.datatypes.nfv.NsL3ProtocolData:
    derived_from: tosca.datatypes.Root
    description: L3 protocol data of an NsVirtualLink (later editions).
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
          type: tosca.datatypes.nfv.NsIpAllocationPool

  tosca.datatypes.nfv.NsIpAllocationPool:
    derived_from: tosca.datatypes.Root
    description: A range of IP addresses of an NsVirtualLink subnet (later editions).
    properties:
      start_ip_address:
        type: string
        description: First address of the pool.
        required: true
      end_ip_address:
        type: string
        description: Last address of the pool.
        required: true

  # --- nested NS, LCM and forwarding ----------------------------------------------

  tosca.datatypes.nfv.NsProfile:
    derived_from: tosca.datatypes.Root
    description: How a nested NS is instantiated within a composite NS deployment flavour.
    properties:
      ns_instantiation_level:
        type: string
        description: NS instantiation level to use; the NSD default level when absent.
        required: false
      min_number_of_instances:
        type: integer
        description: Lowest number of nested NS instances allowed for this profile.
        required: true
        constraints:
          - greater_or_equal: 0
      max_number_of_instances:
        type: integer
        description: Highest number of nested NS instances allowed for this profile.
        required: true
        constraints:
          - greater_or_equal: 0
      flavour_id:
        type: string
        description: NS deployment flavour of the nested NSD to use.
        required: true

  tosca.datatypes.nfv.NsOperationAdditionalParameters:
    derived_from: tosca.datatypes.Root
    description: Empty base type for NS-specific additional parameters of NS LCM operations.

  tosca.datatypes.nfv.Mask:
    derived_from: tosca.datatypes.Root
    description: A sequence of bits of a frame to match in an NFP rule.
    properties:
      starting_point:
        type: integer
        description: Offset from the end of the source MAC address to the first bit to match.
        required: true
      length:
        type: integer
        description: Number of bits to match.
        required: true
      value:
        type: string
        description: Bit values to match.
        required: true

  # --- monitoring and NS scaling (later editions) -----------------------------------

  tosca.datatypes.nfv.NsMonitoringParameter:
    derived_from: tosca.datatypes.Root
    description: A virtualised-resource performance metric to monitor at NS level.
    properties:
      name:
        type: string
        description: Human readable name of the parameter.
        required: true
      performance_metric:
        type: string
        description: Metric to monitor (ETSI GS NFV-IFA 027 naming).
        required: true
        constraints:
          - valid_values: [byte_incoming_sap, byte_outgoing_sap, packet_incoming_sap, packet_outgoing_sap,
                           byte_incoming, byte_outgoing, packet_incoming, packet_outgoing]
      collection_period:
        type: scalar-unit.time
        description: How often the metric is collected.
        required: false

  tosca.datatypes.nfv.NsScalingAspect:
    derived_from: tosca.datatypes.Root
    description: An aspect along which the NS scales, with its NS scale levels (later editions).
    properties:
      name:
        type: string
        description: Human readable name of the aspect.
        required: true
      description:
        type: string
        description: Human readable description of the aspect.
        required: true
      ns_scale_levels:
        type: map
        description: NS scale levels of the aspect, keyed by level number (0 is the first level).
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.NsLevels

  tosca.datatypes.nfv.NsLevels:
    derived_from: tosca.datatypes.Root
    description: One NS level (scale level or instantiation level) (later editions).
    properties:
      description:
        type: string
        description: Human readable description of the level.
        required: true

# ---------------------------------------------------------------------------
# Interface types
# (the Forwarding capability and the ForwardTo relationship are in the common types)
# ---------------------------------------------------------------------------
interface_types:

  tosca.interfaces.nfv.Nslcm:
    derived_from: tosca.interfaces.Root
    description: >-
      NS lifecycle management operations (ETSI GS NFV-IFA 013) with their
      preamble (_start) and postamble (_end) hooks.
    instantiate_start:
      description: Runs before instantiate.
    instantiate:
      description: Handles an Instantiate NS request.
    instantiate_end:
      description: Runs after instantiate.
    terminate_start:
      description: Runs before terminate.
    terminate:
      description: Handles a Terminate NS request.
    terminate_end:
      description: Runs after terminate.
    update_start:
      description: Runs before update.
    update:
      description: Handles an Update NS request.
    update_end:
      description: Runs after update.
    scale_start:
      description: Runs before scale.
    scale:
      description: Handles a Scale NS request.
    scale_end:
      description: Runs after scale.
    heal_start:
      description: Runs before heal.
    heal:
      description: Handles a Heal NS request.
    heal_end:
      description: Runs after heal.

# ---------------------------------------------------------------------------
# Node types (tosca.nodes.nfv.VNF comes from the VNFD types)
# ---------------------------------------------------------------------------
node_types:

  tosca.nodes.nfv.NS:
    derived_from: tosca.nodes.Root
    description: >-
      Abstract NS; each NSD derives its own NS node type from it. Also used as a
      nested NS node inside a composite NSD.
    properties:
      descriptor_id:
        type: string
        description: Identifier (UUID) of the NSD.
        required: true
      designer:
        type: string
        description: Designer of the NSD.
        required: true
      version:
        type: string
        description: Version of the NSD.
        required: true
      name:
        type: string
        description: Human readable name of the NSD.
        required: true
      invariant_id:
        type: string
        description: Version independent identifier of the NSD.
        required: true
      flavour_id:
        type: string
        description: Identifier of the NS deployment flavour within the NSD.
        required: true
      ns_profile:
        type: tosca.datatypes.nfv.NsProfile
        description: Instantiation profile when the NS is nested in another NS.
        required: false
      # Optional property of later editions (3.x).
      service_availability_level:
        type: integer
        description: Service availability level of the NS instance (later editions).
        required: false
        constraints:
          - greater_or_equal: 1
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          node: tosca.nodes.nfv.NsVirtualLink
          occurrences: [0, 1]
    interfaces:
      Nslcm:
        type: tosca.interfaces.nfv.Nslcm

  tosca.nodes.nfv.Sap:
    derived_from: tosca.nodes.nfv.Cp
    description: Service access point of an NS.
    requirements:
      - external_virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]
      - internal_virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [1, 1]

  tosca.nodes.nfv.NsVirtualLink:
    derived_from: tosca.nodes.Root
    description: Virtual link between the constituents of an NS.
    properties:
      vl_profile:
        type: tosca.datatypes.nfv.NsVlProfile
        description: Instantiation data of the link in the NS deployment flavour.
        required: true
      connectivity_type:
        type: tosca.datatypes.nfv.ConnectivityType
        description: Protocols and flow pattern of the link.
        required: true
      test_access:
        type: list
        description: Test access facilities of the link.
        required: false
        entry_schema:
          type: string
          constraints:
            - valid_values: [passive_monitoring, active_loopback]
      description:
        type: string
        description: Human readable purpose of the link.
        required: false
    capabilities:
      virtual_linkable:
        type: tosca.capabilities.nfv.VirtualLinkable

  # --- network forwarding paths ---------------------------------------------------------

  tosca.nodes.nfv.NfpPositionElement:
    derived_from: tosca.nodes.Root
    description: >-
      Ingress/egress CP pair (or single CP) of an NFP position. With one
      profile_element the same CP handles both directions; with two the first
      is the ingress and the second the egress.
    capabilities:
      forwarding:
        type: tosca.capabilities.nfv.Forwarding
    requirements:
      - profile_element:
          capability: tosca.capabilities.nfv.Forwarding
          relationship: tosca.relationships.nfv.ForwardTo
          occurrences: [1, 2]

  tosca.nodes.nfv.NfpPosition:
    derived_from: tosca.nodes.Root
    description: A position of a network forwarding path.
    properties:
      forwarding_behaviour:
        type: string
        description: How traffic is spread over the CPs of the position (all, load balance, first found).
        required: false
        constraints:
          - valid_values: [all, lb, ff]
    capabilities:
      forwarding:
        type: tosca.capabilities.nfv.Forwarding
    requirements:
      - element:
          capability: tosca.capabilities.nfv.Forwarding
          node: tosca.nodes.nfv.NfpPositionElement
          relationship: tosca.relationships.nfv.ForwardTo
          occurrences: [1, UNBOUNDED]

  tosca.nodes.nfv.NFP:
    derived_from: tosca.nodes.Root
    description: Network forwarding path, an ordered list of NFP positions.
    requirements:
      - nfp_position:
          capability: tosca.capabilities.nfv.Forwarding
          node: tosca.nodes.nfv.NfpPosition
          relationship: tosca.relationships.nfv.ForwardTo
          occurrences: [1, UNBOUNDED]

  tosca.nodes.nfv.Forwarding:
    derived_from: tosca.nodes.Root
    description: Forwarding element attached to a virtual link and usable in an NFP.
    capabilities:
      virtual_linkable:
        type: tosca.capabilities.nfv.VirtualLinkable
      forwarding:
        type: tosca.capabilities.nfv.Forwarding
        occurrences: [1, 2]
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo

# ---------------------------------------------------------------------------
# Group types
# ---------------------------------------------------------------------------
group_types:

  tosca.groups.nfv.NsPlacementGroup:
    derived_from: tosca.groups.Root
    description: VNFs, NS virtual links or nested NSs an NS affinity / anti-affinity rule applies to as a whole.
    properties:
      description:
        type: string
        description: Human readable description of the group.
        required: true
    members: [tosca.nodes.nfv.VNF, tosca.nodes.nfv.NsVirtualLink, tosca.nodes.nfv.NS]

  # tosca.nodes.nfv.PNF is defined by the SOL001 PNFD types (pnfd_types.py).
  tosca.groups.nfv.VNFFG:
    derived_from: tosca.groups.Root
    description: VNF forwarding graph (topology and optional forwarding rules) of an NS or part of it.
    properties:
      description:
        type: string
        description: Human readable description of the group.
        required: true
    members: [tosca.nodes.nfv.NFP, tosca.nodes.nfv.VNF, tosca.nodes.nfv.PNF, tosca.nodes.nfv.NS, tosca.nodes.nfv.NsVirtualLink,
              tosca.nodes.nfv.NfpPositionElement]

# ---------------------------------------------------------------------------
# Policy types
# ---------------------------------------------------------------------------
policy_types:

  # --- placement and security -----------------------------------------------------------

  tosca.policies.nfv.NsAffinityRule:
    derived_from: tosca.policies.Placement
    description: Affinity rule between NS constituents.
    properties:
      scope:
        type: string
        description: Scope in which the targets are kept together.
        required: true
        constraints:
          - valid_values: [nfvi_node, zone, zone_group, nfvi_pop, network_link_and_node]
    targets: [tosca.nodes.nfv.VNF, tosca.nodes.nfv.NsVirtualLink, tosca.nodes.nfv.NS, tosca.groups.nfv.NsPlacementGroup]

  tosca.policies.nfv.NsAntiAffinityRule:
    derived_from: tosca.policies.Placement
    description: Anti-affinity rule between NS constituents.
    properties:
      scope:
        type: string
        description: Scope in which the targets are kept apart.
        required: true
        constraints:
          - valid_values: [nfvi_node, zone, zone_group, nfvi_pop, network_link_and_node]
    targets: [tosca.nodes.nfv.VNF, tosca.nodes.nfv.NsVirtualLink, tosca.nodes.nfv.NS, tosca.groups.nfv.NsPlacementGroup]

  tosca.policies.nfv.NsSecurityGroupRule:
    derived_from: tosca.policies.nfv.Abstract.SecurityGroupRule
    description: Security group rule applied to the traffic of the target SAPs.
    targets: [tosca.nodes.nfv.Sap]

  tosca.policies.nfv.NfpRule:
    derived_from: tosca.policies.Root
    description: Traffic classification rule of a network forwarding path.
    properties:
      ether_destination_address:
        type: string
        description: Destination MAC address.
        required: false
      ether_source_address:
        type: string
        description: Source MAC address.
        required: false
      ether_type:
        type: string
        description: Protocol carried over the Ethernet layer.
        required: false
        constraints:
          - valid_values: [ipv4, ipv6]
      vlan_tag:
        type: list
        description: IEEE 802.1Q VLAN identifiers (several for QinQ stacking).
        required: false
        entry_schema:
          type: string
      protocol:
        type: string
        description: L4 protocol (IPv4 Protocol / IPv6 Next Header), as an IANA keyword.
        required: false
      dscp:
        type: string
        description: DSCP / traffic class bits as a string of "0" and "1".
        required: false
      # SOL001 also constrains both port ranges with in_range [0, 65535]; that
      # constraint is left out because tosca-parser 2.15 crashes (TypeError)
      # when applying in_range to a value of type range.
      source_port_range:
        type: range
        description: Range of source ports (within 0..65535).
        required: false
      destination_port_range:
        type: range
        description: Range of destination ports (within 0..65535).
        required: false
      source_ip_address_prefix:
        type: string
        description: Source IP address range in CIDR notation.
        required: false
      destination_ip_address_prefix:
        type: string
        description: Destination IP address range in CIDR notation.
        required: false
      extended_criteria:
        type: list
        description: Values of specific bits of the frame.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.Mask
    targets: [tosca.nodes.nfv.NFP]

  # --- monitoring ------------------------------------------------------------------------

  tosca.policies.nfv.NsMonitoring:
    derived_from: tosca.policies.Root
    description: Performance metrics to monitor on the NS during its lifetime.
    properties:
      ns_monitoring_parameters:
        type: list
        description: NS level monitoring parameters.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.NsMonitoringParameter
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.NS]

  tosca.policies.nfv.VnfMonitoring:
    derived_from: tosca.policies.Root
    description: Performance metrics to monitor on the target VNFs during the NS lifetime.
    properties:
      vnf_monitoring_parameters:
        type: list
        description: VNF level monitoring parameters.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.VnfMonitoringParameter
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.VNF]

  # --- NS scaling and NS instantiation levels (later editions) ---------------------------
  # Maps keyed by NS level numbers are written without key_schema (TOSCA 1.3).

  tosca.policies.nfv.NsScalingAspects:
    derived_from: tosca.policies.Root
    description: NS scaling aspects of an NS deployment flavour (ETSI GS NFV-IFA 014).
    properties:
      aspects:
        type: map
        description: NS scaling aspects keyed by aspect id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.NsScalingAspect
        constraints:
          - min_length: 1

  tosca.policies.nfv.VnfToLevelMapping:
    derived_from: tosca.policies.Root
    description: Number of instances of the target VNFs at each NS scale level of an aspect.
    properties:
      aspect:
        type: string
        description: NS scaling aspect the mapping belongs to.
        required: true
      number_of_instances:
        type: map
        description: VNF instance count keyed by NS scale level (0 is the first level).
        required: true
        entry_schema:
          type: integer
          constraints:
            - greater_or_equal: 0
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.VNF]

  tosca.policies.nfv.NsToLevelMapping:
    derived_from: tosca.policies.Root
    description: Number of instances of the target nested NSs at each NS scale level of an aspect.
    properties:
      aspect:
        type: string
        description: NS scaling aspect the mapping belongs to.
        required: true
      number_of_instances:
        type: map
        description: Nested NS instance count keyed by NS scale level (0 is the first level).
        required: true
        entry_schema:
          type: integer
          constraints:
            - greater_or_equal: 0
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.NS]

  tosca.policies.nfv.VirtualLinkToLevelMapping:
    derived_from: tosca.policies.Root
    description: Bitrate of the target NS virtual links at each NS scale level of an aspect.
    properties:
      aspect:
        type: string
        description: NS scaling aspect the mapping belongs to.
        required: true
      bit_rate_requirements:
        type: map
        description: Bitrate requirements keyed by NS scale level (0 is the first level).
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.LinkBitrateRequirements
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.NsVirtualLink]

  tosca.policies.nfv.NsInstantiationLevels:
    derived_from: tosca.policies.Root
    description: NS instantiation levels of an NS deployment flavour, with the default one.
    properties:
      ns_levels:
        type: map
        description: NS instantiation levels keyed by level id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.NsLevels
        constraints:
          - min_length: 1
      default_level:
        type: string
        description: Level used when none is requested; needed when there are several levels.
        required: false

  tosca.policies.nfv.VnfToInstantiationLevelMapping:
    derived_from: tosca.policies.Root
    description: Number of instances of the target VNFs at each NS instantiation level.
    properties:
      number_of_instances:
        type: map
        description: VNF instance count keyed by NS instantiation level id.
        required: true
        entry_schema:
          type: integer
          constraints:
            - greater_or_equal: 0
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.VNF]

  tosca.policies.nfv.NsToInstantiationLevelMapping:
    derived_from: tosca.policies.Root
    description: Number of instances of the target nested NSs at each NS instantiation level.
    properties:
      number_of_instances:
        type: map
        description: Nested NS instance count keyed by NS instantiation level id.
        required: true
        entry_schema:
          type: integer
          constraints:
            - greater_or_equal: 0
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.NS]

  tosca.policies.nfv.VirtualLinkToInstantiationLevelMapping:
    derived_from: tosca.policies.Root
    description: Bitrate of the target NS virtual links at each NS instantiation level.
    properties:
      bit_rate_requirements:
        type: map
        description: Bitrate requirements keyed by NS instantiation level id.
        required: true
        entry_schema:
          type: tosca.datatypes.nfv.LinkBitrateRequirements
        constraints:
          - min_length: 1
    targets: [tosca.nodes.nfv.NsVirtualLink]

  tosca.policies.nfv.NsAutoScale:
    derived_from: tosca.policies.Root
    description: Base type of NS auto-scaling policies (later editions).
    targets: [tosca.nodes.nfv.NS]
"""
