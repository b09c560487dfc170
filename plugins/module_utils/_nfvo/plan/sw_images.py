# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Software images shipped in VNF packages (SOL001 tosca.artifacts.nfv.SwImage on a VDU).

The plan records where the artifact is read at apply time (locate); before any VIM write, an image that has to
be uploaded must be in its package and hash to its sw_image_data.checksum (check_uploads, verify); the upload
streams it in chunks and hashes it again on the way (UploadStream), so that what reaches the VIM is what was
verified.
"""

from __future__ import annotations

import hashlib
import os
import threading

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import csar
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import PlanError, Problem

CHUNK = 1024 * 1024
# SOL001 writes "sha-256", "sha-512"; manifests write "SHA-256"; Glance and old packages "md5".
_ALGORITHMS = dict([(k.lower().replace("-", ""), v) for k, v in csar.HASH_ALGORITHMS.items()] + [("md5", "md5")])
_digests = {}  # (file, member, size, mtime, algorithm) -> hex digest: the preflight and the upload hash once
_digests_lock = threading.Lock()


def hash_name(algorithm):
    """hashlib's name for a SOL001/SOL004 algorithm name ('sha-256' -> 'sha256'), or None if unknown."""
    return _ALGORITHMS.get(str(algorithm or "").lower().replace("-", "").replace("_", ""))


def locate(vnfd, image):
    """Plan properties that let a driver read a VDU's image artifact when it applies the plan, and name it in
    errors: the absolute file (or zip) and zip member, and the VNFD file."""
    where = csar.locate_member(getattr(vnfd, "package", None), image.artifact) if image and image.artifact else None
    return {"artifact_path": where[0] if where else None, "artifact_member": where[1] if where else None,
            "vnfd_file": getattr(vnfd, "file", None)}


def display(props):
    """The artifact as the user knows it: the file, or the zip then the member."""
    if props.get("artifact_path"):
        return csar.member_display(props["artifact_path"], props.get("artifact_member"))
    return props.get("artifact")


def _problem(resource, reason):
    props = resource["properties"]
    return Problem(props.get("vnfd_file") or "<plan>", resource.get("node"), "software image '%s', artifact '%s' (%s): %s" % (
        resource["name"], props.get("artifact"), display(props) or "not in the package", reason))


def verify(resource):
    """Check an image resource's artifact before it is uploaded; returns (file, member, size, hashlib name,
    expected hex digest). Raises PlanError naming the VNFD file, the VDU and the artifact."""
    props = resource["properties"]
    if not props.get("artifact"):
        raise PlanError([_problem(resource, "the VNF package ships no image file for it")])
    path, member = props.get("artifact_path"), props.get("artifact_member")
    if not path:
        raise PlanError([_problem(resource, "the artifact is remote or outside its package; only files the package "
                                            "ships are uploaded")])
    size = csar.member_size(path, member)
    if size is None:
        raise PlanError([_problem(resource, "the file is not in the package")])
    checksum = props.get("checksum") or {}
    name, expected = hash_name(checksum.get("algorithm")), str(checksum.get("hash") or "").strip().lower()
    if not expected:
        raise PlanError([_problem(resource, "sw_image_data gives no checksum to verify the file against")])
    if name is None:
        raise PlanError([_problem(resource, "unknown checksum algorithm '%s' (known: sha-224 to sha-512, sha3-*, md5)" % (
            checksum.get("algorithm"),))])
    actual = file_digest(path, member, name)
    if actual != expected:
        raise PlanError([_problem(resource, "%s mismatch: sw_image_data.checksum is %s, the file's is %s" % (
            checksum.get("algorithm"), expected, actual))])
    return path, member, size, name, expected


def check_uploads(creates):
    """Before any VIM write: every image to create that its package ships must be sound (all problems at once).
    Images without an artifact are left to the driver, which says how to provide them."""
    problems = []
    for resource in creates:
        if resource["type"] == "image" and resource["properties"].get("artifact"):
            try:
                verify(resource)
            except PlanError as exc:
                problems.extend(exc.problems)
    if problems:
        raise PlanError(problems)


def file_digest(path, member, algorithm):
    """Hex digest of a located package file, computed once per version of the file (size and mtime)."""
    info = os.stat(path)
    key = (path, member, info.st_size, info.st_mtime_ns, algorithm)
    with _digests_lock:
        if key in _digests:
            return _digests[key]
    digest = hashlib.new(algorithm)
    with csar.open_member(path, member) as (stream, _size):
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    with _digests_lock:
        _digests[key] = digest.hexdigest()
    return _digests[key]


class UploadStream:
    """A package file as an HTTP request body: read in chunks (never whole), hashed on the way, with a
    progress callback every tenth of the size. Sized, so that the request carries Content-Length."""

    def __init__(self, stream, size, algorithm, on_progress=None):
        self._stream, self.size = stream, size
        self._digest = hashlib.new(algorithm)
        self._on_progress = on_progress
        self.sent = 0
        self._reported = 0

    def read(self, amount=-1):
        chunk = self._stream.read(CHUNK if amount is None or amount < 0 else amount)
        self._digest.update(chunk)
        self.sent += len(chunk)
        tenth = self.sent * 10 // self.size if self.size else 10
        if self._on_progress is not None and tenth > self._reported:
            self._reported = tenth
            self._on_progress(self.sent, self.size)
        return chunk

    def __iter__(self):
        while True:
            chunk = self.read(CHUNK)
            if not chunk:
                return
            yield chunk

    def __len__(self):
        return self.size

    def __bool__(self):
        return True  # an empty file is still a body (clients test "if data:")

    def hexdigest(self):
        return self._digest.hexdigest()
