# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The local VIM's records: one small JSON file per resource under the state directory, in the shape of the
OpenStack driver's records, plus a "local" part naming the kernel objects.

Layout of <dir>: records/<type>/<id>.json, servers/<id>/ (a VDU instance's sshd files and overlay upper dirs),
known_hosts (host keys of the live servers), .lock. Writes replace files atomically, so reads need no lock;
writers serialise on an flock of .lock (threads and processes alike: each holder opens the file itself).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil

KINDS = ("network", "subnet", "port", "server", "server_group", "keypair")


class Store:
    def __init__(self, path):
        self.path = os.path.abspath(path)

    def _records_dir(self, kind):
        return os.path.join(self.path, "records", kind)

    def server_dir(self, server_id):
        return os.path.join(self.path, "servers", server_id)

    @property
    def known_hosts(self):
        return os.path.join(self.path, "known_hosts")

    @contextlib.contextmanager
    def lock(self):
        os.makedirs(self.path, mode=0o700, exist_ok=True)
        with open(os.path.join(self.path, ".lock"), "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def load(self):
        """Every record on disk, {type: [record]}, whatever the kernel holds."""
        found = dict((kind, []) for kind in KINDS)
        for kind in KINDS:
            directory = self._records_dir(kind)
            try:
                names = sorted(os.listdir(directory))
            except FileNotFoundError:
                continue
            for name in names:
                if not name.endswith(".json"):
                    continue
                try:
                    with open(os.path.join(directory, name), encoding="utf-8") as handle:
                        found[kind].append(json.load(handle))
                except FileNotFoundError:
                    continue  # deleted meanwhile
        return found

    def save(self, record):
        directory = self._records_dir(record["type"])
        os.makedirs(directory, mode=0o700, exist_ok=True)
        path = os.path.join(directory, record["id"] + ".json")
        temp = path + ".tmp"
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=1, sort_keys=True)
        os.replace(temp, path)
        return record

    def remove(self, record):
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(self._records_dir(record["type"]), record["id"] + ".json"))
        if record["type"] == "server":
            shutil.rmtree(self.server_dir(record["id"]), ignore_errors=True)

    def write_text(self, path, text, mode=0o600):
        temp = path + ".tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
