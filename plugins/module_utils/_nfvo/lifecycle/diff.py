# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plan versus VIM state: the actions that bring an NS to its plan, or remove it.

One computation serves check mode (which only reports the actions) and the real run (which applies
them), so that the two cannot drift apart. Resources found whose owned properties were changed by hand (drift.py)
are updated in place, or replaced when the VIM cannot change them.
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import drift
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.sw_images import check_uploads
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import of as identity_of
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases

# Resources SmartNFVO tags with the NS: found by tag, so the ones the plan no longer has are deleted.
TAGGED = ("network", "subnet", "port", "server")
# Removal order: what uses a resource goes before it.
DELETE_ORDER = ("server", "volume", "port", "subnet", "network", "server_group", "keypair", "flavor", "image")
# Shared resources are never deleted: flavors, and images found by name or checksum, may serve other NSs. An image
# SmartNFVO uploaded from a VNF package carries the NS's tags (identity.image_tags): the NS's own, removed with it.
SHARED = ("flavor", "image")


def desired_resources(plan, keypair=None, key_dir=None, private_key_path=None):
    """The plan's resources plus the NS keypair, with servers pointing at it.

    keypair: name of the keypair to create for the NS (None when the user gives an existing one, then
    existing_keypair names it). Volumes are dropped with a warning (see README: not supported yet).
    """
    resources, warnings = [], []
    for resource in plan["resources"]:
        if resource["type"] == "volume":
            warnings.append("volume '%s' not created: block storage is not supported by the driver yet" % resource["name"])
            continue
        resources.append(dict(resource, properties=dict(resource["properties"])))
    if keypair:
        resources.insert(0, {"type": "keypair", "name": keypair, "node": None, "vnf": None, "tags": [], "depends_on": [],
                             "properties": {"private_key_path": private_key_path}})
    for resource in resources:
        if resource["type"] == "server":
            resource["properties"].pop("volumes", None)
            resource["depends_on"] = [d for d in resource["depends_on"] if any(
                r["name"] == d and r["type"] != "server" for r in resources)]
            if keypair:
                resource["properties"]["key_name"] = keypair
                resource["depends_on"].append(keypair)
    return resources, warnings


def key(resource):
    """What identifies a planned resource or a record: its VIM (None: the module's own), type and name."""
    return resource.get("vim"), resource["type"], resource["name"]


def diff(desired, current, repair=True):
    """Actions to go from current ({type: [record]}) to desired (list of plan resources).

    A record is {"type", "name", "id", ...}. Returns {"create": [resource], "delete": [record], "keep": [record],
    "update": [change], "replace": [change]}, a change being {"resource", "record", "changes"} (changes: {property:
    (on the VIM, planned)}, drift.compare). Tagged resources of the NS that the plan does not name, and duplicates of
    a name, are deleted. An image of the NS's own that is not active (an upload that failed) is deleted and uploaded
    again. With repair, a found resource whose owned properties drifted is updated in place (it stays in keep: its id
    does not change), or replaced when the VIM cannot change them (not in keep), and so is everything that uses a
    replaced resource (a port on a replaced subnet, a server on a replaced port or in a replaced server group): its
    changes are then {} and "uses" names what it uses. Without repair (scale and heal, which touch only what they
    add or mend) drift is not looked at. Raises PlanError when an image to upload from its VNF package is absent or
    does not match its checksum: before any VIM write.
    """
    creates, keeps, deletes = [], [], []
    wanted = dict((key(r), r) for r in desired)
    seen = set()
    for kind in sorted(current):
        for record in sorted(current[kind], key=lambda r: (r.get("vim") or "", r["name"] or "", r.get("id") or "")):
            if kind == "image" and owned(record) and (record.get("status") or "active") != "active":
                deletes.append(record)
                continue
            found = key(dict(record, type=kind))
            if found in wanted and found not in seen:
                seen.add(found)
                keeps.append((found, record))
            elif kind in TAGGED:
                deletes.append(record)
    for resource in desired:
        if key(resource) not in seen:
            creates.append(resource)
    check_uploads(creates)
    updates, replaces = _drifted(wanted, keeps) if repair else ([], [])
    replaced = set(id(c["record"]) for c in replaces)
    return {"create": creates, "delete": delete_order(deletes), "keep": [r for _k, r in keeps if id(r) not in replaced],
            "update": updates, "replace": replaces}


