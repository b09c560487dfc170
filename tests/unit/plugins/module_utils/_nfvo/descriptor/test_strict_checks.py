"""Strict where SOL001 is strict: each invalid construct is refused naming the node (or policy) and the reason."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor

from inline_templates import SOL001_HEADER, VDU1 as VDU

CP = """    CP1:
      type: tosca.nodes.nfv.VduCp
      properties: {layer_protocols: [ipv4], role: ROLE}
      requirements:
        - virtual_binding: VDU1
        - virtual_link: VL1
    VL1:
      type: tosca.nodes.nfv.VnfVirtualLink
      properties:
        connectivity_type: {layer_protocols: [ipv4]}
        vl_profile:
          max_bitrate_requirements: {root: 1000}
          min_bitrate_requirements: {root: 1000}
          virtual_link_protocol_data:
            - associated_layer_protocol: ipv4
              l3_protocol_data: {ip_version: IP_VERSION, cidr: 10.0.0.0/24}
"""
IMAGE = """      artifacts:
        sw_image:
          type: tosca.artifacts.nfv.SwImage
          file: image.qcow2
"""
IMAGE_DATA = """        sw_image_data:
          name: image
          version: '1.0'
          checksum: {algorithm: sha-256, hash: '0123'}
          container_format: bare
          disk_format: qcow2
          min_disk: 1 GB
          size: 1 GB
"""
SCALING = """  policies:
    - scaling_aspects:
        type: tosca.policies.nfv.ScalingAspects
        properties:
          aspects:
            workers: {name: workers, description: more, max_scale_level: 2, step_deltas: [STEP]}
    - deltas:
        type: tosca.policies.nfv.VduScalingAspectDeltas
        properties: {aspect: workers, deltas: {delta_1: {number_of_instances: 1}}}
        targets: [TARGET]
    - levels:
        type: tosca.policies.nfv.InstantiationLevels
        properties:
          levels:
            small: {description: small, scale_info: {ASPECT: {scale_level: LEVEL}}}
          default_level: small
"""


def _path(tmp_path, text):
    path = tmp_path / "vnfd.yaml"
    path.write_text(SOL001_HEADER + "topology_template:\n" + text)
    return str(path)


def _problems(tmp_path, text):
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_path(tmp_path, text))
    return [(p.node, p.reason) for p in caught.value.problems]


def _cp(role="root", ip_version="ipv4"):
    return CP.replace("ROLE", role).replace("IP_VERSION", ip_version)


# -- software images ----------------------------------------------------------------------------
def test_sw_image_artifact_without_image_data_is_refused(tmp_path):
    [(node, reason)] = _problems(tmp_path, "  node_templates:\n" + VDU + IMAGE)
    assert node == "VDU1" and "sw_image" in reason and "image data" in reason


def test_sw_image_artifact_with_sw_image_data_loads(tmp_path):
    text = "  node_templates:\n" + VDU.replace("        vdu_profile:", IMAGE_DATA + "        vdu_profile:") + IMAGE
    vdu = load_descriptor(_path(tmp_path, text)).model.flavours[0].vdus[0]
    assert vdu.sw_image.name == "image" and vdu.sw_image.artifact == "image.qcow2"


def test_image_data_as_artifact_properties_loads(tmp_path):
    # SOL001 v3 and later: the image data are the SwImage artifact's properties.
    properties = "          properties:\n" + "\n".join("  " + line for line in IMAGE_DATA.splitlines()[1:]) + "\n"
    vdu = load_descriptor(_path(tmp_path, "  node_templates:\n" + VDU + IMAGE + properties)).model.flavours[0].vdus[0]
    assert vdu.sw_image.name == "image" and vdu.sw_image.min_disk_gb == 1


# -- enumerations -------------------------------------------------------------------------------
@pytest.mark.parametrize("role,ip_version,node,path,value", [
    ("king", "ipv4", "CP1", "role", "king"),
    ("root", "ipv5", "VL1", "vl_profile.virtual_link_protocol_data[0].l3_protocol_data.ip_version", "ipv5"),
])
def test_value_outside_enumeration_names_node_and_path(tmp_path, role, ip_version, node, path, value):
    problems = _problems(tmp_path, "  node_templates:\n" + VDU + _cp(role, ip_version))
    assert problems == [(node, "property '%s' is '%s', not one of the values its type allows (%s)" % (
        path, value, "root, leaf" if path == "role" else "ipv4, ipv6"))]


@pytest.mark.parametrize("cp_type,policy,node,value", [("sriov", "sideways", "placement", "sideways"),
                                                       ("bogus", "affinity", "CP1", "bogus")])
def test_legacy_profile_enumerations(tmp_path, cp_type, policy, node, value):
    text = """tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
topology_template:
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.VDU.Tacker
      properties: {image: cirros}
    CP1:
      type: tosca.nodes.nfv.CP.Tacker
      properties: {type: CP_TYPE}
      requirements:
        - virtualBinding: {node: VDU1}
  policies:
    - placement:
        type: tosca.policies.tacker.Placement
        properties: {policy: POLICY}
        targets: [VDU1]
