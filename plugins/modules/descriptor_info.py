#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: descriptor_info
short_description: Validate an ETSI NFV descriptor and show the plan it would deploy
version_added: 0.1.0
description:
  - Loads an NSD or VNFD (SOL001 TOSCA YAML, a SOL004 CSAR directory or a CSAR zip) fully offline,
    validates it with tosca-parser and the collection's own checks, and returns the descriptor model,
    the VIM-neutral deployment plan and a Mermaid diagram of the topology.
  - On an invalid descriptor it fails with every problem found, each naming the file, the node template and the reason.
  - Things that do not make a descriptor invalid (an artifact absent from the package, a bundled SOL001 type file used
    in place of a missing one) are reported as warnings.
  - Read-only; it never contacts a VIM.
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
  - smartnfvo.nfvo.descriptor.instantiation
attributes:
  check_mode:
    description: Can run in check mode; the module never changes anything.
    support: full
  diff_mode:
    description: Returns no diff; it changes nothing.
    support: none
requirements:
  - tosca-parser == 2.15.0
  - PyYAML
  - netaddr
"""

EXAMPLES = r"""
- name: Validate the sample NS and show its plan
  smartnfvo.nfvo.descriptor_info:
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
  register: sample_ns

- name: Plan a VNF package with a second instantiation level and an explicit CIDR
  smartnfvo.nfvo.descriptor_info:
    path: /srv/packages/vnf_web.zip
    instantiation_level: instantiation_level_2
    vl_cidrs:
      web.web_internal: 192.0.2.0/24

- name: Print the topology as Mermaid
  ansible.builtin.debug:
    msg: "{{ sample_ns.diagram }}"
"""

RETURN = r"""
descriptor:
  description: The descriptor model as plain data (an NSD with its VNFDs, or a VNFD with its deployment flavours).
  returned: success
  type: dict
  sample: {"kind": "vnfd", "descriptor_id": "b1bb0ce7-ebca-4fa7-95ed-4840d70a1177", "flavours": []}
plan:
  description:
    - Ordered, VIM-neutral resources (network, subnet, flavor, image, server_group, volume, port, server),
      each with a stable name, the node template it comes from, its tags and properties.
  returned: success
  type: dict
  sample: {"ns_name": "sample", "ns_instance_id": "0b7f...", "resources": [], "summary": {"server": 4}}
diagram:
  description: Mermaid flowchart of the topology (VNFs, VDUs, CPs, VLs).
  returned: success
  type: str
  sample: "flowchart LR\n    vnf_vdu_VDU1[\"VDU VDU1\"]\n"
problems:
  description: On failure, every problem found, each with file, node and reason.
  returned: failure
  type: list
  elements: dict
  sample: [{"file": "vnf.yaml", "node": "VDU1", "reason": "level(s) instantiation_level_3 not found"}]
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import DESCRIPTOR_ARGS, INSTANTIATION_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.describe import describe


def main():
    NfvoModule(dict(DESCRIPTOR_ARGS, **INSTANTIATION_ARGS), supports_check_mode=True).run(lambda m: describe(m.params))


if __name__ == "__main__":
    main()
