# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sample packages in descriptors/: built zips, manifests, YAML, and NSD/VNFD consistency."""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import io
import os
import subprocess
import sys
import zipfile

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DESCRIPTORS = os.path.join(ROOT, "descriptors")
BUILD = os.path.join(DESCRIPTORS, "build_csars.py")
VNF_PACKAGES = ("vnf_client", "vnf_firewall", "vnf_web")
NS_PACKAGE = "sample_ns"
PACKAGES = VNF_PACKAGES + (NS_PACKAGE,)
SOL001_URL = "https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/"
META_KEYS = ("TOSCA-Meta-File-Version", "CSAR-Version", "Created-By", "Entry-Definitions",
             "ETSI-Entry-Manifest", "ETSI-Entry-Change-Log")


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _meta(text):
    meta = {}
    for line in text.splitlines():
        if ":" in line and not line.startswith((" ", "\t", "#")):
            key, value = line.split(":", 1)
            meta.setdefault(key.strip(), value.strip())
    return meta


def _package_meta(package):
    with open(os.path.join(DESCRIPTORS, package, "TOSCA-Metadata", "TOSCA.meta"), encoding="utf-8") as handle:
        return _meta(handle.read())


def _manifest_entries(text):
    entries, current = {}, None
    for line in text.splitlines():
        key, _sep, value = line.strip().partition(":")
        if key == "Source":
            current = value.strip()
            entries[current] = {}
        elif key in ("Algorithm", "Hash") and current is not None:
            entries[current][key] = value.strip()
    return entries


def _package_files(package):
    base = os.path.join(DESCRIPTORS, package)
    found = []
    for top, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        found.extend(os.path.relpath(os.path.join(top, f), base).replace(os.sep, "/") for f in files if not f.startswith("."))
    return sorted(found)


def _topology(package, suffix):
    path = glob.glob(os.path.join(DESCRIPTORS, package, "Definitions", "*" + suffix))
    assert len(path) == 1, "%s: expected one Definitions/*%s" % (package, suffix)
    return _load(path[0])


def _vnfd_identity(package):
    """descriptor_id and the other VNF properties set on the top-level VNF node template."""
    top = _load(os.path.join(DESCRIPTORS, package, _package_meta(package)["Entry-Definitions"]))
    nodes = top["topology_template"]["node_templates"]
    vnf = [n for n in nodes.values() if n["type"].startswith("smartnfvo.nodes.nfv.")]
    assert len(vnf) == 1
    return vnf[0]["type"], vnf[0]["properties"]


# -- packaging -------------------------------------------------------------------------------

