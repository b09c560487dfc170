"""The SOL001 edition of a descriptor: found from the import URL, a file name or what the template states."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.imports import SourceFile
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001 import editions
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

FORGE = "https://forge.etsi.org/rep/nfv/SOL001/raw/v%s/etsi_nfv_sol001_%s_types.yaml"
VNFD = """tosca_definitions_version: tosca_simple_yaml_1_3
imports:
  - COMMON
  - VNFD
topology_template:
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: vdu1
        description: first
        vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 2}
        EXTRA
      capabilities:
        virtual_compute:
          properties:
            virtual_memory: {virtual_mem_size: 512 MiB}
            virtual_cpu: {num_virtual_cpu: 1}
"""


def _vnfd(tmp_path, edition, extra="boot_order: true"):
    text = VNFD.replace("COMMON", FORGE % (edition, "common")).replace("VNFD", FORGE % (edition, "vnfd"), 1).replace("EXTRA", extra)
    path = tmp_path / "vnfd.yaml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("reference,edition", [
    (FORGE % ("4.4.1", "vnfd"), "4.4.1"),
    ("https://forge.etsi.org/rep/nfv/SOL001/raw/v3.3.1/etsi_nfv_sol001_pnfd_types.yaml", "3.3.1"),
    ("etsi_nfv_sol001_vnfd_types_v3_5_1.yaml", "3.5.1"),
    ("types/etsi_nfv_sol001_nsd_4.2.1_types.yaml", "4.2.1"),
    ("etsi_nfv_sol001_vnfd_types.yaml", None),
])
def test_edition_of_an_import(reference, edition):
    assert editions.edition_of_reference(reference) == edition


def test_edition_stated_by_the_template():
    data = {"topology_template": {"node_templates": {"VNF": {"properties": {"vnfm_info": ["etsivnfm:v3.6.1"]}}}}}
    assert editions.stated_edition([SourceFile("vnfd.yaml", "vnfd.yaml", data)]) == ("3.6.1", "stated")


def test_the_newest_import_edition_wins_and_bundled_files_do_not_count():
    own = SourceFile("vnfd.yaml", "vnfd.yaml", {"imports": [FORGE % ("2.6.1", "common"), FORGE % ("3.3.1", "vnfd")]})
    bundled = SourceFile("bundled:v4.5.1/x.yaml", "x", {"imports": [FORGE % ("4.5.1", "vnfd")]})
    assert editions.stated_edition([own, bundled]) == ("3.3.1", "import")


@pytest.mark.parametrize("edition", editions.PUBLISHED)
def test_each_published_edition_loads_and_plans(tmp_path, edition):
    # boot_order is a list of storages up to v2.6.1 and a boolean from v2.7.1 on: each edition's own form.
    old = editions.edition_of_reference("/v%s/" % edition) in ("2.5.1", "2.6.1")
    loaded = load_descriptor(_vnfd(tmp_path, edition, extra="boot_order: []" if old else "boot_order: true"))
    assert [v.id for v in loaded.model.flavours[0].vdus] == ["VDU1"]
    assert build_plan(loaded.model, {})["resources"]
    assert any("written against SOL001 v%s" % edition in w for w in loaded.warnings) == (edition not in editions.EXACT)


@pytest.mark.parametrize("edition", [e for e in editions.PUBLISHED if editions.is_later(e)])
def test_later_editions_fields_warn_instead_of_refusing(tmp_path, edition):
    loaded = load_descriptor(_vnfd(tmp_path, edition, extra="vdu_new_field_of_later_edition: 1"))
    assert any("vdu_new_field_of_later_edition" in w and "later SOL001 edition" in w for w in loaded.warnings)


def test_the_bundled_edition_is_still_strict_on_unknown_fields(tmp_path):
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_vnfd(tmp_path, "2.6.1", extra="vdu_new_field_of_later_edition: 1"))
    assert any(p.node == "VDU1" and "vdu_new_field_of_later_edition" in p.reason for p in caught.value.problems)


def test_unknown_edition_warns(tmp_path):
    loaded = load_descriptor(_vnfd(tmp_path, "9.9.9"))
    assert any("not a published edition" in w for w in loaded.warnings)


def test_pnfd_types_are_bundled(tmp_path):
    text = """tosca_definitions_version: tosca_simple_yaml_1_2
imports:
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_pnfd_types.yaml
topology_template:
  node_templates:
    PNF1:
      type: tosca.nodes.nfv.PNF
      properties: {descriptor_id: p1, function_description: router, provider: p, version: '1', descriptor_invariant_id: i1,
                   name: edge, geographical_location_info: {country_code: FR}}
    PNF1_CP:
      type: tosca.nodes.nfv.PnfExtCp
      properties: {layer_protocols: [ipv4]}
"""
    path = tmp_path / "pnfd.yaml"
    path.write_text(text)
    assert load_descriptor(str(path)).model


NEW_TYPES = """    CONTAINER:
      type: tosca.nodes.nfv.Vdu.OsContainer
      properties: {name: web, requested_cpu_resources: 1000}
  policies:
    - probe:
        type: tosca.policies.nfv.SomeLaterPolicy
        targets: [VDU1]
"""


def test_types_of_a_later_edition_are_read_unchecked(tmp_path):
    path = _vnfd(tmp_path, "4.4.1")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(NEW_TYPES)
    loaded = load_descriptor(path)
    assert [v.id for v in loaded.model.flavours[0].vdus] == ["VDU1"]
    for name in ("tosca.nodes.nfv.Vdu.OsContainer", "tosca.policies.nfv.SomeLaterPolicy"):
        assert any("'%s' is defined nowhere" % name in w for w in loaded.warnings), name


def test_undefined_standard_types_are_errors_in_a_bundled_edition(tmp_path):
    path = _vnfd(tmp_path, "2.7.1")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(NEW_TYPES)
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(path)
    assert sorted(p.node for p in caught.value.problems) == ["CONTAINER", "probe"]
