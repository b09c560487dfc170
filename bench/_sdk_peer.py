"""Two peers of the NS lifecycle benchmark, run as their own process (so that each pays its start-up, as ours does):

  python _sdk_peer.py sdk|heat create|delete SPEC.json

* sdk: a plain concurrent openstacksdk script, one connection and a thread pool: networks and the keypair, subnets,
  ports, servers (Neutron tags set with one PUT each, as this Zed cloud has no tag-creation extension), then one
  filtered server list per second until all are ACTIVE; delete in reverse, waiting until the servers are gone.
* heat: the same resources as one Heat stack (HOT), created and deleted with one poll of the stack per second.

SPEC (written by ns_lifecycle.py from SmartNFVO's own plan, so every tool builds the same names, CIDRs, tags and
metadata): {"cloud", "tag", "keypair", "public_key", "networks", "subnets", "ports", "servers", "workers"}.
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import openstack

POLL = 1.0
TIMEOUT = 900


def wait(check, what):
    deadline = time.monotonic() + TIMEOUT
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for " + what)
        time.sleep(POLL)


# -- plain openstacksdk --------------------------------------------------------------------------
def sdk_create(conn, spec):
    net = conn.network
    ids = {}
    flavors = dict((n, conn.compute.find_flavor(n, ignore_missing=False).id) for n in set(s["flavor"] for s in spec["servers"]))
    images = dict((n, conn.image.find_image(n, ignore_missing=False).id) for n in set(s["image"] for s in spec["servers"]))

    def tagged(kind, made, tags):
        net.set_tags(made, tags)
        ids[(kind, made.name)] = made.id

    def network(n):
        tagged("network", net.create_network(name=n["name"]), n["tags"])

    def subnet(s):
        body = dict((k, s[k]) for k in ("cidr", "ip_version", "gateway_ip", "allocation_pools", "enable_dhcp") if s.get(k) is not None)
        tagged("subnet", net.create_subnet(name=s["name"], network_id=ids[("network", s["network"])], **body), s["tags"])

    def port(p):
        tagged("port", net.create_port(name=p["name"], network_id=ids[("network", p["network"])],
                                       fixed_ips=[{"subnet_id": ids[("subnet", p["subnet"])]}]), p["tags"])

    def server(s):
        return conn.compute.create_server(name=s["name"], flavor_id=flavors[s["flavor"]], image_id=images[s["image"]],
                                          networks=[{"port": ids[("port", p)]} for p in s["ports"]],
                                          metadata=s["metadata"], tags=s["tags"], key_name=spec["keypair"]).id

    with ThreadPoolExecutor(max_workers=spec["workers"]) as pool:
        keypair = pool.submit(conn.compute.create_keypair, name=spec["keypair"], public_key=spec["public_key"])
        list(pool.map(network, spec["networks"]))
        keypair.result()
        list(pool.map(subnet, spec["subnets"]))
        list(pool.map(port, spec["ports"]))
        wanted = set(pool.map(server, spec["servers"]))

    def active():
        servers = [s for s in conn.compute.servers(tags=spec["tag"]) if s.id in wanted]
        if any(s.status == "ERROR" for s in servers):
            raise SystemExit("a server went to ERROR")
        return len(servers) == len(wanted) and all(s.status == "ACTIVE" for s in servers)
    wait(active, "servers to become ACTIVE")


def sdk_delete(conn, spec):
    net, tag = conn.network, spec["tag"]
    with ThreadPoolExecutor(max_workers=spec["workers"]) as pool:
        servers = [s.id for s in conn.compute.servers(tags=tag)]
        list(pool.map(conn.compute.delete_server, servers))
        wait(lambda: not [s for s in conn.compute.servers(tags=tag) if s.id in servers], "servers to be deleted")
        for lister, deleter in ((net.ports, net.delete_port), (net.subnets, net.delete_subnet),
                                (net.networks, net.delete_network)):
            list(pool.map(deleter, [x.id for x in lister(tags=tag)]))
        conn.compute.delete_keypair(spec["keypair"], ignore_missing=True)


# -- Heat ----------------------------------------------------------------------------------------
def template(spec):
    def ref(kind, name):
        return {"get_resource": "%s_%s" % (kind, name.replace("-", "_"))}

    resources = {"keypair": {"type": "OS::Nova::KeyPair", "properties": {"name": spec["keypair"], "public_key": spec["public_key"]}}}
    for n in spec["networks"]:
        resources["network_" + n["name"].replace("-", "_")] = {"type": "OS::Neutron::Net", "properties": {"name": n["name"], "tags": n["tags"]}}
    for s in spec["subnets"]:
        props = dict((k, s[k]) for k in ("cidr", "ip_version", "gateway_ip", "allocation_pools", "enable_dhcp") if s.get(k) is not None)
        props.update(name=s["name"], network=ref("network", s["network"]), tags=s["tags"])
        resources["subnet_" + s["name"].replace("-", "_")] = {"type": "OS::Neutron::Subnet", "properties": props}
    for p in spec["ports"]:
        resources["port_" + p["name"].replace("-", "_")] = {"type": "OS::Neutron::Port", "properties": {
            "name": p["name"], "network": ref("network", p["network"]), "fixed_ips": [{"subnet": ref("subnet", p["subnet"])}],
            "tags": p["tags"]}}
    for s in spec["servers"]:
        resources["server_" + s["name"].replace("-", "_")] = {"type": "OS::Nova::Server", "properties": {
            "name": s["name"], "flavor": s["flavor"], "image": s["image"], "key_name": {"get_resource": "keypair"},
            "networks": [{"port": ref("port", p)} for p in s["ports"]],
            "metadata": s["metadata"], "tags": s["tags"], "user_data_format": "RAW"}}
    return {"heat_template_version": "2018-08-31", "resources": resources}


def heat_status(conn, name):
    stack = conn.orchestration.find_stack(name, ignore_missing=True)
    return None if stack is None else (stack.status, stack.status_reason, stack)


def heat_create(conn, spec):
    stack = conn.orchestration.create_stack(name=spec["stack"], template=template(spec), timeout_mins=30)

    def done():
        found = conn.orchestration.get_stack(stack.id)
        if found.status.endswith("FAILED"):
            raise SystemExit("stack %s: %s" % (found.status, found.status_reason))
        return found.status == "CREATE_COMPLETE"
    wait(done, "the stack to be CREATE_COMPLETE")


def heat_delete(conn, spec):
    stack = conn.orchestration.find_stack(spec["stack"], ignore_missing=True)
    if stack is None:
        return
    conn.orchestration.delete_stack(stack)

    def gone():
        found = conn.orchestration.find_stack(stack.id, ignore_missing=True)
        if found is not None and found.status == "DELETE_FAILED":
            raise SystemExit("stack DELETE_FAILED: %s" % found.status_reason)
        return found is None or found.status == "DELETE_COMPLETE"
    wait(gone, "the stack to be deleted")


def main():
    tool, action, path = sys.argv[1:4]
    with open(path, encoding="utf-8") as handle:
        spec = json.load(handle)
    conn = openstack.connect(cloud=spec["cloud"])
    conn.authorize()
    {"sdk": {"create": sdk_create, "delete": sdk_delete},
     "heat": {"create": heat_create, "delete": heat_delete}}[tool][action](conn, spec)


if __name__ == "__main__":
    main()