def _drifted(wanted, keeps):
    """(updates, replaces) of the kept (key, record)s: drift.compare per record, then what uses a replaced resource."""
    updates, replaces, replaced = [], [], {}
    for ident, record in keeps:
        resource = wanted[ident]
        changes = drift.compare(resource, record)
        if not changes:
            continue
        change = {"resource": resource, "record": record, "changes": changes}
        if drift.how(resource["type"], changes) == drift.REPLACE:
            replaces.append(change)
            replaced[key(resource)] = change
        else:
            updates.append(change)
    by_name = {}
    for ident in wanted:
        by_name.setdefault((ident[0], ident[2]), []).append(ident)
    grown = bool(replaced)
    while grown:  # what uses a replaced resource is replaced too: it refers to the old one's id
        grown = False
        for ident, record in keeps:
            resource = wanted[ident]
            if ident in replaced:
                continue
            uses = next((replaced[k] for name in resource.get("depends_on") or () for k in by_name.get((ident[0], name), ())
                         if k in replaced and k != ident), None)
            if uses is not None:
                change = {"resource": resource, "record": record, "changes": {},
                          "uses": "%s %s" % (uses["resource"]["type"], uses["resource"]["name"])}
                replaces.append(change)
                replaced[ident] = change
                grown = True
    updates = [u for u in updates if key(u["resource"]) not in replaced]
    return updates, replaces


def scale(before, after, current):
    """Actions of a scale operation from the plan before to the plan after: create what after adds (unless the
    VIM has it), delete what the VIM holds of what after drops. Nothing else is touched: a scale does not
    heal or converge the rest of the NS."""
    old = set(key(r) for r in before)
    new = set(key(r) for r in after)
    actions = diff(after, current, repair=False)
    creates = [r for r in actions["create"] if key(r) in new - old]
    deletes = [r for kind in sorted(current) for r in current[kind] if key(dict(r, type=kind)) in old - new]
    return {"create": creates, "delete": delete_order(deletes), "keep": actions["keep"]}


def _selected(resource, vnf, vdu=None, index=None):
    props = resource.get("properties") or {}
    return resource.get("vnf") == vnf and (vdu is None or props.get("vdu") == vdu) and (index is None or props.get("index") == index)


def heal(desired, current, vnf, vdu=None, index=None):
    """Actions that heal VDU instances of one VNF: a server that is missing is created, a failed one is
    deleted and created again on the same ports (so IPs and MACs stay). Missing ports are created too.
    Servers are matched by plan name; apply with delete_first."""
    servers = [r for r in desired if r["type"] == "server" and _selected(r, vnf, vdu, index)]
    if not servers:
        raise ValueError("VNF '%s' has no VDU instance%s in the plan" % (
            vnf, "" if vdu is None else " %s%s" % (vdu, "" if index is None else "#%s" % index)))
    wanted = set(r["name"] for r in servers)
    needed = wanted | set(p for r in servers for p in r["properties"]["ports"])
    scope = [r for r in desired if r["name"] in needed or r["type"] not in ("server", "port")]
    actions = diff(scope, dict((k, v) for k, v in current.items()), repair=False)
    broken = [r for r in actions["keep"] if r["type"] == "server" and r["name"] in wanted and phases.of(r) == phases.FAILED]
    creates = [r for r in actions["create"] if r["type"] in ("server", "port")] + \
              [r for r in servers if r["name"] in set(b["name"] for b in broken)]
    keeps = [r for r in actions["keep"] if r not in broken]
    return {"create": creates, "delete": delete_order(broken), "keep": keeps}


