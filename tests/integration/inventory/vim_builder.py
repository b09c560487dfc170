"""Puts a SmartNFVO plan's networks, subnets, ports and servers on an OpenStack cloud the way the NS lifecycle
does (vim_tags contract: tags on every resource, metadata on servers, the NS keypair), in a project of its own.

Used by the inventory integration tests and by bench/inventory_list.py. Flavors and images of the plan are
replaced by the test cloud's own (m1.tiny, smartnfvo-image); server groups and volumes are left out.
"""

import os
import secrets
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import yaml
import openstack
import openstack.config
import openstack.connection
from openstack import exceptions as os_exc

from openstack.compute.v2.server import Server

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import (
    TAG, keypair_name, private_key_path, server_metadata, tags_for)

CLOUDS_YAML = os.environ.get("SMARTNFVO_CLOUDS_YAML", "/etc/openstack/clouds.yaml")
ADMIN_CLOUD = "smartnfvo-admin"
IMAGE_NAME = "smartnfvo-image"
FLAVOR_NAME = "m1.tiny"
WORKERS = 4


def connect(cloud, clouds_yaml=CLOUDS_YAML):
    config = openstack.config.OpenStackConfig(config_files=[clouds_yaml], vendor_files=[], load_envvars=False)
    return openstack.connection.Connection(config=config.get_one(cloud=cloud))


class IsolatedProject:
    """A project and a member user of their own, and a clouds.yaml naming them; close() deletes all of it."""

    def __init__(self, prefix, directory, cloud_name="smartnfvo-inventory"):
        self.admin = connect(ADMIN_CLOUD)
        self.name = "%s-%s" % (prefix, secrets.token_hex(3))
        self.cloud_name = cloud_name
        password = secrets.token_urlsafe(16)
        self.project = self.admin.identity.create_project(name=self.name, domain_id="default",
                                                          description="SmartNFVO inventory test; safe to delete")
        self.user = self.admin.identity.create_user(name=self.name, password=password, domain_id="default",
                                                    default_project_id=self.project.id)
        role = self.admin.identity.find_role("member")
        self.admin.identity.assign_project_role_to_user(self.project, self.user, role)
        auth = dict(self.admin.config.config["auth"])
        entry = {"auth": {"auth_url": auth["auth_url"], "username": self.name, "password": password,
                          "project_name": self.name, "user_domain_name": "Default", "project_domain_name": "Default"},
                 "region_name": self.admin.config.config.get("region_name") or "RegionOne",
                 "identity_api_version": 3, "interface": "public"}
        self.clouds_yaml = os.path.join(directory, "clouds.yaml")
        with open(self.clouds_yaml, "w") as handle:
            yaml.safe_dump({"clouds": {cloud_name: entry}}, handle)
        os.chmod(self.clouds_yaml, 0o600)
        self.conn = connect(cloud_name, self.clouds_yaml)
        self.conn.authorize()

    def close(self):
        errors = empty_project(self.conn)
        for what, func, arg in (("user", self.admin.identity.delete_user, self.user),
                                ("project", self.admin.identity.delete_project, self.project)):
            try:
                func(arg, ignore_missing=True)
            except Exception as exc:  # noqa: BLE001 - report, keep cleaning
                errors.append("%s: %s" % (what, exc))
        return errors


def cloud_image_and_flavor(conn):
    image = next(i for i in conn.image.images(name=IMAGE_NAME) if i.status == "active")
    flavor = next(f for f in conn.compute.flavors() if f.name == FLAVOR_NAME)
    return image.id, flavor.id


def ns_keypair(conn, ns_name, ns_instance_id, key_dir):
    """The NS keypair by the contract's rule, its private key at <key_dir>/<key name>."""
    name = keypair_name(ns_name, ns_instance_id)
    path = private_key_path(name, key_dir)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], check=True)
    with open(path + ".pub") as handle:
        conn.compute.create_keypair(name=name, public_key=handle.read().strip())
    return name


