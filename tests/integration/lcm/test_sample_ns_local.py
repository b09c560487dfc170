"""The sample NS on the embedded local VIM, driven through the playbooks as a user would: instantiate (with
day-1 configuration over SSH), traffic through the firewall, the vnfs inventory, idempotence, scale, heal
and terminate, checked on the machine itself (namespaces, links, processes).

Needs root and the local VIM's tools; skipped otherwise (SMARTNFVO_LOCAL_VIM_REQUIRED=1 turns the skip into a
failure). Its own NS name and CIDRs keep it apart from the main job's sample NS and the local VIM's own tests.
The tests run in order and share one NS; whatever happens, it is terminated at the end.
"""

import json
import os
import subprocess
import sys
import time

import pytest

from ansible_output import unwrap
from lcm_helpers import REPO, recap, run_playbook

NS = "t-lcm"
VIM_DIR = "/run/smartnfvo/local-vim"
CIDRS = {"mgmt_net": "10.211.0.0/24", "client_net": "10.211.1.0/24", "server_net": "10.211.2.0/24",
         "web.web_internal": "10.211.3.0/24"}
VARS = {"ns_name": NS, "params": {"vl_cidrs": CIDRS}}
PLAYBOOKS = REPO / "playbooks"
CP_NAMES = {"client": {"client_mgmt_cp", "client_data_cp"}, "firewall": {"fw_mgmt_cp", "fw_client_cp", "fw_server_cp"},
            "web": {"web_mgmt_cp", "web_data_cp", "web_int_cp"}}


def local_vim_problem():
    if os.geteuid() != 0:
        return "the local VIM needs root"
    sys.path.insert(0, str(REPO / ".collections"))
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.preflight import problems
    found = problems(VIM_DIR)
    return "; ".join(found) if found else None


@pytest.fixture(scope="module")
def state():
    problem = local_vim_problem()
    if problem:
        if os.environ.get("SMARTNFVO_LOCAL_VIM_REQUIRED") == "1":
            pytest.fail("local VIM required but unusable: " + problem, pytrace=False)
        pytest.skip("local VIM not usable: " + problem)
    found = {"server_ids": set(), "names": set()}
    yield found
    # Whatever happened above, leave nothing behind (terminate is idempotent).
    run_playbook(PLAYBOOKS / "terminate_ns.yml", VARS, check=False)


