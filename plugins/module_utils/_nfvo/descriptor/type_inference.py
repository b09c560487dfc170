# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Node types a package uses but defines nowhere (its type files left out, or never written).

Such a node can still be read when its type is recognisably one of the SOL001 node types: by TOSCA's
dotted naming (tosca.nodes.nfv.VNF.vPCRF derives from tosca.nodes.nfv.VNF), by the pre-SOL001 names
of the same things (GS NFV-IFA011: VduCpd, VnfVirtualLinkDesc, VDU.Compute), or because the template
sets exactly the properties of one SOL001 type. The reader then treats it as that type, with a
warning that its properties were not checked; anything else stays an error.
"""

from __future__ import annotations

NFV_PREFIX = "tosca.nodes.nfv."
INFERRED = "smartnfvo_inferred"  # key marking a definition made here, not by the package
# The SOL001 node types an unknown type may be read as (the ones the readers act on).
SOL001_BASES = ("tosca.nodes.nfv.VNF", "tosca.nodes.nfv.Vdu.Compute", "tosca.nodes.nfv.VduCp", "tosca.nodes.nfv.VnfVirtualLink",
                "tosca.nodes.nfv.Vdu.VirtualBlockStorage", "tosca.nodes.nfv.VnfExtCp", "tosca.nodes.nfv.NS",
                "tosca.nodes.nfv.NsVirtualLink", "tosca.nodes.nfv.Sap")
# Pre-SOL001 spellings: IFA011 names descriptors (...Desc, ...Cpd) where SOL001 names the thing.
_IFA011_SUFFIXES = (("cpd", "cp"), ("desc", ""))
_STORAGE_ALIASES = {"vdu.virtualstorage": "tosca.nodes.nfv.Vdu.VirtualBlockStorage"}


def _short(name):
    lowered = name.lower()
    return lowered[len(NFV_PREFIX):] if lowered.startswith(NFV_PREFIX) else lowered


def by_name(type_name, registry):
    """The SOL001 base a type's name says it is, or None."""
    for base in SOL001_BASES:
        if type_name.startswith(base + ".") and base in registry.types:
            return base
    short = _short(type_name)
    for old, new in _IFA011_SUFFIXES:
        if short.endswith(old):
            short = short[: -len(old)] + new
    if short in _STORAGE_ALIASES:
        return _STORAGE_ALIASES[short] if _STORAGE_ALIASES[short] in registry.types else None
    for base in SOL001_BASES:
        if base in registry.types and (short == _short(base) or short.endswith("." + _short(base))):
            return base
    return None


def by_properties(properties, registry, definitions):
    """The one SOL001 base whose properties include all the template sets and whose required ones it sets."""
    given = set(properties or ())
    if not given:
        return None
    matches = []
    for base in SOL001_BASES:
        if base not in registry.types:
            continue
        defs = definitions(base)
        required = set(n for n, d in defs.items() if d.get("required", True) and "default" not in d)
        if given <= set(defs) and required <= given:
            matches.append(base)
    return matches[0] if len(matches) == 1 else None


def infer(undefined, nodes_by_type, registry, definitions):
    """{type: base} for the undefined node types that can be read as a SOL001 type.

    nodes_by_type maps each undefined type to the property maps of its templates.
    """
    found = {}
    for type_name in sorted(undefined):
        base = by_name(type_name, registry)
        if base is None:
            candidates = set(by_properties(props, registry, definitions) for props in nodes_by_type.get(type_name) or [{}])
            base = candidates.pop() if len(candidates) == 1 else None
        if base:
            found[type_name] = base
    return found


# The standard's namespaces and the root type of each kind.
_STANDARD_ROOTS = (("tosca.nodes.nfv.", "tosca.nodes.Root"), ("tosca.policies.nfv.", "tosca.policies.Root"),
                   ("tosca.groups.nfv.", "tosca.groups.Root"))


def later_edition_types(undefined):
    """{type: root type} for undefined types in SOL001's namespaces (types of an edition not bundled)."""
    found = {}
    for type_name in undefined:
        root = next((r for prefix, r in _STANDARD_ROOTS if type_name.startswith(prefix)), None)
        if root:
            found[type_name] = root
    return found
