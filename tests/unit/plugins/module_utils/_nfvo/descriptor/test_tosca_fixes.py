"""The three tosca-parser 2.15.0 bugs we work around, each shown on a small template."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor

from inline_templates import SOL001_HEADER

VNF_TYPE = """node_types:
  example.VNF:
    derived_from: tosca.nodes.nfv.VNF
    properties:
      descriptor_id: {type: string, default: d1}
      descriptor_version: {type: string, default: '1.0'}
      provider: {type: string, default: example}
      product_name: {type: string, default: example}
      software_version: {type: string, default: '1.0'}
      vnfm_info: {type: list, entry_schema: {type: string}, default: [example]}
      flavour_id: {type: string, default: simple}
      flavour_description: {type: string, default: ''}
    requirements:
      - virtual_link:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]
"""


def _write(tmp_path, text):
    path = tmp_path / "vnfd.yaml"
    path.write_text(SOL001_HEADER + text)
    return str(path)


def test_dangling_vnf_requirement_is_accepted(tmp_path):
    # 2.13+ counts a requirement's minimum on every template: a VNF node leaves virtual_link to the NSD.
    path = _write(tmp_path, VNF_TYPE + """topology_template:
  node_templates:
    VNF:
      type: example.VNF
      properties: {flavour_description: simple}
""")
    assert load_descriptor(path).model.descriptor_id == "d1"


def test_requirement_above_its_maximum_is_still_an_error(tmp_path):
    path = _write(tmp_path, VNF_TYPE + """topology_template:
  node_templates:
    VNF:
      type: example.VNF
      properties: {flavour_description: simple}
      requirements:
        - virtual_link: VL1
        - virtual_link: VL2
    VL1: {type: tosca.nodes.nfv.VnfVirtualLink, properties: {connectivity_type: {layer_protocols: [ipv4]}, vl_profile: {}}}
    VL2: {type: tosca.nodes.nfv.VnfVirtualLink, properties: {connectivity_type: {layer_protocols: [ipv4]}, vl_profile: {}}}
""")
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(path)
    assert any("more than its maximum" in p.reason for p in caught.value.problems)


def test_greater_than_on_scalar_units(tmp_path):
    template = """data_types:
  example.Latency:
    derived_from: tosca.datatypes.Root
    properties:
      latency: {type: scalar-unit.time, constraints: [{greater_than: 0 s}]}
node_types:
  example.Probe:
    derived_from: tosca.nodes.Root
    properties:
      budget: {type: example.Latency}
topology_template:
  node_templates:
    probe: {type: example.Probe, properties: {budget: {latency: LATENCY}}}
"""
    assert load_descriptor(_write(tmp_path, template.replace("LATENCY", "5 ms"))).model
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_write(tmp_path, template.replace("LATENCY", "0 s")))
    assert any("greater than" in p.reason for p in caught.value.problems)


def test_property_refinement_without_type(tmp_path):
    # TOSCA 1.3 lets a derived type refine a property (here its default) without repeating its type.
    path = _write(tmp_path, VNF_TYPE + """  example.SmallVNF:
    derived_from: example.VNF
    properties:
      flavour_id: {default: small}
topology_template:
  node_templates:
    VNF:
      type: example.SmallVNF
      properties: {flavour_description: small}
""")
    assert load_descriptor(path).model.descriptor_id == "d1"
    broken = _write(tmp_path, VNF_TYPE + """  example.Odd:
    derived_from: example.VNF
    properties:
      colour: {default: blue}
topology_template:
  node_templates:
    VNF: {type: example.Odd, properties: {flavour_description: odd}}
""")
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(broken)
    assert any("refines property 'colour' without a type" in p.reason for p in caught.value.problems)
