# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""load_descriptor: a path in, a validated Vnfd or Nsd model out, or one report of every problem."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, replace

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.csar import Limits, open_package
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError, Problem
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import tosca_shapes, type_inference
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001 import editions
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.property_values import (
    EnumerationCheck, check_enumerations, parser_duplicate, reported_values)
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.imports import BUNDLED_PREFIX, ImportResolver, implicit_files_for
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.model import FrozenDict
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.nsd_reader import NsdReader, is_nsd
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.requirement_lookup import resolve_type_requirements
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_access import node_templates, policies, topology_of
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.tosca_validation import stage, validate
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.type_registry import TypeRegistry
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.vnfd_reader import TemplateSet, VnfdReader

PACKAGE_SUFFIXES = (".zip", ".csar", ".yaml", ".yml")


@dataclass(frozen=True)
class LoadedDescriptor:
    model: object  # Vnfd or Nsd
    warnings: tuple


def load_descriptor(path, allow_remote_imports=False, vnf_package_paths=None, limits=Limits()):
    """Load a VNFD or NSD from a YAML file, CSAR directory or CSAR zip. Raises DescriptorError."""
    loaded = _load_one(path, allow_remote_imports, limits)
    if loaded.model.kind != "nsd":
        return loaded
    vnfds, warnings = find_vnf_packages(loaded.model, path, vnf_package_paths, allow_remote_imports, limits)
    return LoadedDescriptor(replace(loaded.model, vnfds=FrozenDict(vnfds)), loaded.warnings + tuple(warnings))


def _load_one(path, allow_remote_imports, limits):
    warnings = []
    with tempfile.TemporaryDirectory(prefix="smartnfvo-") as work:
        package = open_package(path, work, limits)
        warnings.extend(package.warnings)
        resolver = ImportResolver(package, allow_remote_imports)
        files = resolver.resolve()
        warnings.extend(resolver.warnings)
        entry = files[package.entry]
        if not isinstance(entry.data.get("tosca_definitions_version"), str):
            raise DescriptorError([Problem(entry.display, None, "not a TOSCA template: 'tosca_definitions_version' is missing")])
        shape_warnings, problems = tosca_shapes.normalise(files, BUNDLED_PREFIX)
        warnings.extend(shape_warnings)
        if not any(topology_of(f.data) for f in files.values()):
            # TOSCA allows a template of types only; there is nothing to deploy, which the reader says again.
            warnings.append("%s: defines types only (no topology_template); nothing to deploy" % entry.display)
        registry = _registry(files)
        missing = _undefined_types(files, registry)
        implicit = implicit_files_for(missing) if missing else {}
        if implicit:
            resolver.inject(sorted(implicit))
            files = resolver.files
            registry = _registry(files)
            for name, covered in sorted(implicit.items()):
                warnings.append("%s: uses %s without importing their definitions; the bundled %s was imported" % (
                    entry.display, ", ".join(covered[:4]) + (" ..." if len(covered) > 4 else ""), name))
        lookup_warnings, lookup_problems = resolve_type_requirements(files, registry, BUNDLED_PREFIX)
        warnings.extend(lookup_warnings)
        problems.extend(lookup_problems)
        for source in files.values():
            for type_name, kind, prop in registry.fill_refinements(source.data):
                problems.append(Problem(source.display, None, "type '%s' refines %s '%s' without a type, and no parent type defines it" % (
                    type_name, {"properties": "property", "attributes": "attribute"}[kind], prop)))
        enumeration_problems = check_enumerations(files, registry, BUNDLED_PREFIX)
        problems.extend(enumeration_problems)
        enumerated = reported_values(enumeration_problems)
        undefined = _undefined_in_templates(files, registry)
        if undefined and "tosca.nodes.nfv.Vdu.Compute" not in registry.types:
            # Undefined types may be read as SOL001 ones (type_inference): those need the SOL001 types.
            resolver.inject(sorted(n for n in implicit_files_for(type_inference.SOL001_BASES) if n not in
                                   set(k.rsplit("/", 1)[-1].split(":", 1)[-1] for k in files)))
            files = resolver.files
            registry = _registry(files)
            undefined = _undefined_in_templates(files, registry)
        edition, _how = editions.stated_edition(files.values())
        inferred, inferred_nodes = _infer_types(files, registry, undefined, resolver.absent, warnings, editions.is_later(edition))
        problems.extend(p for p, kind in undefined if kind not in inferred)
        if resolver.absent and any(kind not in inferred for _p, kind in undefined):
            problems.extend(resolver.absent)
        else:
            warnings.extend("%s; every type the templates use is defined without it" % p for p in resolver.absent)
        staged_entry, displays, parsed = stage(files, package.entry, os.path.join(work, "stage"))
        reported = set('Type "%s" is not a valid type' % t for _p, t in undefined) | set('ype "%s" is not a valid type' % t for t in inferred)
        # Nodes of a type tosca-parser does not know: what it says of them echoes that, already reported or inferred.
        unchecked = inferred_nodes | set(p.node for p, _kind in undefined)
        if undefined:
            reported.add("parent_req is None")  # tosca-parser's echo of a template whose type it does not know
        if any("refines" in p.reason for p in problems):
            reported.add("KeyError: 'type'")  # tosca-parser's own crash on the refinements reported above
        found, limitations = validate(staged_entry, displays, entry.display, parsed)
        if editions.assessment(edition):
            warnings.append("%s: %s" % (entry.display, editions.assessment(edition)))
        if editions.is_later(edition):
            found = _later_edition_fields(found, files, registry, warnings)
        problems.extend(p for p in found if not any(r in p.reason for r in reported) and not parser_duplicate(p, enumerated)
                        and p.node not in unchecked)
        warnings.extend(limitations)
        templates = TemplateSet(package, files, registry, package.entry)
        reader = NsdReader if is_nsd(templates) else VnfdReader
        try:
            model = reader(templates, problems, warnings).read()
        except (TypeError, AttributeError, ValueError, KeyError, IndexError, RecursionError) as exc:
            if os.environ.get("SMARTNFVO_DEBUG"):
                raise
            if not problems:  # otherwise the reader tripped on what is already reported
                problems.append(Problem(entry.display, _node_in_trace(exc), "descriptor structure not understood: a value has a shape "
                                        "the reader cannot use (%s: %s)" % (type(exc).__name__, exc)))
            model = None
    if problems:
        raise DescriptorError(_unique(_without_unnamed_duplicates(problems)))
    return LoadedDescriptor(model, tuple(warnings))


