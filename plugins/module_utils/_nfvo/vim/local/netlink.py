# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The kernel side of the local VIM: a thin wrapper of the ip command, and a probe that reads links,
namespaces and processes (the probe is the only thing reconciliation asks, so tests can fake it)."""

from __future__ import annotations

import ipaddress
import json
import os
import signal
import subprocess
import time

NETNS_DIR = "/run/netns"
# Modules may run with a user's PATH: the tools live in the sbin directories.
SEARCH_PATH = ":".join(dict.fromkeys([p for p in (os.environ.get("PATH") or "").split(":") if p] +
                                     ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]))


class CommandError(Exception):
    def __init__(self, argv, code, stderr):
        self.argv, self.code, self.stderr = argv, code, (stderr or "").strip()
        super().__init__("'%s' failed (exit %s): %s" % (" ".join(argv), code, self.stderr or "no message"))


def run(argv, check=True, timeout=60, stdin=None):
    """argv's stdout (stdin: text to feed it); CommandError when it fails and check is set."""
    try:
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=timeout, check=False,
                              env=dict(os.environ, LC_ALL="C", PATH=SEARCH_PATH))
    except OSError as exc:
        raise CommandError(argv, None, str(exc))
    except subprocess.TimeoutExpired:
        raise CommandError(argv, None, "timed out after %ss" % timeout)
    if check and done.returncode != 0:
        raise CommandError(argv, done.returncode, done.stderr)
    return done.stdout


def ip(*args, netns=None, check=True):
    return run(["ip"] + (["-n", netns] if netns else []) + [str(a) for a in args], check=check)


def ip_json(*args, netns=None):
    out = ip("-j", *args, netns=netns)
    return json.loads(out) if out.strip() else []


def gone_ok(func, *args, **kwargs):
    """Run an ip command whose object may already be gone (deleting twice is not an error)."""
    try:
        return func(*args, **kwargs)
    except CommandError as exc:
        if "Cannot find device" in exc.stderr or "No such file" in exc.stderr or "does not exist" in exc.stderr:
            return None
        raise


# -- links --------------------------------------------------------------------------------------
def links(netns=None):
    """{name: {"kind", "master", "up", "peer_here", "address", "alias"}} of the host (or of netns)."""
    found = {}
    for link in ip_json("-d", "link", "show", netns=netns):
        kind = (link.get("linkinfo") or {}).get("info_kind")
        found[link["ifname"]] = {"kind": kind, "master": link.get("master"), "up": "UP" in (link.get("flags") or []),
                                 "peer_here": "link" in link and "link_netnsid" not in link,
                                 "address": link.get("address"), "alias": link.get("ifalias")}
    return found


def add_bridge(name, alias, mtu=None):
    ip("link", "add", name, "type", "bridge")
    set_link(name, alias=alias, mtu=mtu, up=True)


def add_veth(host, peer, mac, alias, mtu=None):
    ip("link", "add", host, "type", "veth", "peer", "name", peer, "address", mac)
    set_link(host, alias=alias, mtu=mtu)
    set_link(peer, mtu=mtu)


def set_link(name, alias=None, mtu=None, up=None, master=None, netns=None):
    args = ["link", "set", "dev", name]
    if alias:
        args += ["alias", alias[:255]]
    if mtu:
        args += ["mtu", str(mtu)]
    if master:
        args += ["master", master]
    if up is not None:
        args += ["up" if up else "down"]
    if len(args) > 4:
        ip(*args, netns=netns)


def delete_link(name, netns=None):
    gone_ok(ip, "link", "del", "dev", name, netns=netns)


def addresses(name):
    """Addresses (with prefix) of a host link."""
    found = []
    for link in ip_json("addr", "show", "dev", name):
        found += ["%s/%s" % (a["local"], a["prefixlen"]) for a in link.get("addr_info") or ()]
    return found


def routes():
    """The host's routes of the main table, v4 and v6: [(network, dev)], default routes left out."""
    found = []
    for family in ("-4", "-6"):
        for route in ip_json(family, "route", "show", "table", "main"):
            dst = route.get("dst")
            if not dst or dst == "default":
                continue
            try:
                net = ipaddress.ip_network(dst, strict=False)
            except ValueError:
                continue
            if net.prefixlen == 0 or net.is_link_local or net.is_multicast:
                continue
            found.append((net, route.get("dev")))
    return found


