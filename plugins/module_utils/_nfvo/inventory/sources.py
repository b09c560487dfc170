# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the vnfs inventory reads SmartNFVO's resources from: one source per VIM.

A source lists the records of one VIM (servers, ports, networks, subnets as plain dicts, see
inventory.hosts) with as few calls as the VIM allows, and names itself for the cache. Sources are
read concurrently; a failing source is reported, never hidden.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import server_instances
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import registry
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import rest
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import TAG


_ID_CHUNK = 50  # ids per Neutron filter, to keep URLs short
# Neutron returns only these: measured on the test cloud, 425 ports list in ~0.9 s instead of ~1.3 s.
PORT_FIELDS = ("id", "name", "device_id", "mac_address", "network_id", "status", "tags", "fixed_ips")
NETWORK_FIELDS = ("id", "name", "tags")
SUBNET_FIELDS = ("id", "name", "network_id", "cidr", "gateway_ip", "ip_version")


class SourceError(Exception):
    """A source that cannot be configured or read; the message names the VIM."""


class VimSource:
    """The interface: name (the VIM's name in groups and vars), cache_id() and fetch() -> records."""

    kind = None

    def __init__(self, name):
        self.name = name

    def cache_id(self):
        """A key part naming what this source reads (VIM and project), safe in a file name."""
        raise NotImplementedError

    def fetch(self):
        raise NotImplementedError

    def vdu_instances(self, records):
        """The VDU instances in what fetch() returned (inventory.hosts builds hosts from them)."""
        return server_instances.vdu_instances(self.name, records)


class LocalSource(VimSource):
    """The embedded local VIM on this machine: its records as the kernel has them, read by the driver's own
    reader (vim/local/driver.py), and the connection variables its hosts need (root, pinned host keys)."""

    kind = "local"
    notice = None

    def __init__(self, name, state_dir=None):
        super().__init__(name)
        self.state_dir = os.path.abspath(os.path.expanduser(state_dir or _local_driver().DEFAULT_STATE_DIR))

    def _driver(self):
        return _local_driver().LocalDriver(self.state_dir, check=False)

    def cache_id(self):
        return "local_%s_%s" % (_safe(self.name), hashlib.sha256(self.state_dir.encode("utf-8")).hexdigest()[:12])

    def fetch(self):
        if os.geteuid() != 0:
            # Without root the VNFCs' processes cannot be checked, and every one would look broken.
            raise SourceError("VIM %s: reading the local VIM needs root (it checks the VNFCs' namespaces and processes)" % self.name)
        try:
            current = self._driver().read_all()
        except NfvoError as exc:
            raise SourceError("VIM %s (local VIM in %s): %s" % (self.name, self.state_dir, _one_line(exc))) from exc
        return {"servers": current["server"], "ports": current["port"], "networks": current["network"],
                "subnets": current["subnet"]}

    def host_vars(self):
        """Variables every host of this source gets (the plugin does not override what is set otherwise)."""
        return self._driver().connection_vars()


