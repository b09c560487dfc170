# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOL004 packages: a YAML file, a CSAR directory or a CSAR zip, opened defensively."""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError, Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.safe_yaml import load_yaml_file

YAML_SUFFIXES = (".yaml", ".yml")
META_PATH = os.path.join("TOSCA-Metadata", "TOSCA.meta")
# SOL004 4.3.3: a CSAR without TOSCA-Metadata names itself in the root YAML's metadata.
ROOT_YAML_METADATA = ("template_name", "template_author", "template_version")
REQUIRED_META_KEYS = ("TOSCA-Meta-File-Version", "CSAR-Version", "Created-By", "Entry-Definitions")
# Keys SOL004 asks for that nothing reads: a package lacking them is read the same way, with a warning.
INFORMATIONAL_META_KEYS = ("TOSCA-Meta-File-Version", "CSAR-Version", "Created-By")
HASH_ALGORITHMS = {
    "SHA-224": "sha224", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512",
    "SHA3-224": "sha3_224", "SHA3-256": "sha3_256", "SHA3-384": "sha3_384", "SHA3-512": "sha3_512",
}
# Producers write SHA256, sha256, SHA_256 or SHA-256 for the same algorithm.
_ALGORITHM_SPELLINGS = dict((k.replace("-", ""), k) for k in HASH_ALGORITHMS)


def hash_algorithm(spelling):
    """SOL004's name for a hash algorithm spelling (SHA-256 for sha256), or None when unknown."""
    key = "".join(c for c in str(spelling).upper() if c not in "-_ ")
    return _ALGORITHM_SPELLINGS.get(key)


@dataclass(frozen=True)
class Limits:
    """What an untrusted package may hold before it is refused."""

    max_members: int = 20000
    max_member_bytes: int = 8 * 1024 ** 3
    max_total_bytes: int = 16 * 1024 ** 3
    # Deflate reaches about 1000:1 on zeros; real packages stay far below.
    max_compression_ratio: int = 200


@dataclass(frozen=True)
class Package:
    """An opened descriptor input. root holds the package files; entry is the main template."""

    source: str
    kind: str
    root: str
    entry: str
    meta: dict = field(default_factory=dict)
    manifest: str | None = None
    warnings: tuple = ()

    def display(self, path):
        """Name a file for messages as the user knows it: the package, then the path inside."""
        if self.kind == "yaml":
            return path
        rel = os.path.relpath(path, self.root)
        return "%s!%s" % (self.source, rel) if self.kind == "zip" else os.path.join(self.source, rel)


def open_package(path, workdir, limits=Limits()):
    """Open path (YAML file, CSAR directory or CSAR zip). Zips are extracted below workdir."""
    if os.path.isdir(path):
        return _open_directory(path, path, "directory")
    if not os.path.isfile(path):
        raise DescriptorError([Problem(path, None, "no such file or directory")])
    if path.lower().endswith(YAML_SUFFIXES):
        return Package(source=path, kind="yaml", root=os.path.dirname(os.path.abspath(path)), entry=os.path.abspath(path))
    if not zipfile.is_zipfile(path):
        raise DescriptorError([Problem(path, None, "not a valid zip file, nor a YAML file or CSAR directory")])
    target = os.path.join(workdir, "package")
    _extract_zip(path, target, limits)
    return _open_directory(target, path, "zip")


