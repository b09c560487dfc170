"""What the driver contract instantiates: a small VNF package written inline, and one NS of it planned, realized,
read back and removed at the protocol level (driver calls, lifecycle.diff and lifecycle.executor; no module).

The VNF: one VDU (VDU1) with a management CP and a data CP on two internal virtual links, an affinity rule (a
server group, kept on a single compute host), one instance at level "small" and two at "large" (scale aspect
vdu1_scale), so that scaling in leaves resources that only the NS's identity finds.
"""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as plan_diff
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.executor import Run
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from inline_templates import SOL001_HEADER

VDU = "VDU1"
# The internal virtual links, in CP order (the management one first), with the CIDRs the VNFD gives them (TEST-NET-2
# and -3; plan_params may replace them with vl_cidrs).
VLS = (("MGMT", "198.51.100.0/24"), ("DATA", "203.0.113.0/24"))
# Generous: two cores, and a Kubernetes build may be running at nice 19 beside the tests.
WAIT = Wait(timeout=600)

# A CP of VDU1 on an internal virtual link of its own.
CP_AND_VL = """    {vl}_CP:
      type: tosca.nodes.nfv.VduCp
      properties: {{layer_protocols: [ipv4], order: {order}}}
      requirements:
        - virtual_binding: VDU1
        - virtual_link: {vl}
    {vl}:
      type: tosca.nodes.nfv.VnfVirtualLink
      properties:
        connectivity_type: {{layer_protocols: [ipv4]}}
        vl_profile:
          max_bitrate_requirements: {{root: 1000000}}
          min_bitrate_requirements: {{root: 100000}}
          virtual_link_protocol_data:
            - associated_layer_protocol: ipv4
              l3_protocol_data: {{ip_version: ipv4, cidr: {cidr}}}
"""

VNFD = SOL001_HEADER + """topology_template:
  node_templates:
    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: vdu1
        description: the driver contract's VDU
        vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 2}
      capabilities:
        virtual_compute:
          properties:
            virtual_memory: {virtual_mem_size: 512 MiB}
            virtual_cpu: {num_virtual_cpu: 1}
            virtual_local_storage: [{size_of_storage: 1 GiB}]
CPS_AND_VLS
  policies:
    - scaling:
        type: tosca.policies.nfv.ScalingAspects
        properties:
          aspects:
            vdu1_scale: {name: vdu1_scale, description: one more VDU1, max_scale_level: 1, step_deltas: [delta_1]}
    - deltas:
        type: tosca.policies.nfv.VduScalingAspectDeltas
        properties:
          aspect: vdu1_scale
          deltas: {delta_1: {number_of_instances: 1}}
        targets: [VDU1]
    - levels:
        type: tosca.policies.nfv.InstantiationLevels
        properties:
          levels:
            small: {description: one instance, scale_info: {vdu1_scale: {scale_level: 0}}}
            large: {description: two instances, scale_info: {vdu1_scale: {scale_level: 1}}}
          default_level: small
    - vdu_levels:
        type: tosca.policies.nfv.VduInstantiationLevels
        properties:
          levels: {small: {number_of_instances: 1}, large: {number_of_instances: 2}}
        targets: [VDU1]
    - together:
        type: tosca.policies.nfv.AffinityRule
        properties: {scope: nfvi_node}
        targets: [VDU1]
""".replace("CPS_AND_VLS\n", "".join(CP_AND_VL.format(vl=vl, order=order, cidr=cidr) for order, (vl, cidr) in enumerate(VLS)))


def load_model(directory):
    """The VNFD model, from the template written under directory."""
    path = directory / "contract_vnfd.yaml"
    path.write_text(VNFD)
    return load_descriptor(str(path)).model


class ContractNs:
    """One NS of the contract's VNF on one driver: its plan (desired resources, NS keypair included), and the
    lifecycle steps the contract checks. level: "small" (one VDU1 instance) or "large" (two)."""

    def __init__(self, driver, model, ns_name, params, key_dir, level="small"):
        self.driver, self.params = driver, params
        plan = build_plan(model, dict(params, ns_name=ns_name, instantiation_level=level))
        self.ns_name, self.ns_id = plan["ns_name"], plan["ns_instance_id"]
        self.keypair = identity.keypair_name(self.ns_name, self.ns_id)
        self.desired, _warnings = plan_diff.desired_resources(
            plan, self.keypair, private_key_path=identity.private_key_path(self.keypair, str(key_dir)))

    def planned(self, kind):
        return [r for r in self.desired if r["type"] == kind]

    def read(self):
        return self.driver.read_ns(self.ns_id, self.desired)

    def run(self):
        return Run(self.driver, self.ns_id, self.desired, workers=4, wait=WAIT)

    def converge(self):
        """Bring the VIM to the plan (diff, then apply what it says); the Run."""
        actions = plan_diff.diff(self.desired, self.read())
        return self.run().apply(actions, known=actions["keep"])

    def remove(self):
        """Remove what the VIM holds of the NS (lifecycle.diff.removal of what read_ns finds); the Run."""
        return self.run().terminate(plan_diff.removal(self.read()))


def own(state):
    """{kind: sorted ids} of a read_ns or read_all state, without the shared kinds (flavors, images that exist
    before the NS and outlive it) and without empty kinds."""
    return dict((kind, sorted(r["id"] for r in records)) for kind, records in state.items()
                if records and kind not in plan_diff.SHARED)


def of_ns(state, ns_id):
    """The records of a read_all state that carry the NS's tag."""
    tag = identity.ns_tag(ns_id)
    return [r for records in state.values() for r in records if tag in (r.get("tags") or ())]
