"""API-side setup of the SmartNFVO test cloud, called by openstack.sh.

Runs with Debian's own python3 and openstacksdk (python3-openstackclient's
dependency), not with the project venv.  Every step is idempotent.

Sub-commands (secrets come from the environment, see openstack.sh):
  keystone   service project/users/roles, catalog, heat domain, test project
  wait TIMEOUT SERVICE[=SINCE]...
             wait until services report up (see cmd_wait)
  resources  flavors, public test image, clouds.yaml entries
"""

import datetime
import functools
import os
import sys
import time

import openstack
import openstack.config
import openstack.connection
import yaml
from keystoneauth1 import exceptions as ks_exc

AUTH_URL = "http://127.0.0.1:5000/v3"
REGION = "RegionOne"
HOST = os.environ.get("CLOUD_HOST", "smartnfvo-node")
SERVICE_PASS = os.environ.get("SERVICE_PASS", "")
ADMIN_PASS = os.environ.get("ADMIN_PASS", "")
DEMO_PASS = os.environ.get("DEMO_PASS", "")
CLOUDS_YAML = os.environ.get("CLOUDS_YAML", "/etc/openstack/clouds.yaml")
IMAGE_FILE = os.environ.get("IMAGE_FILE", "")
IMAGE_FORMAT = os.environ.get("IMAGE_FORMAT", "qcow2")
IMAGE_NAME = "smartnfvo-image"

# name, type, URL (public and internal interfaces)
CATALOG = [
    ("glance", "image", "http://127.0.0.1:9292"),
    ("placement", "placement", "http://127.0.0.1:8778"),
    ("nova", "compute", "http://127.0.0.1:8774/v2.1"),
    ("neutron", "network", "http://127.0.0.1:9696"),
    ("cinderv3", "volumev3", "http://127.0.0.1:8776/v3/%(project_id)s"),
    ("heat", "orchestration", "http://127.0.0.1:8004/v1/%(tenant_id)s"),
]
SERVICE_USERS = ["glance", "placement", "nova", "neutron", "cinder", "heat"]

# name, vcpus, ram MB, disk GB, extra specs
FLAVORS = [
    ("m1.tiny", 1, 512, 1, {}),
    ("m1.small", 1, 2048, 20, {}),
    ("m1.medium", 2, 4096, 40, {}),
    ("m1.large", 4, 8192, 80, {}),
    # NFV-style extra specs.  The fake hypervisor has no PCPUs: "dedicated"
    # is scheduled through nova's fallback to a VCPU query.
    ("nfv.small", 2, 2048, 10, {"hw:cpu_policy": "dedicated",
                                "hw:cpu_thread_policy": "prefer"}),
]


def log(msg):
    print("    " + msg, flush=True)


def connect(username="admin", password=None, project="admin"):
    # Ignore clouds.yaml and OS_* variables: a lone cloud in clouds.yaml
    # would otherwise be picked as the default.
    return openstack.connect(
        load_yaml_config=False, load_envvars=False,
        auth_url=AUTH_URL, username=username,
        password=password if password is not None else ADMIN_PASS,
        project_name=project, user_domain_name="Default",
        project_domain_name="Default", region_name=REGION,
        identity_api_version="3", interface="public")


def password_works(username, password, domain="Default"):
    """True if the user can get a token with this password."""
    try:
        conn = openstack.connect(
            load_yaml_config=False, load_envvars=False,
            auth_url=AUTH_URL, username=username, password=password,
            user_domain_name=domain, region_name=REGION,
            identity_api_version="3")
        conn.authorize()
        return True
    except Exception:  # noqa: BLE001 - any failure means "reset it"
        return False


def ensure_role(conn, name):
    role = conn.identity.find_role(name)
    return role or conn.identity.create_role(name=name)


def ensure_project(conn, name, domain_id="default", description=""):
    project = conn.identity.find_project(name, domain_id=domain_id)
    return project or conn.identity.create_project(
        name=name, domain_id=domain_id, description=description)


def ensure_user(conn, name, password, domain_id="default", project=None,
                domain_name="Default"):
    user = conn.identity.find_user(name, domain_id=domain_id)
    if user is None:
        kwargs = {"default_project_id": project.id} if project else {}
        return conn.identity.create_user(
            name=name, password=password, domain_id=domain_id, **kwargs)
    if not password_works(name, password, domain_name):
        conn.identity.update_user(user, password=password)
    return user


def grant(conn, project, user, role):
    # PUT is idempotent in keystone.
    conn.identity.assign_project_role_to_user(project, user, role)


