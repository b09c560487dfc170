#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: ns
short_description: Instantiate or terminate an ETSI NFV network service on an OpenStack VIM
version_added: 0.2.0
description:
  - Plans the NS (or stand-alone VNF) of a descriptor like M(smartnfvo.nfvo.descriptor_info), reads what of it exists
    on the VIM (by the NS tag, and by name for flavors, images, server groups and the keypair), and creates or deletes
    what differs. Re-running with the same inputs changes nothing.
  - Independent resources are created concurrently, in dependency order (networks, subnets, ports; flavors, images and
    server groups; then servers), and the module waits until every server is C(ACTIVE).
  - Flavors are found by name or by the same vCPUs, RAM, disk and extra specs; only an admin can create a missing one,
    so non-admin users map VDUs to existing flavors with O(flavor_map). Images are found by name (or checksum) and
    are not uploaded; map software images with O(image_map).
  - Unless O(keypair) names an existing keypair, a keypair is made per NS, named C(smartnfvo-<ns_name>-<first 8 characters
    of the NS instance id>); its private key is written to O(key_dir) with mode 0600 and never returned.
  - With O(state=absent), deletes every resource tagged with the NS (also leftovers of failed runs), its server groups
    and keypair. Flavors and images are shared and kept.
  - Block storage (volumes) is not created yet; the plan's volumes are skipped with a warning.
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
  - smartnfvo.nfvo.descriptor.instantiation
  - smartnfvo.nfvo.openstack
options:
  state:
    description: C(present) instantiates the NS (or brings it back to its plan), C(absent) terminates it.
    type: str
    choices: [present, absent]
    default: present
  on_failure:
    description:
      - What to do with the resources this run created when a step fails.
      - C(rollback) deletes them; C(keep) leaves them for inspection (a later run resumes, O(state=absent) removes them).
    type: str
    choices: [rollback, keep]
    default: rollback
  keypair:
    description: Existing Nova keypair to boot the servers with, instead of one generated for the NS.
    type: str
  key_dir:
    description: Directory for the private keys of generated keypairs (one file per keypair, named as the keypair).
    type: path
    default: ~/.smartnfvo/keys
  wait_timeout:
    description: Seconds to wait for servers to become C(ACTIVE) (or to be deleted).
    type: int
    default: 600
  concurrency:
    description: How many VIM requests to run at once.
    type: int
    default: 8
attributes:
  check_mode:
    description: Reports the creates and deletes it would make, reading the VIM only.
    support: full
  diff_mode:
    description: Before and after as lists of C(type/name) of the NS's resources.
    support: full
requirements:
  - openstacksdk >= 1.0.0
  - tosca-parser == 2.15.0
  - cryptography (to generate keypairs)
"""

EXAMPLES = r"""
- name: Instantiate the sample NS as a non-admin user, on existing flavors and image
  smartnfvo.nfvo.ns:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    flavor_map: {client_vdu: m1.tiny, fw_vdu: nfv.small, web_vdu: m1.tiny}
    image_map: {debian-12-generic: smartnfvo-image}
  register: demo

- name: Management IP of every VDU instance
  ansible.builtin.debug:
    msg: "{{ demo.vnfs | map(attribute='vdu_instances') | flatten | map(attribute='management_ip') }}"

- name: Terminate it
  smartnfvo.nfvo.ns:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
    state: absent
"""

RETURN = r"""
ns_instance_id:
  description: Id of the NS instance (stable for the same NS name); its resources carry the tag C(smartnfvo:ns=<id>).
  returned: success
  type: str
  sample: ddea6a3d-c07e-59a5-84a3-d5025ea1109a
ns_name:
  description: Name of the NS instance.
  returned: success
  type: str
  sample: demo
changes:
  description: The creates and deletes made (in check mode, those that would be made).
  returned: success
  type: list
  elements: str
  sample: ["create network demo-mgmt-net", "delete server demo-web-web-vdu-1"]
created:
  description: Resources this run created (none in check mode).
  returned: success
  type: list
  elements: dict
  sample: [{"type": "network", "name": "demo-mgmt-net", "id": "5b6d..."}]
deleted:
  description: Resources this run deleted (none in check mode).
  returned: success
  type: list
  elements: dict
  sample: [{"type": "server", "name": "demo-web-web-vdu-1", "id": "9a1c..."}]
vnfs:
  description:
    - VNF instances of the NS as found on the VIM after the run, each with its VDU instances (server, status, management
      IP) and their connection points (port, MAC, IPs, subnets, network). Empty for O(state=absent).
  returned: success
  type: list
  elements: dict
  sample: [{"vnf_name": "web", "vnf_instance_id": "fff5...", "vdu_instances": [{"vdu": "web_vdu", "index": 0,
            "status": "ACTIVE", "management_ip": "10.10.0.5", "cps": [{"cp": "web_mgmt_cp", "mac_address": "fa:16:3e:..",
            "ip_addresses": ["10.10.0.5"], "subnets": ["10.10.0.0/24"], "network": "demo-mgmt-net"}]}]}]
keypair:
  description: Keypair the servers boot with.
  returned: state is present
  type: str
  sample: smartnfvo-demo-ddea6a3d
private_key_path:
  description: Where the private key of the generated keypair is (null when O(keypair) is given).
  returned: state is present
  type: str
  sample: /root/.smartnfvo/keys/smartnfvo-demo-ddea6a3d
api_calls:
  description: VIM requests made, by HTTP method (authentication excluded); a re-run without changes makes only GETs.
  returned: success
  type: dict
  sample: {"GET": 9}
problems:
  description: On an invalid descriptor, every problem found, each with file, node and reason.
  returned: failure
  type: list
  elements: dict
  sample: [{"file": "vnf.yaml", "node": "VDU1", "reason": "level(s) instantiation_level_3 not found"}]
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import DESCRIPTOR_ARGS, INSTANTIATION_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoVimModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.ns_service import NS_ARGS, run_ns


def main():
    spec = dict(DESCRIPTOR_ARGS, **INSTANTIATION_ARGS)
    spec.update(NS_ARGS)
    NfvoVimModule(spec, supports_check_mode=True).run(run_ns)


if __name__ == "__main__":
    main()
