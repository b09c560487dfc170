# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the sample CSARs in descriptors/csar/ from the package directories next to this script.

Every directory of descriptors/ holding TOSCA-Metadata/TOSCA.meta is a package. For each one:

* the SOL004 manifest named by ETSI-Entry-Manifest lists every other file of the package with
  its SHA-256 hash (--update-manifests rewrites the entries, keeping the metadata block);
* csar/<package>.zip holds the package files, built deterministically (sorted members, stored
  uncompressed so the bytes do not depend on the zlib in use, timestamps 1980-01-01 00:00:00,
  mode 0644), so a rebuild of unchanged sources gives byte-identical zips.

Usage:
  build_csars.py                     build the zips (fails if a manifest is stale)
  build_csars.py --update-manifests  rewrite manifest hashes, then build the zips
  build_csars.py --check             build nothing; exit 1 if a manifest or a zip is stale
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CSAR_DIR = "csar"
META = "TOSCA-Metadata/TOSCA.meta"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o100644
SKIPPED_NAMES = ("__pycache__",)


def packages(root=HERE):
    """Package directory names, sorted."""
    return sorted(name for name in os.listdir(root)
                  if name != CSAR_DIR and os.path.isfile(os.path.join(root, name, META)))


def read_meta(package_dir):
    meta = {}
    with open(os.path.join(package_dir, META), encoding="utf-8") as handle:
        for line in handle:
            if ":" in line and not line.startswith((" ", "\t", "#")):
                key, value = line.split(":", 1)
                meta.setdefault(key.strip(), value.strip())
    return meta


def package_files(package_dir):
    """Paths relative to the package directory, '/'-separated and sorted; hidden files are left out."""
    found = []
    for top, dirs, files in os.walk(package_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_NAMES)
        for name in files:
            if name.startswith(".") or name.endswith((".pyc", "~")):
                continue
            found.append(os.path.relpath(os.path.join(top, name), package_dir).replace(os.sep, "/"))
    return sorted(found)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_name(package_dir):
    name = read_meta(package_dir).get("ETSI-Entry-Manifest")
    if not name:
        raise SystemExit("%s: TOSCA.meta names no ETSI-Entry-Manifest" % package_dir)
    return name


def parse_manifest(text):
    """(header, entries): header is the text before the first Source line, entries (source, algorithm, hash)."""
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.startswith("Source:")), len(lines))
    header = "".join(lines[:first]).rstrip("\n") + "\n"
    entries, current = [], None
    for line in lines[first:]:
        key, _sep, value = line.strip().partition(":")
        key, value = key.strip(), value.strip()
        if key == "Source":
            current = [value, None, None]
            entries.append(current)
        elif key == "Algorithm" and current:
            current[1] = value
        elif key == "Hash" and current:
            current[2] = value
    return header, [tuple(e) for e in entries]


def expected_manifest(package_dir):
    """The manifest text the package should have, and the current text."""
    name = manifest_name(package_dir)
    path = os.path.join(package_dir, name)
    with open(path, encoding="utf-8") as handle:
        current = handle.read()
    header, _entries = parse_manifest(current)
    blocks = ["Source: %s\nAlgorithm: SHA-256\nHash: %s\n" % (rel, sha256(os.path.join(package_dir, rel)))
              for rel in package_files(package_dir) if rel != name]
    return header + "\n" + "\n".join(blocks), current


def build_zip(package_dir):
    """The CSAR bytes of one package directory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for rel in package_files(package_dir):
            info = zipfile.ZipInfo(rel, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # Unix, so that external_attr carries the mode
            info.external_attr = ZIP_MODE << 16
            with open(os.path.join(package_dir, rel), "rb") as handle:
                archive.writestr(info, handle.read())
    return buffer.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="verify manifests and zips, write nothing")
    mode.add_argument("--update-manifests", action="store_true", help="rewrite manifest hashes before building")
    parser.add_argument("--root", default=HERE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    stale = []
    names = packages(args.root)
    if not names:
        print("no package directories under %s" % args.root, file=sys.stderr)
        return 1
    for name in names:
        package_dir = os.path.join(args.root, name)
        wanted, current = expected_manifest(package_dir)
        if wanted != current:
            if args.update_manifests:
                with open(os.path.join(package_dir, manifest_name(package_dir)), "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(wanted)
                print("updated %s/%s" % (name, manifest_name(package_dir)))
            else:
                stale.append("%s/%s is stale (run build_csars.py --update-manifests)" % (name, manifest_name(package_dir)))
                continue
        data = build_zip(package_dir)
        target = os.path.join(args.root, CSAR_DIR, name + ".zip")
        existing = None
        if os.path.isfile(target):
            with open(target, "rb") as handle:
                existing = handle.read()
        if existing == data:
            continue
        if args.check:
            stale.append("%s/%s.zip is %s (run build_csars.py)" % (CSAR_DIR, name, "stale" if existing else "missing"))
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
        print("built %s/%s.zip" % (CSAR_DIR, name))
    expected_zips = set(n + ".zip" for n in names)
    csar_dir = os.path.join(args.root, CSAR_DIR)
    extra = sorted(f for f in os.listdir(csar_dir) if f.endswith(".zip") and f not in expected_zips) if os.path.isdir(csar_dir) else []
    stale.extend("%s/%s has no package directory" % (CSAR_DIR, f) for f in extra)
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
