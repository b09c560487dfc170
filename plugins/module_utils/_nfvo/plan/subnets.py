# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Subnets of a plan: validate the ones given, allocate the others from a pool, refuse overlaps."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem

try:
    import netaddr
except ImportError:  # reported by the module edge through missing_required_lib
    netaddr = None


class SubnetAllocator:
    def __init__(self, pool, prefix_length=24):
        self.problems = []
        self.assigned = []  # (IPNetwork, (cidr, subnet name), scope)
        self.reserved = []
        try:
            self.pool = netaddr.IPNetwork(pool)
        except (netaddr.AddrFormatError, ValueError, TypeError):
            self.pool = None
            self.problems.append(Problem("<parameters>", None, "cidr_pool '%s' is not a valid CIDR" % pool))
        self.prefix_length = prefix_length

    def reserve(self, cidr):
        """Keep pool allocation away from a CIDR that a later VL states."""
        try:
            self.reserved.append(netaddr.IPNetwork(str(cidr)))
        except (netaddr.AddrFormatError, ValueError, TypeError):
            pass

    def _overlap(self, network, scope=None):
        """Subnets clash within the NS scope and within one VNF instance; two VNF instances may reuse a CIDR."""
        for net, name, other in self.assigned:
            if scope is not None and other is not None and scope != other:
                continue
            if net.first <= network.last and network.first <= net.last:
                return name
        return None

    def assign(self, name, cidr, l3, node, scope=None):
        """Subnet properties for name, or None when nothing can be assigned (a problem is recorded)."""
        if cidr:
            try:
                network = netaddr.IPNetwork(str(cidr))
            except (netaddr.AddrFormatError, ValueError, TypeError):
                self.problems.append(Problem("<plan>", node, "CIDR '%s' is not a valid network" % cidr))
                return None
            if network.ip != network.network:
                self.problems.append(Problem("<plan>", node, "CIDR '%s' has host bits set (did you mean %s?)" % (cidr, network.cidr)))
                return None
            clash = self._overlap(network, scope)
            if clash:
                self.problems.append(Problem("<plan>", node, "subnet %s overlaps subnet %s of '%s'" % (network, clash[0], clash[1])))
                return None
        else:
            network = self._allocate(node)
            if network is None:
                return None
        self.assigned.append((network, (str(network), name), scope))
        props = {"cidr": str(network), "ip_version": network.version, "enable_dhcp": True}
        if l3 is not None:
            props["enable_dhcp"] = bool(l3.dhcp_enabled)
            if l3.gateway_ip:
                if not self._inside(l3.gateway_ip, network, node, "gateway_ip"):
                    return None
                props["gateway_ip"] = l3.gateway_ip
            pools = []
            for start, end in l3.ip_allocation_pools:
                if self._inside(start, network, node, "allocation pool start") and self._inside(end, network, node, "allocation pool end"):
                    pools.append({"start": start, "end": end})
            if pools:
                props["allocation_pools"] = pools
        return props

    def _inside(self, address, network, node, what):
        try:
            ok = netaddr.IPAddress(address) in network
        except (netaddr.AddrFormatError, ValueError, TypeError):
            ok = False
        if not ok:
            self.problems.append(Problem("<plan>", node, "%s %s is not inside subnet %s" % (what, address, network)))
        return ok

    def _allocate(self, node):
        if self.pool is None:
            return None
        for candidate in self.pool.subnet(self.prefix_length):
            if not self._overlap(candidate) and not any(r.first <= candidate.last and candidate.first <= r.last for r in self.reserved):
                return candidate
        self.problems.append(Problem("<plan>", node, "cidr_pool %s has no free /%d left" % (self.pool, self.prefix_length)))
        return None
