"""Offline import resolution: forge URLs by edition, bare names a package lacks, types used without imports."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor

from inline_templates import SOL001_HEADER

VDU = """topology_template:
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: VDU1
        description: one VDU
        vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 1}
        BOOT
      capabilities:
        virtual_compute:
          properties:
            virtual_memory: {virtual_mem_size: 512 MiB}
            virtual_cpu: {num_virtual_cpu: 1}
"""


def test_later_editions_get_their_vdu_property_forms(tmp_path):
    v3 = SOL001_HEADER.replace("v2.6.1", "v3.3.1") + VDU.replace("BOOT", "boot_order: true")
    (tmp_path / "v3.yaml").write_text(v3)
    assert load_descriptor(str(tmp_path / "v3.yaml")).model.flavours[0].vdus[0].id == "VDU1"
    v2 = SOL001_HEADER + VDU.replace("BOOT", "boot_order: [VDU1]")
    (tmp_path / "v2.yaml").write_text(v2)
    assert load_descriptor(str(tmp_path / "v2.yaml")).model.flavours[0].vdus[0].id == "VDU1"
    (tmp_path / "mixed.yaml").write_text(SOL001_HEADER + VDU.replace("BOOT", "boot_order: true"))
    with pytest.raises(DescriptorError):
        load_descriptor(str(tmp_path / "mixed.yaml"))


def test_bare_name_missing_from_package_uses_bundled_copy(tmp_path):
    text = "tosca_definitions_version: tosca_simple_yaml_1_2\nimports:\n  - etsi_nfv_sol001_common_types.yaml\n" \
           "  - etsi_nfv_sol001_vnfd_types.yaml\n" + VDU.replace("BOOT", "")
    (tmp_path / "vnfd.yaml").write_text(text)
    loaded = load_descriptor(str(tmp_path / "vnfd.yaml"))
    assert any("using the bundled SOL001 copy" in w for w in loaded.warnings)


def test_sol001_types_used_without_import_are_supplied(tmp_path):
    (tmp_path / "vnfd.yaml").write_text("tosca_definitions_version: tosca_simple_yaml_1_2\n" + VDU.replace("BOOT", ""))
    loaded = load_descriptor(str(tmp_path / "vnfd.yaml"))
    assert any("without importing their definitions" in w for w in loaded.warnings)


def test_tacker_legacy_types_are_supplied(tmp_path):
    (tmp_path / "legacy.yaml").write_text("""tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
topology_template:
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.VDU.Tacker
      properties: {image: cirros, flavor: m1.tiny}
      capabilities:
        nfv_compute:
          properties: {num_cpus: 2, mem_size: 2048 MB, disk_size: 10 GB, cpu_allocation: {cpu_affinity: dedicated}}
    CP1:
      type: tosca.nodes.nfv.CP.Tacker
      properties: {management: true, type: sriov}
      requirements:
        - virtualLink: {node: VL1}
        - virtualBinding: {node: VDU1}
    VL1:
      type: tosca.nodes.nfv.VL
      properties: {network_name: net_mgmt, vendor: Tacker}
""")
    flavour = load_descriptor(str(tmp_path / "legacy.yaml")).model.flavours[0]
    assert flavour.vdus[0].epa.extra_specs == {"hw:cpu_policy": "dedicated"}
    assert flavour.vdus[0].virtual_compute.num_virtual_cpu == 2
    assert (flavour.vdu_cps[0].vnic_type, flavour.vdu_cps[0].management) == ("direct", True)


def test_epa_huge_pages_numa_and_sriov(tmp_path):
    memory = "virtual_memory: {virtual_mem_size: 512 MiB, numa_enabled: true, vdu_mem_requirements: {'hw:mem_page_size': large}}"
    vdu = VDU.replace("BOOT", "").replace("virtual_memory: {virtual_mem_size: 512 MiB}", memory)
    cp = """    CP1:
      type: tosca.nodes.nfv.VduCp
      properties: {layer_protocols: [ipv4], vnic_type: direct}
      requirements:
        - virtual_binding: VDU1
"""
    (tmp_path / "epa.yaml").write_text(SOL001_HEADER + vdu + cp)
    vdu = load_descriptor(str(tmp_path / "epa.yaml")).model.flavours[0].vdus[0]
    assert (vdu.epa.mem_page_size, vdu.epa.numa_nodes, vdu.epa.sriov) == ("large", 1, True)
    assert vdu.epa.extra_specs == {"hw:mem_page_size": "large", "hw:numa_nodes": 1}
