# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument spec of vnf_lcm, the generic VNFM's operation runner (documented in the module)."""

from __future__ import annotations

VNF_LCM_ARGS = dict(
    vnf=dict(type="str"),
    vnfd_id=dict(type="str"),
    operation=dict(type="str", required=True),
    hosts=dict(type="list", elements="dict", required=True),
    ns_hosts=dict(type="list", elements="dict"),
    variables=dict(type="dict", default={}),
    timeout=dict(type="int", default=1800),
    host_key_checking=dict(type="bool"),
    collections_path=dict(type="list", elements="path"),
    ansible_playbook=dict(type="path"),
)
