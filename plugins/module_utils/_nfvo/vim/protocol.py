# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the lifecycle needs from a VIM. Each VIM (OpenStack, the local VIM, and later others) implements it.

Records are plain dicts: {"type", "name", "id"} plus, per type, what reporting needs
(servers: status, tags, metadata, fault; ports: network_id, mac_address, fixed_ips, tags, status).
Records also carry the properties the plan owns that the driver reads (lifecycle.drift.OWNED: a port's
port_security_enabled, a network's mtu, a subnet's enable_dhcp, ...), and may carry "assigned": {property: value}
for what the VIM chose at create time where the plan leaves it open, when the driver remembers it apart from what it
now sees (the local VIM's addresses and MACs); drift compares with those, and only what a record carries.
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases


class VimDriver:
    """Interface. Methods raise VimError naming the resource and the VIM's reason."""

    # The VIM's type, as the registry (vim/registry.py) knows it.
    vim_type = None
    # What this VIM can do (vim/capabilities.py): callers ask instead of branching on vim_type.
    capabilities = frozenset()
    # Seconds a VDU instance may take from ready to answering SSH (the roles' default SSH wait).
    boot_timeout = 300
    # The VIM's name in inventory groups and host variables (vim_<name>, smartnfvo_vim).
    name = None
    # What the driver noticed during the run (shown as module warnings).
    warnings = ()
    # The retries this driver made after transient faults (dicts: operation, kind, name, attempt, reason, adopted),
    # for lifecycle.retry.summary; a VIM without transient faults (the local one) makes none.
    retries = ()

    def connection_vars(self):
        """Ansible connection variables that hosts on this VIM need (ansible_user, ssh arguments, ...)."""
        return {}

    def vdu_instances(self, current, ns_id=None):
        """The VDU instances (inventory/server_instances.py's VIM-neutral dicts: identity, name, phase, CPs with
        addresses) in records this driver returned, of one NS when ns_id is given: what the inventory publishes.
        This default reads the server and port records OpenStack and the local VIM return."""
        from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory import ns_hosts, server_instances
        return server_instances.vdu_instances(self.name, ns_hosts.inventory_records(current, ns_id))

    def read_ns(self, ns_id, desired):
        """Current state of the NS: {type: [record]}, tagged resources by tag, the others (flavors, images,
        server groups, keypair) by the names/contents in desired; server groups also when
        identity.is_ns_server_group(name, ns_id) (terminate without the plan finds them so). Server group
        records carry their "policy". Images the NS uploaded (identity.image_tags) are found by tag, plan or not,
        with their "tags" and "status"; an image another NS uploaded is never returned."""
        raise NotImplementedError

    def read_all(self):
        """Every resource SmartNFVO tagged, of every NS: {type: [record]} (networks, subnets, ports, servers)."""
        raise NotImplementedError

    def create(self, resource, refs):
        """Create one plan resource; refs(type, name) gives the record of a resource it uses. Returns its record."""
        raise NotImplementedError

    def update(self, record, changes, resource):
        """Put back the owned properties of one resource that drifted: changes is {property: (on the VIM, planned)}
        (lifecycle.drift.compare), resource the plan's. Only those properties are sent (what a user added besides,
        such as their own tags, stays). Returns the new record."""
        raise NotImplementedError

    def delete(self, record):
        """Delete one resource; a resource already gone is not an error."""
        raise NotImplementedError

    def wait_servers(self, ns_id, ids, gone=False, wait=None, on_progress=None, phase=phases.READY):
        """Wait until the servers ids are all in phase (READY or STOPPED), or all gone; returns their records by id.
        One list call per poll, never one call per server. A FAILED server is a VimError with its reason."""
        raise NotImplementedError

    def phase(self, record):
        """The phase (vim/phase.py) of a record this driver returned."""
        return phases.of(record)

    def describe(self):
        """What callers (the roles, through the module result) may know of this VIM."""
        return {"name": self.name, "type": self.vim_type, "capabilities": sorted(self.capabilities),
                "boot_timeout": self.boot_timeout}

    def power(self, record, on):
        """Start (on=True) or stop a server."""
        raise NotImplementedError

    def write_calls(self):
        """How many write requests this driver sent to the VIM (for idempotence checks)."""
        raise NotImplementedError

    def call_counts(self):
        """Requests sent to the VIM by kind of call ({"list server": 2, ...}), for the benchmarks and tests."""
        return {}

    def bind_run(self, wait=None, on_progress=None, retry=None):
        """The Wait, on_progress(event, detail) and Retry policy of the run about to apply actions, for drivers that
        wait inside a create (an image upload until Glance has it active) or retry transient faults (reporting each
        retry as a "retry" event and in a .retries list). Nothing to do by default: the local VIM has no transient
        faults."""