def inventory(tmp_path):
    """Hosts of our NS as the vnfs inventory lists them: {name: hostvars}."""
    config = tmp_path / "local.vnfs.yml"
    config.write_text("plugin: smartnfvo.nfvo.vnfs\nsources:\n  - type: local\n    state_dir: %s\n" % VIM_DIR)
    proc = subprocess.run([str(REPO / ".venv" / "bin" / "ansible-inventory"), "-i", str(config), "--list"], cwd=str(REPO),
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    hostvars = unwrap(json.loads(proc.stdout)["_meta"]["hostvars"])
    return dict((name, v) for name, v in hostvars.items() if v.get("smartnfvo_ns_name") == NS)


def remember(state, hosts):
    for name, host_vars in hosts.items():
        state["server_ids"].add(host_vars["smartnfvo_server_id"])
        state["names"].add(host_vars["smartnfvo_server_name"])


def of_vnf(hosts, vnf):
    return sorted((h for h in hosts.values() if h["smartnfvo_vnf_name"] == vnf), key=lambda h: h["smartnfvo_vdu_index"])


def in_vnfc(host_vars, code, timeout=30):
    """Run Python code in a VDU instance's network namespace; returns the CompletedProcess."""
    return subprocess.run(["ip", "netns", "exec", "snfvo-" + host_vars["smartnfvo_server_name"], sys.executable, "-c", code],
                          capture_output=True, text=True, timeout=timeout, check=False)


def http_from(client, address, port=80):
    code = ("import urllib.request\nprint(urllib.request.urlopen('http://%s:%d/', timeout=5).read().decode())" % (address, port))
    return in_vnfc(client, code)


def data_ip(host_vars):
    return host_vars["smartnfvo_cps"]["web_data_cp"]["ip_address"]


def test_instantiate_configures_the_sample_ns(state):
    proc = run_playbook(PLAYBOOKS / "instantiate_ns.yml", VARS)
    assert recap(proc.stdout)["localhost"]["failed"] == 0
    # The client's own day-1 check fetched a page through the firewall.
    assert "Fetch a page from the web server through the firewall" in proc.stdout
    state["instantiated"] = True


def test_the_inventory_lists_every_vnf_instance_with_its_cps(state, tmp_path):
    assert state.get("instantiated"), "instantiate failed"
    hosts = inventory(tmp_path)
    remember(state, hosts)
    assert sorted(hosts) == ["t-lcm-client-client-vdu-0", "t-lcm-firewall-fw-vdu-0", "t-lcm-web-web-vdu-0"]
    for host_vars in hosts.values():
        cps = host_vars["smartnfvo_cps"]
        assert set(cps) == CP_NAMES[host_vars["smartnfvo_vnf_name"]]
        assert all(cp["ip_address"] and cp["mac_address"] for cp in cps.values())
        assert host_vars["ansible_host"] == cps[host_vars["smartnfvo_management_cp"]]["ip_address"]
        assert host_vars["ansible_host"].startswith("10.211.0.")


def test_http_reaches_the_web_vnf_through_the_firewall(state, tmp_path):
    hosts = inventory(tmp_path)
    client, firewall, web = of_vnf(hosts, "client")[0], of_vnf(hosts, "firewall")[0], of_vnf(hosts, "web")[0]
    route = subprocess.run(["ip", "netns", "exec", "snfvo-" + client["smartnfvo_server_name"], "ip", "route", "get", data_ip(web)],
                           capture_output=True, text=True, check=True).stdout
    assert "via %s " % firewall["smartnfvo_cps"]["fw_client_cp"]["ip_address"] in route
    page = http_from(client, data_ip(web))
    assert page.returncode == 0, page.stderr
    assert "Served by t-lcm-web-web-vdu-0" in page.stdout


def test_other_ports_of_the_web_vnf_are_dropped_by_the_firewall(state, tmp_path):
    hosts = inventory(tmp_path)
    client, web = of_vnf(hosts, "client")[0], of_vnf(hosts, "web")[0]
    listen = ("import socket\ns = socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
              "s.bind(('%s', 8081))\ns.listen()\nprint('ready', flush=True)\nwhile True:\n    s.accept()[0].close()\n" % data_ip(web))
    listener = subprocess.Popen(["ip", "netns", "exec", "snfvo-" + web["smartnfvo_server_name"], sys.executable, "-c", listen],
                                stdout=subprocess.PIPE, text=True)
    try:
        assert listener.stdout.readline().strip() == "ready"
        probe = "import socket\nsocket.create_connection(('%s', 8081), timeout=%d).close()\nprint('connected')"
        # The listener answers where no firewall is in the way: in its own VNFC...
        assert in_vnfc(web, probe % (data_ip(web), 3)).stdout.strip() == "connected"
        # ...but from the client the SYN is dropped (a timeout, not a refusal).
        blocked = in_vnfc(client, probe % (data_ip(web), 3))
        assert blocked.returncode != 0 and "timed out" in blocked.stderr, blocked.stderr
    finally:
        listener.kill()
        listener.wait(timeout=10)


def test_running_instantiate_again_changes_nothing(state):
    assert state.get("instantiated"), "instantiate failed"
    proc = run_playbook(PLAYBOOKS / "instantiate_ns.yml", VARS)
    counts = recap(proc.stdout)["localhost"]
    assert counts["changed"] == 0 and counts["failed"] == 0, proc.stdout[-4000:]


def test_as_an_awx_job_with_the_vnfs_inventory_it_changes_nothing_either(state, tmp_path):
    """AWX: the collection's playbook by name, the vnfs inventory as the only inventory (localhost is implicit)."""
    assert state.get("instantiated"), "instantiate failed"
    config = tmp_path / "local.vnfs.yml"
    config.write_text("plugin: smartnfvo.nfvo.vnfs\nsources:\n  - type: local\n    state_dir: %s\n" % VIM_DIR)
    proc = run_playbook("smartnfvo.nfvo.instantiate_ns", VARS, args=["-i", str(config)])
    counts = recap(proc.stdout)["localhost"]
    assert counts["changed"] == 0 and counts["failed"] == 0, proc.stdout[-4000:]


def test_scale_out_adds_a_configured_web_instance(state, tmp_path):
    assert state.get("instantiated"), "instantiate failed"
    run_playbook(PLAYBOOKS / "scale_ns.yml", dict(VARS, vnf="web", aspect="web_scale", steps=1, direction="out"))
    hosts = inventory(tmp_path)
    remember(state, hosts)
    webs = of_vnf(hosts, "web")
    assert [w["smartnfvo_server_name"] for w in webs] == ["t-lcm-web-web-vdu-0", "t-lcm-web-web-vdu-1"]
    page = http_from(of_vnf(hosts, "client")[0], data_ip(webs[1]))
    assert page.returncode == 0, page.stderr
    assert "Served by t-lcm-web-web-vdu-1" in page.stdout


def test_heal_brings_back_a_web_instance_whose_namespace_was_deleted(state, tmp_path):
    assert state.get("instantiated"), "instantiate failed"
    hosts = inventory(tmp_path)
    web = of_vnf(hosts, "web")[0]
    subprocess.run(["ip", "netns", "delete", "snfvo-" + web["smartnfvo_server_name"]], check=True)
    run_playbook(PLAYBOOKS / "heal_vnf.yml", dict(VARS, vnf="web"))
    hosts = inventory(tmp_path)
    remember(state, hosts)
    healed = of_vnf(hosts, "web")[0]
    assert healed["smartnfvo_server_name"] == web["smartnfvo_server_name"] and data_ip(healed) == data_ip(web)
    page = http_from(of_vnf(hosts, "client")[0], data_ip(healed))
    assert page.returncode == 0, page.stderr
    assert "Served by t-lcm-web-web-vdu-0" in page.stdout


def _links():
    return set(line.split(":")[1].strip().split("@")[0] for line in
               subprocess.run(["ip", "-o", "link"], capture_output=True, text=True, check=True).stdout.splitlines())


def _our_processes(netns_inodes, server_ids):
    """Processes in one of our namespaces, or whose command line names one of our servers or addresses."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            inode = os.stat("/proc/%s/ns/net" % pid).st_ino
            with open("/proc/%s/cmdline" % pid, "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if inode in netns_inodes or any(s in cmdline for s in server_ids) or "--bind 10.211." in cmdline:
            found.append("%s %s" % (pid, cmdline.strip()))
    return found


def test_terminate_leaves_no_namespace_link_or_process(state, tmp_path):
    sys.path.insert(0, str(REPO / ".collections"))
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local import names
    hosts = inventory(tmp_path)
    remember(state, hosts)
    netns = set("snfvo-" + n for n in state["names"])
    inodes = set(os.stat("/run/netns/" + n).st_ino for n in netns if os.path.exists("/run/netns/" + n))
    links = set()
    for host_vars in hosts.values():
        ns_id = host_vars["smartnfvo_ns_instance_id"]
        for cp in host_vars["smartnfvo_cps"].values():
            links |= {names.bridge(ns_id, cp["network_name"]), names.veth(ns_id, cp["port_name"]), names.peer(ns_id, cp["port_name"])}
    assert links & _links(), "the NS's links were not found before terminate"

    proc = run_playbook(PLAYBOOKS / "terminate_ns.yml", VARS)
    assert recap(proc.stdout)["localhost"]["failed"] == 0
    netns_list = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout
    listed = set(line.split()[0] for line in netns_list.splitlines() if line.strip())
    assert not netns & listed
    assert not links & _links()
    assert inventory(tmp_path) == {}
    # SSH sessions of the run (ControlPersist) may take their time to go once their peer is gone.
    deadline = time.monotonic() + 90
    left = _our_processes(inodes, state["server_ids"])
    while left and time.monotonic() < deadline:
        time.sleep(3)
        left = _our_processes(inodes, state["server_ids"])
    assert left == []
