# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with DESCRIPTOR_ARGS in plugins/module_utils/descriptor_args.py
    DOCUMENTATION = r"""
options:
  path:
    description:
      - An ETSI NFV SOL001 descriptor (NSD or VNFD) on the controller.
      - A YAML file with its imports, a directory laid out as a SOL004 CSAR, or a CSAR zip.
      - Imports of the SOL001 type files by their ETSI forge URL resolve to copies bundled with the collection.
    type: path
    required: true
  allow_remote_imports:
    description:
      - Fetch imports that name a URL, other than the bundled SOL001 type files.
      - Off by default, so that loading a descriptor never reaches the network.
    type: bool
    default: false
  vnf_package_paths:
    description:
      - Where to look for the VNF packages an NSD refers to, matched by C(descriptor_id).
      - Files, CSAR directories or folders holding packages. By default, the siblings of the NSD package.
    type: list
    elements: path
"""

    # Paired with INSTANTIATION_ARGS in plugins/module_utils/descriptor_args.py
    INSTANTIATION = r"""
options:
  ns_name:
    description:
      - Name of the NS (or stand-alone VNF) instance; resource names and instance ids derive from it.
      - Defaults to the descriptor's name or product name.
    type: str
  flavour:
    description: Deployment flavour of a VNFD to plan; the NSD states its VNFs' flavours itself.
    type: str
  instantiation_level:
    description:
      - Instantiation level to plan; defaults to the flavour's default level.
      - For M(smartnfvo.nfvo.ns) and M(smartnfvo.nfvo.vnf), giving it (or O(scale_levels)) makes the NS converge to
        it. Without either, they keep the scale levels the VNFs have on the VIM (see O(scale_levels)).
    type: str
  scale_levels:
    description:
      - Scale level per scaling aspect, on top of the instantiation level.
      - Keys are an aspect id (every VNF with that aspect) or C(<vnf name>.<aspect id>) (that VNF only, which wins).
      - 'For example C(web_scale: 2) or C(web.web_scale: 2).'
      - For M(smartnfvo.nfvo.ns) and M(smartnfvo.nfvo.vnf), the VIM is the source of truth of scale levels. When
        neither this (empty counts as not given) nor O(instantiation_level) is given, each VNF keeps the levels its
        VDU instances on the VIM show (instance counts against the initial instances and the aspect's deltas), so a
        re-run after a scale-out does not scale back in. Giving either converges the NS to it (declarative scaling).
    type: dict
    default: {}
  vl_cidrs:
    description:
      - CIDR per virtual link, keyed by NS VL name or C(<vnf>.<vl>) for a VNF's internal link.
      - Overrides the CIDR of the descriptor.
    type: dict
    default: {}
  cidr_pool:
    description: Pool to allocate subnets from for virtual links that state no CIDR.
    type: str
    default: 10.224.0.0/16
  prefix_length:
    description: Prefix length of the subnets allocated from O(cidr_pool).
    type: int
    default: 24
  flavor_map:
    description: Existing VIM flavor to use per VDU, instead of one planned from its virtual compute.
    type: dict
    default: {}
  image_map:
    description:
      - Existing VIM image to use per VDU or per software image name.
      - Without an entry, the modules that instantiate use an image of the software image's name or checksum on the VIM,
        else upload the image file the VNF package ships (see M(smartnfvo.nfvo.ns)).
    type: dict
    default: {}
  ext_networks:
    description: Existing network per external connection point or VNF requirement that no NS virtual link serves.
    type: dict
    default: {}
  placement:
    description:
      - How the descriptor's affinity and anti-affinity rules are enforced by the VIM's server groups.
      - C(strict) makes them C(affinity) and C(anti-affinity) groups, which the VIM refuses to break (a server that
        cannot be placed goes to C(ERROR)).
      - C(soft) makes them C(soft-affinity) and C(soft-anti-affinity) groups (Nova API 2.15 or later), which the VIM
        follows as far as it can; for example a second instance of an anti-affine VDU on a single compute host.
      - The policy is chosen when a server group is created, and the VIM cannot change it. M(smartnfvo.nfvo.ns) replaces a
        group of another policy, with its member servers (check mode shows it first); M(smartnfvo.nfvo.vnf) leaves it.
    type: str
    choices: [strict, soft]
    default: strict
  availability_zone:
    description:
      - Availability zone of the VIM for every VDU instance, unless O(vnf_vims) gives one for its VNF.
      - Without it, the VIM picks the zone (its default scheduling).
      - A VDU instance already in another zone is reported, not moved (Nova cannot); a new server, for example after
        deleting it and healing the VDU instance, goes to the planned zone.
      - The embedded local VIM has no zones and ignores it, with a warning.
    type: str
  vnf_vims:
    description:
      - Where each VNF instance goes, keyed by VNF instance name (as in the plan, for example C(web) or C(web-1)) or by
        VNF profile id (every instance of that profile; the instance name wins).
      - 'Each value is a dict with C(cloud): the clouds.yaml entry of the OpenStack VIM for that VNF (the VIM of the
        module''s connection options when left out or equal to its C(cloud)), and C(availability_zone): its zone there (default
        O(availability_zone)).'
      - NS virtual links that connect VNFs on several VIMs get a network (and subnet) on each of them. Those networks are
        not joined; give a provider network that spans the VIMs with O(ext_networks) when the VNFs must reach each other.
      - The NS keypair, flavors and images are made on every VIM that needs them.
      - Give the same O(vnf_vims) to later runs, terminate included, because the VIMs it names are the ones read; resources
        on a VIM it no longer names are not seen.
      - Only with OpenStack VIMs (C(vim_type=openstack)).
    type: dict
    default: {}
"""
