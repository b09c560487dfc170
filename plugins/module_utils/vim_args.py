# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which VIM a module works on (paired with doc_fragments/vim.py), and the driver for it."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.placement import own_vim
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import DEFAULT_STATE_DIR

VIM_TYPES = ("openstack", "local")

VIM_ARGS = dict(
    vim_type=dict(type="str", choices=list(VIM_TYPES), default="openstack"),
    local_vim_dir=dict(type="path", default=DEFAULT_STATE_DIR),
)


def vim_name(params):
    """The VIM's name in inventory groups: the cloud's name on OpenStack (when given by name), else the VIM type."""
    if params.get("vim_type") == "local":
        return "local"
    return own_vim(params) or "openstack"
