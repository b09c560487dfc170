# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with RUN_ARGS in plugins/module_utils/run_args.py: how a lifecycle run goes, the same for ns and vnf.
    DOCUMENTATION = r"""
options:
  on_failure:
    description:
      - What to do with the resources this run created when a step fails.
      - C(rollback) deletes them; C(keep) leaves them for inspection (a later run resumes; M(smartnfvo.nfvo.ns) with
        O(smartnfvo.nfvo.ns#module:state=absent) removes them).
    type: str
    choices: [rollback, keep]
    default: rollback
  keypair:
    description:
      - An existing keypair to boot the VDU instances with (for M(smartnfvo.nfvo.vnf), the one the NS was
        instantiated with), instead of the one generated for the NS.
    type: str
  key_dir:
    description: Directory for the private keys of generated keypairs (one file per keypair, named as the keypair).
    type: path
    default: ~/.smartnfvo/keys
  wait_timeout:
    description: Seconds to wait for VDU instances to be ready (or stopped, or deleted).
    type: int
    default: 600
  concurrency:
    description: How many VIM requests to run at once.
    type: int
    default: 8
  progress_file:
    description:
      - "File to append progress lines to while the module runs (C(<UTC time> <module> <event>: <detail>)),
        for example to follow a long instantiation with C(tail -f) or from an async task."
      - Defaults to the environment variable E(SMARTNFVO_PROGRESS_FILE) when it is set.
    type: path
"""
