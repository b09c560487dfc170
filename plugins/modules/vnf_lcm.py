#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vnf_lcm
short_description: Run a Vnflcm operation (instantiate_end, scale_end, heal_end, terminate_start, ...) of a VNF with Ansible
version_added: 0.3.0
description:
  - The generic VNFM's configuration step. Runs one C(Vnflcm) operation that the VNFD of one VNF instance declares,
    whose implementation artifact is an Ansible playbook, or a role directory, shipped in the VNF package, against
    exactly the O(hosts) given, with C(ansible-playbook) of the controller.
  - The VNF package is found like M(smartnfvo.nfvo.ns) finds it (an NSD with O(vnf), or a VNFD). A zipped package is
    extracted, with the checks every package gets (no member escaping it, no links, size limits, manifest hashes),
    into a private temporary directory that is removed afterwards.
  - Each host of the inventory written for the run gets its variables from O(hosts) plus C(cp_addresses), the
    mapping of its connection points to their first IPv4 address.
  - 'The play also gets, as extra variables: the NS package''s parameters for this VNF (C(additional_params_for_vnf)
    of C(Files/ns_lcm_params.yml), a SmartNFVO convention), then O(variables) (which win), C(ns_cp_addresses) (every
    VNF''s CP addresses in the NS, C({vnf: {cp: [address, ...]}}), from O(ns_hosts)), C(ns_cp_cidrs)
    (C({vnf: {cp: cidr}})) and C(smartnfvo_lcm) (the VNF name, VNFD id, flavour and operation).'
  - An operation the VNFD does not declare, or no host for the VNF, is not an error; the result says C(skipped).
  - Runs on the controller (the Python of the controller, as with C(ansible_python_interpreter={{ ansible_playbook_python }})).
    Its action plugin hands the module the controller's collection search path and C(ansible-playbook).
author:
  - SmartNFVO contributors (@smartnfvo)
extends_documentation_fragment:
  - smartnfvo.nfvo.descriptor
