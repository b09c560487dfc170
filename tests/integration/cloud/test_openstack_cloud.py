"""Integration tests proving the OpenStack test cloud really works.

Run after ``bash tests/cloud/openstack.sh up``; skipped when the cloud is
not up (see conftest.py).  Everything is created as the non-admin
``smartnfvo`` user; the admin connection is used only to look at port
bindings, which non-admins cannot see.
"""

import os
import pathlib
import subprocess
import time

import pytest

pytest.importorskip("openstack", reason="openstacksdk is not installed")
from openstack import exceptions as os_exc  # noqa: E402

SERVER_COUNT = 20
ACTIVE_TIMEOUT = 300        # s, for all servers together
DELETE_TIMEOUT = 300
STACK_TIMEOUT = 300
# Heat deletes a stack's resources one after another; at a load average of
# 6-8 that took longer than 300 s.
STACK_DELETE_TIMEOUT = 600
UNBOUND = ("unbound", "binding_failed", None, "")
CLOUD_DIR = pathlib.Path(__file__).resolve().parents[3] / "tests" / "cloud"


def wait_for(description, check, timeout, interval=2.0, max_interval=10.0):
    """Poll check(), which returns (result, description of the state), until
    result is truthy, and return it; fail with the last state after timeout
    seconds.  The pause between polls starts at interval and grows by half
    up to max_interval (fewer API calls on a busy cloud), never past the
    deadline, where check() has a last say."""
    deadline = time.monotonic() + timeout
    while True:
        result, last = check()
        if result:
            return result
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail("timed out after %ss waiting for %s; last state: %s"
                        % (timeout, description, last), pytrace=False)
        time.sleep(min(interval, remaining))
        interval = min(interval * 1.5, max_interval)


def cleanup_prefix(conn, prefix, timeout=300):
    """Delete everything named ``prefix*`` in the member's project, in
    dependency order.  Best effort: errors are collected and returned."""
    errors = []

    def attempt(what, func, *args, **kwargs):
        try:
            func(*args, **kwargs)
        except os_exc.NotFoundException:
            pass
        except Exception as exc:  # noqa: BLE001 - report, keep cleaning
            errors.append("%s: %s" % (what, exc))

    def mine(resources):
        try:
            return [r for r in resources if (r.name or "").startswith(prefix)]
        except Exception as exc:  # noqa: BLE001
            errors.append("listing: %s" % exc)
            return []

    for stack in mine(conn.orchestration.stacks()):
        attempt("stack %s" % stack.name, conn.orchestration.delete_stack,
                stack)
    for server in mine(conn.compute.servers(name="^" + prefix)):
        attempt("server %s" % server.name, conn.compute.delete_server,
                server)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = mine(conn.compute.servers(name="^" + prefix))
        left += mine(conn.orchestration.stacks())
        if not left:
            break
        time.sleep(3)
    for volume in mine(conn.block_storage.volumes()):
        attempt("volume %s" % volume.name, conn.block_storage.delete_volume,
                volume)
    for port in mine(conn.network.ports()):
        attempt("port %s" % port.name, conn.network.delete_port, port)
    for group in mine(conn.network.security_groups()):
        attempt("security group %s" % group.name,
                conn.network.delete_security_group, group)
    for network in mine(conn.network.networks()):
        for port in conn.network.ports(network_id=network.id):
            attempt("port %s" % port.id, conn.network.delete_port, port)
        attempt("network %s" % network.name, conn.network.delete_network,
                network)
    for keypair in mine(conn.compute.keypairs()):
        attempt("keypair %s" % keypair.name, conn.compute.delete_keypair,
                keypair)
    return errors


@pytest.fixture(scope="module", autouse=True)
def _final_cleanup(run_prefix, member_connection_if_up):
    """Whatever a failed test left behind is removed at the end (unless
    the cloud is gone, e.g. after the down test)."""
    yield
    conn = member_connection_if_up()
    if conn is None:
        return
    errors = cleanup_prefix(conn, run_prefix)
    conn.close()
    if errors:
        print("cleanup of %s left errors: %s" % (run_prefix, errors))


def _servers(conn, prefix):
    """One list call: the servers whose name starts with prefix."""
    return [s for s in conn.compute.servers(name="^" + prefix)
            if s.name.startswith(prefix)]


