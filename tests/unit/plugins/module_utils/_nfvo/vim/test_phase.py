"""Phases: the lifecycle's words for a VDU instance's state, whatever the VIM calls it."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase


@pytest.mark.parametrize("record, expected", [
    ({"status": "ACTIVE"}, phase.READY),
    ({"status": "BUILD"}, phase.PENDING),
    ({"status": "SHUTOFF"}, phase.STOPPED),
    ({"status": "ERROR"}, phase.FAILED),
    ({"status": "DELETED"}, phase.GONE),
    ({"status": None}, phase.PENDING),
    ({"status": "Running", "phase": phase.READY}, phase.READY),  # a driver's own phase wins
])
def test_of(record, expected):
    assert phase.of(record) == expected


def test_reason_reads_nova_faults_and_plain_ones():
    assert phase.reason({"fault": {"message": "No valid host was found"}}) == "No valid host was found"
    assert phase.reason({"fault": "namespace gone"}) == "namespace gone"
    assert phase.reason({}) == "no reason given"
