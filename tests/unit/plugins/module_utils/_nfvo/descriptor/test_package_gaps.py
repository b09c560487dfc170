"""Packages that leave things out: type files, the entry, a topology. Read when what is left says enough."""
import zipfile

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import type_inference
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.type_registry import TypeRegistry
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from inline_templates import SOL001_HEADER
from test_csar_safety import META, VNFD


@pytest.fixture(scope="module")
def sol001_registry():
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.imports import _bundled
    registry = TypeRegistry()
    for name in ("etsi_nfv_sol001_common_types.yaml", "etsi_nfv_sol001_vnfd_types.yaml", "etsi_nfv_sol001_nsd_types.yaml"):
        registry.add_template(_bundled(name))
    return registry


@pytest.mark.parametrize("name,base", [
    ("company.sample.VNF", "tosca.nodes.nfv.VNF"),           # a provider's VNF type, its types file left out
    ("tosca.nodes.nfv.VNF.vPCRF", "tosca.nodes.nfv.VNF"),    # dotted derivation
    ("tosca.nodes.nfv.VDU.Compute", "tosca.nodes.nfv.Vdu.Compute"),
    ("tosca.nodes.nfv.VduCpd", "tosca.nodes.nfv.VduCp"),     # IFA011 names the descriptor
    ("tosca.nodes.nfv.VnfVirtualLinkDesc", "tosca.nodes.nfv.VnfVirtualLink"),
    ("example.Firewall", None),
])
def test_types_read_by_name(sol001_registry, name, base):
    assert type_inference.by_name(name, sol001_registry) == base


def test_types_read_by_the_properties_they_set(sol001_registry):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.property_values import EnumerationCheck
    definitions = EnumerationCheck(sol001_registry).definitions
    cp = {"layer_protocols": ["ipv4"], "order": 0}
    assert type_inference.by_properties(cp, sol001_registry, definitions) == "tosca.nodes.nfv.VduCp"
    assert type_inference.by_properties({"colour": "red"}, sol001_registry, definitions) is None


def _write(tmp_path, text, name="vnfd.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


UNKNOWN_VNF = SOL001_HEADER + """topology_template:
  node_templates:
    VNF:
      type: TYPE
      properties: {descriptor_id: d1, descriptor_version: '1', provider: p, product_name: n, software_version: '1',
                   vnfm_info: [etsivnfm:v2.6.1], flavour_id: simple, flavour_description: simple}
    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties: {name: v, description: v, vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 1}}
"""


def test_undefined_vnf_type_is_read_as_a_vnf_with_a_warning(tmp_path):
    loaded = load_descriptor(_write(tmp_path, UNKNOWN_VNF.replace("TYPE", "company.sample.VNF")))
    assert loaded.model.descriptor_id == "d1" and [v.id for v in loaded.model.flavours[0].vdus] == ["VDU1"]
    assert any("'company.sample.VNF' is defined nowhere" in w and "tosca.nodes.nfv.VNF" in w for w in loaded.warnings)


def test_undefined_type_that_is_nothing_known_stays_an_error(tmp_path):
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_write(tmp_path, UNKNOWN_VNF.replace("TYPE", "example.Firewall").replace("descriptor_id: d1,", "colour: red,")))
    assert [(p.node, "not defined" in p.reason) for p in caught.value.problems] == [("VNF", True)]


def test_absent_import_that_nothing_needs_is_a_warning(tmp_path):
    loaded = load_descriptor(_write(tmp_path, VNFD.replace("imports:\n", "imports:\n  - vendor_extras.yaml\n", 1)))
    assert any("vendor_extras.yaml" in w and "defined without it" in w for w in loaded.warnings)


def test_absent_import_whose_types_are_used_is_an_error(tmp_path):
    text = VNFD.replace("imports:\n", "imports:\n  - vendor_types.yaml\n", 1) + "    FW:\n      type: example.Firewall\n"
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_write(tmp_path, text))
    reasons = [p.reason for p in caught.value.problems]
    assert any("vendor_types.yaml" in r and "not found" in r for r in reasons) and any("example.Firewall" in r for r in reasons)


def test_requirement_naming_neither_template_nor_type_is_refused(tmp_path):
    text = VNFD + "    CP1:\n      type: tosca.nodes.nfv.VduCp\n      properties: {layer_protocols: [ipv4]}\n" \
        "      requirements:\n        - virtual_binding: VDU9\n"
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_write(tmp_path, text))
    assert [(p.node, "'VDU9', which is neither a node template" in p.reason) for p in caught.value.problems] == [("CP1", True)]


def test_types_only_template_is_an_empty_plan(tmp_path):
    text = SOL001_HEADER + "node_types:\n  ex.VNF:\n    derived_from: tosca.nodes.nfv.VNF\n"
    loaded = load_descriptor(_write(tmp_path, text))
    assert any("defines types only" in w for w in loaded.warnings)
    assert build_plan(loaded.model, {})["resources"] == []


def test_tosca_1_1_is_a_valid_version(tmp_path):
    assert load_descriptor(_write(tmp_path, VNFD.replace("tosca_simple_yaml_1_2", "tosca_simple_yaml_1_1"))).model


def _zip(tmp_path, members):
    path = tmp_path / "vnf.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return str(path)


def test_empty_entry_definitions_falls_back_to_the_root_template(tmp_path):
    path = _zip(tmp_path, {"TOSCA-Metadata/TOSCA.meta": META, "Definitions/vnfd.yaml": "", "main.yaml": VNFD})
    loaded = load_descriptor(path)
    assert [v.id for v in loaded.model.flavours[0].vdus] == ["VDU1"]
    assert any("is empty" in w and "main.yaml" in w for w in loaded.warnings)


def test_the_only_definitions_template_is_the_entry_without_meta_or_root_yaml(tmp_path):
    loaded = load_descriptor(_zip(tmp_path, {"Definitions/vnfd.yaml": VNFD, "Files/readme.txt": "x"}))
    assert [v.id for v in loaded.model.flavours[0].vdus] == ["VDU1"]
    assert any("is the entry" in w for w in loaded.warnings)


def test_several_definitions_templates_without_meta_are_refused(tmp_path):
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_zip(tmp_path, {"Definitions/a.yaml": VNFD, "Definitions/b.yaml": VNFD}))
    assert "not a CSAR" in caught.value.problems[0].reason
