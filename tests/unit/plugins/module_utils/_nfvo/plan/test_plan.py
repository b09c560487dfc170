"""The plan: stable names and ids, tags, instance counts from levels and aspects, subnet checks."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import PlanError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from inline_templates import SOL001_HEADER

VNFD = SOL001_HEADER + """topology_template:
  node_templates:
    WEB:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: web
        description: web server
        vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 3}
      capabilities:
        virtual_compute:
          properties:
            virtual_memory: {virtual_mem_size: 1 GiB}
            virtual_cpu:
              num_virtual_cpu: 2
              virtual_cpu_pinning: {virtual_cpu_pinning_policy: static}
            virtual_local_storage: [{size_of_storage: 4 GiB}]
    WEB_CP:
      type: tosca.nodes.nfv.VduCp
      properties: {layer_protocols: [ipv4], order: 0}
      requirements:
        - virtual_binding: WEB
        - virtual_link: NET
    NET:
      type: tosca.nodes.nfv.VnfVirtualLink
      properties:
        connectivity_type: {layer_protocols: [ipv4]}
        vl_profile:
          max_bitrate_requirements: {root: 1000000}
          min_bitrate_requirements: {root: 100000}
          virtual_link_protocol_data:
            - associated_layer_protocol: ipv4
              l3_protocol_data: {ip_version: ipv4, cidr: CIDR, gateway_ip: GATEWAY}
  policies:
    - scaling:
        type: tosca.policies.nfv.ScalingAspects
        properties:
          aspects:
            web_scale: {name: web_scale, description: more web, max_scale_level: 2, step_deltas: [delta_1]}
    - deltas:
        type: tosca.policies.nfv.VduScalingAspectDeltas
        properties:
          aspect: web_scale
          deltas: {delta_1: {number_of_instances: 1}}
        targets: [WEB]
    - levels:
        type: tosca.policies.nfv.InstantiationLevels
        properties:
          levels:
            small: {description: one, scale_info: {web_scale: {scale_level: 0}}}
            large: {description: two, scale_info: {web_scale: {scale_level: 1}}}
          default_level: small
    - vdu_levels:
        type: tosca.policies.nfv.VduInstantiationLevels
        properties:
          levels: {small: {number_of_instances: 1}, large: {number_of_instances: 2}}
        targets: [WEB]
    - spread:
        type: tosca.policies.nfv.AntiAffinityRule
        properties: {scope: nfvi_node}
        targets: [WEB]
"""


@pytest.fixture
def vnfd(tmp_path):
    def make(cidr="192.0.2.0/24", gateway="192.0.2.1"):
        path = tmp_path / "vnfd.yaml"
        path.write_text(VNFD.replace("CIDR", cidr).replace("GATEWAY", gateway))
        return load_descriptor(str(path)).model
    return make


def _of(plan, kind):
    return [r for r in plan["resources"] if r["type"] == kind]


def test_plan_is_ordered_tagged_and_stable(vnfd):
    model = vnfd()
    plan = build_plan(model, {"ns_name": "Edge Web"})
    again = build_plan(model, {"ns_name": "Edge Web"})
    assert plan == again
    kinds = [r["type"] for r in plan["resources"]]
    assert kinds.index("network") < kinds.index("subnet") < kinds.index("port") < kinds.index("server")
    server = _of(plan, "server")[0]
    assert server["name"] == "edge-web-vnf-web-0"
    assert "smartnfvo:ns=%s" % plan["ns_instance_id"] in server["tags"]
    assert "smartnfvo:vdu=WEB" in server["tags"]
    assert server["properties"]["server_group"] == _of(plan, "server_group")[0]["name"]
    assert _of(plan, "server_group")[0]["properties"]["policy"] == "anti-affinity"
    assert _of(plan, "subnet")[0]["properties"] == {"cidr": "192.0.2.0/24", "ip_version": 4, "enable_dhcp": True, "gateway_ip": "192.0.2.1"}
    flavor = _of(plan, "flavor")[0]["properties"]
    assert (flavor["vcpus"], flavor["ram"], flavor["disk"]) == (2, 1024, 4)
    assert flavor["extra_specs"] == {"hw:cpu_policy": "dedicated"}


def test_instantiation_level_and_scale_levels_set_instance_counts(vnfd):
    model = vnfd()
    assert len(_of(build_plan(model, {}), "server")) == 1
    assert len(_of(build_plan(model, {"instantiation_level": "large"}), "server")) == 2
    assert len(_of(build_plan(model, {"scale_levels": {"web_scale": 2}}), "server")) == 3
    assert len(_of(build_plan(model, {"instantiation_level": "large", "scale_levels": {"web_scale": 2}}), "server")) == 3
    with pytest.raises(PlanError) as caught:
        build_plan(model, {"scale_levels": {"web_scale": 3}})
    assert "max_scale_level 2" in str(caught.value)
    with pytest.raises(PlanError):
        build_plan(model, {"instantiation_level": "huge"})


def test_subnets_are_validated(vnfd):
    with pytest.raises(PlanError) as caught:
        build_plan(vnfd(cidr="192.0.2.7/24"), {})
    assert "host bits" in str(caught.value)
    with pytest.raises(PlanError) as caught:
        build_plan(vnfd(gateway="198.51.100.1"), {})
    assert "gateway_ip 198.51.100.1 is not inside" in str(caught.value)
    with pytest.raises(PlanError) as caught:
        build_plan(vnfd(), {"vl_cidrs": {"NET": "not-a-cidr"}})
    assert "not a valid network" in str(caught.value)


def test_pool_allocation_avoids_stated_cidrs(vnfd):
    model = vnfd(cidr="10.224.0.0/24", gateway="10.224.0.1")
    plan = build_plan(model, {"vl_cidrs": {"NET": "10.224.1.0/24"}})
    assert _of(plan, "subnet")[0]["properties"]["cidr"] == "10.224.1.0/24"
