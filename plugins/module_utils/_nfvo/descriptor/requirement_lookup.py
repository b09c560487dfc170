# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requirements fulfilled by a node type rather than a named node template (abstract nested services).

TOSCA lets a requirement name a node type and leaves the orchestrator to pick a template of that type;
tosca-parser raises NotImplementedError on it. Before it sees the template, each such requirement is
resolved: exactly one template of that type in the topology is the target; none (or the root type,
which generators write for "anything") leaves the requirement open for the enclosing service, as
TOSCA allows; several is ambiguous and reported with the candidates.
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem

ROOT_TYPE = "tosca.nodes.Root"


def resolve_type_requirements(files, registry, skip_prefix):
    """Rewrite requirements by node type in place. Returns (warnings, problems)."""
    warnings, problems = [], []
    for key, source in files.items():
        topology = source.data.get("topology_template") if isinstance(source.data, dict) else None
        if key.startswith(skip_prefix) or not isinstance(topology, dict) or not isinstance(topology.get("node_templates"), dict):
            continue
        nodes = topology["node_templates"]
        for name, node in nodes.items():
            if not isinstance(node, dict) or not isinstance(node.get("requirements"), list):
                continue
            kept = []
            for item in node["requirements"]:
                outcome = _resolve_one(item, name, nodes, registry)
                if outcome is None:
                    kept.append(item)
                    continue
                req, target_type, candidates, rewritten = outcome
                if candidates is None:
                    problems.append(Problem(source.display, name, "requirement '%s' names '%s', which is neither a node template "
                                            "of this topology nor a node type" % (req, target_type)))
                elif rewritten is not None:
                    kept.append(rewritten)
                    warnings.append("%s: node template '%s': requirement '%s' names node type '%s'; fulfilled by '%s', "
                                    "its only template" % (source.display, name, req, target_type, candidates[0]))
                elif candidates:
                    problems.append(Problem(source.display, name, "requirement '%s' names node type '%s', which %d templates "
                                            "match (%s); name the one meant" % (req, target_type, len(candidates), ", ".join(candidates))))
                else:
                    what = "the root node type '%s' (any node)" % target_type if registry.resolve(target_type) == ROOT_TYPE else \
                        "node type '%s', which no template of this topology has" % target_type
                    warnings.append("%s: node template '%s': requirement '%s' names %s; left open for the enclosing service" % (
                        source.display, name, req, what))
            node["requirements"] = kept
    return warnings, problems


def _resolve_one(item, name, nodes, registry):
    """None when item needs nothing; else (requirement, type, candidate templates, rewritten item or None)."""
    if not isinstance(item, dict) or len(item) != 1:
        return None
    req, value = next(iter(item.items()))
    target = value.get("node") if isinstance(value, dict) else value
    if not isinstance(target, str) or target in nodes:
        return None
    resolved = registry.resolve(target)
    if resolved not in registry.types:
        return req, target, None, None  # neither a template nor a type
    if resolved == ROOT_TYPE:
        return req, target, [], None
    candidates = sorted(n for n, t in nodes.items() if n != name and isinstance(t, dict) and registry.is_a(t.get("type"), resolved))
    if len(candidates) == 1:
        rewritten = {req: dict(value, node=candidates[0]) if isinstance(value, dict) else candidates[0]}
        return req, target, candidates, rewritten
    return req, target, candidates, None
