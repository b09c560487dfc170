"""Drift repair against the OpenStack test cloud, for real: the sample NS is instantiated, port security is turned
off by hand on one port (openstacksdk, as its owner would: security groups removed first, as Neutron wants);
check mode reports exactly that update and changes nothing, a run turns port security back on (with the project's
default security group, as the port had at create), and a re-run changes nothing with only GETs on the wire. The
NS has a name of its own and is terminated at teardown, whatever happened."""

import pytest

from conftest import MAPS, REPO, run_module, tagged
from ns_fixtures import instantiated_ns

SAMPLE = str(REPO / "descriptors" / "sample_ns")
pytest.importorskip("openstack", reason="openstacksdk is not installed")


@pytest.fixture(scope="module")
def drift_ns(conn, run_id, tmp_path_factory):
    """(module args, instantiate result) of an NS of its own; terminated at teardown even if a test failed."""
    args = dict(MAPS, cloud="smartnfvo", path=SAMPLE, ns_name="it-drift-%s" % run_id,
                key_dir=str(tmp_path_factory.mktemp("keys")))
    yield from instantiated_ns(run_module, args, tmp_path_factory, lambda done: [
        r for found in tagged(conn, done["ns_instance_id"]).values() for r in found])


def test_port_security_turned_off_by_hand_is_reported_repaired_and_then_left_alone(conn, drift_ns, tmp_path):
    args, instantiated = drift_ns
    name = "%s-web-web-vdu-0-web-data-cp" % args["ns_name"]
    [port] = [p for p in tagged(conn, instantiated["ns_instance_id"])["port"] if p.name == name]
    assert port.is_port_security_enabled and port.security_group_ids
    groups = list(port.security_group_ids)
    conn.network.update_port(port, security_groups=[], port_security_enabled=False)

    (tmp_path / "check").mkdir()
    check = run_module("ns", args, tmp_path / "check", check=True, diff=True)
    assert not check.get("failed"), check.get("msg")
    assert check["changed"] and check["changes"] == ["update port %s: port_security_enabled False -> True" % name]
    assert set(check["api_calls"]) == {"GET"}, check["api_calls"]
    assert "port/%s port_security_enabled=False\n" % name in check["diff"]["before"]
    assert "port/%s port_security_enabled=True\n" % name in check["diff"]["after"]
    assert conn.network.get_port(port.id).is_port_security_enabled is False

    (tmp_path / "run").mkdir()
    repaired = run_module("ns", args, tmp_path / "run")
    assert not repaired.get("failed"), repaired.get("msg")
    assert repaired["changed"] and repaired["created"] == [] and repaired["deleted"] == []
    assert [(u["name"], u["changes"]) for u in repaired["updated"]] == [(name, {"port_security_enabled": [False, True]})]
    assert repaired["api_calls"].get("PUT") == 1 and set(repaired["api_calls"]) == {"GET", "PUT"}, repaired["api_calls"]
    after = conn.network.get_port(port.id)
    assert after.is_port_security_enabled is True and after.security_group_ids == groups

    (tmp_path / "again").mkdir()
    again = run_module("ns", args, tmp_path / "again")
    assert not again.get("failed"), again.get("msg")
    assert not again["changed"] and again["changes"] == [] and again["updated"] == []
    assert set(again["api_calls"]) == {"GET"}, again["api_calls"]
