"""pytest-ansible drives the collection's modules here: its `ansible_adhoc` fixture runs a module on
localhost through Ansible's own task executor (argument parsing, check mode, result handling), as a play
would. Run from the repository root (ansible.cfg there points collections_path at .collections)."""

import os
import pathlib

import repo
import shutil
import tempfile

import pytest

REPO = pathlib.Path(repo.REPO)
TOOLS = ("ip", "sshd", "nft", "unshare")


@pytest.fixture
def controller(ansible_adhoc):
    """localhost with the controller's Python (the venv's, where tosca-parser and openstacksdk live)."""
    if pathlib.Path.cwd() != REPO:
        pytest.skip("run from the repository root: its ansible.cfg finds the collection")
    return ansible_adhoc(inventory=str(REPO / "inventories" / "localhost.yml"), host_pattern="localhost",
                         connection="local")["localhost"]


@pytest.fixture
def local_vim_dir():
    """An empty local VIM state directory of its own (the local VIM needs root and its tools)."""
    if os.geteuid() != 0:
        pytest.skip("the local VIM needs root")
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    missing = [t for t in TOOLS if not shutil.which(t, path=path)]
    if missing:
        pytest.skip("the local VIM needs %s" % ", ".join(missing))
    os.makedirs("/run/smartnfvo-tests", exist_ok=True)
    state = tempfile.mkdtemp(prefix="t-pyans-", dir="/run/smartnfvo-tests")
    yield state
    shutil.rmtree(state, ignore_errors=True)