class OpenStackSource(VimSource):
    """One OpenStack cloud from clouds.yaml, as the project its credentials name.

    Read with plain REST calls (vim.openstack.rest) when the clouds.yaml entry is one that module understands, else
    with openstacksdk; both give the same records. openstacksdk is imported only when it is used: a run served
    from the cache, or read over REST, never pays its ~0.3 s import."""

    kind = "openstack"

    def __init__(self, name, cloud, clouds_yaml=None):
        super().__init__(name)
        self.cloud = cloud
        self.clouds_yaml = list(clouds_yaml or ())
        self._region = None
        self._entry = False  # not looked up yet

    def _clouds_entry(self):
        """The entry as found in the clouds.yaml files, or None (then only openstacksdk knows the cloud)."""
        if self._entry is False:
            try:
                self._entry = rest.find_entry(self.cloud, self.clouds_yaml)
            except rest.Unsupported:
                self._entry = None
        return self._entry

    def _cloud_region(self):
        if self._region is None:
            sdk = _openstacksdk(self.name)
            try:
                if self.clouds_yaml:
                    config = sdk.config.OpenStackConfig(config_files=self.clouds_yaml)
                else:
                    config = sdk.config.OpenStackConfig()
                self._region = config.get_one(cloud=self.cloud)
            except Exception as exc:
                raise SourceError("VIM %s: cloud %s: %s" % (self.name, self.cloud, exc)) from exc
        return self._region

    def cache_id(self):
        entry = self._clouds_entry()
        if entry is not None:
            scope = rest.scope_key(self.cloud, entry)
        else:
            auth = self._cloud_region().config.get("auth") or {}
            scope = "|".join(str(auth.get(k) or "") for k in ("auth_url", "project_id", "project_name", "project_domain_name",
                                                              "project_domain_id", "username", "user_id"))
        digest = hashlib.sha256(scope.encode("utf-8")).hexdigest()[:12]
        return "openstack_%s_%s" % (_safe(self.cloud), digest)

    def fetch(self):
        entry = self._clouds_entry()
        if entry is not None:
            try:
                session = rest.Session(entry)
            except rest.Unsupported:
                session = None
            if session is not None:
                try:
                    return self._list_rest(session)
                except rest.Unsupported:
                    pass  # an older or unusual cloud: openstacksdk negotiates what it needs
                except Exception as exc:
                    raise SourceError("VIM %s (cloud %s): %s" % (self.name, self.cloud, _one_line(exc))) from exc
        return self._fetch_sdk()

    def _fetch_sdk(self):
        conn = _openstacksdk(self.name).connection.Connection(config=self._cloud_region())
        try:
            return self._list(conn)
        except SourceError:
            raise
        except Exception as exc:
            raise SourceError("VIM %s (cloud %s): %s" % (self.name, self.cloud, _one_line(exc))) from exc
        finally:
            conn.close()

    def _list_rest(self, session):
        """The four lists over REST (see _read_lists), as plain dicts: the same records _list makes with openstacksdk."""
        session.authorize()
        tagged = [("tags", TAG)]
        records = _read_lists(
            lambda: [_server_json(s) for s in session.servers(tagged)],
            lambda: [_pick(p, PORT_FIELDS) for p in session.network_list("ports", tagged + _fields(PORT_FIELDS))],
            lambda: [_pick(n, NETWORK_FIELDS) for n in session.network_list("networks", tagged + _fields(NETWORK_FIELDS))],
            lambda: [_pick(s, SUBNET_FIELDS) for s in session.network_list("subnets", tagged + _fields(SUBNET_FIELDS))])

        def by_ids(kind, ids):
            fields = NETWORK_FIELDS if kind == "networks" else SUBNET_FIELDS
            return [_pick(r, fields) for r in session.network_list(kind, [("id", i) for i in ids] + _fields(fields))]
        _add_untagged(by_ids, records)
        return records

    def _list(self, conn):
        conn.authorize()  # one token for all the calls below
        network = conn.network  # the proxies are made once, here, not raced for by the threads
        compute = conn.compute
        records = _read_lists(
            lambda: [_server(s) for s in compute.servers(details=True, tags=TAG)],
            lambda: [_port(p) for p in network.ports(tags=TAG, fields=list(PORT_FIELDS))],
            lambda: [_network(n) for n in network.networks(tags=TAG, fields=list(NETWORK_FIELDS))],
            lambda: [_subnet(s) for s in network.subnets(tags=TAG, fields=list(SUBNET_FIELDS))])

        def by_ids(kind, ids):
            if kind == "networks":
                return [_network(n) for n in network.networks(id=ids, fields=list(NETWORK_FIELDS))]
            return [_subnet(s) for s in network.subnets(id=ids, fields=list(SUBNET_FIELDS))]
        _add_untagged(by_ids, records)
        return records


def _read_lists(servers, ports, networks, subnets):
    """{'servers', 'ports', 'networks', 'subnets'} from the four list functions: Nova's list beside the three Neutron
    lists, which go one after the other.

    Nova's servers/detail is the slowest call, and it calls Neutron itself (the ports of the listed servers, for
    their security groups). Three Neutron lists at once, each with a token Neutron has not seen, make Neutron check
    that token three times with Keystone and keep its API workers (one on the test cloud) busy while Nova waits for
    its own Neutron call. One after the other, the first one checks the token and the next two are fast. Measured on
    the test cloud (40 VDU instances, 113 ports; medians of 6 runs, two rounds), the token and the four lists took
    1.04-1.08 s this way and 1.28-1.35 s all at once; the token and Nova's list alone, 0.86-0.90 s."""
    with ThreadPoolExecutor(max_workers=2) as calls:
        nova = calls.submit(servers)
        neutron = calls.submit(lambda: (ports(), networks(), subnets()))
        found_ports, found_networks, found_subnets = neutron.result()
        return {"servers": nova.result(), "ports": found_ports, "networks": found_networks, "subnets": found_subnets}


def _add_untagged(read_by_ids, records):
    """Ports of ours may sit on networks the NS did not create (ext_networks): read those by id, once.
    read_by_ids(kind, ids) -> records of kind "networks" or "subnets"."""
    known = set(n["id"] for n in records["networks"])
    missing = sorted(set(p["network_id"] for p in records["ports"] if p["network_id"]) - known)
    records["networks"] += [n for ids in _chunks(missing) for n in read_by_ids("networks", ids)]
    known = set(s["id"] for s in records["subnets"])
    missing = sorted(set(f.get("subnet_id") for p in records["ports"] for f in p["fixed_ips"] if f.get("subnet_id")) - known)
    records["subnets"] += [s for ids in _chunks(missing) for s in read_by_ids("subnets", ids)]


