"""Benchmark: instantiate and terminate an NS of N VDU instances with smartnfvo.nfvo.ns, beside three peers on the
same cloud in the same run (issue 4).

The NS (bench/_bench_ns.py, SOL001 NSD + VNFD written to a temp dir): N servers with two ports each, a management
network and two internal VLs. Every tool builds the same resources, named, tagged and with the server metadata of
SmartNFVO's own plan, in a project and member user of their own (created with the smartnfvo-admin entry, deleted at
the end; the default quotas of the test cloud allow 500 servers):
  ours     ansible-playbook with smartnfvo.nfvo.ns (state present, then absent): descriptor parse, plan, reads,
           concurrent waves, server wait, as a user runs it;
  sdk      a plain concurrent openstacksdk script (one connection, 8 threads, 1 s polls), bench/_sdk_peer.py;
  heat     the same resources as one Heat stack: create + wait CREATE_COMPLETE, delete + wait (1 s polls);
  ansible  a playbook of openstack.cloud modules in loops (peer venv with openstacksdk 4.14.0; the modules' defaults:
           servers waited one by one; openstack.cloud sets no Neutron tags, so it does less work than the others).
Each timing is the wall time of the tool's process. HTTP requests are counted in every Python process (Heat's own
requests to Nova and Neutron happen server-side and are not counted). Every measured case (one tool, create and
delete) holds /tmp/smartnfvo-cloud.lock, and the project is checked empty after each.

  .venv/bin/python bench/ns_lifecycle.py [--sizes 10,40] [--repeat 2] [--tools sdk,ours,heat,ansible]
  .venv/bin/python bench/ns_lifecycle.py --quick     # 10 VDU instances, 1 repetition (~5 min)
Prints per size the median seconds of each tool and the ratios ours/peer; the full run writes
bench/results/ns_lifecycle.txt.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, ".collections"))
sys.path.insert(0, os.path.join(REPO, "tests", "integration", "inventory"))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))
sys.path.insert(0, HERE)

import _bench_ns  # noqa: E402
import _peers  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity as vim_tags  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan  # noqa: E402

CLOUD = "smartnfvo-bench"
TOOLS = ("sdk", "ours", "heat", "ansible")
RESULTS = os.path.join(HERE, "results", "ns_lifecycle.txt")
WORKERS = 8  # ours: the ns module's default concurrency; the sdk script uses the same


def spec_of(plan, keypair, public_key):
    """What the peers build: SmartNFVO's plan as plain lists (names, CIDRs, tags, metadata)."""
    def of(kind):
        return [r for r in plan["resources"] if r["type"] == kind]
    subnets = [dict(dict((k, v) for k, v in r["properties"].items() if k in ("cidr", "ip_version", "gateway_ip",
                                                                             "allocation_pools", "enable_dhcp")),
                    name=r["name"], network=r["depends_on"][0], tags=r["tags"]) for r in of("subnet")]
    ports = [{"name": r["name"], "network": r["properties"]["network"], "subnet": r["properties"]["subnet"], "tags": r["tags"]}
             for r in of("port")]
    servers = [{"name": r["name"], "flavor": r["properties"]["flavor"], "image": r["properties"]["image"],
                "ports": r["properties"]["ports"], "nics": [{"port-name": p} for p in r["properties"]["ports"]],
                "metadata": r["properties"]["metadata"], "tags": r["tags"]} for r in of("server")]
    return {"cloud": CLOUD, "tag": vim_tags.ns_tag(plan["ns_instance_id"]), "keypair": keypair, "public_key": public_key,
            "stack": plan["ns_name"], "workers": WORKERS, "networks": [{"name": r["name"], "tags": r["tags"]} for r in of("network")],
            "subnets": subnets, "ports": ports, "servers": servers}


def ours_play(options):
    return [{"hosts": "localhost", "gather_facts": False, "tasks": [{"smartnfvo.nfvo.ns": options}]}]


