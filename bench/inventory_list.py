"""Benchmark: `ansible-inventory --list` with smartnfvo.nfvo.vnfs beside openstack.cloud.openstack, same cloud, same run.

Needs the test cloud (bash tests/cloud/openstack.sh up) and its smartnfvo-admin entry. Works in a project and
user of its own, deleted at the end. Cases:
  * N VDU instances alone in the project (default N = 40, 150);
  * 40 of ours in a project that also holds 150 servers that are not ours;
  * each plugin run again with its cache on (the second run of two is timed).
Prints per case the median wall time of each plugin, the ratio peer/ours, and the HTTP requests each made (counted
by a sitecustomize hook on requests' HTTPAdapter.send, in both processes).

The peer runs from its own venv (ansible from PyPI ships openstack.cloud 2.5.0, which needs openstacksdk < 4.15),
created here on first use: $SMARTNFVO_BENCH_PEER_VENV, default /tmp/smartnfvo-peer-venv. Never the project venv.

  .venv/bin/python bench/inventory_list.py [--sizes 40,150] [--foreign 150] [--repeat 3]
"""

import argparse
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
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.parser import load_descriptor  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import build_plan  # noqa: E402

PEER_VENV = os.environ.get("SMARTNFVO_BENCH_PEER_VENV", "/tmp/smartnfvo-peer-venv")
OURS = os.path.join(REPO, ".venv", "bin", "ansible-inventory")
PEER = os.path.join(PEER_VENV, "bin", "ansible-inventory")
# Every HTTP request of the process is appended to $SMARTNFVO_BENCH_REQUEST_LOG.
COUNTER = '''
import os
try:
    import requests.adapters
except ImportError:
    requests = None
if requests is not None and os.environ.get("SMARTNFVO_BENCH_REQUEST_LOG"):
    _send = requests.adapters.HTTPAdapter.send

    def send(self, request, *args, **kwargs):
        with open(os.environ["SMARTNFVO_BENCH_REQUEST_LOG"], "a") as log:
            log.write("%s %s\\n" % (request.method, request.url))
        return _send(self, request, *args, **kwargs)
    requests.adapters.HTTPAdapter.send = send
'''


def peer_venv():
    if not os.path.exists(PEER):
        subprocess.run([sys.executable, "-m", "venv", PEER_VENV], check=True)
        subprocess.run([os.path.join(PEER_VENV, "bin", "pip"), "install", "-q", "ansible", "openstacksdk==4.14.0"], check=True)
    return PEER


class Bench:
    def __init__(self, work, repeat):
        self.work, self.repeat = work, repeat
        self.project = vim_builder.IsolatedProject("smartnfvo-inv-bench", work)
        self.image_id, self.flavor_id = vim_builder.cloud_image_and_flavor(self.project.conn)
        self.nsd = load_descriptor(os.path.join(REPO, "descriptors", "sample_ns")).model
        self.services = []  # NsOnCloud, one per NS instance, 6 VDU instances each at web_scale 3
        self.count = 0
        hook = os.path.join(work, "hook")
        os.makedirs(hook)
        with open(os.path.join(hook, "sitecustomize.py"), "w") as handle:
            handle.write(COUNTER)
        self.env = dict(os.environ, PYTHONPATH=hook, ANSIBLE_HOST_KEY_CHECKING="false")
        self.env.pop("ANSIBLE_CONFIG", None)

    def grow_to(self, wanted):
        """Adds VDU instances (whole NSs of the sample NSD, the last one partial) until `wanted` exist."""
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

    def case(self, title, rows):
        results = []
        print("\n== %s (%d VDU instances of ours)" % (title, self.count), flush=True)
        for kind, cache in rows:
            results.append((kind, cache) + self.run(kind, cache))
        ours = dict(((k, c), t) for k, c, t, _r, _h in results)
        print("%-24s %9s %9s %7s %7s" % ("plugin", "median s", "vs ours", "HTTP", "hosts"))
        for kind, cache, seconds, requests, hosts in results:
            base = ours.get(("ours", cache))
            label = kind + (" (cache)" if cache else "")
            print("%-24s %9.2f %8.2fx %7s %7d" % (label, seconds, seconds / base if base else 0, requests, hosts), flush=True)

    def bare(self):
        start = time.monotonic()
        subprocess.run([OURS, "-i", "localhost,", "--list"], cwd=self.work, env=self.env, capture_output=True, check=True)
        return time.monotonic() - start

    def close(self):
        return self.project.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--sizes", default="40,150", help="VDU instances alone in the project, comma-separated")
    parser.add_argument("--foreign", type=int, default=150, help="servers not ours beside 40 of ours (0: skip the case)")
    parser.add_argument("--ours-beside-foreign", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    problem = __import__("cloud_probe").cloud_problem(("smartnfvo-admin",))
    if problem:
        sys.exit("test cloud not available: " + problem)
    peer_venv()
    with tempfile.TemporaryDirectory(prefix="smartnfvo-inv-bench-") as work:
        bench = Bench(work, args.repeat)
        try:
            print("bare ansible-inventory (localhost,): %.2f s" % bench.bare())
            rows = [("ours", False), ("peer", False), ("ours", True), ("peer", True)]
            done_foreign = args.foreign <= 0
            for size in sizes:
                if not done_foreign and size >= args.ours_beside_foreign:
                    bench.grow_to(args.ours_beside_foreign)
                    start = time.monotonic()
                    foreign = vim_builder.foreign_servers(bench.project.conn, args.foreign, bench.image_id, bench.flavor_id)
                    print("(created %d servers not ours in %.0f s)" % (args.foreign, time.monotonic() - start))
                    bench.case("%d ours beside %d not ours" % (args.ours_beside_foreign, args.foreign),
                               rows[:2] + [("peer-tagged", False)] + rows[2:])
                    vim_builder.delete_servers(bench.project.conn, foreign)
                    done_foreign = True
                start = time.monotonic()
                bench.grow_to(size)
                print("(project holds %d VDU instances; built in %.0f s)" % (bench.count, time.monotonic() - start))
                bench.case("%d VDU instances alone" % size, rows)
        finally:
            errors = bench.close()
            if errors:
                print("cleanup problems: %s" % errors, file=sys.stderr)


if __name__ == "__main__":
    main()
