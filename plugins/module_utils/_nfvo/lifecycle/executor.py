# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Applies lifecycle actions through a VIM driver: removes what is replaced, creates in dependency order on a bounded
thread pool, waits for servers, updates drifted resources in place, deletes in dependency order, and rolls back what
the run created when it fails."""

from __future__ import annotations

import os
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor
from concurrent.futures import wait as wait_for

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import keypairs
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError, VimError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.diff import delete_order, dependencies, key, waves
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.retry import Retry
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases

ON_FAILURE = ("rollback", "keep")


class Run:
    """One application of actions to one NS; created/deleted list the records touched, in order."""

    def __init__(self, driver, ns_id, desired, workers=8, wait=None, on_progress=None, retry=None):
        self.driver = driver
        self.ns_id = ns_id
        self.key_paths = dict((r["name"], r["properties"].get("private_key_path")) for r in desired if r["type"] == "keypair")
        self.workers = max(1, int(workers))
        self.wait = wait or Wait()
        self.retry = retry or Retry().within(self.wait.timeout)  # no call retries for longer than the run would wait
        self.progress = on_progress or (lambda event, detail: None)
        # An image upload waits and reports as the server waits do; the driver retries transient faults by self.retry.
        driver.bind_run(self.wait, self.progress, self.retry)
        self.created = []
        self.deleted = []
        self.updated = []  # {"type", "name", "id", "changes"} of each resource updated in place
        self.generated_keys = []
        self._key_lock = threading.Lock()  # an NS on several VIMs creates its keypair on each, from one key file

    def apply(self, actions, on_failure="rollback", known=(), delete_first=False):
        """Remove what is replaced, create, wait, update, then delete (delete first when replacing, as heal does: the
        new server reuses the old one's ports). known: records that already exist (keeps), so creates can refer to
        them. A replaced resource goes before its new one is made (a subnet's CIDR, a server group's policy): its
        name is the new one's, and Neutron refuses two subnets of one network with overlapping CIDRs."""
        state = dict((key(r), r) for r in known)
        replaces = actions.get("replace") or []
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            if delete_first:
                self.remove(pool, actions["delete"])
                actions = dict(actions, delete=[])
            if replaces:
                # Not rolled back: what a replacement removed was not the plan's any more.
                self.remove(pool, [c["record"] for c in replaces])
            try:
                self._create_all(pool, list(actions["create"]) + [c["resource"] for c in replaces], state)
                servers = [r for r in self.created if r["type"] == "server"]
                if servers:
                    self.progress("wait", "%d server(s) to be ready" % len(servers))
                    active = self.driver.wait_servers(self.ns_id, [s["id"] for s in servers], wait=self.wait,
                                                      on_progress=lambda pending: self.progress("wait", pending))
                    for server in servers:
                        server.update(active.get(server["id"], {}))
            except NfvoError as exc:
                incomplete = self._rollback(pool) if on_failure == "rollback" and self.created else None
                if incomplete:
                    raise VimError(getattr(exc, "kind", "ns"), getattr(exc, "name", self.ns_id), "%s; rollback incomplete "
                                   "(state absent removes the rest): %s" % (getattr(exc, "reason", exc), incomplete),
                                   getattr(exc, "operation", "create")) from exc
                raise
            # Outside the rollback: what this run created is sound even if an update or removing something stale
            # fails. Updates are not undone by a rollback either: they put back what the plan owns, which a later
            # run would put back again (the previous values were the drift).
            errors = []
            try:
                self.update_all(pool, actions.get("update") or [])
            except NfvoError as exc:
                errors.append(exc)
            try:
                self.remove(pool, actions["delete"])
            except NfvoError as exc:
                errors.append(exc)
            self._raise_all(errors)
        return self

    def update_all(self, pool, updates):
        """Update drifted resources in place, in parallel (they are independent: an update changes one resource's
        own properties, never what another refers to)."""
        def done(change, record):
            self.updated.append({"type": record["type"], "name": record["name"], "id": record["id"],
                                 "changes": dict((p, list(v)) for p, v in change["changes"].items())})
        self._parallel(pool, updates, self._update, done)

    def _update(self, change):
        record, resource = change["record"], change["resource"]
        self.progress("update", "%s %s: %s" % (record["type"], record["name"], ", ".join(sorted(change["changes"]))))
        return self.driver.update(record, change["changes"], resource)

    def power(self, records, on):
        """Start (on=True) or stop servers, then wait until they are ready (or stopped)."""
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            self._parallel(pool, records, lambda r: self.driver.power(r, on), lambda r, _res: None)
        phase = phases.READY if on else phases.STOPPED
        self.driver.wait_servers(self.ns_id, [r["id"] for r in records], wait=self.wait, phase=phase,
                                 on_progress=lambda pending: self.progress("wait", pending))
        return self

    def terminate(self, actions):
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            self.remove(pool, actions["delete"])
        return self

    # -- creating ----------------------------------------------------------------------------
    def _create(self, resource, state):
        if resource["type"] == "keypair":
            path = resource["properties"]["private_key_path"]
            with self._key_lock:
                if not os.path.exists(path):
                    self.generated_keys.append(path)
                props = dict(resource["properties"], public_key=keypairs.public_key(path))
            resource = dict(resource, properties=props)

        def refs(kind, name):
            # What a resource uses lives on its VIM (vim_placement copies shared resources to each VIM).
            found = state.get((resource.get("vim"), kind, name))
            if found is None:
                raise VimError(resource["type"], resource["name"], "it uses %s '%s', which does not exist" % (kind, name))
            return found
        self.progress("create", "%s %s" % (resource["type"], resource["name"]))
        return self.driver.create(resource, refs)

    def _create_all(self, pool, creates, state):
        """Create each resource as soon as what it uses exists, the deepest first, at most `workers` at a time: a
        server's build starts once its own ports exist, not after every port of the NS (Nova builds while the
        other ports are made). After a failure nothing new starts; what runs finishes, so it can be rolled back."""
        deps = dependencies(creates)
        depth = dict((key(r), level) for level, wave in enumerate(waves(creates)) for r in wave)  # rejects cycles too
        waiting, running, done, errors = list(creates), {}, set(), []
        record = self._created(state)

        def created(resource, result):
            record(resource, result)
            done.add(key(resource))
        while waiting or running:
            if not errors:
                ready = sorted((r for r in waiting if all(d in done for d in deps[key(r)])), key=lambda r: -depth[key(r)])
                for resource in ready[:self.workers - len(running)]:
                    waiting.remove(resource)
                    running[pool.submit(self._create, resource, state)] = resource
            if not running:
                break
            finished, _pending = wait_for(running, return_when=FIRST_COMPLETED)
            for future in finished:
                self._collect(running.pop(future), future, errors, created)
        self._raise_all(errors)

    def _created(self, state):
        def record(resource, result):
            self.created.append(result)
            state[key(resource)] = result
        return record

    # -- deleting ----------------------------------------------------------------------------
    def remove(self, pool, records):
        records = delete_order(records)
        servers = [r for r in records if r["type"] == "server"]
        # A kind that fails does not stop the others (one VIM service may be down while the rest work):
        # everything deletable goes, and every failure is reported at the end.
        errors = []
        if servers:
            try:
                self._parallel(pool, servers, self._delete, lambda r, _res: self.deleted.append(r))
                self.driver.wait_servers(self.ns_id, [s["id"] for s in servers], gone=True, wait=self.wait,
                                         on_progress=lambda pending: self.progress("wait", pending))
            except NfvoError as exc:
                errors.append(exc)
        rest = [r for r in records if r["type"] != "server"]
        # One kind at a time, in DELETE_ORDER: ports before subnets before networks.
        for kind in dict.fromkeys(r["type"] for r in rest):
            group = [r for r in rest if r["type"] == kind]
            try:
                self._parallel(pool, group, self._delete, lambda r, _res: self.deleted.append(r))
            except NfvoError as exc:
                errors.append(exc)
        self._raise_all(errors)

    def _delete(self, record):
        self.progress("delete", "%s %s" % (record["type"], record["name"]))
        self.driver.delete(record)
        if record["type"] == "keypair":
            keypairs.remove(self.key_paths.get(record["name"]))

    def _rollback(self, pool):
        created, self.created = self.created, []
        self.progress("rollback", "%d resource(s)" % len(created))
        try:
            self.remove(pool, created)
        except NfvoError as exc:
            # Reported with the original failure; leftovers carry the NS tag, so terminate finds them.
            return str(exc)
        for path in self.generated_keys:
            keypairs.remove(path)
        return None

    # -- concurrency -------------------------------------------------------------------------
    @staticmethod
    def _parallel(pool, items, work, on_done):
        """Run work(item) for every item on the pool; all finish before the first error is raised,
        so that every success is recorded (and can be rolled back)."""
        futures = [(item, pool.submit(work, item)) for item in items]
        errors = []
        for item, future in futures:
            Run._collect(item, future, errors, on_done)
        Run._raise_all(errors)

    @staticmethod
    def _collect(item, future, errors, on_done):
        """on_done(item, result) of a finished future, or its NfvoError added to errors."""
        try:
            result = future.result()
        except NfvoError as exc:
            errors.append(exc)
        else:
            on_done(item, result)

    @staticmethod
    def _raise_all(errors):
        """Raise the first error, naming the others in its reason."""
        if errors:
            if len(errors) > 1:
                first = errors[0]
                if isinstance(first, VimError):
                    raise VimError(first.kind, first.name, "%s (and %d other failure(s): %s)" % (
                        first.reason, len(errors) - 1, "; ".join(str(e) for e in errors[1:])), first.operation)
            raise errors[0]
