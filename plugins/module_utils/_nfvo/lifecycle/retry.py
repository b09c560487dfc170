# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retrying as data: a Retry says how long and how often to try again, retrying() is the one loop that honours it.

Beside waiting.Wait (how long to wait for a state), with the same backoff arithmetic (backoff.py). Which errors
are transient is the VIM driver's knowledge: it passes a predicate. Whether a call may be repeated at all is the
caller's: reads and deletes may; a create only after it checked that the failed attempt did not land.
The clock, sleep and random source are injectable so that tests run without waiting.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import RetriesExhausted
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.backoff import jittered, pauses


@dataclass(frozen=True)
class Retry:
    # Long enough to ride out an API restart (a stopped neutron-server answers again 20-40 s after its start on the
    # 2-core test cloud); a run caps it at its wait timeout (within()).
    deadline: float = 120.0     # seconds from the first attempt; no attempt starts after it
    tries: int | None = None    # at most this many attempts (None: as many as the deadline allows)
    delay: float = 1.0          # first pause
    max_delay: float = 5.0      # an API that is back is found at most this late
    backoff: float = 2.0
    jitter: float = 0.5         # concurrent creates of one wave do not all come back at the same instant

    def within(self, timeout):
        """This policy, its deadline no later than timeout seconds."""
        return replace(self, deadline=min(self.deadline, timeout)) if timeout is not None else self


NO_RETRY = Retry(tries=1)
_SHOWN = 5  # calls named in the summary


def retrying(call, retry, is_transient, on_retry=None, clock=time.monotonic, sleep=time.sleep, rand=random.random):
    """call() until it returns; return its value.

    is_transient(exc) -> a short reason (the fault is transient: try again) or None (raise exc at once).
    on_retry(attempt, reason, pause) is called before each pause; attempt is the number of the coming try (2, 3, ...).
    When the tries or the deadline are used up, RetriesExhausted carries the last error and the attempts made.
    """
    start = clock()
    delays = pauses(retry.delay, retry.backoff, retry.max_delay)
    attempt = 1
    while True:
        try:
            return call()
        except Exception as exc:  # pylint: disable=broad-except  # the predicate decides, everything else is re-raised
            reason = is_transient(exc)
            if not reason:
                raise
            pause = jittered(next(delays), retry.jitter, rand)
            elapsed = clock() - start
            if (retry.tries is not None and attempt >= retry.tries) or elapsed + pause > retry.deadline:
                if attempt == 1:
                    raise  # nothing was retried: the error as it came
                raise RetriesExhausted(exc, reason, attempt, elapsed) from exc
            attempt += 1
            if on_retry is not None:
                on_retry(attempt, reason, pause)
            sleep(pause)


def summary(retries):
    """One warning line for the retries a driver made (its .retries: dicts with operation, kind, name, attempt,
    reason and, for a create found to have landed, adopted), or None when there were none."""
    if not retries:
        return None
    calls = {}
    for event in retries:
        what = "%s %s %s" % (event["operation"], event["kind"], event["name"])
        attempts, adopted = calls.get(what, (0, False))
        calls[what] = (max(attempts, event["attempt"]), adopted or bool(event.get("adopted")))
    shown = ["%s (%d attempts%s)" % (what, n, ", adopted what an earlier one created" if adopted else "")
             for what, (n, adopted) in sorted(calls.items())]
    more = "" if len(shown) <= _SHOWN else ", ... (%d more)" % (len(shown) - _SHOWN)
    return "transient VIM faults (last: %s): %d call(s) retried: %s%s" % (
        retries[-1]["reason"], len(calls), ", ".join(shown[:_SHOWN]), more)
