# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic VNFM's pure parts: hosts and addresses (lcm_inventory), packages and artifacts (lcm_package),
and the run (lcm_runner) with ansible-playbook replaced by a function that plays the callback's part."""

import json
import os
import pathlib

import repo
import subprocess

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm import inventory as lcm_inventory
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm import runner as lcm_runner
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vnfm.package import (
    LcmError, VnfLcm, find_vnf, ns_lcm_params, resolve_artifact, vnf_lcms)
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import LcmOperation
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor

REPO = pathlib.Path(repo.REPO)
SAMPLE_NS = REPO / "descriptors" / "sample_ns"
SAMPLE_NS_ZIP = REPO / "descriptors" / "csar" / "sample_ns.zip"


def host(name, vnf, cps, **extra):
    cp_records = dict((cp, {"ip_address": ips[0] if ips else None, "ip_addresses": ips, "subnet_cidr": cidr})
                      for cp, (ips, cidr) in cps.items())
    return {"name": name, "groups": ["vnf_" + vnf], "vars": dict({"smartnfvo_vnf_name": vnf, "smartnfvo_cps": cp_records}, **extra)}


FW = host("s-firewall-0", "firewall", {"fw_client_cp": (["10.10.1.3"], "10.10.1.0/24"), "fw_server_cp": (["10.10.2.2"], "10.10.2.0/24")})
WEB0 = host("s-web-0", "web", {"web_data_cp": (["fd00::5", "10.10.2.3"], "10.10.2.0/24"), "web_mgmt_cp": (["10.10.0.4"], "10.10.0.0/24")})
WEB1 = host("s-web-1", "web", {"web_data_cp": (["10.10.2.4"], "10.10.2.0/24")})


@pytest.fixture(scope="module")
def sample():
    return load_descriptor(str(SAMPLE_NS)).model


# -- lcm_inventory -----------------------------------------------------------------------------

def test_cp_addresses_are_the_first_ipv4_of_each_cp():
    assert lcm_inventory.cp_addresses(WEB0) == {"web_data_cp": "10.10.2.3", "web_mgmt_cp": "10.10.0.4"}


def test_ns_cp_addresses_gather_every_vnfc_of_a_vnf_in_host_order():
    assert lcm_inventory.ns_cp_addresses([FW, WEB0, WEB1]) == {
        "firewall": {"fw_client_cp": ["10.10.1.3"], "fw_server_cp": ["10.10.2.2"]},
        "web": {"web_data_cp": ["10.10.2.3", "fd00::5", "10.10.2.4"], "web_mgmt_cp": ["10.10.0.4"]}}
    assert lcm_inventory.ns_cp_cidrs([FW, WEB0])["firewall"] == {"fw_client_cp": "10.10.1.0/24", "fw_server_cp": "10.10.2.0/24"}


def test_vnf_hosts_keeps_the_vnf_and_hosts_that_do_not_say():
    anonymous = {"name": "plain", "vars": {}}
    assert [h["name"] for h in lcm_inventory.vnf_hosts([FW, WEB0, anonymous], "web")] == ["s-web-0", "plain"]


def test_malformed_hosts_are_named():
    with pytest.raises(Exception, match="hosts: entries 1, 2 are not"):
        lcm_inventory.check_hosts([FW, {"vars": {}}, "text"])


def test_inventory_holds_vars_cp_addresses_and_groups():
    inventory = lcm_inventory.inventory([FW, WEB0])
    assert inventory["all"]["hosts"]["s-web-0"]["cp_addresses"] == {"web_data_cp": "10.10.2.3", "web_mgmt_cp": "10.10.0.4"}
    assert inventory["all"]["children"]["vnf_web"]["hosts"] == {"s-web-0": {}}


def test_unsafe_yaml_keeps_data_and_marks_every_string():
    from ansible.parsing.yaml.loader import AnsibleLoader
    data = {"a": "{{ lookup('pipe', 'id') }}", "n": [1, 2.5, True, None], "nested": {"q": 'say "hi"\n'}}
    text = lcm_inventory.unsafe_yaml(data)
    assert text.count("!unsafe") == 2
    assert AnsibleLoader(text).get_single_data() == data


# -- lcm_package --------------------------------------------------------------------------------

def test_vnf_instances_are_named_as_the_plan_names_them(sample):
    lcms = vnf_lcms(sample)
    assert sorted(lcms) == ["client", "firewall", "web"]
    assert sorted(lcms["web"].operations) == ["heal_end", "instantiate_end", "scale_end", "terminate_start"]
    assert find_vnf(sample, None, lcms["firewall"].vnfd_id).vnf_name == "firewall"
    with pytest.raises(LcmError, match="no VNF instance 'db'.*client, firewall, web"):
        find_vnf(sample, "db")


