# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Drift: the properties of a resource that the plan owns, and how they differ between the plan and the VIM.

A resource found by (VIM, type, name) may have been changed by hand since it was created. OWNED says, per kind,
which properties the plan decides, where each is in a plan resource and in a driver record, and whether the VIM
changes it in place (update) or only by making the resource again (replace).

Only what both sides state is compared:
- a property the plan leaves open (a port without planned fixed IPs) is compared with what the VIM assigned at
  create time, when the driver remembers it apart from what it now sees (the record's "assigned" dict: the local
  VIM keeps its IPAM's addresses and MACs, the OpenStack driver reports a port's network default of port
  security); otherwise it is not compared;
- a property the record does not carry (the driver does not read it) is not drift.
Tags and server metadata are compared on SmartNFVO's own keys only: tags and metadata a user added stay.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import METADATA_PREFIX, TAG

UPDATE = "update"
REPLACE = "replace"
_ABSENT = object()


def _assigned(record, prop):
    return (record.get("assigned") or {}).get(prop, _ABSENT)


def _opt(value):
    return _ABSENT if value is None else value


def _address(value):
    try:
        return str(ipaddress.ip_address(str(value)))
    except ValueError:
        return str(value)


def _cidr(value):
    try:
        return str(ipaddress.ip_network(str(value), strict=False))
    except ValueError:
        return str(value)


def _addresses(values):
    return sorted(_address(v) for v in values)


def own_tags(tags):
    """The tags SmartNFVO sets (its collection tag and the smartnfvo:key=value ones), sorted."""
    return sorted(str(t) for t in tags or () if str(t) == TAG or str(t).startswith(TAG + ":"))


def own_metadata(metadata):
    """The server metadata SmartNFVO sets (the smartnfvo_ identity keys)."""
    return dict((k, str(v)) for k, v in (metadata or {}).items() if str(k).startswith(METADATA_PREFIX))


# -- where each property is -----------------------------------------------------------------------
def _planned_port_security(resource, record):
    planned = (resource.get("properties") or {}).get("port_security_enabled")
    return _assigned(record, "port_security_enabled") if planned is None else bool(planned)


def _planned_fixed_ips(resource, record):
    planned = (resource.get("properties") or {}).get("fixed_ips")
    if planned:
        return _addresses(planned)
    assigned = _assigned(record, "fixed_ips")
    return _ABSENT if assigned is _ABSENT else _addresses(f["ip_address"] for f in assigned)


def _planned_mac(resource, record):
    planned = (resource.get("properties") or {}).get("mac_address")
    value = _assigned(record, "mac_address") if not planned else planned
    return value if value is _ABSENT else str(value).lower()


def _prop(name, normalize=None):
    """A plan property that is compared only when planned (not None)."""
    def planned(resource, _record):
        value = (resource.get("properties") or {}).get(name)
        return _ABSENT if value is None else (normalize(value) if normalize else value)
    return planned


def _field(name, normalize=None):
    """A record field, absent when the driver does not report it (or reports None)."""
    def current(record):
        value = record.get(name)
        return _ABSENT if value is None else (normalize(value) if normalize else value)
    return current


def _planned_tags(resource, _record):
    return own_tags(resource.get("tags"))


def _current_tags(record):
    return _ABSENT if record.get("tags") is None else own_tags(record["tags"])


def _planned_metadata(resource, _record):
    planned = own_metadata((resource.get("properties") or {}).get("metadata"))
    return planned or _ABSENT


def _current_metadata(record):
    return _ABSENT if record.get("metadata") is None else own_metadata(record["metadata"])


def _current_fixed_ips(record):
    return _ABSENT if record.get("fixed_ips") is None else _addresses(f["ip_address"] for f in record["fixed_ips"])


# (kind, property) -> (planned(resource, record), current(record), how the VIM changes it). The property names are
# the records' and the summary's.
OWNED = {
    "network": (
        ("mtu", _prop("mtu", int), _field("mtu", int), UPDATE),
        ("tags", _planned_tags, _current_tags, UPDATE),
    ),
    "subnet": (
        # Neutron cannot change a subnet's CIDR: a new subnet, and new ports (with addresses in it) on it.
        ("cidr", _prop("cidr", _cidr), _field("cidr", _cidr), REPLACE),
        ("gateway_ip", _prop("gateway_ip", _address), _field("gateway_ip", _address), UPDATE),
        ("enable_dhcp", _prop("enable_dhcp", bool), _field("enable_dhcp", bool), UPDATE),
        ("tags", _planned_tags, _current_tags, UPDATE),
    ),
    "port": (
        ("port_security_enabled", _planned_port_security, _field("port_security_enabled", bool), UPDATE),
        ("fixed_ips", _planned_fixed_ips, _current_fixed_ips, UPDATE),
        ("mac_address", _planned_mac, _field("mac_address", lambda v: str(v).lower()), UPDATE),
        ("tags", _planned_tags, _current_tags, UPDATE),
    ),
    "server_group": (
        # Nova cannot change a group's policy, nor move a server into another group: a new group, and new members.
        ("policy", _prop("policy"), _field("policy"), REPLACE),
    ),
    "server": (
        ("metadata", _planned_metadata, _current_metadata, UPDATE),
        ("tags", _planned_tags, _current_tags, UPDATE),
    ),
}


def owned(kind):
    """The property names the plan owns for a kind (none for kinds drift does not look at)."""
    return tuple(entry[0] for entry in OWNED.get(kind, ()))


def compare(resource, record):
    """{property: (on the VIM, planned)} of the owned properties that differ; only those both sides state."""
    changes = {}
    for prop, planned, current, _how in OWNED.get(resource["type"], ()):
        want, have = planned(resource, record), current(record)
        if want is not _ABSENT and have is not _ABSENT and want != have:
            changes[prop] = (have, want)
    return changes


def how(kind, changes):
    """REPLACE when any of the changes cannot be made in place, else UPDATE."""
    modes = dict((entry[0], entry[3]) for entry in OWNED.get(kind, ()))
    return REPLACE if any(modes.get(p) == REPLACE for p in changes) else UPDATE


def describe(changes):
    """'port_security_enabled True -> False, tags [...] -> [...]' (before -> after), in property order."""
    return ", ".join("%s %s -> %s" % (prop, shown(before), shown(after)) for prop, (before, after) in changes.items())


def shown(value):
    """A property value as the summary and the --diff lines write it: [a, b], {k: v}, True."""
    if isinstance(value, list):
        return "[%s]" % ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s: %s" % (k, v) for k, v in sorted(value.items()))
    return str(value)
