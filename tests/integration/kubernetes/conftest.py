"""Fixtures for the tests against the project's own Kubernetes (issue #13).

The cluster is brought up by ``bash tests/cloud/kubernetes.sh up``, which writes
/etc/smartnfvo/kubeconfig with the contexts ``smartnfvo-admin`` (cluster admin)
and ``smartnfvo`` (a tenant).  When it is not there, or its API does not
answer, every test here is skipped with the reason, so the suite is harmless on
other machines.  Set SMARTNFVO_K8S_REQUIRED=1 to turn that skip into a failure
(CI, where the cluster must be up).

Environment:
  SMARTNFVO_KUBECONFIG       kubeconfig to read (/etc/smartnfvo/kubeconfig)
  SMARTNFVO_K8S_REQUIRED=1   fail instead of skip when the cluster is missing
"""

import os
import subprocess
import time

import pytest

try:
    import kubernetes
    from kubernetes import client as k8s
    from kubernetes import config as k8s_config
except ImportError:  # reported by cluster_problem(), the tests skip
    kubernetes = None

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCRIPT = os.path.join(REPO, "tests", "cloud", "kubernetes.sh")
KUBECONFIG = os.environ.get("SMARTNFVO_KUBECONFIG", "/etc/smartnfvo/kubeconfig")
ADMIN, TENANT = "smartnfvo-admin", "smartnfvo"
REQUIRED = os.environ.get("SMARTNFVO_K8S_REQUIRED") == "1"


def cluster_problem():
    """Why the cluster cannot be used, or None."""
    if kubernetes is None:
        return "the kubernetes Python client is not installed (scripts/bootstrap.sh --dev)"
    if not os.path.exists(KUBECONFIG):
        return "%s missing: run tests/cloud/kubernetes.sh up" % KUBECONFIG
    try:
        contexts = {c["name"] for c in k8s_config.list_kube_config_contexts(config_file=KUBECONFIG)[0]}
    except Exception as exc:  # noqa: BLE001 - any parse problem is a reason to skip
        return "cannot read %s: %s" % (KUBECONFIG, exc)
    missing = {ADMIN, TENANT} - contexts
    if missing:
        return "contexts %s missing in %s" % (", ".join(sorted(missing)), KUBECONFIG)
    try:
        api = new_client(ADMIN)
        k8s.VersionApi(api).get_code(_request_timeout=5)
        api.close()
    except Exception as exc:  # noqa: BLE001
        return "the API in %s does not answer: %s" % (KUBECONFIG, exc)
    return None


def new_client(context):
    return k8s_config.new_client_from_config(config_file=KUBECONFIG, context=context)


@pytest.fixture(scope="session", autouse=True)
def cluster_ready():
    problem = cluster_problem()
    if problem:
        if REQUIRED:
            pytest.fail("SMARTNFVO_K8S_REQUIRED=1 but " + problem, pytrace=False)
        pytest.skip(problem)
    return True


@pytest.fixture(scope="session")
def tenant():
    """An ApiClient as the non-admin ``smartnfvo`` user."""
    api = new_client(TENANT)
    yield api
    api.close()


@pytest.fixture(scope="session")
def admin():
    """An ApiClient as the cluster admin (checks only)."""
    api = new_client(ADMIN)
    yield api
    api.close()


def script(*args, timeout=900):
    """Run tests/cloud/kubernetes.sh; the CompletedProcess (output in .stdout)."""
    return subprocess.run(["bash", SCRIPT, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout, check=False)


def wait_until(what, check, timeout=120, interval=0.5):
    """Call check() until it returns something true; that value, or fail with `what`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - retried until the deadline
            last = exc
        time.sleep(interval)
    pytest.fail("%s: not within %d s%s" % (what, timeout, " (last error: %s)" % last if last else ""))


def new_namespace(core, name):
    """Create namespace `name` and wait until its ``default`` service account has
    its token: the API refuses pods (500 "No API token found") until the token
    controller has made it, which takes a moment on a busy machine."""
    core.create_namespace(k8s.V1Namespace(metadata=k8s.V1ObjectMeta(name=name)))
    wait_until("the token of service account default in namespace %s" % name,
               lambda: core.read_namespaced_service_account("default", name).secrets, timeout=120)
    return name


def node_ready(api):
    for node in k8s.CoreV1Api(api).list_node().items:
        for cond in node.status.conditions or []:
            if cond.type == "Ready" and cond.status == "True":
                return True
    return False
