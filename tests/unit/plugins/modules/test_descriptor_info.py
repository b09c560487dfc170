"""descriptor_info through Ansible itself: results on success, every problem and no traceback on failure."""
import json
import os
import re
import subprocess
import sys

import pytest

from repo import REPO  # noqa: E402
ANSIBLE = os.path.join(os.path.dirname(sys.executable), "ansible")


def run_module(args):
    if not os.path.exists(ANSIBLE):
        pytest.skip("ansible is not installed beside this Python")
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.minimal", ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"))
    proc = subprocess.run([ANSIBLE, "localhost", "-m", "smartnfvo.nfvo.descriptor_info", "-a", json.dumps(args)],
                          cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=300)
    # minimal callback: "localhost | SUCCESS => {json}" or "localhost | FAILED! => {json}"
    match = re.search(r"^localhost \| (\S+) => ", proc.stdout, re.M)
    assert match, proc.stdout + proc.stderr
    result = json.loads(proc.stdout[match.end():])
    result["failed"] = match.group(1).startswith("FAILED")
    return result


def test_bad_descriptor_fails_with_every_problem_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("tosca_definitions_version: tosca_simple_yaml_1_2\ntopology_template:\n  node_templates:\n"
                   "    VDU1:\n      type: tosca.nodes.nfv.Vdu.Unknown\n    CP1:\n      type: tosca.nodes.nfv.Cp.Unknown\n")
    result = run_module({"path": str(bad)})
    assert result["failed"] is True
    assert len(result["problems"]) >= 2
    assert all(p["file"].endswith("bad.yaml") for p in result["problems"])
    assert "Traceback" not in result["msg"] and "exception" not in result


def test_vnfd_package_returns_model_plan_and_diagram(tmp_path):
    pkg = os.path.join(REPO, "descriptors", "vnf_web")
    if not os.path.isdir(pkg):
        pytest.skip("sample VNF package not present")
    result = run_module({"path": pkg, "ns_name": "unit"})
    assert result.get("failed") is not True, result.get("msg")
    assert result["changed"] is False
    assert result["descriptor"]["kind"] == "vnfd"
    assert any(r["type"] == "server" for r in result["plan"]["resources"])
    assert result["diagram"].startswith("flowchart LR")
