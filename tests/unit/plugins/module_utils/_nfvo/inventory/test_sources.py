"""VIM sources of the vnfs inventory with a fake openstacksdk connection: one list call per resource type."""

from types import SimpleNamespace as NS

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import sources as src


class FakeProxy:
    """Records every list call; answers from the table by (resource, filter)."""

    def __init__(self, calls, answers):
        self.calls, self.answers = calls, answers

    def __getattr__(self, resource):
        def lister(**query):
            self.calls.append((resource, query))
            return self.answers.get((resource, "id" if "id" in query else "tags"), [])
        return lister


class FakeConnection:
    def __init__(self, answers):
        self.calls = []
        self.network = FakeProxy(self.calls, answers)
        self.compute = FakeProxy(self.calls, answers)

    def authorize(self):
        self.calls.append(("token", {}))


def port(pid, net, subnet):
    return NS(id=pid, name=pid, device_id="s1", mac_address="fa:16:3e:00:00:01", network_id=net, status="DOWN",
              tags=["smartnfvo", "smartnfvo:cp=cp1"], fixed_ips=[{"subnet_id": subnet, "ip_address": "10.0.0.5"}])


def net(nid):
    return NS(id=nid, name="net-" + nid, tags=[])


def sub(sid, nid):
    return NS(id=sid, name="sub-" + sid, network_id=nid, cidr="10.0.0.0/24", gateway_ip=None, ip_version=4)


SERVER = NS(id="s1", name="srv", status="ACTIVE", tags=["smartnfvo"], metadata={}, key_name=None, availability_zone="nova",
            flavor=NS(id=None, original_name="m1.tiny", name=None), image=NS(id="img", name=None))


def test_one_list_call_per_resource_type_filtered_by_our_tag():
    conn = FakeConnection({("servers", "tags"): [SERVER], ("ports", "tags"): [port("p1", "n1", "s-1")],
                           ("networks", "tags"): [net("n1")], ("subnets", "tags"): [sub("s-1", "n1")]})
    records = src.OpenStackSource("vim", "cloud")._list(conn)
    lists = sorted(name for name, _q in conn.calls if name != "token")
    assert lists == ["networks", "ports", "servers", "subnets"]
    assert all(q.get("tags") == "smartnfvo" for name, q in conn.calls if name != "token")
    assert dict(conn.calls)["servers"]["details"] is True
    assert records["servers"][0]["flavor"] == {"id": None, "name": "m1.tiny"}
    assert records["ports"][0]["fixed_ips"] == [{"subnet_id": "s-1", "ip_address": "10.0.0.5"}]


def test_networks_the_ns_did_not_create_are_read_by_id_once():
    conn = FakeConnection({("ports", "tags"): [port("p1", "ext", "ext-sub"), port("p2", "ext", "ext-sub")],
                           ("networks", "id"): [net("ext")], ("subnets", "id"): [sub("ext-sub", "ext")]})
    records = src.OpenStackSource("vim", "cloud")._list(conn)
    by_id = [(name, q["id"]) for name, q in conn.calls if "id" in q]
    assert by_id == [("networks", ["ext"]), ("subnets", ["ext-sub"])]
    assert [n["name"] for n in records["networks"]] == ["net-ext"]


def test_fetch_all_reports_each_failing_source():
    class Broken(src.VimSource):
        def fetch(self):
            raise RuntimeError("Keystone\nsaid no")

    class Good(src.VimSource):
        def fetch(self):
            return {"servers": []}
    result = src.fetch_all([Broken("bad"), Good("local")])
    assert result["local"] == ({"servers": []}, None)
    assert result["bad"] == (None, "VIM bad: Keystone said no")
    assert src.fetch_all([]) == {}


def test_make_source():
    local = src.make_source({"type": "local", "state_dir": "/run/x/"})
    assert isinstance(local, src.LocalSource) and local.state_dir == "/run/x"
    assert src.make_source({"type": "local"}).state_dir == "/run/smartnfvo/local-vim"
    assert local.cache_id() != src.make_source({"type": "local"}).cache_id()
    made = src.make_source({"cloud": "c1"}, ["/x/clouds.yaml"])
    assert (made.name, made.cloud, made.clouds_yaml) == ("c1", "c1", ["/x/clouds.yaml"])
    for bad, message in (({"type": "vmware"}, "unknown source type"), ({"type": "openstack"}, "needs 'cloud'"), ("c1", "mapping")):
        with pytest.raises(src.SourceError, match=message):
            src.make_source(bad)


def test_unknown_cloud_is_a_clear_source_error(tmp_path):
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text("clouds:\n  other:\n    auth: {auth_url: 'http://127.0.0.1:5000/v3'}\n")
    with pytest.raises(src.SourceError, match="VIM mine: cloud mine"):
        src.OpenStackSource("mine", "mine", [str(clouds)]).cache_id()
