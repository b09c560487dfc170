"""An in-memory VIM behind the driver interface, for lifecycle tests without a cloud.

Records have the OpenStack driver's shape, with what the inventory needs too (ports: network, addresses,
MAC and device; servers: key, zone, flavor, image; subnets: CIDR and gateway)."""
import ipaddress
import itertools
import threading

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity as vim_tags
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.protocol import VimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError

TAGGED = ("network", "subnet", "port", "server")


class FakeVim(VimDriver):
    vim_type = "fake"
    capabilities = frozenset(cap.ALL)

    def __init__(self, fail_on=(), error_on=(), flavors=(), images=()):
        self.records = {}          # id -> record
        self.writes = 0
        self.log = []              # ("create"|"update"|"delete", type, name) in call order
        self.fail_on = set(fail_on)    # names whose create the VIM refuses
        self.error_on = set(error_on)  # servers that go to ERROR
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        for name in flavors:
            self._add({"type": "flavor", "name": name})
        for name in images:
            self._add({"type": "image", "name": name})

    def _add(self, record):
        record = dict(record, id="id-%d" % next(self._ids))
        self.records[record["id"]] = record
        return record

    def of(self, kind):
        return sorted(r["name"] for r in self.records.values() if r["type"] == kind)

    def read_ns(self, ns_id, desired):
        tag = vim_tags.ns_tag(ns_id)
        state = dict((k, [dict(r) for r in self.records.values() if r["type"] == k and tag in r.get("tags", ())])
                     for k in TAGGED)
        for kind in ("server_group", "keypair", "flavor", "image"):
            names = set(r["name"] for r in desired if r["type"] == kind)
            state[kind] = [dict(r) for r in self.records.values() if r["type"] == kind and (
                r["name"] in names or (kind == "server_group" and vim_tags.is_ns_server_group(r["name"], ns_id)))]
        return state

    def read_all(self):
        return dict((k, [dict(r) for r in self.records.values() if r["type"] == k and vim_tags.TAG in r.get("tags", ())])
                    for k in TAGGED)

    def create(self, resource, refs):
        for name in resource["depends_on"]:
            if not any(refs_ok(refs, kind, name) for kind in ("network", "subnet", "port", "flavor", "image",
                                                              "server_group", "keypair")):
                raise AssertionError("%s created before its dependency %s" % (resource["name"], name))
        with self._lock:
            self.writes += 1
            self.log.append(("create", resource["type"], resource["name"]))
            if resource["name"] in self.fail_on:
                raise VimError(resource["type"], resource["name"], "Quota exceeded (HTTP 403)")
            record = {"type": resource["type"], "name": resource["name"], "tags": list(resource["tags"])}
            props = resource["properties"]
            if resource["type"] == "server":
                record.update(status="BUILD", fault=None, metadata=dict(props.get("metadata") or {}), key_name=props.get("key_name"),
                              availability_zone=props.get("availability_zone") or "nova", flavor={"id": None, "name": props.get("flavor")},
                              image={"id": None, "name": props.get("image")})
            elif resource["type"] == "server_group":
                record["policy"] = props.get("policy")
            elif resource["type"] == "subnet":
                network = refs("network", resource["depends_on"][0])
                record.update(cidr=props["cidr"], ip_version=props.get("ip_version", 4), network_id=network["id"],
                              enable_dhcp=props.get("enable_dhcp", True),
                              gateway_ip=props.get("gateway_ip") or str(next(ipaddress.ip_network(props["cidr"]).hosts())))
            elif resource["type"] == "port":
                record.update(self._port_fields(resource, refs))
                record["port_security_enabled"] = props.get("port_security_enabled", True)
                # As the OpenStack driver reports it: a port without planned port security has its network's default.
                record["assigned"] = {"port_security_enabled": True}
            elif resource["type"] == "network":
                record["mtu"] = props.get("mtu") or 1500
            if resource["type"] == "keypair":
                assert props["public_key"].startswith("ssh-ed25519 ")
            record = self._add(record)
            if resource["type"] == "subnet":
                self.records[record["network_id"]].setdefault("subnet_ids", []).append(record["id"])
            if resource["type"] == "server":
                for port in props.get("ports", ()):
                    self.records[refs("port", port)["id"]]["device_id"] = record["id"]
            return dict(record)

    def _port_fields(self, resource, refs):
        props = resource["properties"]
        fields = {"network_id": None, "fixed_ips": [], "status": "DOWN", "device_id": "",
                  "mac_address": "fa:16:3e:%02x:%02x:%02x" % tuple(next(self._ids).to_bytes(3, "big"))}
        if props.get("network"):
            fields["network_id"] = refs("network", props["network"])["id"]
        if props.get("subnet"):
            subnet = refs("subnet", props["subnet"])
            used = set(ip["ip_address"] for r in self.records.values() if r["type"] == "port" for ip in r.get("fixed_ips", ()))
            used.add(subnet["gateway_ip"])
            free = next(str(a) for a in ipaddress.ip_network(subnet["cidr"]).hosts() if str(a) not in used)
            address = (props.get("fixed_ips") or [free])[0]
            if ipaddress.ip_address(address) not in ipaddress.ip_network(subnet["cidr"]):  # as Neutron's IPAM refuses it
                raise VimError("port", resource["name"], "IP address %s is not a valid IP for the specified subnet "
                               "(HTTP 400)" % address)
            fields["fixed_ips"] = [{"subnet_id": subnet["id"], "ip_address": address}]
        return fields

    def update(self, record, changes, resource):
        """Sets the planned values (fixed IPs as the OpenStack driver's records have them: on the port's subnet)."""
        with self._lock:
            self.writes += 1
            self.log.append(("update", record["type"], record["name"]))
            stored = self.records[record["id"]]
            for prop, (_before, after) in changes.items():
                if prop == "fixed_ips":
                    subnet = (stored.get("fixed_ips") or [{}])[0].get("subnet_id")
                    stored["fixed_ips"] = [{"subnet_id": subnet, "ip_address": a} for a in after]
                elif prop == "tags":
                    stored["tags"] = [t for t in stored.get("tags", ()) if not t.startswith("smartnfvo")] + list(after)
                elif prop == "metadata":
                    stored["metadata"] = dict(stored.get("metadata") or {}, **after)
                else:
                    stored[prop] = after
            return dict(stored)

    def delete(self, record):
        with self._lock:
            self.writes += 1
            self.log.append(("delete", record["type"], record["name"]))
            self.records.pop(record["id"], None)
            for port in self.records.values():
                if port["type"] == "port" and port.get("device_id") == record["id"]:
                    port["device_id"] = ""

    def power(self, record, on):
        with self._lock:
            self.writes += 1
            self.log.append(("start" if on else "stop", "server", record["name"]))
            self.records[record["id"]]["pending"] = "ACTIVE" if on else "SHUTOFF"

    def wait_servers(self, ns_id, ids, gone=False, wait=None, on_progress=None, phase=phases.READY):
        if gone:
            return {}
        found = {}
        for ident in ids:
            record = self.records[ident]
            if record["name"] in self.error_on:
                record.update(status="ERROR", fault="No valid host was found")
            if record["status"] == "ERROR":  # also one that broke after it was ACTIVE
                raise VimError("server", record["name"], "went to ERROR: %s" % record["fault"])
            record["status"] = record.pop("pending", "ACTIVE")
            assert phases.of(record) == phase
            found[ident] = dict(record)
        return found

    def write_calls(self):
        return self.writes


def refs_ok(refs, kind, name):
    try:
        refs(kind, name)
        return True
    except VimError:
        return False
