#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: ns_lcm_info
short_description: The Vnflcm operations of an NS's VNFs, in configuration order, and the NS package's LCM parameters
version_added: 0.3.0
description:
  - Reads an NSD (or a VNFD) like M(smartnfvo.nfvo.descriptor_info) and returns, for every VNF instance the NS
    has, the C(Vnflcm) operations its VNFD declares with their implementation artifacts.
  - The VNFs come in configuration order. An NS package may ship C(Files/ns_lcm_params.yml) (a SmartNFVO
    convention) with C(configuration_order) (VNF names configured first, in that order; terminate hooks run in
    the reverse order) and C(additional_params_for_vnf) (per-VNF variables of the LCM playbooks, which may use
    C(ns_cp_addresses) and C(ns_cp_cidrs)); the other VNFs follow in the NSD's order.
  - The LCM roles use it to know which VNFs to configure and in which order; M(smartnfvo.nfvo.vnf_lcm) runs them.
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
attributes:
  check_mode:
    description: Reads only.
    support: full
  diff_mode:
    description: Returns no diff.
    support: none
requirements:
  - tosca-parser == 2.15.0
seealso:
  - module: smartnfvo.nfvo.vnf_lcm
"""

EXAMPLES = r"""
- name: Which VNFs to configure, in which order
  smartnfvo.nfvo.ns_lcm_info:
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
  register: lcm

- name: VNFs that declare instantiate_end
  ansible.builtin.debug:
    msg: "{{ lcm.vnfs | selectattr('operations.instantiate_end', 'defined') | map(attribute='vnf_name') }}"
"""

RETURN = r"""
vnfs:
  description: The VNF instances of the NS (one for a VNFD), in configuration order.
  returned: success
  type: list
  elements: dict
  contains:
    vnf_name:
      description: Name of the VNF instance, as M(smartnfvo.nfvo.ns) names it (empty for a VNFD).
      type: str
    vnfd_id:
      description: Its VNFD.
      type: str
    flavour_id:
      description: Its deployment flavour.
      type: str
    operations:
      description: Vnflcm operation name -> implementation artifact (path inside the VNF package).
      type: dict
  sample: [{"vnf_name": "firewall", "vnfd_id": "7142cb09-daee-4cd4-8487-02ed6dc04430", "flavour_id": "default",
            "operations": {"instantiate_end": "Scripts/instantiate_end.yml"}}]
configuration_order:
  description: The names of RV(vnfs), in order.
  returned: success
  type: list
  elements: str
  sample: [firewall, web, client]
additional_params_for_vnf:
  description: Per-VNF variables from the NS package's C(Files/ns_lcm_params.yml) (not templated).
  returned: success
  type: dict
  sample: {"web": {"firewall_server_ip": "{{ ns_cp_addresses.firewall.fw_server_cp[0] }}"}}
problems:
  description: On an invalid descriptor, every problem found, each with file, node and reason.
  returned: failure
  type: list
  elements: dict
  sample: [{"file": "vnf.yaml", "node": "VDU1", "reason": "level(s) instantiation_level_3 not found"}]
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import DESCRIPTOR_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.service import run_ns_lcm_info


def main():
    NfvoModule(dict(DESCRIPTOR_ARGS), supports_check_mode=True).run(lambda m: run_ns_lcm_info(m.params))


if __name__ == "__main__":
    main()
