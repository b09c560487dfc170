"""The driver contract: what every VIM driver (vim/protocol.py) must do, stated once and run against every factory
of conftest.py (the in-memory fake, the local VIM, the OpenStack test cloud). A new driver adds a factory and
passes this file unchanged. See README.md beside it.

Everything goes through the protocol as the lifecycle uses it: plans from a real (inline) VNF descriptor, actions
from lifecycle.diff, applied by lifecycle.executor.Run; no module, no mock of the VIM's side.
"""

import ipaddress
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as plan_diff
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.protocol import VimDriver

from contract_ns import VDU, WAIT, of_ns, own


def by_name(records):
    return dict((r["name"], r) for r in records)


def refs_in(state):
    """refs(kind, name) of a create, over the records of a read_ns state (VimError when there is none)."""
    found = dict(((kind, r["name"]), r) for kind, records in state.items() for r in records)

    def refs(kind, name):
        if (kind, name) not in found:
            raise VimError(kind, name, "not in the state read")
        return found[(kind, name)]
    return refs


def created_by_kind(run):
    """{kind: sorted ids} of what a Run created, as contract_ns.own gives them of a state."""
    created = {}
    for record in run.created:
        created.setdefault(record["type"], []).append(record["id"])
    return dict((kind, sorted(ids)) for kind, ids in created.items())


def planned_tags(ns, record):
    return next(r["tags"] for r in ns.desired if (r["type"], r["name"]) == (record["type"], record["name"]))


def assert_record(ns, record, kind):
    """A record as the protocol states it: type, name, id; tagged kinds carry the identity tags of their plan
    resource (NS, VNF, VDU, index, CP); servers carry the NS in their metadata."""
    assert record["type"] == kind and record["name"] and record["id"], record
    if kind in plan_diff.TAGGED:
        assert set(planned_tags(ns, record)) <= set(record.get("tags") or ()), record
        assert identity.owner_ns(record["tags"]) == ns.ns_id, record
    if kind == "server":
        assert identity.parse_server_metadata(record.get("metadata")).get("ns_instance_id") == ns.ns_id, record


# -- 0. the protocol's plain parts -------------------------------------------------------------------------------
def test_the_driver_answers_the_protocol_plain_calls(vim):
    driver = vim.driver
    assert isinstance(driver, VimDriver)
    assert isinstance(driver.write_calls(), int)
    variables = driver.connection_vars()
    assert isinstance(variables, dict) and all(isinstance(k, str) and k.startswith("ansible_") for k in variables)
    assert list(driver.retries) == list(driver.retries)  # iterable, and iterating it changes nothing
    driver.bind_run(WAIT, lambda event, detail: None, None)
    assert isinstance(driver.read_all(), dict)
    assert isinstance(driver.call_counts(), dict) and list(driver.warnings) == list(driver.warnings)


def test_the_driver_says_what_it_is_and_what_it_can_do(vim):
    """What callers ask instead of the VIM's type (vim/capabilities.py), and what the roles read (describe)."""
    driver = vim.driver
    assert driver.vim_type and driver.capabilities <= set(cap.ALL) and driver.boot_timeout > 0
    described = driver.describe()
    assert described == {"name": driver.name, "type": driver.vim_type, "capabilities": sorted(driver.capabilities),
                         "boot_timeout": driver.boot_timeout}


# -- 1. realize --------------------------------------------------------------------------------------------------
def test_realize_creates_every_planned_resource_after_what_it_uses(pair):
    first, _second, (run, _other) = pair
    assert sorted((r["type"], r["name"]) for r in run.created) == sorted(
        (r["type"], r["name"]) for r in first.desired if r["type"] not in plan_diff.SHARED)
    for record in run.created:
        assert_record(first, record, record["type"])
    # The executor starts a create once what it uses exists: each record comes after those of its dependencies.
    position = dict((plan_diff.key(r), i) for i, r in enumerate(run.created))
    for resource, uses in plan_diff.dependencies(first.desired).items():
        assert all(position[used] < position[resource] for used in uses if used in position), (resource, uses)


