# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property values their type rules out, named by node template and property path: a value outside the
type's valid_values, or a data type, list or map value of another shape (a list where a map is due).

tosca-parser checks both too, but names neither the node nor the path, and checks nothing in a template
it stopped reading; this walks every node template, capability and policy of every topology (SOL001 and
the legacy profiles alike), through data types, lists and maps.
"""

from __future__ import annotations

import re

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_access import InputResolver, node_templates, policies, topology_of

# tosca-parser's own wording for the same finding; dropped when the value was reported here with its node.
PARSER_MESSAGE = re.compile(r'The value "(.*)" of property "[^"]*" is not valid\. Expected a value from')
PARSER_SHAPE = re.compile(r'(.*) must be of type "([^"]+)"\.?$')
PARSER_SCALAR = re.compile(r'"(.*)" is not an? (?:integer|float|boolean|string)')
_MAX_DEPTH = 12


class EnumerationCheck:
    def __init__(self, registry):
        self.registry = registry
        self.problems = []
        self._merged = {}

    def definitions(self, type_name, section="properties"):
        """Property definitions over the type's ancestry, nearest first wins (cached: types repeat across nodes)."""
        if (type_name, section) not in self._merged:
            self._merged[(type_name, section)] = self._definitions(type_name, section)
        return self._merged[(type_name, section)]

    def _definitions(self, type_name, section):
        merged = {}
        for ancestor in reversed(self.registry.ancestry(type_name)):
            for name, definition in ((self.registry.types.get(ancestor) or {}).get(section) or {}).items():
                if isinstance(definition, dict):
                    merged[name] = dict(merged.get(name) or {}, **definition)
        return merged

    def capability_types(self, type_name):
        found = {}
        for ancestor in reversed(self.registry.ancestry(type_name)):
            for name, definition in ((self.registry.types.get(ancestor) or {}).get("capabilities") or {}).items():
                cap_type = definition.get("type") if isinstance(definition, dict) else definition
                if isinstance(cap_type, str):
                    found[name] = cap_type
        return found

    def check_values(self, display, node, values, definitions, path, resolve):
        for name, value in (values or {}).items():
            if name in definitions:
                self.check(display, node, resolve(value), definitions[name], "%s.%s" % (path, name) if path else name, resolve, 0)

    def check(self, display, node, value, definition, path, resolve, depth):
        if value is None or depth > _MAX_DEPTH or _is_function(value):
            return
        allowed = _valid_values(definition)
        if allowed is not None and not _among(value, allowed):
            self.problems.append(Problem(display, node, "property '%s' is '%s', not one of the values its type allows (%s)" % (
                path, value, ", ".join(str(a) for a in allowed))))
            return
        kind = definition.get("type")
        if kind in _SCALARS and isinstance(value, (list, dict)):
            self.problems.append(Problem(display, node, "property '%s' must be %s, not %s '%s'" % (
                path, _SCALARS[kind], "the " + ("list" if isinstance(value, list) else "map"), value)))
            return
        wanted = self.shape_of(kind)
        if wanted and not isinstance(value, wanted[0]):
            self.problems.append(Problem(display, node, "property '%s' must be %s (%s), not %s" % (
                path, wanted[1], kind, _shape_name(value))))
            return
        schema = definition.get("entry_schema")
        schema = {"type": schema} if isinstance(schema, str) else schema
        if kind == "list" and isinstance(value, list) and isinstance(schema, dict):
            for index, item in enumerate(value):
                self.check(display, node, item, schema, "%s[%d]" % (path, index), resolve, depth + 1)
        elif kind == "map" and isinstance(value, dict) and isinstance(schema, dict):
            for key, item in value.items():
                self.check(display, node, item, schema, "%s.%s" % (path, key), resolve, depth + 1)
        elif isinstance(kind, str) and isinstance(value, dict) and self.registry.resolve(kind) in self.registry.types:
            fields = self.definitions(kind)
            for key, item in value.items():
                if key in fields:
                    self.check(display, node, item, fields[key], "%s.%s" % (path, key), resolve, depth + 1)

    def shape_of(self, kind):
        """(python types, words) a value of this TOSCA type must have, for lists, maps and complex data types."""
        if kind == "list":
            return (list,), "a list"
        if kind == "map":
            return (dict,), "a map"
        if isinstance(kind, str) and kind.startswith("tosca.datatypes.") and self.registry.resolve(kind) in self.registry.types:
            ancestry = self.registry.ancestry(kind)
            # Data types derived from a simple type (string, scalar units) hold that value, not a map.
            if "tosca.datatypes.Root" in ancestry and not any(a in _SIMPLE or a.startswith("scalar-unit") for a in ancestry):
                return (dict,), "a map of its fields"
        return None


