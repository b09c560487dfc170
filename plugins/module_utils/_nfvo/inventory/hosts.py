# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From the records one VIM returned (servers, ports, networks, subnets as plain dicts) to inventory hosts.

One host per VDU instance, named by a format over the instance's NFV names, with the groups and host
variables the vnfs inventory plugin publishes. Pure Python: no Ansible, no VIM client.
"""

from __future__ import annotations

import ipaddress
import os
import re
import string

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import (
    DEFAULT_KEY_DIR, keypair_name, parse_server_metadata, parse_tags, private_key_path)

DEFAULT_HOSTNAME_FORMAT = "{ns_name}-{vnf_name}-{vdu}-{vdu_index}"
HOSTNAME_FIELDS = ("ns_name", "vnf_name", "vdu", "vdu_id", "vdu_index", "ns_instance_id", "vnf_instance_id",
                   "server_name", "server_id", "vim")
VAR_PREFIX = "smartnfvo_"
RECORD_TYPES = ("servers", "ports", "networks", "subnets")


class InventoryError(Exception):
    """A configuration the inventory cannot work with (for example an unknown hostname_format field)."""


def empty_records():
    return dict((kind, []) for kind in RECORD_TYPES)


def slug(text, default="x"):
    """Same rule as plan.slug, which names the plan's servers (plan.py is not imported: it pulls in netaddr)."""
    value = re.sub(r"[^a-z0-9]+", "-", str(text or "").lower()).strip("-")
    return value[:40] or default


def safe_group_name(name):
    """Ansible group names hold letters, digits and underscores only."""
    return re.sub(r"[^A-Za-z0-9_]", "_", str(name))


def check_hostname_format(fmt):
    fields = [f for _text, f, _spec, _conv in string.Formatter().parse(fmt) if f is not None]
    unknown = sorted(set(f for f in fields if f not in HOSTNAME_FIELDS))
    if unknown or not fields:
        raise InventoryError("hostname_format %r: unknown fields %s (known: %s)" % (
            fmt, ", ".join(unknown) or "(none given)", ", ".join(HOSTNAME_FIELDS)))


