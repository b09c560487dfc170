# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sshd of a VDU instance: its files in the server's record directory, and its start inside the namespace
with its own host name (UTS namespace) and a private mount namespace where /etc and /var are overlays of the host's (writes land in the record
directory) and /tmp is a tmpfs. So a VNF's configuration touches neither another VNF nor the host."""

from __future__ import annotations

import os
import shlex
import subprocess
import time

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import netlink

SSHD = "/usr/sbin/sshd"
OVERLAID = ("etc", "var")


def paths(server_dir):
    return {"config": os.path.join(server_dir, "sshd_config"), "host_key": os.path.join(server_dir, "ssh_host_ed25519_key"),
            "authorized_keys": os.path.join(server_dir, "authorized_keys"), "pid": os.path.join(server_dir, "sshd.pid"),
            "log": os.path.join(server_dir, "sshd.log")}


def config(server_dir, listen_address):
    files = paths(server_dir)
    # UsePAM no: key login needs no PAM stack, and pam_loginuid/pam_systemd may not work in a namespace.
    return "\n".join([
        "# SmartNFVO local VIM: sshd of one VDU instance",
        "ListenAddress %s" % listen_address,
        "Port 22",
        "HostKey %s" % files["host_key"],
        "AuthorizedKeysFile %s" % files["authorized_keys"],
        "PidFile %s" % files["pid"],
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "PrintMotd no",
        "AcceptEnv LANG LC_*",
        "Subsystem sftp internal-sftp",
        "",
    ])


def prepare(server_dir, listen_address, public_keys, write_text):
    """Write the instance's sshd files: config, a fresh ed25519 host key, the NS keypair's public key.
    Returns the host public key (for known_hosts)."""
    os.makedirs(server_dir, mode=0o700, exist_ok=True)
    for name in OVERLAID:
        for part in ("upper", "work"):
            os.makedirs(os.path.join(server_dir, "%s.%s" % (name, part)), mode=0o755, exist_ok=True)
    files = paths(server_dir)
    if not os.path.exists(files["host_key"]):
        netlink.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "smartnfvo-local-vim", "-f", files["host_key"]])
    write_text(files["config"], config(server_dir, listen_address))
    write_text(files["authorized_keys"], "".join(k.strip() + "\n" for k in public_keys if k))
    with open(files["host_key"] + ".pub", encoding="utf-8") as handle:
        return " ".join(handle.read().split()[:2])


def start_script(server_dir, hostname=None):
    mounts = ["hostname %s" % shlex.quote(hostname[:63])] if hostname else []
    mounts += ["mount -t overlay overlay -o lowerdir=/%s,upperdir=%s,workdir=%s /%s" % (
        name, shlex.quote(os.path.join(server_dir, name + ".upper")), shlex.quote(os.path.join(server_dir, name + ".work")), name)
        for name in OVERLAID]
    mounts.append("mount -t tmpfs -o mode=1777 tmpfs /tmp")
    # /run is the host's: sshd's privilege separation directory is created there as the ssh service would.
    mounts.append("mkdir -p /run/sshd")
    return "set -e; %s; exec %s -D -e -f %s" % ("; ".join(mounts), SSHD, shlex.quote(paths(server_dir)["config"]))


def start(netns, server_dir, hostname=None, timeout=10.0):
    """Start the instance's sshd detached (its own session, output to sshd.log); its pid once it runs.
    Raises netlink.CommandError with the log's end when it does not come up."""
    files = paths(server_dir)
    try:
        os.remove(files["pid"])
    except FileNotFoundError:
        pass
    argv = ["setsid", "-f", "ip", "netns", "exec", netns, "unshare", "--mount", "--uts", "--propagation", "private",
            "--", "sh", "-c", start_script(server_dir, hostname)]
    with open(files["log"], "ab") as log:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, check=False, close_fds=True,
                              env=dict(os.environ, PATH=netlink.SEARCH_PATH))
    if done.returncode != 0:
        raise netlink.CommandError(argv[:5], done.returncode, log_tail(server_dir))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = read_pid(server_dir)
        if pid and netlink.process_alive(pid):
            return pid
        time.sleep(0.02)
    raise netlink.CommandError(argv[:5], None, "sshd did not start within %ss; %s ends with: %s" % (
        timeout, files["log"], log_tail(server_dir)))


def read_pid(server_dir):
    try:
        with open(paths(server_dir)["pid"], encoding="utf-8") as handle:
            return int(handle.read().strip() or 0) or None
    except (OSError, ValueError):
        return None


def log_tail(server_dir, lines=3):
    try:
        with open(paths(server_dir)["log"], encoding="utf-8", errors="replace") as handle:
            return " | ".join(line.strip() for line in handle.read().splitlines()[-lines:]) or "(empty)"
    except OSError:
        return "(no log)"
