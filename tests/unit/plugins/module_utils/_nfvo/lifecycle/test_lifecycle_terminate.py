"""Terminate without the descriptor (by NS name or id), placement policies, and progress of a run."""
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity as vim_tags
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.progress import ENV_FILE, Progress, file_sink, progress_path
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns

from fake_vim import FakeVim
from sample_params import sample_params


@pytest.fixture
def params(tmp_path):
    return sample_params(tmp_path)


def kinds(vim):
    return dict((k, len(vim.of(k))) for k in ("network", "subnet", "port", "server", "server_group", "keypair"))


def by_name(params, **extra):
    return dict({"ns_name": params["ns_name"], "key_dir": params["key_dir"], "state": "absent"}, **extra)


def test_terminate_by_name_removes_the_ns_and_leaves_another_one(params):
    vim = FakeVim()
    unit = run_ns(params, False, vim)
    # "unit-web" starts like unit's resource names: only the NS id in the group names tells them apart.
    other = run_ns(dict(params, ns_name="unit-web"), False, vim)
    assert all(vim_tags.is_ns_server_group(g, unit["ns_instance_id"]) != vim_tags.is_ns_server_group(g, other["ns_instance_id"])
               for g in vim.of("server_group"))
    writes = vim.writes
    check = run_ns(by_name(params), True, vim)
    assert check["changed"] and vim.writes == writes and "delete keypair %s" % unit["keypair"] in check["changes"]
    result = run_ns(by_name(params), False, vim)
    assert result["changed"] and result["ns_instance_id"] == unit["ns_instance_id"]
    assert kinds(vim) == {"network": 4, "subnet": 4, "port": 8, "server": 3, "server_group": 2, "keypair": 1}
    assert vim.of("keypair") == [other["keypair"]] and not os.path.exists(unit["private_key_path"])
    assert os.path.exists(other["private_key_path"])
    assert not run_ns(by_name(params), False, vim)["changed"]
    run_ns(dict(by_name(params), ns_name=None, ns_instance_id=other["ns_instance_id"]), False, vim)
    assert kinds(vim) == dict.fromkeys(kinds(vim), 0)


def test_terminating_an_ns_that_does_not_exist_changes_nothing(params):
    vim = FakeVim()
    assert not run_ns(by_name(params, ns_name="never"), False, vim)["changed"]
    assert not run_ns(dict(params, state="absent"), False, vim)["changed"] and vim.writes == 0


def test_terminate_by_id_without_servers_warns_about_the_keypair(params):
    vim = FakeVim(fail_on=["unit-web-web-vdu-0"])
    with pytest.raises(Exception):
        run_ns(dict(params, on_failure="keep"), False, vim)
    for server in [r for r in vim.records.values() if r["type"] == "server"]:
        vim.delete(server)
    ns_id = run_ns(params, True, vim)["ns_instance_id"]
    result = run_ns({"ns_instance_id": ns_id, "key_dir": params["key_dir"], "state": "absent"}, False, vim)
    assert result["changed"] and any("keypair" in w and "ns_name" in w for w in result["warnings_list"])
    assert kinds(vim) == dict(dict.fromkeys(kinds(vim), 0), keypair=1)
    run_ns(by_name(params), False, vim)
    assert vim.of("keypair") == []


def test_state_rules_for_path_and_ids(params):
    with pytest.raises(NfvoError, match="state present needs path"):
        run_ns(dict(params, path=None), True, FakeVim())
    with pytest.raises(NfvoError, match="ns_instance_id is only for state absent"):
        run_ns(dict(params, ns_instance_id="x"), True, FakeVim())
    with pytest.raises(NfvoError, match="needs path, ns_name or ns_instance_id"):
        run_ns({"state": "absent"}, True, FakeVim())


def test_soft_placement_plans_soft_policies_and_an_existing_strict_group_is_replaced(params):
    vim = FakeVim()
    run_ns(params, False, vim)
    policies = sorted(r["policy"] for r in vim.records.values() if r["type"] == "server_group")
    assert policies == ["anti-affinity", "anti-affinity"]
    # Nova cannot change a group's policy nor move servers between groups: the groups and their members are replaced.
    soft = run_ns(dict(params, placement="soft"), True, vim)
    groups = [c for c in soft["changes"] if c.startswith("replace server_group ")]
    assert soft["changed"] and len(groups) == 2
    assert all(c.endswith(": policy anti-affinity -> soft-anti-affinity") for c in groups)
    members = [c for c in soft["changes"] if c.startswith("replace server ")]
    assert members and all(": uses replaced server_group " in c for c in members)
    assert not any(c.startswith(("create ", "delete ", "update ")) for c in soft["changes"])
    applied = run_ns(dict(params, placement="soft"), False, vim)
    assert sorted(r["policy"] for r in vim.records.values() if r["type"] == "server_group") == ["soft-anti-affinity"] * 2
    assert len(applied["deleted"]) == len(applied["created"]) == len(groups) + len(members)
    writes = vim.writes
    assert not run_ns(dict(params, placement="soft"), False, vim)["changed"] and vim.writes == writes
    other = FakeVim()
    run_ns(dict(params, placement="soft"), False, other)
    assert sorted(r["policy"] for r in other.records.values() if r["type"] == "server_group") == ["soft-anti-affinity"] * 2


def test_progress_is_kept_logged_and_written(params, tmp_path):
    lines = []
    path = tmp_path / "progress.log"
    sink = file_sink(str(path))
    progress = Progress("smartnfvo.nfvo.ns", [lines.append, sink], clock=lambda: 0)
    result = run_ns(params, False, FakeVim(), progress=progress)
    sink.close()
    events = [e["event"] for e in result["progress"]]
    assert events[0] == "start" and events[-1] == "done" and "create" in events and "wait" in events
    assert result["progress"][0] == {"time": "1970-01-01T00:00:00Z", "event": "start",
                                     "detail": "instantiate NS unit: 22 create(s), 0 delete(s)"}
    assert path.read_text().splitlines() == lines and lines[0].startswith("1970-01-01T00:00:00Z smartnfvo.nfvo.ns start: ")
    assert "create: server unit-web-web-vdu-0" in "\n".join(lines)


def test_progress_file_comes_from_the_option_or_the_environment(tmp_path):
    assert progress_path("/a", {ENV_FILE: "/b"}) == "/a" and progress_path(None, {ENV_FILE: "/b"}) == "/b"
    assert progress_path(None, {}) is None
    with pytest.raises(NfvoError, match="cannot write the progress file .*missing"):
        file_sink(str(tmp_path / "missing" / "p.log"))
    progress = Progress()
    progress("wait", ["s%d" % i for i in range(7)])
    assert progress.events[0]["detail"] == "7 pending: s0, s1, s2, s3, s4, ... (2 more)"
