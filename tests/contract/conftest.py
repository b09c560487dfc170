"""Driver factories of the contract suite (test_contract.py): one per VIM, each declaring how to get a driver, the
plan parameters its VIM needs and how to make it refuse a create; what it can do, the driver says (capabilities).

* fake: the in-memory driver of tests/lib/fake_vim.py; always runs, in a second or two.
* local: the embedded local VIM, for real (namespaces, bridges, veths, sshds); needs root and its tools (the driver's
  own preflight check). Its own state directory under /run/smartnfvo-tests, management CIDRs in 10.202.0.0/16 that no
  host route uses. Skips with the reason, or fails when SMARTNFVO_LOCAL_VIM_REQUIRED=1.
* openstack: the test cloud (`bash tests/cloud/openstack.sh up`), clouds.yaml entry `smartnfvo`, as its member user.
  Skips with the reason, or fails when SMARTNFVO_CLOUD_REQUIRED=1.

Select one with -k (the test ids end in [fake], [local] or [openstack]): tests/run.sh runs `-k fake` with the unit
tests, `-k local` in the local-VIM stage and `-k openstack` in the test-cloud stage.

Every NS a test makes is named ct-<session>-<n> and removed when the test (or module) ends, whatever happened; the
teardown fails if the VIM still holds anything of it, found by identity.

Nothing of the collection is imported when this file loads (pytest may load it before pytest-ansible installs its
collection finder, which then refuses the collection's modules not yet imported): the fixtures import it.
"""

import ipaddress
import itertools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest

try:
    import openstack.config
    import openstack.connection
except ImportError:  # cloud_probe reports it, and the openstack factory skips
    pass

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from cloud_probe import CLOUDS_YAML, require_cloud  # noqa: E402

# An address outside every subnet the contract plans (TEST-NET-1; the VNFD's own CIDRs are TEST-NET-2 and -3).
OUTSIDE = "192.0.2.77"


class Factory:
    """How the contract gets a driver of one VIM. A new VIM subclasses this and adds itself to FACTORIES."""

    name = None

    def open(self, tmp_path_factory):
        """A driver (skip or fail here, with the reason, when the VIM cannot be used)."""
        raise NotImplementedError

    def close(self):
        """Release what open() took (after every NS is removed)."""

    def plan_params(self):
        """Instantiation parameters for one more NS (flavor and image maps, CIDRs that must not clash...)."""
        return {}

    def refuse(self, driver, resource):
        """Make the VIM refuse the create of this planned port (in the NS's desired resources, which a new plan of
        the NS does not have): by default a fixed IP outside its subnet, which a VIM's IPAM refuses."""
        resource["properties"]["fixed_ips"] = [OUTSIDE]

    def break_server(self, driver, record):
        """Put a realized server in ERROR behind the driver's back, as a crash would (skip if there is no way)."""
        pytest.skip("no way to break a server on the %s VIM" % self.name)

    def drift(self, driver, port):
        """Change a property the plan owns on a realized port behind the driver's back, as an operator's hand
        would; returns the property's name in lifecycle/drift.py (skip if there is no way)."""
        pytest.skip("no way to change a port by hand on the %s VIM" % self.name)


class FakeFactory(Factory):
    name = "fake"

    def open(self, tmp_path_factory):
        from fake_vim import FakeVim
        return FakeVim(flavors=["m1.tiny"], images=["cirros"])

    def plan_params(self):
        return {"flavor_map": {"VDU1": "m1.tiny"}, "image_map": {"VDU1": "cirros"}}

    def break_server(self, driver, record):
        driver.records[record["id"]].update(status="ERROR", fault="No valid host was found")

    def drift(self, driver, port):
        driver.records[port["id"]]["port_security_enabled"] = False
        return "port_security_enabled"


class LocalFactory(Factory):
    name = "local"
    POOL = ipaddress.ip_network("10.202.0.0/16")

    def __init__(self):
        self.state_dir = None
        self.given = set()

    def open(self, tmp_path_factory):
        from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
        from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.preflight import problems
        # Not under /tmp: every VNFC has its own /tmp, and the state directory must be the host's.
        base = "/run/smartnfvo-tests"
        found = problems(base)
        if found:
            reason = "local VIM unusable here: " + "; ".join(found)
            if os.environ.get("SMARTNFVO_LOCAL_VIM_REQUIRED") == "1":
                pytest.fail(reason, pytrace=False)
            pytest.skip(reason)
        os.makedirs(base, exist_ok=True)
        self.state_dir = tempfile.mkdtemp(prefix="t-contract-", dir=base)
        return LocalDriver(self.state_dir)

    def break_server(self, driver, record):
        """Its processes killed (the sshd first of all), as a crash would: the namespace stays, without its sshd."""
        pids = subprocess.run(["ip", "netns", "pids", record["local"]["netns"]], capture_output=True, text=True,
                              check=True).stdout.split()
        for pid in pids:
            os.kill(int(pid), signal.SIGKILL)

    def drift(self, driver, port):
        """A new MAC on the port's interface in its VNFC's namespace (the driver reads MACs from the kernel)."""
        server = next(s for s in driver.read_all()["server"] if s["id"] == port["device_id"])
        netns = server["local"]["netns"]
        links = json.loads(subprocess.run(["ip", "-j", "-n", netns, "link", "show"], capture_output=True, text=True,
                                          check=True).stdout)
        ifname = next(link["ifname"] for link in links if link.get("address") == port["mac_address"])
        subprocess.run(["ip", "-n", netns, "link", "set", "dev", ifname, "address", "fa:16:3e:77:77:77"], check=True)
        return "mac_address"

    def close(self):
        if self.state_dir:
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def plan_params(self):
        """Two /24s of 10.202.0.0/16 that no route of the host overlaps (the management one gets a host address)."""
        routes = [ipaddress.ip_network(r["dst"], strict=False) for r in json.loads(subprocess.run(
            ["ip", "-j", "-4", "route", "show", "table", "all"], capture_output=True, text=True, check=True).stdout)
            if r.get("dst") not in (None, "default") and ":" not in r["dst"]]
        free = (n for n in self.POOL.subnets(new_prefix=24) if n not in self.given and not any(n.overlaps(r) for r in routes))
        cidrs = dict(zip(("MGMT", "DATA"), itertools.islice(free, 2)))
        self.given.update(cidrs.values())
        return {"vl_cidrs": dict((vl, str(n)) for vl, n in cidrs.items())}


