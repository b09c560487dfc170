# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IP address management of the local VIM's subnets (Neutron does it on OpenStack).

A subnet record carries cidr, gateway_ip and optionally allocation_pools; addresses in use are those of the
port records (kept even while a port's veth is gone, so that heal gives the CP its address back).
"""

from __future__ import annotations

import ipaddress


class IpamError(Exception):
    """No address can be given: the message says why."""


def network(subnet):
    return ipaddress.ip_network(subnet["cidr"], strict=False)


def default_gateway(cidr):
    """Neutron's default: the first host address."""
    net = ipaddress.ip_network(cidr, strict=False)
    return str(net.network_address + 1) if net.num_addresses > 2 else None


def gateway(subnet):
    return subnet.get("gateway_ip") or default_gateway(subnet["cidr"])


def _pools(subnet, net):
    pools = subnet.get("allocation_pools") or []
    if pools:
        return [(ipaddress.ip_address(p["start"]), ipaddress.ip_address(p["end"])) for p in pools]
    last = net.broadcast_address - (1 if net.version == 4 else 0)
    return [(net.network_address + 1, last)]


def allocate(subnet, used):
    """The lowest free address of the subnet's pools (the whole CIDR without network, broadcast and gateway)."""
    net = network(subnet)
    taken = set(str(a) for a in used)
    taken.add(gateway(subnet) or "")
    for start, end in _pools(subnet, net):
        address = start
        while address <= end:
            if address in net and address not in (net.network_address, net.broadcast_address) and str(address) not in taken:
                return str(address)
            address += 1
    raise IpamError("subnet %s has no free address left (%d in use)" % (net, len(taken) - 1))


def check_fixed(subnet, address, used):
    """Why the planned fixed address cannot be given on this subnet, or None."""
    net = network(subnet)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "%r is not an IP address" % (address,)
    if ip not in net:
        return "%s is not inside subnet %s" % (address, net)
    if str(ip) == gateway(subnet):
        return "%s is the gateway of subnet %s" % (address, net)
    if str(ip) in set(str(a) for a in used):
        return "%s is already used by another port" % address
    return None