def _wait_servers_active(conn, prefix, count):
    def check():
        servers = _servers(conn, prefix)
        errored = [s for s in servers if s.status == "ERROR"]
        if errored:
            details = ["%s: %s" % (s.name, (s.fault or {}).get("message"))
                       for s in errored]
            pytest.fail("servers went to ERROR: %s" % "; ".join(details),
                        pytrace=False)
        states = {s.name: s.status for s in servers}
        done = len(servers) == count and all(
            v == "ACTIVE" for v in states.values())
        not_active = {k: v for k, v in states.items() if v != "ACTIVE"}
        return (servers if done else None,
                "%d/%d listed, not ACTIVE: %s" % (len(servers), count,
                                                  not_active))
    return wait_for("%d servers %s* to be ACTIVE" % (count, prefix), check,
                    ACTIVE_TIMEOUT)


def _wait_servers_gone(conn, prefix):
    def check():
        left = _servers(conn, prefix)
        return (not left, "still there: %s" % {s.name: s.status
                                               for s in left})
    wait_for("servers %s* to be deleted" % prefix, check, DELETE_TIMEOUT)


def _wait_stack_deleted(conn, stack):
    """Wait for Heat's asynchronous delete of stack.  get_stack raises
    NotFoundException for a stack Heat no longer has and also for one in
    DELETE_COMPLETE (which Heat still shows by ID); DELETE_FAILED fails the
    test with Heat's reason."""
    def check():
        try:
            current = conn.orchestration.get_stack(stack.id)
        except os_exc.NotFoundException:
            return True, "gone"
        if current.status == "DELETE_COMPLETE":
            return True, current.status
        if current.status == "DELETE_FAILED":
            pytest.fail("stack %s: DELETE_FAILED: %s"
                        % (stack.name, current.status_reason), pytrace=False)
        return False, "%s: %s" % (current.status, current.status_reason)
    wait_for("stack %s to be deleted" % stack.name, check,
             STACK_DELETE_TIMEOUT, interval=3)


def _assert_gone(getter, ident):
    with pytest.raises(os_exc.NotFoundException):
        getter(ident)


def _assert_ports_bound(admin_conn, network_id, servers):
    """Every server has a port on the network, bound by the linuxbridge
    agent's host (one list call, as admin: bindings are admin-only)."""
    ports = list(admin_conn.network.ports(network_id=network_id))
    by_device = {}
    for port in ports:
        by_device.setdefault(port.device_id, []).append(port)
    problems = []
    for server in servers:
        server_ports = by_device.get(server.id, [])
        if not server_ports:
            problems.append("%s has no port" % server.name)
        for port in server_ports:
            if port.binding_vif_type in UNBOUND or not port.binding_host_id:
                problems.append("%s port %s: vif_type=%r host=%r" % (
                    server.name, port.id, port.binding_vif_type,
                    port.binding_host_id))
    assert not problems, "port binding problems: %s" % "; ".join(problems)
    return ports


def test_seeded_resources_and_quotas(conn, admin_conn, image, flavor):
    assert image.visibility == "public"
    names = {f.name for f in conn.compute.flavors()}
    assert {"m1.tiny", "m1.small", "m1.medium"} <= names, names
    nfv = [f for f in admin_conn.compute.flavors() if f.name == "nfv.small"]
    assert nfv, "flavor nfv.small missing"
    nfv = nfv[0]
    specs = admin_conn.compute.fetch_flavor_extra_specs(nfv).extra_specs
    assert specs.get("hw:cpu_policy") == "dedicated", specs

    project_id = conn.current_project_id
    compute = conn.compute.get_quota_set(project_id)
    assert compute.instances >= 200 and compute.cores >= 200, compute
    assert compute.ram >= 200 * 2048, compute
    network = conn.network.get_quota(project_id)
    assert network.ports >= 500 and network.networks >= 100, network
    assert network.security_groups >= 100, network
    assert network.security_group_rules >= 500, network
    volume = conn.block_storage.get_quota_set(project_id)
    assert volume.volumes >= 100, volume

    # The member must not be an admin.
    roles = set(conn.session.auth.get_access(conn.session).role_names)
    assert "admin" not in roles and "member" in roles, roles


