# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backoff arithmetic that waits (waiting.Wait) and retries (retry.Retry) share: pauses that grow by a factor up
to a cap, optionally jittered so that concurrent callers do not come back in step."""

from __future__ import annotations


def pauses(first, factor, cap):
    """first, then first*factor, ... up to cap; endless."""
    pause = first
    while True:
        yield pause
        pause = min(pause * factor, cap)


def jittered(pause, jitter, rand):
    """pause shortened by up to jitter (0: none, 1: anywhere down to 0) of itself; rand() is uniform in [0, 1)."""
    return pause * (1.0 - jitter * rand())
