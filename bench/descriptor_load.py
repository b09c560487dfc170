"""Load-and-plan time per descriptor of the third-party dev set, beside tosca-parser's own load time.

Both are measured in this run, each in its own process (our loader patches tosca-parser, the peer must
run unpatched): best of --repeat runs per descriptor. Prints one row per descriptor and the ratios.
Usage: .venv/bin/python bench/descriptor_load.py [--repeat 3] [--shared ../shared/descriptors]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, ".collections"))


def units(shared):
    rows = []
    with open(os.path.join(shared, "INDEX.md"), encoding="utf-8") as handle:
        for line in handle:
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 6 and cells[1].startswith("`"):
                rows.append(os.path.join(shared, "dev", cells[1].strip("`")))
    return rows


def entry_of(path):
    """What tosca-parser itself is given: a file or zip as is, a CSAR directory's Entry-Definitions."""
    meta = os.path.join(path, "TOSCA-Metadata", "TOSCA.meta")
    if os.path.isdir(path) and os.path.isfile(meta):
        with open(meta, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.lower().startswith("entry-definitions:"):
                    return os.path.join(path, line.split(":", 1)[1].strip())
    return path


def time_best(function, repeat):
    best, ok = None, True
    for _attempt in range(repeat):
        start = time.perf_counter()
        try:
            function()
        except Exception:  # the peer's failures are data here, not errors of the benchmark
            ok = False
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, ok


def measure_peer(paths, repeat):
    import io
    import contextlib
    import logging
    from toscaparser.tosca_template import ToscaTemplate
    logging.getLogger("tosca").addHandler(logging.NullHandler())
    logging.getLogger("tosca").propagate = False
    result = {}
    for path in paths:
        entry = entry_of(path)
        cwd = os.getcwd()
        os.chdir(os.path.dirname(entry) or ".")
        with contextlib.redirect_stdout(io.StringIO()):
            result[path] = time_best(lambda: ToscaTemplate(entry, a_file=True), repeat)
        os.chdir(cwd)
    return result


def measure_ours(paths, repeat):
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
    from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan
    return dict((path, time_best(lambda: build_plan(load_descriptor(path).model, {}), repeat)) for path in paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "descriptors"))
    parser.add_argument("--phase", choices=("peer", "ours"))
    args = parser.parse_args()
    if not os.path.isdir(args.shared):
        print("third-party descriptors not found at %s; nothing to measure" % args.shared)
        return 0
    paths = units(args.shared)
    if args.phase:
        measure = measure_peer if args.phase == "peer" else measure_ours
        json.dump(measure(paths, args.repeat), sys.stdout)
        return 0
    runs = {}
    for phase in ("peer", "ours"):
        out = subprocess.run([sys.executable, __file__, "--phase", phase, "--repeat", str(args.repeat), "--shared", args.shared],
                             check=True, capture_output=True, text=True).stdout
        runs[phase] = json.loads(out)
    print("%-100s %10s %10s %7s" % ("descriptor (ours: load + validate + plan; peer: tosca-parser load)", "ours ms", "peer ms", "ratio"))
    ratios = []
    for path in paths:
        (ours, ours_ok), (peer, peer_ok) = runs["ours"][path], runs["peer"][path]
        ratio = ours / peer if peer else float("nan")
        if ours_ok and peer_ok:
            ratios.append(ratio)
        note = "" if ours_ok and peer_ok else "  (%s)" % ", ".join(n for n, ok in (("ours rejects", ours_ok), ("peer rejects", peer_ok)) if not ok)
        print("%-100s %10.1f %10.1f %7.2f%s" % (os.path.relpath(path, args.shared)[-100:], ours * 1000, peer * 1000, ratio, note))
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("\n%d descriptors both accept: ours/peer geometric mean %.2f, median %.2f" % (len(ratios), geo, sorted(ratios)[len(ratios) // 2]))
        print("totals: ours %.2f s, peer %.2f s (all %d descriptors, best of %d)" % (
            sum(v[0] for v in runs["ours"].values()), sum(v[0] for v in runs["peer"].values()), len(paths), args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
