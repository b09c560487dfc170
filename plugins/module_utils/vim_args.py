# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which VIM a module works on (paired with doc_fragments/vim.py); _nfvo/vim/registry.py resolves them."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import DEFAULT_STATE_DIR
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.registry import VIM_TYPES

VIM_ARGS = dict(
    vim=dict(type="str"),
    vim_type=dict(type="str", choices=list(VIM_TYPES)),
    local_vim_dir=dict(type="path", default=DEFAULT_STATE_DIR),
)

# vim names the VIM in one word; vim_type with the connection options is the long form.
VIM_EXCLUSIVE = [("vim", "vim_type"), ("vim", "cloud"), ("vim", "auth")]
