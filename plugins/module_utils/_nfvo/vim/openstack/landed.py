# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Did a create land? After a create failed with a transient fault (a reset connection, a 503 from a proxy), the
API may have made the resource before the answer was lost. These reads find it by what only this plan resource has
(its unique name, and the NS tags where the kind has tags), so that the driver adopts it instead of creating a
duplicate. Each returns the openstacksdk object or None; errors propagate (the caller's retry policy judges them).
"""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity


def neutron_object(lister, resource, untagged_too=False):
    """A network, subnet or port of this name carrying all the resource's tags. untagged_too: also one with no tags
    at all, when tags are set by a PUT after the POST (a POST that landed before the PUT leaves it untagged)."""
    tags = set(resource["tags"])
    for obj in lister(name=resource["name"]):
        found = set(obj.tags or ())
        if tags <= found or (untagged_too and not found):
            return obj
    return None


def server(compute, resource):
    """A server of this name carrying the resource's tags: one list call filtered by the NS tag (nova-api may accept
    the POST, record the build and fail before it answers)."""
    tags = set(resource["tags"])
    ns_id = identity.parse_tags(resource["tags"]).get("ns")
    for obj in compute.servers(tags=identity.ns_tag(ns_id)):
        if obj.name == resource["name"] and tags <= set(obj.tags or ()):
            return obj
    return None


def by_name(objects, name):
    """The first of objects (server groups, keypairs, flavors: Nova has no tags on them) named name."""
    return next((obj for obj in objects if obj.name == name), None)
