# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which SOL001 edition a descriptor is written against, and what the bundled types can check of it.

The edition comes from the import URL (forge.etsi.org/.../raw/v4.4.1/...), then a type file name that
carries it (etsi_nfv_sol001_vnfd_types_v3_3_1.yaml), then the version the template states (vnfm_info
'etsivnfm:v3.3.1', a metadata value). The bundled types follow v2.6.1 with the v2.7.1 additions
(catalog.py): a later edition's descriptor is read with them, and what those editions added or made
optional is not held against it; the loader says so in a warning.
"""

from __future__ import annotations

import re

PUBLISHED = ("2.5.1", "2.6.1", "2.7.1", "2.8.1", "3.3.1", "3.5.1", "3.6.1", "4.2.1", "4.3.1", "4.4.1", "4.5.1")
# The newest edition the bundled types describe in full.
BUNDLED = "2.7.1"
EXACT = ("2.6.1", "2.7.1")  # imports of these are served as they are (imports.py keeps v2.6.1 and v2.7.1 forms apart)

_IN_URL = re.compile(r"/v(\d+)\.(\d+)\.(\d+)/", re.I)
_IN_NAME = re.compile(r"sol001[a-z_]*?[_-]v?(\d+)[._](\d+)[._](\d+)", re.I)
_STATED = re.compile(r"(?:etsivnfm:|sol001[^0-9]{0,12})v?(\d+)\.(\d+)\.(\d+)", re.I)


def _version(match):
    return ".".join(str(int(g)) for g in match.groups()) if match else None


def _key(edition):
    return tuple(int(p) for p in edition.split("."))


def edition_of_reference(reference):
    """The edition an import names by URL or file name, or None."""
    text = str(reference)
    return _version(_IN_URL.search(text)) or _version(_IN_NAME.search(text.rsplit("/", 1)[-1]))


def _import_references(data):
    for entry in data.get("imports") or []:
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            value = entry.get("file") if "file" in entry else next(iter(entry.values()), None)
            value = value.get("file") if isinstance(value, dict) else value
            if isinstance(value, str):
                yield value


def _stated(data):
    found = []
    for value in (data.get("metadata") or {}).values() if isinstance(data.get("metadata"), dict) else ():
        found.append(str(value))
    topology = data.get("topology_template") if isinstance(data.get("topology_template"), dict) else {}
    for node in (topology.get("node_templates") or {}).values():
        info = ((node or {}).get("properties") or {}).get("vnfm_info") if isinstance(node, dict) else None
        found.extend(str(v) for v in (info if isinstance(info, list) else [info]) if v)
    for text in found:
        match = _STATED.search(text)
        if match:
            return _version(match)
    return None


def stated_edition(sources):
    """(edition, how it was found) over the package's own files (source.key, source.data), or (None, None)."""
    own = [s for s in sources if not s.key.startswith("bundled:")]
    for how, finder in (("import", lambda s: [edition_of_reference(r) for r in _import_references(s.data)]),
                        ("stated", lambda s: [_stated(s.data)])):
        editions = sorted(set(e for s in own for e in finder(s) if e), key=_key)
        if editions:
            return editions[-1], how
    return None, None


def assessment(edition):
    """A warning for an edition the bundled types do not describe in full, or None."""
    if edition is None or edition in EXACT:
        return None
    if edition in PUBLISHED and _key(edition) < _key(BUNDLED):
        return "written against SOL001 v%s; read with the bundled v2.6.1 types, the nearest edition bundled" % edition
    if edition not in PUBLISHED:
        return "SOL001 v%s is not a published edition this collection knows (%s); read with the bundled v2.6.1/v%s types" % (
            edition, ", ".join(PUBLISHED), BUNDLED)
    return ("written against SOL001 v%s; the bundled types follow v2.6.1/v%s, so properties that later editions add or "
            "make optional are not checked" % (edition, BUNDLED))


def is_later(edition):
    return edition is not None and _key(edition) > _key(BUNDLED)
