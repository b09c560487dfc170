# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""YAML loading for untrusted descriptors: safe constructors, size cap, alias-bomb guard."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError, Problem

try:
    import yaml
except ImportError:  # the module edge reports the missing library (missing_required_lib)
    yaml = None

# libyaml's loader when PyYAML was built with it: several times faster on large type files.
_Loader = getattr(yaml, "CSafeLoader", None) or getattr(yaml, "SafeLoader", None)

MAX_YAML_BYTES = 16 * 1024 * 1024
# Nodes after expanding every alias. Real SOL001 type files have a few thousand.
MAX_EXPANDED_NODES = 2_000_000


def _expanded_size(root, limit):
    """Count nodes as if every alias were copied out, without copying anything."""
    sizes = {}
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        children = []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                children.extend((k, v))
        if not children_done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        sizes[key] = total
        if total > limit:
            return total
    return sizes.get(id(root), 0)


def load_yaml(text, source, max_bytes=MAX_YAML_BYTES, max_nodes=MAX_EXPANDED_NODES):
    """Parse one YAML document from text (str or bytes). Raise DescriptorError naming source."""
    if isinstance(text, bytes):
        if len(text) > max_bytes:
            raise DescriptorError([Problem(source, None, "YAML file is %d bytes, over the %d byte limit" % (len(text), max_bytes))])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DescriptorError([Problem(source, None, "not UTF-8 text: %s" % exc)])
    elif len(text) > max_bytes:
        raise DescriptorError([Problem(source, None, "YAML file is over the %d byte limit" % max_bytes)])
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, max_nodes)
        if size > max_nodes:
            raise DescriptorError([Problem(source, None, "YAML expands to more than %d nodes through aliases (a YAML bomb?); refused" % max_nodes)])
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise DescriptorError([Problem(source, None, "YAML syntax error: %s" % " ".join(str(exc).split()))])
    finally:
        loader.dispose()


def load_yaml_file(path, source=None):
    with open(path, "rb") as handle:
        data = handle.read(MAX_YAML_BYTES + 1)
    return load_yaml(data, source or path)
