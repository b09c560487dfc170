"""The registry: the one place that maps the VIM options to a VIM type and its driver."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimUnavailable
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import registry
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack.driver import OpenStackDriver


@pytest.mark.parametrize("given, vim_type, cloud", [
    ({"vim": "local"}, "local", None),
    ({"vim": "edge-site"}, "openstack", "edge-site"),
    ({"vim_type": "local"}, "local", None),
    ({"cloud": "mycloud"}, "openstack", "mycloud"),
    ({}, "openstack", None),
])
def test_vim_names_the_type_and_the_cloud(given, vim_type, cloud):
    resolved = registry.resolve(given)
    assert resolved["vim_type"] == vim_type and resolved.get("cloud") == cloud


@pytest.mark.parametrize("vim", ["kubernetes", "kubernetes:smartnfvo"])
def test_kubernetes_is_reserved_with_a_clear_reason(vim):
    with pytest.raises(VimUnavailable, match="vim=%s: the Kubernetes VIM" % vim):
        registry.resolve({"vim": vim})


def test_an_unknown_vim_type_is_refused():
    with pytest.raises(VimUnavailable, match="unknown vim_type 'vmware'"):
        registry.resolve({"vim_type": "vmware"})


def test_the_local_vim_needs_no_library():
    assert registry.missing_library({"vim": "local"}) is None


def test_drivers_declare_type_capabilities_and_boot_timeout():
    assert (LocalDriver.vim_type, OpenStackDriver.vim_type) == ("local", "openstack")
    for driver in (LocalDriver, OpenStackDriver):
        assert driver.vim_type in registry.VIM_TYPES
        assert driver.capabilities <= set(cap.ALL) and driver.boot_timeout > 0
    # What the roles and the lifecycle ask instead of the type.
    assert cap.SSH in LocalDriver.capabilities and cap.SSH not in OpenStackDriver.capabilities
    assert cap.MULTI_VIM in OpenStackDriver.capabilities and cap.MULTI_VIM not in LocalDriver.capabilities


def test_describe_is_what_the_roles_read():
    driver = LocalDriver.__new__(LocalDriver)  # no machine check: describe reads class data only
    assert driver.describe() == {"name": "local", "type": "local", "boot_timeout": 60,
                                 "capabilities": ["fixed_ips", "power", "ssh"]}
