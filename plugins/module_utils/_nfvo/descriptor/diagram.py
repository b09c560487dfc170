# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A Mermaid flowchart of an NS or VNF topology: VNFs, VDUs, CPs and VLs."""

from __future__ import annotations

import re


def _id(*parts):
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(str(p) for p in parts))


def _label(text):
    return str(text).replace('"', "'")


def _vnf_body(lines, vnfd, flavour_id, prefix, indent):
    flavour = vnfd.flavour(flavour_id) or vnfd.flavour()
    if flavour is None:
        return [], {}
    for vdu in flavour.vdus:
        lines.append('%s%s["VDU %s"]' % (indent, _id(prefix, "vdu", vdu.id), _label(vdu.name)))
    for vl in flavour.virtual_links:
        lines.append('%s%s(("VL %s"))' % (indent, _id(prefix, "vl", vl.id), _label(vl.id)))
    for cp in flavour.vdu_cps:
        lines.append('%s%s(["CP %s"])' % (indent, _id(prefix, "cp", cp.id), _label(cp.id)))
    edges = []
    for cp in flavour.vdu_cps:
        if cp.vdu:
            edges.append("%s --- %s" % (_id(prefix, "vdu", cp.vdu), _id(prefix, "cp", cp.id)))
        if cp.virtual_link:
            edges.append("%s --- %s" % (_id(prefix, "cp", cp.id), _id(prefix, "vl", cp.virtual_link)))
    exposed = {}
    ext = dict((c.id, c) for c in flavour.vnf_ext_cps)
    for requirement, node, _r in flavour.external_connections:
        target = node
        if node in ext:
            target = ext[node].vdu_cp or ext[node].internal_virtual_link or node
        kind = "vl" if any(v.id == target for v in flavour.virtual_links) else "cp"
        exposed[requirement] = _id(prefix, kind, target)
    return edges, exposed


def mermaid(descriptor):
    """Mermaid 'flowchart LR' source for an Nsd (VNFs as subgraphs) or a Vnfd."""
    lines = ["flowchart LR"]
    edges = []
    if descriptor.kind == "nsd":
        for vl in descriptor.virtual_links:
            lines.append('    %s{{"NS VL %s"}}' % (_id("ns", vl.id), _label(vl.id)))
        for ref in descriptor.vnfs:
            vnfd = descriptor.vnfds.get(ref.descriptor_id)
            lines.append('    subgraph %s["VNF %s"]' % (_id("vnf", ref.id), _label(ref.id)))
            exposed = {}
            if vnfd is not None:
                body_edges, exposed = _vnf_body(lines, vnfd, ref.flavour_id, ref.id, "        ")
                edges.extend(body_edges)
            lines.append("    end")
            for requirement, vl in ref.virtual_links.items():
                source = exposed.get(requirement, _id("vnf", ref.id))
                edges.append("%s -.- %s" % (source, _id("ns", vl)))
        for sap in descriptor.saps:
            lines.append('    %s[/"SAP %s"/]' % (_id("sap", sap.id), _label(sap.id)))
            if sap.virtual_link:
                edges.append("%s --- %s" % (_id("sap", sap.id), _id("ns", sap.virtual_link)))
    else:
        edges.extend(_vnf_body(lines, descriptor, None, "vnf", "    ")[0])
    lines.extend("    " + e for e in edges)
    return "\n".join(lines) + "\n"
