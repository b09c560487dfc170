# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resolve a template's import closure offline: package files, bundled SOL001 types, remote only on request."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError, Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.safe_yaml import MAX_YAML_BYTES, load_yaml, load_yaml_file
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.legacy import tacker_types
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001.catalog import BUNDLED_TYPE_FILES

# Files a template may use without importing them: the SOL001 types (normative for SOL001 descriptors)
# and the types Tacker injects into its legacy templates.
IMPLICIT_TYPE_FILES = dict(BUNDLED_TYPE_FILES, **{tacker_types.FILE_NAME: tacker_types.TOSCA_YAML})

BUNDLED_PREFIX = "bundled:"
_IMPORT_KEYS = ("file", "repository", "namespace_uri", "namespace_prefix")
_bundled_cache = {}


@dataclass
class SourceFile:
    """One YAML file of the closure. key is its identity: a real path, bundled:NAME or a URL."""

    key: str
    display: str
    data: dict
    # (position in the imports list, resolved key) for each import, to rewrite when staging.
    imports: list = field(default_factory=list)


def _is_url(text):
    return urlparse(str(text)).scheme in ("http", "https", "ftp", "file")


def _bundled_name(reference):
    name = posixpath.basename(urlparse(str(reference)).path if _is_url(reference) else str(reference).replace("\\", "/"))
    for known in BUNDLED_TYPE_FILES:
        if known.lower() == name.lower():
            return known
    return None


def _bundled(name):
    if name not in _bundled_cache:
        _bundled_cache[name] = load_yaml(IMPLICIT_TYPE_FILES[name], BUNDLED_PREFIX + name)
    return _bundled_cache[name]


_EDITION = re.compile(r"/v(\d+)\.(\d+)\.(\d+)/", re.I)
# SOL001 v2.7.1 changed three Vdu.Compute properties; the bundled file keeps the v2.6.1 forms.
_V271_VDU_PROPERTIES = {
    "boot_order": {"type": "boolean", "required": False},
    "nfvi_constraints": {"type": "map", "required": False, "entry_schema": {"type": "string"}},
    "boot_data": {"type": "tosca.datatypes.nfv.BootData", "required": False},
}


def _edition(reference):
    """'2.7.1+' for a forge URL of SOL001 v2.7.1 or later, None otherwise (the bundled v2.6.1 forms)."""
    match = _EDITION.search(str(reference))
    return "2.7.1+" if match and tuple(int(g) for g in match.groups()) >= (2, 7, 1) else None


def _edition_variant(data, edition):
    if edition is None or "tosca.nodes.nfv.Vdu.Compute" not in (data.get("node_types") or {}):
        return data
    node_types = dict(data["node_types"])
    vdu = dict(node_types["tosca.nodes.nfv.Vdu.Compute"])
    vdu["properties"] = dict(vdu.get("properties") or {}, **_V271_VDU_PROPERTIES)
    node_types["tosca.nodes.nfv.Vdu.Compute"] = vdu
    return dict(data, node_types=node_types)


def implicit_files_for(type_names):
    """Bundled files that define any of type_names, with the names each one covers."""
    found = {}
    for name in IMPLICIT_TYPE_FILES:
        data = _bundled(name) or {}
        defined = set(t for section, types in data.items() if section.endswith("_types") and isinstance(types, dict) for t in types)
        covered = sorted(set(type_names) & defined)
        if covered:
            found[name] = covered
    return found


def _import_file(entry):
    """The file reference inside one imports entry (string, {file: ...} or {name: string|{file: ...}})."""
    if isinstance(entry, str):
        return entry, None
    if isinstance(entry, dict):
        if "file" in entry:
            return entry.get("file"), entry.get("repository")
        if len(entry) == 1:
            value = next(iter(entry.values()))
            if isinstance(value, str):
                return value, None
            if isinstance(value, dict):
                return value.get("file"), value.get("repository")
    return None, None