# -- 2. observe --------------------------------------------------------------------------------------------------
def test_read_ns_returns_exactly_what_was_created_keyed_by_kind(pair):
    first, second, (run, other) = pair
    for ns, made in ((first, run), (second, other)):
        state = ns.read()
        assert own(state) == created_by_kind(made)
        for kind, records in state.items():
            for record in records:
                assert_record(ns, record, kind)


def test_read_ns_holds_nothing_of_another_ns_and_read_all_holds_both(vim, pair):
    first, second, runs = pair
    ids = [set(r["id"] for r in run.created) for run in runs]
    assert not ids[0] & ids[1]
    for ns, foreign in ((first, ids[1]), (second, ids[0])):
        assert not set(i for found in own(ns.read()).values() for i in found) & foreign
    everything = vim.driver.read_all()
    for ns, run in zip((first, second), runs):
        tagged = sorted(r["id"] for r in run.created if r["type"] in plan_diff.TAGGED)
        assert sorted(r["id"] for r in of_ns(everything, ns.ns_id)) == tagged
        for record in of_ns(everything, ns.ns_id):
            assert record["type"] in plan_diff.TAGGED and identity.TAG in record["tags"]


def test_read_ns_of_an_unknown_ns_is_empty(vim, pair):
    first, _second, _runs = pair
    unknown = vim.ns()  # planned, never realized: same shape of plan, another NS id
    assert own(unknown.read()) == {}
    assert unknown.ns_id != first.ns_id


def test_records_carry_what_reporting_needs_and_link_by_id(pair):
    """Subnets name their network, ports their network, subnet and server, by the ids of those records; ports have
    a MAC and addresses in their subnet; servers a status, metadata and a fault (None when there is none)."""
    first = pair[0]
    state = first.read()
    assert set(plan_diff.TAGGED) <= set(state)
    ids = dict(((kind, r["name"]), r["id"]) for kind, records in state.items() for r in records)
    planned = dict((r["name"], r["properties"]) for r in first.desired if r["type"] in ("subnet", "port"))
    cidrs = {}
    for subnet in state["subnet"]:
        assert subnet["cidr"] == planned[subnet["name"]]["cidr"] and subnet["network_id"] == ids[("network", subnet["name"])]
        cidrs[subnet["id"]] = ipaddress.ip_network(subnet["cidr"])
    owner = dict((p, r["name"]) for r in first.planned("server") for p in r["properties"]["ports"])
    for port in state["port"]:
        props = planned[port["name"]]
        assert {"network_id", "mac_address", "fixed_ips", "tags", "status"} <= set(port), port
        assert port["network_id"] == ids[("network", props["network"])] and port["mac_address"]
        assert [f["subnet_id"] for f in port["fixed_ips"]] == [ids[("subnet", props["subnet"])]]
        assert all(ipaddress.ip_address(f["ip_address"]) in cidrs[f["subnet_id"]] for f in port["fixed_ips"])
        assert port["device_id"] == ids[("server", owner[port["name"]])]
    for server in state["server"]:
        assert {"status", "tags", "metadata", "fault"} <= set(server), server
        assert phases.of(server) == phases.READY and not server["fault"]


def test_vdu_instances_are_what_the_inventory_publishes(vim, pair):
    """One VDU instance per server, with its identity, phase and CPs holding the ports' addresses and MACs."""
    first = pair[0]
    state = first.read()
    instances = vim.driver.vdu_instances(state, first.ns_id)
    assert sorted(i["id"] for i in instances) == sorted(s["id"] for s in state["server"])
    ports = dict((p["mac_address"], p) for p in state["port"])
    for instance in instances:
        assert instance["ns_instance_id"] == first.ns_id and instance["vdu"] == VDU and instance["phase"] == phases.READY
        assert instance["cps"] and instance["management_cp"] in instance["cps"]
        for cp in instance["cps"].values():
            port = ports[cp["mac_address"]]
            assert cp["ip_addresses"] == [f["ip_address"] for f in port["fixed_ips"]] and cp["netmask"]


