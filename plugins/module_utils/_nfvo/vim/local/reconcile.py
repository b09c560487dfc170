# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Records as the machine has them: the kernel is the source of truth, the JSON records only describe it.

- a network is there while its bridge is; a subnet while its network is;
- a port is there while the host end of its veth pair is (ACTIVE when a live server uses it, else DOWN);
- a server is there while its namespace is (the same one: the inode is recorded); it is ACTIVE when its sshd
  runs and listens on the management address, BUILD while it does not listen yet, SHUTOFF when stopped, and
  ERROR (with a fault) when its sshd is dead;
- a plugged port's MAC and addresses are the ones its interface has in the server's namespace now (so a change
  made by hand with ip link or ip addr is seen); what the IPAM assigned stays in the port's "assigned", which is
  what drift repair (lifecycle.drift) puts back;
- server groups and keypairs have no kernel object: their records are them.
Pure: the kernel is asked through a probe (netlink.Probe, or a fake in tests).
"""

from __future__ import annotations

import copy
import ipaddress


def reconcile(stored, probe):
    """{type: [record]} of what exists, with statuses, from the stored records and the probe."""
    networks = [dict(r, status="ACTIVE") for r in stored.get("network", ()) if _bridge_there(r, probe)]
    network_ids = set(n["id"] for n in networks)
    subnets = [copy.deepcopy(r) for r in stored.get("subnet", ()) if r.get("network_id") in network_ids]
    for network in networks:
        network["subnet_ids"] = sorted(s["id"] for s in subnets if s["network_id"] == network["id"])
    servers = [server_status(copy.deepcopy(r), probe) for r in stored.get("server", ())
               if r["local"].get("netns_inode") and probe.netns_inode(r["local"]["netns"]) == r["local"]["netns_inode"]]
    running = set(s["id"] for s in servers if s["status"] != "SHUTOFF")
    namespaces = dict((s["id"], s["local"]["netns"]) for s in servers)
    ports = []
    for record in stored.get("port", ()):
        if probe.link(record["local"]["veth"]) is None:
            continue
        port = copy.deepcopy(record)
        if port.get("device_id") and port["device_id"] not in set(s["id"] for s in servers):
            port["device_id"] = ""  # its server is gone: the port is free, as Neutron unbinds it
        port["status"] = "ACTIVE" if port.get("device_id") in running else "DOWN"
        _observe(port, namespaces.get(port.get("device_id")), subnets, probe)
        ports.append(port)
    return {"network": networks, "subnet": subnets, "port": ports, "server": servers,
            "server_group": [copy.deepcopy(r) for r in stored.get("server_group", ())],
            "keypair": [copy.deepcopy(r) for r in stored.get("keypair", ())]}


def _observe(port, netns, subnets, probe):
    """The port's MAC and fixed IPs as its interface has them in netns (when plugged), the IPAM's in "assigned"."""
    port["assigned"] = {"mac_address": port["mac_address"], "fixed_ips": copy.deepcopy(port["fixed_ips"])}
    ifname = port["local"].get("ifname")
    seen = probe.guest_link(netns, ifname) if netns and ifname else None
    if seen is None:
        return
    port["mac_address"] = seen.get("address") or port["mac_address"]
    known = dict((f["ip_address"], f.get("subnet_id")) for f in port["fixed_ips"])
    port["fixed_ips"] = [{"subnet_id": known.get(address) or _subnet_of(address, subnets), "ip_address": address}
                         for address, _prefix in seen.get("addresses") or ()]


def _subnet_of(address, subnets):
    ip_addr = ipaddress.ip_address(address)
    return next((s["id"] for s in subnets if ip_addr in ipaddress.ip_network(s["cidr"], strict=False)), None)


def _bridge_there(record, probe):
    link = probe.link(record["local"]["bridge"])
    return link is not None and link.get("kind") == "bridge"


def server_status(server, probe):
    local = server["local"]
    if local.get("power") == "off":
        server.update(status="SHUTOFF", fault=None)
        return server
    alive, listening = probe.sshd(local.get("sshd_pid"), local.get("netns_inode"), local.get("management_ip"))
    if not alive:
        server.update(status="ERROR", fault="sshd (pid %s) of namespace %s is not running; its log is %s" % (
            local.get("sshd_pid"), local["netns"], local.get("log")))
    else:
        # Without a management address sshd listens everywhere; being alive is then all we can tell.
        server.update(status="ACTIVE" if listening or not local.get("management_ip") else "BUILD", fault=None)
    return server


def stale(stored, current, kind):
    """Stored records of kind that the machine no longer has (kept: they remember ids, addresses, inodes)."""
    there = set(r["id"] for r in current.get(kind, ()))
    return [r for r in stored.get(kind, ()) if r["id"] not in there]
