# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The phase of a VDU instance, in the same words on every VIM.

A driver puts a record's phase in its "phase" key, or leaves a Nova-style "status" (ACTIVE, BUILD, SHUTOFF,
ERROR, ...) that `of` maps: the lifecycle reads phases only, never a VIM's own statuses.
"""

from __future__ import annotations

PENDING = "pending"   # being created or started
READY = "ready"       # running (and, where the VIM says so, reachable)
STOPPED = "stopped"   # powered off, may start again
FAILED = "failed"     # the VIM gave up on it; its "fault" says why
GONE = "gone"         # deleted or being deleted

PHASES = (PENDING, READY, STOPPED, FAILED, GONE)

_NOVA = {
    "ACTIVE": READY,
    "SHUTOFF": STOPPED, "STOPPED": STOPPED, "SUSPENDED": STOPPED, "PAUSED": STOPPED, "SHELVED": STOPPED,
    "SHELVED_OFFLOADED": STOPPED,
    "ERROR": FAILED,
    "DELETED": GONE, "SOFT_DELETED": GONE,
}


def of(record):
    """The phase of a record: its own "phase", else its Nova-style status mapped (unknown ones are pending)."""
    if record.get("phase") in PHASES:
        return record["phase"]
    return _NOVA.get(str(record.get("status") or "").upper(), PENDING)


def reason(record):
    """Why a failed record failed, as the VIM says it."""
    fault = record.get("fault")
    if isinstance(fault, dict):
        fault = fault.get("message")
    return fault or "no reason given"
