# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VDU instances from server, port, network and subnet records: the shape OpenStack and the local VIM return
({"servers", "ports", "networks", "subnets"}, plain dicts). The result is VIM-neutral (inventory.hosts reads it):
per instance its identity (NS, VNF, VDU, index), name, id, status and phase, compute facts and connection points.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import of as identity_of, parse_server_metadata
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases


def _subnet_facts(subnet):
    facts = {"subnet_id": subnet.get("id"), "subnet_name": subnet.get("name"), "subnet_cidr": subnet.get("cidr"),
             "gateway": subnet.get("gateway_ip")}
    try:
        network = ipaddress.ip_network(subnet.get("cidr") or "", strict=False)
    except ValueError:
        return facts
    facts["netmask"] = str(network.netmask)
    facts["prefix_length"] = network.prefixlen
    return facts


def _cp_facts(port, networks, subnets):
    """One connection point: its port, addresses, MAC and the network and subnet of each address."""
    network = networks.get(port.get("network_id")) or {}
    addresses = []
    for fixed in port.get("fixed_ips") or ():
        entry = {"ip_address": fixed.get("ip_address"), "ip_version": _ip_version(fixed.get("ip_address"))}
        entry.update(_subnet_facts(subnets.get(fixed.get("subnet_id")) or {"id": fixed.get("subnet_id")}))
        addresses.append(entry)
    # The first IPv4 address is the one tools expect as "the" address of a CP.
    primary = next((a for a in addresses if a["ip_version"] == 4), addresses[0] if addresses else {})
    facts = {"port_id": port.get("id"), "port_name": port.get("name"), "port_status": port.get("status"),
             "mac_address": port.get("mac_address"), "network_id": port.get("network_id"),
             "network_name": network.get("name"), "ip_address": primary.get("ip_address"),
             "ip_addresses": [a["ip_address"] for a in addresses], "fixed_ips": addresses}
    for key in ("subnet_id", "subnet_cidr", "netmask", "prefix_length", "gateway"):
        facts[key] = primary.get(key)
    return facts


def _ip_version(address):
    try:
        return ipaddress.ip_address(address or "").version
    except ValueError:
        return None


def vdu_instances(vim, records):
    """The VDU instances in one VIM's records, each with its identity, server facts and CPs (no Ansible names yet)."""
    networks = dict((n["id"], n) for n in records.get("networks") or () if n.get("id"))
    subnets = dict((s["id"], s) for s in records.get("subnets") or () if s.get("id"))
    ports_by_server = {}
    for port in records.get("ports") or ():
        if port.get("device_id"):
            ports_by_server.setdefault(port["device_id"], []).append(port)
    instances = []
    for server in records.get("servers") or ():
        tags = identity_of(server)
        meta = parse_server_metadata(server.get("metadata"))
        vdu = meta.get("vdu") or tags.get("vdu")
        if vdu is None:
            continue  # ours (tagged smartnfvo) but not a VDU instance
        flavor = server.get("flavor") or {}
        image = server.get("image") or {}
        cps = {}
        for port in sorted(ports_by_server.get(server.get("id"), ()), key=lambda p: p.get("name") or ""):
            name = identity_of(port).get("cp") or port.get("name") or port.get("id")
            cps[name] = _cp_facts(port, networks, subnets)
        instances.append({
            "vim": vim, "name": server.get("name"), "id": server.get("id"), "status": server.get("status"),
            "phase": phases.of(server), "key_name": server.get("key_name"),
            "availability_zone": server.get("availability_zone"),
            "flavor": flavor.get("name") or flavor.get("id"), "flavor_id": flavor.get("id"),
            "image": image.get("name") or image.get("id"), "image_id": image.get("id"),
            "cps": cps,
            "ns_instance_id": meta.get("ns_instance_id") or tags.get("ns"),
            "ns_name": meta.get("ns_name"),
            "vnf_instance_id": meta.get("vnf_instance_id") or tags.get("vnf"),
            "vnf_name": meta.get("vnf_name"),
            "vnfd_id": meta.get("vnfd_id"), "vnfd_version": meta.get("vnfd_version"),
            "flavour_id": meta.get("flavour_id"),
            "vdu": vdu,
            "vdu_index": meta.get("vdu_index", tags.get("vdu_index")),
            "management_cp": meta.get("management_cp"),
        })
    return instances
