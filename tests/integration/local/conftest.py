"""Fixtures for the local VIM tests: real namespaces, bridges, veths and sshds on this machine.

They need root and the local VIM's tools (iproute2, openssh-server, nftables, util-linux, overlayfs); without
them they skip with the reason, and SMARTNFVO_LOCAL_VIM_REQUIRED=1 (CI, as root) turns the skip into a failure.
Each session gets its own state directory (local_vim_dir) under /run, NS names starting t-local- and
management CIDRs in 10.201.0.0/16, so other users of the local VIM on this machine are not disturbed.
"""

import json
import os
import pathlib

import repo
import secrets
import shutil
import subprocess
import tempfile

import pytest

REPO = pathlib.Path(repo.REPO)
SAMPLE = str(REPO / "descriptors" / "sample_ns")
VL_CIDRS = {"mgmt_net": "10.201.0.0/24", "client_net": "10.201.1.0/24", "server_net": "10.201.2.0/24",
            "web.web_internal": "10.201.3.0/24"}
TOOLS = ("ip", "sshd", "ssh-keygen", "ssh", "nft", "unshare", "setsid")


def local_vim_problem():
    """Why the local VIM cannot be tested here, or None. (The collection is not imported: pytest-ansible's
    collection finder, when installed, refuses imports of a collection it has not loaded.)"""
    if os.geteuid() != 0:
        return "not root"
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    missing = [t for t in TOOLS if not shutil.which(t, path=path)]
    if missing:
        return "missing %s (apt-get install -y iproute2 openssh-server nftables)" % ", ".join(missing)
    with open("/proc/filesystems", encoding="utf-8") as handle:
        if "overlay" not in handle.read() and not os.path.isdir("/lib/modules/%s/kernel/fs/overlayfs" % os.uname().release):
            return "no overlayfs"
    return None


def require_local_vim():
    problem = local_vim_problem()
    if problem:
        reason = "local VIM unusable here: " + problem
        if os.environ.get("SMARTNFVO_LOCAL_VIM_REQUIRED") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def new_state_dir(prefix="t-local-"):
    """A fresh local_vim_dir for a fixture to yield from; removed after."""
    require_local_vim()
    # Not under /tmp: every VNFC has its own /tmp, and the state directory must be the host's.
    base = "/run/smartnfvo-tests"
    os.makedirs(base, exist_ok=True)
    path = tempfile.mkdtemp(prefix=prefix, dir=base)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def state_dir():
    yield from new_state_dir()


@pytest.fixture(scope="session")
def ns(state_dir, tmp_path_factory):
    """Module args of the session's NS; terminated at teardown whatever happened."""
    key_dir = tmp_path_factory.mktemp("keys")
    args = {"vim_type": "local", "local_vim_dir": state_dir, "path": SAMPLE, "ns_name": "t-local-%s" % secrets.token_hex(2),
            "key_dir": str(key_dir), "vl_cidrs": VL_CIDRS, "wait_timeout": 60}
    yield args
    run_module("ns", dict(args, state="absent"), tmp_path_factory.mktemp("teardown"))


def run_module(module, args, tmp_path, check=False, diff=False):
    """Run smartnfvo.nfvo.<module> in a one-task playbook with the repository's ansible.cfg; the registered result."""
    result_file = tmp_path / "result.json"
    task = {"name": module, "smartnfvo.nfvo." + module: args, "register": "result", "ignore_errors": True}
    save = {"ansible.builtin.copy": {"content": "{{ result | to_json }}", "dest": str(result_file)}, "check_mode": False}
    playbook = tmp_path / "play.yml"
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": [task, save]}]))
    command = [str(REPO / ".venv" / "bin" / "ansible-playbook"), str(playbook)]
    command += ["--check"] if check else []
    command += ["--diff"] if diff else []
    proc = subprocess.run(command, cwd=str(REPO), env=dict(os.environ, ANSIBLE_NOCOLOR="1"), capture_output=True,
                          text=True, timeout=600, check=False)
    if proc.returncode != 0 or not result_file.exists():
        raise AssertionError("ansible-playbook failed (rc %d):\n%s\n%s" % (proc.returncode, proc.stdout, proc.stderr))
    return json.loads(result_file.read_text())
