"""An in-memory VIM behind the driver interface, for lifecycle tests without a cloud."""
import itertools
import threading

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo import vim_tags
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.drivers.base import VimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError

TAGGED = ("network", "subnet", "port", "server")


class FakeVim(VimDriver):
    def __init__(self, fail_on=(), error_on=(), flavors=(), images=()):
        self.records = {}          # id -> record
        self.writes = 0
        self.log = []              # ("create"|"delete", type, name) in call order
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
            state[kind] = [dict(r) for r in self.records.values() if r["type"] == kind and r["name"] in names]
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
            if resource["type"] == "server":
                record.update(status="BUILD", metadata=dict(resource["properties"].get("metadata") or {}))
            if resource["type"] == "keypair":
                assert resource["properties"]["public_key"].startswith("ssh-ed25519 ")
            return dict(self._add(record))

    def delete(self, record):
        with self._lock:
            self.writes += 1
            self.log.append(("delete", record["type"], record["name"]))
            self.records.pop(record["id"], None)

    def power(self, record, on):
        with self._lock:
            self.writes += 1
            self.log.append(("start" if on else "stop", "server", record["name"]))
            self.records[record["id"]]["pending"] = "ACTIVE" if on else "SHUTOFF"

    def wait_servers(self, ns_id, ids, gone=False, wait=None, on_progress=None, status="ACTIVE"):
        if gone:
            return {}
        found = {}
        for ident in ids:
            record = self.records[ident]
            if record["name"] in self.error_on:
                record["status"] = "ERROR"
                raise VimError("server", record["name"], "went to ERROR: No valid host was found")
            record["status"] = record.pop("pending", "ACTIVE")
            assert record["status"] == status
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
