# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Several VIMs behind the one driver interface, for an NS whose VNFs are spread over them (vnf_vims).

Each resource and record names its VIM in "vim" (absent: the module's own VIM, the default driver), as
vim_placement assigns them; this driver sends every call to that VIM and merges what the VIMs return. Reads
and waits go to the VIMs concurrently.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.protocol import VimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError


class MultiVimDriver(VimDriver):
    def __init__(self, default, others):
        """default: the driver of the module's VIM; others: {VIM name: driver}."""
        self.default = default
        self.others = dict(others)
        self.name = default.name
        # The module's own VIM speaks for the run; the others are of the same type (vnf_vims names clouds).
        self.vim_type = default.vim_type
        self.capabilities = default.capabilities
        self.boot_timeout = max([default.boot_timeout] + [d.boot_timeout for d in self.others.values()])
        self._where = {}  # server id -> VIM name (None: default), for waits that only get ids
        self._lock = threading.Lock()

    @property
    def warnings(self):
        return [w for d in self._drivers().values() for w in d.warnings]

    @property
    def retries(self):
        return [r for d in self._drivers().values() for r in d.retries]

    def connection_vars(self):
        return self.default.connection_vars()

    def vdu_instances(self, current, ns_id=None):
        # Records of one VIM (inventory.ns_hosts groups them by their "vim"): that VIM's driver reads them.
        vim = next((r.get("vim") for found in current.values() for r in found), None)
        return self.driver_of({"vim": vim, "type": "ns", "name": ns_id}).vdu_instances(current, ns_id)

    def _drivers(self):
        return dict([(None, self.default)] + sorted(self.others.items()))

    def driver_of(self, item):
        vim = item.get("vim")
        if vim is None:
            return self.default
        if vim not in self.others:
            raise VimError(item["type"], item["name"], "it belongs to VIM '%s', which this run has no connection to" % vim)
        return self.others[vim]

    def _mark(self, vim, record):
        if vim is not None:
            record["vim"] = vim
        if record.get("type") == "server" and record.get("id"):
            with self._lock:
                self._where[record["id"]] = vim
        return record

    def _merge(self, work):
        """work(vim, driver) -> {type: [record]} on every VIM at once, merged, records marked with their VIM."""
        drivers = self._drivers()
        with ThreadPoolExecutor(max_workers=len(drivers)) as pool:
            futures = [(vim, pool.submit(work, vim, driver)) for vim, driver in drivers.items()]
            merged = {}
            for vim, future in futures:
                for kind, records in future.result().items():
                    merged.setdefault(kind, []).extend(self._mark(vim, dict(r)) for r in records)
        return merged

    # -- the driver interface ----------------------------------------------------------------
    def bind_run(self, wait=None, on_progress=None, retry=None):
        for driver in self._drivers().values():
            driver.bind_run(wait, on_progress, retry)

    def read_ns(self, ns_id, desired):
        return self._merge(lambda vim, driver: driver.read_ns(ns_id, [r for r in desired if r.get("vim") == vim]))

    def read_all(self):
        return self._merge(lambda vim, driver: driver.read_all())

    def create(self, resource, refs):
        return self._mark(resource.get("vim"), dict(self.driver_of(resource).create(resource, refs)))

    def update(self, record, changes, resource):
        return self._mark(record.get("vim"), dict(self.driver_of(record).update(record, changes, resource)))

    def delete(self, record):
        self.driver_of(record).delete(record)

    def power(self, record, on):
        self.driver_of(record).power(record, on)

    def phase(self, record):
        return self.driver_of(record).phase(record)

    def wait_servers(self, ns_id, ids, gone=False, wait=None, on_progress=None, phase=phases.READY):
        by_vim = {}
        for ident in ids:
            by_vim.setdefault(self._where.get(ident), []).append(ident)
        drivers = self._drivers()
        with ThreadPoolExecutor(max_workers=max(1, len(by_vim))) as pool:
            futures = [(vim, pool.submit(drivers[vim].wait_servers, ns_id, found, gone=gone, wait=wait,
                                         on_progress=on_progress, phase=phase)) for vim, found in sorted(
                by_vim.items(), key=lambda item: item[0] or "")]
            result = {}
            for vim, future in futures:
                for ident, record in (future.result() or {}).items():
                    result[ident] = self._mark(vim, dict(record))
        return result

    def write_calls(self):
        return sum(d.write_calls() for d in self._drivers().values())

    def call_counts(self):
        total = Counter()
        for driver in self._drivers().values():
            total.update(driver.call_counts())
        return dict(total)
