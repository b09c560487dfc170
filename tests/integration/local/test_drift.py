"""Drift repair on the embedded local VIM, for real: the sample NS is instantiated, a VNFC's data CP gets another
address and MAC by hand (ip addr / ip link in its namespace); check mode reports exactly that update and changes
nothing, a run puts the planned address and MAC back, and a re-run changes nothing and writes nothing. The NS has
its own name, CIDRs and state directory (test_local_vim.py's NS may live beside it, and checks that its own state
directory starts empty) and is terminated at the end."""

import ipaddress
import secrets
import subprocess

import pytest

from conftest import SAMPLE, new_state_dir, run_module
from ns_fixtures import instantiated_ns
from test_local_vim import guest, netns_of, vdu_instances

VL_CIDRS = {"mgmt_net": "10.201.10.0/24", "client_net": "10.201.11.0/24", "server_net": "10.201.12.0/24",
            "web.web_internal": "10.201.13.0/24"}


@pytest.fixture(scope="module")
def drift_ns(tmp_path_factory):
    """The module args of an NS of its own, in a state directory of its own, instantiated; terminated at the end."""
    for state_dir in new_state_dir("t-local-drift-"):
        args = {"vim_type": "local", "local_vim_dir": state_dir, "path": SAMPLE,
                "ns_name": "t-local-drift-%s" % secrets.token_hex(2), "key_dir": str(tmp_path_factory.mktemp("keys")),
                "vl_cidrs": VL_CIDRS, "wait_timeout": 60}
        yield from instantiated_ns(run_module, args, tmp_path_factory, lambda _done: [
            n for n in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout.split()
            if n.startswith("snfvo-" + args["ns_name"])])


def ifname_of(netns, mac):
    return next(name for name, (address, _ips) in guest(netns).items() if address == mac)


def test_a_hand_changed_address_and_mac_are_reported_repaired_and_then_left_alone(drift_ns, tmp_path):
    args, instantiated = drift_ns
    instance = next(v for v in vdu_instances(instantiated).values() if v["vdu"] == "web_vdu")
    cp = next(c for c in instance["cps"] if c["cp"] != instance.get("management_cp") and
              c["ip_addresses"][0] != instance["management_ip"])
    netns = netns_of(instance["name"])
    ifname = ifname_of(netns, cp["mac_address"])
    [planned] = cp["ip_addresses"]
    subnet = ipaddress.ip_network(cp["subnets"][0])
    hand = str(ipaddress.ip_address(planned) + 50)
    hand_mac = "02:aa:bb:cc:dd:ee"
    subprocess.run(["ip", "-n", netns, "addr", "del", "%s/%d" % (planned, subnet.prefixlen), "dev", ifname], check=True)
    subprocess.run(["ip", "-n", netns, "addr", "add", "%s/%d" % (hand, subnet.prefixlen), "dev", ifname], check=True)
    subprocess.run(["ip", "-n", netns, "link", "set", "dev", ifname, "address", hand_mac], check=True)
    port = "%s-%s" % (instance["name"], cp["cp"].replace("_", "-"))

    (tmp_path / "check").mkdir()
    check = run_module("ns", args, tmp_path / "check", check=True, diff=True)
    assert not check.get("failed"), check.get("msg")
    assert check["changed"]
    assert check["changes"] == ["update port %s: fixed_ips [%s] -> [%s], mac_address %s -> %s" % (
        port, hand, planned, hand_mac, cp["mac_address"])]
    assert set(check["api_calls"]) == {"read"}, check["api_calls"]
    assert "port/%s fixed_ips=[%s]\n" % (port, hand) in check["diff"]["before"]
    assert "port/%s fixed_ips=[%s]\n" % (port, planned) in check["diff"]["after"]
    assert guest(netns)[ifname] == (hand_mac, [hand])  # nothing changed

    (tmp_path / "run").mkdir()
    repaired = run_module("ns", args, tmp_path / "run")
    assert not repaired.get("failed"), repaired.get("msg")
    assert repaired["changed"] and repaired["created"] == [] and repaired["deleted"] == []
    assert [(u["name"], u["changes"]) for u in repaired["updated"]] == [
        (port, {"fixed_ips": [[hand], [planned]], "mac_address": [hand_mac, cp["mac_address"]]})]
    assert repaired["api_calls"].get("update") == 1 and set(repaired["api_calls"]) == {"read", "update"}
    assert guest(netns)[ifname] == (cp["mac_address"], [planned])
    after = next(v for v in vdu_instances(repaired).values() if v["name"] == instance["name"])
    assert sorted(after["cps"], key=lambda c: c["cp"]) == sorted(instance["cps"], key=lambda c: c["cp"])

    (tmp_path / "again").mkdir()
    again = run_module("ns", args, tmp_path / "again")
    assert not again.get("failed"), again.get("msg")
    assert not again["changed"] and again["changes"] == [] and again["updated"] == []
    assert set(again["api_calls"]) == {"read"}, again["api_calls"]