class NsOnCloud:
    """Creates what a plan lists, tagged as the NS lifecycle tags it; remembers ids by plan name."""

    def __init__(self, conn, plan, image_id, flavor_id, key_name=None):
        self.conn, self.plan, self.image_id, self.flavor_id, self.key_name = conn, plan, image_id, flavor_id, key_name
        self.ids = {}

    def resources(self, kind):
        return [r for r in self.plan["resources"] if r["type"] == kind]

    def create(self, max_servers=None, wait=True):
        """Networks, subnets, then the ports and server of each VDU instance (up to max_servers of them)."""
        net = self.conn.network
        for res in self.resources("network"):
            created = net.create_network(name=res["name"], description=res["properties"].get("description"))
            net.set_tags(created, res["tags"])
            self.ids[("network", res["name"])] = created.id
        for res in self.resources("subnet"):
            props = res["properties"]
            kwargs = dict((k, props[k]) for k in ("cidr", "ip_version", "gateway_ip", "allocation_pools") if props.get(k))
            created = net.create_subnet(name=res["name"], network_id=self.ids[("network", res["name"])],
                                        is_dhcp_enabled=props.get("enable_dhcp", True), **kwargs)
            net.set_tags(created, res["tags"])
            self.ids[("subnet", res["name"])] = created.id
        servers = self.resources("server")[:max_servers] if max_servers is not None else self.resources("server")
        self.create_servers(servers, wait)
        return [s["name"] for s in servers]

    def scale_out(self, plan, wait=True):
        """Moves to a plan with more VDU instances: creates the servers (and ports) it adds."""
        self.plan = plan
        added = [s for s in self.resources("server") if ("server", s["name"]) not in self.ids]
        self.create_servers(added, wait)
        return [s["name"] for s in added]

    def create_servers(self, servers, wait=True):
        ports = dict((r["name"], r) for r in self.resources("port"))
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            ids = list(pool.map(lambda s: self._server(s, ports), servers))
        if wait:
            wait_active(self.conn, ids)
        return ids

    def _port(self, res):
        props = res["properties"]
        kwargs = {"name": res["name"], "network_id": self.ids[("network", props["network"])]}
        if props.get("subnet"):
            kwargs["fixed_ips"] = [{"subnet_id": self.ids[("subnet", props["subnet"])]}]
        created = self.conn.network.create_port(**kwargs)
        self.conn.network.set_tags(created, res["tags"])
        self.ids[("port", res["name"])] = created.id
        return created.id

    def _server(self, res, ports):
        props = res["properties"]
        port_ids = [self._port(ports[name]) for name in props["ports"]]
        kwargs = {"name": res["name"], "image_id": self.image_id, "flavor_id": self.flavor_id,
                  "networks": [{"port": p} for p in port_ids], "tags": res["tags"], "metadata": props["metadata"]}
        if self.key_name:
            kwargs["key_name"] = self.key_name
        created = self.conn.compute.create_server(**kwargs)
        self.ids[("server", res["name"])] = created.id
        return created.id


def foreign_servers(conn, count, image_id, flavor_id, prefix="not-ours"):
    """Servers SmartNFVO did not create (no tags), each with a port on an untagged network."""
    network = conn.network.create_network(name=prefix + "-net")
    conn.network.create_subnet(name=prefix + "-subnet", network_id=network.id, cidr="192.168.0.0/22", ip_version=4)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        ids = list(pool.map(lambda i: conn.compute.create_server(
            name="%s-%d" % (prefix, i), image_id=image_id, flavor_id=flavor_id, networks=[{"uuid": network.id}]).id,
            range(count)))
    wait_active(conn, ids)
    return ids


