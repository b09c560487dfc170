"""The vnfs inventory's REST reader: clouds.yaml entries as openstacksdk finds them, which entries it takes, and an
OpenStack source read over HTTP from a local fake cloud (token, catalog, tagged lists, pages, fallbacks)."""

import os
import subprocess
import sys
import threading

import pytest
import yaml

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import sources as src
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import rest

from fake_openstack import FakeOpenStack

AUTH = {"auth_url": "http://keystone:5000/v3", "username": "u", "password": "p", "project_name": "proj",
        "user_domain_name": "Default", "project_domain_name": "Default"}


def write_clouds(path, clouds):
    path.write_text(yaml.safe_dump({"clouds": clouds}))
    return str(path)


def server_json(sid, name, tags=("smartnfvo",), image="img-1"):
    return {"id": sid, "name": name, "status": "ACTIVE", "tags": list(tags), "metadata": {"smartnfvo_vdu": "web_vdu"},
            "key_name": "kp", "OS-EXT-AZ:availability_zone": "nova", "image": {"id": image, "links": []} if image else "",
            "flavor": {"original_name": "m1.tiny", "vcpus": 1, "ram": 512}, "addresses": {}, "hostId": "h"}


def port_json(pid, server_id, network_id, subnet_id, ip, tags=("smartnfvo", "smartnfvo:cp=web_mgmt_cp")):
    return {"id": pid, "name": pid, "device_id": server_id, "mac_address": "fa:16:3e:00:00:%s" % pid[-2:],
            "network_id": network_id, "status": "ACTIVE", "tags": list(tags), "admin_state_up": True,
            "fixed_ips": [{"subnet_id": subnet_id, "ip_address": ip}], "security_groups": ["sg"]}


@pytest.fixture
def cloud(tmp_path, monkeypatch):
    """A fake cloud with two VDU servers of ours (one on a network the NS did not create) and one foreign server,
    and a clouds.yaml entry "fake" pointing at it."""
    monkeypatch.setenv("OS_CLIENT_SECURE_FILE", str(tmp_path / "no-secure.yaml"))
    fake = FakeOpenStack(
        servers=[server_json("s1", "ns-web-web-vdu-0"), server_json("s2", "ns-web-web-vdu-1", image=None),
                 server_json("s3", "not-ours", tags=())],
        ports=[port_json("p01", "s1", "n1", "sub1", "10.0.0.5"), port_json("p02", "s2", "ext", "ext-sub", "172.24.4.9"),
               port_json("p03", "s3", "n9", "sub9", "192.168.0.3", tags=())],
        networks=[{"id": "n1", "name": "ns-mgmt", "tags": ["smartnfvo"], "mtu": 1450},
                  {"id": "ext", "name": "public", "tags": [], "mtu": 1500}, {"id": "n9", "name": "theirs", "tags": []}],
        subnets=[{"id": "sub1", "name": "ns-mgmt", "network_id": "n1", "cidr": "10.0.0.0/24", "gateway_ip": "10.0.0.1",
                  "ip_version": 4, "tags": ["smartnfvo"]},
                 {"id": "ext-sub", "name": "public-v4", "network_id": "ext", "cidr": "172.24.4.0/24",
                  "gateway_ip": "172.24.4.1", "ip_version": 4, "tags": []}]).start()
    fake.clouds_yaml = write_clouds(tmp_path / "clouds.yaml", {"fake": {
        "auth": dict(AUTH, auth_url=fake.url, password="secret"), "region_name": "RegionOne", "interface": "public",
        "identity_api_version": 3}})
    yield fake
    fake.stop()


def test_entry_is_found_as_openstacksdk_finds_it(tmp_path, monkeypatch):
    monkeypatch.delenv("OS_CLIENT_CONFIG_FILE", raising=False)
    first = write_clouds(tmp_path / "first.yaml", {"a": {"auth": AUTH}})
    second = write_clouds(tmp_path / "second.yaml", {"b": {"auth": AUTH}})
    # Only the first file that exists counts, as in openstacksdk.
    assert rest.find_entry("a", [str(tmp_path / "missing.yaml"), first, second])["auth"]["username"] == "u"
    assert rest.find_entry("b", [first, second]) is None
    # secure.yaml adds to the entry (the password, typically).
    secure = write_clouds(tmp_path / "secure.yaml", {"a": {"auth": {"password": "from-secure"}}})
    monkeypatch.setenv("OS_CLIENT_SECURE_FILE", secure)
    entry = rest.find_entry("a", [first])
    assert (entry["auth"]["password"], entry["auth"]["username"]) == ("from-secure", "u")
    # Without explicit files: the working directory comes first in the search path.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    write_clouds(tmp_path / "clouds.yaml", {"here": {"auth": AUTH}})
    assert rest.find_entry("here") is not None and rest.find_entry("a") is None


