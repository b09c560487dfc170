# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hosts an LCM operation runs against, and the NS-level addresses its variables may use.

Hosts are the entries the ns and vnf modules return and the vnfs inventory publishes: {name, groups, vars},
with vars as inventory.hosts.host_vars makes them (smartnfvo_vnf_name, smartnfvo_cps, ansible_host, ...).
"""

from __future__ import annotations

import ipaddress
import json

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError

VNF_VAR = "smartnfvo_vnf_name"
CPS_VAR = "smartnfvo_cps"


def check_hosts(hosts, option="hosts"):
    """Every entry a mapping with a name; NfvoError naming the bad entries otherwise."""
    bad = [i for i, h in enumerate(hosts or ()) if not isinstance(h, dict) or not h.get("name")
           or not isinstance(h.get("vars") or {}, dict) or not isinstance(h.get("groups") or [], list)]
    if bad:
        raise NfvoError("%s: entries %s are not {name, groups, vars} mappings (as the ns module's hosts)" % (
            option, ", ".join(str(i) for i in bad)))


def vnf_hosts(hosts, vnf_name):
    """The hosts of one VNF instance; hosts that do not say their VNF are taken as given."""
    return [h for h in hosts if (h.get("vars") or {}).get(VNF_VAR) in (None, vnf_name)]


def _ips(cp):
    """All addresses of a CP record (IPv4 first, in their order)."""
    found = list(cp.get("ip_addresses") or ([cp["ip_address"]] if cp.get("ip_address") else []))
    return sorted(found, key=lambda a: _version(a) != 4)


def _version(address):
    try:
        return ipaddress.ip_address(str(address)).version
    except ValueError:
        return None


def cp_addresses(host):
    """{cp name: first IPv4 address of that CP} of one host (the day-1 playbooks' cp_addresses)."""
    result = {}
    for name, cp in sorted(((host.get("vars") or {}).get(CPS_VAR) or {}).items()):
        v4 = [a for a in _ips(cp or {}) if _version(a) == 4]
        if v4:
            result[name] = v4[0]
    return result


def ns_cp_addresses(hosts):
    """{vnf name: {cp name: [address, ...]}} over every host of the NS, in host order (for NS-level wiring)."""
    result = {}
    for host in hosts:
        host_vars = host.get("vars") or {}
        vnf = host_vars.get(VNF_VAR)
        if vnf is None:
            continue
        for name, cp in sorted((host_vars.get(CPS_VAR) or {}).items()):
            result.setdefault(vnf, {}).setdefault(name, []).extend(_ips(cp or {}))
    return result


def ns_cp_cidrs(hosts):
    """{vnf name: {cp name: CIDR of the CP's subnet}} over every host of the NS."""
    result = {}
    for host in hosts:
        host_vars = host.get("vars") or {}
        vnf = host_vars.get(VNF_VAR)
        for name, cp in sorted((host_vars.get(CPS_VAR) or {}).items()):
            if vnf is not None and (cp or {}).get("subnet_cidr"):
                result.setdefault(vnf, {}).setdefault(name, cp["subnet_cidr"])
    return result


def inventory(hosts):
    """A YAML (JSON) inventory of hosts with their variables plus cp_addresses, and their groups."""
    members, children = {}, {}
    for host in hosts:
        host_vars = dict(host.get("vars") or {})
        host_vars["cp_addresses"] = cp_addresses(host)
        members[host["name"]] = host_vars
        for group in host.get("groups") or ():
            children.setdefault(str(group), {"hosts": {}})["hosts"][host["name"]] = {}
    return {"all": {"hosts": members, "children": children}}


def unsafe_yaml(data):
    """data as YAML with every string tagged !unsafe: values read from a VIM are data, never templates.
    (A JSON string is a valid YAML double-quoted scalar, so json.dumps does the quoting.)"""
    if isinstance(data, dict):
        return "{%s}" % ", ".join("%s: %s" % (json.dumps(str(k)), unsafe_yaml(v)) for k, v in data.items())
    if isinstance(data, (list, tuple)):
        return "[%s]" % ", ".join(unsafe_yaml(v) for v in data)
    if isinstance(data, str):
        return "!unsafe " + json.dumps(data)
    return json.dumps(data)
