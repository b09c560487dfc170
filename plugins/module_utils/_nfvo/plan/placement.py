# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which VIM each planned resource goes to when the VNFs of an NS are spread over several VIMs (vnf_vims).

A VNF's own resources go to its VIM. What VNFs share (the networks and subnets of NS virtual links, NS-level
server groups, flavors, images, the NS keypair) goes to every VIM whose resources use it: one copy per VIM,
under the same name, told apart by the resource's "vim" key. Resources of the module's own VIM carry no "vim"
key, so a single-VIM NS is planned exactly as before.
"""

from __future__ import annotations


def vnf_vims(plan, default_vim=None):
    """{vnf name: VIM name, or None for the module's own VIM (also when the plan names it)}."""
    return dict((v["name"], None if v.get("vim") in (None, default_vim) else v["vim"]) for v in plan.get("vnfs", ()))


def vims_named(vnf_vims_param, default_vim=None):
    """The other VIMs (clouds.yaml entries) the vnf_vims parameter names, sorted."""
    entries = (vnf_vims_param or {}).values() if isinstance(vnf_vims_param, dict) else ()
    return sorted(set(e["cloud"] for e in entries if isinstance(e, dict) and e.get("cloud") and e["cloud"] != default_vim))


def vims_used(plan, default_vim=None):
    """The other VIMs the plan puts VNFs on, sorted."""
    return sorted(set(v for v in vnf_vims(plan, default_vim).values() if v))


def _with_vim(resource, vim):
    copy = dict(resource)
    copy.pop("vim", None)
    if vim is not None:
        copy["vim"] = vim
    return copy


def assign(resources, plan, default_vim=None):
    """(resources, warnings): the resources with their "vim", shared ones copied to every VIM that uses them."""
    vims = vnf_vims(plan, default_vim)
    if not any(vims.values()):
        return resources, []
    owned, shared = [], []
    for resource in resources:
        # Flavors and images carry the first VNF that asked for them, but any VNF may use them.
        if resource.get("vnf") is not None and resource["type"] not in ("flavor", "image"):
            owned.append(_with_vim(resource, vims.get(resource["vnf"])))
        else:
            shared.append(resource)
    users = {}  # name -> VIMs whose resources depend on it (a subnet's network through the subnet)
    frontier = [(r.get("vim"), r) for r in owned]
    while frontier:
        vim, resource = frontier.pop()
        for name in resource["depends_on"]:
            if vim not in users.setdefault(name, set()):
                users[name].add(vim)
                frontier.extend((vim, s) for s in shared if s["name"] == name)
    placed, warnings = list(owned), []
    for resource in shared:
        where = sorted(users.get(resource["name"]) or {None}, key=lambda v: (v is not None, v or ""))
        placed.extend(_with_vim(resource, vim) for vim in where)
        if resource["type"] == "network" and len(where) > 1:
            link = resource.get("node") or resource["name"]
            vims = ", ".join(v or "the module's VIM" for v in where)
            warnings.append("NS virtual link %s connects VNFs on several VIMs (%s): each gets its own network, and they "
                            "are not joined; map the link to a network spanning them with ext_networks if the VNFs must "
                            "reach each other over it" % (link, vims))
    return placed, warnings


def own_vim(params):
    """The name vnf_vims gives the module's own VIM: its clouds.yaml entry (None when not given by name)."""
    cloud = params.get("cloud")
    return cloud if isinstance(cloud, str) and cloud else None