""".replace("CP_TYPE", cp_type).replace("POLICY", policy)
    path = tmp_path / "legacy.yaml"
    path.write_text(text)
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    assert [(p.node, "'%s', not one of" % value in p.reason) for p in caught.value.problems] == [(node, True)]


# -- substitution mappings ----------------------------------------------------------------------
SUBSTITUTION = """  substitution_mappings:
    node_type: tosca.nodes.nfv.VNF
    properties: {flavour_id: simple, descriptor_id: d1, descriptor_version: '1', provider: p, product_name: n,
                 software_version: '1', vnfm_info: [etsivnfm:v2.6.1], flavour_description: simple}
    MAPPINGS
  node_templates:
"""


@pytest.mark.parametrize("mappings,node,words", [
    ("requirements: {virtual_link: [CP1, virtual_linkage]}", "CP1", "requirement 'virtual_linkage'"),
    ("capabilities: {virtual_linkable: [VL9, virtual_linkable]}", None, "node 'VL9', which this topology does not define"),
    ("capabilities: {virtual_linkable: [VL1, linkable]}", "VL1", "capability 'linkable'"),
])
def test_substitution_mapping_to_what_does_not_exist_is_refused(tmp_path, mappings, node, words):
    problems = _problems(tmp_path, SUBSTITUTION.replace("MAPPINGS", mappings) + VDU + _cp())
    assert [(n, words in r) for n, r in problems] == [(node, True)], problems


def test_substitution_requirement_to_an_absent_node_warns(tmp_path):
    loaded = load_descriptor(_path(tmp_path, SUBSTITUTION.replace("MAPPINGS", "requirements: {virtual_link: [CP9, virtual_link]}") + VDU + _cp()))
    assert any("'CP9'" in w and "unconnected" in w for w in loaded.warnings)


def test_substitution_mapping_to_what_exists_loads(tmp_path):
    text = SUBSTITUTION.replace("MAPPINGS", "requirements: {virtual_link: [CP1, virtual_link]}") + VDU + _cp()
    assert load_descriptor(_path(tmp_path, text)).model.flavours[0].external_connections == (("virtual_link", "CP1", "virtual_link"),)


# -- scaling aspects and instantiation levels ---------------------------------------------------
def _scaling(step="delta_1", target="VDU1", aspect="workers", level="1"):
    return "  node_templates:\n" + VDU + SCALING.replace("STEP", step).replace("TARGET", target).replace(
        "ASPECT", aspect).replace("LEVEL", level)


def test_consistent_scaling_loads(tmp_path):
    flavour = load_descriptor(_path(tmp_path, _scaling())).model.flavours[0]
    assert [a.id for a in flavour.scaling_aspects] == ["workers"] and flavour.default_instantiation_level == "small"


@pytest.mark.parametrize("change,node,words", [
    ({"aspect": "drones"}, None, "scales aspect 'drones', which no ScalingAspects policy defines"),
    ({"level": "3"}, None, "scale level 3, above its max_scale_level 2"),
    ({"step": "delta_9"}, None, "steps by 'delta_9'"),
    ({"target": "VDU9"}, "deltas", "targets 'VDU9'"),
])
def test_scaling_reference_to_what_is_not_defined_is_refused(tmp_path, change, node, words):
    problems = _problems(tmp_path, _scaling(**change))
    assert any(n == node and words in r for n, r in problems), problems
    assert not any("InvalidGroupTarget" in r for _n, r in problems)


def test_virtual_link_level_not_defined_is_refused(tmp_path):
    text = _scaling() + """    - vl_levels:
        type: tosca.policies.nfv.VirtualLinkInstantiationLevels
        properties: {levels: {large: {bitrate_requirements: {root: 1000}}}}
        targets: [VL1]
"""
    text = text.replace("  policies:", _cp().rstrip("\n") + "\n  policies:", 1)
    assert ("vl_levels", "level(s) large not found in defined levels small") in _problems(tmp_path, text)


# -- shapes of values ---------------------------------------------------------------------------
@pytest.mark.parametrize("value,words", [
    ("[1, 2]", "property 'vdu_profile' must be a map of its fields (tosca.datatypes.nfv.VduProfile), not a list"),
    ("3", "property 'vdu_profile' must be a map of its fields (tosca.datatypes.nfv.VduProfile), not the value '3'"),
    ("{min_number_of_instances: [1], max_number_of_instances: 2}",
     "property 'vdu_profile.min_number_of_instances' must be an integer, not the list '[1]'"),
])
def test_value_of_the_wrong_shape_names_node_and_path(tmp_path, value, words):
    text = "  node_templates:\n" + VDU.replace("{min_number_of_instances: 1, max_number_of_instances: 3}", value)
    assert _problems(tmp_path, text) == [("VDU1", words)]
