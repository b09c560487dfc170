# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the local VIM needs from the machine, checked at once so that one message lists all that is missing."""

from __future__ import annotations

import os
import shutil

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.netlink import SEARCH_PATH

DEFAULT_STATE_DIR = "/run/smartnfvo/local-vim"
INSTALL = "apt-get install -y iproute2 openssh-server nftables"
# (command, Debian package)
TOOLS = (("ip", "iproute2"), ("sshd", "openssh-server"), ("ssh-keygen", "openssh-client"), ("nft", "nftables"),
         ("unshare", "util-linux"), ("setsid", "util-linux"))
# Each VNFC sees its own copy of these: the state directory cannot live there.
PRIVATE_DIRS = ("/etc", "/var", "/tmp")


def problems(state_dir):
    """Everything that keeps the local VIM from working here, as a list of reasons (empty when it can)."""
    found = []
    if os.geteuid() != 0:
        found.append("it must run as root (namespaces, bridges, mounts)")
    missing = [(tool, package) for tool, package in TOOLS if not shutil.which(tool, path=SEARCH_PATH)]
    if missing:
        tools = ", ".join(t for t, _p in missing)
        packages = ", ".join(sorted(set(p for _t, p in missing)))
        found.append("missing commands: %s (packages %s)" % (tools, packages))
    if not _overlayfs():
        found.append("the kernel has no overlayfs (modprobe overlay)")
    real = os.path.realpath(state_dir)
    if any(real == d or real.startswith(d + "/") for d in PRIVATE_DIRS):
        found.append("local_vim_dir %s is under %s, which every VNFC sees as its own copy; use a directory elsewhere "
                     "(default %s)" % (state_dir, ", ".join(PRIVATE_DIRS), DEFAULT_STATE_DIR))
    if any(c in real for c in ",: \t\n'\""):
        found.append("local_vim_dir %r contains a character overlayfs options cannot hold (comma, colon, space, quote)" % state_dir)
    return found


def _overlayfs():
    try:
        with open("/proc/filesystems", encoding="utf-8") as handle:
            if any(line.split()[-1:] == ["overlay"] for line in handle):
                return True
    except OSError:
        pass
    return os.path.isdir("/lib/modules/%s/kernel/fs/overlayfs" % os.uname().release)