_SCALARS = {"string": "a string", "integer": "an integer", "float": "a number", "boolean": "a boolean"}
_SIMPLE = ("string", "integer", "float", "boolean", "timestamp", "version", "range", "list", "map",
           "tosca.datatypes.json", "tosca.datatypes.xml")


def _shape_name(value):
    return "a list" if isinstance(value, list) else "a map" if isinstance(value, dict) else "the value '%s'" % (value,)


def check_enumerations(files, registry, skip_prefix):
    """Problems for every property value outside its type's valid_values, in every non-bundled topology."""
    check = EnumerationCheck(registry)
    for key, source in files.items():
        topology = topology_of(source.data) if isinstance(source.data, dict) else {}
        if key.startswith(skip_prefix) or not topology:
            continue
        resolve = InputResolver(topology)
        for name, node in node_templates(topology).items():
            node_type = node.get("type")
            if not isinstance(node_type, str):
                continue
            check.check_values(source.display, name, _map(node.get("properties")), check.definitions(node_type), "", resolve)
            cap_types = check.capability_types(node_type)
            for cap_name, cap in _map(node.get("capabilities")).items():
                if cap_name in cap_types and isinstance(cap, dict):
                    check.check_values(source.display, name, _map(cap.get("properties")), check.definitions(cap_types[cap_name]),
                                       "%s.properties" % cap_name, resolve)
        for name, policy in policies(topology):
            if isinstance(policy.get("type"), str):
                check.check_values(source.display, name, _map(policy.get("properties")), check.definitions(policy["type"]), "", resolve)
    return check.problems


def reported_values(problems):
    """The values and types check_enumerations reported, to drop tosca-parser's unnamed reports of the same."""
    values = set(p.reason.split("' is '", 1)[1].split("', not one of", 1)[0] for p in problems if "', not one of the values" in p.reason)
    shapes = set(p.reason.rsplit(" (", 1)[1].split(")", 1)[0] for p in problems if "' must be " in p.reason and " (" in p.reason)
    scalars = set(p.reason.rsplit(" '", 1)[1].rstrip("'") for p in problems if "' must be a" in p.reason and " (" not in p.reason)
    return values | shapes | scalars


def parser_duplicate(problem, reported):
    """tosca-parser's unnamed report of what check_enumerations named (a value, or a value's type)."""
    for pattern, group in ((PARSER_MESSAGE, 1), (PARSER_SHAPE, 2), (PARSER_SCALAR, 1)):
        match = pattern.search(problem.reason)
        if match and match.group(group) in reported:
            return True
    return False


def _map(value):
    return value if isinstance(value, dict) else {}


def _is_function(value):
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in (
        "get_input", "get_property", "get_attribute", "get_artifact", "get_operation_output", "concat", "token")


def _valid_values(definition):
    for constraint in definition.get("constraints") or []:
        if isinstance(constraint, dict) and isinstance(constraint.get("valid_values"), list):
            return constraint["valid_values"]
    return None


def _among(value, allowed):
    if isinstance(value, (dict, list)):
        return True  # not a scalar: its type's own checks apply, not an enumeration
    return value in allowed or str(value) in [str(a) for a in allowed]
