"""NS records rebuilt from tagged VIM resources."""
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns_records import ns_records
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import server_metadata, tags_for

NS, VNF = "ns-1", "vnf-1"


def test_records_group_servers_ports_and_networks_by_ns_and_vnf():
    current = {
        "network": [{"type": "network", "name": "n-mgmt", "id": "net1", "tags": tags_for(NS), "subnet_ids": ["sub1"]}],
        "subnet": [{"type": "subnet", "name": "n-mgmt", "id": "sub1", "cidr": "10.0.0.0/24", "tags": tags_for(NS)}],
        "port": [{"type": "port", "name": "p0", "id": "port1", "network_id": "net1", "mac_address": "fa:16:3e:00:00:01",
                  "status": "DOWN", "fixed_ips": [{"subnet_id": "sub1", "ip_address": "10.0.0.5"}],
                  "tags": tags_for(NS, VNF, "VDU1", 0, "mgmt_cp")}],
        "server": [{"type": "server", "name": "s0", "id": "srv1", "status": "ACTIVE", "tags": tags_for(NS, VNF, "VDU1", 0),
                    "metadata": server_metadata(ns_name="edge", vnf_name="web", vdu="VDU1", vdu_index=0, management_cp="mgmt_cp")},
                   {"type": "server", "name": "other", "id": "srv2", "status": "ERROR", "tags": tags_for("ns-2", "v", "X", 0),
                    "metadata": server_metadata(ns_name="other")}],
    }
    records = ns_records(current)
    assert [(r["ns_name"], r["state"]) for r in records] == [("edge", "INSTANTIATED"), ("other", "DEGRADED")]
    vdu = records[0]["vnfs"][0]["vdu_instances"][0]
    assert vdu["management_ip"] == "10.0.0.5" and vdu["cps"][0]["subnets"] == ["10.0.0.0/24"]
    assert vdu["cps"][0]["network"] == "n-mgmt" and vdu["cps"][0]["mac_address"] == "fa:16:3e:00:00:01"
    assert records[0]["networks"] == [{"name": "n-mgmt", "id": "net1", "subnets": ["10.0.0.0/24"]}]
    assert [r["ns_instance_id"] for r in ns_records(current, "ns-2")] == ["ns-2"]
