# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a lifecycle run returns besides its actions: the NS's VNFs and hosts as the VIM shows them, and short
forms of resources for the module result."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.ns_hosts import ns_hosts
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import drift
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_records import ns_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.placement import own_vim


def vim_name(driver, params):
    """The VIM's name in inventory groups (vim_<name>) and smartnfvo_vim, as the vnfs inventory names it: the
    driver's (the registry names it), else the cloud's, as the registry would."""
    return driver.name or own_vim(params) or "openstack"


def hosts(current, ns_id, params, driver, warnings, vnf=None):
    found, notes = ns_hosts(current, ns_id, driver, vim_name(driver, params), params.get("key_dir"), vnf)
    warnings.extend(notes)
    return found


def vnfs(current, ns_id):
    found = ns_records(current, ns_id)
    return found[0]["vnfs"] if found else []


def names(records, properties=()):
    # Diff callbacks render strings line by line: one resource per line, then one line per drifted property.
    return "".join(sorted(["%s/%s\n" % (r["type"], r["name"]) for r in records] + list(properties)))


def drifted(actions, side):
    """Diff lines of the owned properties that differ, on the VIM (side 0) or planned (side 1):
    'port/x port_security_enabled=False'. One computation with the actions, as check mode reports them."""
    return ["%s/%s %s=%s\n" % (c["resource"]["type"], c["resource"]["name"], prop, drift.shown(values[side]))
            for kind in ("update", "replace") for c in actions.get(kind, ()) for prop, values in c["changes"].items()]


def brief(record):
    return {"type": record["type"], "name": record["name"], "id": record["id"]}


def calls(driver):
    return driver.call_counts()
