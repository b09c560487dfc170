"""An AWX job, the way AWX runs it: ansible-runner on a private data directory holding the project, the
vnfs inventory source, the survey answers as extra variables and the credentials as environment.

instantiate_ns.yml then terminate_ns.yml run on the embedded local VIM (an isolated state directory, NS
name t-awx-*, VL CIDRs in 10.204.0.0/16). The answers are the job template's survey defaults from
awx/smartnfvo_job_templates.json plus what an operator types, params as the YAML text of a textarea.
"""

import json
import os
import pathlib
import secrets
import shutil
import subprocess

import pytest
import yaml

import galaxy_helpers
from ansible_output import unwrap

VENV_BIN = galaxy_helpers.VENV_BIN
VL_CIDRS = {"mgmt_net": "10.204.0.0/24", "client_net": "10.204.1.0/24", "server_net": "10.204.2.0/24",
            "web.web_internal": "10.204.3.0/24"}


def survey_answers(export, playbook, **typed):
    """Extra variables as AWX sends them: every survey question's default, overridden by the typed answers."""
    jt = next(j for j in export["job_templates"] if j["playbook"] == playbook)
    answers = {q["variable"]: q["default"] for q in jt["related"]["survey_spec"]["spec"]}
    answers.update(typed)
    return answers


def runner_job(private_data_dir, playbook, extravars, ident):
    """ansible-runner run <pdd> -p <playbook>: the job's status, rc and stats from its artifacts."""
    env_dir = private_data_dir / "env"
    (env_dir / "extravars").write_text(yaml.safe_dump(extravars))
    proc = subprocess.run([str(VENV_BIN / "ansible-runner"), "run", str(private_data_dir), "-p", playbook,
                           "--ident", ident], env=runner_env(), capture_output=True, text=True, timeout=1200, check=False)
    artifacts = private_data_dir / "artifacts" / ident
    status = (artifacts / "status").read_text().strip() if (artifacts / "status").is_file() else "missing"
    stats = {}
    for event in sorted((artifacts / "job_events").glob("*.json")):
        data = json.loads(event.read_text())
        if data.get("event") == "playbook_on_stats":
            stats = data["event_data"]
    return {"status": status, "rc": proc.returncode, "stats": stats, "stdout": proc.stdout[-4000:] + proc.stderr[-2000:]}


def runner_env():
    """The runner process's own environment: only the venv's tools on PATH (the job's settings are in env/)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_") and k != "PYTHONPATH"}
    env["PATH"] = "%s:%s:/usr/sbin:/sbin" % (VENV_BIN, env.get("PATH", "/usr/bin:/bin"))
    return env


def inventory_sync(private_data_dir, envvars):
    """What an AWX inventory update does with the source: ansible-inventory --list on it."""
    env = dict(runner_env(), **envvars)
    out = subprocess.run([str(VENV_BIN / "ansible-inventory"), "-i", str(private_data_dir / "inventory"), "--list", "--export"],
                         env=env, cwd=private_data_dir, capture_output=True, text=True, timeout=120, check=True).stdout
    return unwrap(json.loads(out))


@pytest.fixture
def private_data_dir(installed, tmp_path):
    problem = galaxy_helpers.local_vim_problem()
    if problem:
        if os.environ.get("SMARTNFVO_LOCAL_VIM_REQUIRED") == "1":
            pytest.fail("local VIM unusable here: %s" % problem, pytrace=False)
        pytest.skip("local VIM unusable here: %s" % problem)
    base = pathlib.Path("/run/smartnfvo-tests")
    base.mkdir(parents=True, exist_ok=True)
    state_dir = base / ("t-awx-%s" % secrets.token_hex(3))
    state_dir.mkdir()
    pdd = tmp_path / "job"
    # project/: what AWX checks out (the collection's content: playbooks, descriptors, inventories).
    shutil.copytree(installed, pdd / "project", symlinks=True)
    (pdd / "inventory").mkdir()
    (pdd / "inventory" / "local.vnfs.yml").write_text(yaml.safe_dump(
        {"plugin": "smartnfvo.nfvo.vnfs", "sources": [{"type": "local", "state_dir": str(state_dir)}]}))
    (pdd / "env").mkdir()
    # Credentials and settings as environment (AWX injects credentials this way).
    envvars = {"ANSIBLE_COLLECTIONS_PATH": str(installed.parents[2]), "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
               "ANSIBLE_HOST_KEY_CHECKING": "false", "OS_CLIENT_CONFIG_FILE": "/etc/openstack/clouds.yaml"}
    (pdd / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    (pdd / "env" / "settings").write_text(yaml.safe_dump({"job_timeout": 1200, "suppress_ansible_output": False}))
    yield pdd, state_dir, envvars
    shutil.rmtree(state_dir, ignore_errors=True)


def test_instantiate_then_terminate_as_an_awx_job(private_data_dir, export, tmp_path):
    pdd, state_dir, envvars = private_data_dir
    for name in ("instantiate_ns", "terminate_ns"):
        if not (pdd / "project" / "playbooks" / ("%s.yml" % name)).is_file():
            pytest.skip("playbooks/%s.yml not in the collection yet" % name)
    ns_name = "t-awx-%s" % secrets.token_hex(2)
    params = yaml.safe_dump({"local_vim_dir": str(state_dir), "key_dir": str(tmp_path / "keys"), "vl_cidrs": VL_CIDRS})
    group = "ns_" + ns_name.replace("-", "_")
    try:
        job = runner_job(pdd, "playbooks/instantiate_ns.yml",
                         survey_answers(export, "playbooks/instantiate_ns.yml", ns_name=ns_name, vim="local", params=params),
                         "instantiate")
        assert job["status"] == "successful" and job["rc"] == 0, job["stdout"]
        assert job["stats"].get("changed", {}).get("localhost"), "instantiate changed nothing: %s" % job["stats"]
        assert not job["stats"].get("failures") and not job["stats"].get("dark"), job["stats"]
        inventory = inventory_sync(pdd, envvars)
        hosts = inventory.get(group, {}).get("hosts", [])
        assert len(hosts) >= 3, "%s after instantiate: %s" % (group, sorted(inventory))
        hostvars = inventory["_meta"]["hostvars"]
        for host in hosts:
            assert hostvars[host]["ansible_host"] and hostvars[host]["smartnfvo_cps"], host
            assert hostvars[host]["smartnfvo_ns_name"] == ns_name
    finally:
        job = runner_job(pdd, "playbooks/terminate_ns.yml",
                         survey_answers(export, "playbooks/terminate_ns.yml", ns_name=ns_name, vim="local", params=params),
                         "terminate")
    assert job["status"] == "successful" and job["rc"] == 0, job["stdout"]
    assert not inventory_sync(pdd, envvars).get(group, {}).get("hosts")
    netns = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout
    assert not [line for line in netns.splitlines() if line.startswith("snfvo-" + ns_name)], netns
    records = state_dir / "records"
    assert not [f for _d, _s, files in os.walk(records) for f in files], "records left in %s" % records
    procs = subprocess.run(["pgrep", "-af", str(state_dir)], capture_output=True, text=True, check=False).stdout
    assert not procs.strip(), "processes left: %s" % procs
