# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Waiting as data: a Wait says how long and how often, poll() is the one loop that honours it.

Beside retry.Retry (how often to try a failed call again), with the same backoff arithmetic (backoff.py).
The clock and sleep are injectable so that tests run without waiting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import WaitTimeout
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.backoff import pauses


@dataclass(frozen=True)
class Wait:
    timeout: float = 600.0
    interval: float = 1.0       # first pause between two polls
    # Pauses grow by backoff up to this. A poll is one filtered list call, cheap; every second of pause is up to
    # a second added to each wait (bench/ns_lifecycle.py: servers gone or ACTIVE were seen up to 5 s late).
    max_interval: float = 2.0
    backoff: float = 1.5


def poll(check, wait, what="resources", clock=time.monotonic, sleep=time.sleep, on_progress=None):
    """Call check() until it returns (True, value); return value.

    check() may raise to abort (for example when a server goes to ERROR). on_progress(value) is called
    after every poll that is not yet done, with what check() returned.
    """
    deadline = clock() + wait.timeout
    delays = pauses(wait.interval, wait.backoff, wait.max_interval)
    while True:
        done, value = check()
        if done:
            return value
        if on_progress is not None:
            on_progress(value)
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout("timed out after %ss waiting for %s" % (wait.timeout, what))
        sleep(min(next(delays), remaining))
