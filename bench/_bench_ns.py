"""The benchmark's network service, written as SOL001 descriptors into a directory.

An NSD with a management NS virtual link and two VNF instances of one VNFD; the VNFD has one VDU (two CPs: one
on the NS management network, one on the VNF's internal virtual link) instantiated `per_vnf` times. So an NS of
N VDU instances has N servers, 2N ports and three networks (management plus one internal VL per VNF instance),
as issue 4's benchmark asks. Images and flavors are mapped to the test cloud's (IMAGE, FLAVOR).
"""

import os
import textwrap

NSD_ID = "5b0f6a42-8a55-4c36-9d4e-0b7f3f2c9a10"
VNFD_ID = "0c6b9a55-51d6-4f0e-8f0a-5a0e3e4c1b77"
IMAGE, FLAVOR = "smartnfvo-image", "m1.tiny"
SOL001 = "https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_%s_types.yaml"
VNF_TYPE = """
node_types:
  smartnfvo.nodes.nfv.BenchVnf:
    derived_from: tosca.nodes.nfv.VNF
    properties:
      descriptor_id: {type: string, default: %(vnfd)s}
      descriptor_version: {type: string, default: '1.0.0'}
      provider: {type: string, default: SmartNFVO}
      product_name: {type: string, default: SmartNFVO Bench VNF}
      software_version: {type: string, default: '1.0.0'}
      vnfm_info: {type: list, entry_schema: {type: string}, default: ['etsivnfm:v2.6.1']}
      flavour_id: {type: string, default: default}
      flavour_description: {type: string, default: N identical VNFCs}
    requirements:
      - mgmt_ext:
          capability: tosca.capabilities.nfv.VirtualLinkable
          relationship: tosca.relationships.nfv.VirtualLinksTo
          occurrences: [0, 1]
""" % {"vnfd": VNFD_ID}


def _header(description, kinds):
    imports = "".join("  - %s\n" % (SOL001 % k) for k in kinds)
    return "tosca_definitions_version: tosca_simple_yaml_1_2\ndescription: '%s'\nimports:\n%s" % (description, imports)


def vnfd(per_vnf):
    return _header("Bench VNF: %d VNFCs, management and internal CPs" % per_vnf, ("common", "vnfd")) + VNF_TYPE + textwrap.dedent("""
        topology_template:
          substitution_mappings:
            node_type: smartnfvo.nodes.nfv.BenchVnf
            properties: {flavour_id: default}
            requirements:
              mgmt_ext: [node_mgmt_cp, virtual_link]
          node_templates:
            VNF:
              type: smartnfvo.nodes.nfv.BenchVnf
            node_vdu:
              type: tosca.nodes.nfv.Vdu.Compute
              properties:
                name: node
                description: Bench VNFC
                vdu_profile: {min_number_of_instances: %(n)d, max_number_of_instances: %(n)d}
                sw_image_data:
                  name: bench-image
                  version: '1'
                  checksum: {algorithm: sha-256, hash: '%(zero)s'}
                  container_format: bare
                  disk_format: qcow2
                  min_disk: 1 GiB
                  size: 1 GiB
              capabilities:
                virtual_compute:
                  properties:
                    virtual_cpu: {num_virtual_cpu: 1}
                    virtual_memory: {virtual_mem_size: 512 MiB}
                    virtual_local_storage: [{size_of_storage: 1 GB}]
            node_mgmt_cp:
              type: tosca.nodes.nfv.VduCp
              properties: {layer_protocols: [ipv4], order: 0}
              requirements:
                - virtual_binding: node_vdu
            node_int_cp:
              type: tosca.nodes.nfv.VduCp
              properties: {layer_protocols: [ipv4], order: 1}
              requirements:
                - virtual_binding: node_vdu
                - virtual_link: internal
            internal:
              type: tosca.nodes.nfv.VnfVirtualLink
              properties:
                connectivity_type: {layer_protocols: [ipv4]}
                vl_profile:
                  max_bitrate_requirements: {root: 1000000000}
                  min_bitrate_requirements: {root: 1000000}
                  virtual_link_protocol_data:
                    - associated_layer_protocol: ipv4
                      l3_protocol_data: {ip_version: ipv4, cidr: 10.20.0.0/22}
          policies:
            - node_initial_delta:
                type: tosca.policies.nfv.VduInitialDelta
                properties: {initial_delta: {number_of_instances: %(n)d}}
                targets: [node_vdu]
        """) % {"n": per_vnf, "zero": "0" * 64}


def nsd():
    vnf = textwrap.dedent("""
            %s:
              type: smartnfvo.nodes.nfv.BenchVnf
              properties:
                descriptor_id: %s
                descriptor_version: '1.0.0'
                provider: SmartNFVO
                product_name: SmartNFVO Bench VNF
                software_version: '1.0.0'
                flavour_id: default
                flavour_description: N identical VNFCs
                vnfm_info: ['etsivnfm:v2.6.1']
                vnf_profile: {min_number_of_instances: 1, max_number_of_instances: 1}
              requirements:
                - mgmt_ext: mgmt_net
        """)
    body = textwrap.dedent("""
        topology_template:
          node_templates:
            mgmt_net:
              type: tosca.nodes.nfv.NsVirtualLink
              properties:
                connectivity_type: {layer_protocols: [ipv4]}
                vl_profile:
                  max_bitrate_requirements: {root: 1000000000}
                  min_bitrate_requirements: {root: 1000000}
                  virtual_link_protocol_data:
                    - associated_layer_protocol: ipv4
                      l3_protocol_data: {ip_version: ipv4, cidr: 10.21.0.0/22}
        """)
    body += "".join(textwrap.indent(vnf % (name, VNFD_ID), "    ") for name in ("vnf_a", "vnf_b"))
    return _header("Bench NS: two bench VNFs on a management network", ("common", "vnfd", "nsd")) + VNF_TYPE + body


def write(directory, vdus):
    """Writes <directory>/bench_nsd.yaml and bench_vnfd.yaml for an NS of `vdus` VDU instances (even); returns
    the NSD's path. Module options MAPS map the VDU and image to the test cloud's flavor and image."""
    if vdus % 2:
        raise ValueError("the bench NS has two VNFs: give an even number of VDU instances")
    os.makedirs(directory, exist_ok=True)
    for name, text in (("bench_vnfd.yaml", vnfd(vdus // 2)), ("bench_nsd.yaml", nsd())):
        with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    return os.path.join(directory, "bench_nsd.yaml")


MAPS = {"flavor_map": {"node_vdu": FLAVOR}, "image_map": {"bench-image": IMAGE}}
