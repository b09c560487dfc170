# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a lifecycle run returns besides its actions: the NS's VNFs and hosts as the VIM shows them, and short
forms of resources for the module result."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.ns_hosts import ns_hosts
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_records import ns_records


def vim_name(driver, params):
    """The VIM's name in inventory groups (vim_<name>) and smartnfvo_vim, as the vnfs inventory names it."""
    if driver.name:
        return driver.name
    cloud = params.get("cloud")
    return cloud if isinstance(cloud, str) and cloud else "openstack"


def hosts(current, ns_id, params, driver, warnings, vnf=None):
    found, notes = ns_hosts(current, ns_id, vim_name(driver, params), params.get("key_dir"),
                            driver.connection_vars(), vnf)
    warnings.extend(notes)
    return found


def vnfs(current, ns_id):
    found = ns_records(current, ns_id)
    return found[0]["vnfs"] if found else []


def names(records):
    # Diff callbacks render strings line by line: one resource per line.
    return "".join(sorted("%s/%s\n" % (r["type"], r["name"]) for r in records))


def brief(record):
    return {"type": record["type"], "name": record["name"], "id": record["id"]}


def calls(driver):
    return driver.call_counts()
