# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Small readers over raw TOSCA dicts: requirements, properties, scalar units, get_input."""

from __future__ import annotations

import math
import re

_SCALAR = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)\s*$")
_DECIMAL = {"b": 1, "kb": 10 ** 3, "mb": 10 ** 6, "gb": 10 ** 9, "tb": 10 ** 12}
_BINARY = {"kib": 2 ** 10, "mib": 2 ** 20, "gib": 2 ** 30, "tib": 2 ** 40}


def size_in(value, unit):
    """Convert a scalar-unit.size to MB or GB (unit 'M' or 'G'), rounding up.

    The unit family of the value decides the base: '4096 MB' is 4096 M and '512 MiB' is 512 M,
    which is how Nova flavors are written from both styles of descriptor.
    """
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return int(math.ceil(value))
    match = _SCALAR.match(str(value))
    if not match:
        return None
    number, suffix = float(match.group(1)), match.group(2).lower()
    if suffix in _BINARY:
        scale = {"M": 2 ** 20, "G": 2 ** 30}[unit]
        return int(math.ceil(number * _BINARY[suffix] / scale))
    if suffix in _DECIMAL:
        scale = {"M": 10 ** 6, "G": 10 ** 9}[unit]
        return int(math.ceil(number * _DECIMAL[suffix] / scale))
    return None


def node_templates(topology):
    nodes = topology.get("node_templates") or {}
    return dict((name, node) for name, node in nodes.items() if isinstance(node, dict))


def policies(topology):
    """Policies as (name, definition); TOSCA allows a list of single-key maps or a map."""
    found = topology.get("policies") or []
    items = found.items() if isinstance(found, dict) else [kv for p in found if isinstance(p, dict) for kv in p.items()]
    return [(name, p) for name, p in items if isinstance(p, dict)]


def topology_of(template):
    return template.get("topology_template") if isinstance(template.get("topology_template"), dict) else {}


def requirements(node):
    """[(name, target node or None, full definition)] of a node template, in order."""
    result = []
    for item in node.get("requirements") or []:
        if not isinstance(item, dict):
            continue
        for name, value in item.items():
            if isinstance(value, dict):
                result.append((name, value.get("node"), value))
            else:
                result.append((name, value, {}))
    return result


def requirement(node, *names):
    for name, target, _definition in requirements(node):
        if name in names and target:
            return target
    return None


def dig(data, *path, default=None):
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return default
    return data


def capability_properties(node, name):
    return dig(node, "capabilities", name, "properties", default={}) or {}


class InputResolver:
    """Resolves get_input against instantiation inputs, then the template's input defaults."""

    def __init__(self, topology, given=None):
        self.inputs = {}
        for name, definition in (topology.get("inputs") or {}).items():
            if isinstance(definition, dict) and "default" in definition:
                self.inputs[name] = definition["default"]
        self.inputs.update(given or {})

    def __call__(self, value, _seen=()):
        if isinstance(value, dict):
            if len(value) == 1 and "get_input" in value:
                key = value["get_input"]
                key = key[0] if isinstance(key, list) and key else key
                if not isinstance(key, str) or key in _seen:
                    return None  # an input whose default refers to itself has no value
                return self(self.inputs.get(key), _seen + (key,))
            return dict((k, self(v, _seen)) for k, v in value.items())
        if isinstance(value, list):
            return [self(v, _seen) for v in value]
        return value


def as_bool(value, default=None):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "yes", "false", "no"):
        return value.lower() in ("true", "yes")
    return default


def as_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
