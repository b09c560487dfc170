# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scale levels of VNF instances: instance counts at given levels, the levels the VIM holds, scale steps.

The VIM is the source of truth: no record of a VNF's scale level is kept anywhere. The level of each aspect
is the one whose instance counts (initial instances plus the aspect's deltas) explain the VDU instances
found on the VIM. Pure Python over the descriptor model.
"""

from __future__ import annotations

from itertools import product

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.identity import of as identity_of

# Above this many level combinations, each aspect is derived on its own instead of all together.
_MAX_COMBINATIONS = 4096


class ScaleError(NfvoError):
    """A scale request the descriptor does not allow (unknown aspect, level or instance count out of range)."""


def level_scale(level):
    """The scale level of each aspect that an instantiation level states."""
    return dict((k, int(v)) for k, v in (level.scale_levels.items() if level is not None else ()))


def vdu_count(flavour, vdu, level, wanted):
    """Instances of vdu: the level's count (which already includes the level's scale levels), moved by the
    difference between the scale levels wanted ({aspect: level}) and the level's own."""
    own = level_scale(level)
    if level is not None and vdu.id in level.vdu_instances:
        count = int(level.vdu_instances[vdu.id])
    else:
        count = vdu.initial_instances if vdu.initial_instances is not None else vdu.profile.min_number_of_instances
        count += sum(a.instances_at(vdu.id, own.get(a.id, 0)) for a in flavour.scaling_aspects)
    for aspect in flavour.scaling_aspects:
        if aspect.id in wanted:
            count += aspect.instances_at(vdu.id, int(wanted[aspect.id])) - aspect.instances_at(vdu.id, own.get(aspect.id, 0))
    return max(count, 0)


def levels_of(flavour, level, wanted):
    """{aspect: scale level} of a VNF: the levels wanted, else the instantiation level's, else 0."""
    own = level_scale(level)
    return dict((a.id, int(wanted.get(a.id, own.get(a.id, 0)))) for a in flavour.scaling_aspects)


def scaled_vdus(aspect):
    return sorted(vdu for vdu, deltas in aspect.vdu_deltas.items() if deltas)


def vnf_extents(current, vnf_instance_id):
    """{vdu: instances} of one VNF instance on the VIM, from the tags of its servers and their ports (a scale-in
    deletes both; a server lost alone keeps its ports). A missing instance below the highest index counts too:
    it is for heal to recreate, not a lower scale level."""
    found = {}
    for record in list(current.get("server", ())) + list(current.get("port", ())):
        tags = identity_of(record)
        if tags.get("vnf") != vnf_instance_id or tags.get("vdu") is None:
            continue
        index = tags.get("vdu_index")
        found.setdefault(tags["vdu"], set()).add(index if isinstance(index, int) else -1)
    return dict((vdu, max(len(indexes), max(indexes) + 1)) for vdu, indexes in found.items())


def derive_levels(flavour, level, extents):
    """({aspect: level}, exact) that best explain the VDU instances found (extents: {vdu: count}).

    Only aspects with VDU deltas can be read from servers; the others keep the instantiation level's value.
    Ties go to the lower levels; exact is False when no combination matches the counts exactly."""
    levels = levels_of(flavour, level, {})
    aspects = [a for a in flavour.scaling_aspects if scaled_vdus(a)]
    if not aspects:
        return levels, True
    vdus = [v for v in flavour.vdus if any(v.id in scaled_vdus(a) for a in aspects)]

    def mismatch(choice):
        wanted = dict(levels, **choice)
        return sum(abs(vdu_count(flavour, v, level, wanted) - extents.get(v.id, 0)) for v in vdus)
    ranges = [range(a.max_scale_level + 1) for a in aspects]
    combinations = 1
    for values in ranges:
        combinations *= len(values)
    if combinations <= _MAX_COMBINATIONS:
        candidates = (dict(zip((a.id for a in aspects), values)) for values in product(*ranges))
        best = min(candidates, key=lambda c: (mismatch(c), sum(c.values()), sorted(c.items())))
    else:
        best = {}
        for aspect, values in zip(aspects, ranges):
            best[aspect.id] = min(values, key=lambda n, a=aspect: (mismatch(dict(best, **{a.id: n})), n))
    levels.update(best)
    return levels, mismatch(best) == 0