def power(desired, current, vnf, on, vdu=None, index=None):
    """Servers of one VNF to start (on) or stop: those not already in the wanted state."""
    names = set(r["name"] for r in desired if r["type"] == "server" and _selected(r, vnf, vdu, index))
    if not names:
        raise ValueError("VNF '%s' has no VDU instance to %s in the plan" % (vnf, "start" if on else "stop"))
    wanted = phases.READY if on else phases.STOPPED
    return [r for r in current.get("server", ()) if r["name"] in names and phases.of(r) != wanted]


def removal(current):
    """Actions that remove an NS: every record found, shared ones (flavors, images) excepted unless the NS owns
    them (images it uploaded). current holds no resource of another NS (drivers filter by the NS's tag)."""
    records = [r for kind, found in current.items() for r in found if kind not in SHARED or owned(r)]
    return {"create": [], "delete": delete_order(records), "keep": []}


def owned(record):
    """Whether a record of a shared kind (an image) was created by SmartNFVO for an NS: tagged with one."""
    return identity_of(record).get("ns") is not None


def delete_order(records):
    """Dependency order; within a kind, VDU instances from the highest index down (scale in removes the last
    instances first), then by name."""
    rank = dict((k, i) for i, k in enumerate(DELETE_ORDER))

    def index(record):
        value = identity_of(record).get("vdu_index")
        return value if isinstance(value, int) else -1
    return sorted(records, key=lambda r: (rank.get(r["type"], len(rank)), -index(r), r["name"] or ""))


def dependencies(creates):
    """{key(resource): [keys of the creates it uses]}: depends_on names resources on the resource's own VIM, and a
    network and its subnet share a name, so a name may mean several resources."""
    by_name = {}
    for resource in creates:
        by_name.setdefault((resource.get("vim"), resource["name"]), []).append(resource)
    return dict((key(r), [key(d) for name in r["depends_on"] for d in by_name.get((r.get("vim"), name), ()) if d is not r])
                for r in creates)


def waves(creates):
    """Creates grouped in waves: a resource goes in the wave after the last one holding something it
    depends on. Resources of one wave are independent. Raises ValueError on a dependency cycle."""
    deps = dependencies(creates)
    level = {}

    def level_of(ident, path=()):
        if ident in level:
            return level[ident]
        if ident in path:
            raise ValueError("dependency cycle through %s '%s'" % ident[1:])
        level[ident] = 1 + max([level_of(d, path + (ident,)) for d in deps[ident]] or [-1])
        return level[ident]
    result = []
    for resource in creates:
        index = level_of(key(resource))
        while len(result) <= index:
            result.append([])
        result[index].append(resource)
    return result


def summary(actions):
    """Changes as short strings for the module result and check mode: 'create network x', 'update port y:
    port_security_enabled True -> False', 'replace subnet z: cidr ... -> ...'."""
    return ["create %s %s%s" % (r["type"], r["name"], _on(r)) for r in actions["create"]] + \
           ["replace %s %s%s: %s" % (c["resource"]["type"], c["resource"]["name"], _on(c["resource"]),
                                     drift.describe(c["changes"]) or "uses replaced %s" % c.get("uses"))
            for c in actions.get("replace", ())] + \
           ["update %s %s%s: %s" % (c["resource"]["type"], c["resource"]["name"], _on(c["resource"]),
                                    drift.describe(c["changes"])) for c in actions.get("update", ())] + \
           ["delete %s %s%s" % (r["type"], r["name"], _on(r)) for r in actions["delete"]]


def _on(resource):
    return " on %s" % resource["vim"] if resource.get("vim") else ""


def changed(actions):
    return bool(actions["create"] or actions["delete"] or actions.get("update") or actions.get("replace"))
