"""Producers' harmless deviations in package metadata warn; a hash that does not match stays an error."""
import hashlib
import zipfile

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.csar import hash_algorithm
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError

from test_csar_safety import META, VNFD


def _package(tmp_path, meta=META, algorithm=None, digest=None, root_entry=False):
    entry = "vnfd.yaml" if root_entry else "Definitions/vnfd.yaml"
    members = {"TOSCA-Metadata/TOSCA.meta": meta, entry: VNFD}
    if algorithm:
        digest = digest or hashlib.sha256(VNFD.encode()).hexdigest()
        members["TOSCA-Metadata/TOSCA.meta"] = meta + "ETSI-Entry-Manifest: vnf.mf\n"
        members["vnf.mf"] = "metadata:\n  vnf_provider_id: test\nSource: %s\nAlgorithm: %s\nHash: %s\n" % (entry, algorithm, digest)
    path = tmp_path / "vnf.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return str(path)


@pytest.mark.parametrize("spelling", ["SHA-256", "SHA256", "sha256", "sha-256", "Sha_256"])
def test_hash_algorithm_spellings(spelling):
    assert hash_algorithm(spelling) == "SHA-256"


def test_unknown_algorithm_has_no_name():
    assert hash_algorithm("CRC32") is None


@pytest.mark.parametrize("spelling", ["SHA256", "sha256", "sha-256"])
def test_other_spellings_warn_naming_file_and_key(tmp_path, spelling):
    loaded = load_descriptor(_package(tmp_path, algorithm=spelling))
    assert any("vnf.mf" in w and "Algorithm '%s'" % spelling in w for w in loaded.warnings), loaded.warnings


def test_canonical_spelling_does_not_warn(tmp_path):
    assert not any("Algorithm" in w for w in load_descriptor(_package(tmp_path, algorithm="SHA-256")).warnings)


@pytest.mark.parametrize("spelling", ["SHA-256", "sha256"])
def test_hash_mismatch_stays_an_error(tmp_path, spelling):
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_package(tmp_path, algorithm=spelling, digest="0" * 64))
    assert any("hash mismatch" in p.reason and "vnf.mf" in p.file for p in caught.value.problems)


@pytest.mark.parametrize("key", ["Created-By", "CSAR-Version", "TOSCA-Meta-File-Version"])
def test_informational_meta_key_missing_warns(tmp_path, key):
    meta = "".join(line + "\n" for line in META.splitlines() if not line.startswith(key))
    loaded = load_descriptor(_package(tmp_path, meta=meta))
    assert any("TOSCA.meta" in w and "'%s'" % key in w for w in loaded.warnings), loaded.warnings


def test_missing_entry_definitions_with_one_root_yaml_warns(tmp_path):
    meta = "".join(line + "\n" for line in META.splitlines() if not line.startswith("Entry-Definitions"))
    loaded = load_descriptor(_package(tmp_path, meta=meta, root_entry=True))
    assert [v.id for v in loaded.model.flavours[0].vdus] == ["VDU1"]
    assert any("'Entry-Definitions'" in w and "vnfd.yaml" in w for w in loaded.warnings)


def test_missing_entry_definitions_without_a_root_yaml_is_refused(tmp_path):
    meta = "".join(line + "\n" for line in META.splitlines() if not line.startswith("Entry-Definitions"))
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(_package(tmp_path, meta=meta))
    assert [p.reason.split(",")[0] for p in caught.value.problems] == ["lacks 'Entry-Definitions'"]
    assert caught.value.problems[0].file.endswith("TOSCA-Metadata/TOSCA.meta")


@pytest.mark.parametrize("entry,words", [
    ("Source: Definitions/vnfd.yaml\nHash: 0123\n", "states Hash without Algorithm"),
    ("Source: Definitions/vnfd.yaml\nAlgorithm: SHA-256\n", "states Algorithm without Hash"),
    ("Source: Definitions/vnfd.yaml\nAlgorithm:\nHash: 0123\n", "states Hash without Algorithm"),
])
def test_manifest_entry_with_half_a_hash_is_refused(tmp_path, entry, words):
    path = tmp_path / "vnf.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("TOSCA-Metadata/TOSCA.meta", META + "ETSI-Entry-Manifest: vnf.mf\n")
        archive.writestr("Definitions/vnfd.yaml", VNFD)
        archive.writestr("vnf.mf", "metadata:\n  vnf_provider_id: test\n" + entry)
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    assert any(words in p.reason and p.file.endswith("vnf.mf") for p in caught.value.problems), caught.value.problems


def test_manifest_not_named_mf_is_refused(tmp_path):
    path = tmp_path / "vnf.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("TOSCA-Metadata/TOSCA.meta", META + "ETSI-Entry-Manifest: manifest.mf1\n")
        archive.writestr("Definitions/vnfd.yaml", VNFD)
        archive.writestr("manifest.mf1", "metadata:\n  vnf_provider_id: test\n")
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    assert "SOL004 names it *.mf" in caught.value.problems[0].reason


def test_root_yaml_package_manifest_named_otherwise_is_refused(tmp_path):
    text = VNFD.replace("tosca_definitions_version: tosca_simple_yaml_1_2\n", "tosca_definitions_version: tosca_simple_yaml_1_2\n"
                        "metadata: {template_name: t, template_author: a, template_version: '1'}\n")
    path = tmp_path / "vnf.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("VNF.yaml", text)
        archive.writestr("VNF1.mf", "metadata:\n  vnf_provider_id: test\n")
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(str(path))
    assert "manifest 'VNF1.mf' must be named after the root YAML 'VNF.yaml'" in caught.value.problems[0].reason
