# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The kernel side of a VDU instance on the local VIM: its CPs' veth ends moved in and out of its namespace,
its power, and its removal, also when its namespace was deleted by hand but lives on through its processes.
Records are read and written by the driver; these functions only touch the machine."""

from __future__ import annotations

import os
import socket

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import ipam
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import netlink

REAP_PREFIX = "snfvo-reap-"


def new_veth(port, network):
    """A fresh veth pair for the port (an old one may have its other end in a dead namespace), on the bridge;
    the VNFC's end carries the port's MAC."""
    local = port["local"]
    netlink.delete_link(local["veth"])
    netlink.delete_link(local["peer"])
    netlink.add_veth(local["veth"], local["peer"], port["mac_address"], port["name"], network.get("mtu"))
    netlink.set_link(local["veth"], master=network["local"]["bridge"], up=True)


def plug(port, netns, ifname, network, subnets):
    """Move the port's free veth end into the namespace as ifname, with its MAC and addresses, up."""
    local = port["local"]
    links = netlink.links()
    if local["veth"] not in links or not (links.get(local["peer"]) or {}).get("peer_here"):
        new_veth(port, network)  # the other end died with a namespace: a new pair, same MAC and IPs
    netlink.ip("link", "set", "dev", local["peer"], "netns", netns)
    netlink.ip("link", "set", "dev", local["peer"], "name", ifname, "address", port["mac_address"], netns=netns)
    _add_addresses(port, ifname, netns, subnets)
    netlink.set_link(ifname, up=True, netns=netns)
    local["ifname"] = ifname


def _add_addresses(port, ifname, netns, subnets):
    for fixed in port["fixed_ips"]:
        subnet = subnets.get(fixed.get("subnet_id"))
        prefix = ipam.network(subnet).prefixlen if subnet else (32 if ":" not in fixed["ip_address"] else 128)
        extra = ["nodad"] if ":" in fixed["ip_address"] else []
        netlink.ip("addr", "add", "%s/%d" % (fixed["ip_address"], prefix), "dev", ifname, *extra, netns=netns)


def readdress(port, netns, subnets):
    """Give a plugged port's interface its recorded MAC and addresses again (drift repair): the MAC set in place, the
    global addresses replaced by the recorded ones."""
    ifname = port["local"]["ifname"]
    netlink.ip("link", "set", "dev", ifname, "address", port["mac_address"], netns=netns)
    netlink.ip("addr", "flush", "dev", ifname, "scope", "global", netns=netns)
    _add_addresses(port, ifname, netns, subnets)
    netlink.set_link(ifname, up=True, netns=netns)


def live(server):
    """Whether the server's own namespace (same inode) is still named."""
    return netlink.netns_inodes().get(server["local"]["netns"]) == server["local"].get("netns_inode")


def _pids(netns):
    return [int(p) for p in netlink.ip("netns", "pids", netns, check=False).split() if p.isdigit()]


def remove(server, ports):
    """Kill the instance's processes, give its ports' ends back to the host (down, renamed to their peer name),
    delete its namespace. ports: {id: port record} (those of the server are found by its port_ids)."""
    local = server["local"]
    inode = local.get("netns_inode")
    named = netlink.netns_inodes()
    netns = local["netns"] if inode and named.get(local["netns"]) == inode else None
    pids = netlink.pids_in(inode) if inode else []
    if netns is None and pids:
        # Deleted by hand (ip netns del) but alive through its processes: name it again to take its CPs back.
        netns = local["netns"] if local["netns"] not in named else REAP_PREFIX + server["id"][:8]
        netlink.ip("netns", "attach", netns, pids[0])
    if netns:
        pids = sorted(set(pids) | set(_pids(netns)))
    netlink.kill_all(pids)
    if not netns:
        return
    for port_id in local.get("port_ids") or ():
        port = ports.get(port_id)
        ifname = port and port["local"].get("ifname")
        if not ifname:
            continue
        # A link is renamed only while down; then it goes back to the host, free for the next instance.
        netlink.gone_ok(netlink.set_link, ifname, up=False, netns=netns)
        if netlink.gone_ok(netlink.ip, "link", "set", "dev", ifname, "name", port["local"]["peer"], netns=netns) is not None:
            netlink.gone_ok(netlink.ip, "link", "set", "dev", port["local"]["peer"], "netns", str(os.getpid()), netns=netns)
    netlink.gone_ok(netlink.ip, "netns", "del", netns)


def remove_unrecorded(netns):
    """A namespace of our name without a record (a crash between namespace and record): its processes go too."""
    netlink.kill_all(_pids(netns))
    netlink.gone_ok(netlink.ip, "netns", "del", netns)


def power_off(netns):
    """Like pulling the plug: every process of the instance killed, every link down."""
    netlink.kill_all(_pids(netns))
    for link in netlink.links(netns=netns):
        netlink.set_link(link, up=False, netns=netns)


def links_up(netns):
    for link in netlink.links(netns=netns):
        netlink.set_link(link, up=True, netns=netns)


def reachable(server):
    """SSH answers on the management address from the host (when the host is on the management network)."""
    local = server["local"]
    if not local.get("host_reachable") or not local.get("management_ip"):
        return True
    try:
        with socket.create_connection((local["management_ip"], 22), timeout=1):
            return True
    except OSError:
        return False
