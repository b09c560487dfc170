"""Scale by aspect with smartnfvo.nfvo.vnf on the OpenStack test cloud, as the non-admin user.

The test cloud has one (fake) compute host, so web's anti-affinity rule refuses a second web VNFC with the default
strict placement (test_ns.py checks that refusal). Here the NS is instantiated with placement: soft, its server
groups are soft-anti-affinity, and the web VNF is scaled out then in: the server count moves by the aspect's delta,
the module's hosts and the vnfs inventory follow, and a plain ns re-run keeps the level. The NS is terminated by
name only (no descriptor) at the end, and at teardown whatever happened.
"""

import json
import subprocess

import pytest

from conftest import MAPS, REPO, run_module
from ansible_output import unwrap

SAMPLE = str(REPO / "descriptors" / "sample_ns")
pytest.importorskip("openstack", reason="openstacksdk is not installed")


def tagged(conn, ns_id, kind):
    tag = "smartnfvo:ns=" + ns_id
    return list(conn.compute.servers(tags=tag)) if kind == "server" else list(getattr(conn.network, kind + "s")(tags=tag))


def web_servers(conn, ns_id):
    return sorted(s.name for s in tagged(conn, ns_id, "server") if s.metadata.get("smartnfvo_vnf_name") == "web")


def groups_of(conn, ns_id):
    return [g for g in conn.compute.server_groups() if g.name.endswith("-" + ns_id)]


@pytest.fixture(scope="module")
def ns(conn, run_id, tmp_path_factory):
    key_dir = tmp_path_factory.mktemp("keys")
    args = dict(MAPS, cloud="smartnfvo", path=SAMPLE, ns_name="sc-%s" % run_id, key_dir=str(key_dir), placement="soft")
    yield args
    run_module("ns", {"cloud": "smartnfvo", "ns_name": args["ns_name"], "key_dir": args["key_dir"], "state": "absent"},
               tmp_path_factory.mktemp("teardown"))


@pytest.fixture(scope="module")
def instantiated(conn, ns, tmp_path_factory):
    result = run_module("ns", ns, tmp_path_factory.mktemp("instantiate"))
    assert not result.get("failed"), result.get("msg")
    return result


def scale(ns, operation, steps=1):
    return dict(ns, vnf="web", operation=operation, aspect="web_scale", steps=steps)


