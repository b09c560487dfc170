# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From VDU instances (VIM-neutral dicts: identity, name, status and phase, compute facts, CPs) to inventory hosts.

One host per VDU instance, named by a format over the instance's NFV names, with the groups and host
variables the vnfs inventory plugin publishes. A VIM's records become VDU instances in its driver's or source's
vdu_instances() (server_instances.py for the server and port records of OpenStack and the local VIM).
Pure Python: no Ansible, no VIM client.
"""

from __future__ import annotations

import os
import re
import string

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import DEFAULT_KEY_DIR, keypair_name, private_key_path

DEFAULT_HOSTNAME_FORMAT = "{ns_name}-{vnf_name}-{vdu}-{vdu_index}"
HOSTNAME_FIELDS = ("ns_name", "vnf_name", "vdu", "vdu_id", "vdu_index", "ns_instance_id", "vnf_instance_id",
                   "server_name", "server_id", "vim")
VAR_PREFIX = "smartnfvo_"
RECORD_TYPES = ("servers", "ports", "networks", "subnets")
# What a VDU instance (see server_instances.py) gives its host as smartnfvo_<name>, besides its server_* names and CPs.
INSTANCE_VARS = ("ns_instance_id", "ns_name", "vnf_instance_id", "vnf_name", "vnfd_id", "vnfd_version", "flavour_id",
                 "vdu", "vdu_index", "management_cp", "vim", "phase", "availability_zone", "key_name", "flavor",
                 "flavor_id", "image", "image_id")


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


def hostname(instance, fmt=DEFAULT_HOSTNAME_FORMAT):
    if instance["ns_name"] is None or instance["vnf_name"] is None:
        # Without the names from the VIM's identity data, the instance's own name (the plan's name) is the readable one.
        return instance["name"] or instance["id"]
    values = {"ns_name": instance["ns_name"], "vnf_name": instance["vnf_name"], "vdu": slug(instance["vdu"]),
              "vdu_id": instance["vdu"], "vdu_index": instance["vdu_index"], "ns_instance_id": instance["ns_instance_id"],
              "vnf_instance_id": instance["vnf_instance_id"], "server_name": instance["name"],
              "server_id": instance["id"], "vim": instance["vim"]}
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
    values = dict((k, instance.get(k)) for k in INSTANCE_VARS)
    values.update(server_id=instance["id"], server_name=instance["name"], server_status=instance["status"],
                  cps=instance["cps"])
    result = dict((VAR_PREFIX + k, v) for k, v in values.items())
    address = management_address(instance, options.get("ansible_host_cps"))
    if address:
        result["ansible_host"] = address
    if options.get("ansible_user"):
        result["ansible_user"] = options["ansible_user"]
    key_file = private_key_file(options.get("key_dir"), instance["ns_name"], instance["ns_instance_id"], instance.get("key_name"))
    if key_file:
        result["ansible_ssh_private_key_file"] = key_file
    return result


def host_groups(instance):
    groups = []
    for prefix, value in (("ns", instance["ns_name"]), ("vnf", instance["vnf_name"]), ("vdu", instance["vdu"]),
                          ("vim", instance["vim"]), ("vnfd", instance["vnfd_id"]),
                          ("state", str(instance["status"] or "").lower())):
        if value not in (None, ""):
            groups.append(safe_group_name("%s_%s" % (prefix, value)))
    return groups


def build_hosts(instances, options=None):
    """{'hosts': [{'name', 'vars', 'groups'}], 'warnings': [...]} for VDU instances of one or more VIMs (each names
    its "vim"), as a driver's or a source's vdu_instances() gives them, in a stable order."""
    options = options or {}
    fmt = options.get("hostname_format") or DEFAULT_HOSTNAME_FORMAT
    check_hostname_format(fmt)
    hosts = []
    warnings = []
    taken = {}
    for instance in sorted(instances, key=lambda i: (i["vim"] or "", hostname(i, fmt), i["id"] or "")):
        vim, name = instance["vim"], hostname(instance, fmt)
        if name in taken:
            # The same NS name on two VIMs, or a format that drops the index: keep both, say so.
            unique = "%s-%s" % (name, vim) if taken[name] != vim else "%s-%s" % (name, str(instance["id"])[:8])
            warnings.append("host name %s is already used (VIM %s); the server %s on VIM %s is named %s" % (
                name, taken[name], instance["id"], vim, unique))
            name = unique
        taken[name] = vim
        hosts.append({"name": name, "vars": host_vars(instance, options), "groups": host_groups(instance)})
    return {"hosts": hosts, "warnings": warnings}
