"""Pieces of small SOL001 templates written inline by the tests."""

# How real packages import the SOL001 types: by their ETSI forge URL, which the loader serves offline.
SOL001_HEADER = """tosca_definitions_version: tosca_simple_yaml_1_2
imports:
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_common_types.yaml
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_vnfd_types.yaml
"""