def test_token_request_for_the_entries_it_takes():
    url, body = rest.token_request({"auth": AUTH, "region_name": "RegionOne", "identity_api_version": 3})
    assert url == "http://keystone:5000/v3"
    assert body["auth"]["identity"]["password"]["user"] == {"name": "u", "domain": {"name": "Default"}, "password": "p"}
    assert body["auth"]["scope"] == {"project": {"name": "proj", "domain": {"name": "Default"}}}
    short = dict(AUTH, auth_url="http://keystone:5000/", domain_id="default")
    del short["user_domain_name"], short["project_domain_name"]
    url, body = rest.token_request({"auth": short})
    assert url == "http://keystone:5000/v3"
    assert body["auth"]["scope"]["project"]["domain"] == {"id": "default"}
    _url, body = rest.token_request({"auth_type": "v3applicationcredential", "auth": {
        "auth_url": "https://k/v3", "application_credential_id": "ac", "application_credential_secret": "s"}})
    assert body["auth"]["identity"]["application_credential"] == {"id": "ac", "secret": "s"}
    _url, body = rest.token_request({"auth": dict(AUTH, project_id="pid")})
    assert body["auth"]["scope"] == {"project": {"id": "pid"}}


@pytest.mark.parametrize("entry", [
    {"auth": AUTH, "profile": "vexxhost"},
    {"auth": AUTH, "regions": ["r1", "r2"]},
    {"auth": AUTH, "region_name": "r1,r2"},
    {"auth": AUTH, "identity_api_version": 2},
    {"auth": AUTH, "compute_endpoint_override": "http://nova"},
    {"auth": dict(AUTH, token="t"), "auth_type": "token"},
    {"auth": dict(AUTH, auth_url="http://k/{region_name}/v3")},
    {"auth": dict((k, v) for k, v in AUTH.items() if k != "user_domain_name")},
    {"auth": dict(AUTH, system_scope="all")},
], ids=["profile", "regions", "region-list", "keystone-v2", "endpoint-override", "token", "templated-url", "no-domain",
        "system-scope"])
def test_other_entries_are_left_to_openstacksdk(entry):
    with pytest.raises(rest.Unsupported):
        rest.token_request(entry)


def test_scope_key_names_the_project_not_the_secret():
    key = rest.scope_key("c", {"auth": AUTH})
    assert key == rest.scope_key("c", {"auth": dict(AUTH, password="other")})
    assert key != rest.scope_key("c", {"auth": dict(AUTH, project_name="other")})
    assert "p|" not in key.replace("proj|", "")


def test_source_reads_our_tagged_resources_over_rest(cloud, monkeypatch):
    monkeypatch.setattr(src.OpenStackSource, "_fetch_sdk", lambda self: pytest.fail("openstacksdk was used"))
    records = src.OpenStackSource("vim", "fake", [cloud.clouds_yaml]).fetch()
    assert [s["id"] for s in records["servers"]] == ["s1", "s2"]
    assert records["servers"][0] == {
        "id": "s1", "name": "ns-web-web-vdu-0", "status": "ACTIVE", "tags": ["smartnfvo"],
        "metadata": {"smartnfvo_vdu": "web_vdu"}, "key_name": "kp", "availability_zone": "nova",
        "flavor": {"id": "m1.tiny", "name": "m1.tiny"}, "image": {"id": "img-1", "name": None}}
    assert records["servers"][1]["image"] == {}
    assert records["ports"][0] == {"id": "p01", "name": "p01", "device_id": "s1", "mac_address": "fa:16:3e:00:00:01",
                                   "network_id": "n1", "status": "ACTIVE", "tags": ["smartnfvo", "smartnfvo:cp=web_mgmt_cp"],
                                   "fixed_ips": [{"subnet_id": "sub1", "ip_address": "10.0.0.5"}]}
    # The network and subnet the NS did not create are read by id, once each.
    assert records["networks"] == [{"id": "n1", "name": "ns-mgmt", "tags": ["smartnfvo"]}, {"id": "ext", "name": "public", "tags": []}]
    assert [s["id"] for s in records["subnets"]] == ["sub1", "ext-sub"]
    calls = [(method, path.rsplit("/", 1)[1]) for method, path, _q, _h in cloud.requests]
    assert calls[0] == ("POST", "tokens")
    assert sorted(calls[1:5]) == [("GET", "detail"), ("GET", "networks"), ("GET", "ports"), ("GET", "subnets")]
    assert calls[5:] == [("GET", "networks"), ("GET", "subnets")]
    assert all(q["tags"] == ["smartnfvo"] for _m, _p, q, _h in cloud.requests[1:5])
    by_id = [(p.rsplit("/", 1)[1], q["id"]) for _m, p, q, _h in cloud.requests[5:]]
    assert by_id == [("networks", ["ext"]), ("subnets", ["ext-sub"])]
    nova = next(h for _m, p, _q, h in cloud.requests if p.endswith("/servers/detail"))
    assert nova["openstack-api-version"] == "compute " + rest.COMPUTE_MICROVERSION
    ports = next(q for _m, p, q, _h in cloud.requests if p.endswith("/ports"))
    assert ports["fields"] == list(src.PORT_FIELDS)


