# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NS keypair's private key on the controller: generated once, kept 0600, never returned or logged.

Nova no longer generates keypairs (microversion 2.92), so the key is made here and only the public half
goes to the VIM. The key file is the source of truth: a re-run re-derives the public key from it.
"""

from __future__ import annotations

import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimUnavailable

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
except ImportError:  # reported when a key is needed
    serialization = None


def _require():
    if serialization is None:
        raise VimUnavailable("generating the NS keypair needs the Python library 'cryptography'")


def public_key(path):
    """The OpenSSH public key of the private key at path, generating and writing the key if absent."""
    _require()
    if os.path.exists(path):
        with open(path, "rb") as handle:
            key = serialization.load_ssh_private_key(handle.read(), password=None)
    else:
        key = ed25519.Ed25519PrivateKey.generate()
        data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                 serialization.NoEncryption())
        directory = os.path.dirname(path)
        os.makedirs(directory, mode=0o700, exist_ok=True)
        # O_EXCL + mode at creation: the key is never readable by others, not even for an instant.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()


def remove(path):
    """Forget the private key of a deleted keypair."""
    if path:
        try:
            os.remove(path)
        except FileNotFoundError:  # already gone: another VIM's copy of the keypair went first
            pass
