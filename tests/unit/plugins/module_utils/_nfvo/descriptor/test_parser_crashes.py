"""Constructs on which tosca-parser 2.15.0 crashes (TypeError, AttributeError, NotImplementedError):
each valid one loads with a warning, each invalid one is refused naming the node, never the crash."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from inline_templates import SOL001_HEADER, VDU1 as VDU

CP = """    CP1:
      type: tosca.nodes.nfv.VduCp
      properties: {layer_protocols: [ipv4]}
      requirements:
        - virtual_binding: BINDING
"""

CRASHES = ("TypeError", "AttributeError", "KeyError", "NotImplementedError", "tosca-parser could not")


def _load(tmp_path, text):
    path = tmp_path / "vnfd.yaml"
    path.write_text(SOL001_HEADER + text)
    loaded = load_descriptor(str(path))
    build_plan(loaded.model, {})
    return loaded


def _refused(tmp_path, text):
    path = tmp_path / "vnfd.yaml"
    path.write_text(SOL001_HEADER + text)
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    for problem in caught.value.problems:
        assert not any(crash in problem.reason for crash in CRASHES), problem
    return caught.value.problems


# (construct, template, words the warning must hold; None when the construct needs no warning)
VALID = [
    ("null sections", "topology_template:\n  inputs:\n  node_templates:\n" + VDU + "      artifacts:\n      interfaces:\n"
     "  policies:\n  groups:\n  outputs:\n  substitution_mappings:\n", None),
    ("null interface", "topology_template:\n  node_templates:\n" + VDU + "      interfaces:\n        Standard:\n", None),
    ("null input definition", "topology_template:\n  inputs:\n    flavour:\n  node_templates:\n" + VDU, "input 'flavour'"),
    ("null sections in types", "node_types:\n  ex.Vdu:\n    derived_from: tosca.nodes.nfv.Vdu.Compute\n    properties:\n"
     "    requirements:\n    interfaces:\npolicy_types:\n  ex.Policy:\n    derived_from: tosca.policies.Root\n    properties:\n"
     "    targets:\ntopology_template:\n  node_templates:\n" + VDU.replace("tosca.nodes.nfv.Vdu.Compute", "ex.Vdu")
     + "  policies:\n    - watch: {type: ex.Policy, targets: [VDU1]}\n", None),
    ("properties as a list", "topology_template:\n  node_templates:\n    VDU1:\n      type: tosca.nodes.nfv.Vdu.Compute\n"
     "      properties:\n        - name: vdu1\n        - description: first\n"
     "        - vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 2}\n", "'properties'"),
    ("capabilities as a list", "topology_template:\n  node_templates:\n" + VDU.replace("        virtual_compute:", "        - virtual_compute:")
     .replace("          properties:", "            properties:").replace("            virtual_", "              virtual_"), "'capabilities'"),
    ("artifacts as a list", "topology_template:\n  node_templates:\n" + VDU + "      artifacts:\n        - setup:\n"
     "            type: tosca.artifacts.Implementation.Bash\n            file: setup.sh\n", "'artifacts'"),
    ("groups as a list", "topology_template:\n  node_templates:\n" + VDU
     + "  groups:\n    - together: {type: tosca.groups.nfv.PlacementGroup, members: [VDU1]}\n", "'groups'"),
    ("policies as a map", "topology_template:\n  node_templates:\n" + VDU
     + "  policies:\n    initial:\n      type: tosca.policies.nfv.VduInitialDelta\n"
     "      properties: {initial_delta: {number_of_instances: 1}}\n      targets: [VDU1]\n", "policies are written as a map"),
    ("requirements as a map", "topology_template:\n  node_templates:\n" + VDU
     + CP.replace("        - virtual_binding: BINDING", "        virtual_binding: VDU1"), "requirements are written as a map"),
    ("requirement by node type, one match", "topology_template:\n  node_templates:\n" + VDU
     + CP.replace("BINDING", "tosca.nodes.nfv.Vdu.Compute"), "fulfilled by 'VDU1'"),
    ("requirement by node type, node key", "topology_template:\n  node_templates:\n" + VDU
     + CP.replace("BINDING", "{node: tosca.nodes.nfv.Vdu.Compute}"), "fulfilled by 'VDU1'"),
    ("requirement by the root type", "topology_template:\n  node_templates:\n" + VDU
     + CP.replace("virtual_binding: BINDING", "virtual_link: {node: tosca.nodes.Root}"), "left open"),
]


@pytest.mark.parametrize("construct,template,words", VALID, ids=[v[0] for v in VALID])
def test_valid_construct_loads(tmp_path, construct, template, words):
    loaded = _load(tmp_path, template)
    assert [f.vdus[0].id for f in loaded.model.flavours] == ["VDU1"], construct
    if words:
        assert any(words in w for w in loaded.warnings), loaded.warnings


def test_requirement_by_type_with_several_matches_names_them(tmp_path):
    second = VDU.replace("VDU1:", "VDU2:").replace("name: VDU1", "name: VDU2")
    problems = _refused(tmp_path, "topology_template:\n  node_templates:\n" + VDU + second
                        + CP.replace("BINDING", "tosca.nodes.nfv.Vdu.Compute"))
    assert [(p.node, "VDU1, VDU2" in p.reason) for p in problems] == [("CP1", True)]


@pytest.mark.parametrize("section", ["properties", "capabilities"])
def test_a_list_that_is_no_map_is_refused_by_node(tmp_path, section):
    text = "topology_template:\n  node_templates:\n    VDU1:\n      type: tosca.nodes.nfv.Vdu.Compute\n      %s: [a, b]\n" % section
    problems = _refused(tmp_path, text)
    assert any(p.node == "VDU1" and "'%s' must be a map" % section in p.reason for p in problems)


def test_node_template_without_definition_is_refused(tmp_path):
    problems = _refused(tmp_path, "topology_template:\n  node_templates:\n" + VDU + "    VDU2:\n")
    assert [(p.node, p.reason) for p in problems] == [("VDU2", "node template has no definition (a type is required)")]


NS_TYPE = """node_types:
  ex.NS:
    derived_from: tosca.nodes.Root
    properties:
      descriptor_id: {type: string}
      designer: {type: string}
