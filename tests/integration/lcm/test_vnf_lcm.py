"""smartnfvo.nfvo.vnf_lcm for real: a VNF package whose Vnflcm operations are a playbook, a role and a failing
playbook, run by the module's nested ansible-playbook against hosts with a local connection (no VIM, no root)."""

import importlib.util
import json
import shutil
import sys

import pytest

from lcm_helpers import REPO, run_task

spec = importlib.util.spec_from_file_location("build_csars", REPO / "descriptors" / "build_csars.py")
build_csars = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_csars)

DAY1 = """
- name: Test day-1 configuration
  hosts: all
  gather_facts: false
  tasks:
    - name: Write what the VNFM handed over
      ansible.builtin.copy:
        dest: "{{ out_dir }}/{{ inventory_hostname }}.json"
        content: "{{ {'cp_addresses': cp_addresses, 'ns_cp_addresses': ns_cp_addresses, 'marker': marker,
                      'lcm': smartnfvo_lcm, 'vnf_name': smartnfvo_vnf_name} | to_json }}"
        mode: "0644"
"""
TERMINATE = """
- name: Test terminate hook
  hosts: all
  gather_facts: false
  tasks:
    - name: Refuse to terminate
      ansible.builtin.fail:
        msg: "boom {{ inventory_hostname }}"
"""
HEAL_ROLE = """
- name: Leave a heal mark
  ansible.builtin.copy:
    dest: "{{ out_dir }}/{{ inventory_hostname }}.healed"
    content: healed
    mode: "0644"
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """The sample client's package with test implementations; heal_end becomes a role directory."""
    root = tmp_path_factory.mktemp("pkg") / "vnf_client"
    shutil.copytree(REPO / "descriptors" / "vnf_client", root)
    (root / "Scripts" / "instantiate_end.yml").write_text(DAY1)
    (root / "Scripts" / "terminate_start.yml").write_text(TERMINATE)
    (root / "Scripts" / "heal_end.yml").unlink()
    (root / "Scripts" / "heal_role" / "tasks").mkdir(parents=True)
    (root / "Scripts" / "heal_role" / "tasks" / "main.yml").write_text(HEAL_ROLE)
    flavour = root / "Definitions" / "vnf_client_df_default.yaml"
    flavour.write_text(flavour.read_text().replace("file: ../Scripts/heal_end.yml", "file: ../Scripts/heal_role"))
    manifest, _current = build_csars.expected_manifest(str(root))
    (root / "vnf_client.mf").write_text(manifest)
    zipped = root.parent / "vnf_client.zip"
    zipped.write_bytes(build_csars.build_zip(str(root)))
    return {"dir": str(root), "zip": str(zipped)}


def hosts():
    common = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable, "smartnfvo_vnf_name": "client"}
    return [
        {"name": "vnfc-%d" % i, "groups": ["vnf_client"],
         "vars": dict(common, smartnfvo_cps={"client_data_cp": {"ip_addresses": ["fd00::%d" % i, "10.0.1.%d" % (10 + i)]},
                                             "client_mgmt_cp": {"ip_address": "10.0.0.%d" % (10 + i)}})}
        for i in range(2)]


FIREWALL = {"name": "fw-0", "groups": [],
            "vars": {"smartnfvo_vnf_name": "firewall", "smartnfvo_cps": {"fw_client_cp": {"ip_address": "10.0.1.1"}}}}


def lcm(path, operation, out_dir, **extra):
    args = {"path": path, "vnf": "client", "operation": operation, "hosts": hosts(), "ns_hosts": hosts() + [FIREWALL],
            "variables": {"out_dir": str(out_dir), "marker": "m-1"}}
    args.update(extra)
    return args


def test_instantiate_end_gets_hosts_addresses_and_variables_then_changes_nothing(package, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_task("vnf_lcm", lcm(package["dir"], "instantiate_end", out), tmp_path)
    assert result.get("failed") is not True, result
    assert result["changed"] is True and result["artifact"] == "Scripts/instantiate_end.yml"
    assert result["hosts"] == ["vnfc-0", "vnfc-1"] and set(result["stats"]) == {"vnfc-0", "vnfc-1"}
    assert "changed: [vnfc-0] Write what the VNFM handed over" in result["stdout_lines"]
    written = json.loads((out / "vnfc-1.json").read_text())
    assert written["cp_addresses"] == {"client_data_cp": "10.0.1.11", "client_mgmt_cp": "10.0.0.11"}
    assert written["ns_cp_addresses"]["firewall"] == {"fw_client_cp": ["10.0.1.1"]}
    assert written["ns_cp_addresses"]["client"]["client_data_cp"] == ["10.0.1.10", "fd00::0", "10.0.1.11", "fd00::1"]
    assert written["marker"] == "m-1" and written["lcm"]["operation"] == "instantiate_end"
    again = run_task("vnf_lcm", lcm(package["dir"], "instantiate_end", out), tmp_path)
    assert again["changed"] is False and again["failed_tasks"] == []


def test_check_mode_runs_the_playbook_in_check_mode(package, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_task("vnf_lcm", lcm(package["dir"], "instantiate_end", out), tmp_path, check=True)
    assert result["changed"] is True
    assert list(out.iterdir()) == []


def test_a_zipped_package_and_a_role_artifact(package, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_task("vnf_lcm", lcm(package["zip"], "heal_end", out), tmp_path)
    assert result.get("failed") is not True, result
    assert result["changed"] is True and result["artifact"] == "Scripts/heal_role"
    assert sorted(p.name for p in out.iterdir()) == ["vnfc-0.healed", "vnfc-1.healed"]


def test_a_failing_task_names_vnf_operation_artifact_host_and_task(package, tmp_path):
    result = run_task("vnf_lcm", lcm(package["dir"], "terminate_start", tmp_path), tmp_path)
    assert result["failed"] is True
    assert result["msg"].startswith("VNF 'client' operation terminate_start (playbook Scripts/terminate_start.yml) failed on "
                                    "vnfc-0: task 'Refuse to terminate': boom vnfc-0")
    assert [t["host"] for t in result["failed_tasks"]] == ["vnfc-0", "vnfc-1"]


def test_an_operation_the_vnfd_does_not_declare_is_skipped(package, tmp_path):
    result = run_task("vnf_lcm", lcm(package["dir"], "scale_end", tmp_path), tmp_path)
    assert result["skipped"] is True and result["changed"] is False
    assert "declares no Vnflcm operation scale_end" in result["msg"]
