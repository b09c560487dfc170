# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one base of modules that talk to a VIM (OpenStack or the embedded local VIM): argspec, dependency
checks, the driver, and the mapping of core errors to fail_json (the only place that calls it)."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.descriptor_service import DEPENDENCY_ERROR
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.module_errors import call
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.openstack_args import OPENSTACK_ARGS, connection_kwargs
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.vim_args import VIM_ARGS, own_vim, vim_name
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import placement as vim_placement
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import driver as os_driver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.multi import MultiVimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.retry import summary as retry_summary
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.progress import Progress, file_sink, progress_path


class NfvoVimModule:
    def __init__(self, argument_spec, needs_descriptor=True, **kwargs):
        spec = dict(argument_spec, **OPENSTACK_ARGS)
        spec.update(VIM_ARGS)
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        self.needs_descriptor = needs_descriptor

    def driver(self):
        """The driver of the VIM the parameters name; raises VimUnavailable when it cannot be used."""
        params = self.module.params
        if params.get("vim_type") == "local":
            driver = LocalDriver(params.get("local_vim_dir"))
        else:
            driver = os_driver.OpenStackDriver(os_driver.connect(**connection_kwargs(params)))
        driver.name = vim_name(params)
        others = other_clouds(params)
        if not others or params.get("vim_type") == "local":
            return driver  # the service explains why vnf_vims does not go with the local VIM
        return MultiVimDriver(driver, dict((cloud, self._cloud_driver(cloud)) for cloud in others))

    def _cloud_driver(self, cloud):
        """A VIM of vnf_vims: its clouds.yaml entry, with the module's TLS, interface and timeout options."""
        params = dict(self.module.params, cloud=cloud, auth=None, auth_type=None, region_name=None)
        driver = os_driver.OpenStackDriver(os_driver.connect(**connection_kwargs(params)))
        driver.name = cloud
        return driver

    def run(self, service):
        """service(params, check_mode, driver) -> result dict; 'diff' and 'warnings_list' are handled here."""
        module = self.module
        if self.needs_descriptor and DEPENDENCY_ERROR:
            module.fail_json(msg=missing_required_lib(DEPENDENCY_ERROR[0]), exception=DEPENDENCY_ERROR[1])
        if module.params.get("vim_type") != "local" and os_driver.openstack is None:
            module.fail_json(msg=missing_required_lib("openstacksdk"))
        state = {}

        def serve():
            state["driver"] = self.driver()
            return service(module.params, module.check_mode, state["driver"])
        result = call(module, serve, warnings=lambda: driver_warnings(state.get("driver")))
        driver = state["driver"]
        for warning in list(result.pop("warnings_list", ())) + driver_warnings(driver):
            module.warn(warning)
        diff = result.pop("diff", None)
        if module._diff and diff is not None:
            result["diff"] = diff
        module.exit_json(**result)


def driver_warnings(driver):
    """What the driver noticed during the run, and one line for the retries it made after transient faults."""
    if driver is None:
        return []
    retried = retry_summary(list(getattr(driver, "retries", ())))
    return list(getattr(driver, "warnings", ())) + ([retried] if retried else [])


def other_clouds(params):
    """The clouds.yaml entries vnf_vims names besides the module's own VIM."""
    return vim_placement.vims_named(params.get("vnf_vims"), own_vim(params))


def with_progress(module, service, label):
    """service(params, check_mode, driver, progress) as NfvoVimModule runs it, with progress events going to
    the module's log (syslog or the journal) and, if asked, to the progress file (option or environment)."""
    def run(params, check_mode, driver):
        sinks = [module.log]
        path = progress_path(params.get("progress_file"))
        if path:
            sinks.append(file_sink(path))
        try:
            return service(params, check_mode, driver, Progress(label, sinks))
        finally:
            for sink in sinks[1:]:
                sink.close()
    return run
