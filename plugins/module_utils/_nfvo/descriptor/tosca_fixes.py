# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Targeted fixes for tosca-parser 2.15.0 (pinned in requirements.txt), applied on first use.

1. Since 2.13, NodeTemplate._validate_relationship_occurrences counts a requirement's minimum
   occurrences on every node template, and also appends the substitution mapping's requirements
   into the template's own list while doing so. A VNF node in a VNFD legitimately leaves its
   `virtual_link` requirements dangling (the NSD fulfils them), so valid SOL001 VNFDs fail with
   "wrong number of occurrences". We keep the upper bound check, which catches real mistakes.
2. GreaterThan checks the raw constraint ("0 s") instead of the value it converted from the scalar
   unit, so every `greater_than` on a scalar-unit property fails as "expects comparable values".
3. TOSCA 1.3 property refinements without `type` raise a bare KeyError: the loader fills in the
   type from the parent definition before tosca-parser sees the file (see type_registry.py).
4. SubstitutionMappings._validate_inputs wants an input for every required property of the
   substituted node type, ignoring the substitution mapping's own `properties` (TOSCA 1.3 property
   mappings, and how SOL001 states `flavour_id`). A property that mapping states counts as provided,
   and a topology that declares no inputs at all maps nothing by input (the NFV profile 1.0 VNFDs
   and ONAP NSDs do this): there is nothing to check.
5. SubstitutionMappings._validate_type looks the node type up among custom types only, so a
   substitution for a profile type (tosca.nodes.nfv.VNF of the NFV profile 1.0) is "not a valid type".
"""

from __future__ import annotations

_applied = []


def _requirement_names(requirements):
    names = []
    for item in requirements or []:
        if isinstance(item, dict):
            names.extend(item.keys())
    return names


def _validate_relationship_occurrences(self):
    """Upper bound only: a template may leave requirements for its substitution or the NSD to fill."""
    from toscaparser.common.exception import ExceptionCollector, ValidationError
    names = _requirement_names(self.type_definition.get_value(self.REQUIREMENTS, self.entity_tpl))
    for definition in self.type_definition.get_all_requirements() or []:
        for key, value in definition.items():
            occurrences = value.get("occurrences") if isinstance(value, dict) else None
            if not isinstance(occurrences, list) or len(occurrences) != 2 or occurrences[1] == "UNBOUNDED":
                continue
            count = names.count(key)
            if isinstance(occurrences[1], int) and count > occurrences[1]:
                ExceptionCollector.appendException(ValidationError(
                    message='Relationship "%s" in template "%s" is used %d times, more than its maximum of %d occurrences'
                    % (key, self.name, count, occurrences[1])))


def _greater_than_init(self, property_name, property_type, constraint):
    from toscaparser.common.exception import ExceptionCollector, InvalidSchemaError
    from toscaparser.elements import constraints
    constraints.Constraint.__init__(self, property_name, property_type, constraint)
    # self.constraint_value holds the converted scalar unit; the raw value is a string like "0 s".
    if not isinstance(self.constraint_value, self.valid_types):
        ExceptionCollector.appendException(
            InvalidSchemaError(message='The property "greater_than" expects comparable values.'))


def _validate_substitution_inputs(self):
    """tosca-parser's check, with the properties the mapping itself states counted as provided."""
    from toscaparser.common.exception import ExceptionCollector, MissingDefaultValueError, MissingRequiredInputError
    stated = self.sub_mapping_def.get("properties") if isinstance(self.sub_mapping_def, dict) else None
    provided = set(i.name for i in self.inputs) | set(stated if isinstance(stated, dict) else ())
    what = "SubstitutionMappings with node_type " + str(self.node_type)
    definitions = self.node_definition.get_properties_def_objects()
    required = set(p.name for p in definitions if p.required and p.default is None)
    customised = set(self.sub_mapped_node_template.get_properties().keys()) if self.sub_mapped_node_template else set()
    known = set(self.node_definition.get_properties_def())
    if not self.inputs:
        return
    for name in sorted((required | (customised & known)) - provided):
        ExceptionCollector.appendException(MissingRequiredInputError(what=what, input_name=name))
    for given in self.inputs:
        if given.name not in known and given.default is None:
            ExceptionCollector.appendException(MissingDefaultValueError(what=what, input_name=given.name))


def _validate_substitution_type(self):
    """Custom types, or the normative and profile types tosca-parser itself knows."""
    from toscaparser.common.exception import ExceptionCollector, InvalidNodeTypeError, MissingRequiredFieldError
    from toscaparser.elements.nodetype import NodeType
    node_type = self.sub_mapping_def.get(self.NODE_TYPE)
    if not node_type:
        ExceptionCollector.appendException(MissingRequiredFieldError(
            what="SubstitutionMappings used in topology_template", required=self.NODE_TYPE))
    elif not self.custom_defs.get(node_type) and node_type not in NodeType.TOSCA_DEF:
        ExceptionCollector.appendException(InvalidNodeTypeError(what=node_type))


def apply():
    """Idempotent. Called by the parser before each load, never at import time."""
    if _applied:
        return
    from toscaparser.elements import constraints
    from toscaparser.nodetemplate import NodeTemplate
    from toscaparser.substitution_mappings import SubstitutionMappings
    NodeTemplate._validate_relationship_occurrences = _validate_relationship_occurrences
    SubstitutionMappings._validate_inputs = _validate_substitution_inputs
    SubstitutionMappings._validate_type = _validate_substitution_type
    constraints.GreaterThan.__init__ = _greater_than_init
    _applied.append(True)
