# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument spec pieces of the lifecycle modules ns and vnf (paired with doc_fragments/run.py)."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import DEFAULT_KEY_DIR

# How a run goes (failure handling, keys, waits, concurrency, progress): the same for ns and vnf.
RUN_ARGS = dict(
    on_failure=dict(type="str", choices=["rollback", "keep"], default="rollback"),
    keypair=dict(type="str", no_log=False),
    key_dir=dict(type="path", default=DEFAULT_KEY_DIR, no_log=False),
    wait_timeout=dict(type="int", default=600),
    concurrency=dict(type="int", default=8),
    progress_file=dict(type="path"),
)

NS_ARGS = dict(
    RUN_ARGS,
    state=dict(type="str", choices=["present", "absent"], default="present"),
    ns_instance_id=dict(type="str"),
)

VNF_ARGS = dict(
    vnf=dict(type="str", required=True),
    operation=dict(type="str", choices=["heal", "start", "stop", "scale_out", "scale_in"], required=True),
    aspect=dict(type="str"),
    steps=dict(type="int", default=1),
    vdu=dict(type="str"),
    vdu_index=dict(type="int"),
    **RUN_ARGS
)
