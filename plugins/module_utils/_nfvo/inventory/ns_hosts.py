# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory hosts of one NS, from the records a lifecycle run ended with: the same names, groups and
variables the smartnfvo.nfvo.vnfs inventory publishes, so a playbook can configure VNFs right after
instantiating or scaling them, without refreshing the inventory."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.hosts import build_hosts
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import of as identity_of

# Driver record type -> inventory record list.
_KINDS = (("server", "servers"), ("port", "ports"), ("network", "networks"), ("subnet", "subnets"))


def inventory_records(current, ns_id=None):
    """Driver records ({type: [record]}) in the inventory's shape ({"servers", "ports", "networks", "subnets"}),
    only those tagged with ns_id when given."""
    records = {}
    for kind, key in _KINDS:
        found = current.get(kind) or ()
        if ns_id is not None and kind in ("server", "port"):
            found = [r for r in found if identity_of(r).get("ns") == ns_id]
        records[key] = [dict(r) for r in found]
    return records


def ns_hosts(current, ns_id, driver, vim_name, key_dir, vnf_name=None):
    """(hosts, warnings): [{name, groups, vars}] of the NS's VDU instances (one VNF's when vnf_name is given),
    with the VIM's connection variables (for example the local VIM's ansible_user) in every host's vars."""
    # Records of an NS spread over several VIMs name theirs (vim.multi); the others are on vim_name.
    by_vim = {None: {}}
    for kind, records in current.items():
        for record in records:
            by_vim.setdefault(record.get("vim"), {}).setdefault(kind, []).append(record)
    instances = []
    for vim, found in by_vim.items():
        for instance in driver.vdu_instances(found, ns_id):
            instances.append(dict(instance, vim=vim or vim_name))
    built = build_hosts(instances, {"key_dir": key_dir})
    connection_vars = driver.connection_vars()
    hosts = []
    for host in built["hosts"]:
        if vnf_name is not None and host["vars"].get("smartnfvo_vnf_name") != vnf_name:
            continue
        hosts.append({"name": host["name"], "groups": host["groups"], "vars": dict(host["vars"], **connection_vars)})
    return hosts, built["warnings"]