def test_zips_and_manifests_are_up_to_date():
    result = subprocess.run([sys.executable, BUILD, "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_build_is_deterministic(tmp_path):
    spec = importlib.util.spec_from_file_location("build_csars", BUILD)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for package in PACKAGES:
        first = build.build_zip(os.path.join(DESCRIPTORS, package))
        assert first == build.build_zip(os.path.join(DESCRIPTORS, package))
        with zipfile.ZipFile(io.BytesIO(first)) as archive:
            infos = archive.infolist()
            assert [i.filename for i in infos] == sorted(i.filename for i in infos)
            assert all(i.date_time == (1980, 1, 1, 0, 0, 0) and (i.external_attr >> 16) == 0o100644 for i in infos)


@pytest.mark.parametrize("package", PACKAGES)
def test_tosca_meta(package):
    meta = _package_meta(package)
    missing = [k for k in META_KEYS if not meta.get(k)]
    assert not missing, "%s: TOSCA.meta lacks %s" % (package, missing)
    assert meta["TOSCA-Meta-File-Version"] == "1.0" and meta["CSAR-Version"] == "1.1"
    for key in ("Entry-Definitions", "ETSI-Entry-Manifest", "ETSI-Entry-Change-Log", "ETSI-Entry-Licenses"):
        assert os.path.exists(os.path.join(DESCRIPTORS, package, meta[key])), "%s: %s '%s' is missing" % (package, key, meta[key])


@pytest.mark.parametrize("package", PACKAGES)
def test_manifest_lists_every_file_with_its_sha256(package):
    manifest = _package_meta(package)["ETSI-Entry-Manifest"]
    with open(os.path.join(DESCRIPTORS, package, manifest), encoding="utf-8") as handle:
        text = handle.read()
    assert text.startswith("metadata:\n")
    entries = _manifest_entries(text)
    assert sorted(entries) == [f for f in _package_files(package) if f != manifest]
    for source, entry in entries.items():
        assert entry.get("Algorithm") == "SHA-256", source
        with open(os.path.join(DESCRIPTORS, package, source), "rb") as handle:
            assert entry.get("Hash") == hashlib.sha256(handle.read()).hexdigest(), "%s: hash of %s" % (package, source)


@pytest.mark.parametrize("package", PACKAGES)
def test_zip_holds_the_package(package):
    with zipfile.ZipFile(os.path.join(DESCRIPTORS, "csar", package + ".zip")) as archive:
        assert sorted(archive.namelist()) == _package_files(package)
        for name in archive.namelist():
            with open(os.path.join(DESCRIPTORS, package, name), "rb") as handle:
                assert archive.read(name) == handle.read(), name


def test_every_yaml_parses():
    paths = [p for ext in ("yaml", "yml") for p in glob.glob(os.path.join(DESCRIPTORS, "**", "*." + ext), recursive=True)]
    assert len(paths) >= 20
    for path in paths:
        assert _load(path) is not None, path


def test_manifest_metadata():
    vnf_keys = {"vnf_provider_id", "vnf_product_name", "vnf_release_date_time", "vnf_package_version"}
    ns_keys = {"nsd_designer", "nsd_invariant_id", "nsd_name", "nsd_release_date_time", "nsd_file_structure_version"}
    for package in PACKAGES:
        with open(os.path.join(DESCRIPTORS, package, _package_meta(package)["ETSI-Entry-Manifest"]), encoding="utf-8") as handle:
            header = handle.read().split("\n\n", 1)[0]
        keys = set(_meta(header)) - {"metadata"}
        assert keys == (ns_keys if package == NS_PACKAGE else vnf_keys), package
        if package != NS_PACKAGE:
            _type, props = _vnfd_identity(package)
            assert _meta(header)["vnf_product_name"] == props["product_name"]
            assert _meta(header)["vnf_provider_id"] == props["provider"]


# -- descriptors -----------------------------------------------------------------------------

def test_descriptor_ids_in_the_nsd_match_the_vnfds():
    nsd = _load(os.path.join(DESCRIPTORS, NS_PACKAGE, "Definitions", "sample_ns.yaml"))
    vnfds = {}
    for package in VNF_PACKAGES:
        vnf_type, props = _vnfd_identity(package)
        vnfds[props["descriptor_id"]] = (package, vnf_type, props)
    assert len(vnfds) == len(VNF_PACKAGES)
    nodes = nsd["topology_template"]["node_templates"]
    vnf_nodes = dict((name, n) for name, n in nodes.items() if n["type"] in set(v[1] for v in vnfds.values()))
    assert sorted(vnf_nodes) == ["client", "firewall", "web"]
    for name, node in vnf_nodes.items():
        props = node["properties"]
        assert props["descriptor_id"] in vnfds, "%s: no VNF package has descriptor_id %s" % (name, props["descriptor_id"])
        package, vnf_type, vnfd_props = vnfds[props["descriptor_id"]]
        assert node["type"] == vnf_type
        for key in ("descriptor_version", "provider", "product_name", "software_version", "vnfm_info"):
            assert props[key] == vnfd_props[key], "%s.%s" % (name, key)
        flavour = _topology(package, "_df_default.yaml")["topology_template"]
        assert props["flavour_id"] == flavour["substitution_mappings"]["properties"]["flavour_id"]
        # every external CP the NSD connects is exposed by the VNFD's flavour
        exposed = set(flavour["substitution_mappings"]["requirements"])
        used = set(k for r in node["requirements"] for k in r)
        assert used == exposed, name
        levels = [p for item in flavour["policies"] for p in item.values() if p["type"] == "tosca.policies.nfv.InstantiationLevels"]
        assert props["vnf_profile"]["instantiation_level"] in levels[0]["properties"]["levels"], name


def test_nsd_copies_of_the_vnf_types_match_the_packages():
    in_nsd = _load(os.path.join(DESCRIPTORS, NS_PACKAGE, "Definitions", "sample_ns_vnf_types.yaml"))["node_types"]
    in_packages = {}
    for package in VNF_PACKAGES:
        in_packages.update(_topology(package, "_types.yaml")["node_types"])
    assert in_nsd == in_packages


def test_nsd_virtual_links_and_saps():
    nodes = _load(os.path.join(DESCRIPTORS, NS_PACKAGE, "Definitions", "sample_ns.yaml"))["topology_template"]["node_templates"]
    cidrs = {}
    for name, node in nodes.items():
        if node["type"] == "tosca.nodes.nfv.NsVirtualLink":
            data = node["properties"]["vl_profile"]["virtual_link_protocol_data"][0]["l3_protocol_data"]
            cidrs[name] = data["cidr"]
    assert cidrs == {"mgmt_net": "10.10.0.0/24", "client_net": "10.10.1.0/24", "server_net": "10.10.2.0/24"}
    for name, node in nodes.items():
        for requirement in node.get("requirements") or []:
            (_req, target), = requirement.items()
            assert target in nodes, "%s points to unknown node %s" % (name, target)


@pytest.mark.parametrize("package", VNF_PACKAGES)
def test_vnfd_structure(package):
    top = _load(os.path.join(DESCRIPTORS, package, _package_meta(package)["Entry-Definitions"]))
    for data in (top, _topology(package, "_types.yaml"), _topology(package, "_df_default.yaml")):
        assert data["tosca_definitions_version"] == "tosca_simple_yaml_1_2"
        assert SOL001_URL + "etsi_nfv_sol001_vnfd_types.yaml" in data["imports"]
    vnf_type, props = _vnfd_identity(package)
    node_type = _topology(package, "_types.yaml")["node_types"][vnf_type]
    for key in ("descriptor_id", "descriptor_version", "provider", "product_name", "software_version"):
        assert node_type["properties"][key]["default"] == props[key]
        assert node_type["properties"][key]["constraints"] == [{"valid_values": [props[key]]}]
    assert node_type["properties"]["flavour_id"]["constraints"] == [{"valid_values": ["default"]}]
    flavour = _topology(package, "_df_default.yaml")["topology_template"]
    nodes = flavour["node_templates"]
    for name, node in nodes.items():
        if node["type"] == "tosca.nodes.nfv.Vdu.Compute":
            image = node["properties"]["sw_image_data"]
            assert image["name"] == "debian-12-generic" and image["disk_format"] == "qcow2"
            assert image["checksum"]["algorithm"] == "sha-256" and len(image["checksum"]["hash"]) == 64
            assert "artifacts" not in node, "%s: no image file ships in the package" % name
        if node["type"] == "tosca.nodes.nfv.VduCp":
            bound = [r["virtual_binding"] for r in node["requirements"] if "virtual_binding" in r]
            assert bound and nodes[bound[0]]["type"] == "tosca.nodes.nfv.Vdu.Compute", name
    for requirement, (node, req) in flavour["substitution_mappings"]["requirements"].items():
        assert nodes[node]["type"] == "tosca.nodes.nfv.VduCp" and req == "virtual_link", requirement
        assert not any("virtual_link" in r for r in nodes[node]["requirements"]), "%s is both mapped and linked" % node


@pytest.mark.parametrize("package", VNF_PACKAGES)
def test_lcm_playbooks_are_declared_artifacts_listed_in_the_manifest(package):
    flavour = _topology(package, "_df_default.yaml")["topology_template"]
    vnf = flavour["node_templates"]["VNF"]
    artifacts = vnf["artifacts"]
    with open(os.path.join(DESCRIPTORS, package, package + ".mf"), encoding="utf-8") as handle:
        listed = _manifest_entries(handle.read())
    operations = vnf["interfaces"]["Vnflcm"]
    assert {"instantiate_end", "heal_end", "terminate_start"} <= set(operations)
    for operation, definition in operations.items():
        artifact = artifacts[definition["implementation"]]
        assert artifact["type"] == "smartnfvo.artifacts.Implementation.AnsiblePlaybook"
        path = os.path.normpath(os.path.join("Definitions", artifact["file"])).replace(os.sep, "/")
        assert path == "Scripts/%s.yml" % operation
        assert path in listed, "%s not in the manifest" % path
    types = _topology(package, "_types.yaml")
    assert types["artifact_types"]["smartnfvo.artifacts.Implementation.AnsiblePlaybook"]["derived_from"] == "tosca.artifacts.Implementation"


def test_web_scaling_data_is_consistent():
    flavour = _topology("vnf_web", "_df_default.yaml")["topology_template"]
    policies = dict(item for p in flavour["policies"] for item in p.items())
    profile = flavour["node_templates"]["web_vdu"]["properties"]["vdu_profile"]
    aspect = policies["scaling_aspects"]["properties"]["aspects"]["web_scale"]
    initial = policies["web_vdu_initial_delta"]["properties"]["initial_delta"]["number_of_instances"]
    deltas = policies["web_vdu_scaling_aspect_deltas"]["properties"]["deltas"]
    step = sum(deltas[d]["number_of_instances"] for d in aspect["step_deltas"])
    assert aspect["max_scale_level"] == 3
    assert profile == {"min_number_of_instances": 1, "max_number_of_instances": 4}
    assert profile["min_number_of_instances"] <= initial
    assert initial + aspect["max_scale_level"] * step <= profile["max_number_of_instances"]
    levels = policies["instantiation_levels"]["properties"]
    assert levels["default_level"] == "instantiation_level_1"
    vdu_levels = policies["web_vdu_instantiation_levels"]["properties"]["levels"]
    for level_id, level in levels["levels"].items():
        scale = level["scale_info"]["web_scale"]["scale_level"]
        assert vdu_levels[level_id]["number_of_instances"] == initial + scale * step, level_id
    assert policies["web_anti_affinity"] == {"type": "tosca.policies.nfv.AntiAffinityRule", "properties": {"scope": "nfvi_node"},
                                             "targets": ["web_vdu"]}


@pytest.mark.parametrize("package", VNF_PACKAGES)
def test_playbooks_use_builtin_modules_only(package):
    keywords = {"name", "when", "register", "loop", "vars", "changed_when", "failed_when", "until", "retries", "delay",
                "become", "environment", "ignore_errors", "tags", "no_log", "notify", "check_mode"}
    for path in glob.glob(os.path.join(DESCRIPTORS, package, "Scripts", "*.yml")):
        for play in _load(path):
            if "ansible.builtin.import_playbook" in play:
                assert os.path.isfile(os.path.join(os.path.dirname(path), play["ansible.builtin.import_playbook"]))
                continue
            assert play["hosts"] == "all" and play["gather_facts"] is False
            for task in play["tasks"]:
                modules = [k for k in task if k not in keywords]
                assert len(modules) == 1 and modules[0].startswith("ansible.builtin."), "%s: %s" % (path, task.get("name"))


# -- tosca-parser --------------------------------------------------------------------------

def _bundled_sol001_types():
    """{file name: YAML text} of the SOL001 copies bundled with the collection, or None."""
    collections = os.path.join(ROOT, ".collections")
    if os.path.isdir(collections) and collections not in sys.path:
        sys.path.insert(0, collections)
    try:
        from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001.catalog import BUNDLED_TYPE_FILES
    except ImportError:
        return None
    return dict(BUNDLED_TYPE_FILES)


@pytest.fixture(scope="module")
def local_defs(tmp_path_factory):
    pytest.importorskip("toscaparser")
    bundled = _bundled_sol001_types()
    if not bundled:
        pytest.skip("the bundled SOL001 types (plugins/module_utils/_nfvo/descriptor/sol001) are not available")
    directory = tmp_path_factory.mktemp("sol001")
    mapping = {}
    for name, text in bundled.items():
        data = yaml.safe_load(text)
        # The copies import each other by bare name, and tosca-parser 2.15 merges the import lists
        # of the files it loads, then resolves the merged names against the wrong directory (or
        # loops). The sample templates import every SOL001 file they need themselves, so the
        # copies' own imports can go.
        data.pop("imports", None)
        (directory / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        mapping[SOL001_URL + name] = str(directory / name)
    return mapping


@pytest.fixture
def occurrences_patched(monkeypatch):
    """tosca-parser 2.15 rejects VNF nodes whose virtual links the NSD fills ("wrong number of occurrences")."""
    from toscaparser.nodetemplate import NodeTemplate
    monkeypatch.setattr(NodeTemplate, "_validate_relationship_occurrences", lambda self: None)


@pytest.mark.parametrize("package", PACKAGES)
def test_tosca_parser_accepts_the_package(package, local_defs, occurrences_patched):
    from toscaparser.tosca_template import ToscaTemplate
    needed = [u for u in (SOL001_URL + "etsi_nfv_sol001_nsd_types.yaml",) if package == NS_PACKAGE and u not in local_defs]
    if needed:
        pytest.skip("no bundled NSD types")
    entry = os.path.join(DESCRIPTORS, package, _package_meta(package)["Entry-Definitions"])
    template = ToscaTemplate(entry, a_file=True, local_defs=local_defs)
    names = set(n.name for n in template.nodetemplates)
    for nested in template.nested_tosca_templates_with_topology or []:
        names.update(n.name for n in nested.nodetemplates)
    assert "VNF" in names or "sample_ns" in names