def test_neutron_lists_go_one_after_the_other_beside_nova(cloud):
    """Ports, networks, subnets in that order, one at a time (the first one alone has Neutron check the new token),
    while Nova's list runs: Nova's answer here waits until the last Neutron list has been asked for."""
    asked, subnets_asked, nova_waited = [], threading.Event(), []

    def before_answer(kind):
        asked.append(kind)
        if kind == "subnets":
            subnets_asked.set()
        if kind == "servers":
            nova_waited.append(subnets_asked.wait(10))
    cloud.before_answer = before_answer
    src.OpenStackSource("vim", "fake", [cloud.clouds_yaml]).fetch()
    assert nova_waited == [True]
    assert [k for k in asked if k != "servers"][:3] == ["ports", "networks", "subnets"]


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_rest_records_equal_the_openstacksdk_ones():
    """The same Nova and Neutron JSON gives the same records through openstacksdk's objects and over REST."""
    server_mod = pytest.importorskip("openstack.compute.v2.server")
    from openstack.network.v2.port import Port
    for body in (server_json("s1", "a"), server_json("s2", "b", image=None)):
        assert src._server_json(body) == src._server(server_mod.Server.existing(**body))
    body = port_json("p01", "s1", "n1", "sub1", "10.0.0.5")
    assert src._pick(body, src.PORT_FIELDS) == src._port(Port.existing(**body))


def test_servers_are_read_page_by_page(cloud, monkeypatch):
    cloud.data["servers"] = [server_json("s%d" % i, "vdu-%d" % i) for i in range(5)]
    cloud.page_size = 2
    records = src.OpenStackSource("vim", "fake", [cloud.clouds_yaml]).fetch()
    assert [s["id"] for s in records["servers"]] == ["s0", "s1", "s2", "s3", "s4"]
    assert sum(1 for _m, p, _q, _h in cloud.requests if p.endswith("/servers/detail")) == 3


def test_refused_credentials_are_an_error_without_a_second_try(cloud, monkeypatch, tmp_path):
    monkeypatch.setattr(src.OpenStackSource, "_fetch_sdk", lambda self: pytest.fail("openstacksdk was used"))
    cloud.password = "changed"
    with pytest.raises(src.SourceError, match="VIM vim .cloud fake.: Keystone .* refused the credentials .HTTP 401"):
        src.OpenStackSource("vim", "fake", [cloud.clouds_yaml]).fetch()
    assert len(cloud.requests) == 1


def test_an_older_nova_or_an_unusual_entry_falls_back_to_openstacksdk(cloud, monkeypatch, tmp_path):
    monkeypatch.setattr(src.OpenStackSource, "_fetch_sdk", lambda self: "read by openstacksdk")
    cloud.max_microversion = "2.38"
    assert src.OpenStackSource("vim", "fake", [cloud.clouds_yaml]).fetch() == "read by openstacksdk"
    profiled = write_clouds(tmp_path / "profiled.yaml", {"fake": {"profile": "somevendor", "auth": AUTH}})
    assert src.OpenStackSource("vim", "fake", [profiled]).fetch() == "read by openstacksdk"


def test_cache_key_needs_no_openstacksdk(cloud, tmp_path):
    """A cached run only needs the key: computing it imports neither openstacksdk nor keystoneauth."""
    script = ("import sys\nfrom ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import sources as s\n"
              "print(s.OpenStackSource('vim', 'fake', [sys.argv[1]]).cache_id())\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openstack', 'keystoneauth1', 'requests')))\n")
    done = subprocess.run([sys.executable, "-c", script, cloud.clouds_yaml], capture_output=True, text=True, check=True,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)))
    key, modules = done.stdout.splitlines()
    assert key.startswith("openstack_fake_") and modules == "[]"
    other = write_clouds(tmp_path / "other.yaml", {"fake": {"auth": dict(AUTH, project_name="another")}})
    assert src.OpenStackSource("vim", "fake", [other]).cache_id() not in (key, "")
    assert src.OpenStackSource("vim", "fake", [cloud.clouds_yaml]).cache_id() == key


def test_tls_verification_follows_the_entry():
    import ssl
    assert rest._tls_context({}).verify_mode == ssl.CERT_REQUIRED
    for entry in ({"verify": False}, {"verify": "false"}, {"insecure": True}):
        context = rest._tls_context(entry)
        assert (context.verify_mode, context.check_hostname) == (ssl.CERT_NONE, False), entry
