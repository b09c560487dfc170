# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of smartnfvo.nfvo.vnf_lcm: hands the module what only the controller process knows, its
collection search path and its ansible-playbook, so that the nested run uses the same Ansible and collections
as the outer one (a venv, an execution environment, collections installed next to a playbook)."""

from __future__ import annotations

import os
import sys

from ansible.plugins.action import ActionBase
from ansible.utils.collection_loader import AnsibleCollectionConfig


def controller_ansible_playbook():
    for candidate in (os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), sys.argv[0] if sys.argv else ""):
        if os.path.basename(candidate) == "ansible-playbook" and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    return None


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = dict(self._task.args)
        if not args.get("collections_path"):
            args["collections_path"] = [p for p in AnsibleCollectionConfig.collection_paths if os.path.isdir(p)]
        if not args.get("ansible_playbook"):
            playbook = controller_ansible_playbook()
            if playbook:
                args["ansible_playbook"] = playbook
        result.update(self._execute_module(module_name="smartnfvo.nfvo.vnf_lcm", module_args=args, task_vars=task_vars))
        return result