PEER_CREATE = [
    {"openstack.cloud.keypair": {"name": "{{ keypair }}", "public_key": "{{ public_key }}"}},
    {"openstack.cloud.network": {"name": "{{ item.name }}"}, "loop": "{{ networks }}"},
    {"openstack.cloud.subnet": {"name": "{{ item.name }}", "network": "{{ item.network }}", "cidr": "{{ item.cidr }}",
                                "ip_version": "{{ item.ip_version }}", "is_dhcp_enabled": "{{ item.enable_dhcp }}"},
     "loop": "{{ subnets }}"},
    {"openstack.cloud.port": {"name": "{{ item.name }}", "network": "{{ item.network }}"}, "loop": "{{ ports }}"},
    {"openstack.cloud.server": {"name": "{{ item.name }}", "image": "{{ item.image }}", "flavor": "{{ item.flavor }}",
                                "key_name": "{{ keypair }}", "nics": "{{ item.nics }}", "meta": "{{ item.metadata }}",
                                "tags": "{{ item.tags }}", "auto_ip": False, "timeout": 600},
     "loop": "{{ servers }}"},
]
PEER_DELETE = [
    {"openstack.cloud.server": {"name": "{{ item.name }}", "state": "absent", "timeout": 600}, "loop": "{{ servers }}"},
    {"openstack.cloud.port": {"name": "{{ item.name }}", "state": "absent"}, "loop": "{{ ports }}"},
    {"openstack.cloud.subnet": {"name": "{{ item.name }}", "state": "absent"}, "loop": "{{ subnets }}"},
    {"openstack.cloud.network": {"name": "{{ item.name }}", "state": "absent"}, "loop": "{{ networks }}"},
    {"openstack.cloud.keypair": {"name": "{{ keypair }}", "state": "absent"}},
]