def ensure_endpoints(conn, name, stype, url):
    service = conn.identity.find_service(name)
    if service is None or service.type != stype:
        matching = [s for s in conn.identity.services() if s.type == stype]
        service = matching[0] if matching else conn.identity.create_service(
            name=name, type=stype, is_enabled=True)
    existing = list(conn.identity.endpoints(service_id=service.id))
    for interface in ("public", "internal"):
        found = [e for e in existing if e.interface == interface]
        for extra in found[1:]:
            conn.identity.delete_endpoint(extra)
        if not found:
            conn.identity.create_endpoint(
                service_id=service.id, interface=interface, url=url,
                region_id=REGION, is_enabled=True)
        elif found[0].url != url:
            conn.identity.update_endpoint(found[0], url=url)


def cmd_keystone():
    conn = connect()
    roles = {n: ensure_role(conn, n) for n in
             ("admin", "member", "reader", "service",
              "heat_stack_owner", "heat_stack_user")}
    service_project = ensure_project(conn, "service",
                                     description="OpenStack services")
    for name in SERVICE_USERS:
        user = ensure_user(conn, name, SERVICE_PASS)
        # admin for cross-service calls, service for service tokens
        grant(conn, service_project, user, roles["admin"])
        grant(conn, service_project, user, roles["service"])
    for name, stype, url in CATALOG:
        ensure_endpoints(conn, name, stype, url)

    # Heat's domain for stack users (wait conditions, software config).
    heat_domain = conn.identity.find_domain("heat") or \
        conn.identity.create_domain(name="heat",
                                    description="Heat stack users")
    heat_admin = ensure_user(conn, "heat_domain_admin", SERVICE_PASS,
                             domain_id=heat_domain.id, domain_name="heat")
    conn.identity.assign_domain_role_to_user(heat_domain, heat_admin,
                                             roles["admin"])

    # The non-admin tenant used by the tests and by SmartNFVO.
    project = ensure_project(conn, "smartnfvo",
                             description="SmartNFVO integration tests")
    user = ensure_user(conn, "smartnfvo", DEMO_PASS, project=project)
    for role in ("member", "reader", "heat_stack_owner"):
        grant(conn, project, user, roles[role])
    # Let the admin also work inside the test project (cleanup, checks).
    admin_user = conn.identity.find_user("admin", domain_id="default")
    grant(conn, project, admin_user, roles["admin"])
    log("keystone: %d services, users admin/smartnfvo, heat domain"
        % len(CATALOG))


def wait_until(what, check, timeout):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except Exception as exc:  # noqa: BLE001 - retried until timeout
            last = exc
        time.sleep(2)
    sys.exit("ERROR: timed out after %ss waiting for %s%s"
             % (timeout, what, " (last error: %s)" % last if last else ""))


def fresh(timestamp, since):
    """True if an API timestamp (UTC, various formats) is not before since."""
    if not since:
        return True
    if not timestamp:
        return False
    stamp = datetime.datetime.strptime(
        str(timestamp)[:19].replace(" ", "T"), "%Y-%m-%dT%H:%M:%S")
    return stamp.replace(tzinfo=datetime.timezone.utc).timestamp() >= since


def cmd_wait(timeout, targets):
    """Wait until each target reports up.  A target is a service name with
    an optional "=SINCE" (epoch seconds): its report must then be at least
    that recent, so that a record left by an earlier run does not count.
    The target "hypervisor" waits for the compute node to be discovered."""
    conn = connect()

    def nova_up(binary, since):
        return any(s.binary == binary and s.host == HOST
                   and s.state == "up" and fresh(s.updated_at, since)
                   for s in conn.compute.services())

    def stamp(record):  # heat and cinder records, as JSON
        return record.get("updated_at") or record.get("created_at")

    def cinder_up(binary, since):
        services = conn.block_storage.get("/os-services").json()["services"]
        return any(s["binary"] == binary and s["state"] == "up"
                   and fresh(stamp(s), since) for s in services)

    def agent_up(binary, since):
        return any(a.binary == binary and a.host == HOST and a.is_alive
                   and fresh(a.last_heartbeat_at, since)
                   for a in conn.network.agents())

    def engine_up(binary, since):
        services = conn.orchestration.get("/services").json()["services"]
        return any(s["binary"] == binary and s["status"] == "up"
                   and fresh(stamp(s), since) for s in services)

    def hypervisor_found(binary, since):
        return ([h for h in conn.compute.hypervisors() if h.name == HOST]
                and [r for r in conn.placement.resource_providers()
                     if r.name == HOST])

    checks = {
        "nova-compute": nova_up,
        "nova-conductor": nova_up,
        "nova-scheduler": nova_up,
        "neutron-linuxbridge-agent": agent_up,
        "cinder-volume": cinder_up,
        "cinder-scheduler": cinder_up,
        "heat-engine": engine_up,
        "hypervisor": hypervisor_found,
    }
    for target in targets:
        name, since = (target.split("=", 1) + [""])[:2]
        if name not in checks:
            sys.exit("unknown wait target %s (known: %s)"
                     % (name, ", ".join(checks)))
        since = float(since or 0)
        label = "%s to report up" % name
        if since:
            label += " (after its start at %s)" % time.strftime(
                "%H:%M:%S", time.localtime(since))
        wait_until(label, functools.partial(checks[name], name, since),
                   timeout)


