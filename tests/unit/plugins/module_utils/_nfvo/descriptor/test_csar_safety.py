"""Untrusted packages: escapes, links, bombs and bad hashes are refused with a clear reason."""
import hashlib
import os
import stat
import zipfile

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.csar import Limits, open_package
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.safe_yaml import load_yaml

from inline_templates import SOL001_HEADER, VDU1

META = "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: test\nEntry-Definitions: Definitions/vnfd.yaml\n"
VNFD = SOL001_HEADER + "topology_template:\n  node_templates:\n" + VDU1


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return str(path)


def _problems(exc_info):
    return " | ".join(p.reason for p in exc_info.value.problems)


def test_zip_package_loads_offline_with_bundled_types(tmp_path):
    path = _zip(tmp_path / "vnf.zip", {"TOSCA-Metadata/TOSCA.meta": META, "Definitions/vnfd.yaml": VNFD})
    vnfd = load_descriptor(path).model
    assert [v.id for v in vnfd.flavours[0].vdus] == ["VDU1"]
    assert vnfd.flavours[0].vdus[0].virtual_compute.virtual_memory_mb == 512


def test_zip_slip_is_refused(tmp_path):
    path = _zip(tmp_path / "evil.zip", {"TOSCA-Metadata/TOSCA.meta": META, "../../escape.yaml": "x: 1"})
    with pytest.raises(DescriptorError) as caught:
        open_package(path, str(tmp_path / "work"))
    assert "escapes the package" in _problems(caught)
    assert not (tmp_path / "escape.yaml").exists()


def test_symlink_member_is_refused(tmp_path):
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("Definitions/vnfd.yaml")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(DescriptorError) as caught:
        open_package(str(path), str(tmp_path / "work"))
    assert "symbolic link" in _problems(caught)


def test_oversized_and_compressed_bombs_are_refused(tmp_path):
    path = _zip(tmp_path / "bomb.zip", {"TOSCA-Metadata/TOSCA.meta": META, "Files/zeros.bin": b"\0" * (8 * 1024 * 1024)})
    with pytest.raises(DescriptorError) as caught:
        open_package(path, str(tmp_path / "work"))
    assert "compression ratio" in _problems(caught)
    with pytest.raises(DescriptorError) as caught:
        open_package(path, str(tmp_path / "work2"), Limits(max_member_bytes=1024, max_compression_ratio=10 ** 6))
    assert "over the limit" in _problems(caught)


def test_yaml_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append("a%d: &a%d [%s]" % (level, level, ", ".join(["*a%d" % (level - 1)] * 10)))
    with pytest.raises(DescriptorError) as caught:
        load_yaml("\n".join(lines), "bomb.yaml")
    assert "YAML bomb" in _problems(caught)


def test_manifest_hash_mismatch_is_an_error_and_absent_artifact_a_warning(tmp_path):
    root = tmp_path / "pkg"
    (root / "TOSCA-Metadata").mkdir(parents=True)
    (root / "Definitions").mkdir()
    (root / "Scripts").mkdir()
    (root / "TOSCA-Metadata" / "TOSCA.meta").write_text(META + "ETSI-Entry-Manifest: vnf.mf\n")
    (root / "Definitions" / "vnfd.yaml").write_text(VNFD)
    (root / "Scripts" / "day1.yml").write_text("- hosts: all\n")
    good = hashlib.sha256(b"- hosts: all\n").hexdigest()
    manifest = ("metadata:\n  vnf_provider_id: test\n\nSource: Scripts/day1.yml\nAlgorithm: SHA-256\nHash: %s\n\n"
                "Source: Files/absent.img\nAlgorithm: SHA-256\nHash: %s\n")
    (root / "vnf.mf").write_text(manifest % (good, "0" * 64))
    loaded = load_descriptor(str(root))
    assert any("absent.img" in w for w in loaded.warnings)
    (root / "vnf.mf").write_text(manifest % ("1" * 64, "0" * 64))
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(root))
    assert "hash mismatch" in _problems(caught) and "day1.yml" in _problems(caught)


def test_remote_import_is_refused_unless_allowed(tmp_path):
    path = tmp_path / "remote.yaml"
    path.write_text(VNFD.replace("imports:\n", "imports:\n  - https://example.invalid/types/custom_types.yaml\n"))
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    assert "remote imports are disabled" in _problems(caught)
    assert all(p.file.endswith("remote.yaml") for p in caught.value.problems)


def test_import_escaping_a_package_is_refused(tmp_path):
    root = tmp_path / "pkg"
    (root / "TOSCA-Metadata").mkdir(parents=True)
    (root / "Definitions").mkdir()
    (tmp_path / "outside.yaml").write_text("tosca_definitions_version: tosca_simple_yaml_1_2\n")
    (root / "TOSCA-Metadata" / "TOSCA.meta").write_text(META)
    (root / "Definitions" / "vnfd.yaml").write_text(VNFD.replace("imports:\n", "imports:\n  - ../../outside.yaml\n"))
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(root))
    assert "escapes the package" in _problems(caught)


def test_all_problems_are_reported_at_once(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(VNFD + """    VDU2:
      type: tosca.nodes.nfv.Vdu.Nonexistent
    CP1:
      type: tosca.nodes.nfv.VduCp
      properties: {layer_protocols: [ipv4], colour: blue}
""")
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    assert len(caught.value.problems) >= 2
    text = str(caught.value)
    assert "bad.yaml" in text and "Traceback" not in text and os.sep + "stage" not in text
