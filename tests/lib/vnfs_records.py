"""VIM records (plain dicts as inventory_sources returns them) for a small NS, tagged per the vim_tags contract."""

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import server_metadata, tags_for

NS_ID = "a1b2c3d4-0000-4000-8000-000000000001"
VNFS = {"web": ("b0000000-0000-4000-8000-000000000002", "vnfd-web-1"),
        "firewall": ("c0000000-0000-4000-8000-000000000003", "vnfd-fw-1")}


def network(name, net_id):
    return {"id": net_id, "name": name, "tags": tags_for(NS_ID)}


def subnet(name, sub_id, net_id, cidr, gateway):
    return {"id": sub_id, "name": name, "network_id": net_id, "cidr": cidr, "gateway_ip": gateway, "ip_version": 4}


def port(server_id, vnf, vdu, index, cp, net_id, sub_id, ip, mac):
    return {"id": "port-%s-%s" % (server_id, cp), "name": "p-%s-%s" % (server_id, cp), "device_id": server_id,
            "mac_address": mac, "network_id": net_id, "status": "DOWN",
            "tags": tags_for(NS_ID, VNFS[vnf][0], vdu, index, cp), "fixed_ips": [{"subnet_id": sub_id, "ip_address": ip}]}


def server(server_id, ns_name, vnf, vdu, index, management_cp, status="ACTIVE", key_name=None):
    vnf_id, vnfd_id = VNFS[vnf]
    return {"id": server_id, "name": "%s-%s-%s-%d" % (ns_name, vnf, vdu.replace("_", "-"), index), "status": status,
            "tags": tags_for(NS_ID, vnf_id, vdu, index),
            "metadata": server_metadata(ns_instance_id=NS_ID, ns_name=ns_name, vnf_instance_id=vnf_id, vnf_name=vnf,
                                        vnfd_id=vnfd_id, flavour_id="default", vdu=vdu, vdu_index=index,
                                        management_cp=management_cp),
            "key_name": key_name, "availability_zone": "nova", "flavor": {"id": None, "name": "m1.tiny"},
            "image": {"id": "img-1", "name": None}}


def sample_records(ns_name="demo"):
    """Two web VDU instances and a firewall: mgmt and data networks; the firewall's mgmt CP is not first by name."""
    records = {
        "networks": [network("demo-mgmt-net", "net-mgmt"), network("demo-data-net", "net-data")],
        "subnets": [subnet("demo-mgmt-net", "sub-mgmt", "net-mgmt", "10.10.0.0/24", "10.10.0.1"),
                    subnet("demo-data-net", "sub-data", "net-data", "10.10.1.0/25", None)],
        "servers": [server("srv-web-0", ns_name, "web", "web_vdu", 0, "web_mgmt_cp"),
                    server("srv-web-1", ns_name, "web", "web_vdu", 1, "web_mgmt_cp", status="BUILD"),
                    server("srv-fw-0", ns_name, "firewall", "fw_vdu", 0, "fw_mgmt_cp", key_name="smartnfvo-demo-a1b2c3d4")],
        "ports": [],
    }
    instances = (("srv-web-0", "web", "web_vdu", 0), ("srv-web-1", "web", "web_vdu", 1), ("srv-fw-0", "firewall", "fw_vdu", 0))
    for i, (srv, vnf, vdu, index) in enumerate(instances):
        prefix = "web" if vnf == "web" else "fw"
        records["ports"].append(port(srv, vnf, vdu, index, prefix + "_mgmt_cp", "net-mgmt", "sub-mgmt", "10.10.0.%d" % (10 + i),
                                     "fa:16:3e:00:00:%02x" % i))
        records["ports"].append(port(srv, vnf, vdu, index, prefix + "_data_cp", "net-data", "sub-data", "10.10.1.%d" % (10 + i),
                                     "fa:16:3e:00:01:%02x" % i))
    return records