def test_artifact_of_a_zipped_package_is_extracted_privately(tmp_path):
    model = load_descriptor(str(SAMPLE_NS_ZIP)).model
    artifact = resolve_artifact(find_vnf(model, "web"), "scale_end", str(tmp_path))
    assert artifact.kind == "playbook" and artifact.name == "Scripts/scale_end.yml"
    assert artifact.playbook.startswith(str(tmp_path))
    # The playbook it imports came along.
    assert os.path.isfile(os.path.join(os.path.dirname(artifact.playbook), "instantiate_end.yml"))


def test_ns_lcm_params_of_the_sample(sample, tmp_path):
    params = ns_lcm_params(sample, str(tmp_path))
    assert params["configuration_order"] == ["firewall", "web", "client"]
    assert "ns_cp_addresses.firewall.fw_server_cp" in params["additional_params_for_vnf"]["web"]["firewall_server_ip"]


def _package(tmp_path, files):
    """A CSAR directory without TOSCA-Metadata: one root YAML plus files."""
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "vnfd.yaml").write_text("tosca_definitions_version: tosca_simple_yaml_1_2\nmetadata: {template_name: t, "
                                    "template_author: t, template_version: '1'}\n")
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return str(root)


def _vnf(package, **operations):
    ops = dict((name, LcmOperation(name=name, implementation=path, artifact_type="x.AnsiblePlaybook")) for name, path in operations.items())
    return VnfLcm(vnf_name="web", vnfd_id="d1", flavour_id="default", package=package, operations=ops)


def test_role_artifacts_get_a_wrapper_playbook(tmp_path):
    vnf = _vnf(_package(tmp_path, {"Scripts/heal/tasks/main.yml": "- ansible.builtin.ping:\n"}), heal_end="Scripts/heal")
    artifact = resolve_artifact(vnf, "heal_end", str(tmp_path / "work"))
    assert artifact.kind == "role"
    play = json.loads(pathlib.Path(artifact.playbook).read_text())
    assert play[0]["hosts"] == "all" and play[0]["roles"][0]["role"].endswith("Scripts/heal")


@pytest.mark.parametrize("path, reason", [
    ("../outside.yml", "escapes the package"),
    ("Scripts/missing.yml", "is not in the package"),
    ("Scripts/run.sh", "neither an Ansible playbook"),
    ("https://example.invalid/x.yml", "is remote"),
])
def test_unusable_artifacts_are_refused_with_the_vnf_and_operation(tmp_path, path, reason):
    vnf = _vnf(_package(tmp_path, {"Scripts/run.sh": "echo\n"}), instantiate_end=path)
    with pytest.raises(LcmError, match=r"VNF 'web' \(VNFD d1\) operation instantiate_end.*" + reason):
        resolve_artifact(vnf, "instantiate_end", str(tmp_path / "work"))


class _Nsd:
    kind = "nsd"
    file = "ns.yaml"

    def __init__(self, package):
        self.package = package


@pytest.mark.parametrize("text, reason", [
    ("- a\n", "expected a mapping"),
    ("order: []\n", "unknown keys order"),
    ("additional_params_for_vnf: {web: 3}\n", "must map VNF names to mappings"),
    ("configuration_order: web\n", "must be a list of VNF names"),
])
def test_malformed_ns_lcm_params_name_the_file(tmp_path, text, reason):
    model = _Nsd(_package(tmp_path, {"Files/ns_lcm_params.yml": text}))
    with pytest.raises(LcmError, match="ns_lcm_params.yml: .*" + reason):
        ns_lcm_params(model, str(tmp_path / "work"))


def test_an_ns_package_without_the_file_has_no_params(tmp_path):
    assert ns_lcm_params(_Nsd(_package(tmp_path, {})), str(tmp_path / "work")) == {}


# -- lcm_runner ---------------------------------------------------------------------------------

class FakePlaybook:
    """Plays ansible-playbook: records the command and environment, writes what lcm_summary would."""

    def __init__(self, summary, returncode=0):
        self.summary, self.returncode, self.calls = summary, returncode, []

    def __call__(self, command, cwd=None, env=None, **_kwargs):
        files = dict((command[i], command[i + 1]) for i in range(len(command) - 1) if command[i] in ("-i",))
        extra = [command[i + 1][1:] for i in range(len(command) - 1) if command[i] == "-e"]
        self.calls.append({"command": command, "env": env, "inventory": pathlib.Path(files["-i"]).read_text(),
                           "extra": [pathlib.Path(p).read_text() for p in extra]})
        if self.summary is not None:
            pathlib.Path(env[lcm_runner.SUMMARY_ENV]).write_text(json.dumps(self.summary))
        return subprocess.CompletedProcess(command, self.returncode, stdout=b"PLAY RECAP\n")


