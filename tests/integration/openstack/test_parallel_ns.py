"""Two NS instantiated at the same time in one project do not touch each other's resources (issue 4).

Two ansible-playbook runs of smartnfvo.nfvo.ns with the sample NS start together. Both converge; each NS's
resources carry its own tag only; terminating one leaves every resource of the other as it was (same ids,
servers still ACTIVE), and a re-run of the other then changes nothing.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import MAPS, REPO, run_module, tagged

pytest.importorskip("openstack", reason="openstacksdk is not installed")

SAMPLE = str(REPO / "descriptors" / "sample_ns")
KINDS = ("network", "subnet", "port", "server")


@pytest.fixture(scope="module")
def two_ns(conn, run_id, tmp_path_factory):
    """Module args of the two NS; both terminated at teardown whatever happened."""
    both = [dict(MAPS, cloud="smartnfvo", path=SAMPLE, ns_name="par%s-%s" % (letter, run_id),
                 key_dir=str(tmp_path_factory.mktemp("keys-" + letter))) for letter in "ab"]
    yield both
    for args in both:
        run_module("ns", dict(args, state="absent"), tmp_path_factory.mktemp("teardown"))


def test_two_ns_at_once_stay_apart(conn, two_ns, tmp_path_factory):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda args: run_module("ns", args, tmp_path_factory.mktemp(args["ns_name"])), two_ns))
    for result in results:
        assert not result.get("failed"), result.get("msg")
    first, second = (tagged(conn, r["ns_instance_id"]) for r in results)
    for found in (first, second):
        assert [len(found[k]) for k in KINDS] == [4, 4, 8, 3]
        assert all(s.status == "ACTIVE" for s in found["server"])
    ids = [set(x.id for k in KINDS for x in found[k]) for found in (first, second)]
    assert not ids[0] & ids[1]
    # Ports of one NS are only on its own networks, and its servers only use its own ports.
    for found in (first, second):
        networks = set(n.id for n in found["network"])
        assert all(p.network_id in networks for p in found["port"])
        ports = set(p.id for p in found["port"])
        assert all(set(p.id for p in conn.network.ports(device_id=s.id)) <= ports for s in found["server"])

    gone = run_module("ns", dict(two_ns[0], state="absent"), tmp_path_factory.mktemp("terminate-a"))
    assert not gone.get("failed"), gone.get("msg")
    assert all(not found for found in tagged(conn, results[0]["ns_instance_id"]).values())
    after = tagged(conn, results[1]["ns_instance_id"])
    assert set(x.id for k in KINDS for x in after[k]) == ids[1]
    assert all(s.status == "ACTIVE" for s in after["server"])
    again = run_module("ns", two_ns[1], tmp_path_factory.mktemp("rerun-b"))
    assert not again.get("failed"), again.get("msg")
    assert not again["changed"] and set(again["api_calls"]) == {"GET"}
