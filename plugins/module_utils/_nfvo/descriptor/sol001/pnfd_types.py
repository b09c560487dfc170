# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bundled ETSI GS NFV-SOL 001 PNFD type definitions (etsi_nfv_sol001_pnfd_types.yaml).

TOSCA_YAML holds the PNFD types of SOL001 v2.6.1 clause 7 (the PNF node, its external connection point
and the location data), written for this collection from the standard's type and property names. An NSD
that places PNFs imports this file; it imports the common types by bare name (see catalog.py).
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

TOSCA_YAML = r"""tosca_definitions_version: tosca_simple_yaml_1_2
description: SmartNFVO bundled copy of the ETSI GS NFV-SOL 001 PNFD type definitions (v2.6.1 clause 7).
metadata:
  template_name: etsi_nfv_sol001_pnfd_types
  template_author: SmartNFVO (transcribed from ETSI GS NFV-SOL 001)
  template_version: 2.6.1

imports:
  - etsi_nfv_sol001_common_types.yaml

data_types:
  tosca.datatypes.nfv.CivicAddressElement:
    derived_from: tosca.datatypes.Root
    description: One element of a civic address (RFC 4776).
    properties:
      ca_type:
        type: string
        description: Type of the element (RFC 4776 CAtype).
        required: true
      ca_value:
        type: string
        description: Value of the element.
        required: true

  tosca.datatypes.nfv.LocationInfo:
    derived_from: tosca.datatypes.Root
    description: Where a PNF is, as a country and a civic address.
    properties:
      country_code:
        type: string
        description: Two-letter ISO 3166 country code.
        required: true
      civic_address_element:
        type: list
        entry_schema:
          type: tosca.datatypes.nfv.CivicAddressElement
        description: Elements of the civic address.
        required: false

node_types:
  tosca.nodes.nfv.PNF:
    derived_from: tosca.nodes.Root
    description: A physical network function, as an NS uses it.
    properties:
      descriptor_id:
        type: string
        description: Identifier of this PNFD.
        required: true
      function_description:
        type: string
        description: What the PNF does.
        required: true
      provider:
        type: string
        description: Provider of the PNF and of the PNFD.
        required: true
      version:
        type: string
        description: Version of the PNFD.
        required: true
      descriptor_invariant_id:
        type: string
        description: Identifier of the PNFD that stays the same across its versions.
        required: true
      name:
        type: string
        description: Name of the PNF.
        required: true
      geographical_location_info:
        type: tosca.datatypes.nfv.LocationInfo
        description: Where the PNF is.
        required: false
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]

  tosca.nodes.nfv.PnfExtCp:
    derived_from: tosca.nodes.nfv.Cp
    description: An external connection point of a PNF.
    requirements:
      - external_virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
"""