def test_network_security_group_keypair_ports_and_servers(
        conn, admin_conn, run_prefix, image, flavor):
    prefix = run_prefix + "-srv"
    try:
        network = conn.network.create_network(name=prefix + "-net")
        subnet = conn.network.create_subnet(
            name=prefix + "-subnet", network_id=network.id, ip_version=4,
            cidr="10.99.0.0/22", gateway_ip="10.99.0.1")
        group = conn.network.create_security_group(
            name=prefix + "-sg", description="SmartNFVO test")
        conn.network.create_security_group_rule(
            security_group_id=group.id, direction="ingress",
            ethertype="IPv4", protocol="tcp", port_range_min=22,
            port_range_max=22, remote_ip_prefix="0.0.0.0/0")
        keypair = conn.compute.create_keypair(name=prefix + "-key")
        assert keypair.private_key, "nova did not generate a key pair"

        # Two servers on ports made beforehand, the rest on the network.
        ports = [conn.network.create_port(
            name="%s-port-%d" % (prefix, i), network_id=network.id,
            security_group_ids=[group.id],
            fixed_ips=[{"subnet_id": subnet.id}]) for i in range(2)]
        for i in range(SERVER_COUNT):
            if i < len(ports):
                networks = [{"port": ports[i].id}]
            else:
                networks = [{"uuid": network.id}]
            conn.compute.create_server(
                name="%s-vm-%02d" % (prefix, i), image_id=image.id,
                flavor_id=flavor.id, networks=networks,
                key_name=keypair.name,
                security_groups=[{"name": group.name}],
                metadata={"smartnfvo-test": run_prefix})

        servers = _wait_servers_active(conn, prefix + "-vm-", SERVER_COUNT)
        all_ports = _assert_ports_bound(admin_conn, network.id, servers)
        hosts = {p.binding_host_id for p in all_ports if p.device_id}
        assert len(hosts) == 1, hosts
        for server in servers:
            assert server.key_name == keypair.name
            assert server.addresses.get(network.name), server.addresses
        made = {p.id for p in ports}
        assert made <= {p.id for p in all_ports
                        if p.device_id in {s.id for s in servers}}

        for server in servers:
            conn.compute.delete_server(server)
        _wait_servers_gone(conn, prefix + "-vm-")
        for port in ports:
            conn.network.delete_port(port)
        conn.network.delete_security_group(group)
        conn.network.delete_subnet(subnet)
        conn.network.delete_network(network)
        conn.compute.delete_keypair(keypair)

        assert not _servers(conn, prefix)
        assert not [p for p in conn.network.ports()
                    if (p.name or "").startswith(prefix)]
        assert not list(admin_conn.network.ports(network_id=network.id))
        _assert_gone(conn.network.get_network, network.id)
        _assert_gone(conn.network.get_security_group, group.id)
        _assert_gone(conn.compute.get_keypair, keypair.name)
    finally:
        errors = cleanup_prefix(conn, prefix)
        assert not errors, "cleanup failed: %s" % errors


HEAT_TEMPLATE = {
    "heat_template_version": "2018-08-31",
    "description": "SmartNFVO test stack",
    "parameters": {
        "prefix": {"type": "string"},
        "image": {"type": "string"},
        "flavor": {"type": "string"},
    },
    "resources": {
        "net": {"type": "OS::Neutron::Net",
                "properties": {"name": {"list_join": [
                    "-", [{"get_param": "prefix"}, "net"]]}}},
        "subnet": {"type": "OS::Neutron::Subnet",
                   "properties": {"network": {"get_resource": "net"},
                                  "cidr": "10.98.0.0/24",
                                  "name": {"list_join": [
                                      "-", [{"get_param": "prefix"},
                                            "subnet"]]}}},
        "sg": {"type": "OS::Neutron::SecurityGroup",
               "properties": {
                   "name": {"list_join": [
                       "-", [{"get_param": "prefix"}, "sg"]]},
                   "rules": [{"protocol": "tcp", "port_range_min": 22,
                              "port_range_max": 22,
                              "remote_ip_prefix": "0.0.0.0/0"}]}},
        "port": {"type": "OS::Neutron::Port",
                 "depends_on": ["subnet"],
                 "properties": {
                     "name": {"list_join": [
                         "-", [{"get_param": "prefix"}, "port"]]},
                     "network": {"get_resource": "net"},
                     "security_groups": [{"get_resource": "sg"}]}},
        "server": {"type": "OS::Nova::Server",
                   "properties": {
                       "name": {"list_join": [
                           "-", [{"get_param": "prefix"}, "vm"]]},
                       "image": {"get_param": "image"},
                       "flavor": {"get_param": "flavor"},
                       "networks": [{"port": {"get_resource": "port"}}]}},
    },
    "outputs": {
        "server_id": {"value": {"get_resource": "server"}},
        "port_id": {"value": {"get_resource": "port"}},
        "network_id": {"value": {"get_resource": "net"}},
    },
}


