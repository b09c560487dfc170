"""Small VNF packages that ship their software image, built at test time.

One VDU with a SOL001 ``tosca.artifacts.nfv.SwImage`` artifact (random bytes: no guest runs on the test
cloud's fake hypervisor), one CP on one internal virtual link; ``sw_image_data`` gives the image's sha-256 (or
a wrong one), ``disk_format: raw``, ``container_format: bare``. As a CSAR directory or a CSAR zip.
"""
import hashlib
import os
import secrets
import zipfile

SOL001_IMPORTS = """imports:
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_common_types.yaml
  - https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_vnfd_types.yaml
"""
META = """TOSCA-Meta-File-Version: 1.0
CSAR-Version: 1.1
Created-By: SmartNFVO tests
Entry-Definitions: Definitions/vnfd.yaml
"""
IMAGE_FILE = "Files/images/vnfc.img"
VDU = "vnfc_vdu"

VNFD = """tosca_definitions_version: tosca_simple_yaml_1_2
description: A VNF whose package ships its software image
""" + SOL001_IMPORTS + """
topology_template:
  node_templates:
    VNF:
      type: tosca.nodes.nfv.VNF
      properties:
        descriptor_id: {descriptor_id}
        descriptor_version: '1.0'
        provider: SmartNFVO tests
        product_name: Image upload test
        software_version: '1.0'
        vnfm_info: [ '0:smartnfvo-1.0' ]
        flavour_id: default
        flavour_description: one VNFC
    {vdu}:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: vnfc
        description: a VNFC booted from the image the package ships
        vdu_profile: {{min_number_of_instances: 1, max_number_of_instances: 1}}
        sw_image_data:
          name: {image_name}
          version: '1.0'
          checksum:
            algorithm: {algorithm}
            hash: '{checksum}'
          container_format: bare
          disk_format: raw
          min_disk: 1 GiB
          min_ram: 64 MiB
          size: 1 GiB
      capabilities:
        virtual_compute:
          properties:
            virtual_cpu: {{num_virtual_cpu: 1}}
            virtual_memory: {{virtual_mem_size: 512 MiB}}
            virtual_local_storage: [{{size_of_storage: 1 GiB}}]
      artifacts:
        sw_image:
          type: tosca.artifacts.nfv.SwImage
          file: ../{image_file}
    vnfc_cp:
      type: tosca.nodes.nfv.VduCp
      properties: {{layer_protocols: [ipv4], order: 0}}
      requirements:
        - virtual_binding: {vdu}
        - virtual_link: internal_vl
    internal_vl:
      type: tosca.nodes.nfv.VnfVirtualLink
      properties:
        connectivity_type: {{layer_protocols: [ipv4]}}
        vl_profile:
          max_bitrate_requirements: {{root: 1000000}}
          min_bitrate_requirements: {{root: 100000}}
          virtual_link_protocol_data:
            - associated_layer_protocol: ipv4
              l3_protocol_data: {{ip_version: ipv4, cidr: 10.251.0.0/24}}
"""


def vnf_package(root, image_name, size=4096, wrong_checksum=False, as_zip=False, ship_image=True, algorithm="sha-256"):
    """Write the package under root; returns (its path, the image bytes)."""
    data = secrets.token_bytes(size)
    hash_name = algorithm.replace("sha3-", "sha3_").replace("-", "")
    digest = hashlib.new(hash_name, data).hexdigest()
    if wrong_checksum:
        digest = hashlib.new(hash_name, data + b"tampered").hexdigest()
    package = os.path.join(str(root), "image_vnf")
    files = {
        "TOSCA-Metadata/TOSCA.meta": META.encode(),
        "Definitions/vnfd.yaml": VNFD.format(descriptor_id="image-vnf-" + image_name, vdu=VDU, image_name=image_name,
                                             algorithm=algorithm, checksum=digest, image_file=IMAGE_FILE).encode(),
    }
    if ship_image:
        files[IMAGE_FILE] = data
    if as_zip:
        path = package + ".zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for rel, content in sorted(files.items()):
                archive.writestr(rel, content)
        return path, data
    for rel, content in files.items():
        os.makedirs(os.path.dirname(os.path.join(package, rel)), exist_ok=True)
        with open(os.path.join(package, rel), "wb") as handle:
            handle.write(content)
    return package, data
