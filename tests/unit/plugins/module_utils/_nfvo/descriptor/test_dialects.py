"""Older and neighbouring dialects still in the field: NFV profile 1.0 VNFDs, Open-O NSDs."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from inline_templates import SOL001_HEADER

NFV_1_0 = """tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
topology_template:
  substitution_mappings:
    node_type: tosca.nodes.nfv.VNF
    requirements:
      virtualLink1: [CP1, virtualLink]
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.VDU
      capabilities:
        host:
          properties: {num_cpus: 2, mem_size: 512 MB, disk_size: 1 GB}
    CP1:
      type: tosca.nodes.nfv.CP
      requirements:
        - virtualBinding: VDU1
"""


def _write(tmp_path, text, name="descriptor.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_nfv_profile_substitution_without_flavour_is_one_default_flavour(tmp_path):
    loaded = load_descriptor(_write(tmp_path, NFV_1_0))
    [flavour] = loaded.model.flavours
    assert flavour.flavour_id == "default" and [v.id for v in flavour.vdus] == ["VDU1"]
    assert flavour.vdus[0].virtual_compute.num_virtual_cpu == 2
    assert flavour.external_connections == (("virtualLink1", "CP1", "virtualLink"),)
    assert any("read as one flavour 'default'" in w for w in loaded.warnings)
    assert build_plan(loaded.model, {})["resources"]


def test_sol001_substitution_without_flavour_is_refused(tmp_path):
    text = SOL001_HEADER + """node_types:
  ex.VNF:
    derived_from: tosca.nodes.nfv.VNF
topology_template:
  substitution_mappings:
    node_type: ex.VNF
    properties: {descriptor_id: d1}
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties: {name: v, description: v, vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 1}}
"""
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_write(tmp_path, text))
    assert any("no VNF flavours are available" in p.reason for p in caught.value.problems)


def test_substitution_inputs_are_still_checked_when_the_topology_declares_inputs(tmp_path):
    text = NFV_1_0.replace("topology_template:\n", "topology_template:\n  inputs:\n    flavour: {type: string, default: x}\n", 1)
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_write(tmp_path, text))
    assert sorted(p.reason.rsplit('"', 2)[-2] for p in caught.value.problems if "missing required input" in p.reason) == [
        "id", "vendor", "version"]


# As Open-O packages do: the NS type is defined by the package itself, the VNF named by id.
OPEN_O_NSD = """tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
node_types:
  tosca.nodes.nfv.NS:
    derived_from: tosca.nodes.Root
  ex.VNF.Firewall:
    derived_from: tosca.nodes.nfv.VNF
    properties:
      id: {type: string, required: false, default: firewall-vnfd}
      vendor: {type: string, required: false, default: example}
      version: {type: string, required: false, default: '1.0'}
    requirements:
      - virtualLink: {capability: tosca.capabilities.nfv.VirtualLinkable, occurrences: [0, UNBOUNDED]}
  ex.VL:
    derived_from: tosca.nodes.Root
    capabilities:
      virtual_linkable: {type: tosca.capabilities.nfv.VirtualLinkable}
    properties:
      cidr: {type: string, required: false}
topology_template:
  node_templates:
    NET:
      type: ex.VL
      properties: {cidr: 10.1.0.0/24}
    FW:
      type: ex.VNF.Firewall
      requirements:
        - virtualLink: {node: NET, capability: virtual_linkable}
        - virtualLink: {node: tosca.nodes.Root}
"""


def test_pre_sol001_nsd_names_vnfs_by_id_and_links_by_capability(tmp_path):
    text = OPEN_O_NSD.replace("topology_template:\n", "topology_template:\n  substitution_mappings:\n    node_type: tosca.nodes.nfv.NS\n", 1)
    loaded = load_descriptor(_write(tmp_path, text))
    nsd = loaded.model
    assert nsd.kind == "nsd" and [v.descriptor_id for v in nsd.vnfs] == ["firewall-vnfd"]
    assert [v.id for v in nsd.virtual_links] == ["NET"] and dict(nsd.vnfs[0].virtual_links) == {"virtualLink": "NET"}
    assert any("root node type" in w and "left open" in w for w in loaded.warnings)