"""


def test_substitution_mapping_properties_count_as_inputs(tmp_path):
    # TOSCA 1.3 property mappings: the mapping itself states the values tosca-parser wants as inputs.
    text = NS_TYPE + """topology_template:
  substitution_mappings:
    node_type: ex.NS
    properties: {descriptor_id: ns1, designer: me}
  node_templates:
""" + VDU
    assert _load(tmp_path, text).model


def test_substitution_mapping_missing_a_required_property_is_refused(tmp_path):
    text = NS_TYPE + """topology_template:
  inputs:
    descriptor_id: {type: string}
  substitution_mappings:
    node_type: ex.NS
  node_templates:
""" + VDU
    # The topology maps by inputs, and has none for a required property nor does the mapping state it.
    assert any("designer" in p.reason for p in _refused(tmp_path, text))


def test_a_parser_crash_is_a_warning_naming_node_and_construct(tmp_path, monkeypatch):
    from toscaparser.nodetemplate import NodeTemplate

    def _validate_capabilities(self):  # named as the method it stands for: the warning names the construct from it
        raise TypeError("argument of type 'bool' is not iterable")
    monkeypatch.setattr(NodeTemplate, "_validate_capabilities", _validate_capabilities)
    loaded = _load(tmp_path, "topology_template:\n  node_templates:\n" + VDU)
    [warning] = [w for w in loaded.warnings if "parser limitation" in w]
    assert "node template 'VDU1'" in warning and "capabilities" in warning and "TypeError" in warning