def test_heat_stack_create_and_delete(conn, admin_conn, run_prefix, image,
                                      flavor):
    prefix = run_prefix + "-heat"
    stack = None
    try:
        stack = conn.orchestration.create_stack(
            name=prefix, template=HEAT_TEMPLATE, timeout_mins=10,
            parameters={"prefix": prefix, "image": image.id,
                        "flavor": flavor.name})
        stack = conn.orchestration.wait_for_status(
            stack, "CREATE_COMPLETE", failures=["CREATE_FAILED"],
            interval=3, wait=STACK_TIMEOUT)
        assert stack.status == "CREATE_COMPLETE", stack.status_reason
        stack = conn.orchestration.get_stack(stack.id)
        outputs = {o["output_key"]: o["output_value"] for o in stack.outputs}

        server = conn.compute.get_server(outputs["server_id"])
        assert server.status == "ACTIVE"
        _assert_ports_bound(admin_conn, outputs["network_id"], [server])

        conn.orchestration.delete_stack(stack)
        _wait_stack_deleted(conn, stack)
        assert not [s for s in conn.orchestration.stacks()
                    if s.name == prefix]
        assert not _servers(conn, prefix)
        _assert_gone(conn.network.get_network, outputs["network_id"])
    except (Exception, pytest.fail.Exception):
        if stack is not None:
            events = [
                "%s %s %s" % (e.resource_name, e.resource_status,
                              e.resource_status_reason)
                for e in conn.orchestration.stack_events(stack)]
            print("stack events:\n  " + "\n  ".join(events))
        raise
    finally:
        errors = cleanup_prefix(conn, prefix)
        assert not errors, "cleanup failed: %s" % errors


def test_volume_attach_and_detach(conn, run_prefix, image):
    """Also boots the NFV flavor (hw:cpu_policy=dedicated)."""
    prefix = run_prefix + "-vol"
    flavor = [f for f in conn.compute.flavors() if f.name == "nfv.small"][0]
    try:
        network = conn.network.create_network(name=prefix + "-net")
        conn.network.create_subnet(name=prefix + "-subnet",
                                   network_id=network.id, ip_version=4,
                                   cidr="10.97.0.0/24")
        server = conn.compute.create_server(
            name=prefix + "-vm", image_id=image.id, flavor_id=flavor.id,
            networks=[{"uuid": network.id}])
        volume = conn.block_storage.create_volume(name=prefix + "-data",
                                                  size=1)
        conn.compute.wait_for_server(server, wait=ACTIVE_TIMEOUT)
        conn.block_storage.wait_for_status(volume, "available",
                                           failures=["error"], wait=120)

        conn.compute.create_volume_attachment(server, volume=volume)
        volume = conn.block_storage.wait_for_status(
            volume, "in-use", failures=["error", "error_attaching"],
            wait=120)
        assert volume.attachments[0]["server_id"] == server.id

        conn.compute.delete_volume_attachment(server, volume.id)
        conn.block_storage.wait_for_status(
            volume, "available", failures=["error", "error_detaching"],
            wait=120)
        conn.block_storage.delete_volume(volume)
        conn.block_storage.wait_for_delete(volume, wait=120)
        conn.compute.delete_server(server)
        conn.compute.wait_for_delete(server, wait=DELETE_TIMEOUT)
    finally:
        errors = cleanup_prefix(conn, prefix)
        assert not errors, "cleanup failed: %s" % errors


@pytest.mark.skipif(os.environ.get("SMARTNFVO_CLOUD_TEST_DOWN") != "1",
                    reason="set SMARTNFVO_CLOUD_TEST_DOWN=1 to test "
                           "openstack.sh down (stops the cloud)")
def test_down_leaves_nothing_running(cloud_ready):
    """Must stay the last test: it stops the cloud."""
    def run(script, *args, timeout=300):
        return subprocess.run(["bash", str(CLOUD_DIR / script)] + list(args),
                              capture_output=True, text=True, check=False,
                              timeout=timeout)

    down = run("openstack.sh", "down")
    assert down.returncode == 0, down.stdout + down.stderr
    check = run("check_down.sh")
    assert check.returncode == 0, check.stdout + check.stderr
    status = run("openstack.sh", "status")
    assert status.returncode == 3, status.stdout
