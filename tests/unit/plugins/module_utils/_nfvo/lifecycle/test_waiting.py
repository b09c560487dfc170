"""The wait helper: backoff, progress and timeout, on an injected clock."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import WaitTimeout
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait, poll


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_poll_backs_off_reports_progress_and_returns_the_value():
    clock, seen = Clock(), []
    answers = iter([(False, ["a", "b"]), (False, ["b"]), (False, ["b"]), (True, "done")])
    value = poll(lambda: next(answers), Wait(timeout=60, interval=1, max_interval=2, backoff=2), clock=clock,
                 sleep=clock.sleep, on_progress=seen.append)
    assert value == "done" and clock.sleeps == [1, 2, 2] and seen == [["a", "b"], ["b"], ["b"]]


def test_poll_times_out_with_what_it_waited_for():
    clock = Clock()
    with pytest.raises(WaitTimeout, match="10.*servers to become ACTIVE"):
        poll(lambda: (False, None), Wait(timeout=10, interval=3), "servers to become ACTIVE", clock=clock, sleep=clock.sleep)
    assert clock.now == 10