_PARSER_TARGET = re.compile(r'Target member "([^"]+)" is not found in node_templates')


def _without_unnamed_duplicates(problems):
    """tosca-parser's report of a missing policy target names no policy; drop it when ours names one."""
    named = [p.reason for p in problems if p.node and "policy targets" in p.reason]
    kept = []
    for problem in problems:
        match = _PARSER_TARGET.search(problem.reason)
        if match and any("'%s'" % match.group(1) in reason for reason in named):
            continue
        kept.append(problem)
    return kept


def _node_in_trace(exc):
    """The node template the reader was reading when it failed (its readers name it `name`)."""
    node, trace = None, exc.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_locals.get("name")
        if isinstance(name, str) and trace.tb_frame.f_code.co_filename.endswith("_reader.py"):
            node = name
        trace = trace.tb_next
    return node


def _infer_types(files, registry, undefined, absent, warnings, later_edition):
    """Read undefined node types as the SOL001 type they recognisably are. Returns ({type: base}, node names).

    In a descriptor of a later SOL001 edition than the bundled types, a type in the standard's own namespace
    that nothing defines is taken to be one that edition added: read as its kind's root type, unchecked.
    """
    nodes_by_type, where = {}, {}
    for source in files.values():
        topology = topology_of(source.data)
        for name, item in policies(topology) + list((topology.get("groups") or {}).items()):
            if isinstance(item, dict) and any(kind == item.get("type") for _p, kind in undefined):
                where.setdefault(item["type"], []).append((source.display, str(name)))
    for source in files.values():
        topology = topology_of(source.data)
        for name, node in node_templates(topology).items():
            if any(kind == node.get("type") for _p, kind in undefined):
                nodes_by_type.setdefault(node["type"], []).append(node.get("properties") if isinstance(node.get("properties"), dict) else {})
                where.setdefault(node["type"], []).append((source.display, name))
        subs = topology.get("substitution_mappings")
        kind = subs.get("node_type") if isinstance(subs, dict) else None
        if isinstance(kind, str) and registry.resolve(kind) not in registry.types:
            nodes_by_type.setdefault(kind, [])
            where.setdefault(kind, []).append((source.display, None))
    inferred = type_inference.infer(set(nodes_by_type), nodes_by_type, registry, EnumerationCheck(registry).definitions)
    if later_edition:
        inferred.update(type_inference.later_edition_types(set(where) - set(inferred)))
    why = " (the package leaves out %s)" % ", ".join(sorted(set(p.reason.split("'")[1] for p in absent))[:3]) if absent else ""
    names = set()
    for kind, base in sorted(inferred.items()):
        registry.types[kind] = {"derived_from": base, type_inference.INFERRED: True}
        for display, node in where.get(kind, []):
            names.add(node)
            warnings.append("%s: %stype '%s' is defined nowhere%s; read as %s, with its properties unchecked" % (
                display, "node template '%s': " % node if node else "substitution mapping: ", kind, why, base))
    names.discard(None)
    return inferred, names


_EDITION_FIELD = re.compile(r'(?:"(?:properties|capabilities|requirements)" of template "([^"]+)"|Data value of type "(tosca\.datatypes\.nfv\.[^"]+)") '
                            r'(?:contains unknown field|is missing required field)')