def adopt_servers(conn, ids, ns_name="adopted", prefix="not-ours"):
    """Makes servers of foreign_servers() look like VDU instances of one NS (one CP each), by tags and metadata only:
    the benchmark reuses them instead of booting new ones. Their network and subnet are tagged as the NS's."""
    ns_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "smartnfvo-bench:" + ns_name))
    vnf_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "smartnfvo-bench:%s:app" % ns_name))
    for network in conn.network.networks(name=prefix + "-net"):
        conn.network.set_tags(network, tags_for(ns_id))
        for subnet in conn.network.subnets(network_id=network.id):
            conn.network.set_tags(subnet, tags_for(ns_id))

    def adopt(item):
        index, server_id = item
        conn.compute.set_server_metadata(server_id, **server_metadata(
            ns_instance_id=ns_id, ns_name=ns_name, vnf_instance_id=vnf_id, vnf_name="app", vnfd_id="vnfd-app",
            flavour_id="default", vdu="app_vdu", vdu_index=index, management_cp="app_mgmt_cp"))
        Server.new(id=server_id).set_tags(conn.compute, tags_for(ns_id, vnf_id, "app_vdu", index))
        for port in conn.network.ports(device_id=server_id):
            conn.network.set_tags(port, tags_for(ns_id, vnf_id, "app_vdu", index, "app_mgmt_cp"))
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(adopt, enumerate(ids)))


def wait_active(conn, ids, timeout=900):
    wanted = set(ids)
    deadline = time.monotonic() + timeout
    while True:
        states = dict((s.id, s.status) for s in conn.compute.servers(details=True) if s.id in wanted)
        if all(states.get(i) == "ACTIVE" for i in wanted):
            return
        failed = [i for i, st in states.items() if st == "ERROR"]
        if failed or time.monotonic() > deadline:
            raise RuntimeError("servers not ACTIVE: %s" % dict((i, states.get(i)) for i in wanted if states.get(i) != "ACTIVE"))
        time.sleep(2)


def delete_servers(conn, ids, timeout=600, retries=3):
    """Deletes servers and waits until they are gone. A delete the cloud fails under load (server in ERROR,
    e.g. a Neutron 500 while unbinding ports) is asked again, up to `retries` times per server."""
    wanted = set(ids)
    for server_id in wanted:
        conn.compute.delete_server(server_id, ignore_missing=True)
    asked = dict((i, 1) for i in wanted)
    deadline = time.monotonic() + timeout
    while True:
        left = [s for s in conn.compute.servers() if s.id in wanted]
        if not left:
            return
        for server in left:
            if server.status == "ERROR" and not server.task_state and asked[server.id] <= retries:
                asked[server.id] += 1
                conn.compute.delete_server(server.id, ignore_missing=True)
        if time.monotonic() > deadline:
            raise RuntimeError("servers not deleted after %ss: %s" % (timeout, [s.name for s in left]))
        time.sleep(2)


def empty_project(conn):
    """Deletes every server, keypair, port, subnet and network of the (isolated) project. Returns errors."""
    errors = []

    def attempt(what, func, *args, **kwargs):
        try:
            func(*args, **kwargs)
        except os_exc.NotFoundException:
            pass
        except Exception as exc:  # noqa: BLE001 - report, keep cleaning
            errors.append("%s: %s" % (what, exc))
    try:
        attempt("servers", delete_servers, conn, [s.id for s in conn.compute.servers()])
        for keypair in conn.compute.keypairs():
            attempt("keypair %s" % keypair.name, conn.compute.delete_keypair, keypair)
        mine = {"project_id": conn.current_project_id}
        for port in conn.network.ports(**mine):
            if not (port.device_owner or "").startswith("network:"):
                attempt("port %s" % port.name, conn.network.delete_port, port)
        for subnet in conn.network.subnets(**mine):
            attempt("subnet %s" % subnet.name, conn.network.delete_subnet, subnet)
        for network in conn.network.networks(**mine):
            attempt("network %s" % network.name, conn.network.delete_network, network)
    except Exception as exc:  # noqa: BLE001
        errors.append("listing: %s" % exc)
    return errors


def tagged_counts(conn):
    """How many of our resources the project still holds (cleanup checks)."""
    return {"servers": len(list(conn.compute.servers(tags=TAG))), "ports": len(list(conn.network.ports(tags=TAG))),
            "networks": len(list(conn.network.networks(tags=TAG)))}
