"""The retry helper: transient faults retried with jittered backoff on an injected clock, everything else raised at
once, a spent budget named; and the summary a driver's retries make."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import RetriesExhausted
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.backoff import jittered, pauses
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.retry import NO_RETRY, Retry, retrying, summary


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class Transient(Exception):
    pass


class Refused(Exception):
    pass


def transient(exc):
    return "503 from the API" if isinstance(exc, Transient) else None


def flaky(*outcomes):
    """A call that raises (exception instances) or returns each outcome in turn; .calls counts the attempts."""
    outcomes = list(outcomes)

    def call():
        call.calls += 1
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome
    call.calls = 0
    return call


def run(call, retry, **kwargs):
    clock, events = Clock(), []
    kwargs.setdefault("rand", lambda: 0.0)
    value = retrying(call, retry, transient, on_retry=lambda *event: events.append(event), clock=clock,
                     sleep=clock.sleep, **kwargs)
    return value, clock, events


def test_transient_faults_are_retried_with_backoff_until_success():
    call = flaky(Transient(), Transient(), Transient(), "port-1")
    value, clock, events = run(call, Retry(deadline=60, delay=1, backoff=2, max_delay=3, jitter=0))
    assert value == "port-1" and call.calls == 4
    assert clock.sleeps == [1, 2, 3]
    assert events == [(2, "503 from the API", 1), (3, "503 from the API", 2), (4, "503 from the API", 3)]


def test_a_fault_that_is_not_transient_is_raised_at_once():
    call = flaky(Refused("quota exceeded"))
    clock = Clock()
    with pytest.raises(Refused, match="quota exceeded"):
        retrying(call, Retry(), transient, clock=clock, sleep=clock.sleep)
    assert call.calls == 1 and clock.sleeps == []


@pytest.mark.parametrize("retry, attempts", [(Retry(tries=3, deadline=600, jitter=0), 3),
                                             (Retry(deadline=10, delay=1, backoff=2, max_delay=4, jitter=0), 4)])
def test_a_spent_budget_raises_the_last_fault_naming_the_attempts(retry, attempts):
    """By tries, or by deadline: 1 + 2 + 4 = 7 s slept, the next 4 s pause would end after 10 s."""
    last = Transient("the last one")
    call = flaky(*([Transient()] * (attempts - 1) + [last]))
    clock = Clock()
    with pytest.raises(RetriesExhausted, match=r"503 from the API \(gave up after %d attempts in \d+ s\)" % attempts) as info:
        retrying(call, retry, transient, clock=clock, sleep=clock.sleep, rand=lambda: 0.0)
    assert info.value.error is last and info.value.attempts == attempts and info.value.__cause__ is last
    assert call.calls == attempts and clock.now <= retry.deadline


def test_no_retry_raises_the_fault_itself():
    """Nothing was retried: the caller gets the error as it came (and reports it as before retries existed)."""
    fault = Transient()
    with pytest.raises(Transient):
        run(flaky(fault), NO_RETRY)


@pytest.mark.parametrize("rand", [0.0, 0.25, 0.999999])
def test_jitter_shortens_a_pause_by_at_most_its_share(rand):
    value, clock, _unused = run(flaky(Transient(), Transient(), "ok"), Retry(delay=2, backoff=2, max_delay=4, jitter=0.5),
                                rand=lambda: rand)
    assert value == "ok"
    assert all(nominal * 0.5 <= pause <= nominal for pause, nominal in zip(clock.sleeps, [2, 4]))
    assert clock.sleeps == [pytest.approx(2 * (1 - 0.5 * rand)), pytest.approx(4 * (1 - 0.5 * rand))]


def test_waits_and_retries_share_the_backoff_arithmetic():
    delays = pauses(1, 1.5, 2)
    assert [next(delays) for count in range(4)] == [1, 1.5, 2, 2]
    assert jittered(4, 0, lambda: 0.9) == 4 and jittered(4, 1, lambda: 0.5) == 2


def test_a_run_caps_the_retry_deadline_at_its_wait_timeout():
    assert Retry(deadline=120).within(30).deadline == 30
    assert Retry(deadline=120).within(600).deadline == 120
    assert Retry(deadline=120).within(None).deadline == 120


def test_summary_names_each_retried_call_once_with_its_attempts():
    retries = [{"operation": "create", "kind": "port", "name": "ns-web-0-cp1", "attempt": n, "reason": "Connection refused"}
               for n in (2, 3)]
    retries.append({"operation": "create", "kind": "port", "name": "ns-web-0-cp1", "attempt": 4, "reason": "landed",
                    "adopted": True})
    retries.append({"operation": "list", "kind": "server", "name": "*", "attempt": 2, "reason": "HTTP 503"})
    text = summary(retries)
    assert "2 call(s) retried" in text and "last: HTTP 503" in text
    assert "create port ns-web-0-cp1 (4 attempts, adopted what an earlier one created)" in text
    assert "list server * (2 attempts)" in text
    assert summary([]) is None


def test_a_run_holds_both_policies_and_binds_them_to_every_vim_driver(tmp_path):
    """The local VIM takes the shared policy (it has no transient faults: no retries); a multi-VIM run hands it on."""
    from fake_vim import FakeVim
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.executor import Run
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.multi import MultiVimDriver

    bound = []

    class Recording(FakeVim):
        def bind_run(self, wait=None, on_progress=None, retry=None):
            bound.append((wait, retry))

    local = LocalDriver(str(tmp_path / "local-vim"), check=False)
    run = Run(MultiVimDriver(Recording(), {"edge": local}), "ns-1", [], wait=Wait(timeout=45))
    assert run.retry.deadline == 45 and bound == [(run.wait, run.retry)]
    assert run.driver.retries == [] and local.retries == ()
    assert Run(FakeVim(), "ns-1", [], retry=NO_RETRY).retry is NO_RETRY
