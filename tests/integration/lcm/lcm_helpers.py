"""Helpers of the LCM tests: run ansible-playbook from the repository (its ansible.cfg links the collection)
as a user would, and read the PLAY RECAP."""

import json
import os
import pathlib

import repo
import re
import subprocess

REPO = pathlib.Path(repo.REPO)
ANSIBLE_PLAYBOOK = REPO / ".venv" / "bin" / "ansible-playbook"
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def ansible_env(**extra):
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0")
    env.update(extra)
    return env


def run_playbook(playbook, extra_vars=None, args=(), timeout=1200, check=True, env=None):
    """ansible-playbook <playbook> -e <json>; returns the CompletedProcess (stdout and stderr merged)."""
    command = [str(ANSIBLE_PLAYBOOK), str(playbook)] + list(args)
    if extra_vars:
        command += ["-e", json.dumps(extra_vars)]
    proc = subprocess.run(command, cwd=str(REPO), env=ansible_env(**(env or {})), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout, check=False)
    if check and proc.returncode != 0:
        raise AssertionError("%s failed (rc %d):\n%s" % (" ".join(command[1:2]), proc.returncode, proc.stdout[-12000:]))
    return proc


def recap(output):
    """{host: {'ok', 'changed', 'unreachable', 'failed'}} from the PLAY RECAP of ansible-playbook's output."""
    return dict((m.group(1), dict(zip(("ok", "changed", "unreachable", "failed"), map(int, m.groups()[1:]))))
                for m in RECAP.finditer(output))


def run_task(module, args, tmp_path, check=False):
    """Run smartnfvo.nfvo.<module> in a one-task playbook; returns the registered result (failures included)."""
    result_file = tmp_path / "result.json"
    if result_file.exists():
        result_file.unlink()
    task = {"name": module, "smartnfvo.nfvo." + module: args, "register": "result", "ignore_errors": True}
    save = {"ansible.builtin.copy": {"content": "{{ result | to_json }}", "dest": str(result_file), "mode": "0600"},
            "check_mode": False}
    playbook = tmp_path / "play.yml"
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": [task, save]}]))
    proc = run_playbook(playbook, args=["--check"] if check else [], check=False)
    if not result_file.exists():
        raise AssertionError("ansible-playbook failed (rc %d):\n%s" % (proc.returncode, proc.stdout[-12000:]))
    return json.loads(result_file.read_text())
