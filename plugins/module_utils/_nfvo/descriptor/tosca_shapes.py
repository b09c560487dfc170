# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bring producers' section shapes to the ones TOSCA defines, before anything reads the templates.

tosca-parser crashes (TypeError, AttributeError) instead of reporting when a section is null, when a map
is written as a list of single-key maps (older TOSCA drafts and several generators do this), or when
policies are written as a map. Empty sections mean nothing, and the two spellings of a map say the same
thing, so both are rewritten with a warning; what cannot be read either way becomes a Problem that names
the node and the section.
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem

TYPE_SECTIONS = ("node_types", "data_types", "capability_types", "relationship_types", "policy_types",
                 "group_types", "interface_types", "artifact_types")
# Keys of a type definition whose value is a map; null means "none".
TYPE_MAPS = ("properties", "attributes", "capabilities", "interfaces", "artifacts", "metadata")
TYPE_LISTS = ("requirements", "targets", "members", "valid_target_types", "valid_source_types")
TOPOLOGY_MAPS = ("inputs", "outputs", "node_templates", "relationship_templates", "groups", "substitution_mappings")
TEMPLATE_MAPS = ("properties", "attributes", "capabilities", "interfaces", "artifacts", "metadata")
TEMPLATE_LISTS = ("requirements", "targets", "members", "triggers")
TOP_LEVEL_OPTIONAL = ("imports", "metadata", "description", "repositories", "dsl_definitions") + TYPE_SECTIONS


class ShapeFixer:
    """Normalises one file's data in place; collects warnings and problems."""

    def __init__(self, display):
        self.display = display
        self.warnings = []
        self.problems = []

    def fix(self, data):
        for key in TOP_LEVEL_OPTIONAL:
            if key in data and data[key] is None:
                del data[key]
        for section in TYPE_SECTIONS:
            for name, definition in self._map(data, section, None).items():
                if isinstance(definition, dict):
                    self._definition(definition, name, TYPE_MAPS, TYPE_LISTS)
        topology = data.get("topology_template")
        if topology is None and "topology_template" in data:
            del data["topology_template"]
        if not isinstance(topology, dict):
            return
        for section in TOPOLOGY_MAPS:
            self._map(topology, section, None)
        if "node_templates" in topology and topology["node_templates"] is None:
            topology["node_templates"] = {}
        self._policies(topology)
        for name, value in list((topology.get("inputs") or {}).items()):
            if value is None:
                # A parameter with nothing stated: TOSCA's default type for a parameter is a string.
                topology["inputs"][name] = {"type": "string", "required": False}
                self.warnings.append("%s: input '%s' has no definition; read as an optional string" % (self.display, name))
        for section, kind in (("node_templates", "node template"), ("groups", "group")):
            for name, template in list((topology.get(section) or {}).items()):
                if not isinstance(template, dict):
                    self.problems.append(Problem(self.display, str(name), "%s has no definition (a type is required)" % kind))
                    del topology[section][name]
                    continue
                self._definition(template, name, TEMPLATE_MAPS, TEMPLATE_LISTS)
                self._capabilities(template, name)
        for _name, policy in _policy_items(topology.get("policies")):
            self._definition(policy, _name, ("properties", "metadata", "triggers"), ("targets",))
            if isinstance(policy.get("targets"), str):
                policy["targets"] = [policy["targets"]]
                self.warnings.append("%s: policy '%s': targets is one name, not a list; read as a list of one" % (self.display, _name))
        subs = topology.get("substitution_mappings")
        if isinstance(subs, dict):
            self._definition(subs, None, ("properties", "capabilities", "attributes", "interfaces"), ())
            if subs.get("requirements") is None:
                subs.pop("requirements", None)

    # -- pieces ------------------------------------------------------------------------------
    def _map(self, holder, key, node):
        """holder[key] as a map: null dropped, a list of single-key maps merged. {} when absent or unreadable."""
        value = holder.get(key)
        if value is None:
            holder.pop(key, None)
            return {}
        if isinstance(value, list):
            merged = _merge_single_key_maps(value)
            if merged is None:
                self.problems.append(Problem(self.display, node, "'%s' must be a map of names to definitions, not a list" % key))
                del holder[key]
                return {}
            holder[key] = merged
            self.warnings.append("%s: %s'%s' is written as a list of single-key maps; read as the map TOSCA defines" % (
                self.display, "node template '%s': " % node if node else "", key))
            return merged
        return value if isinstance(value, dict) else {}

    def _definition(self, definition, name, maps, lists):
        for key in maps:
            if key in definition:
                self._map(definition, key, name)
        for key in lists:
            if key in definition and definition[key] is None:
                del definition[key]
        reqs = definition.get("requirements")
        if isinstance(reqs, dict) and "requirements" in lists:
            # A map of requirement names is the same thing as TOSCA's list of single-key maps (names unique).
            definition["requirements"] = [{k: v} for k, v in reqs.items()]
            self.warnings.append("%s: '%s': requirements are written as a map; read as TOSCA's list" % (self.display, name))
        if isinstance(definition.get("requirements"), list):
            definition["requirements"] = [r for r in definition["requirements"] if r is not None]
        for key in ("properties", "attributes"):
            for prop in [p for p, v in (definition.get(key) or {}).items() if v is None and maps is TYPE_MAPS]:
                # A property definition that states nothing; leave its type to the parent (refinement) or string.
                definition[key][prop] = {}
        for key in ("interfaces", "artifacts"):
            for item in [i for i, v in (definition.get(key) or {}).items() if v is None]:
                del definition[key][item]

    def _capabilities(self, template, name):
        for cap_name, cap in list((template.get("capabilities") or {}).items()):
            if cap is None:
                del template["capabilities"][cap_name]
            elif isinstance(cap, dict):
                for key in ("properties", "attributes"):
                    if key in cap:
                        self._map(cap, key, name)

    def _policies(self, topology):
        value = topology.get("policies")
        if value is None:
            topology.pop("policies", None)
        elif isinstance(value, dict):
            # TOSCA lists policies; a map of names says the same (names are unique in a map).
            topology["policies"] = [{k: v} for k, v in value.items()]
            self.warnings.append("%s: policies are written as a map; read as TOSCA's list" % self.display)
        if isinstance(topology.get("policies"), list):
            kept = []
            for item in topology["policies"]:
                if isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), dict):
                    kept.append(item)
                else:
                    name = next(iter(item), None) if isinstance(item, dict) else None
                    self.problems.append(Problem(self.display, str(name) if name else None,
                                                 "policy has no definition, or is not a single-key map of its name to its definition"))
            topology["policies"] = kept


def _merge_single_key_maps(items):
    merged = {}
    for item in items:
        if not isinstance(item, dict) or len(item) != 1:
            return None
        key, value = next(iter(item.items()))
        if key in merged:
            return None
        merged[key] = value
    return merged


def _policy_items(policies):
    for item in policies or []:
        if isinstance(item, dict):
            for name, policy in item.items():
                if isinstance(policy, dict):
                    yield name, policy


def normalise(files, skip_prefix):
    """Normalise every file of the closure except the bundled ones. Returns (warnings, problems)."""
    warnings, problems = [], []
    for key, source in files.items():
        if key.startswith(skip_prefix) or not isinstance(source.data, dict):
            continue
        fixer = ShapeFixer(source.display)
        fixer.fix(source.data)
        warnings.extend(fixer.warnings)
        problems.extend(fixer.problems)
    return warnings, problems
