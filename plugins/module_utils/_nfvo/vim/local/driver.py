# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The embedded local VIM: VDU instances are Linux network namespaces on this machine.

A virtual link is a bridge (its subnet a record: the driver does the IPAM), a CP a veth pair whose host end is
on the bridge and whose other end becomes eth<N> in the VDU instance's namespace, with the planned MAC and IPs.
Each instance runs an sshd on its management address, in a private mount namespace with its own /etc, /var and
/tmp; the host holds the management subnets' gateway address, so the controller reaches every VNFC over SSH.

Records (one JSON file per resource under the state directory, see store.py) have the OpenStack
driver's shape; every read reconciles them with the kernel (reconcile.py), so the machine is the
source of truth. There are no flavors or images: VNFCs run the host's OS, and every planned flavor and image
is reported as existing.
"""

from __future__ import annotations

import os
import threading
from collections import Counter

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import drift
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.protocol import VimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError, VimUnavailable
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import firewall
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import instances
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import ipam
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import names
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import netlink
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import sshd
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.preflight import DEFAULT_STATE_DIR, INSTALL, problems
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.reconcile import reconcile, server_status
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.store import Store
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait, poll

TAGGED = ("network", "subnet", "port", "server")


def _ns_of(resource):
    return identity.parse_tags(resource.get("tags")).get("ns")


class LocalDriver(VimDriver):
    vim_type = "local"
    name = "local"
    # Namespaces on this machine: planned addresses and MACs, stop/start, and sshd on every management address
    # the host routes to. No images (VNFCs run the host's OS), one zone, one machine.
    capabilities = frozenset((cap.FIXED_IPS, cap.POWER, cap.SSH))
    boot_timeout = 60  # sshd answers as soon as the namespace is ready

    def __init__(self, state_dir=None, check=True):
        self.state_dir = os.path.abspath(os.path.expanduser(state_dir or DEFAULT_STATE_DIR))
        if check:
            missing = problems(self.state_dir)
            if missing:
                raise VimUnavailable("the local VIM cannot run on this machine: %s. Install the tools with: %s" % (
                    "; ".join(missing), INSTALL))
        self.store = Store(self.state_dir)
        self.calls = Counter()
        self.warnings = []
        self._warned = set()
        self._lock = threading.Lock()
        self._management = set()  # subnet names that carry a management CP (learnt from the plan)

    # -- bookkeeping -------------------------------------------------------------------------
    def connection_vars(self):
        """How Ansible reaches the VNFCs: root with the NS key, host keys pinned in the VIM's known_hosts; su to
        become (root needs no password for it, and the host's OS may lack sudo)."""
        # The VNFCs share the host's file system: its /usr/bin/python3 (interpreter discovery may otherwise pick a
        # login shell's shim, such as pyenv's, that does not work there).
        return {"ansible_user": "root", "ansible_become_method": "su", "ansible_python_interpreter": "/usr/bin/python3",
                "ansible_ssh_common_args": "-o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes" % self.store.known_hosts}

    def _count(self, what):
        with self._lock:
            self.calls[what] += 1

    def call_counts(self):
        return dict(self.calls)

    def write_calls(self):
        return sum(n for what, n in self.calls.items() if what != "read")

    def _warn_once(self, key, message):
        with self._lock:
            if key not in self._warned:
                self._warned.add(key)
                self.warnings.append(message)

    # -- reading -----------------------------------------------------------------------------
    def snapshot(self):
        """(stored records, what of them exists on the machine)."""
        stored = self.store.load()
        try:
            probe = netlink.Probe()
        except netlink.CommandError as exc:
            raise VimError("vim", "local", str(exc), "read")
        return stored, reconcile(stored, probe)

    def read_ns(self, ns_id, desired):
        self._count("read")
        self._learn(ns_id, desired)
        _stored, current = self.snapshot()
        tag = identity.ns_tag(ns_id)
        state = dict((kind, [r for r in current[kind] if tag in (r.get("tags") or ())]) for kind in TAGGED)
        for kind in ("server_group", "keypair"):
            wanted = set(r["name"] for r in desired if r["type"] == kind)
            # Server groups carry the NS tag here too: terminate finds them even without the plan that made them.
            state[kind] = [r for r in current[kind] if r["name"] in wanted or tag in (r.get("tags") or ())
                           or (kind == "server_group" and identity.is_ns_server_group(r["name"], ns_id))]
        for kind in ("flavor", "image"):
            # Nothing to create: a VNFC runs the host's OS, with the host's CPUs and memory.
            state[kind] = [{"type": kind, "name": r["name"], "id": r["name"], "vim_name": r["name"]}
                           for r in desired if r["type"] == kind]
        return state

    def _learn(self, ns_id, desired):
        for resource in desired:
            props = resource.get("properties") or {}
            if resource["type"] == "port" and props.get("management") and props.get("subnet"):
                self._management.add(props["subnet"])
        if any(r["type"] == "server_group" for r in desired):
            self._warn_once(("affinity", ns_id), "the local VIM has one NFVI node: the NS's affinity and anti-affinity "
                                                 "rules (server groups) are recorded but not enforced")

    def read_all(self):
        self._count("read")
        _stored, current = self.snapshot()
        return dict((kind, [r for r in current[kind] if identity.TAG in (r.get("tags") or ())]) for kind in TAGGED)

    # -- creating ----------------------------------------------------------------------------
    def create(self, resource, refs):
        kind = resource["type"]
        creator = getattr(self, "_create_" + kind, None)
        if creator is None:
            raise VimError(kind, resource["name"], "the local VIM has no %ss" % kind)
        self._count("create")
        try:
            with self.store.lock():
                return creator(resource, resource.get("properties") or {}, refs)
        except netlink.CommandError as exc:
            raise VimError(kind, resource["name"], str(exc))
        except (ipam.IpamError, OSError) as exc:
            raise VimError(kind, resource["name"], str(exc))

    @staticmethod
    def _base(resource, kind, stored, **fields):
        """A record for resource: the id of a stored record of the same name is kept (heal keeps ids and addresses)."""
        old = [r for r in stored.get(kind, ()) if r["name"] == resource["name"]]
        record = {"type": kind, "name": resource["name"], "id": old[0]["id"] if old else names.new_id(),
                  "tags": list(resource.get("tags") or ())}
        record.update(fields)
        return record, (old[0] if old else None)

    def _create_keypair(self, resource, props, refs):
        stored = self.store.load()
        record, _old = self._base(resource, "keypair", stored, public_key=props.get("public_key"))
        return self.store.save(record)

    def _create_server_group(self, resource, props, refs):
        stored = self.store.load()
        record, _old = self._base(resource, "server_group", stored, policy=props.get("policy") or "anti-affinity")
        return self.store.save(record)

    def _create_network(self, resource, props, refs):
        stored = self.store.load()
        bridge = names.bridge(_ns_of(resource), resource["name"])
        record, _old = self._base(resource, "network", stored, subnet_ids=[], status="ACTIVE", mtu=props.get("mtu"),
                                  description=props.get("description"), local={"bridge": bridge})
        links = netlink.links()
        if bridge not in links:
            netlink.add_bridge(bridge, resource["name"], props.get("mtu"))
        # Ports that outlived a bridge deleted by hand go back on the new one.
        for port in stored["port"]:
            link = links.get(port["local"]["veth"])
            if port["network_id"] == record["id"] and link is not None and link.get("master") != bridge:
                netlink.set_link(port["local"]["veth"], master=bridge, up=True)
        self.store.save(record)
        firewall.sync()
        return record

    def _create_subnet(self, resource, props, refs):
        stored = self.store.load()
        network = refs("network", resource["depends_on"][0])
        cidr = str(ipam.network(props))
        record, _old = self._base(resource, "subnet", stored, cidr=cidr, ip_version=props.get("ip_version") or 4,
                                  gateway_ip=props.get("gateway_ip") or ipam.default_gateway(cidr),
                                  allocation_pools=list(props.get("allocation_pools") or ()),
                                  enable_dhcp=bool(props.get("enable_dhcp")), network_id=network["id"],
                                  local={"host_gateway": False})
        if resource["name"] in self._management:
            self._host_gateway(record, network)
        return self.store.save(record)

    def _host_gateway(self, subnet, network):
        """Give the management subnet's gateway address to the host (on the bridge), after checking that the CIDR
        clashes with no route the host has."""
        bridge = network["local"]["bridge"]
        net = ipam.network(subnet)
        links = netlink.links()
        for route, dev in netlink.routes():
            if dev != bridge and route.version == net.version and route.overlaps(net):
                owner = (links.get(dev) or {}).get("alias")
                raise VimError("subnet", subnet["name"], "its CIDR %s overlaps the host's route %s dev %s%s; the local VIM "
                               "gives a management network an address on the host, so its CIDR must be free there: "
                               "choose another with vl_cidrs (for example vl_cidrs: {<vl id>: 10.201.0.0/24})" % (
                                   net, route, dev, " (network '%s' of another NS)" % owner if owner and names.is_ours(dev) else ""))
        gateway = ipam.gateway(subnet)
        if gateway:
            netlink.ip("addr", "replace", "%s/%d" % (gateway, net.prefixlen), "dev", bridge)
        subnet["local"]["host_gateway"] = True

    def _create_port(self, resource, props, refs):
        name = resource["name"]
        stored = self.store.load()
        if props.get("network"):
            network = refs("network", props["network"])
        elif props.get("existing_network"):
            found = [n for n in stored["network"] if n["name"] == props["existing_network"]]
            if not found:
                raise VimError("port", name, "network '%s' does not exist on the local VIM" % props["existing_network"])
            network = found[0]
        else:
            raise VimError("port", name, "its CP is attached to no network; give one in ext_networks")
        if (props.get("vnic_type") or "normal") != "normal":
            raise VimError("port", name, "vnic_type %s is not available: the local VIM's CPs are veth pairs (normal)" % props["vnic_type"])
        subnet = None
        if props.get("subnet"):
            subnet = next((s for s in stored["subnet"] if s["id"] == refs("subnet", props["subnet"])["id"]), None)
            if subnet is None:
                raise VimError("port", name, "its subnet '%s' has no record on the local VIM" % props["subnet"])
        ns_id = _ns_of(resource)
        record, old = self._base(resource, "port", stored, network_id=network["id"], mac_address=names.mac(ns_id, name),
                                 fixed_ips=[], status="DOWN", device_id="",
                                 local={"veth": names.veth(ns_id, name), "peer": names.peer(ns_id, name)})
        if subnet is not None:
            used = [f["ip_address"] for p in stored["port"] if p["id"] != record["id"] for f in p["fixed_ips"]
                    if f.get("subnet_id") == subnet["id"]]
            if props.get("fixed_ips"):
                addresses = []
                for address in props["fixed_ips"]:
                    problem = ipam.check_fixed(subnet, address, used + addresses)
                    if problem:
                        raise VimError("port", name, problem)
                    addresses.append(address)
            else:
                kept = [f["ip_address"] for f in (old or {}).get("fixed_ips", ()) if f.get("subnet_id") == subnet["id"]
                        and ipam.check_fixed(subnet, f["ip_address"], used) is None]
                addresses = kept[:1] or [ipam.allocate(subnet, used)]
            record["fixed_ips"] = [{"subnet_id": subnet["id"], "ip_address": a} for a in addresses]
        instances.new_veth(record, network)
        if props.get("management") and subnet is not None and not subnet["local"].get("host_gateway"):
            self._host_gateway(subnet, network)
            self.store.save(subnet)
        return self.store.save(record)

    def _create_server(self, resource, props, refs):
        name = resource["name"]
        stored = self.store.load()
        ports = [next((p for p in stored["port"] if p["id"] == refs("port", n)["id"]), None) for n in props.get("ports") or ()]
        if None in ports:
            raise VimError("server", name, "one of its ports has no record on the local VIM")
        keys = []
        if props.get("key_name"):
            keypair = next((k for k in stored["keypair"] if k["name"] == props["key_name"]), None)
            if keypair is None:
                raise VimError("server", name, "keypair '%s' does not exist on the local VIM" % props["key_name"])
            keys.append(keypair.get("public_key"))
        if props.get("user_data"):
            self.warnings.append("server %s: user_data (day-0 configuration) is not run on the local VIM" % name)
        for old in [s for s in stored["server"] if s["name"] == name]:
            self._reap(old, stored)  # the namespace of a stale instance may still live through its processes
        netns = names.netns(name)
        if netns in netlink.netns_inodes():
            instances.remove_unrecorded(netns)
        management_cp = props.get("management_cp")
        mgmt = next((p for p in ports if identity.parse_tags(p.get("tags")).get("cp") == management_cp), ports[0] if ports else None)
        mgmt_ip = mgmt["fixed_ips"][0]["ip_address"] if mgmt and mgmt["fixed_ips"] else None
        mgmt_subnet = next((s for s in stored["subnet"] if mgmt_ip and s["id"] == mgmt["fixed_ips"][0]["subnet_id"]), None)
        record = {"type": "server", "name": name, "id": names.new_id(), "tags": list(resource.get("tags") or ()),
                  "status": "BUILD", "fault": None, "metadata": dict(props.get("metadata") or {}),
                  "key_name": props.get("key_name"), "availability_zone": "local",
                  "flavor": {"id": props.get("flavor"), "name": props.get("flavor")},
                  "image": {"id": props.get("image"), "name": props.get("image")}, "server_group": props.get("server_group"),
                  "local": {"netns": netns, "netns_inode": None, "sshd_pid": None, "power": "on", "port_ids": [p["id"] for p in ports],
                            "management_ip": mgmt_ip, "host_reachable": bool(mgmt_subnet and mgmt_subnet["local"].get("host_gateway"))}}
        server_dir = self.store.server_dir(record["id"])
        record["local"]["log"] = sshd.paths(server_dir)["log"]
        netlink.ip("netns", "add", netns)
        record["local"]["netns_inode"] = netlink.netns_inodes().get(netns)
        self.store.save(record)
        try:
            self._boot(record, ports, keys, stored)
        except Exception:
            # Nothing half-built stays: the ports go back to the host, the namespace and record go.
            self._reap(record, self.store.load())
            raise
        return server_status(record, netlink.Probe())

    def _boot(self, record, ports, keys, stored):
        local = record["local"]
        networks = dict((n["id"], n) for n in stored["network"])
        subnets = dict((s["id"], s) for s in stored["subnet"])
        for position, port in enumerate(ports):
            network = networks.get(port["network_id"])
            if network is None:
                raise VimError("port", port["name"], "its network has no record on the local VIM")
            instances.plug(port, local["netns"], names.guest_ifname(position), network, subnets)
            port.update(device_id=record["id"], status="ACTIVE")
            self.store.save(port)
        netlink.set_link("lo", up=True, netns=local["netns"])
        server_dir = self.store.server_dir(record["id"])
        local["host_key"] = sshd.prepare(server_dir, local["management_ip"] or "0.0.0.0", keys, self.store.write_text)
        local["sshd_pid"] = sshd.start(local["netns"], server_dir, record["name"])
        self.store.save(record)
        self._write_known_hosts()

    # -- updating (drift repair) -------------------------------------------------------------
    def update(self, record, changes, resource):
        """Put back what drifted (lifecycle.drift): a port's MAC and addresses in its server's namespace (as recorded,
        or as newly planned), a network's MTU on its bridge and veths, and the recorded tags, metadata and
        properties. Returns the record as the machine then has it."""
        kind = record["type"]
        self._count("update")
        try:
            with self.store.lock():
                stored = self.store.load()
                found = next((r for r in stored.get(kind, ()) if r["id"] == record["id"]), None)
                if found is None:
                    raise VimError(kind, record["name"], "it has no record on the local VIM any more", "update")
                for prop, (_before, after) in changes.items():
                    self._set(found, prop, after, stored)
                if kind == "port":
                    self._readdress(found, stored)
                elif kind == "network" and "mtu" in changes:
                    self._set_mtu(found, stored)
                self.store.save(found)
        except netlink.CommandError as exc:
            raise VimError(kind, record["name"], str(exc), "update")
        except ipam.IpamError as exc:
            raise VimError(kind, record["name"], str(exc), "update")
        _stored, current = self.snapshot()
        return next((r for r in current.get(kind, ()) if r["id"] == record["id"]), found)

    @staticmethod
    def _set(found, prop, value, stored):
        """One owned property of a stored record set to its planned value; user tags and metadata stay."""
        if prop == "tags":
            found["tags"] = [t for t in found.get("tags") or () if t not in drift.own_tags([t])] + list(value)
        elif prop == "metadata":
            mine = drift.own_metadata(found.get("metadata"))
            found["metadata"] = dict(((k, v) for k, v in (found.get("metadata") or {}).items() if k not in mine), **value)
        elif prop == "fixed_ips":
            if sorted(f["ip_address"] for f in found["fixed_ips"]) != sorted(value):
                # A newly planned address (the recorded ones are put back as they are).
                subnet = next((s for s in stored["subnet"] if found["fixed_ips"] and s["id"] == found["fixed_ips"][0]["subnet_id"]), None)
                if subnet is None:
                    raise VimError("port", found["name"], "it has no subnet on the local VIM to take %s from" % ", ".join(value), "update")
                used = [f["ip_address"] for p in stored["port"] if p["id"] != found["id"] for f in p["fixed_ips"]
                        if f.get("subnet_id") == subnet["id"]]
                for address in value:
                    problem = ipam.check_fixed(subnet, address, used)
                    if problem:
                        raise VimError("port", found["name"], problem, "update")
                found["fixed_ips"] = [{"subnet_id": subnet["id"], "ip_address": a} for a in value]
        else:
            found[prop] = value

    def _readdress(self, port, stored):
        server = next((s for s in stored["server"] if s["id"] == port.get("device_id")), None)
        if server is None or not port["local"].get("ifname") or not instances.live(server):
            return  # not plugged: the port's next server gets the recorded MAC and addresses
        instances.readdress(port, server["local"]["netns"], dict((s["id"], s) for s in stored["subnet"]))

    @staticmethod
    def _set_mtu(network, stored):
        mtu = network.get("mtu")
        netlink.set_link(network["local"]["bridge"], mtu=mtu)
        servers = dict((s["id"], s) for s in stored["server"])
        for port in (p for p in stored["port"] if p["network_id"] == network["id"]):
            netlink.gone_ok(netlink.set_link, port["local"]["veth"], mtu=mtu)
            server = servers.get(port.get("device_id"))
            if server is not None and port["local"].get("ifname") and instances.live(server):
                netlink.set_link(port["local"]["ifname"], mtu=mtu, netns=server["local"]["netns"])

    # -- deleting ----------------------------------------------------------------------------
    def delete(self, record):
        kind = record["type"]
        deleter = getattr(self, "_delete_" + kind, None)
        if deleter is None:
            raise VimError(kind, record["name"], "deleting this kind of resource is not supported", "delete")
        self._count("delete")
        try:
            with self.store.lock():
                stored = self.store.load()
                found = next((r for r in stored.get(kind, ()) if r["id"] == record["id"]), None)
                if found is not None:
                    deleter(found, stored)
        except netlink.CommandError as exc:
            raise VimError(kind, record["name"], str(exc), "delete")

    def _delete_keypair(self, record, stored):
        self.store.remove(record)

    _delete_server_group = _delete_keypair

    def _delete_server(self, record, stored):
        self._reap(record, stored)

    def _delete_port(self, record, stored):
        netlink.delete_link(record["local"]["veth"])
        netlink.delete_link(record["local"]["peer"])
        self.store.remove(record)
        # A server the machine lost (namespace deleted by hand) may still run through its processes.
        for server in [s for s in stored["server"] if s["id"] == record.get("device_id")]:
            if not instances.live(server):
                self._reap(server, stored)

    def _delete_subnet(self, record, stored):
        network = next((n for n in stored["network"] if n["id"] == record["network_id"]), None)
        gateway = ipam.gateway(record)
        if record["local"].get("host_gateway") and network and gateway:
            netlink.gone_ok(netlink.ip, "addr", "del", "%s/%d" % (gateway, ipam.network(record).prefixlen),
                            "dev", network["local"]["bridge"], check=True)
        self.store.remove(record)

    def _delete_network(self, record, stored):
        netlink.delete_link(record["local"]["bridge"])
        self.store.remove(record)
        # Records the machine lost on this network go with it (their kernel objects are gone, or go now).
        ports = [p for p in stored["port"] if p["network_id"] == record["id"]]
        for server in stored["server"]:
            if set(server["local"].get("port_ids") or ()) & set(p["id"] for p in ports) and not instances.live(server):
                self._reap(server, stored)
        for port in ports:
            netlink.delete_link(port["local"]["veth"])
            self.store.remove(port)
        for subnet in [s for s in stored["subnet"] if s["network_id"] == record["id"]]:
            self.store.remove(subnet)
        firewall.sync()

    def _reap(self, server, stored):
        """Remove a VDU instance: its processes (also those of its namespace if it was deleted by hand), its
        ports' ends given back to the host, the namespace, its directory and record."""
        ports = dict((p["id"], p) for p in stored["port"])
        instances.remove(server, ports)
        self.store.remove(server)
        for port in ports.values():
            if port.get("device_id") == server["id"]:
                port.update(device_id="", status="DOWN")
                port["local"].pop("ifname", None)
                self.store.save(port)
        self._write_known_hosts()

    def _write_known_hosts(self):
        _stored, current = self.snapshot()
        lines = sorted("%s %s\n" % (s["local"]["management_ip"], s["local"]["host_key"]) for s in current["server"]
                       if s["local"].get("management_ip") and s["local"].get("host_key"))
        os.makedirs(self.state_dir, mode=0o700, exist_ok=True)
        self.store.write_text(self.store.known_hosts, "".join(lines), mode=0o644)

    # -- power and waiting -------------------------------------------------------------------
    def power(self, record, on):
        self._count("start" if on else "stop")
        operation = "start" if on else "stop"
        try:
            with self.store.lock():
                stored = self.store.load()
                server = next((s for s in stored["server"] if s["id"] == record["id"]), None)
                if server is None or not instances.live(server):
                    raise VimError("server", record["name"], "its namespace is gone; heal it", operation)
                local = server["local"]
                if on:
                    instances.links_up(local["netns"])
                    local["sshd_pid"] = sshd.start(local["netns"], self.store.server_dir(server["id"]), server["name"])
                    local["power"] = "on"
                else:
                    instances.power_off(local["netns"])
                    local.update(power="off", sshd_pid=None)
                self.store.save(server)
        except netlink.CommandError as exc:
            raise VimError("server", record["name"], str(exc), operation)

    def wait_servers(self, ns_id, ids, gone=False, wait=None, on_progress=None, phase=phases.READY):
        pending = set(ids)

        def check():
            self._count("read")
            stored, current = self.snapshot()
            servers = dict((s["id"], s) for s in current["server"] if s["id"] in pending)
            if gone:
                left = sorted(s["name"] for s in servers.values())
                return not left, left
            for server in servers.values():
                if self.phase(server) == phases.FAILED:
                    raise VimError("server", server["name"], "failed: %s" % phases.reason(server))
            missing = pending - set(servers)
            if missing:
                label = next((s["name"] for s in stored["server"] if s["id"] in missing), sorted(missing)[0])
                raise VimError("server", label, "disappeared while building (its namespace is gone)")
            waiting = sorted(s["name"] for s in servers.values() if self.phase(s) != phase or
                             (phase == phases.READY and not instances.reachable(s)))
            return not waiting, (servers if not waiting else waiting)
        what = "servers to be deleted" if gone else "servers to be " + phase
        return poll(check, wait or Wait(), what, on_progress=on_progress) if pending else {}
