# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bundled ETSI GS NFV-SOL 001 common type definitions (etsi_nfv_sol001_common_types.yaml).

TOSCA_YAML holds the full TOSCA (tosca_simple_yaml_1_2) text: SOL001 v2.6.1 content plus
the v2.7.1 additions. Used to load descriptors offline; see catalog.py.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

TOSCA_YAML = r"""tosca_definitions_version: tosca_simple_yaml_1_2
description: >-
  SmartNFVO bundled copy of the ETSI GS NFV-SOL 001 common type definitions
  (types shared by VNFD, NSD and PNFD templates). Content follows SOL001 v2.6.1
  with the additions of v2.7.1 (superset).
metadata:
  template_name: etsi_nfv_sol001_common_types
  template_author: SmartNFVO (transcribed from ETSI GS NFV-SOL 001)
  template_version: 2.7.1

# ---------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------
data_types:

  # --- connection point addressing -------------------------------------------

  tosca.datatypes.nfv.CpProtocolData:
    derived_from: tosca.datatypes.Root
    description: One protocol layer used by a CP, with its addressing data.
    properties:
      associated_layer_protocol:
        type: string
        description: Protocol layer this entry applies to (one of the CP layer_protocols).
        required: true
        constraints:
          - valid_values: [ethernet, mpls, odu2, ipv4, ipv6, pseudo-wire]
      address_data:
        type: list
        description: Addresses to assign to the CP for this protocol layer.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.AddressData

  tosca.datatypes.nfv.AddressData:
    derived_from: tosca.datatypes.Root
    description: Addressing scheme and parameters of a CP.
    properties:
      address_type:
        type: string
        description: Kind of address to assign (MAC or IP).
        required: true
        constraints:
          - valid_values: [mac_address, ip_address]
      l2_address_data:
        type: tosca.datatypes.nfv.L2AddressData
        description: MAC address assignment data.
        required: false
      l3_address_data:
        type: tosca.datatypes.nfv.L3AddressData
        description: IP address assignment data.
        required: false

  tosca.datatypes.nfv.L2AddressData:
    derived_from: tosca.datatypes.Root
    description: MAC address assignment data of a CP.
    properties:
      mac_address_assignment:
        type: boolean
        description: True when MANO is responsible for assigning the MAC address.
        required: true

  tosca.datatypes.nfv.L3AddressData:
    derived_from: tosca.datatypes.Root
    description: IP address assignment data of a CP.
    properties:
      ip_address_assignment:
        type: boolean
        description: True when MANO is responsible for assigning the IP address.
        required: true
      floating_ip_activated:
        type: boolean
        description: Whether a floating IP is activated on the CP.
        required: true
      ip_address_type:
        type: string
        description: IP version of the addresses to assign.
        required: false
        constraints:
          - valid_values: [ipv4, ipv6]
      number_of_ip_address:
        type: integer
        description: Minimum number of IP addresses to assign.
        required: false
        constraints:
          - greater_than: 0

  # --- virtual link connectivity ---------------------------------------------

  tosca.datatypes.nfv.ConnectivityType:
    derived_from: tosca.datatypes.Root
    description: Protocol stack and flow pattern offered by a virtual link.
    properties:
      layer_protocols:
        type: list
        description: Protocols the link gives access to; the top layer is mandatory.
        required: true
        entry_schema:
          type: string
          constraints:
            - valid_values: [ethernet, mpls, odu2, ipv4, ipv6, pseudo-wire]
      flow_pattern:
        type: string
        description: Flow pattern of the connectivity.
        required: false
        constraints:
          - valid_values: [line, tree, mesh]

  tosca.datatypes.nfv.LinkBitrateRequirements:
    derived_from: tosca.datatypes.Root
    description: Bitrate requirements of a virtual link, in bits per second.
    properties:
      root:
        type: integer
        description: Throughput of the link (E-Line bitrate, E-Tree root, E-LAN aggregate).
        required: true
        constraints:
          - greater_or_equal: 0
      leaf:
        type: integer
        description: Throughput of leaf connections, where the connectivity type has leaves.
        required: false
        constraints:
          - greater_or_equal: 0

  tosca.datatypes.nfv.Qos:
    derived_from: tosca.datatypes.Root
    description: QoS requirements of a virtual link.
    properties:
      latency:
        type: scalar-unit.time
        description: Maximum latency.
        required: true
        constraints:
          - greater_than: 0 s
      packet_delay_variation:
        type: scalar-unit.time
        description: Maximum jitter.
        required: true
        constraints:
          - greater_or_equal: 0 s
      packet_loss_ratio:
        type: float
        description: Maximum packet loss ratio.
        required: false
        constraints:
          - in_range: [0.0, 1.0]

  # --- profiles and monitoring -----------------------------------------------

  tosca.datatypes.nfv.VnfProfile:
    derived_from: tosca.datatypes.Root
    description: How VNFs of one VNFD/DF are instantiated within an NS deployment flavour.
    properties:
      instantiation_level:
        type: string
        description: VNF instantiation level to use; the VNFD default level when absent.
        required: false
      min_number_of_instances:
        type: integer
        description: Lowest number of VNF instances allowed for this profile.
        required: true
        constraints:
          - greater_or_equal: 0
      max_number_of_instances:
        type: integer
        description: Highest number of VNF instances allowed for this profile.
        required: true
        constraints:
          - greater_or_equal: 0
      # Optional property of later SOL001 editions (3.x), accepted for forward compatibility.
      service_availability_level:
        type: integer
        description: Service availability level of the VNF instances of this profile.
        required: false
        constraints:
          - greater_or_equal: 1

  # Defined here since v2.7.1 (it lived in the VNFD types in v2.6.1).
  tosca.datatypes.nfv.VnfMonitoringParameter:
    derived_from: tosca.datatypes.Root
    description: A virtualised-resource performance metric to monitor at VNF level.
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
          - valid_values: [v_cpu_usage_mean_vnf, v_cpu_usage_peak_vnf,
                           v_memory_usage_mean_vnf, v_memory_usage_peak_vnf,
                           v_disk_usage_mean_vnf, v_disk_usage_peak_vnf,
                           byte_incoming_vnf_ext_cp, byte_outgoing_vnf_ext_cp,
                           packet_incoming_vnf_ext_cp, packet_outgoing_vnf_ext_cp]
      collection_period:
        type: scalar-unit.time
        description: How often the metric is collected.
        required: false
        constraints:
          - greater_than: 0 s

# ---------------------------------------------------------------------------
# Capability and relationship types
# ---------------------------------------------------------------------------
capability_types:

  tosca.capabilities.nfv.VirtualLinkable:
    derived_from: tosca.capabilities.Node
    description: Target capability of the VirtualLinksTo relationship (offered by virtual links).

  # Added in v2.7.1 (used by NFP / VNFFG modelling in NSDs).
  tosca.capabilities.nfv.Forwarding:
    derived_from: tosca.capabilities.Root
    description: Target capability of the ForwardTo relationship.

relationship_types:

  tosca.relationships.nfv.VirtualLinksTo:
    derived_from: tosca.relationships.DependsOn
    description: Attaches a CP (VduCp, VnfExtCp, PnfExtCp, Sap) or a VNF/NS to a virtual link.
    valid_target_types: [tosca.capabilities.nfv.VirtualLinkable]

  # Added in v2.7.1.
  tosca.relationships.nfv.VipVirtualLinksTo:
    derived_from: tosca.relationships.DependsOn
    description: Attaches a VipCp to a VnfVirtualLink or an NsVirtualLink.
    valid_target_types: [tosca.capabilities.nfv.VirtualLinkable]

  # Added in v2.7.1.
  tosca.relationships.nfv.ForwardTo:
    derived_from: tosca.relationships.Root
    description: Forwarding association used to describe network forwarding paths.
    valid_target_types: [tosca.capabilities.nfv.Forwarding]

# ---------------------------------------------------------------------------
# Node types
# ---------------------------------------------------------------------------
node_types:

  tosca.nodes.nfv.Cp:
    derived_from: tosca.nodes.Root
    description: Abstract connection point; base of VduCp, VnfExtCp, VipCp, Sap and PnfExtCp.
    properties:
      layer_protocols:
        type: list
        description: Protocols the CP uses for connectivity.
        required: true
        entry_schema:
          type: string
          constraints:
            - valid_values: [ethernet, mpls, odu2, ipv4, ipv6, pseudo-wire]
      role:
        type: string
        description: Role of the CP in the traffic flow pattern of the VNF or parent NS.
        required: false
        constraints:
          - valid_values: [root, leaf]
      description:
        type: string
        description: Human readable purpose of the CP.
        required: false
      protocol:
        type: list
        description: Protocol and address information of the CPs created from this descriptor.
        required: false
        entry_schema:
          type: tosca.datatypes.nfv.CpProtocolData
      trunk_mode:
        type: boolean
        description: Whether the CP works in trunk mode (several VLANs); absent means false.
        required: false

# ---------------------------------------------------------------------------
# Policy types
# ---------------------------------------------------------------------------
policy_types:

  # Added in v2.7.1: common base of the VNFD SecurityGroupRule and the NSD
  # NsSecurityGroupRule policy types (no targets of its own).
  tosca.policies.nfv.Abstract.SecurityGroupRule:
    derived_from: tosca.policies.Root
    description: Abstract traffic-matching rule of a security group.
    properties:
      description:
        type: string
        description: Human readable description of the rule.
        required: false
      direction:
        type: string
        description: Traffic direction, relative to the associated CP, the rule matches.
        required: false
        default: ingress
        constraints:
          - valid_values: [ingress, egress]
      ether_type:
        type: string
        description: Protocol carried over the Ethernet layer.
        required: false
        default: ipv4
        constraints:
          - valid_values: [ipv4, ipv6]
      protocol:
        type: string
        description: Protocol carried over IP (IANA protocol keyword).
        required: false
        default: tcp
        constraints:
          - valid_values: [hopopt, icmp, igmp, ggp, ipv4, st, tcp, cbt, egp, igp, bbn_rcc_mon, nvp_ii, pup, argus, emcon, xnet, chaos,
                           udp, mux, dcn_meas, hmp, prm, xns_idp, trunk_1, trunk_2, leaf_1, leaf_2, rdp, irtp, iso_tp4, netblt, mfe_nsp,
                           merit_inp, dccp, 3pc, idpr, xtp, ddp, idpr_cmtp, tp++, il, ipv6, sdrp, ipv6_route, ipv6_frag, idrp, rsvp, gre,
                           dsr, bna, esp, ah, i_nlsp, swipe, narp, mobile, tlsp, skip, ipv6_icmp, ipv6_no_nxt, ipv6_opts, cftp, sat_expak,
                           kryptolan, rvd, ippc, sat_mon, visa, ipcv, cpnx, cphb, wsn, pvp, br_sat_mon, sun_nd, wb_mon, wb_expak, iso_ip,
                           vmtp, secure_vmtp, vines, ttp, iptm, nsfnet_igp, dgp, tcf, eigrp, ospfigp, sprite_rpc, larp, mtp, ax.25, ipip,
                           micp, scc_sp, etherip, encap, gmtp, ifmp, pnni, pim, aris, scps, qnx, a/n, ip_comp, snp, compaq_peer,
                           ipx_in_ip, vrrp, pgm, l2tp, ddx, iatp, stp, srp, uti, smp, sm, ptp, isis, fire, crtp, crudp, sscopmce, iplt,
                           sps, pipe, sctp, fc, rsvp_e2e_ignore, mobility, udp_lite, mpls_in_ip, manet, hip, shim6, wesp, rohc]
      port_range_min:
        type: integer
        description: Lowest port number matched by the rule.
        required: false
        default: 0
        constraints:
          - greater_or_equal: 0
          - less_or_equal: 65535
      port_range_max:
        type: integer
        description: Highest port number matched by the rule.
        required: false
        default: 65535
        constraints:
          - greater_or_equal: 0
          - less_or_equal: 65535
"""