# -- 3. idempotence ----------------------------------------------------------------------------------------------
def test_a_realized_ns_needs_no_action_and_applying_it_writes_nothing(vim, pair):
    for ns in pair[:2]:
        before = vim.driver.write_calls()
        actions = plan_diff.diff(ns.desired, ns.read())
        assert (actions["create"], actions["delete"]) == ([], []), plan_diff.summary(actions)
        ns.run().apply(actions, known=actions["keep"])
        assert vim.driver.write_calls() == before


# -- 4. delete ---------------------------------------------------------------------------------------------------
def test_removal_leaves_nothing_and_a_second_delete_is_no_error(vim, new_ns):
    ns = new_ns()
    ns.converge()
    servers = ns.read()["server"]
    for server in servers:
        vim.driver.delete(server)
        vim.driver.delete(server)  # again, while the first delete may still be under way
    assert not vim.driver.wait_servers(ns.ns_id, [s["id"] for s in servers], gone=True, wait=WAIT)
    run = ns.remove()  # the rest: nothing of the servers is found any more
    deleted = servers + run.deleted
    assert sorted((r["type"], r["name"]) for r in deleted) == sorted(
        (r["type"], r["name"]) for r in ns.desired if r["type"] not in plan_diff.SHARED)
    assert own(ns.read()) == {}
    assert of_ns(vim.driver.read_all(), ns.ns_id) == []
    for record in deleted:
        vim.driver.delete(record)  # already gone: not an error
    assert not vim.driver.wait_servers(ns.ns_id, [s["id"] for s in servers], gone=True, wait=WAIT)
    assert own(ns.read()) == {}
    assert plan_diff.removal(ns.read())["delete"] == []


# -- 5. leftovers found by identity ------------------------------------------------------------------------------
def test_a_port_tagged_with_the_ns_outside_the_plan_is_found_and_deleted(vim, pair):
    first = pair[0]
    state = first.read()
    data = next(r for r in first.planned("port") if not r["properties"].get("management"))
    stray = dict(data, name=first.ns_name + "-stray", tags=identity.tags_for(first.ns_id),
                 properties=dict(data["properties"]))
    record = vim.driver.create(stray, refs_in(state))
    try:
        assert record["type"] == "port" and record["name"] == stray["name"] and record["id"]
        assert set(stray["tags"]) <= set(record["tags"])
        actions = plan_diff.diff(first.desired, first.read())
        assert actions["create"] == [] and [(r["type"], r["id"]) for r in actions["delete"]] == [("port", record["id"])]
        first.run().apply(actions, known=actions["keep"])
        assert record["id"] not in [r["id"] for r in first.read()["port"]]
        assert own(first.read()) == own(state)
    finally:
        vim.driver.delete(record)


def test_a_tagged_network_outside_the_plan_goes_with_its_subnet_and_port(vim, pair):
    """A whole stray virtual link of the NS (network, subnet, a port on it): diff deletes the three, in order."""
    first = pair[0]
    state = first.read()
    name, tags = first.ns_name + "-stray-vl", identity.tags_for(first.ns_id)
    stray = [{"type": "network", "name": name, "node": None, "vnf": None, "tags": tags, "depends_on": [], "properties": {}},
             {"type": "subnet", "name": name, "node": None, "vnf": None, "tags": tags, "depends_on": [name],
              "properties": {"cidr": "192.0.2.0/24", "ip_version": 4, "enable_dhcp": False}},
             {"type": "port", "name": name + "-cp", "node": None, "vnf": None, "tags": tags, "depends_on": [name],
              "properties": {"network": name, "subnet": name, "vnic_type": "normal", "management": False}}]
    made = {}
    try:
        for resource in stray:
            made[resource["type"]] = vim.driver.create(resource, refs_in(dict(state, **dict((k, [r]) for k, r in made.items()))))
        actions = plan_diff.diff(first.desired, first.read())
        assert actions["create"] == []
        assert [(r["type"], r["id"]) for r in actions["delete"]] == [(k, made[k]["id"]) for k in ("port", "subnet", "network")]
        first.run().apply(actions, known=actions["keep"])
        assert own(first.read()) == own(state)
    finally:
        for record in reversed(list(made.values())):
            vim.driver.delete(record)