def _request(model, **kwargs):
    values = dict(model=model, operation="instantiate_end", hosts=[FW, WEB0, WEB1], vnf="web")
    values.update(kwargs)
    return lcm_runner.LcmRequest(**values)


def test_a_run_reports_changes_stats_and_lines(sample):
    fake = FakePlaybook({"stats": {"s-web-0": {"ok": 3, "changed": 1}, "s-web-1": {"ok": 3, "changed": 0}},
                         "events": [{"host": "s-web-0", "task": "Start", "status": "changed"}], "failures": []})
    result = lcm_runner.run_operation(_request(sample, check_mode=True, variables={"web_http_port": 8080},
                                               collections_path=["/c1", "/c2"]), run=fake)
    assert result["changed"] is True and result["hosts"] == ["s-web-0", "s-web-1"]
    assert result["artifact"] == "Scripts/instantiate_end.yml"
    assert result["stdout_lines"][0] == "changed: [s-web-0] Start"
    call = fake.calls[0]
    assert "--check" in call["command"] and any(c.endswith("Scripts/instantiate_end.yml") for c in call["command"])
    assert call["env"]["ANSIBLE_CALLBACKS_ENABLED"] == "smartnfvo.nfvo.lcm_summary"
    assert call["env"]["ANSIBLE_COLLECTIONS_PATH"] == os.pathsep.join(["/c1", "/c2"])
    assert call["env"]["ANSIBLE_HOST_KEY_CHECKING"] == "0"  # the hosts pin no key
    assert "s-firewall-0" not in call["inventory"]  # only the VNF's hosts
    ns_vars, variables = call["extra"]
    assert "!unsafe" in ns_vars and '"fw_server_cp": [!unsafe "10.10.2.2"]' in ns_vars
    variables = json.loads(variables)
    assert variables["web_http_port"] == 8080  # the caller's
    assert "fw_server_cp" in variables["firewall_server_ip"]  # the NS package's template
    assert not os.path.exists(os.path.dirname(call["env"][lcm_runner.SUMMARY_ENV]))  # private dir removed


def test_a_failed_task_fails_the_operation_naming_vnf_operation_artifact_and_task(sample):
    fake = FakePlaybook({"stats": {"s-web-0": {"ok": 1, "failures": 1}}, "events": [],
                         "failures": [{"host": "s-web-0", "task": "Wait for the HTTP server", "status": "failed",
                                       "msg": "Status code was -1"}]}, returncode=2)
    with pytest.raises(LcmError) as caught:
        lcm_runner.run_operation(_request(sample), run=fake)
    assert str(caught.value) == ("VNF 'web' operation instantiate_end (playbook Scripts/instantiate_end.yml) failed on "
                                 "s-web-0: task 'Wait for the HTTP server': Status code was -1")
    assert caught.value.details["failed_tasks"][0]["task"] == "Wait for the HTTP server"


def test_a_rescued_failure_is_not_a_failure():
    outcome = lcm_runner.summarize({"stats": {"h": {"ok": 2, "failures": 0, "rescued": 1}},
                                    "failures": [{"host": "h", "task": "t", "status": "failed", "msg": "x"}]})
    assert outcome["failed_tasks"] == [] and outcome["changed"] is False


def test_no_summary_means_the_playbook_did_not_run(sample):
    with pytest.raises(LcmError, match="exited with 4 before running any play"):
        lcm_runner.run_operation(_request(sample), run=FakePlaybook(None, returncode=4))


def test_undeclared_operations_and_missing_hosts_are_skipped(sample):
    fake = FakePlaybook({})
    result = lcm_runner.run_operation(_request(sample, vnf="client", operation="scale_end"), run=fake)
    assert result["skipped"] is True and "declares no Vnflcm operation scale_end" in result["msg"]
    result = lcm_runner.run_operation(_request(sample, vnf="client"), run=fake)
    assert result["skipped"] is True and "no hosts" in result["msg"]
    assert fake.calls == []


def test_host_keys_are_checked_when_every_host_pins_its_key(sample):
    pinned = [dict(h, vars=dict(h["vars"], ansible_ssh_common_args="-o UserKnownHostsFile=/k -o StrictHostKeyChecking=yes"))
              for h in (WEB0, WEB1)]
    fake = FakePlaybook({"stats": {}, "events": [], "failures": []})
    lcm_runner.run_operation(_request(sample, hosts=pinned), run=fake)
    lcm_runner.run_operation(_request(sample, hosts=pinned, host_key_checking=False), run=fake)
    assert [c["env"]["ANSIBLE_HOST_KEY_CHECKING"] for c in fake.calls] == ["1", "0"]
