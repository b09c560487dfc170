# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one base of modules that talk to an OpenStack VIM: argspec, dependency checks, connection,
and the mapping of core errors to fail_json (the only place that calls it)."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_service import DEPENDENCY_ERROR
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.openstack_args import OPENSTACK_ARGS, connection_kwargs
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.drivers import openstack as os_driver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError


class NfvoVimModule:
    def __init__(self, argument_spec, needs_descriptor=True, **kwargs):
        self.module = AnsibleModule(argument_spec=dict(argument_spec, **OPENSTACK_ARGS), **kwargs)
        self.needs_descriptor = needs_descriptor

    def run(self, service):
        """service(params, check_mode, driver) -> result dict; 'diff' and 'warnings_list' are handled here."""
        module = self.module
        if self.needs_descriptor and DEPENDENCY_ERROR:
            module.fail_json(msg=missing_required_lib(DEPENDENCY_ERROR[0]), exception=DEPENDENCY_ERROR[1])
        if os_driver.openstack is None:
            module.fail_json(msg=missing_required_lib("openstacksdk"))
        try:
            driver = os_driver.OpenStackDriver(os_driver.connect(**connection_kwargs(module.params)))
            result = service(module.params, module.check_mode, driver)
        except NfvoError as exc:
            module.fail_json(msg=str(exc), problems=[p.to_dict() for p in getattr(exc, "problems", ())])
        for warning in result.pop("warnings_list", ()):
            module.warn(warning)
        diff = result.pop("diff", None)
        if module._diff and diff is not None:
            result["diff"] = diff
        module.exit_json(**result)