def private_key_file(key_dir, ns_name, ns_instance_id, key_name=None):
    """The NS keypair's private key (identity.keypair_name in identity.private_key_path) when that file exists;
    the server's own key_name is tried too, so a key the contract did not name still works."""
    if not ns_instance_id:
        return None
    candidates = [keypair_name(ns_name, ns_instance_id)] if ns_name else []
    if key_name and key_name not in candidates:
        candidates.append(key_name)
    for name in candidates:
        if os.path.basename(name) != name or name.startswith("."):
            continue  # names come from the VIM: never let them lead out of key_dir
        path = private_key_path(name, key_dir or DEFAULT_KEY_DIR)
        if os.path.isfile(path):
            return path
    return None


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
        tags = parse_tags(server.get("tags"))
        meta = parse_server_metadata(server.get("metadata"))
        vdu = meta.get("vdu") or tags.get("vdu")
        if vdu is None:
            continue  # ours (tagged smartnfvo) but not a VDU instance
        cps = {}
        for port in sorted(ports_by_server.get(server.get("id"), ()), key=lambda p: p.get("name") or ""):
            name = parse_tags(port.get("tags")).get("cp") or port.get("name") or port.get("id")
            cps[name] = _cp_facts(port, networks, subnets)
        instances.append({
            "vim": vim, "server": server, "cps": cps,
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


def hostname(instance, fmt=DEFAULT_HOSTNAME_FORMAT):
    server = instance["server"]
    if instance["ns_name"] is None or instance["vnf_name"] is None:
        # Without the names from the metadata, the server's own name (the plan's name) is the readable one.
        return server.get("name") or server.get("id")
    values = {"ns_name": instance["ns_name"], "vnf_name": instance["vnf_name"], "vdu": slug(instance["vdu"]),
              "vdu_id": instance["vdu"], "vdu_index": instance["vdu_index"], "ns_instance_id": instance["ns_instance_id"],
              "vnf_instance_id": instance["vnf_instance_id"], "server_name": server.get("name"),
              "server_id": server.get("id"), "vim": instance["vim"]}
    return fmt.format(**values)


def management_address(instance, preferred_cps=()):
    """ansible_host: the first address of the first preferred CP the host has, else of its management CP."""
    for name in list(preferred_cps or ()) + [instance["management_cp"]]:
        cp = instance["cps"].get(name) if name else None
        if cp and cp["ip_address"]:
            return cp["ip_address"]
    return None


def host_vars(instance, options=None):
    options = options or {}
    server = instance["server"]
    flavor = server.get("flavor") or {}
    image = server.get("image") or {}
    values = {
        "ns_instance_id": instance["ns_instance_id"], "ns_name": instance["ns_name"],
        "vnf_instance_id": instance["vnf_instance_id"], "vnf_name": instance["vnf_name"],
        "vnfd_id": instance["vnfd_id"], "vnfd_version": instance.get("vnfd_version"), "flavour_id": instance["flavour_id"], "vdu": instance["vdu"],
        "vdu_index": instance["vdu_index"], "management_cp": instance["management_cp"], "vim": instance["vim"],
        "server_id": server.get("id"), "server_name": server.get("name"), "server_status": server.get("status"),
        "availability_zone": server.get("availability_zone"), "key_name": server.get("key_name"),
        "flavor": flavor.get("name") or flavor.get("id"), "flavor_id": flavor.get("id"),
        "image": image.get("name") or image.get("id"), "image_id": image.get("id"),
        "cps": instance["cps"],
    }
    result = dict((VAR_PREFIX + k, v) for k, v in values.items())
    address = management_address(instance, options.get("ansible_host_cps"))
    if address:
        result["ansible_host"] = address
    if options.get("ansible_user"):
        result["ansible_user"] = options["ansible_user"]
    key_file = private_key_file(options.get("key_dir"), instance["ns_name"], instance["ns_instance_id"], server.get("key_name"))
    if key_file:
        result["ansible_ssh_private_key_file"] = key_file
    return result


def host_groups(instance):
    groups = []
    for prefix, value in (("ns", instance["ns_name"]), ("vnf", instance["vnf_name"]), ("vdu", instance["vdu"]),
                          ("vim", instance["vim"]), ("vnfd", instance["vnfd_id"]),
                          ("state", str(instance["server"].get("status") or "").lower())):
        if value not in (None, ""):
            groups.append(safe_group_name("%s_%s" % (prefix, value)))
    return groups


def build_hosts(records_by_vim, options=None):
    """{'hosts': [{'name', 'vars', 'groups'}], 'warnings': [...]} for {vim name: records}, in a stable order."""
    options = options or {}
    fmt = options.get("hostname_format") or DEFAULT_HOSTNAME_FORMAT
    check_hostname_format(fmt)
    hosts = []
    warnings = []
    taken = {}
    for vim in sorted(records_by_vim):
        instances = vdu_instances(vim, records_by_vim[vim] or {})
        for instance in sorted(instances, key=lambda i: (hostname(i, fmt), i["server"].get("id") or "")):
            name = hostname(instance, fmt)
            if name in taken:
                # The same NS name on two VIMs, or a format that drops the index: keep both, say so.
                unique = "%s-%s" % (name, vim) if taken[name] != vim else "%s-%s" % (name, str(instance["server"].get("id"))[:8])
                warnings.append("host name %s is already used (VIM %s); the server %s on VIM %s is named %s" % (
                    name, taken[name], instance["server"].get("id"), vim, unique))
                name = unique
            taken[name] = vim
            hosts.append({"name": name, "vars": host_vars(instance, options), "groups": host_groups(instance)})
    return {"hosts": hosts, "warnings": warnings}
