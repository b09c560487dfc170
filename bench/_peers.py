"""Shared pieces of the benchmarks that run peers beside SmartNFVO on the test cloud.

* The peer venv: the `ansible` package from PyPI ships openstack.cloud 2.5.0, which fails with openstacksdk >= 4.15
  ("module 'openstack' has no attribute 'version'"), so the peer runs from a venv of its own with
  openstacksdk==4.14.0, created on first use at $SMARTNFVO_BENCH_PEER_VENV (default /tmp/smartnfvo-peer-venv).
  Never the project venv.
* Request counting: a sitecustomize.py on PYTHONPATH appends every HTTP request a Python process sends (requests'
  HTTPAdapter.send) to $SMARTNFVO_BENCH_REQUEST_LOG; Ansible's module processes inherit it.
* The cloud lock: the test cloud is shared, every measured case holds /tmp/smartnfvo-cloud.lock.
"""

import contextlib
import fcntl
import os
import subprocess
import sys

PEER_VENV = os.environ.get("SMARTNFVO_BENCH_PEER_VENV", "/tmp/smartnfvo-peer-venv")
PEER_PYTHON = os.path.join(PEER_VENV, "bin", "python")
CLOUD_LOCK = os.environ.get("SMARTNFVO_CLOUD_LOCK", "/tmp/smartnfvo-cloud.lock")
COUNTER = '''
import os
try:
    import requests.adapters
except ImportError:
    requests = None
if requests is not None and os.environ.get("SMARTNFVO_BENCH_REQUEST_LOG"):
    _send = requests.adapters.HTTPAdapter.send

    def send(self, request, *args, **kwargs):
        with open(os.environ["SMARTNFVO_BENCH_REQUEST_LOG"], "a") as log:
            log.write("%s %s\\n" % (request.method, request.url))
        return _send(self, request, *args, **kwargs)
    requests.adapters.HTTPAdapter.send = send
'''


def peer_venv():
    """The peer venv's bin directory, created (ansible + openstacksdk 4.14.0) when missing."""
    binary = os.path.join(PEER_VENV, "bin")
    if not os.path.exists(os.path.join(binary, "ansible-playbook")):
        subprocess.run([sys.executable, "-m", "venv", PEER_VENV], check=True)
        subprocess.run([os.path.join(binary, "pip"), "install", "-q", "ansible", "openstacksdk==4.14.0"], check=True)
    return binary


def counting_env(work, env=None):
    """A copy of env (default os.environ) whose Python processes log their HTTP requests when
    SMARTNFVO_BENCH_REQUEST_LOG is set in it."""
    hook = os.path.join(work, "request-hook")
    os.makedirs(hook, exist_ok=True)
    with open(os.path.join(hook, "sitecustomize.py"), "w", encoding="utf-8") as handle:
        handle.write(COUNTER)
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join([hook] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def read_requests(log):
    """(requests, tokens) logged in the file (missing file: none)."""
    if not os.path.exists(log):
        return 0, 0
    with open(log, encoding="utf-8") as handle:
        lines = handle.readlines()
    return len(lines), sum(1 for line in lines if line.startswith("POST ") and "/auth/tokens" in line)


@contextlib.contextmanager
def cloud_lock():
    """Holds the shared test cloud's lock (the one `flock /tmp/smartnfvo-cloud.lock ...` takes)."""
    with open(CLOUD_LOCK, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
