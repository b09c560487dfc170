"""The marks SmartNFVO puts on VIM resources read back into the same record."""
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity as vim_tags
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import (
    parse_server_metadata, parse_tags, server_metadata, tags_for)


def test_tags_round_trip_and_fit_nova_limits():
    ns = "0b7f5a1e-1111-4222-8333-944455556666"
    tags = tags_for(ns, "1c7f5a1e-1111-4222-8333-944455556666", "VDU1", 2, "CP1")
    assert parse_tags(tags + ["someone-else"]) == {"ns": ns, "vnf": "1c7f5a1e-1111-4222-8333-944455556666", "vdu": "VDU1",
                                                   "vdu_index": 2, "cp": "CP1"}
    assert all(len(t) <= 60 and "," not in t and "/" not in t for t in tags)


def test_server_metadata_round_trip_and_rejects_unknown_keys():
    metadata = server_metadata(ns_name="edge", vdu="VDU1", vdu_index=0, management_cp=None)
    assert metadata == {"smartnfvo_ns_name": "edge", "smartnfvo_vdu": "VDU1", "smartnfvo_vdu_index": "0"}
    assert parse_server_metadata(dict(metadata, other="x")) == {"ns_name": "edge", "vdu": "VDU1", "vdu_index": 0}
    with pytest.raises(ValueError):
        server_metadata(colour="blue")


def test_keypair_name_and_private_key_path():
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import (
        DEFAULT_KEY_DIR, keypair_name, private_key_path)
    name = keypair_name("edge", "0b7f5a1e-1111-4222-8333-944455556666")
    assert name == "smartnfvo-edge-0b7f5a1e"
    assert private_key_path(name, "/keys") == "/keys/smartnfvo-edge-0b7f5a1e"
    assert private_key_path(name).startswith(os.path.expanduser(DEFAULT_KEY_DIR))


def test_identity_is_data_on_plans_and_records():
    """identity.of: a record's own identity (a VIM without string tags decodes its labels into it) wins over tags;
    planned resources carry theirs beside the tags that encode it on OpenStack and the local VIM."""
    tags = tags_for("ns-1", "vnf-1", "web_vdu", 2, "web_cp")
    assert vim_tags.of({"tags": tags}) == {"ns": "ns-1", "vnf": "vnf-1", "vdu": "web_vdu", "vdu_index": 2, "cp": "web_cp"}
    assert vim_tags.of({"tags": tags, "identity": {"ns": "ns-2"}}) == {"ns": "ns-2"}
    assert vim_tags.of({}) == {}
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.describe import describe
    from repo import REPO
    plan = describe({"path": os.path.join(REPO, "descriptors", "sample_ns"), "ns_name": "unit"})["plan"]
    assert all(r["identity"] == parse_tags(r["tags"]) and r["identity"].get("ns", plan["ns_instance_id"]) == plan["ns_instance_id"]
               for r in plan["resources"])
    assert any(r["identity"].get("cp") for r in plan["resources"] if r["type"] == "port")