class ImportResolver:
    """Loads the entry template and everything it imports, reporting every bad import at once."""

    def __init__(self, package, allow_remote_imports=False, fetch=None):
        self.package = package
        self.allow_remote = allow_remote_imports
        self.fetch = fetch or _fetch_url
        self.files = {}
        self.problems = []
        self.warnings = []
        self.absent = []
        self.confined = package.kind != "yaml"

    def resolve(self):
        entry = self.package.entry
        self._visit(entry, self.package.display(entry), lambda: load_yaml_file(entry, self.package.display(entry)))
        if self.problems:
            raise DescriptorError(self.problems)
        return self.files

    def _visit(self, key, display, loader):
        if key in self.files:
            return
        try:
            data = loader()
        except DescriptorError as exc:
            self.problems.extend(exc.problems)
            return
        except OSError as exc:
            self.problems.append(Problem(display, None, "cannot read: %s" % exc.strerror))
            return
        if not isinstance(data, dict):
            self.problems.append(Problem(display, None, "not a TOSCA template: the document is not a mapping"))
            return
        source = SourceFile(key=key, display=display, data=data)
        self.files[key] = source
        imports = data.get("imports") or []
        if not isinstance(imports, list):
            self.problems.append(Problem(display, None, "'imports' must be a list"))
            return
        repositories = data.get("repositories") or {}
        for position, entry in enumerate(imports):
            reference, repository = _import_file(entry)
            if not reference:
                self.problems.append(Problem(display, None, "import #%d names no file" % (position + 1)))
                continue
            if repository:
                repo = repositories.get(repository)
                url = repo.get("url") if isinstance(repo, dict) else repo
                if not url:
                    self.problems.append(Problem(display, None, "import '%s' names unknown repository '%s'" % (reference, repository)))
                    continue
                reference = str(url).rstrip("/") + "/" + str(reference).lstrip("/")
            target = self._resolve_one(source, str(reference))
            if target:
                source.imports.append((position, target))

    def _resolve_one(self, source, reference):
        bundled = _bundled_name(reference)
        if _is_url(reference) or _is_url(source.key):
            url = urljoin(source.key, reference) if _is_url(source.key) else reference
            if bundled:
                return self._visit_bundled(bundled, _edition(url))
            if not self.allow_remote:
                self.problems.append(Problem(source.display, None, "import '%s' is remote; remote imports are disabled "
                                             "(allow them explicitly to fetch it)" % reference))
                return None
            self._visit(url, url, lambda: load_yaml(self.fetch(url), url))
            return url
        if source.key.startswith(BUNDLED_PREFIX):
            if bundled:
                return self._visit_bundled(bundled)
            self.problems.append(Problem(source.display, None, "bundled types import unknown file '%s'" % reference))
            return None
        if os.path.isabs(reference) and self.confined:
            self.problems.append(Problem(source.display, None, "import '%s' is an absolute path; a package may only import its own files" % reference))
            return None
        path = os.path.normpath(os.path.join(os.path.dirname(source.key), reference))
        if self.confined and not _within(self.package.root, path):
            self.problems.append(Problem(source.display, None, "import '%s' escapes the package" % reference))
            return None
        if not os.path.isfile(path):
            if bundled:
                self.warnings.append("%s: '%s' is not in the package; using the bundled SOL001 copy" % (source.display, reference))
                return self._visit_bundled(bundled)
            # Reported by the loader: an error only when a type the templates use is then defined nowhere.
            self.absent.append(Problem(source.display, None, "import '%s' not found (looked for %s)" % (
                reference, self.package.display(path) if _within(self.package.root, path) else path)))
            return None
        self._visit(path, self.package.display(path), lambda: load_yaml_file(path, self.package.display(path)))
        return path

    def inject(self, names):
        """Add bundled files as imports of the entry template (for types it uses without importing)."""
        entry = self.files[self.package.entry]
        entry.data = dict(entry.data)
        imports = list(entry.data.get("imports") or [])
        for name in names:
            entry.imports.append((len(imports), self._visit_bundled(name)))
            imports.append(name)
        entry.data["imports"] = imports

    def _visit_bundled(self, name, edition=None):
        key = BUNDLED_PREFIX + ("v%s/" % edition if edition else "") + name
        self._visit(key, key, lambda: _edition_variant(_bundled(name), edition))
        return key


def _within(root, path):
    root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == root or real.startswith(root + os.sep)


def _fetch_url(url):
    """Only reached when the user allowed remote imports."""
    from urllib.request import build_opener
    with build_opener().open(url, timeout=30) as response:
        data = response.read(MAX_YAML_BYTES + 1)
    return data
