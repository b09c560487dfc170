# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""NS records rebuilt from the VIM alone: NS -> VNF instances -> VDU instances -> CPs (IPs, MACs, subnets).

Input is driver records ({type: [record]}); membership comes from the tags and server metadata that
plan.identity defines, so no local database is needed.
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import of as identity_of, parse_server_metadata
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases


def ns_records(current, ns_id=None):
    """A list of NS records (one per NS tag found), sorted by name; only ns_id's when given."""
    networks = dict((r["id"], r) for r in current.get("network", ()))
    subnets = dict((r["id"], r) for r in current.get("subnet", ()))
    ports_by_server = {}
    by_ns = {}

    def ns_of(record):
        ns = identity_of(record).get("ns")
        if ns is None or (ns_id and ns != ns_id):
            return None
        return by_ns.setdefault(ns, {"ns_instance_id": ns, "ns_name": None, "vnfs": {}, "networks": [], "state": None})

    for kind in ("network", "subnet"):
        for record in current.get(kind, ()):
            ns = ns_of(record)
            if ns is not None and kind == "network":
                ns["networks"].append({"name": record["name"], "id": record["id"],
                                       "subnets": [subnets[s]["cidr"] for s in record.get("subnet_ids", ()) if s in subnets]})
    for port in current.get("port", ()):
        if ns_of(port) is not None:
            ports_by_server.setdefault(_port_key(port), []).append(port)
    for server in current.get("server", ()):
        ns = ns_of(server)
        if ns is None:
            continue
        tags = identity_of(server)
        meta = parse_server_metadata(server.get("metadata"))
        ns["ns_name"] = ns["ns_name"] or meta.get("ns_name")
        vnf_id = tags.get("vnf") or meta.get("vnf_instance_id")
        vnf = ns["vnfs"].setdefault(vnf_id, {"vnf_instance_id": vnf_id, "vnf_name": meta.get("vnf_name"),
                                             "vnfd_id": meta.get("vnfd_id"), "vnfd_version": meta.get("vnfd_version"),
                                             "flavour_id": meta.get("flavour_id"),
                                             "vdu_instances": []})
        vdu, index = tags.get("vdu", meta.get("vdu")), tags.get("vdu_index", meta.get("vdu_index"))
        cps = [_cp(p, networks, subnets) for p in ports_by_server.get((ns["ns_instance_id"], vnf_id, vdu, index), ())]
        cps.sort(key=lambda c: c["cp"] or "")
        management = meta.get("management_cp")
        mgmt_ip = next((c["ip_addresses"][0] for c in cps if c["cp"] == management and c["ip_addresses"]), None)
        vnf["vdu_instances"].append({"vdu": vdu, "index": index, "name": server["name"], "server_id": server["id"],
                                     "status": server.get("status"), "phase": phases.of(server), "management_cp": management,
                                     "management_ip": mgmt_ip, "cps": cps})
    result = []
    for ns in by_ns.values():
        vnfs = sorted(ns["vnfs"].values(), key=lambda v: v["vnf_name"] or "")
        for vnf in vnfs:
            vnf["vdu_instances"].sort(key=lambda v: (v["vdu"] or "", v["index"] if v["index"] is not None else -1))
        found = set(v["phase"] for vnf in vnfs for v in vnf["vdu_instances"])
        ns["state"] = "INSTANTIATED" if found == {phases.READY} else ("NOT_INSTANTIATED" if not found else "DEGRADED")
        ns["vnfs"] = vnfs
        ns["networks"].sort(key=lambda n: n["name"])
        result.append(ns)
    return sorted(result, key=lambda n: (n["ns_name"] or "", n["ns_instance_id"]))


def _port_key(port):
    tags = identity_of(port)
    return (tags.get("ns"), tags.get("vnf"), tags.get("vdu"), tags.get("vdu_index"))


def _cp(port, networks, subnets):
    tags = identity_of(port)
    ips = port.get("fixed_ips") or []
    return {"cp": tags.get("cp"), "port_id": port["id"], "port_name": port["name"], "mac_address": port.get("mac_address"),
            "ip_addresses": [ip.get("ip_address") for ip in ips],
            "subnets": [subnets.get(ip.get("subnet_id"), {}).get("cidr") for ip in ips],
            "network": networks.get(port.get("network_id"), {}).get("name"), "status": port.get("status")}
