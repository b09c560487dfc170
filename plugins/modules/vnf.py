#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vnf
short_description: Scale, heal, start or stop the VDU instances of a VNF instance of an NS on OpenStack
version_added: 0.2.0
description:
  - Works on an NS instantiated by M(smartnfvo.nfvo.ns), with the same descriptor and instantiation options.
  - C(heal) creates again a VDU instance whose server is missing, and replaces one in C(ERROR) by a new server on
    the same ports, so that its IP and MAC addresses stay. Healthy instances are left alone.
  - C(stop) and C(start) power the VNF's servers off and on, and wait for C(SHUTOFF) or C(ACTIVE).
  - C(scale_out) and C(scale_in) move the VNF's scaling aspect O(aspect) up or down by O(steps) scale levels, from the
    level its VDU instances on the VIM show (the VIM is the source of truth, no level is stored anywhere else). The new
    level must stay within 0 and the aspect's C(max_scale_level), and every VDU's instance count within its VDU
    profile's minimum and maximum; otherwise the module fails, naming the VNF, the aspect, the current level and the
    limits, and changes nothing. A scale-out creates the new VDU instances with their ports (and rolls them back if
    one fails, unless O(on_failure=keep)); a scale-in deletes the highest-indexed instances and their ports.
    Nothing else of the NS is touched.
  - A later M(smartnfvo.nfvo.ns) run without O(smartnfvo.nfvo.ns#module:instantiation_level) or
    O(smartnfvo.nfvo.ns#module:scale_levels) keeps the level; declarative scaling with those options works too.
  - With the default O(placement=strict), a scale-out of a VDU with an anti-affinity rule needs one compute host per
    instance; O(placement=soft) (at instantiation) lets the VIM place them on fewer.
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
  - smartnfvo.nfvo.descriptor.instantiation
  - smartnfvo.nfvo.openstack
  - smartnfvo.nfvo.vim
  - smartnfvo.nfvo.run
options:
  vnf:
    description: Name of the VNF instance in the NS (as in the plan and in M(smartnfvo.nfvo.ns)'s C(vnfs)).
    type: str
    required: true
  operation:
    description: What to do with the VNF's VDU instances.
    type: str
    choices: [heal, start, stop, scale_out, scale_in]
    required: true
  aspect:
    description: The scaling aspect (of the VNF's deployment flavour) to scale, with O(operation=scale_out) or C(scale_in).
    type: str
  steps:
    description: How many scale levels to scale out or in by.
    type: int
    default: 1
  vdu:
    description: Only the instances of this VDU.
    type: str
  vdu_index:
    description: Only the instance of this index (with O(vdu)).
    type: int
attributes:
  check_mode:
    description: Reports what it would do, reading the VIM only.
    support: full
  diff_mode:
    description: For scale operations, the VNF's servers and ports before and after; none for the others.
    support: partial
requirements:
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

- name: Scale the web VNF out by one step of its aspect web_scale
  smartnfvo.nfvo.vnf:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    flavor_map: {client_vdu: m1.tiny, fw_vdu: nfv.small, web_vdu: m1.tiny}
    image_map: {debian-12-generic: smartnfvo-image}
    vnf: web
    operation: scale_out
    aspect: web_scale
  register: scaled

- name: Add the new web servers to the play, as the inventory will list them
  ansible.builtin.add_host:
    name: "{{ item.name }}"
    groups: "{{ item.groups }}"
    host_vars: "{{ item.vars }}"
  loop: "{{ scaled.hosts | selectattr('name', 'in', scaled.added_instances | map(attribute='name')) }}"

- name: And back in
  smartnfvo.nfvo.vnf:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    vnf: web
    operation: scale_in
    aspect: web_scale

- name: Stop the firewall
  smartnfvo.nfvo.vnf:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    vnf: firewall
    operation: stop
"""

RETURN = r"""
vim:
  description: The VIM the module worked on (name, type, capabilities, boot_timeout), as M(smartnfvo.nfvo.ns) returns it.
  returned: when the module connected to the VIM
  type: dict
  sample: {"name": "local", "type": "local", "capabilities": ["fixed_ips", "power", "ssh"], "boot_timeout": 60}
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
aspect:
  description: The scaling aspect scaled.
  returned: O(operation) is C(scale_out) or C(scale_in)
  type: str
  sample: web_scale
scale_level:
  description: The aspect's scale level after the operation (in check mode, the level it would reach).
  returned: O(operation) is C(scale_out) or C(scale_in)
  type: int
  sample: 1
previous_scale_level:
  description: The aspect's scale level before the operation, as read from the VIM.
  returned: O(operation) is C(scale_out) or C(scale_in)
  type: int
  sample: 0
scale_levels:
  description: Every scaling aspect of the VNF with its level after the operation.
  returned: O(operation) is C(scale_out) or C(scale_in)
  type: dict
  sample: {"web_scale": 1}
added_instances:
  description: VDU instances the scale-out creates (C(vdu), C(index), C(name) of the server, which is also the host name).
  returned: O(operation) is C(scale_out) or C(scale_in)
  type: list
  elements: dict
  sample: [{"vdu": "web_vdu", "index": 1, "name": "demo-web-web-vdu-1"}]
removed_instances:
  description: VDU instances the scale-in deletes, highest index first.
  returned: O(operation) is C(scale_out) or C(scale_in)
  type: list
  elements: dict
  sample: [{"vdu": "web_vdu", "index": 1, "name": "demo-web-web-vdu-1"}]
hosts:
  description:
    - The VNF's VDU instances after the operation (in check mode, before it) as inventory hosts, exactly as the
      P(smartnfvo.nfvo.vnfs#inventory) inventory lists them; see M(smartnfvo.nfvo.ns)'s C(hosts).
  returned: success
  type: list
  elements: dict
  sample: [{"name": "demo-web-web-vdu-1", "groups": ["ns_demo", "vnf_web", "vdu_web_vdu", "vim_smartnfvo", "state_active"],
            "vars": {"ansible_host": "10.10.0.7", "smartnfvo_vdu_index": 1}}]
progress:
  description: Progress events of the run, oldest first (see M(smartnfvo.nfvo.ns)).
  returned: success
  type: list
  elements: dict
  sample: [{"time": "2026-11-21T08:00:01Z", "event": "create", "detail": "server demo-web-web-vdu-1"}]
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
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.run_args import VNF_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.vnf import run_vnf


def main():
    spec = dict(DESCRIPTOR_ARGS, **INSTANTIATION_ARGS)
    spec.update(VNF_ARGS)
    nfvo = NfvoModule(spec, vim=True, supports_check_mode=True, required_by={"vdu_index": "vdu"},
                      required_if=[("operation", "scale_out", ("aspect",)), ("operation", "scale_in", ("aspect",))])
    nfvo.run(lambda m: run_vnf(m.params, m.check_mode, m.driver(), m.progress("smartnfvo.nfvo.vnf")))


if __name__ == "__main__":
    main()