def _vnf_context(model, vnf):
    """(flavour, instantiation level) of a planned VNF instance, from the model it was planned from."""
    vnfd = model.vnfds.get(vnf.get("vnfd_id")) if model.kind == "nsd" else model
    flavour = vnfd.flavour(vnf.get("flavour_id")) if vnfd is not None else None
    if flavour is None:
        return None, None
    level = next((lv for lv in flavour.instantiation_levels if lv.id == vnf.get("instantiation_level")), None)
    return flavour, level


def vim_scale_levels(model, plan, current):
    """({'<vnf>.<aspect>': level}, warnings) of every planned VNF instance that has servers on the VIM.

    VNF instances without any server are left out, so that they are planned at their instantiation level."""
    levels, warnings = {}, []
    for vnf in plan["vnfs"]:
        if not vnf.get("vnf_instance_id"):
            continue
        extents = vnf_extents(current, vnf["vnf_instance_id"])
        flavour, level = _vnf_context(model, vnf)
        if not extents or flavour is None:
            continue
        found, exact = derive_levels(flavour, level, extents)
        if not exact:
            warnings.append("VNF %s: the VDU instances on the VIM (%s) match no scale level exactly; taking %s" % (
                vnf["name"], ", ".join("%s=%d" % item for item in sorted(extents.items())),
                ", ".join("%s=%d" % item for item in sorted(found.items()))))
        for aspect, value in found.items():
            levels["%s.%s" % (vnf["name"], aspect)] = value
    return levels, warnings


def scale_step(model, vnf, levels, aspect_id, steps, out):
    """New {'<vnf>.<aspect>': level} after scaling one VNF instance out (or in) by steps on aspect_id.

    vnf is the planned VNF instance, levels its current levels keyed as vim_scale_levels returns them.
    Raises ScaleError, naming the VNF, the aspect, the current level and the limits, when the descriptor
    does not allow it (the level must stay within 0..max_scale_level, every VDU within its profile)."""
    flavour, level = _vnf_context(model, vnf)
    name = vnf["name"]
    aspect = next((a for a in flavour.scaling_aspects if a.id == aspect_id), None) if flavour else None
    if aspect is None:
        raise ScaleError("VNF %s has no scaling aspect '%s' (aspects: %s)" % (
            name, aspect_id, ", ".join(a.id for a in flavour.scaling_aspects) if flavour else "none"))
    if int(steps) < 1:
        raise ScaleError("VNF %s, aspect %s: steps must be at least 1, not %s" % (name, aspect_id, steps))
    key = "%s.%s" % (name, aspect_id)
    own = dict((k.split(".", 1)[1], v) for k, v in levels.items() if k.startswith(name + "."))
    current = levels_of(flavour, level, own)
    now = current[aspect_id]
    new = now + int(steps) if out else now - int(steps)
    verb = "scale %s VNF %s by %d step(s) of aspect %s" % ("out" if out else "in", name, int(steps), aspect_id)
    if not 0 <= new <= aspect.max_scale_level:
        raise ScaleError("cannot %s: it is at scale level %d, and the aspect allows levels 0..%d (max_scale_level)" % (
            verb, now, aspect.max_scale_level))
    wanted = dict(current, **{aspect_id: new})
    for vdu in flavour.vdus:
        if vdu.id not in scaled_vdus(aspect):
            continue
        count = vdu_count(flavour, vdu, level, wanted)
        low, high = vdu.profile.min_number_of_instances, vdu.profile.max_number_of_instances
        if count < low or (high >= low and count > high):
            raise ScaleError("cannot %s: it is at scale level %d, and level %d means %d instance(s) of VDU %s, outside "
                             "its VDU profile's %d..%d" % (verb, now, new, count, vdu.id, low, high))
    result = dict(("%s.%s" % (name, a), v) for a, v in current.items())
    result[key] = new
    return result
