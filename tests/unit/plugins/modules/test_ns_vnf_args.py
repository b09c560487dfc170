"""The ns and vnf modules' argument specs and docs through Ansible itself (no VIM is reached: every case
fails or is answered before the connection)."""
import json
import os
import re
import subprocess
import sys

import pytest

from repo import REPO  # noqa: E402
BIN = os.path.dirname(sys.executable)
ENV = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.minimal", ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"))


def run_module(module, args):
    if not os.path.exists(os.path.join(BIN, "ansible")):
        pytest.skip("ansible is not installed beside this Python")
    proc = subprocess.run([os.path.join(BIN, "ansible"), "localhost", "-m", "smartnfvo.nfvo." + module, "-a", json.dumps(args)],
                          cwd=REPO, env=ENV, capture_output=True, text=True, check=False, timeout=300)
    match = re.search(r"^localhost \| (\S+) => ", proc.stdout, re.M)
    assert match, proc.stdout + proc.stderr
    result = json.loads(proc.stdout[match.end():])
    result["failed"] = match.group(1).startswith("FAILED")
    return result


@pytest.fixture(scope="module")
def docs():
    if not os.path.exists(os.path.join(BIN, "ansible-doc")):
        pytest.skip("ansible-doc is not installed beside this Python")
    proc = subprocess.run([os.path.join(BIN, "ansible-doc"), "--json", "smartnfvo.nfvo.ns", "smartnfvo.nfvo.vnf"],
                          cwd=REPO, env=ENV, capture_output=True, text=True, check=True, timeout=300)
    return json.loads(proc.stdout)


def test_vnf_scale_needs_an_aspect():
    result = run_module("vnf", {"path": "/nonexistent", "vnf": "web", "operation": "scale_out"})
    assert result["failed"] and "operation is scale_out but all of the following are missing: aspect" in result["msg"]


def test_ns_present_needs_a_path_but_absent_does_not():
    result = run_module("ns", {"ns_name": "demo"})
    assert result["failed"] and "state is present but all of the following are missing: path" in result["msg"]


def test_docs_describe_the_new_options_and_results(docs):
    ns, vnf = docs["smartnfvo.nfvo.ns"], docs["smartnfvo.nfvo.vnf"]
    assert not ns["doc"]["options"]["path"].get("required") and vnf["doc"]["options"]["path"]["required"]
    assert ns["doc"]["options"]["placement"]["choices"] == ["strict", "soft"]
    assert set(vnf["doc"]["options"]["operation"]["choices"]) == {"heal", "start", "stop", "scale_out", "scale_in"}
    assert vnf["doc"]["options"]["steps"]["default"] == 1 and "progress_file" in ns["doc"]["options"]
    for name in ("hosts", "progress", "scale_levels"):
        assert name in ns["return"], name
    for name in ("hosts", "scale_level", "added_instances", "removed_instances"):
        assert name in vnf["return"], name
