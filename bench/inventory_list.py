"""Benchmark: `ansible-inventory --list` with smartnfvo.nfvo.vnfs beside openstack.cloud.openstack, same cloud, same run.

Needs the test cloud (bash tests/cloud/openstack.sh up) and its smartnfvo-admin entry. Works in a project and
user of its own, deleted at the end. Cases, in this order:
  * N VDU instances of ours alone in the project (--ours, default 40);
  * the same beside F servers that are not ours (--foreign, default 150), as in a shared tenant;
  * L VDU instances alone (--large, default 150): the foreign servers are reused, not rebooted: L - N of them are
    tagged as VDU instances of one more NS (one CP each, vim_builder.adopt_servers) and the rest deleted;
  * in each case, each plugin again with its cache on (the second run of two is timed).
Prints per case the median wall time of each plugin, the ratio peer/ours, and the HTTP requests each made (counted
by a sitecustomize hook on http.client, under both requests and urllib, in both processes), then the goals of
issue #7 against what was measured.

The cloud is shared: every step that uses it (building, each case, cleanup) holds /tmp/smartnfvo-cloud.lock
(the lock tests/ and the other benchmarks take), each hold well under 10 minutes.

The peer runs from its own venv (ansible from PyPI ships openstack.cloud 2.5.0, which needs openstacksdk < 4.15),
created here on first use: $SMARTNFVO_BENCH_PEER_VENV, default /tmp/smartnfvo-peer-venv. Never the project venv.

  .venv/bin/python bench/inventory_list.py [--quick] [--ours 40] [--foreign 150] [--large 150] [--repeat 3]

--quick: one timed run per plugin and case (instead of --repeat), no peer-tagged row; about 10 minutes in all.
"""

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, ".collections"))
sys.path.insert(0, os.path.join(REPO, "tests", "integration", "inventory"))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import vim_builder  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan  # noqa: E402

PEER_VENV = os.environ.get("SMARTNFVO_BENCH_PEER_VENV", "/tmp/smartnfvo-peer-venv")
OURS = os.path.join(REPO, ".venv", "bin", "ansible-inventory")
PEER = os.path.join(PEER_VENV, "bin", "ansible-inventory")
LOCK = "/tmp/smartnfvo-cloud.lock"
# Every HTTP request of the process is appended to $SMARTNFVO_BENCH_REQUEST_LOG: http.client is under both
# requests (openstacksdk, the peer) and urllib (our REST reader).
COUNTER = '''
import os
if os.environ.get("SMARTNFVO_BENCH_REQUEST_LOG"):
    import http.client
    _putrequest = http.client.HTTPConnection.putrequest

    def putrequest(self, method, url, *args, **kwargs):
        with open(os.environ["SMARTNFVO_BENCH_REQUEST_LOG"], "a") as log:
            log.write("%s %s:%s%s\\n" % (method, self.host, self.port, url))
        return _putrequest(self, method, url, *args, **kwargs)
    http.client.HTTPConnection.putrequest = putrequest
'''


