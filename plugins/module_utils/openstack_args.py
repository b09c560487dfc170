# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""OpenStack VIM connection options, as openstacksdk and openstack.cloud name them
(paired with doc_fragments/openstack.py)."""

from __future__ import annotations

OPENSTACK_ARGS = dict(
    cloud=dict(type="raw"),
    auth=dict(type="dict", no_log=True),
    auth_type=dict(type="str"),
    region_name=dict(type="str"),
    validate_certs=dict(type="bool", aliases=["verify"]),
    ca_cert=dict(type="str", aliases=["cacert"]),
    interface=dict(type="str", choices=["admin", "internal", "public"], default="public", aliases=["endpoint_type"]),
    api_timeout=dict(type="int"),
)