options:
  vnf:
    description:
      - Name of the VNF instance in the NS, as M(smartnfvo.nfvo.ns) names them (for example C(web)).
      - Needed with an NSD unless O(vnfd_id) names a VNFD used once in the NS. With a VNFD, the name the hosts carry.
    type: str
  vnfd_id:
    description: Select the VNF by the C(descriptor_id) of its VNFD instead of O(vnf).
    type: str
  operation:
    description:
      - The C(Vnflcm) operation to run, for example C(instantiate_end), C(scale_end), C(heal_end), C(terminate_start),
        or any other operation the VNFD declares.
    type: str
    required: true
  hosts:
    description:
      - The hosts to run the operation against, as the C(hosts) that M(smartnfvo.nfvo.ns) returns and the
        P(smartnfvo.nfvo.vnfs#inventory) inventory publishes, each C({name, groups, vars}).
      - Hosts whose C(smartnfvo_vnf_name) variable names another VNF are left out, so all the NS's hosts may be given.
    type: list
    elements: dict
    required: true
  ns_hosts:
    description: Every host of the NS, to compute C(ns_cp_addresses) and C(ns_cp_cidrs); defaults to O(hosts).
    type: list
    elements: dict
  variables:
    description:
      - Extra variables of the play, for example the VNF's C(additional_params_for_vnf) of the instantiation request.
      - They override the NS package's parameters for this VNF.
    type: dict
    default: {}
  timeout:
    description: Seconds the playbook may run before it is stopped and the operation fails.
    type: int
    default: 1800
  host_key_checking:
    description:
      - Check the SSH host keys of the VNFCs.
      - By default on when every host pins its key in C(ansible_ssh_common_args) (as the local VIM's hosts do), off
        otherwise, as the keys of new VNFCs on OpenStack cannot be known beforehand.
    type: bool
  collections_path:
    description:
      - Collection search path of the nested run, which needs this collection's C(lcm_summary) callback.
      - Filled with the controller's own search path by the action plugin; the environment's otherwise.
    type: list
    elements: path
  ansible_playbook:
    description:
      - The C(ansible-playbook) command to run. Filled by the action plugin with the controller's.
      - Otherwise the one next to the module's Python, or C(python -m ansible.cli.playbook).
    type: path
attributes:
  check_mode:
    description: Runs the playbook with C(--check).
    support: full
  diff_mode:
    description: Runs the playbook with C(--diff); the differences show in the nested run's output only.
    support: partial
notes:
  - C(changed) is true only when a task of the nested run changed something.
requirements:
  - tosca-parser == 2.15.0
  - ansible-core on the controller (the nested C(ansible-playbook))
seealso:
  - module: smartnfvo.nfvo.ns_lcm_info
  - module: smartnfvo.nfvo.ns
"""

EXAMPLES = r"""
- name: Instantiate the sample NS
  smartnfvo.nfvo.ns:
    cloud: smartnfvo
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    ns_name: demo
  register: demo

- name: Configure the web VNF (its instantiate_end playbook)
  smartnfvo.nfvo.vnf_lcm:
    path: "{{ playbook_dir }}/../descriptors/sample_ns"
    vnf: web
    operation: instantiate_end
    hosts: "{{ demo.hosts }}"
    variables:
      web_http_port: 80
  register: configured

- name: Show what ran
  ansible.builtin.debug:
    var: configured.stdout_lines
"""

RETURN = r"""
vnf:
  description: Name of the VNF instance the operation ran on.
  returned: success
  type: str
  sample: web
vnfd_id:
  description: Its VNFD.
  returned: success
  type: str
  sample: be75049a-0b82-4061-91a9-436b3cc01fea
operation:
  description: The operation.
  returned: success
  type: str
  sample: instantiate_end
artifact:
  description: The implementation artifact run, as a path inside the VNF package (null when skipped).
  returned: success
  type: str
  sample: Scripts/instantiate_end.yml
skipped:
  description: True when there was nothing to run (operation not declared, or no host of the VNF).
  returned: when skipped
  type: bool
  sample: true
msg:
  description: Why nothing ran, when skipped.
  returned: when skipped
  type: str
  sample: VNF 'client' (VNFD 8238...) declares no Vnflcm operation scale_end (it declares heal_end, ...); nothing to run
hosts:
  description: Names of the hosts the operation ran against.
  returned: success
  type: list
  elements: str
  sample: [demo-web-web-vdu-0]
stats:
  description: Per host, the counts of the nested run's recap.
  returned: success
  type: dict
  sample: {"demo-web-web-vdu-0": {"ok": 8, "changed": 3, "failures": 0, "unreachable": 0, "skipped": 1, "rescued": 0, "ignored": 0}}
failed_tasks:
  description: The tasks that failed (or found a host unreachable), each with C(host), C(task), C(msg) and C(status).
  returned: always
  type: list
  elements: dict
  sample: [{"host": "demo-web-web-vdu-0", "task": "Wait for the HTTP server", "msg": "Status code was -1", "status": "failed"}]
stdout_lines:
  description: One line per task and host that did not skip (status, host, task), then one recap line per host.
  returned: always
  type: list
  elements: str
  sample: ["changed: [demo-web-web-vdu-0] Start the HTTP server", "RECAP demo-web-web-vdu-0 ok=8 changed=3 failed=0 unreachable=0 skipped=1"]
rc:
  description: Exit code of C(ansible-playbook).
  returned: when the playbook ran
  type: int
  sample: 0
problems:
  description: On an invalid descriptor, every problem found, each with file, node and reason.
  returned: failure
  type: list
  elements: dict
  sample: [{"file": "vnf.yaml", "node": "VDU1", "reason": "level(s) instantiation_level_3 not found"}]
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_args import DESCRIPTOR_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.nfvo_module import NfvoModule
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.vnfm_args import VNF_LCM_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.service import run_vnf_lcm


def main():
    nfvo = NfvoModule(dict(DESCRIPTOR_ARGS, **VNF_LCM_ARGS), supports_check_mode=True, mutually_exclusive=[("vnf", "vnfd_id")])
    nfvo.run(lambda m: run_vnf_lcm(m.params, m.check_mode, m.diff, m.verbosity))


if __name__ == "__main__":
    main()
