# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The local VIM's own nftables table, inet smartnfvo_local_vim.

br_netfilter hands bridged IPv4/IPv6 packets to the inet forward hook (bridge-nf-call-iptables is global, so a
bridge cannot opt out). The table accepts what is bridged within one of our bridges (in and out on the same
bridge) and drops what the host would route between one of our bridges and anything else, so a VNF never
reaches another NS or the host's networks through the host. It is rebuilt from the bridges the kernel has,
whichever state directory made them, under a host-wide lock, and removed with the last bridge.
"""

from __future__ import annotations

import contextlib
import fcntl
import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import names
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import netlink

TABLE = "smartnfvo_local_vim"
LOCK = "/run/lock/smartnfvo-local-vim-nft.lock"


def ruleset(bridges):
    """The nft script that replaces the table (atomically: nft applies a file as one transaction)."""
    accepts = "".join('        iifname "%s" oifname "%s" accept\n' % (b, b) for b in sorted(bridges))
    return ("table inet %s\n"
            "delete table inet %s\n"
            "table inet %s {\n"
            "    chain forward {\n"
            "        type filter hook forward priority -10; policy accept;\n"
            "%s"
            '        iifname "%s*" drop\n'
            '        oifname "%s*" drop\n'
            "    }\n"
            "}\n") % (TABLE, TABLE, TABLE, accepts, names.BRIDGE_PREFIX, names.BRIDGE_PREFIX)


@contextlib.contextmanager
def _host_lock():
    os.makedirs(os.path.dirname(LOCK), exist_ok=True)
    with open(LOCK, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def our_bridges():
    return sorted(n for n, link in netlink.links().items() if link["kind"] == "bridge" and n.startswith(names.BRIDGE_PREFIX)
                  and names.is_ours(n))


def sync():
    """Make the table match the bridges present now; remove it when none is left."""
    with _host_lock():
        bridges = our_bridges()
        if bridges:
            netlink.run(["nft", "-f", "-"], stdin=ruleset(bridges))
        elif table_exists():
            netlink.run(["nft", "delete", "table", "inet", TABLE])


def table_exists():
    return netlink.run(["nft", "list", "table", "inet", TABLE], check=False).strip() != ""