# -- namespaces and processes -------------------------------------------------------------------
def netns_inodes():
    """{name: inode} of the named network namespaces."""
    found = {}
    try:
        names = os.listdir(NETNS_DIR)
    except FileNotFoundError:
        return found
    for name in names:
        try:
            found[name] = os.stat(os.path.join(NETNS_DIR, name)).st_ino
        except OSError:
            continue  # a bind mount whose namespace is gone, or being removed
    return found


def process_netns_inode(pid):
    try:
        return os.stat("/proc/%d/ns/net" % pid).st_ino
    except (OSError, ValueError):
        return None


def pids_in(inode):
    """Every process (zombies aside) whose network namespace has this inode."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and process_netns_inode(int(entry)) == inode and process_alive(int(entry)):
            found.append(int(entry))
    return found


def process_alive(pid):
    """True if pid runs (a zombie has exited: its parent may never reap it)."""
    try:
        with open("/proc/%d/stat" % int(pid), encoding="utf-8") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError, ValueError, TypeError):
        return False
    return state not in ("Z", "X")


def process_name(pid):
    try:
        with open("/proc/%d/comm" % int(pid), encoding="utf-8") as handle:
            return handle.read().strip()
    except (OSError, ValueError, TypeError):
        return None


def listening(pid, address, port):
    """Whether a TCP socket listens on address:port (or the wildcard) in pid's network namespace."""
    ip_addr = ipaddress.ip_address(address)
    table = "/proc/%d/net/%s" % (int(pid), "tcp" if ip_addr.version == 4 else "tcp6")
    try:
        with open(table, encoding="utf-8") as handle:
            lines = handle.read().splitlines()[1:]
    except OSError:
        return False
    wanted = set([_proc_address(ip_addr), _proc_address(ipaddress.ip_address("0.0.0.0" if ip_addr.version == 4 else "::"))])
    for line in lines:
        fields = line.split()
        local, state = fields[1], fields[3]
        host, hex_port = local.split(":", 1)
        if state == "0A" and int(hex_port, 16) == port and host in wanted:
            return True
    return False


def _proc_address(ip_addr):
    """An address as /proc/net/tcp writes it: 32-bit words in host (little-endian) order."""
    raw = ip_addr.packed
    return "".join(raw[i:i + 4][::-1].hex().upper() for i in range(0, len(raw), 4))


def kill_all(pids, timeout=5.0):
    """SIGKILL the processes and wait until they have exited."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue
    deadline = time.monotonic() + timeout
    while any(process_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.02)


def guest_links(netns):
    """{ifname: {"address": MAC, "addresses": [(IP, prefix length)]}} in a namespace: its global addresses only."""
    found = {}
    for link in ip_json("addr", "show", netns=netns):
        found[link["ifname"]] = {"address": link.get("address"), "addresses": [
            (a["local"], a.get("prefixlen")) for a in link.get("addr_info") or ()
            if a.get("family") in ("inet", "inet6") and a.get("scope") == "global" and a.get("local")]}
    return found


class Probe:
    """What reconciliation needs to know of the kernel, read once per reconciliation."""

    def __init__(self):
        self.links = links()
        self.netns = netns_inodes()
        self._guests = {}

    def link(self, name):
        return self.links.get(name)

    def netns_inode(self, name):
        return self.netns.get(name)

    def guest_link(self, netns, ifname):
        """The MAC and addresses that ifname has in netns now (a hand change with ip addr is seen), or None; one
        ip call per namespace and reconciliation."""
        if netns not in self._guests:
            try:
                self._guests[netns] = guest_links(netns)
            except CommandError:
                self._guests[netns] = {}  # the namespace went while we read: reconciliation reports the server gone
        return self._guests[netns].get(ifname)

    @staticmethod
    def sshd(pid, inode, address):
        """(alive, listening) of the recorded sshd: alive in the namespace of inode, listening on address:22."""
        if not pid or not process_alive(pid) or process_netns_inode(pid) != inode or process_name(pid) != "sshd":
            return False, False
        return True, bool(address) and listening(pid, address, 22)