class OpenStackFactory(Factory):
    name = "openstack"
    CLOUD = "smartnfvo"
    ADMIN = "smartnfvo-admin"  # only to break a server (Nova's reset-state is an admin action)

    def __init__(self):
        self.conn = self.admin = None

    def open(self, tmp_path_factory):
        require_cloud((self.CLOUD,))
        from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack.driver import OpenStackDriver
        self.conn = self._connect(self.CLOUD)
        return OpenStackDriver(self.conn)

    @staticmethod
    def _connect(cloud):
        config = openstack.config.OpenStackConfig(config_files=[CLOUDS_YAML], vendor_files=[], load_envvars=False)
        conn = openstack.connection.Connection(config=config.get_one(cloud=cloud))
        conn.authorize()
        return conn

    def close(self):
        for conn in (self.conn, self.admin):
            if conn is not None:
                conn.close()

    def break_server(self, driver, record):
        """Nova's own ERROR state, set by the cloud admin (a member cannot reset a server's state)."""
        if self.admin is None:
            require_cloud((self.CLOUD, self.ADMIN))
            self.admin = self._connect(self.ADMIN)
        self.admin.compute.reset_server_state(record["id"], "error")

    def drift(self, driver, port):
        """Port security off (Neutron wants the port's security groups gone with it)."""
        self.conn.network.update_port(port["id"], security_groups=[], port_security_enabled=False)
        return "port_security_enabled"

    def plan_params(self):
        # The test cloud's flavor and image for its member user.
        return {"flavor_map": {"VDU1": "m1.tiny"}, "image_map": {"VDU1": "smartnfvo-image"}}


FACTORIES = (FakeFactory, LocalFactory, OpenStackFactory)


class Vim:
    """One factory's driver for the session, and the NSs the tests make on it."""

    def __init__(self, factory, driver, model, key_dir):
        self.factory, self.driver, self.model, self.key_dir = factory, driver, model, key_dir
        self._names = ("ct-%s-%d" % (secrets.token_hex(2), n) for n in itertools.count())

    def require(self, capability):
        """Skip a contract point the VIM cannot do: the driver says what it can (vim/capabilities.py)."""
        if capability not in self.driver.capabilities:
            pytest.skip("the %s VIM has no %s capability" % (self.factory.name, capability))

    def ns(self, level="small", like=None):
        """A new NS of the contract's VNF (planned only), or the NS `like` planned at another level."""
        from contract_ns import ContractNs
        if like is not None:
            return ContractNs(self.driver, self.model, like.ns_name, like.params, self.key_dir, level)
        return ContractNs(self.driver, self.model, next(self._names), self.factory.plan_params(), self.key_dir, level)

    def clean(self, made):
        """Remove each NS, then fail if the VIM still holds anything of one (found by identity)."""
        from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
        from contract_ns import of_ns, own
        problems = []
        for ns in made:
            try:
                ns.remove()
            except NfvoError as exc:
                problems.append("removing NS %s: %s" % (ns.ns_name, exc))
        everything = self.driver.read_all()
        for ns in made:
            left = own(ns.read())
            tagged = of_ns(everything, ns.ns_id)
            if left or tagged:
                names = sorted(r["name"] for r in tagged)
                problems.append("NS %s left on the %s VIM: %s %s" % (ns.ns_name, self.factory.name, left, names))
        if problems:
            pytest.fail("; ".join(problems), pytrace=False)


@pytest.fixture(scope="session", params=FACTORIES, ids=[f.name for f in FACTORIES])
def vim(request, tmp_path_factory):
    from contract_ns import load_model
    factory = request.param()
    try:
        driver = factory.open(tmp_path_factory)
        yield Vim(factory, driver, load_model(tmp_path_factory.mktemp("vnfd")), tmp_path_factory.mktemp("keys"))
    finally:
        factory.close()


@pytest.fixture
def new_ns(vim):
    """make(level="small", like=None): an NS planned on the VIM, removed at the end of the test."""
    made = []

    def make(level="small", like=None):
        ns = vim.ns(level, like)
        made.append(ns)
        return ns
    yield make
    vim.clean(made)


@pytest.fixture(scope="module")
def pair(vim):
    """Two NSs realized side by side on the VIM (first, second) with their Runs, shared by the module's tests that
    leave them as they found them; removed at the end of the module. They are realized at the same time, by two
    runs in two threads on the one driver, as the multi-VIM router and parallel module runs use drivers."""
    first, second = vim.ns(), vim.ns()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(ns.converge) for ns in (first, second)]
            runs = tuple(f.result() for f in futures)
        yield first, second, runs
    finally:
        vim.clean([first, second])
