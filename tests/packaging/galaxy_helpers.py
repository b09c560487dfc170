"""Build the collection as Galaxy would and install it offline into a clean collections path.

Shared by tests/packaging and tests/awx. Commands run from a directory outside the repository with
ANSIBLE_COLLECTIONS_PATH set to the install path only, so the repository's ansible.cfg and its linked
.collections are never seen: what works here works for a user who installed the tarball.
"""

import json
import os
import pathlib

import repo
import shutil
import subprocess
import tarfile

import yaml

REPO = pathlib.Path(repo.REPO)
VENV_BIN = REPO / ".venv" / "bin"
GALAXY = yaml.safe_load((REPO / "galaxy.yml").read_text())
FQCN = "%s.%s" % (GALAXY["namespace"], GALAXY["name"])
TOOLS = ("ip", "sshd", "ssh-keygen", "ssh", "nft", "unshare")


def run(command, env=None, cwd=None, timeout=600, check=True):
    """Run a command; on failure the assertion shows its output."""
    proc = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if check:
        assert proc.returncode == 0, "%s failed (rc %s)\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(str(c) for c in command), proc.returncode, proc.stdout[-6000:], proc.stderr[-6000:])
    return proc


def build(output_dir):
    """ansible-galaxy collection build; the tarball's path."""
    run([VENV_BIN / "ansible-galaxy", "collection", "build", "--force", "--output-path", output_dir, REPO], cwd=output_dir)
    tarball = pathlib.Path(output_dir) / ("%s-%s-%s.tar.gz" % (GALAXY["namespace"], GALAXY["name"], GALAXY["version"]))
    assert tarball.is_file(), "no %s after the build" % tarball.name
    return tarball


def install(tarball, collections_path):
    """ansible-galaxy collection install --offline into an empty path; the installed collection's directory."""
    run([VENV_BIN / "ansible-galaxy", "collection", "install", "--offline", "-p", collections_path, tarball],
        env=user_env(collections_path), cwd=collections_path)
    installed = pathlib.Path(collections_path) / "ansible_collections" / GALAXY["namespace"] / GALAXY["name"]
    assert (installed / "MANIFEST.json").is_file(), "install left no MANIFEST.json in %s" % installed
    return installed


def user_env(collections_path, **extra):
    """The environment of a user of the installed collection: the venv's tools first on PATH, only the
    install path for collections, no repository ansible.cfg."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_") and k != "PYTHONPATH"}
    env.update({
        "PATH": "%s:%s:/usr/sbin:/sbin" % (VENV_BIN, env.get("PATH", "/usr/bin:/bin")),
        "ANSIBLE_COLLECTIONS_PATH": str(collections_path),
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_HOST_KEY_CHECKING": "false",
        "ANSIBLE_RETRY_FILES_ENABLED": "false",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_GALAXY_SERVER": "http://127.0.0.1:9/",  # no Galaxy here: fail fast if anything asks one
    })
    env.update({k: str(v) for k, v in extra.items()})
    return env


def tarball_members(tarball):
    with tarfile.open(tarball) as tar:
        return list(tar.getmembers())


def manifest(installed):
    return json.loads((installed / "MANIFEST.json").read_text())


def local_vim_problem():
    """Why the embedded local VIM cannot run here, or None."""
    if os.geteuid() != 0:
        return "not root"
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    missing = [t for t in TOOLS if not shutil.which(t, path=path)]
    if missing:
        return "missing %s (apt-get install -y iproute2 openssh-server nftables)" % ", ".join(missing)
    return None