@contextlib.contextmanager
def cloud_lock(what):
    """The shared cloud's lock, held for one step; says how long it waited."""
    start = time.monotonic()
    with open(LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        waited = time.monotonic() - start
        if waited > 5:
            print("(waited %.0f s for the cloud lock before %s)" % (waited, what), flush=True)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def peer_venv():
    if not os.path.exists(PEER):
        subprocess.run([sys.executable, "-m", "venv", PEER_VENV], check=True)
        subprocess.run([os.path.join(PEER_VENV, "bin", "pip"), "install", "-q", "ansible", "openstacksdk==4.14.0"], check=True)
    return PEER


class Bench:
    def __init__(self, work, repeat, quick=False):
        self.work, self.repeat, self.quick = work, repeat, quick
        with cloud_lock("creating the project"):
            self.project = vim_builder.IsolatedProject("smartnfvo-inv-bench", work)
            self.image_id, self.flavor_id = vim_builder.cloud_image_and_flavor(self.project.conn)
        self.nsd = load_descriptor(os.path.join(REPO, "descriptors", "sample_ns")).model
        self.services = []  # NsOnCloud, one per NS instance, 6 VDU instances each at web_scale 3
        self.count = 0
        self.foreign = []  # ids of servers that are not ours
        self.results = {}  # case title -> {(kind, cache): (seconds, requests, hosts)}
        hook = os.path.join(work, "hook")
        os.makedirs(hook)
        with open(os.path.join(hook, "sitecustomize.py"), "w") as handle:
            handle.write(COUNTER)
        self.env = dict(os.environ, PYTHONPATH=hook, ANSIBLE_HOST_KEY_CHECKING="false")
        self.env.pop("ANSIBLE_CONFIG", None)

    def grow_to(self, wanted, step=48):
        """Adds VDU instances (whole NSs of the sample NSD, the last one partial) until `wanted` exist; the cloud
        lock is taken per `step` of them, so that others get the cloud in between."""
        while self.count < wanted:
            with cloud_lock("building VDU instances"):
                self._grow(min(wanted, self.count + step))

    def _grow(self, wanted):
        while self.count < wanted:
            last = self.services[-1] if self.services else None
            left = [s for s in last.resources("server") if ("server", s["name"]) not in last.ids] if last else []
            if left:
                added = left[:wanted - self.count]
                last.create_servers(added)
                self.count += len(added)
                continue
            plan = build_plan(self.nsd, {"ns_name": "bench%d" % len(self.services), "scale_levels": {"web_scale": 3}})
            service = vim_builder.NsOnCloud(self.project.conn, plan, self.image_id, self.flavor_id)
            self.services.append(service)
            self.count += len(service.create(max_servers=wanted - self.count))

    def add_foreign(self, count, step=75):
        while len(self.foreign) < count:
            with cloud_lock("booting servers that are not ours"):
                self.foreign += vim_builder.foreign_servers(self.project.conn, min(step, count - len(self.foreign)),
                                                            self.image_id, self.flavor_id, prefix="not-ours-%d" % len(self.foreign))

    def adopt_foreign(self, count):
        """Reuses `count` foreign servers as VDU instances of ours and deletes the others."""
        adopted, dropped = self.foreign[:count], self.foreign[count:]
        with cloud_lock("adopting servers"):
            groups = {}
            for server in self.project.conn.compute.servers():
                if server.id in adopted:
                    groups.setdefault(server.name.rsplit("-", 1)[0], []).append(server.id)
            for number, (prefix, ids) in enumerate(sorted(groups.items())):
                vim_builder.adopt_servers(self.project.conn, ids, ns_name="adopted%d" % number, prefix=prefix)
            vim_builder.delete_servers(self.project.conn, dropped)
        self.foreign = []
        self.count += len(adopted)

    def config(self, kind, cache):
        cache_lines = ("cache: true\ncache_plugin: jsonfile\ncache_connection: %s\n" % os.path.join(self.work, "cache-" + kind)
                       if cache else "")
        if kind == "ours":
            path = os.path.join(self.work, "bench.vnfs.yml")
            body = "plugin: smartnfvo.nfvo.vnfs\nsources: [{cloud: %s}]\nfail_on_errors: true\n" % self.project.cloud_name
        else:
            path = os.path.join(self.work, kind + ".openstack.yml")
            body = "plugin: openstack.cloud.openstack\nonly_clouds: [%s]\nfail_on_errors: true\n" % self.project.cloud_name
            if kind == "peer-tagged":
                body += "server_filters: {tags: smartnfvo}\n"
        with open(path, "w") as handle:
            handle.write(body + "clouds_yaml_path: [%s]\n" % self.project.clouds_yaml + cache_lines)
        return path

    def run(self, kind, cache=False):
        """(median seconds, requests of one run, hosts) of ansible-inventory --list for one plugin."""
        path = self.config(kind, cache)
        binary, cwd = (OURS, REPO) if kind == "ours" else (PEER, self.work)
        times, requests, hosts = [], None, None
        if cache:
            shutil.rmtree(os.path.join(self.work, "cache-" + kind), ignore_errors=True)
            self._once(binary, path, cwd)  # fills the cache
        for _run in range(self.repeat):
            log = os.path.join(self.work, "requests.log")
            if os.path.exists(log):
                os.unlink(log)
            seconds, listing = self._once(binary, path, cwd, log)
            times.append(seconds)
            with open(log) if os.path.exists(log) else open(os.devnull) as handle:
                requests = len(handle.readlines())
            hosts = len(listing["_meta"]["hostvars"])
        return statistics.median(times), requests, hosts

    def _once(self, binary, path, cwd, log=None):
        env = dict(self.env, SMARTNFVO_BENCH_REQUEST_LOG=log) if log else self.env
        start = time.monotonic()
        done = subprocess.run([binary, "-i", path, "--list"], cwd=cwd, env=env, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - start
        if done.returncode != 0:
            raise RuntimeError("%s failed: %s" % (binary, done.stderr[-2000:]))
        return seconds, json.loads(done.stdout)

    def case(self, title, tagged_peer=False):
        """Each plugin uncached then cached, interleaved so that a burst of load on the shared machine hits both."""
        rows = [("ours", False), ("peer", False)] + ([("peer-tagged", False)] if tagged_peer and not self.quick else [])
        rows += [("ours", True), ("peer", True)]
        print("\n== %s (%d VDU instances of ours, %d servers not ours)" % (title, self.count, len(self.foreign)), flush=True)
        with cloud_lock("case " + title):
            results = [(kind, cache) + self.run(kind, cache) for kind, cache in rows]
        self.results[title] = dict(((k, c), (t, r, h)) for k, c, t, r, h in results)
        ours = dict(((k, c), t) for k, c, t, _r, _h in results)
        print("%-24s %9s %9s %7s %7s" % ("plugin", "median s", "vs ours", "HTTP", "hosts"))
        for kind, cache, seconds, requests, hosts in results:
            base = ours.get(("ours", cache))
            label = kind + (" (cache)" if cache else "")
            print("%-24s %9.2f %8.2fx %7s %7d" % (label, seconds, seconds / base if base else 0, requests, hosts), flush=True)

    def bare(self):
        times = []
        for _run in range(3):
            start = time.monotonic()
            subprocess.run([OURS, "-i", "localhost,", "--list"], cwd=self.work, env=self.env, capture_output=True, check=True)
            times.append(time.monotonic() - start)
        return statistics.median(times)

    def goals(self, alone, shared, large):
        """Issue #7's goals against this run's medians."""
        print("\n== goals (issue #7)")

        def get(title, kind, cache=False):
            return self.results.get(title, {}).get((kind, cache))
        for title in (alone, large):
            ours, peer = get(title, "ours"), get(title, "peer")
            if ours and peer:
                print("%-58s %s (ours %.2f s, peer %.2f s: %.2fx)" % (
                    "alone, no slower than the peer [%s]:" % title, "MET" if ours[0] <= peer[0] else "NOT MET",
                    ours[0], peer[0], peer[0] / ours[0]))
        ours, peer = get(shared, "ours"), get(shared, "peer")
        if ours and peer:
            print("%-58s %s (%.2fx: ours %.2f s, peer %.2f s)" % (
                "shared tenant, >= 3x faster:", "MET" if peer[0] >= 3 * ours[0] else "NOT MET", peer[0] / ours[0], ours[0], peer[0]))
        for title in (alone, shared, large):
            cached, peer, peer_cached = get(title, "ours", True), get(title, "peer"), get(title, "peer", True)
            if cached and peer:
                print("%-58s %s (%.2fx: ours cached %.2f s, peer uncached %.2f s; peer cached %.2f s: %.2fx)" % (
                    "cache, >= 3x faster [%s]:" % title, "MET" if peer[0] >= 3 * cached[0] else "NOT MET",
                    peer[0] / cached[0], cached[0], peer[0], peer_cached[0] if peer_cached else 0,
                    (peer_cached[0] / cached[0]) if peer_cached else 0))
        counts = sorted(set(r[1] for title in self.results for (k, c), r in self.results[title].items() if k == "ours" and not c))
        print("%-58s %s (ours: %s requests per run in every case)" % (
            "request count independent of the number of servers:", "MET" if len(counts) == 1 else "CHECK", "/".join(map(str, counts))))

    def close(self):
        with cloud_lock("cleanup"):
            return self.project.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--ours", type=int, default=40, help="VDU instances of ours in the first two cases")
    parser.add_argument("--foreign", type=int, default=150, help="servers not ours beside them (0: skip that case and --large)")
    parser.add_argument("--large", type=int, default=150, help="VDU instances alone in the last case (at most --ours + --foreign; "
                        "0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one timed run per plugin and case; no peer-tagged row")
    args = parser.parse_args()
    if args.large and not args.ours <= args.large <= args.ours + args.foreign:
        parser.error("--large must lie between --ours and --ours + --foreign (the foreign servers are reused)")
    problem = __import__("cloud_probe").cloud_problem(("smartnfvo-admin",))
    if problem:
        sys.exit("test cloud not available: " + problem)
    peer_venv()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="smartnfvo-inv-bench-") as work:
        bench = Bench(work, 1 if args.quick else args.repeat, args.quick)
        alone, shared, large = ("%d VDU instances alone" % args.ours, "%d ours beside %d not ours" % (args.ours, args.foreign),
                                "%d VDU instances alone" % args.large)
        try:
            print("bare ansible-inventory (localhost,): %.2f s" % bench.bare())
            start = time.monotonic()
            bench.grow_to(args.ours)
            print("(project holds %d VDU instances; built in %.0f s)" % (bench.count, time.monotonic() - start))
            bench.case(alone)
            if args.foreign > 0:
                start = time.monotonic()
                bench.add_foreign(args.foreign)
                print("(booted %d servers not ours in %.0f s)" % (args.foreign, time.monotonic() - start))
                bench.case(shared, tagged_peer=True)
                if args.large:
                    start = time.monotonic()
                    bench.adopt_foreign(args.large - args.ours)
                    print("(reused %d of them as VDU instances, deleted the rest, in %.0f s)" % (
                        args.large - args.ours, time.monotonic() - start))
                    bench.case(large)
            bench.goals(alone, shared, large)
        finally:
            errors = bench.close()
            if errors:
                print("cleanup problems: %s" % errors, file=sys.stderr)
    print("\n(whole benchmark: %.0f s)" % (time.monotonic() - started))


if __name__ == "__main__":
    main()
