# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run tosca-parser on a staged copy of the import closure and turn its report into Problems."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import pickle
import re
import threading

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import tosca_fixes
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import Problem

try:
    import yaml
except ImportError:  # the module edge reports the missing library (missing_required_lib)
    yaml = None

_Dumper = getattr(yaml, "CSafeDumper", None) or getattr(yaml, "SafeDumper", None)

_NODE_PATTERNS = (
    re.compile(r'(?:node template|template|Node template|node|Template|policy|group)\s+"([^"]+)"'),
    re.compile(r"(?:node template|template|node)\s+'([^']+)'"),
)


# OASIS versions tosca-parser does not list, staged as the one that supersets them (1.2 only adds to 1.1).
_STAGED_VERSIONS = {"tosca_simple_yaml_1_1": "tosca_simple_yaml_1_2"}

# tosca-parser keeps its findings in a process-wide collector: one validation at a time.
_LOCK = threading.Lock()


def stage(files, entry_key, directory):
    """Write every file of the closure flat into directory, imports rewritten to absolute paths.

    Returns the staged entry, staged path -> display name, and staged path -> pickled template, from
    which tosca-parser is served: it re-reads each import once per nested template, and unpickling
    is some forty times cheaper than parsing the YAML again.
    """
    os.makedirs(directory, exist_ok=True)
    names, parsed = {}, {}
    for index, key in enumerate(files):
        base = os.path.basename(key.split(":", 1)[-1]) or "template.yaml"
        names[key] = os.path.join(directory, "%03d-%s" % (index, base))
    for key, source in files.items():
        data = dict(source.data)
        if data.get("tosca_definitions_version") in _STAGED_VERSIONS:
            data["tosca_definitions_version"] = _STAGED_VERSIONS[data["tosca_definitions_version"]]
        if data.get("imports"):
            # Only resolved imports are staged: an absent one is the loader's to report.
            imports = list(data["imports"])
            data["imports"] = [_rewrite_import(imports[position], names[target]) for position, target in source.imports]
        with open(names[key], "w", encoding="utf-8") as handle:
            yaml.dump(data, handle, Dumper=_Dumper, default_flow_style=False, allow_unicode=True)
        parsed[names[key]] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    return names[entry_key], {path: files[key].display for key, path in names.items()}, parsed


def _rewrite_import(entry, path):
    if isinstance(entry, str):
        return path
    if isinstance(entry, dict) and "file" in entry:
        return dict((k, v) for k, v in entry.items() if k != "repository") | {"file": path}
    if isinstance(entry, dict) and len(entry) == 1:
        name, value = next(iter(entry.items()))
        if isinstance(value, dict):
            return {name: dict((k, v) for k, v in value.items() if k != "repository") | {"file": path}}
        return {name: path}
    return path


@contextlib.contextmanager
def _served_from(parsed):
    """tosca-parser reads staged templates from memory (fresh copies, as it may change what it reads)."""
    from toscaparser import imports, tosca_template
    original = imports.YAML_LOADER

    def load(path, a_file=True):
        if path in parsed:
            return pickle.loads(parsed[path])
        return original(path, a_file)
    imports.YAML_LOADER = tosca_template.YAML_LOADER = load
    try:
        yield
    finally:
        imports.YAML_LOADER = tosca_template.YAML_LOADER = original


def validate(staged_entry, displays, entry_display, parsed=None):
    """(problems, warnings) tosca-parser finds in the staged entry template; no problems when it accepts it.

    A crash inside tosca-parser (any exception but its ValidationError) is its limitation, not the
    descriptor's fault: what it collected before the crash is still reported, and the crash itself
    becomes a warning naming the node and the construct it was reading.
    """
    tosca_fixes.apply()
    from toscaparser.common.exception import ExceptionCollector, ValidationError
    from toscaparser.tosca_template import ToscaTemplate

    logging.getLogger("tosca").addHandler(logging.NullHandler())
    logging.getLogger("tosca").propagate = False
    sink = io.StringIO()
    try:
        with _LOCK, _served_from(parsed or {}), contextlib.redirect_stdout(sink):
            ToscaTemplate(staged_entry, parsed_params=None, a_file=True)
    except ValidationError as exc:
        # The collector still holds every exception; full=False leaves out tosca-parser's tracebacks.
        report = ExceptionCollector.getExceptionsReport(False) if ExceptionCollector.exceptions else [str(exc)]
        return _problems_from_report(report, displays, entry_display), []
    except Exception as exc:  # tosca-parser bugs surface as arbitrary exceptions
        report = ExceptionCollector.getExceptionsReport(False) if ExceptionCollector.exceptions else []
        return _problems_from_report(report, displays, entry_display), [parser_limitation(exc, displays, entry_display)]
    return [], []


def parser_limitation(exc, displays, entry_display):
    """Name the node template (or policy, group, input) and the construct tosca-parser was reading when it crashed."""
    node, construct = None, None
    trace = exc.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        owner = frame.f_locals.get("self")
        name = getattr(owner, "name", None)
        if isinstance(name, str) and type(owner).__module__.startswith("toscaparser"):
            node = "%s '%s'" % (_KINDS.get(type(owner).__name__, type(owner).__name__), name)
        construct = next((c for c in _CONSTRUCTS if c in frame.f_code.co_name), construct)
        trace = trace.tb_next
    where = "%s: %s" % (entry_display, node) if node else entry_display
    return "%s: tosca-parser cannot read its %s (%s: %s); this is a parser limitation, so that part is checked by SmartNFVO's own reader only" % (
        where, construct or "definition", type(exc).__name__, _clean(str(exc), displays))


_KINDS = {"NodeTemplate": "node template", "Policy": "policy", "Group": "group", "Input": "input", "Output": "output",
          "SubstitutionMappings": "substitution mapping", "RelationshipTemplate": "relationship template",
          "TopologyTemplate": "topology", "DataEntity": "data value", "Property": "property", "Capability": "capability"}
# tosca-parser's method names say which part of a template it was validating.
_CONSTRUCTS = ("properties", "capabilities", "requirements", "relationship", "interfaces", "artifacts", "policies", "policy",
               "groups", "inputs", "outputs", "substitution", "datatype", "constraints", "triggers", "targets", "imports")


def _clean(text, displays):
    for staged, display in displays.items():
        text = text.replace(staged, display)
    return " ".join(text.split())


def _problems_from_report(report, displays, entry_display):
    lines = [line.strip() for entry in report for line in entry.splitlines()]
    details = [line for line in lines if line and not line.startswith("The input ") and "failed validation" not in line]
    problems = []
    for line in details:
        text = _clean(line, displays)
        node = None
        for pattern in _NODE_PATTERNS:
            match = pattern.search(text)
            if match:
                node = match.group(1)
                break
        file_name = entry_display
        for staged, display in displays.items():
            if os.path.basename(staged) in line or display in text:
                file_name = display
                break
        problems.append(Problem(file_name, node, text))
    return problems
