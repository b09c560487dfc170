"""How the OpenStack driver rides out transient faults, against fake Neutron and Nova proxies: reads and deletes are
retried; a create is posted again only after a read by its name and tags shows the failed attempt did not land, and
what did land is adopted (no duplicate); anything the API decided is not retried; a spent budget is a VimError
naming the attempts, and each retry is a progress event and an entry of driver.retries."""
import threading
import types
from collections import Counter

import pytest
import requests

pytest.importorskip("openstack", reason="openstacksdk is not installed")

from keystoneauth1 import exceptions as ksa_exceptions  # noqa: E402
from openstack import exceptions as sdk_exceptions  # noqa: E402

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.retry import Retry  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack.driver import OpenStackDriver  # noqa: E402

NS = "11111111-aaaa"
TAGS = identity.tags_for(NS) if hasattr(identity, "tags_for") else [identity.ns_tag(NS)]
REFUSED = "Unable to establish connection to http://127.0.0.1:9696/v2.0/ports: [Errno 111] Connection refused"


def refused():
    return ksa_exceptions.ConnectFailure(REFUSED)


def answer(exception, status, message):
    """An openstacksdk HTTP error as raise_from_response builds it from an answer."""
    response = requests.Response()
    response.status_code, response.url, response._content = status, "http://127.0.0.1:9696/v2.0/ports", message.encode()
    return exception(message=message, response=response)


def unavailable():
    return answer(sdk_exceptions.HttpException, 503, "Service Unavailable")


class Faults:
    """Per call name, the faults to raise before the call works; landing: faults raised after the call took effect
    (the answer was lost)."""

    def __init__(self, before=None, landing=None):
        self.before, self.landing = dict(before or {}), dict(landing or {})
        self.calls = Counter()

    def run(self, name, work):
        self.calls[name] += 1
        if self.before.get(name):
            raise self.before[name].pop(0)()
        value = work()
        if self.landing.get(name):
            raise self.landing[name].pop(0)()
        return value


class FakeNeutron:
    def __init__(self, faults):
        self.faults, self.ports_made, self.deleted = faults, [], []

    def extensions(self):
        return [types.SimpleNamespace(alias="tag-creation")]

    def create_port(self, **body):
        def make():
            port = types.SimpleNamespace(id="port-%d" % (len(self.ports_made) + 1), status="DOWN", device_id="",
                                         mac_address="fa:16:3e:00:00:01", fixed_ips=[], **body)
            self.ports_made.append(port)
            return port
        return self.faults.run("create_port", make)

    def ports(self, **query):
        return self.faults.run("ports", lambda: [p for p in self.ports_made if all(
            set(v) <= set(p.tags) if k == "tags" else getattr(p, k) == v for k, v in query.items())])

    def networks(self, **query):
        return []
    subnets = networks
    delete_network = delete_subnet = None

    def delete_port(self, ident, ignore_missing=True):
        self.faults.run("delete_port", lambda: self.deleted.append(ident))


class FakeNova:
    def __init__(self, faults):
        self.faults, self.servers_made = faults, []

    def create_server(self, **body):
        def make():
            server = types.SimpleNamespace(id="srv-%d" % (len(self.servers_made) + 1), status="BUILD", **body)
            self.servers_made.append(server)
            return server
        return self.faults.run("create_server", make)

    def servers(self, tags=None):
        return self.faults.run("servers", lambda: [s for s in self.servers_made if tags in s.tags])

    delete_server = delete_server_group = delete_keypair = delete_flavor = None

    def start_server(self, ident):
        self.faults.run("start_server", lambda: None)


def driver_on(faults, retry=Retry(delay=0, max_delay=0, deadline=60)):
    driver = OpenStackDriver.__new__(OpenStackDriver)  # no connection: the proxies are fakes
    driver.net, driver.compute = FakeNeutron(faults), FakeNova(faults)
    driver.image = types.SimpleNamespace(delete_image=None)
    driver.retries, driver._lock, driver._tag_on_create = [], threading.Lock(), None
    driver._existing, driver._lookup_lock = {}, threading.Lock()
    events = []
    driver.bind_run(None, lambda event, detail: events.append((event, detail)), retry)
    return driver, events


def port(name="ns-web-0-cp1"):
    return {"type": "port", "name": name, "tags": list(TAGS), "depends_on": [],
            "properties": {"network": "net", "subnet": None}}


def refs(kind, name):
    return {"id": "%s-id" % kind}


