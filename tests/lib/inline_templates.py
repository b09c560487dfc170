"""Pieces of small SOL001 templates written inline by the tests."""

# How real packages import the SOL001 types: by their ETSI forge URL, which the loader serves offline.
SOL001_HEADER = """tosca_definitions_version: tosca_simple_yaml_1_2
imports:
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_common_types.yaml
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_vnfd_types.yaml
"""

# One SOL001 VDU node template (under node_templates), the smallest that loads and plans.
VDU1 = """    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: VDU1
        description: one VDU
        vdu_profile: {min_number_of_instances: 1, max_number_of_instances: 3}
      capabilities:
        virtual_compute:
          properties:
            virtual_memory: {virtual_mem_size: 512 MiB}
            virtual_cpu: {num_virtual_cpu: 1}
"""