def test_identity_alone_finds_the_whole_ns_without_its_plan(pair):
    """What terminate reads when the descriptor is gone: the NS id and its keypair's name find everything."""
    first = pair[0]
    assert own(first.driver.read_ns(first.ns_id, first.planned("keypair"))) == own(first.read())


def test_a_lost_server_is_created_again_on_its_ports(vim, new_ns):
    """A server gone from the VIM (deleted behind the NS's back) is missing in read_ns: diff creates it again, and it
    takes the ports that outlived it."""
    ns = new_ns()
    ns.converge()
    server = ns.read()["server"][0]
    ports = sorted(p["id"] for p in ns.read()["port"])
    vim.driver.delete(server)
    assert not vim.driver.wait_servers(ns.ns_id, [server["id"]], gone=True, wait=WAIT)
    actions = plan_diff.diff(ns.desired, ns.read())
    assert actions["delete"] == [] and [(r["type"], r["name"]) for r in actions["create"]] == [("server", server["name"])]
    ns.run().apply(actions, known=actions["keep"])
    after = ns.read()
    assert [(s["name"], vim.driver.phase(s)) for s in after["server"]] == [(server["name"], phases.READY)]
    assert sorted(p["id"] for p in after["port"]) == ports
    assert all(p["device_id"] == after["server"][0]["id"] for p in after["port"])


def test_scale_in_leaves_instances_that_identity_finds_and_diff_deletes(new_ns):
    large = new_ns("large")
    large.converge()
    small = new_ns("small", like=large)
    assert small.ns_id == large.ns_id
    state = small.read()
    assert len(state["server"]) == 2
    actions = plan_diff.diff(small.desired, state)
    assert actions["create"] == []
    assert sorted((r["type"], r["name"]) for r in actions["delete"]) == sorted(
        (r["type"], r["name"]) for r in large.desired if r["type"] in ("server", "port")
        and identity.parse_tags(r["tags"]).get("vdu_index") == 1)
    small.run().apply(actions, known=actions["keep"])
    after = small.read()
    assert [s["name"] for s in after["server"]] == [r["name"] for r in small.planned("server")]
    again = plan_diff.diff(small.desired, after)
    assert (again["create"], again["delete"]) == ([], [])


def test_a_property_changed_by_hand_is_updated_in_place_and_then_left_alone(vim, new_ns):
    """Drift: diff reports one update of what changed (no create, no delete), applying it writes, and the NS then
    needs no action and applying that writes nothing."""
    ns = new_ns()
    ns.converge()
    port = ns.read()["port"][0]
    changed = vim.factory.drift(vim.driver, port)
    actions = plan_diff.diff(ns.desired, ns.read())
    assert (actions["create"], actions["delete"], actions["replace"]) == ([], [], []), plan_diff.summary(actions)
    assert [(u["record"]["id"], sorted(u["changes"])) for u in actions["update"]] == [(port["id"], [changed])]
    before = vim.driver.write_calls()
    ns.run().apply(actions, known=actions["keep"])
    assert vim.driver.write_calls() > before
    again = plan_diff.diff(ns.desired, ns.read())
    assert not plan_diff.changed(again), plan_diff.summary(again)
    before = vim.driver.write_calls()
    ns.run().apply(again, known=again["keep"])
    assert vim.driver.write_calls() == before


# -- 6. servers: ready, power ------------------------------------------------------------------------------------
def test_wait_servers_returns_the_servers_ready(vim, pair):
    first = pair[0]
    servers = first.read()["server"]
    ready = vim.driver.wait_servers(first.ns_id, [s["id"] for s in servers], wait=WAIT)
    assert sorted(ready) == sorted(s["id"] for s in servers)
    for ident, record in ready.items():
        assert record["id"] == ident and vim.driver.phase(record) == phases.READY
        assert_record(first, record, "server")


