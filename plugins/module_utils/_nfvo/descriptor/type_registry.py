# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every TOSCA type visible to a descriptor, with derivation and inherited property definitions."""

from __future__ import annotations

import os

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.safe_yaml import load_yaml_file

TYPE_SECTIONS = ("node_types", "data_types", "capability_types", "relationship_types", "policy_types",
                 "group_types", "interface_types", "artifact_types")
# Short names that TOSCA allows for normative types (tosca.nodes.Compute may be written Compute).
_NORMATIVE_PREFIXES = ("tosca.nodes.", "tosca.capabilities.", "tosca.relationships.", "tosca.policies.",
                       "tosca.groups.", "tosca.interfaces.", "tosca.artifacts.", "tosca.datatypes.")
_builtin_cache = {}


def _builtin_definitions():
    """tosca-parser's own normative and NFV 1.0 profile types, read once per process."""
    if "types" not in _builtin_cache:
        import toscaparser
        base = os.path.dirname(toscaparser.__file__)
        merged = {}
        for rel in ("elements/TOSCA_definition.yaml", "extensions/nfv/TOSCA_nfv_definition_1_0_0.yaml"):
            path = os.path.join(base, rel)
            if os.path.isfile(path):
                data = load_yaml_file(path) or {}
                # The normative file lists types at top level; the NFV profile file in *_types sections.
                for name, definition in data.items():
                    if name in TYPE_SECTIONS and isinstance(definition, dict):
                        merged.update((n, d) for n, d in definition.items() if isinstance(d, dict))
                    elif isinstance(definition, dict) and name.startswith("tosca."):
                        merged[name] = definition
        _builtin_cache["types"] = merged
    return _builtin_cache["types"]


class TypeRegistry:
    """A flat name -> definition map across all files; TOSCA type names are global."""

    def __init__(self):
        self.types = dict(_builtin_definitions())

    def add_template(self, template):
        for section in TYPE_SECTIONS:
            for name, definition in (template.get(section) or {}).items():
                if isinstance(definition, dict):
                    self.types[name] = definition

    def resolve(self, name):
        if name in self.types:
            return name
        for prefix in _NORMATIVE_PREFIXES:
            if prefix + str(name) in self.types:
                return prefix + str(name)
        return name

    def ancestry(self, name):
        """The type and its parents, nearest first; stops on loops."""
        chain, seen = [], set()
        current = self.resolve(name)
        while current and current not in seen:
            seen.add(current)
            chain.append(current)
            definition = self.types.get(current)
            current = self.resolve(definition.get("derived_from")) if isinstance(definition, dict) and definition.get("derived_from") else None
        return chain

    def is_a(self, name, base):
        return base in self.ancestry(name)

    def parent_property(self, type_name, prop, section="properties"):
        """The nearest ancestor's definition of prop (excluding type_name itself)."""
        for ancestor in self.ancestry(type_name)[1:]:
            definition = (self.types.get(ancestor) or {}).get(section) or {}
            if isinstance(definition.get(prop), dict) and definition[prop].get("type"):
                return definition[prop]
        return None

    def property_defaults(self, type_name):
        """Default values of properties over the whole ancestry (nearest wins)."""
        defaults = {}
        for ancestor in reversed(self.ancestry(type_name)):
            for prop, definition in ((self.types.get(ancestor) or {}).get("properties") or {}).items():
                if isinstance(definition, dict) and "default" in definition:
                    defaults[prop] = definition["default"]
        return defaults

    def fill_refinements(self, template):
        """TOSCA 1.3 refinements may omit `type`; tosca-parser needs it. Returns names it could not fill."""
        unresolved = []
        for section in TYPE_SECTIONS:
            for type_name, definition in (template.get(section) or {}).items():
                if not isinstance(definition, dict):
                    continue
                for kind in ("properties", "attributes"):
                    for prop, prop_def in (definition.get(kind) or {}).items():
                        if isinstance(prop_def, dict) and "type" not in prop_def:
                            parent = self.parent_property(type_name, prop, kind)
                            if parent:
                                prop_def["type"] = parent["type"]
                                if "entry_schema" in parent and "entry_schema" not in prop_def:
                                    prop_def["entry_schema"] = parent["entry_schema"]
                            else:
                                unresolved.append((type_name, kind, prop))
        return unresolved
