#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vnf
short_description: Heal, start or stop the VDU instances of a VNF instance of an NS on OpenStack
version_added: 0.2.0
description:
  - Works on an NS instantiated by M(smartnfvo.nfvo.ns), with the same descriptor and instantiation options.
  - C(heal) creates again a VDU instance whose server is missing, and replaces one in C(ERROR) by a new server on
    the same ports, so that its IP and MAC addresses stay. Healthy instances are left alone.
  - C(stop) and C(start) power the VNF's servers off and on, and wait for C(SHUTOFF) or C(ACTIVE).
  - Scaling is declarative and done by M(smartnfvo.nfvo.ns) with O(smartnfvo.nfvo.ns#module:scale_levels).
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
  - smartnfvo.nfvo.descriptor.instantiation
  - smartnfvo.nfvo.openstack
options:
  vnf:
    description: Name of the VNF instance in the NS (as in the plan and in M(smartnfvo.nfvo.ns)'s C(vnfs)).
    type: str
    required: true
  operation:
    description: What to do with the VNF's VDU instances.
    type: str
    choices: [heal, start, stop]
    required: true
  vdu:
    description: Only the instances of this VDU.
    type: str
  vdu_index:
    description: Only the instance of this index (with O(vdu)).
    type: int
  keypair:
    description: The existing keypair the NS was instantiated with, if any (see M(smartnfvo.nfvo.ns)).
    type: str
  key_dir:
    description: Directory of the generated keypairs' private keys (see M(smartnfvo.nfvo.ns)).
    type: path
    default: ~/.smartnfvo/keys
  wait_timeout:
    description: Seconds to wait for servers to reach their state.
    type: int
    default: 600
  concurrency:
    description: How many VIM requests to run at once.
    type: int
    default: 8
attributes:
  check_mode:
    description: Reports what it would do, reading the VIM only.
    support: full
  diff_mode:
    description: Returns no diff; C(changes) lists what is done.
    support: none
requirements:
  - openstacksdk >= 1.0.0
  - tosca-parser == 2.15.0
"""

EXAMPLES = r"""
- name: Heal the web VNF of the demo NS (servers in ERROR or missing)
  smartnfvo.nfvo.vnf:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    flavor_map: {client_vdu: m1.tiny, fw_vdu: nfv.small, web_vdu: m1.tiny}
    image_map: {debian-12-generic: smartnfvo-image}
    vnf: web
    operation: heal

- name: Stop the firewall
  smartnfvo.nfvo.vnf:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    vnf: firewall
    operation: stop
"""

RETURN = r"""
ns_instance_id:
  description: Id of the NS instance.
  returned: success
  type: str
  sample: ddea6a3d-c07e-59a5-84a3-d5025ea1109a
ns_name:
  description: Name of the NS instance.
  returned: success
  type: str
  sample: demo
changes:
  description: What was done (in check mode, what would be done).
  returned: success
  type: list
  elements: str
  sample: ["create server demo-web-web-vdu-0", "delete server demo-web-web-vdu-0"]
created:
  description: Resources created.
  returned: success
  type: list
  elements: dict
  sample: [{"type": "server", "name": "demo-web-web-vdu-0", "id": "9a1c..."}]
deleted:
  description: Resources deleted.
  returned: success
  type: list
  elements: dict
  sample: [{"type": "server", "name": "demo-web-web-vdu-0", "id": "77e0..."}]
vnf:
  description: The VNF instance as found on the VIM afterwards, as in M(smartnfvo.nfvo.ns)'s C(vnfs) (null if it has no server).
  returned: success
  type: dict
  sample: {"vnf_name": "web", "vdu_instances": [{"vdu": "web_vdu", "index": 0, "status": "ACTIVE"}]}
api_calls:
  description: VIM requests made, by HTTP method (authentication excluded).
  returned: success
  type: dict
  sample: {"GET": 9, "POST": 1, "DELETE": 1}
problems:
  description: On an invalid descriptor, every problem found, each with file, node and reason.
  returned: failure
  type: list
  elements: dict
  sample: [{"file": "vnf.yaml", "node": "VDU1", "reason": "level(s) instantiation_level_3 not found"}]
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import DESCRIPTOR_ARGS, INSTANTIATION_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoVimModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.ns_service import VNF_ARGS, run_vnf


def main():
    spec = dict(DESCRIPTOR_ARGS, **INSTANTIATION_ARGS)
    spec.update(VNF_ARGS)
    NfvoVimModule(spec, supports_check_mode=True, required_by={"vdu_index": "vdu"}).run(run_vnf)


if __name__ == "__main__":
    main()
