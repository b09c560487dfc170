# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How SmartNFVO marks what it creates on a VIM, so that records can always be rebuilt from the VIM.

Neutron resources and Nova servers carry string tags; servers also carry metadata (Nova tags are
capped at 60 characters and cannot hold names). Glance images that SmartNFVO uploads from a VNF package carry
the NS tags too (image_tags): such an image belongs to that NS alone. Resources without tags (flavors, images
found by name or checksum, keypairs, server groups) are found by name. Every driver and the inventory use this
module, and only it.
"""

from __future__ import annotations

import os

TAG = "smartnfvo"
_KEYS = {"ns": "ns", "vnf": "vnf", "vdu": "vdu", "vdu-index": "vdu_index", "cp": "cp"}
METADATA_PREFIX = "smartnfvo_"
# Private keys of the per-NS keypairs live here, one file per keypair, named as the keypair.
DEFAULT_KEY_DIR = "~/.smartnfvo/keys"
SERVER_METADATA_KEYS = ("ns_instance_id", "ns_name", "vnf_instance_id", "vnf_name", "vnfd_id", "vnfd_version", "flavour_id",
                        "vdu", "vdu_index", "management_cp")


def tags_for(ns_id, vnf_id=None, vdu=None, index=None, cp=None):
    """Tags of one resource: the collection tag, then the NS, VNF, VDU, VDU index and CP it belongs to."""
    tags = [TAG, "%s:ns=%s" % (TAG, ns_id)]
    for key, value in (("vnf", vnf_id), ("vdu", vdu), ("vdu-index", index), ("cp", cp)):
        if value is not None:
            tags.append("%s:%s=%s" % (TAG, key, value))
    return tags


def ns_tag(ns_id):
    return "%s:ns=%s" % (TAG, ns_id)


def image_tags(ns_id):
    """Glance tags of an image SmartNFVO uploads for an NS: it is that NS's alone (the NS's VDUs of every VNF
    share it), found by the NS tag, never taken by another NS, and deleted when the NS terminates."""
    return tags_for(ns_id)


def owner_ns(tags):
    """The NS instance id a resource's tags give it to, or None (a shared resource, not SmartNFVO's)."""
    return parse_tags(tags).get("ns")


def of(item):
    """The identity of a planned resource or a VIM record, as data: {"ns", "vnf", "vdu", "vdu_index", "cp"} (what
    it has). A record brings it in "identity" when its VIM has no string tags (the driver decodes its own
    encoding, such as labels); otherwise it is read from the tags. The lifecycle reads identity only this way."""
    given = item.get("identity")
    return dict(given) if given is not None else parse_tags(item.get("tags"))


def parse_tags(tags):
    """{'ns': ..., 'vnf': ..., 'vdu': ..., 'vdu_index': int, 'cp': ...} from a resource's tags (ours only)."""
    found = {}
    for tag in tags or ():
        if not str(tag).startswith(TAG + ":") or "=" not in tag:
            continue
        key, value = str(tag)[len(TAG) + 1:].split("=", 1)
        if key in _KEYS:
            found[_KEYS[key]] = int(value) if key == "vdu-index" and value.isdigit() else value
    return found


def server_metadata(**values):
    """Nova metadata of a VDU instance from the SERVER_METADATA_KEYS given (strings, None dropped)."""
    unknown = set(values) - set(SERVER_METADATA_KEYS)
    if unknown:
        raise ValueError("unknown server metadata keys: %s" % ", ".join(sorted(unknown)))
    return dict((METADATA_PREFIX + k, str(v)) for k, v in values.items() if v is not None)


def parse_server_metadata(metadata):
    """The SERVER_METADATA_KEYS found in a server's metadata (vdu_index as int)."""
    found = {}
    for key in SERVER_METADATA_KEYS:
        value = (metadata or {}).get(METADATA_PREFIX + key)
        if value is not None:
            found[key] = int(value) if key == "vdu_index" and str(value).isdigit() else value
    return found


def keypair_name(ns_name, ns_id):
    """The keypair SmartNFVO creates for an NS (Nova keypairs carry no tags, so the name is the link)."""
    return "%s-%s-%s" % (TAG, ns_name, str(ns_id)[:8])


def private_key_path(keypair, key_dir=None):
    """Where the private key of a keypair SmartNFVO generated is kept on the controller."""
    return os.path.join(os.path.expanduser(key_dir or DEFAULT_KEY_DIR), keypair)


def server_group_name(base, ns_id):
    """Nova server groups take no tags or metadata: their name ends with the full NS id, so that an NS's groups
    are found without its plan (terminate by name) and never mistaken for another NS's."""
    return "%s-%s" % (base, ns_id)


def is_ns_server_group(name, ns_id):
    return bool(ns_id) and str(name or "").endswith("-%s" % ns_id)