def ensure_flavors(conn):
    existing = {f.name: f for f in conn.compute.flavors(is_public=None)}
    for name, vcpus, ram, disk, specs in FLAVORS:
        flavor = existing.get(name)
        if flavor is None:
            flavor = conn.compute.create_flavor(
                name=name, vcpus=vcpus, ram=ram, disk=disk, is_public=True)
        current = conn.compute.fetch_flavor_extra_specs(flavor).extra_specs
        current = current or {}
        for key in set(current) - set(specs):
            conn.compute.delete_flavor_extra_specs_property(flavor, key)
        if specs and any(current.get(k) != v for k, v in specs.items()):
            conn.compute.create_flavor_extra_specs(flavor, specs)


def ensure_image(conn):
    images = list(conn.image.images(name=IMAGE_NAME))
    good = [i for i in images if i.status == "active"
            and i.visibility == "public"]
    for image in images:
        if image not in good[:1]:
            conn.image.delete_image(image)
    if good:
        return good[0]
    return conn.create_image(
        IMAGE_NAME, filename=IMAGE_FILE, disk_format=IMAGE_FORMAT,
        container_format="bare", visibility="public", wait=True,
        timeout=120, validate_checksum=False,
        tags=["smartnfvo-test-image"], min_disk=0, min_ram=0)


def write_clouds_yaml():
    common = {"region_name": REGION, "identity_api_version": 3,
              "interface": "public"}
    entries = {
        "smartnfvo-admin": dict(common, auth={
            "auth_url": AUTH_URL, "username": "admin",
            "password": ADMIN_PASS, "project_name": "admin",
            "user_domain_name": "Default",
            "project_domain_name": "Default"}),
        "smartnfvo": dict(common, auth={
            "auth_url": AUTH_URL, "username": "smartnfvo",
            "password": DEMO_PASS, "project_name": "smartnfvo",
            "user_domain_name": "Default",
            "project_domain_name": "Default"}),
    }
    data = {}
    if os.path.exists(CLOUDS_YAML):
        with open(CLOUDS_YAML) as handle:
            data = yaml.safe_load(handle) or {}
    clouds = data.setdefault("clouds", {}) or {}
    data["clouds"] = clouds
    if all(clouds.get(k) == v for k, v in entries.items()):
        return
    clouds.update(entries)
    os.makedirs(os.path.dirname(CLOUDS_YAML), exist_ok=True)
    tmp = CLOUDS_YAML + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        yaml.safe_dump(data, handle, default_flow_style=False)
    if os.path.exists(CLOUDS_YAML):
        os.chmod(tmp, os.stat(CLOUDS_YAML).st_mode & 0o777)
    os.replace(tmp, CLOUDS_YAML)


def cmd_resources():
    conn = connect()
    ensure_flavors(conn)
    image = ensure_image(conn)
    write_clouds_yaml()
    # Prove the non-admin entry works before declaring success.
    config = openstack.config.OpenStackConfig(config_files=[CLOUDS_YAML])
    demo = openstack.connection.Connection(
        config=config.get_one(cloud="smartnfvo"))
    assert any(i.id == image.id for i in demo.image.images()), \
        "test image not visible to project smartnfvo"
    log("flavors %s; image %s (%s); clouds.yaml: smartnfvo, smartnfvo-admin"
        % (", ".join(f[0] for f in FLAVORS), IMAGE_NAME, image.id))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    cmd = argv[0]
    try:
        if cmd == "keystone":
            cmd_keystone()
        elif cmd == "wait":
            cmd_wait(int(argv[1]), argv[2:])
        elif cmd == "resources":
            cmd_resources()
        else:
            sys.exit(__doc__)
    except ks_exc.ClientException as exc:
        sys.exit("ERROR: %s failed: %s" % (cmd, exc))


if __name__ == "__main__":
    main(sys.argv[1:])
