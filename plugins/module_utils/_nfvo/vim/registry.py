# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which VIM the parameters name, and its driver: the one place that knows the VIM types.

A run names its VIM with `vim` (C(local), or a clouds.yaml cloud), or with `vim_type` and the OpenStack
connection options. Everything after the registry asks the driver (its capabilities) instead of the type.
"""

from __future__ import annotations

import importlib

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimUnavailable
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import placement
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap

VIM_TYPES = ("openstack", "local")
# vim values reserved for VIM types still to come: a clear refusal rather than a cloud of that name.
COMING = {"kubernetes": "the Kubernetes VIM (CNFs) is not part of this version yet"}
# The Python library each VIM type needs: (module to import, distribution to name in the error).
LIBRARIES = {"openstack": ("openstack", "openstacksdk")}


def resolve(params):
    """params with vim_type, and cloud for OpenStack, filled in from `vim` (which wins); raises VimUnavailable for
    a VIM type that does not exist. The lifecycle reads the VIM's name from cloud (vnf_vims, inventory groups)."""
    params = dict(params)
    vim = params.get("vim")
    if vim:
        kind = vim.split(":", 1)[0]
        if kind in COMING:
            raise VimUnavailable("vim=%s: %s" % (vim, COMING[kind]))
        if vim == "local":
            params["vim_type"] = "local"
        else:
            params.update(vim_type="openstack", cloud=vim)
    params["vim_type"] = params.get("vim_type") or "openstack"
    if params["vim_type"] not in VIM_TYPES:
        raise VimUnavailable("unknown vim_type '%s' (known: %s)" % (params["vim_type"], ", ".join(VIM_TYPES)))
    return params


def missing_library(params):
    """The distribution the VIM of params needs and lacks, or None."""
    module, distribution = LIBRARIES.get(resolve(params)["vim_type"], (None, None))
    if module is None:
        return None
    try:
        importlib.import_module(module)
    except ImportError:
        return distribution
    return None


def driver_for(params):
    """The driver of the VIM params name (resolved), with its name set; an NS spread over other clouds (vnf_vims)
    gets a driver that routes each resource to its VIM, where the VIM type can do that."""
    params = resolve(params)
    driver = _new(params)
    others = placement.vims_named(params.get("vnf_vims"), placement.own_vim(params))
    if not others or cap.MULTI_VIM not in driver.capabilities:
        return driver  # the lifecycle explains why vnf_vims does not go with this VIM
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.multi import MultiVimDriver
    # A VIM of vnf_vims: its clouds.yaml entry, with the module's TLS, interface and timeout options.
    return MultiVimDriver(driver, dict((cloud, _new(dict(params, cloud=cloud, auth=None, auth_type=None, region_name=None)))
                                       for cloud in others))


def _new(params):
    return _DRIVERS[params["vim_type"]](params)


def _local_driver(params):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
    driver = LocalDriver(params.get("local_vim_dir"))
    driver.name = "local"
    return driver


def _openstack_driver(params):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import driver as openstack
    driver = openstack.OpenStackDriver(openstack.connect(**openstack.connection_kwargs(params)))
    # The cloud's name in inventory groups (vim_<cloud>), as the vnfs inventory names it.
    driver.name = placement.own_vim(params) or "openstack"
    return driver


_DRIVERS = {"local": _local_driver, "openstack": _openstack_driver}


def inventory_source(spec, clouds_yaml=None):
    """The vnfs inventory's source for one entry of its sources option ({type, cloud | state_dir, name})."""
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import sources
    makers = {"local": sources.local_source, "openstack": sources.openstack_source}
    kind = spec.get("type") or "openstack"
    if kind not in makers:
        raise sources.SourceError("unknown source type %r (known: %s)" % (kind, ", ".join(VIM_TYPES)))
    return makers[kind](spec, clouds_yaml)
