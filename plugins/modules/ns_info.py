#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: ns_info
short_description: List the network service instances on an OpenStack VIM, read from the VIM alone
version_added: 0.2.0
description:
  - Finds every NS instance by the tags SmartNFVO puts on networks, subnets, ports and servers, and returns its VNF
    instances, VDU instances (server, status, management IP) and connection points (port, MAC, IPs, subnets, network).
  - Needs no descriptor and no local records; four list requests whatever the number of servers.
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.openstack
  - smartnfvo.nfvo.vim
options:
  ns_name:
    description: Only the NS instance of this name.
    type: str
  ns_instance_id:
    description: Only the NS instance of this id.
    type: str
attributes:
  check_mode:
    description: Can run in check mode; the module never changes anything.
    support: full
  diff_mode:
    description: Returns no diff; it changes nothing.
    support: none
"""

EXAMPLES = r"""
- name: Every NS instance of the project
  smartnfvo.nfvo.ns_info:
    cloud: smartnfvo
  register: found

- name: One NS by name
  smartnfvo.nfvo.ns_info:
    cloud: smartnfvo
    ns_name: demo
"""

RETURN = r"""
vim:
  description: The VIM the module worked on (name, type, capabilities, boot_timeout), as M(smartnfvo.nfvo.ns) returns it.
  returned: when the module connected to the VIM
  type: dict
  sample: {"name": "local", "type": "local", "capabilities": ["fixed_ips", "power", "ssh"], "boot_timeout": 60}
ns_instances:
  description:
    - One entry per NS instance, sorted by name. C(state) is C(INSTANTIATED) when every server is ready (C(phase)),
      C(DEGRADED) when some is not, C(NOT_INSTANTIATED) when the NS has networks or ports but no server.
  returned: success
  type: list
  elements: dict
  sample: [{"ns_name": "demo", "ns_instance_id": "ddea...", "state": "INSTANTIATED",
            "networks": [{"name": "demo-mgmt-net", "id": "5b6d...", "subnets": ["10.10.0.0/24"]}],
            "vnfs": [{"vnf_name": "web", "vnf_instance_id": "fff5...", "vnfd_id": "be75...", "flavour_id": "default",
                      "vdu_instances": [{"vdu": "web_vdu", "index": 0, "name": "demo-web-web-vdu-0", "status": "ACTIVE",
                                         "server_id": "9a1c...", "management_cp": "web_mgmt_cp", "management_ip": "10.10.0.5",
                                         "cps": [{"cp": "web_mgmt_cp", "port_id": "77e0...", "port_name": "demo-web-web-vdu-0-web-mgmt-cp",
                                                  "mac_address": "fa:16:3e:00:00:01", "ip_addresses": ["10.10.0.5"],
                                                  "subnets": ["10.10.0.0/24"], "network": "demo-mgmt-net", "status": "DOWN"}]}]}]}]
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns_info


def main():
    spec = dict(ns_name=dict(type="str"), ns_instance_id=dict(type="str"))
    NfvoModule(spec, vim=True, descriptor=False, supports_check_mode=True).run(lambda m: run_ns_info(m.params, m.driver()))


if __name__ == "__main__":
    main()
