# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one edge of every module: argspec, library checks, the VIM's driver, progress sinks, and the mapping of
core errors to fail_json (the only place that calls it). Modules are docs, an argspec and a short main()."""

from __future__ import annotations

import importlib
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.openstack_args import OPENSTACK_ARGS
from ansible_collections.smartnfvo.nfvo.plugins.module_utils.vim_args import VIM_ARGS, VIM_EXCLUSIVE
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.progress import Progress, file_sink, progress_path
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.retry import summary as retry_summary
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import registry

# What reading a descriptor needs: (module to import, distribution to name).
DESCRIPTOR_LIBRARIES = (("yaml", "PyYAML"), ("netaddr", "netaddr"), ("toscaparser", "tosca-parser"))


class NfvoModule:
    """vim: the module works on a VIM (adds the VIM options, resolves them, makes the driver on demand);
    descriptor: it reads descriptors (tosca-parser and friends must be there)."""

    def __init__(self, argument_spec, vim=False, descriptor=True, **kwargs):
        spec = dict(argument_spec)
        if vim:
            spec.update(OPENSTACK_ARGS)
            spec.update(VIM_ARGS)
            kwargs["mutually_exclusive"] = list(kwargs.get("mutually_exclusive", ())) + VIM_EXCLUSIVE
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        self.uses_vim = vim
        self.needs_descriptor = descriptor
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.diff = self.module._diff
        self.verbosity = self.module._verbosity
        self._driver = None
        self._sinks = []

    def driver(self):
        """The driver of the module's VIM (made once); raises VimUnavailable when it cannot be used."""
        if self._driver is None:
            self._driver = registry.driver_for(self.params)
        return self._driver

    def progress(self, label):
        """Progress events to the module's log (syslog or the journal) and, if asked, to the progress file."""
        sinks = [self.module.log]
        path = progress_path(self.params.get("progress_file"))
        if path:
            sink = file_sink(path)
            self._sinks.append(sink)
            sinks.append(sink)
        return Progress(label, sinks)

    def run(self, service):
        """service(self) -> result dict; its 'warnings_list' become warnings, 'diff' goes out in diff mode, and the
        VIM's description (name, type, capabilities) is returned as 'vim'. An NfvoError becomes fail_json."""
        module = self.module
        self._check_libraries()
        error = None
        try:
            if self.uses_vim:
                self.params = registry.resolve(self.params)
            result = service(self)
        except NfvoError as exc:
            error = exc
        finally:
            for sink in self._sinks:
                sink.close()
        for warning in self._driver_warnings():
            module.warn(warning)
        if error is not None:
            # Outside the except block: there ansible-core would attach a traceback to an error already typed and clear.
            module.fail_json(msg=str(error), problems=[p.to_dict() for p in getattr(error, "problems", ())],
                             **dict(getattr(error, "details", None) or {}))
        for warning in result.pop("warnings_list", ()):
            module.warn(warning)
        diff = result.pop("diff", None)
        if self.diff and diff is not None:
            result["diff"] = diff
        if self._driver is not None:
            result.setdefault("vim", self._driver.describe())
        module.exit_json(**result)

    def _check_libraries(self):
        needed = list(DESCRIPTOR_LIBRARIES) if self.needs_descriptor else []
        for module_name, distribution in needed:
            try:
                importlib.import_module(module_name)
            except ImportError:
                self.module.fail_json(msg=missing_required_lib(distribution), exception=traceback.format_exc())
        if self.uses_vim:
            try:
                missing = registry.missing_library(self.params)
            except NfvoError as exc:
                self.module.fail_json(msg=str(exc))
            if missing:
                self.module.fail_json(msg=missing_required_lib(missing))

    def _driver_warnings(self):
        """What the driver noticed during the run, and one line for the retries it made after transient faults."""
        if self._driver is None:
            return []
        retried = retry_summary(list(self._driver.retries))
        return list(self._driver.warnings) + ([retried] if retried else [])