class Bench:
    def __init__(self, work, project, peer_bin):
        self.work, self.project, self.peer_bin = work, project, peer_bin
        self.env = _peers.counting_env(work, dict(os.environ, OS_CLIENT_CONFIG_FILE=project.clouds_yaml, ANSIBLE_NOCOLOR="1",
                                                  ANSIBLE_HOST_KEY_CHECKING="false"))
        self.env.pop("ANSIBLE_CONFIG", None)
        key = os.path.join(work, "peer_key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
        with open(key + ".pub", encoding="utf-8") as handle:
            self.public_key = handle.read().strip()
        self.files = {}

    def prepare(self, size):
        """Descriptors, our module's options and the peers' spec for an NS of `size` VDU instances."""
        directory = os.path.join(self.work, "ns%d" % size)
        path = _bench_ns.write(directory, size)
        ns_name = "bench%d" % size
        plan = build_plan(load_descriptor(path).model, dict(_bench_ns.MAPS, ns_name=ns_name))
        keypair = vim_tags.keypair_name(plan["ns_name"], plan["ns_instance_id"])
        spec = spec_of(plan, keypair, self.public_key)
        ours = dict(_bench_ns.MAPS, cloud=CLOUD, path=path, ns_name=ns_name, key_dir=os.path.join(directory, "keys"),
                    concurrency=WORKERS)
        files = {}
        for name, content in (("spec.json", spec), ("ours-present.yml", ours_play(dict(ours, state="present"))),
                              ("ours-absent.yml", ours_play(dict(ours, state="absent"))),
                              ("peer-create.yml", self._peer_play(PEER_CREATE)), ("peer-delete.yml", self._peer_play(PEER_DELETE))):
            files[name] = os.path.join(directory, name)
            with open(files[name], "w", encoding="utf-8") as handle:
                json.dump(content, handle)
        self.files[size] = files
        return plan

    def _peer_play(self, tasks):
        return [{"hosts": "localhost", "gather_facts": False, "connection": "local", "vars_files": ["spec.json"],
                 "vars": {"ansible_python_interpreter": os.path.join(self.peer_bin, "python")},
                 "module_defaults": {"group/openstack.cloud.openstack": {"cloud": CLOUD}}, "tasks": tasks}]

    def commands(self, tool, size):
        """(create, delete): (argv, cwd) of each phase."""
        f = self.files[size]
        if tool == "ours":
            play = os.path.join(REPO, ".venv", "bin", "ansible-playbook")
            return ([play, f["ours-present.yml"]], REPO), ([play, f["ours-absent.yml"]], REPO)
        if tool == "ansible":
            play = [os.path.join(self.peer_bin, "ansible-playbook"), "-i", "localhost,"]
            cwd = os.path.dirname(f["spec.json"])
            return (play + [f["peer-create.yml"]], cwd), (play + [f["peer-delete.yml"]], cwd)
        script = [sys.executable, os.path.join(HERE, "_sdk_peer.py"), tool]
        return (script + ["create", f["spec.json"]], HERE), (script + ["delete", f["spec.json"]], HERE)

    def run(self, argv, cwd, label):
        log = os.path.join(self.work, "requests-%s.log" % label)
        if os.path.exists(log):
            os.unlink(log)
        start = time.monotonic()
        done = subprocess.run(argv, cwd=cwd, env=dict(self.env, SMARTNFVO_BENCH_REQUEST_LOG=log),
                              capture_output=True, text=True, check=False)
        seconds = time.monotonic() - start
        if done.returncode != 0:
            raise RuntimeError("%s failed (rc %d):\n%s\n%s" % (label, done.returncode, done.stdout[-3000:], done.stderr[-3000:]))
        return (seconds,) + _peers.read_requests(log)

    def case(self, tool, size):
        """One lifecycle of one tool, under the cloud lock: (create s, requests, tokens, delete s, requests, tokens)."""
        (create, c_cwd), (delete, d_cwd) = self.commands(tool, size)
        with _peers.cloud_lock():
            try:
                made = self.run(create, c_cwd, "%s-%d-create" % (tool, size))
                gone = self.run(delete, d_cwd, "%s-%d-delete" % (tool, size))
            finally:
                left = self.leftovers()
                if left:
                    self.clean()
        if left:
            raise RuntimeError("%s left resources behind: %s" % (tool, left))
        return made + gone

    def leftovers(self):
        conn = self.project.conn
        listers = (("servers", conn.compute.servers), ("ports", conn.network.ports),
                   ("networks", lambda: conn.network.networks(project_id=conn.current_project_id)),
                   ("keypairs", conn.compute.keypairs), ("stacks", conn.orchestration.stacks))
        left = dict((k, len(list(f()))) for k, f in listers)
        return dict((k, n) for k, n in left.items() if n)

    def clean(self):
        conn = self.project.conn
        for stack in conn.orchestration.stacks():
            conn.orchestration.delete_stack(stack)
            conn.orchestration.wait_for_delete(stack, wait=600)
        return __import__("vim_builder").empty_project(conn)


def report(results, sizes, tools):
    lines = []
    for size in sizes:
        rows = dict((tool, results[(tool, size)]) for tool in tools if results.get((tool, size)))
        lines.append("\n== NS of %d VDU instances (%d servers, %d ports, 3 networks): median of %d run(s)" % (
            size, size, 2 * size, max(len(r) for r in rows.values()) if rows else 0))
        lines.append("%-9s %10s %10s %10s %12s %12s" % ("tool", "create s", "delete s", "total s", "HTTP create", "HTTP delete"))
        med = {}
        for tool, runs in rows.items():
            create, delete = statistics.median(r[0] for r in runs), statistics.median(r[3] for r in runs)
            med[tool] = (create, delete, create + delete)
            last = runs[-1]
            lines.append("%-9s %10.1f %10.1f %10.1f %7d (%2d tok) %6d (%2d tok)" % (
                tool, create, delete, create + delete, last[1], last[2], last[4], last[5]))
        if "ours" in med:
            lines.append("ratios ours/peer (create, delete, total); goal: < 1 vs heat and ansible, <= 1.3 vs sdk")
            for tool in (t for t in tools if t != "ours" and t in med):
                lines.append("  ours/%-8s %6.2f %6.2f %6.2f" % ((tool,) + tuple(o / p for o, p in zip(med["ours"], med[tool]))))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--sizes", default="10,40", help="VDU instances per NS (even), comma-separated")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--quick", action="store_true", help="10 VDU instances, 1 repetition, results not saved")
    parser.add_argument("--out", help="write the report here (default: %s, unless --quick)" % os.path.relpath(RESULTS, REPO))
    args = parser.parse_args()
    sizes = [10] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    repeat = 1 if args.quick else args.repeat
    tools = [t for t in args.tools.split(",") if t]
    out = args.out or (None if args.quick else RESULTS)
    problem = __import__("cloud_probe").cloud_problem(("smartnfvo-admin",))
    if problem:
        sys.exit("test cloud not available: " + problem)
    peer_bin = _peers.peer_venv()
    vim_builder = __import__("vim_builder")
    results, started = {}, time.monotonic()
    with tempfile.TemporaryDirectory(prefix="smartnfvo-ns-bench-") as work:
        with _peers.cloud_lock():
            project = vim_builder.IsolatedProject("smartnfvo-ns-bench", work, cloud_name=CLOUD)
        bench = None
        try:
            bench = Bench(work, project, peer_bin)
            for size in sizes:
                plan = bench.prepare(size)
                print("NS of %d VDU instances: %s" % (size, plan["summary"]), flush=True)
                for run in range(repeat):
                    for tool in tools:
                        measured = bench.case(tool, size)
                        results.setdefault((tool, size), []).append(measured)
                        print("  run %d %-8s create %6.1f s (%4d requests, %2d tokens)  delete %6.1f s (%4d requests, %2d tokens)"
                              % ((run + 1, tool) + measured), flush=True)
        finally:
            with _peers.cloud_lock():
                errors = (bench.clean() if bench else []) + project.close()
            if errors:
                print("cleanup problems: %s" % errors, file=sys.stderr)
    text = report(results, sizes, tools)
    print(text)
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write("bench/ns_lifecycle.py --sizes %s --repeat %d (%s, %.0f min)\n%s\n" % (
                ",".join(map(str, sizes)), repeat, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                (time.monotonic() - started) / 60, text))


if __name__ == "__main__":
    main()
