"""The local VIM's pure parts: kernel names, MACs, IPAM, nftables rules, preconditions (no root needed)."""

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.preflight import problems as preflight
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import firewall
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import ipam
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import names

NS_ID = "8eb5f2c2-db5d-5273-8c44-f9524a07ebc4"
LONG = "a-very-long-network-service-name-" * 4


@pytest.mark.parametrize("make", [names.bridge, names.veth, names.peer])
def test_link_names_fit_ifnamsiz_and_are_ours(make):
    name = make(NS_ID, LONG)
    assert len(name) <= names.IFNAMSIZ and names.is_ours(name)
    assert make(NS_ID, LONG) == name  # deterministic: heal finds the same links
    assert make(NS_ID, LONG + "x") != name and make("other-ns", LONG) != name


def test_the_three_kinds_of_links_differ_and_foreign_links_are_not_ours():
    assert len({names.bridge(NS_ID, "x"), names.veth(NS_ID, "x"), names.peer(NS_ID, "x")}) == 3
    assert not names.is_ours("eth0") and not names.is_ours("snb") and not names.is_ours("snfvo-phys0")


def test_namespace_and_guest_interface_names_are_readable():
    assert names.netns("demo-web-web-vdu-0") == "snfvo-demo-web-web-vdu-0"
    assert [names.guest_ifname(i) for i in range(3)] == ["eth0", "eth1", "eth2"]


def test_mac_is_stable_unicast_and_locally_administered():
    mac = names.mac(NS_ID, "demo-web-web-vdu-0-web-mgmt-cp")
    assert mac == names.mac(NS_ID, "demo-web-web-vdu-0-web-mgmt-cp")
    octets = [int(o, 16) for o in mac.split(":")]
    assert len(octets) == 6 and octets[0] & 0x02 and not octets[0] & 0x01
    assert mac != names.mac(NS_ID, "demo-web-web-vdu-1-web-mgmt-cp")


def test_ids_are_unique():
    assert names.new_id() != names.new_id()


SUBNET = {"cidr": "10.201.0.0/24", "gateway_ip": None}


def test_allocation_skips_network_gateway_and_used_addresses():
    assert ipam.gateway(SUBNET) == "10.201.0.1"
    assert ipam.allocate(SUBNET, []) == "10.201.0.2"
    assert ipam.allocate(SUBNET, ["10.201.0.2", "10.201.0.3"]) == "10.201.0.4"


def test_allocation_honours_pools_and_an_explicit_gateway():
    subnet = {"cidr": "10.201.3.0/24", "gateway_ip": "10.201.3.10",
              "allocation_pools": [{"start": "10.201.3.10", "end": "10.201.3.12"}]}
    assert ipam.allocate(subnet, []) == "10.201.3.11"
    assert ipam.allocate(subnet, ["10.201.3.11"]) == "10.201.3.12"
    with pytest.raises(ipam.IpamError, match="no free address"):
        ipam.allocate(subnet, ["10.201.3.11", "10.201.3.12"])


def test_a_full_small_subnet_is_refused():
    subnet = {"cidr": "10.201.9.0/30"}
    assert ipam.allocate(subnet, []) == "10.201.9.2"
    with pytest.raises(ipam.IpamError):
        ipam.allocate(subnet, ["10.201.9.2"])


def test_ipv6_allocation():
    assert ipam.allocate({"cidr": "fd00:201::/64"}, []) == "fd00:201::2"


@pytest.mark.parametrize("address, problem", [
    ("10.201.0.7", None),
    ("10.201.1.7", "not inside"),
    ("10.201.0.1", "gateway"),
    ("10.201.0.5", "already used"),
    ("nonsense", "not an IP address"),
])
def test_fixed_addresses_are_checked(address, problem):
    found = ipam.check_fixed(SUBNET, address, ["10.201.0.5"])
    assert (found is None) if problem is None else (problem in found)


def test_nft_ruleset_accepts_bridged_traffic_per_bridge_and_drops_routed_traffic():
    text = firewall.ruleset(["snb0000000002", "snb0000000001"])
    assert text.startswith("table inet smartnfvo_local_vim\ndelete table inet smartnfvo_local_vim\n")
    accepts = [line.strip() for line in text.splitlines() if line.strip().endswith("accept")]
    assert accepts == ['iifname "snb0000000001" oifname "snb0000000001" accept',
                       'iifname "snb0000000002" oifname "snb0000000002" accept']
    assert text.index('iifname "snb*" drop') > text.index(accepts[-1]) and 'oifname "snb*" drop' in text


@pytest.mark.parametrize("directory", ["/tmp/vim", "/var/lib/vim", "/etc/vim"])
def test_a_state_dir_that_each_vnfc_sees_as_its_own_is_refused(directory):
    assert any("local_vim_dir %s" % directory in p for p in preflight(directory))


def test_a_state_dir_overlayfs_cannot_name_is_refused():
    assert any("overlayfs options" in p for p in preflight("/run/a,b"))


def test_one_error_lists_everything_missing_and_how_to_install_it(monkeypatch):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimUnavailable
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import preflight as module

    monkeypatch.setattr(module.shutil, "which", lambda tool, path=None: None)
    monkeypatch.setattr(module.os, "geteuid", lambda: 1000)
    with pytest.raises(VimUnavailable) as error:
        LocalDriver("/tmp/state")
    message = str(error.value)
    for expected in ("root", "ip, sshd, ssh-keygen, nft, unshare, setsid", "openssh-server", "/tmp/state",
                     "apt-get install -y iproute2 openssh-server nftables"):
        assert expected in message
