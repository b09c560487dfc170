"""Rollback while one VIM service is down (the unit side of tests/integration/openstack/test_faults.py): what the
other services hold is deleted, and every resource of the service that is down is reported, none skipped."""
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns

from fake_vim import FakeVim

from repo import REPO  # noqa: E402
MAPS = {"flavor_map": {"client_vdu": "m1.tiny", "fw_vdu": "nfv.small", "web_vdu": "m1.tiny"},
        "image_map": {"debian-12-generic": "cirros"}}
NOVA = ("server", "server_group", "keypair")


class NovaDownAfterPorts(FakeVim):
    """Nova stops answering once the ports exist: server creates and every Nova delete fail."""

    down = False

    def create(self, resource, refs):
        if resource["type"] == "server":
            self.down = True
        if self.down and resource["type"] in NOVA:
            raise VimError(resource["type"], resource["name"], "no answer from http://nova (Connection refused)")
        return super().create(resource, refs)

    def delete(self, record):
        if self.down and record["type"] in NOVA:
            raise VimError(record["type"], record["name"], "no answer from http://nova (Connection refused)", "delete")
        super().delete(record)


def test_rollback_deletes_what_it_can_and_reports_every_leftover(tmp_path):
    params = dict(MAPS, path=os.path.join(REPO, "descriptors", "sample_ns"), ns_name="unit", key_dir=str(tmp_path),
                  state="present")
    vim = NovaDownAfterPorts()
    with pytest.raises(VimError) as failure:
        run_ns(params, False, vim)
    message = str(failure.value)
    assert message.startswith("create of server 'unit-") and "Connection refused" in message
    assert "rollback incomplete" in message
    # Neutron's resources are gone; the server groups and the keypair (Nova) are left and all named.
    assert [vim.of(k) for k in ("network", "subnet", "port", "server")] == [[], [], [], []]
    left = vim.of("server_group") + vim.of("keypair")
    assert len(left) == 3 and all(name in message for name in left)
    vim.down = False
    run_ns(dict(params, state="absent"), False, vim)
    assert vim.of("server_group") == [] and vim.of("keypair") == []