def _extract_zip(path, target, limits):
    problems = []
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise DescriptorError([Problem(path, None, "%d members, over the limit of %d" % (len(members), limits.max_members))])
        total = 0
        for info in members:
            name = info.filename
            mode = info.external_attr >> 16
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
                problems.append(Problem(path, None, "member '%s' escapes the package" % name))
            elif stat.S_ISLNK(mode):
                problems.append(Problem(path, None, "member '%s' is a symbolic link; refused" % name))
            elif info.file_size > limits.max_member_bytes:
                problems.append(Problem(path, None, "member '%s' is %d bytes, over the limit" % (name, info.file_size)))
            elif info.compress_size and info.file_size / info.compress_size > limits.max_compression_ratio and info.file_size > 1024 * 1024:
                problems.append(Problem(path, None, "member '%s' has a compression ratio of %d:1 (a zip bomb?); refused" % (
                    name, info.file_size // info.compress_size)))
            total += info.file_size
        if total > limits.max_total_bytes:
            problems.append(Problem(path, None, "unpacks to %d bytes, over the limit of %d" % (total, limits.max_total_bytes)))
        if problems:
            raise DescriptorError(problems)
        root = os.path.realpath(target)
        for info in members:
            dest = os.path.realpath(os.path.join(root, info.filename))
            if not (dest == root or dest.startswith(root + os.sep)):
                raise DescriptorError([Problem(path, None, "member '%s' escapes the package" % info.filename)])
            if info.is_dir():
                os.makedirs(dest, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            _copy_bounded(archive, info, dest, path)


def _copy_bounded(archive, info, dest, source):
    """Copy one member, trusting the real byte count rather than the size the header claims."""
    written = 0
    with archive.open(info) as src, open(dest, "wb") as out:
        while True:
            chunk = src.read(1024 * 1024)
            if not chunk:
                break
            written += len(chunk)
            if written > info.file_size:
                raise DescriptorError([Problem(source, None, "member '%s' is larger than its header says; refused" % info.filename)])
            out.write(chunk)


def read_tosca_meta(path):
    """TOSCA.meta: the first block's keys (case-insensitive, named as SOL004 spells them) and the
    per-file blocks (Name, Content-Type, Algorithm, Hash) that older packages carry."""
    canonical = dict((k.lower(), k) for k in REQUIRED_META_KEYS + ("ETSI-Entry-Manifest", "Entry-Manifest", "ETSI-Entry-Change-Log"))
    meta, files, current = {}, [], None
    with open(path, "rb") as handle:
        text = handle.read(1024 * 1024).decode("utf-8-sig", errors="replace")
    for line in text.splitlines():
        if ":" not in line or line.startswith((" ", "\t", "#")):
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        lower = key.lower()
        if lower == "name":
            current = {"source": value}
            files.append(current)
        elif current is not None and lower in ("algorithm", "hash"):
            current[lower] = value
        elif current is None:
            meta.setdefault(canonical.get(lower, key), value)
    return meta, files


def _inside(root, rel):
    real_root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(root, rel))
    return target if target == real_root or target.startswith(real_root + os.sep) else None


def _open_directory(root, source, kind):
    root = os.path.abspath(root)
    meta_file = os.path.join(root, META_PATH)
    warnings = []
    if os.path.isdir(os.path.join(root, "TOSCA-Metadata")) and not os.path.isfile(meta_file):
        raise DescriptorError([Problem(source, None, "TOSCA-Metadata/ holds no TOSCA.meta file (SOL004 4.3.2)")])
    if os.path.isfile(meta_file):
        meta, meta_files = read_tosca_meta(meta_file)
        meta_display = _display(source, kind, "TOSCA-Metadata/TOSCA.meta")
        for key in INFORMATIONAL_META_KEYS:
            if not meta.get(key):
                warnings.append("%s: lacks '%s' (SOL004 asks for it; nothing else in the package depends on it)" % (meta_display, key))
        if not meta.get("Entry-Definitions"):
            only = _root_yamls(root)
            if len(only) != 1:
                raise DescriptorError([Problem(meta_display, None, "lacks 'Entry-Definitions', and the package has %d root-level "
                                               "YAML files to take its place" % len(only))])
            meta["Entry-Definitions"] = only[0]
            warnings.append("%s: lacks 'Entry-Definitions'; the only root-level YAML '%s' is the entry" % (meta_display, only[0]))
        entry = _inside(root, meta["Entry-Definitions"])
        if not entry or not os.path.isfile(entry):
            raise DescriptorError([Problem(source, None, "Entry-Definitions '%s' does not exist in the package" % meta["Entry-Definitions"])])
        if not _has_text(entry) and len(_root_yamls(root)) == 1:
            # Generators that leave the named entry empty put the template at the root (SOL004's other form).
            warnings.append("%s: Entry-Definitions '%s' is empty; the only root-level YAML '%s' is the entry" % (
                meta_display, meta["Entry-Definitions"], _root_yamls(root)[0]))
            entry = os.path.join(root, _root_yamls(root)[0])
        manifest = None
        manifest_name = meta.get("ETSI-Entry-Manifest") or meta.get("Entry-Manifest")
        if manifest_name:
            manifest = _inside(root, manifest_name)
            if not manifest or not os.path.isfile(manifest):
                raise DescriptorError([Problem(source, None, "ETSI-Entry-Manifest '%s' does not exist in the package" % manifest_name)])
            if not manifest_name.lower().endswith(".mf"):
                raise DescriptorError([Problem(meta_display, None, "ETSI-Entry-Manifest '%s' is not a manifest: SOL004 names it *.mf" % manifest_name)])
        else:
            manifest = _sibling_manifest(entry)
        package = Package(source=source, kind=kind, root=root, entry=entry, meta=meta, manifest=manifest)
        try:
            warnings.extend(verify_artifacts(package, meta_files, package.display(meta_file)))
        except DescriptorError as exc:
            # Hash blocks in TOSCA.meta are a pre-SOL004 habit that tools do not keep current; only the manifest binds.
            warnings.extend(str(p) for p in exc.problems)
    else:
        package = _open_without_meta(root, source, kind)
    if package.manifest:
        warnings.extend(verify_manifest(package))
    return replace(package, warnings=tuple(warnings) + package.warnings)


def _sibling_manifest(entry):
    candidate = os.path.splitext(entry)[0] + ".mf"
    return candidate if os.path.isfile(candidate) else None


def _has_text(path):
    with open(path, "rb") as handle:
        return bool(handle.read(4096).strip())


def _definitions_yamls(root):
    folder = os.path.join(root, "Definitions")
    return sorted(n for n in os.listdir(folder) if n.lower().endswith(YAML_SUFFIXES)) if os.path.isdir(folder) else []


def _root_yamls(root):
    return sorted(n for n in os.listdir(root) if n.lower().endswith(YAML_SUFFIXES) and os.path.isfile(os.path.join(root, n)))


def _display(source, kind, rel):
    return "%s!%s" % (source, rel) if kind == "zip" else os.path.join(source, rel)


def _open_without_meta(root, source, kind):
    roots = _root_yamls(root)
    if len(roots) > 1:
        raise DescriptorError([Problem(source, None, "no TOSCA-Metadata/TOSCA.meta and %d root-level YAML files (%s); SOL004 allows one" % (
            len(roots), ", ".join(roots)))])
    warnings = ()
    if not roots and len(_definitions_yamls(root)) == 1:
        # No TOSCA.meta and no root YAML, but one template where SOL004 puts definitions: nothing else it could be.
        roots = ["Definitions/" + _definitions_yamls(root)[0]]
        warnings = ("%s: neither TOSCA-Metadata/TOSCA.meta nor a root-level YAML; the only template, '%s', is the entry" % (source, roots[0]),)
    if not roots:
        raise DescriptorError([Problem(source, None, "not a CSAR: neither TOSCA-Metadata/TOSCA.meta nor a root-level YAML template")])
    entry = os.path.join(root, roots[0])
    template = load_yaml_file(entry, os.path.join(source, roots[0]))
    version = template.get("tosca_definitions_version") if isinstance(template, dict) else None
    if version == "tosca_simple_yaml_1_0":
        # TOSCA 1.0 CSARs must carry TOSCA-Metadata; the root-level YAML form came with TOSCA 1.1 and SOL004.
        raise DescriptorError([Problem(source, None, "not a valid CSAR: a tosca_simple_yaml_1_0 package needs TOSCA-Metadata/TOSCA.meta")])
    metadata = template.get("metadata") if isinstance(template, dict) else None
    missing = [k for k in ROOT_YAML_METADATA if not isinstance(metadata, dict) or k not in metadata]
    if missing:
        warnings += ("%s: the root YAML '%s' lacks metadata %s that SOL004 asks of a CSAR without TOSCA-Metadata" % (
            source, roots[0], ", ".join(missing)),)
    manifest = _sibling_manifest(entry)
    others = sorted(n for n in os.listdir(root) if n.lower().endswith(".mf") and os.path.join(root, n) != manifest)
    if others and os.path.dirname(entry) == root:
        # SOL004 4.3.3: without TOSCA-Metadata the manifest carries the root YAML's name.
        raise DescriptorError([Problem(source, None, "manifest '%s' must be named after the root YAML '%s' (%s.mf)" % (
            others[0], roots[0], os.path.splitext(roots[0])[0]))])
    return Package(source=source, kind=kind, root=root, entry=entry, manifest=manifest, warnings=warnings)


def parse_manifest(path):
    """SOL004 manifest: metadata lines, then Source/Algorithm/Hash blocks. Returns (metadata, entries)."""
    metadata, entries, current, section = {}, [], None, None
    with open(path, "rb") as handle:
        text = handle.read(16 * 1024 * 1024).decode("utf-8-sig", errors="replace")
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("-----BEGIN"):
            section = "signature"
        elif line.startswith("-----END"):
            section = None
            continue
        if section == "signature" or not line or line.startswith("#"):
            continue
        if line.rstrip(":") == "metadata":
            section = "metadata"
            continue
        if line.rstrip(":") == "non_mano_artifact_sets":
            section = "non_mano"
            continue
        key, _sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "Source":
            current = {"source": value}
            entries.append(current)
            section = "entries"
        elif key in ("Algorithm", "Hash") and current is not None:
            current[key.lower()] = value
        elif section == "metadata" and value:
            metadata[key] = value
    return metadata, entries


def verify_manifest(package):
    _metadata, entries = parse_manifest(package.manifest)
    return verify_artifacts(package, entries, package.display(package.manifest))


def verify_artifacts(package, entries, manifest_name):
    """Check every listed artifact's hash. Mismatch is an error; an absent artifact only a warning."""
    problems, warnings = [], []
    for entry in entries:
        source = entry["source"]
        if "://" in source:
            warnings.append("%s: artifact '%s' is remote; its hash is not verified" % (manifest_name, source))
            continue
        target = _inside(package.root, source)
        if target is None:
            problems.append(Problem(manifest_name, None, "Source '%s' escapes the package" % source))
            continue
        stated = [k for k in ("algorithm", "hash") if k in entry]
        if stated and not all(entry.get(k) for k in ("algorithm", "hash")):
            # SOL004: an artifact's hash is given with its algorithm; half of it verifies nothing.
            lacking = [k.capitalize() for k in ("algorithm", "hash") if not entry.get(k)]
            problems.append(Problem(manifest_name, None, "artifact '%s' states %s without %s" % (
                source, " and ".join(k.capitalize() for k in stated if entry.get(k)) or "empty keys", " or ".join(lacking))))
            continue
        if not os.path.isfile(target):
            warnings.append("%s: artifact '%s' listed in the manifest is absent; its hash is not verified" % (manifest_name, source))
            continue
        algorithm, expected = entry.get("algorithm"), entry.get("hash")
        if not algorithm or not expected:
            continue
        canonical = hash_algorithm(algorithm)
        if not canonical:
            problems.append(Problem(manifest_name, None, "artifact '%s': unknown hash algorithm '%s'" % (source, algorithm)))
            continue
        if algorithm != canonical:
            warnings.append("%s: artifact '%s': Algorithm '%s' is read as %s, as SOL004 spells it" % (manifest_name, source, algorithm, canonical))
        digest = hashlib.new(HASH_ALGORITHMS[canonical])
        with open(target, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
        if digest.hexdigest().lower() != expected.lower():
            problems.append(Problem(manifest_name, None, "artifact '%s': %s hash mismatch (manifest %s, file %s)" % (
                source, algorithm, expected, digest.hexdigest())))
    if problems:
        raise DescriptorError(problems)
    return warnings


# -- package files read after loading (software image artifacts) --------------------------------
def locate_member(source, rel):
    """Where package file rel (relative to the package root) is read from once the package is loaded:
    (absolute file, None) for a CSAR directory or a YAML file, (absolute zip, member) for a CSAR zip, whose
    extraction does not outlive loading: the member is streamed from the zip instead. None when rel is remote
    or escapes the package (an untrusted package must not make us read, let alone upload, a host file)."""
    if not source or not rel or "://" in str(rel):
        return None
    source = os.path.abspath(source)
    if os.path.isdir(source) or source.lower().endswith(YAML_SUFFIXES):
        root = source if os.path.isdir(source) else os.path.dirname(source)
        target = _inside(root, rel)
        return (target, None) if target and target != os.path.realpath(root) else None
    member = posixpath.normpath(str(rel).replace(os.sep, "/"))
    if member.startswith(("/", "../")) or member in (".", ".."):
        return None
    return source, member


def _zip_member(archive, member):
    return next((info for info in archive.infolist()
                 if not info.is_dir() and posixpath.normpath(info.filename.replace("\\", "/")) == member), None)


def member_size(path, member):
    """Size in bytes of a located package file, or None when it is not there."""
    try:
        if member is None:
            return os.path.getsize(path) if os.path.isfile(path) else None
        with zipfile.ZipFile(path) as archive:
            info = _zip_member(archive, member)
            return None if info is None else info.file_size
    except (OSError, zipfile.BadZipFile):
        return None


@contextmanager
def open_member(path, member):
    """(binary stream, size) of a located package file, read in chunks by the caller. OSError when absent."""
    if member is None:
        with open(path, "rb") as handle:
            yield handle, os.fstat(handle.fileno()).st_size
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise OSError("%s is no longer a valid zip: %s" % (path, exc))
    with archive:
        info = _zip_member(archive, member)
        if info is None:
            raise FileNotFoundError("%s has no member %s" % (path, member))
        with archive.open(info) as handle:
            yield handle, info.file_size


def member_display(path, member):
    """A located package file named as the user knows it (the zip, then the member)."""
    return path if member is None else "%s!%s" % (path, member)
