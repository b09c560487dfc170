"""The collection's own sample NS: the NSD finds its VNF packages, and directory and zip forms plan alike."""
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.diagram import mermaid
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from repo import REPO  # noqa: E402
SAMPLES = os.path.join(REPO, "descriptors")


@pytest.fixture(scope="module")
def nsd():
    return load_descriptor(os.path.join(SAMPLES, "sample_ns"))


def _of(plan, kind):
    return [r for r in plan["resources"] if r["type"] == kind]


def test_nsd_model(nsd):
    model = nsd.model
    assert model.kind == "nsd"
    assert sorted(v.id for v in model.vnfs) == ["client", "firewall", "web"]
    assert sorted(vl.id for vl in model.virtual_links) == ["client_net", "mgmt_net", "server_net"]
    assert set(model.vnfds) == set(v.descriptor_id for v in model.vnfs)
    assert [(r.kind, sorted(r.targets)) for r in model.placement_rules] == [("anti-affinity", ["firewall", "web"])]
    web = next(v for v in model.vnfds.values() if v.product_name and "Web" in v.product_name).flavour("default")
    assert [a.id for a in web.scaling_aspects] and web.placement_rules
    assert {op.name for op in web.lcm_operations} >= {"instantiate_end", "scale_end", "heal_end", "terminate_start"}
    assert all(op.implementation and op.implementation.startswith("Scripts/") for op in web.lcm_operations)


def test_nsd_plan(nsd):
    plan = build_plan(nsd.model, {"ns_name": "sample"})
    assert sorted(v["name"] for v in plan["vnfs"]) == ["client", "firewall", "web"]
    subnets = sorted(s["properties"]["cidr"] for s in _of(plan, "subnet"))
    assert {"10.10.0.0/24", "10.10.1.0/24", "10.10.2.0/24"} <= set(subnets)
    firewall = next(s for s in _of(plan, "server") if s["vnf"] == "firewall")
    assert len(firewall["properties"]["ports"]) == 3
    ports = dict((p["name"], p["properties"]) for p in _of(plan, "port"))
    assert {ports[p]["network"] for p in firewall["properties"]["ports"]} == {"sample-mgmt-net", "sample-client-net", "sample-server-net"}
    groups = dict((g["name"], g["properties"]["policy"]) for g in _of(plan, "server_group"))
    assert sorted(groups.values()) == ["anti-affinity", "anti-affinity"]  # web's own rule, and firewall vs web
    assert firewall["properties"]["server_group"] in groups
    # Flavors and images may be shared between NSs; everything else belongs to this NS instance.
    assert all("smartnfvo:ns=%s" % plan["ns_instance_id"] in r["tags"] for r in plan["resources"] if r["type"] not in ("flavor", "image"))


def test_zip_and_directory_forms_plan_the_same(nsd):
    zipped = load_descriptor(os.path.join(SAMPLES, "csar", "sample_ns.zip"))
    assert set(zipped.model.vnfds) == set(nsd.model.vnfds)
    assert build_plan(zipped.model, {"ns_name": "sample"})["resources"] == build_plan(nsd.model, {"ns_name": "sample"})["resources"]


def test_diagram_shows_every_vnf_vdu_cp_and_vl(nsd):
    text = mermaid(nsd.model)
    assert text.startswith("flowchart LR")
    for name in ("VNF client", "VNF firewall", "VNF web", "NS VL client_net", "CP fw_client_cp", "VDU firewall"):
        assert name in text


def test_servers_carry_records_and_management_cp(nsd):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import parse_server_metadata, parse_tags
    plan = build_plan(nsd.model, {"ns_name": "sample"})
    for server in _of(plan, "server"):
        record = parse_server_metadata(server["properties"]["metadata"])
        assert record["ns_instance_id"] == plan["ns_instance_id"] and record["vnf_name"] == server["vnf"]
        assert record["management_cp"].endswith("mgmt_cp") and record["vdu_index"] == 0
        assert record["vnfd_version"] == nsd.model.vnfds[record["vnfd_id"]].descriptor_version
        assert parse_tags(server["tags"])["vdu"] == record["vdu"]
    mgmt_ports = [p for p in _of(plan, "port") if p["properties"]["management"]]
    assert len(mgmt_ports) == 3 and all(parse_tags(p["tags"])["cp"].endswith("mgmt_cp") for p in mgmt_ports)


def test_nsd_plan_placement_group_names_and_scale_levels(nsd):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import PlanError
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import is_ns_server_group
    strict = build_plan(nsd.model, {"ns_name": "sample"})
    soft = build_plan(nsd.model, {"ns_name": "sample", "placement": "soft"})
    assert sorted(g["properties"]["policy"] for g in _of(soft, "server_group")) == ["soft-anti-affinity"] * 2
    assert [g["name"] for g in _of(soft, "server_group")] == [g["name"] for g in _of(strict, "server_group")]
    # Nova groups take no tags: their names end with the NS id, so terminate finds them without the plan.
    assert all(is_ns_server_group(g["name"], strict["ns_instance_id"]) for g in _of(strict, "server_group"))
    web = next(v for v in strict["vnfs"] if v["name"] == "web")
    assert web["scale_levels"] == {"web_scale": 0} and web["vdu_instances"] == {"web_vdu": 1}
    scaled = next(v for v in build_plan(nsd.model, {"ns_name": "sample", "scale_levels": {"web.web_scale": 2}})["vnfs"]
                  if v["name"] == "web")
    assert scaled["scale_levels"] == {"web_scale": 2} and scaled["vdu_instances"] == {"web_vdu": 3}
    with pytest.raises(PlanError, match="placement 'loose' is neither strict nor soft"):
        build_plan(nsd.model, {"ns_name": "sample", "placement": "loose"})