def _local_driver():
    """drivers.local, imported only when a local source exists: an OpenStack-only run does not pay its ~20 ms."""
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import driver as local  # pylint: disable=import-outside-toplevel
    return local


def _openstacksdk(vim):
    """openstacksdk, imported on first use."""
    try:
        import openstack  # pylint: disable=import-outside-toplevel
        import openstack.config  # pylint: disable=import-outside-toplevel
        import openstack.connection  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise SourceError("VIM %s: openstacksdk is required (%s)" % (vim, exc)) from exc
    return openstack


def make_source(spec, clouds_yaml=None):
    """A source from one entry of the plugin's sources option (the registry knows the types)."""
    if not isinstance(spec, dict):
        raise SourceError("each source is a mapping such as {type: openstack, cloud: NAME}, not %r" % (spec,))
    return registry.inventory_source(spec, clouds_yaml)


def local_source(spec, _clouds_yaml=None):
    return LocalSource(spec.get("name") or "local", spec.get("state_dir"))


def openstack_source(spec, clouds_yaml=None):
    if not spec.get("cloud"):
        raise SourceError("an openstack source needs 'cloud' (a clouds.yaml entry): %r" % (spec,))
    return OpenStackSource(spec.get("name") or spec["cloud"], spec["cloud"], clouds_yaml)


def fetch_all(sources, max_workers=8):
    """{source name: (records, None) or (None, error message)}, the sources read concurrently."""
    if not sources:
        return {}

    def read(source):
        try:
            return source.fetch(), None
        except Exception as exc:
            return None, _one_line(exc) if isinstance(exc, SourceError) else "VIM %s: %s" % (source.name, _one_line(exc))
    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(sources)))) as pool:
        futures = dict((source.name, pool.submit(read, source)) for source in sources)
    return dict((name, future.result()) for name, future in futures.items())


def _server(server):
    flavor = server.flavor
    image = server.image
    return {"id": server.id, "name": server.name, "status": server.status, "tags": list(server.tags or ()),
            "metadata": dict(server.metadata or {}), "key_name": server.key_name,
            "availability_zone": server.availability_zone,
            "flavor": {"id": getattr(flavor, "id", None), "name": getattr(flavor, "original_name", None) or getattr(flavor, "name", None)}
            if flavor else {},
            "image": {"id": getattr(image, "id", None), "name": getattr(image, "name", None)} if image else {}}


def _port(port):
    return {"id": port.id, "name": port.name, "device_id": port.device_id, "mac_address": port.mac_address,
            "network_id": port.network_id, "status": port.status, "tags": list(port.tags or ()),
            "fixed_ips": [dict(f) for f in port.fixed_ips or ()]}


def _network(network):
    return {"id": network.id, "name": network.name, "tags": list(network.tags or ())}


def _subnet(subnet):
    return {"id": subnet.id, "name": subnet.name, "network_id": subnet.network_id, "cidr": subnet.cidr,
            "gateway_ip": subnet.gateway_ip, "ip_version": subnet.ip_version}


def _server_json(server):
    """_server for a Nova JSON server. From microversion 2.47 the flavor is embedded without an id; openstacksdk's
    Flavor then answers its original name as the id, and so does this."""
    flavor = server.get("flavor") or None
    image = server.get("image") or None
    return {"id": server.get("id"), "name": server.get("name"), "status": server.get("status"),
            "tags": list(server.get("tags") or ()), "metadata": dict(server.get("metadata") or {}),
            "key_name": server.get("key_name"), "availability_zone": server.get("OS-EXT-AZ:availability_zone"),
            "flavor": {"id": flavor.get("id") or flavor.get("name") or flavor.get("original_name"),
                       "name": flavor.get("original_name") or flavor.get("name")} if flavor else {},
            "image": {"id": image.get("id"), "name": image.get("name")} if image else {}}


def _pick(item, fields):
    """A Neutron JSON resource as _port/_network/_subnet make it from openstacksdk objects."""
    record = dict((f, item.get(f)) for f in fields)
    for key in ("tags", "fixed_ips"):
        if key in record:
            record[key] = [dict(v) if isinstance(v, dict) else v for v in record[key] or ()]
    return record


def _fields(fields):
    return [("fields", f) for f in fields]


def _chunks(ids):
    return [ids[i:i + _ID_CHUNK] for i in range(0, len(ids), _ID_CHUNK)]


def _safe(text):
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in str(text))


def _one_line(exc):
    return " ".join(str(exc).split()) or exc.__class__.__name__
