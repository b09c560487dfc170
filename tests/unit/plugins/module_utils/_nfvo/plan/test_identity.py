"""The marks SmartNFVO puts on VIM resources read back into the same record."""
import os

import pytest

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
