# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the vnfs inventory reads SmartNFVO's resources from: one source per VIM.

A source lists the records of one VIM (servers, ports, networks, subnets as plain dicts, see
inventory_hosts) with as few calls as the VIM allows, and names itself for the cache. Sources are
read concurrently; a failing source is reported, never hidden.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory_hosts import empty_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim_tags import TAG

try:
    import openstack
    import openstack.config
    import openstack.connection
except ImportError as exc:
    openstack = None
    OPENSTACK_IMPORT_ERROR = str(exc)
else:
    OPENSTACK_IMPORT_ERROR = None

SOURCE_TYPES = ("openstack", "local")
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


class LocalSource(VimSource):
    """The embedded local VIM. Accepted in configurations now; it has no records until the local VIM exists."""

    kind = "local"
    notice = "the local VIM source is not implemented yet; it yields no hosts"

    def cache_id(self):
        return "local_" + _safe(self.name)

    def fetch(self):
        return empty_records()


class OpenStackSource(VimSource):
    """One OpenStack cloud from clouds.yaml, as the project its credentials name."""

    kind = "openstack"

    def __init__(self, name, cloud, clouds_yaml=None):
        super().__init__(name)
        self.cloud = cloud
        self.clouds_yaml = list(clouds_yaml or ())
        self._region = None

    def _cloud_region(self):
        if self._region is None:
            if openstack is None:
                raise SourceError("VIM %s: openstacksdk is required (%s)" % (self.name, OPENSTACK_IMPORT_ERROR))
            try:
                if self.clouds_yaml:
                    config = openstack.config.OpenStackConfig(config_files=self.clouds_yaml)
                else:
                    config = openstack.config.OpenStackConfig()
                self._region = config.get_one(cloud=self.cloud)
            except Exception as exc:
                raise SourceError("VIM %s: cloud %s: %s" % (self.name, self.cloud, exc)) from exc
        return self._region

    def cache_id(self):
        auth = self._cloud_region().config.get("auth") or {}
        scope = "|".join(str(auth.get(k) or "") for k in ("auth_url", "project_id", "project_name", "project_domain_name",
                                                          "project_domain_id", "username", "user_id"))
        digest = hashlib.sha256(scope.encode("utf-8")).hexdigest()[:12]
        return "openstack_%s_%s" % (_safe(self.cloud), digest)

    def fetch(self):
        conn = openstack.connection.Connection(config=self._cloud_region())
        try:
            return self._list(conn)
        except SourceError:
            raise
        except Exception as exc:
            raise SourceError("VIM %s (cloud %s): %s" % (self.name, self.cloud, _one_line(exc))) from exc
        finally:
            conn.close()

    def _list(self, conn):
        conn.authorize()  # one token for all the calls below
        network = conn.network  # the proxies are made once, here, not raced for by the threads
        compute = conn.compute
        # One list call per resource type, all at once: the slowest one sets the time.
        with ThreadPoolExecutor(max_workers=4) as calls:
            servers = calls.submit(lambda: [_server(s) for s in compute.servers(details=True, tags=TAG)])
            ports = calls.submit(lambda: [_port(p) for p in network.ports(tags=TAG, fields=list(PORT_FIELDS))])
            networks = calls.submit(lambda: [_network(n) for n in network.networks(tags=TAG, fields=list(NETWORK_FIELDS))])
            subnets = calls.submit(lambda: [_subnet(s) for s in network.subnets(tags=TAG, fields=list(SUBNET_FIELDS))])
            records = {"servers": servers.result(), "ports": ports.result(), "networks": networks.result(),
                       "subnets": subnets.result()}
        self._add_untagged(network, records)
        return records

    @staticmethod
    def _add_untagged(network, records):
        """Ports of ours may sit on networks the NS did not create (ext_networks): read those by id, once."""
        known = set(n["id"] for n in records["networks"])
        missing = sorted(set(p["network_id"] for p in records["ports"] if p["network_id"]) - known)
        records["networks"] += [_network(n) for ids in _chunks(missing) for n in network.networks(id=ids, fields=list(NETWORK_FIELDS))]
        known = set(s["id"] for s in records["subnets"])
        missing = sorted(set(f.get("subnet_id") for p in records["ports"] for f in p["fixed_ips"] if f.get("subnet_id")) - known)
        records["subnets"] += [_subnet(s) for ids in _chunks(missing) for s in network.subnets(id=ids, fields=list(SUBNET_FIELDS))]


def make_source(spec, clouds_yaml=None):
    """A source from one entry of the plugin's sources option."""
    if not isinstance(spec, dict):
        raise SourceError("each source is a mapping such as {type: openstack, cloud: NAME}, not %r" % (spec,))
    kind = spec.get("type") or "openstack"
    if kind == "local":
        return LocalSource(spec.get("name") or "local")
    if kind == "openstack":
        if not spec.get("cloud"):
            raise SourceError("an openstack source needs 'cloud' (a clouds.yaml entry): %r" % (spec,))
        return OpenStackSource(spec.get("name") or spec["cloud"], spec["cloud"], clouds_yaml)
    raise SourceError("unknown source type %r (known: %s)" % (kind, ", ".join(SOURCE_TYPES)))


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


def _chunks(ids):
    return [ids[i:i + _ID_CHUNK] for i in range(0, len(ids), _ID_CHUNK)]


def _safe(text):
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in str(text))


def _one_line(exc):
    return " ".join(str(exc).split()) or exc.__class__.__name__
