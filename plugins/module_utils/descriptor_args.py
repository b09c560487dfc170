# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument spec pieces shared by modules that read descriptors (paired with doc_fragments/descriptor.py)."""

from __future__ import annotations

DESCRIPTOR_ARGS = dict(
    path=dict(type="path", required=True),
    allow_remote_imports=dict(type="bool", default=False),
    vnf_package_paths=dict(type="list", elements="path"),
)

INSTANTIATION_ARGS = dict(
    ns_name=dict(type="str"),
    flavour=dict(type="str"),
    instantiation_level=dict(type="str"),
    scale_levels=dict(type="dict", default={}),
    vl_cidrs=dict(type="dict", default={}),
    cidr_pool=dict(type="str", default="10.224.0.0/16"),
    prefix_length=dict(type="int", default=24),
    flavor_map=dict(type="dict", default={}),
    image_map=dict(type="dict", default={}),
    ext_networks=dict(type="dict", default={}),
    placement=dict(type="str", choices=["strict", "soft"], default="strict"),
    availability_zone=dict(type="str"),
    vnf_vims=dict(type="dict", default={}),
)

# The ns module: terminating (state absent) finds the NS on the VIM by name, without the descriptor.
NS_DESCRIPTOR_ARGS = dict(DESCRIPTOR_ARGS, path=dict(type="path"))
