# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Types of Tacker's legacy VNFD dialect (tosca_simple_profile_for_nfv_1_0_0 with *.Tacker types).

Tacker injects its own definitions into such templates instead of importing them, so the templates name
types no file defines. The loader injects this file when a template uses them. Written from the
dialect's published type names and properties; only what VDUs, CPs and policies need to load.
"""

from __future__ import annotations

FILE_NAME = "smartnfvo_tacker_legacy_types.yaml"

TOSCA_YAML = r"""
tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
description: Tacker legacy VNFD types (NFV profile 1.0), as injected by Tacker.

capability_types:
  tosca.datatypes.compute_properties:
    derived_from: tosca.capabilities.Root
    properties:
      num_cpus: {type: integer, required: false}
      mem_size: {type: scalar-unit.size, required: false}
      disk_size: {type: scalar-unit.size, required: false}
      mem_page_size: {type: string, required: false}
      numa_node_count: {type: integer, required: false}
      numa_nodes: {type: map, required: false}
      cpu_allocation: {type: map, required: false}

node_types:
  tosca.nodes.nfv.VDU.Tacker:
    derived_from: tosca.nodes.nfv.VDU
    capabilities:
      nfv_compute:
        type: tosca.datatypes.compute_properties
    properties:
      name: {type: string, required: false}
      image: {type: string, required: false}
      flavor: {type: string, required: false}
      availability_zone: {type: string, required: false}
      metadata: {type: map, entry_schema: {type: string}, required: false}
      config_drive: {type: boolean, default: false, required: false}
      placement_policy: {type: map, required: false}
      monitoring_policy: {type: map, required: false}
      config: {type: string, required: false}
      mgmt_driver: {type: string, default: noop, required: false}
      service_type: {type: string, default: vnfd, required: false}
      user_data: {type: string, required: false}
      user_data_format: {type: string, required: false}
      key_name: {type: string, required: false}
      reservation_metadata: {type: map, required: false}
      maintenance: {type: boolean, required: false}

  tosca.nodes.nfv.CP.Tacker:
    derived_from: tosca.nodes.nfv.CP
    properties:
      name: {type: string, required: false}
      mac_address: {type: string, required: false}
      ip_address: {type: string, required: false}
      management: {type: boolean, default: false, required: false}
      anti_spoofing_protection: {type: boolean, default: true, required: false}
      security_groups: {type: list, entry_schema: {type: string}, required: false}
      type: {type: string, default: vnic, required: false, constraints: [{valid_values: [vnic, sriov]}]}

policy_types:
  tosca.policies.tacker.Placement:
    derived_from: tosca.policies.Placement
    properties:
      policy: {type: string, default: affinity, required: false, constraints: [{valid_values: [affinity, anti-affinity]}]}
      strict: {type: boolean, default: true, required: false}
      description: {type: string, required: false}

  tosca.policies.tacker.Scaling:
    derived_from: tosca.policies.Scaling
    properties:
      targets: {type: list, entry_schema: {type: string}, required: false}
      increment: {type: integer, required: true}
      cooldown: {type: integer, default: 120, required: false}
      min_instances: {type: integer, required: true}
      max_instances: {type: integer, required: true}
      default_instances: {type: integer, required: true}

  tosca.policies.tacker.Monitoring:
    derived_from: tosca.policies.Monitoring
    properties:
      name: {type: string, required: true}
      parameters: {type: map, required: false}
      actions: {type: map, required: true}

  tosca.policies.tacker.Alarming:
    derived_from: tosca.policies.Monitoring
    triggers: {}

  tosca.policies.tacker.Reservation:
    derived_from: tosca.policies.Reservation
"""