def inventory_hosts(ns, ns_id, tmp_path):
    """The NS's hosts as ansible-inventory lists them with the example configuration (and the NS's key_dir)."""
    config = tmp_path / "scale.vnfs.yml"
    config.write_text((REPO / "inventories" / "openstack.vnfs.yml").read_text() + "key_dir: %s\n" % ns["key_dir"])
    done = subprocess.run([str(REPO / ".venv" / "bin" / "ansible-inventory"), "-i", str(config), "--list"],
                          cwd=str(REPO), capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    listed = unwrap(json.loads(done.stdout))
    hostvars = dict((h, v) for h, v in listed["_meta"]["hostvars"].items() if v.get("smartnfvo_ns_instance_id") == ns_id)
    groups = dict((h, sorted(g for g, body in listed.items() if g not in ("_meta", "all") and h in (body.get("hosts") or ())))
                  for h in hostvars)
    return dict((h, {"groups": groups[h], "vars": hostvars[h]}) for h in hostvars)


def published(hosts):
    return dict((h["name"], {"groups": sorted(h["groups"]), "vars": h["vars"]}) for h in hosts)


def test_soft_placement_makes_soft_server_groups(conn, ns, instantiated, tmp_path):
    groups = groups_of(conn, instantiated["ns_instance_id"])
    assert len(groups) == 2 and all((g.policy or g.policies[0]) == "soft-anti-affinity" for g in groups)
    assert instantiated["scale_levels"] == {"web.web_scale": 0}
    # Nova cannot change a group's policy nor move a server to another group: asking for strict placement replaces the
    # groups and their members (check mode only here: it reports, and writes nothing).
    strict = run_module("ns", dict(ns, placement="strict"), tmp_path, check=True)
    assert not strict.get("failed"), strict.get("msg")
    assert strict["changed"] and set(strict["api_calls"]) == {"GET"}
    assert len([c for c in strict["changes"] if c.startswith("replace server_group ") and
                c.endswith(": policy soft-anti-affinity -> anti-affinity")]) == 2
    assert all(c.startswith("replace ") for c in strict["changes"])


def test_ns_hosts_equal_the_inventory(ns, instantiated, tmp_path):
    ns_id = instantiated["ns_instance_id"]
    assert published(instantiated["hosts"]) == inventory_hosts(ns, ns_id, tmp_path)
    assert len(instantiated["hosts"]) == 3


def test_scale_out_then_in_moves_the_server_count_by_the_delta(conn, ns, instantiated, tmp_path, monkeypatch):
    ns_id = instantiated["ns_instance_id"]
    before = web_servers(conn, ns_id)
    assert before == ["%s-web-web-vdu-0" % ns["ns_name"]]

    check = run_module("vnf", scale(ns, "scale_out"), tmp_path, check=True)
    assert not check.get("failed"), check.get("msg")
    assert check["changed"] and check["scale_level"] == 1 and web_servers(conn, ns_id) == before
    assert set(check["api_calls"]) == {"GET"}

    progress_file = tmp_path / "out.progress"
    out = run_module("vnf", dict(scale(ns, "scale_out"), progress_file=str(progress_file)), tmp_path)
    assert not out.get("failed"), out.get("msg")
    assert out["changed"] and out["previous_scale_level"] == 0 and out["scale_level"] == 1
    added = "%s-web-web-vdu-1" % ns["ns_name"]
    assert [i["name"] for i in out["added_instances"]] == [added]
    after = web_servers(conn, ns_id)
    assert len(after) == len(before) + 1 and added in after  # web_scale's delta is one VNFC per step
    assert all(s.status == "ACTIVE" for s in tagged(conn, ns_id, "server"))
    assert len([p for p in tagged(conn, ns_id, "port") if p.name.startswith(added + "-")]) == 3
    assert sorted(h["name"] for h in out["hosts"]) == after
    lines = progress_file.read_text().splitlines()
    assert len(lines) == len(out["progress"]) and " smartnfvo.nfvo.vnf create: server %s" % added in "\n".join(lines)
    assert [e["event"] for e in out["progress"]][-1] == "done" and "wait" in [e["event"] for e in out["progress"]]
    listed = inventory_hosts(ns, ns_id, tmp_path)
    assert published(out["hosts"]) == dict((h, v) for h, v in listed.items() if h in after)

    again = run_module("ns", ns, tmp_path)
    assert not again.get("failed"), again.get("msg")
    assert not again["changed"] and set(again["api_calls"]) == {"GET"} and again["scale_levels"] == {"web.web_scale": 1}

    monkeypatch.setenv("SMARTNFVO_PROGRESS_FILE", str(tmp_path / "in.progress"))
    back = run_module("vnf", scale(ns, "scale_in"), tmp_path)
    monkeypatch.delenv("SMARTNFVO_PROGRESS_FILE")
    assert not back.get("failed"), back.get("msg")
    assert "delete: server %s" % added in (tmp_path / "in.progress").read_text()
    assert back["changed"] and back["scale_level"] == 0 and [i["name"] for i in back["removed_instances"]] == [added]
    assert web_servers(conn, ns_id) == before
    assert not [p for p in tagged(conn, ns_id, "port") if p.name.startswith(added + "-")]
    assert sorted(h["name"] for h in back["hosts"]) == before
    assert sorted(h for h in inventory_hosts(ns, ns_id, tmp_path) if "-web-" in h) == before


def test_scale_in_below_zero_is_refused_with_the_limits(conn, ns, instantiated, tmp_path):
    result = run_module("vnf", scale(ns, "scale_in"), tmp_path)
    assert result["failed"] and "it is at scale level 0, and the aspect allows levels 0..3" in result["msg"]


def test_terminate_by_name_only_leaves_nothing(conn, ns, instantiated, tmp_path):
    ns_id = instantiated["ns_instance_id"]
    args = {"cloud": "smartnfvo", "ns_name": ns["ns_name"], "key_dir": ns["key_dir"], "state": "absent"}
    result = run_module("ns", args, tmp_path)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] and result["ns_instance_id"] == ns_id
    assert all(not tagged(conn, ns_id, kind) for kind in ("network", "subnet", "port", "server"))
    assert not groups_of(conn, ns_id) and conn.compute.find_keypair(instantiated["keypair"]) is None
    assert not run_module("ns", args, tmp_path)["changed"]
