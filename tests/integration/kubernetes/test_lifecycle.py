"""Issue #13: `up` a second time is a no-op that leaves one healthy cluster;
`stop kubelet` / `start kubelet` (fault injection) round trip."""

import re
import secrets

from kubernetes import client as k8s
from kubernetes.client.rest import ApiException

from conftest import new_namespace, node_ready, script, wait_until


def _pids(status_output):
    """{component: pid} of the running components in `kubernetes.sh status`."""
    return dict(re.findall(r"^(\S+)\s+running\s+(\d+)", status_output, re.M))


def test_up_again_is_a_noop(admin):
    before = _pids(script("status").stdout)
    assert len(before) == 7, before
    up = script("up")
    assert up.returncode == 0, up.stdout
    assert "started:" not in up.stdout and "changed configuration" not in up.stdout, up.stdout
    assert up.stdout.rstrip().endswith("/kubeconfig"), up.stdout
    status = script("status")
    assert status.returncode == 0, status.stdout
    assert _pids(status.stdout) == before
    assert node_ready(admin)


def test_stop_and_start_kubelet(admin):
    core = k8s.CoreV1Api(admin)
    stop = script("stop", "kubelet")
    assert stop.returncode == 0, stop.stdout
    status = script("status")
    assert status.returncode == 1 and "kubelet" not in _pids(status.stdout), status.stdout
    start = script("start", "kubelet")
    assert start.returncode == 0, start.stdout
    assert node_ready(admin)
    # The node runs new pods again.
    ns = "smartnfvo-kubelet-%s" % secrets.token_hex(3)
    new_namespace(core, ns)
    try:
        core.create_namespaced_pod(ns, k8s.V1Pod(
            metadata=k8s.V1ObjectMeta(name="probe"),
            spec=k8s.V1PodSpec(termination_grace_period_seconds=1, containers=[k8s.V1Container(
                name="main", image="smartnfvo/base:1", image_pull_policy="Never",
                command=["sleep", "3600"])])))
        wait_until("a pod Running after the kubelet restart",
                   lambda: core.read_namespaced_pod("probe", ns).status.phase == "Running", timeout=120)
    finally:
        try:
            core.delete_namespace(ns, _preload_content=False)
        except ApiException as exc:
            if exc.status != 404:
                raise


def test_build_when_cached_starts_nothing():
    """`build --background` on a complete cache says so and leaves no build behind."""
    build = script("build", "--background")
    assert build.returncode == 0, build.stdout
    assert "build ready in" in build.stdout, build.stdout
    assert "building in the background" not in build.stdout, build.stdout