@pytest.mark.parametrize("fault", [refused, unavailable])
def test_a_create_that_did_not_land_is_posted_again(fault):
    faults = Faults(before={"create_port": [fault]})
    driver, events = driver_on(faults)
    record = driver.create(port(), refs)
    assert record["id"] == "port-1" and len(driver.net.ports_made) == 1
    assert faults.calls["create_port"] == 2 and faults.calls["ports"] == 1  # one check by name and tags between
    assert [e for e, _detail in events] == ["retry"]
    assert "create port ns-web-0-cp1: attempt 2, after Neutron: " in events[0][1]
    assert driver.retries == [{"operation": "create", "kind": "port", "name": "ns-web-0-cp1", "attempt": 2,
                               "reason": events[0][1].split("Neutron: ", 1)[1]}]


def test_a_create_that_landed_before_its_answer_was_lost_is_adopted_not_duplicated():
    faults = Faults(landing={"create_port": [refused]})
    driver, events = driver_on(faults)
    record = driver.create(port(), refs)
    assert record["id"] == "port-1" and len(driver.net.ports_made) == 1 and faults.calls["create_port"] == 1
    assert [e for e, _detail in events] == ["retry", "retry"]
    assert "adopted" in events[1][1] and driver.retries[-1]["adopted"] is True


def test_the_check_finds_only_this_resource_by_name_and_tags():
    faults = Faults(before={"create_port": [unavailable]})
    driver, _events = driver_on(faults)
    driver.net.ports_made.append(types.SimpleNamespace(id="theirs", name="ns-web-0-cp1", tags=["someone-else"]))
    assert driver.create(port(), refs)["id"] == "port-2"


def test_a_server_whose_post_nova_accepted_is_found_by_listing_the_ns_servers():
    faults = Faults(landing={"create_server": [unavailable]})
    driver, _events = driver_on(faults)
    driver._existing = {("flavor", "m1.tiny"): "f-1", ("image", "cirros"): "i-1"}
    server = {"type": "server", "name": "ns-web-0", "tags": list(TAGS), "depends_on": [],
              "properties": {"flavor": "m1.tiny", "image": "cirros", "ports": [], "metadata": {}}}

    def no_refs(kind, name):
        raise VimError(kind, name, "not planned")
    record = driver.create(server, no_refs)
    assert record["id"] == "srv-1" and len(driver.compute.servers_made) == 1
    assert faults.calls["create_server"] == 1 and faults.calls["servers"] == 1


def test_reads_and_deletes_are_retried_as_they_are():
    faults = Faults(before={"ports": [refused, unavailable], "delete_port": [refused]})
    driver, events = driver_on(faults)
    assert driver._tagged(identity.ns_tag(NS))["port"] == []
    driver.delete({"type": "port", "name": "ns-web-0-cp1", "id": "port-9"})
    assert driver.net.deleted == ["port-9"] and faults.calls["delete_port"] == 2
    assert [d.split(":")[0] for _e, d in events] == ["list port smartnfvo", "list port smartnfvo", "delete port ns-web-0-cp1"]


def test_what_the_api_decided_is_not_retried_nor_is_a_power_action():
    def conflict():
        return answer(sdk_exceptions.ConflictException, 409, "Quota exceeded for resources: ['port']")
    faults = Faults(before={"create_port": [conflict], "start_server": [refused]})
    driver, events = driver_on(faults)
    with pytest.raises(VimError, match=r"create of port 'ns-web-0-cp1' failed: Quota exceeded.*\(HTTP 409\)$"):
        driver.create(port(), refs)
    with pytest.raises(VimError, match="start of server 'ns-web-0' failed: no answer from .*Connection refused"):
        driver.power({"type": "server", "name": "ns-web-0", "id": "srv-1"}, True)
    assert faults.calls["create_port"] == 1 and faults.calls["start_server"] == 1 and events == []


def test_a_spent_budget_names_the_attempts_and_the_service_then_fails_fast():
    faults = Faults(before={"create_port": [refused], "ports": [refused] * 2})
    driver, _events = driver_on(faults, Retry(tries=3, delay=0, max_delay=0))  # a POST, then two checks by name
    with pytest.raises(VimError, match=r"create of port 'ns-web-0-cp1' failed: Neutron: no answer from "
                                       r"http://127.0.0.1:9696/v2.0/ports \(Connection refused\) \(gave up after 3 attempts"):
        driver.create(port(), refs)
    # Neutron is still down: a rollback's delete is tried once, not for another budget.
    faults.before["delete_port"] = [refused]
    with pytest.raises(VimError, match="delete of port"):
        driver.delete({"type": "port", "name": "ns-web-0-cp1", "id": "port-9"})
    assert faults.calls["delete_port"] == 1
    # Neutron answers again: the budget is back.
    faults.before["delete_port"] = [refused]
    driver._tagged(identity.ns_tag(NS))
    driver.delete({"type": "port", "name": "ns-web-0-cp1", "id": "port-9"})
    assert faults.calls["delete_port"] == 3