def _later_edition_fields(found, files, registry, warnings):
    """Unknown or missing fields of SOL001 types in a later edition's descriptor: warnings, not problems."""
    bundled = set(name for key, source in files.items() if key.startswith(BUNDLED_PREFIX)
                  for section, types in source.data.items() if section.endswith("_types") and isinstance(types, dict) for name in types)
    nodes = dict((name, node.get("type")) for source in files.values() for name, node in node_templates(topology_of(source.data)).items())
    kept = []
    for problem in found:
        match = _EDITION_FIELD.search(problem.reason)
        node_type = nodes.get(match.group(1)) if match and match.group(1) else None
        if match and (match.group(2) or any(a in bundled for a in registry.ancestry(node_type or ""))):
            warnings.append("%s (a field of a later SOL001 edition than the bundled types; not checked)" % problem)
        else:
            kept.append(problem)
    return kept


def _registry(files):
    registry = TypeRegistry()
    for source in files.values():
        registry.add_template(source.data)
    return registry


def _typed_items(source):
    """(name, type) of the node templates, groups and policies of one file."""
    topology = topology_of(source.data)
    items = list(node_templates(topology).items()) + list((topology.get("groups") or {}).items()) + policies(topology)
    return [(str(name), item["type"]) for name, item in items if isinstance(item, dict) and isinstance(item.get("type"), str)]


def _undefined_types(files, registry):
    """Type names that templates, or the parents of defined types, use but nothing defines."""
    used = set(kind for source in files.values() for _name, kind in _typed_items(source))
    for source in files.values():
        for section in ("node_types", "policy_types", "data_types", "capability_types", "relationship_types", "group_types"):
            for definition in (source.data.get(section) or {}).values():
                if isinstance(definition, dict) and isinstance(definition.get("derived_from"), str):
                    used.add(definition["derived_from"])
    return set(t for t in used if registry.resolve(t) not in registry.types)


def _undefined_in_templates(files, registry):
    """(Problem, type) for every node template, policy or group whose type nothing defines, named by node."""
    return [(Problem(source.display, name, "type '%s' is not defined by any imported file" % kind), kind)
            for source in files.values() for name, kind in _typed_items(source) if registry.resolve(kind) not in registry.types]


def _unique(problems):
    seen, result = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            result.append(problem)
    return result


def find_vnf_packages(nsd, nsd_path, search_paths, allow_remote_imports, limits):
    """VNFDs for the NSD's VNF references, from search_paths or, by default, the NSD package's siblings."""
    wanted = set(v.descriptor_id for v in nsd.vnfs if v.descriptor_id)
    if search_paths is None:
        parent = os.path.dirname(os.path.abspath(nsd_path.rstrip(os.sep)))
        search_paths = [os.path.join(parent, n) for n in sorted(os.listdir(parent))]
    found, warnings, problems = {}, [], []
    nsd_real = os.path.realpath(nsd_path)
    for candidate in _candidates(search_paths):
        if not wanted - set(found) or os.path.realpath(candidate) == nsd_real:
            continue
        try:
            loaded = _load_one(candidate, allow_remote_imports, limits)
        except DescriptorError as exc:
            if _mentions_wanted(candidate, wanted):
                problems.extend(exc.problems)
            continue
        model = loaded.model
        if model.kind == "vnfd" and model.descriptor_id in wanted and model.descriptor_id not in found:
            found[model.descriptor_id] = model
            warnings.extend(loaded.warnings)
    if problems:
        raise DescriptorError(problems)
    for vnf in nsd.vnfs:
        if vnf.descriptor_id and vnf.descriptor_id not in found:
            warnings.append("%s: no VNF package with descriptor_id %s found for VNF '%s'" % (nsd.file, vnf.descriptor_id, vnf.id))
    return found, warnings


def _candidates(paths):
    for path in paths:
        if os.path.isdir(path) and not os.path.isfile(os.path.join(path, "TOSCA-Metadata", "TOSCA.meta")):
            if any(n.lower().endswith((".yaml", ".yml")) for n in os.listdir(path)):
                yield path
            for name in sorted(os.listdir(path)):
                child = os.path.join(path, name)
                if os.path.isfile(child) and name.lower().endswith((".zip", ".csar")):
                    yield child
        elif os.path.isdir(path) or path.lower().endswith(PACKAGE_SUFFIXES):
            yield path


def _mentions_wanted(path, wanted):
    """Report a broken VNF package only when it is one the NSD asks for (cheap text check)."""
    meta = os.path.join(path, "TOSCA-Metadata", "TOSCA.meta") if os.path.isdir(path) else None
    root = os.path.dirname(meta) if meta else None
    if not root or not os.path.isdir(path):
        return False
    for folder, _dirs, names in os.walk(path):
        for name in names:
            if name.lower().endswith((".yaml", ".yml")):
                with open(os.path.join(folder, name), "rb") as handle:
                    text = handle.read(1024 * 1024).decode("utf-8", errors="replace")
                if any(w in text for w in wanted):
                    return True
    return False