def test_power_off_and_on_round_trip(vim, pair):
    vim.require(cap.POWER)
    first = pair[0]
    vnf = first.planned("server")[0]["vnf"]
    servers = first.read()["server"]
    try:
        first.run().power(plan_diff.power(first.desired, first.read(), vnf, on=False), on=False)
        stopped = first.read()
        assert sorted((s["id"], vim.driver.phase(s)) for s in stopped["server"]) == sorted((s["id"], phases.STOPPED) for s in servers)
        # A stopped server is the plan's still: kept, not replaced.
        actions = plan_diff.diff(first.desired, stopped)
        assert (actions["create"], actions["delete"]) == ([], [])
        assert plan_diff.power(first.desired, stopped, vnf, on=False) == []
    finally:
        first.run().power(plan_diff.power(first.desired, first.read(), vnf, on=True), on=True)
    assert sorted((s["id"], vim.driver.phase(s)) for s in first.read()["server"]) == sorted((s["id"], phases.READY) for s in servers)


def test_a_broken_server_reads_error_fails_the_wait_and_heals_on_its_ports(vim, new_ns):
    """The phases of a VDU instance: ready (wait_servers), stopped (power, above), failed (here: read_ns shows it,
    wait_servers raises naming it, heal replaces it on the same ports), gone (delete, below)."""
    ns = new_ns()
    ns.converge()
    server = ns.read()["server"][0]
    ports = sorted(p["id"] for p in ns.read()["port"])
    vim.factory.break_server(vim.driver, server)
    state = ns.read()
    broken = by_name(state["server"])[server["name"]]
    # "fault" is what the VIM says (Nova has none after an admin reset-state, only after a failure of its own).
    assert broken["id"] == server["id"] and vim.driver.phase(broken) == phases.FAILED and "fault" in broken, broken
    with pytest.raises(VimError) as caught:
        vim.driver.wait_servers(ns.ns_id, [server["id"]], wait=WAIT)
    assert (caught.value.kind, caught.value.name) == ("server", server["name"]), str(caught.value)
    actions = plan_diff.heal(ns.desired, state, ns.planned("server")[0]["vnf"])
    assert [r["id"] for r in actions["delete"]] == [server["id"]]
    assert [(r["type"], r["name"]) for r in actions["create"]] == [("server", server["name"])]
    ns.run().apply(actions, known=actions["keep"], delete_first=True)
    after = ns.read()
    assert [(s["name"], vim.driver.phase(s)) for s in after["server"]] == [(server["name"], phases.READY)]
    assert after["server"][0]["id"] != server["id"] and sorted(p["id"] for p in after["port"]) == ports


# -- 7. errors ---------------------------------------------------------------------------------------------------
def test_a_refused_create_names_the_resource_and_the_run_rolls_back(vim, new_ns):
    ns = new_ns()
    port = ns.planned("port")[-1]
    vim.factory.refuse(vim.driver, port)
    with pytest.raises(VimError) as caught:
        ns.converge()
    failure = caught.value
    assert (failure.kind, failure.name, failure.operation) == ("port", port["name"], "create"), str(failure)
    assert port["name"] in str(failure) and failure.reason and "rollback incomplete" not in str(failure)
    assert own(ns.read()) == {}
    assert of_ns(vim.driver.read_all(), ns.ns_id) == []
    # The NS key this run generated went with it.
    assert not os.path.exists(ns.planned("keypair")[0]["properties"]["private_key_path"])
    # Planned again without the refused address, the NS converges from nothing: the failed run left nothing in the way.
    again = new_ns(like=ns)
    run = again.converge()
    assert own(again.read()) == created_by_kind(run)
    actions = plan_diff.diff(again.desired, again.read())
    assert (actions["create"], actions["delete"]) == ([], [])


def test_the_plan_is_the_vdu_the_contract_expects(pair):
    """The suite's own premise: the contract's VNF plans what the tests above rely on."""
    first = pair[0]
    assert [r["properties"]["vdu"] for r in first.planned("server")] == [VDU]
    assert len(first.planned("port")) == 2 and len(first.planned("server_group")) == 1
