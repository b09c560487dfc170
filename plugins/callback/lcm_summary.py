# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: lcm_summary
type: aggregate
short_description: Write a JSON summary of a playbook run (per-host stats, task events, failures)
version_added: 0.3.0
description:
  - Used by M(smartnfvo.nfvo.vnf_lcm) to read the outcome of the VNF's LCM playbook it runs, next to the usual
    screen output, without depending on a JSON callback outside ansible-core.
  - At the end of the run, writes to O(output_file) a JSON object with C(stats) (per host C(ok), C(changed),
    C(failures), C(unreachable), C(skipped), C(rescued), C(ignored)), C(events) (one per task and host whose status
    is not C(skipped), with C(host), C(task), C(status), and C(msg) for failures) and C(failures) (the failed and
    unreachable events).
author:
  - SmartNFVO contributors (@smartnfvo)
requirements:
  - enabled with C(callbacks_enabled) (C(ANSIBLE_CALLBACKS_ENABLED=smartnfvo.nfvo.lcm_summary))
options:
  output_file:
    description: Where to write the summary. Nothing is written when unset.
    type: path
    env:
      - name: SMARTNFVO_LCM_SUMMARY
    ini:
      - section: callback_smartnfvo_lcm_summary
        key: output_file
"""

import json
import os

from ansible.plugins.callback import CallbackBase

_MSG_LIMIT = 2000


def _field(result, name):
    # ansible-core 2.19 names them result/host/task; earlier releases only have the underscored ones.
    value = getattr(result, name, None)
    if value is None or callable(value):
        value = getattr(result, "_" + name, None)
    return value


def _message(data):
    """The reason a task failed, in one short string."""
    if not isinstance(data, dict):
        return str(data)[:_MSG_LIMIT]
    parts = [str(data.get("msg") or "")]
    for key in ("stderr", "module_stderr", "stdout"):
        text = str(data.get(key) or "").strip()
        if text and text not in parts[0]:
            parts.append("%s: %s" % (key, text))
            break
    failed_items = [r for r in data.get("results") or () if isinstance(r, dict) and r.get("failed")]
    if failed_items and not parts[0]:
        parts[0] = "item %s: %s" % (failed_items[0].get("item"), failed_items[0].get("msg") or "")
    return " ".join(p for p in parts if p).strip()[:_MSG_LIMIT]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "smartnfvo.nfvo.lcm_summary"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._events = []

    def _record(self, result, status, with_message=False):
        host = _field(result, "host")
        task = _field(result, "task")
        data = _field(result, "result") or {}
        event = {"host": host.get_name() if host is not None else None,
                 "task": task.get_name() if task is not None else None, "status": status}
        if with_message:
            event["msg"] = _message(data)
        self._events.append(event)

    def v2_runner_on_ok(self, result):
        data = _field(result, "result") or {}
        self._record(result, "changed" if isinstance(data, dict) and data.get("changed") else "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "ignored" if ignore_errors else "failed", with_message=True)

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable", with_message=True)

    def v2_runner_on_skipped(self, result):
        pass  # skipped tasks are counted in the stats; listing them only makes the summary longer

    def v2_playbook_on_stats(self, stats):
        path = self.get_option("output_file")
        if not path:
            return
        summary = {
            "stats": dict((host, dict(stats.summarize(host))) for host in sorted(stats.processed)),
            "events": self._events,
            "failures": [e for e in self._events if e["status"] in ("failed", "unreachable")],
        }
        with open(os.path.expanduser(path), "w", encoding="utf-8") as handle:
            json.dump(summary, handle, default=str)
