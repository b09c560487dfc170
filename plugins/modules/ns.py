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
    server groups; then servers), each as soon as what it uses exists, and the module waits until every server is
    C(ACTIVE).
  - Drift is repaired. The properties the plan owns (a port's port security, fixed IPs and MAC, a network's MTU, a
    subnet's gateway and DHCP, the SmartNFVO tags and server metadata) are put back in place when they were changed by
    hand. What the VIM cannot change is replaced, together with what uses it (a subnet whose CIDR differs, with its
    ports and their servers, and a server group whose policy differs, with its servers). Check mode and C(--diff) show
    each property before and after.
  - Flavors are found by name or by the same vCPUs, RAM, disk and extra specs; only an admin can create a missing one,
    so non-admin users map VDUs to existing flavors with O(flavor_map).
  - A software image is the one O(image_map) gives; else an active image of its name, else of its checksum (one
    that another NS uploaded is never taken); else the image file its VNF package ships (SOL001
    C(tosca.artifacts.nfv.SwImage) artifact on the VDU) is uploaded, private, with the declared disk and container
    formats, min_disk and min_ram, after its hash was checked against C(sw_image_data.checksum). An absent file or a
    checksum mismatch fails before anything is created, also in check mode. An uploaded image belongs to the NS (it
    carries the NS tags), is found again by later runs and is deleted with the NS.
  - Unless O(keypair) names an existing keypair, a keypair is made per NS, named C(smartnfvo-<ns_name>-<first 8 characters
    of the NS instance id>); its private key is written to O(key_dir) with mode 0600 and never returned.
  - Scale levels come from the VIM. Without O(instantiation_level) and O(scale_levels), each VNF keeps the scale level
    of each aspect that its VDU instances on the VIM show (for example after a scale-out by M(smartnfvo.nfvo.vnf)), so a
    re-run changes nothing. Giving O(instantiation_level) or O(scale_levels) converges the NS to them, creating or
    deleting VDU instances and their ports (declarative scaling).
  - With O(state=absent), deletes every resource tagged with the NS (also leftovers of failed runs), its server groups
    (their names end with the NS instance id), keypair and the images it uploaded. Flavors and other images are
    shared and kept. Without O(path), the NS is found on the VIM by O(ns_name) or O(ns_instance_id); terminating an NS
    that does not exist changes nothing.
  - Long waits report progress in the module's log (syslog or the journal), in the O(progress_file) and in the
    C(progress) result.
  - With O(vnf_vims), VNFs go to other OpenStack VIMs (clouds.yaml entries) than the module's own, and to the
    availability zones it gives (O(availability_zone) for the rest). Each VIM holds its VNFs' resources, tagged as
    usual, so every VIM can be read back alone; changes on another VIM end with C(on <cloud>).
  - Block storage (volumes) is not created yet; the plan's volumes are skipped with a warning.
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
  - smartnfvo.nfvo.descriptor.instantiation
  - smartnfvo.nfvo.openstack
  - smartnfvo.nfvo.vim
  - smartnfvo.nfvo.run
options:
  path:
    description:
      - An ETSI NFV SOL001 descriptor (NSD or VNFD) on the controller.
      - A YAML file with its imports, a directory laid out as a SOL004 CSAR, or a CSAR zip.
      - Imports of the SOL001 type files by their ETSI forge URL resolve to copies bundled with the collection.
      - Required with O(state=present). With O(state=absent) it may be left out; O(ns_name) or O(ns_instance_id) then
        names the NS to terminate.
    type: path
    required: false
  state:
    description: C(present) instantiates the NS (or brings it back to its plan), C(absent) terminates it.
    type: str
    choices: [present, absent]
    default: present
  ns_instance_id:
    description:
      - With O(state=absent), the id of the NS instance to terminate (as C(ns_instance_id) in the results and in
        M(smartnfvo.nfvo.ns_info)), instead of finding it by O(ns_name).
      - Not allowed with O(state=present), where the id derives from O(ns_name).
    type: str
attributes:
  check_mode:
    description: Reports the creates and deletes it would make, reading the VIM only.
    support: full
  diff_mode:
    description: Before and after as lists of C(type/name) of the NS's resources, and C(type/name property=value) of
      the owned properties that drifted.
    support: full
requirements:
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

- name: Configure the web servers right away, with the hosts the inventory would list
  ansible.builtin.add_host:
    name: "{{ item.name }}"
    groups: "{{ item.groups }}"
    host_vars: "{{ item.vars }}"
  loop: "{{ demo.hosts }}"
  loop_control:
    label: "{{ item.name }}"

- name: Soft anti-affinity, for a cloud with one compute host
  smartnfvo.nfvo.ns:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: lab
    placement: soft
    flavor_map: {client_vdu: m1.tiny, fw_vdu: nfv.small, web_vdu: m1.tiny}
    image_map: {debian-12-generic: smartnfvo-image}
    progress_file: /tmp/lab-progress.log

- name: Terminate it, by name only
  smartnfvo.nfvo.ns:
    cloud: smartnfvo
    ns_name: demo
    state: absent
"""

RETURN = r"""
vim:
  description:
    - The VIM the module worked on, as the driver describes it. Playbooks and roles ask it what the VIM can do
      instead of testing its name.
    - C(capabilities) are among C(fixed_ips) (planned addresses and MACs), C(power) (stop and start),
      C(image_upload), C(availability_zones), C(multi_vim) (O(vnf_vims)) and C(ssh) (the controller reaches every
      instance's management address over SSH once it is ready); C(boot_timeout) is how long an instance may take
      from ready to answering SSH, in seconds.
  returned: when the module connected to the VIM
  type: dict
  sample: {"name": "local", "type": "local", "capabilities": ["fixed_ips", "power", "ssh"], "boot_timeout": 60}
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
  description: The creates, replacements, updates and deletes made (in check mode, those that would be made).
  returned: success
  type: list
  elements: str
  sample: ["create network demo-mgmt-net", "update port demo-web-web-vdu-0-web-data-cp: port_security_enabled False -> True",
           "delete server demo-web-web-vdu-1"]
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
updated:
  description: Resources this run updated in place to repair drift (none in check mode), with each property's value
    before and after.
  returned: success
  type: list
  elements: dict
  sample: [{"type": "port", "name": "demo-web-web-vdu-0-web-data-cp", "id": "3f2e...",
            "changes": {"port_security_enabled": [false, true]}}]
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
scale_levels:
  description:
    - Scale level of each scaling aspect of each VNF, keyed C(<vnf name>.<aspect id>), as planned (with
      O(state=present) and no O(instantiation_level) or O(scale_levels), the levels found on the VIM).
  returned: success
  type: dict
  sample: {"web.web_scale": 1}
hosts:
  description:
    - The NS's VDU instances after the run as inventory hosts, exactly as the P(smartnfvo.nfvo.vnfs#inventory) inventory lists
      them (names C(<ns>-<vnf>-<vdu>-<index>), groups such as C(ns_<name>), C(vnf_<name>), C(vdu_<id>), C(vim_<name>),
      C(state_active), and variables C(ansible_host), C(ansible_ssh_private_key_file), C(smartnfvo_*)), plus the VIM's
      connection variables. Feed them to M(ansible.builtin.add_host). Empty for O(state=absent).
  returned: success
  type: list
  elements: dict
  sample: [{"name": "demo-web-web-vdu-0", "groups": ["ns_demo", "vnf_web", "vdu_web_vdu", "vim_smartnfvo", "vnfd_be75",
            "state_active"], "vars": {"ansible_host": "10.10.0.5", "smartnfvo_vnf_name": "web", "smartnfvo_vdu_index": 0,
            "ansible_ssh_private_key_file": "/root/.smartnfvo/keys/smartnfvo-demo-ddea6a3d"}}]
progress:
  description: Progress events of the run (creates, deletes, waits with the servers still pending, retries after transient
    VIM faults), oldest first.
  returned: success
  type: list
  elements: dict
  sample: [{"time": "2026-11-21T08:00:01Z", "event": "wait", "detail": "2 pending: demo-web-web-vdu-0, demo-client-client-vdu-0"}]
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

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import INSTANTIATION_ARGS, NS_DESCRIPTOR_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.run_args import NS_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns


def main():
    spec = dict(NS_DESCRIPTOR_ARGS, **INSTANTIATION_ARGS)
    spec.update(NS_ARGS)
    nfvo = NfvoModule(spec, vim=True, supports_check_mode=True, required_if=[("state", "present", ("path",))])
    nfvo.run(lambda m: run_ns(m.params, m.check_mode, m.driver(), m.progress("smartnfvo.nfvo.ns")))


if __name__ == "__main__":
    main()
