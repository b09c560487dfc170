# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Progress of a lifecycle run: an on_progress(event, detail) callback for the executor that keeps the
events (returned in the module result) and hands each one, as a line, to sinks.

Ansible modules cannot write to the console while they run, so the sinks are the module's log (syslog or
the journal) and, when asked, a file that another task or a person can follow (tail -f) during long waits.
"""

from __future__ import annotations

import os
import threading
import time

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError

ENV_FILE = "SMARTNFVO_PROGRESS_FILE"
_SHOWN = 5  # pending names shown in a wait event


class Progress:
    def __init__(self, label="smartnfvo", sinks=(), clock=time.time):
        self.label = label
        self.sinks = list(sinks)
        self.clock = clock
        self.events = []
        self._lock = threading.Lock()

    def __call__(self, event, detail=None):
        entry = {"time": _iso(self.clock()), "event": event, "detail": _text(detail)}
        line = "%s %s %s: %s" % (entry["time"], self.label, event, entry["detail"])
        with self._lock:
            self.events.append(entry)
            for sink in self.sinks:
                sink(line)


def file_sink(path):
    """A sink appending lines to path; opened once now, so that a bad path fails before any VIM change."""
    path = os.path.expanduser(path)
    try:
        handle = open(path, "a", encoding="utf-8")  # pylint: disable=consider-using-with
    except OSError as exc:
        raise NfvoError("cannot write the progress file %s: %s" % (path, exc.strerror or exc))

    def write(line):
        try:
            handle.write(line + "\n")
            handle.flush()
        except OSError:
            pass  # progress must never break the run it reports on
    write.close = handle.close
    return write


def progress_path(option=None, environ=None):
    """The progress file: the module option, else SMARTNFVO_PROGRESS_FILE, else None."""
    return option or (environ if environ is not None else os.environ).get(ENV_FILE) or None


def _iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _text(detail):
    if isinstance(detail, (list, tuple)):
        names = [str(d) for d in detail]
        more = "" if len(names) <= _SHOWN else ", ... (%d more)" % (len(names) - _SHOWN)
        return "%d pending: %s%s" % (len(names), ", ".join(names[:_SHOWN]), more)
    return "" if detail is None else str(detail)
