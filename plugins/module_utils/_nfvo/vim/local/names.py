# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kernel names of the local VIM's objects, derived from plan names so that a re-creation (heal) gets the
same ones. Link names are at most 15 characters (IFNAMSIZ - 1): a fixed prefix and 10 hex of a hash."""

from __future__ import annotations

import hashlib
import uuid

NETNS_PREFIX = "snfvo-"
BRIDGE_PREFIX = "snb"
VETH_PREFIX = "snv"   # host end of a CP's veth pair, enslaved to the VL's bridge
PEER_PREFIX = "snp"   # the other end while it waits in the host for its server
LINK_PREFIXES = (BRIDGE_PREFIX, VETH_PREFIX, PEER_PREFIX)
IFNAMSIZ = 15


def _hex(*parts):
    return hashlib.sha1("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:10]


def netns(server_name):
    """Namespace of a VDU instance: readable, as namespace names are file names (not 15-character links)."""
    return NETNS_PREFIX + server_name


def bridge(ns_id, network_name):
    return BRIDGE_PREFIX + _hex(ns_id, network_name)


def veth(ns_id, port_name):
    return VETH_PREFIX + _hex(ns_id, port_name)


def peer(ns_id, port_name):
    return PEER_PREFIX + _hex(ns_id, port_name)


def guest_ifname(position):
    """The CP's interface inside the VDU instance: eth0 for the first port of the server (the management CP)."""
    return "eth%d" % position


def mac(ns_id, port_name):
    """A locally administered unicast MAC (first octet 02), stable for the CP, so heal keeps it."""
    digest = hashlib.sha1(("mac\0%s\0%s" % (ns_id, port_name)).encode("utf-8")).hexdigest()
    return "02:" + ":".join(digest[i:i + 2] for i in range(0, 10, 2))


def new_id():
    return str(uuid.uuid4())


def is_ours(link_name):
    return any(str(link_name).startswith(p) for p in LINK_PREFIXES) and len(link_name) == len(BRIDGE_PREFIX) + 10
