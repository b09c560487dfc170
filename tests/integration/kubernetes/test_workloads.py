"""Issue #13, "How it will be checked": as the non-admin context, a namespace
with a Deployment of 3 replicas of a local image, a StatefulSet, a Service and a
ConfigMap; every pod Running with an IP; exec in a pod; one pod reaches another
by IP and through the Service's ClusterIP; everything deleted again."""

import secrets

import pytest
from kubernetes import client as k8s
from kubernetes.client.rest import ApiException
from kubernetes.stream import stream

from conftest import TENANT, new_client, new_namespace, wait_until

BASE_IMAGE = "smartnfvo/base:1"
PORT = 8080
# Each pod answers on PORT with its name and the ConfigMap's value (busybox nc
# serves one connection per run, hence the loop).
SERVE = 'while true; do printf "%s %s\\n" "$POD_NAME" "$GREETING" | nc -l -p 8080 >/dev/null; done'


def _container():
    return k8s.V1Container(
        name="main", image=BASE_IMAGE, image_pull_policy="Never", command=["sh", "-c", SERVE],
        ports=[k8s.V1ContainerPort(container_port=PORT)],
        env=[k8s.V1EnvVar(name="POD_NAME", value_from=k8s.V1EnvVarSource(
            field_ref=k8s.V1ObjectFieldSelector(field_path="metadata.name"))),
            k8s.V1EnvVar(name="GREETING", value_from=k8s.V1EnvVarSource(
                config_map_key_ref=k8s.V1ConfigMapKeySelector(name="settings", key="greeting")))])


def _template(app):
    return k8s.V1PodTemplateSpec(
        metadata=k8s.V1ObjectMeta(labels={"app": app}),
        spec=k8s.V1PodSpec(containers=[_container()], termination_grace_period_seconds=1))


def _exec(namespace, pod, command):
    api = new_client(TENANT)  # stream() takes the client over for the websocket
    try:
        return stream(k8s.CoreV1Api(api).connect_get_namespaced_pod_exec, pod, namespace,
                      command=command, stderr=True, stdin=False, stdout=True, tty=False)
    finally:
        api.close()


@pytest.fixture(scope="module")
def workload(tenant):
    core, apps = k8s.CoreV1Api(tenant), k8s.AppsV1Api(tenant)
    ns = "smartnfvo-test-%s" % secrets.token_hex(3)
    new_namespace(core, ns)
    core.create_namespaced_config_map(ns, k8s.V1ConfigMap(
        metadata=k8s.V1ObjectMeta(name="settings"), data={"greeting": "hello-from-configmap"}))
    apps.create_namespaced_deployment(ns, k8s.V1Deployment(
        metadata=k8s.V1ObjectMeta(name="web"),
        spec=k8s.V1DeploymentSpec(replicas=3, selector=k8s.V1LabelSelector(match_labels={"app": "web"}),
                                  template=_template("web"))))
    core.create_namespaced_service(ns, k8s.V1Service(
        metadata=k8s.V1ObjectMeta(name="web"),
        spec=k8s.V1ServiceSpec(selector={"app": "web"},
                               ports=[k8s.V1ServicePort(port=80, target_port=PORT)])))
    apps.create_namespaced_stateful_set(ns, k8s.V1StatefulSet(
        metadata=k8s.V1ObjectMeta(name="db"),
        spec=k8s.V1StatefulSetSpec(replicas=2, service_name="web",
                                   selector=k8s.V1LabelSelector(match_labels={"app": "db"}),
                                   template=_template("db"))))
    yield ns
    # Whatever the tests did: leave nothing behind (test_delete_everything checks it).
    try:
        core.delete_namespace(ns, _preload_content=False)
    except ApiException as exc:
        if exc.status != 404:
            raise


def _running_pods(core, ns):
    pods = core.list_namespaced_pod(ns).items
    if len(pods) == 5 and all(p.status.phase == "Running" and p.status.pod_ip for p in pods):
        return pods
    return None


@pytest.fixture(scope="module")
def pods(tenant, workload):
    core = k8s.CoreV1Api(tenant)
    return wait_until("3 web and 2 db pods Running with IPs", lambda: _running_pods(core, workload), timeout=180)


def test_tenant_is_not_cluster_admin(tenant):
    with pytest.raises(ApiException) as exc:
        k8s.CoreV1Api(tenant).list_node()
    assert exc.value.status == 403
    with pytest.raises(ApiException) as exc:
        k8s.RbacAuthorizationV1Api(tenant).create_cluster_role(k8s.V1ClusterRole(
            metadata=k8s.V1ObjectMeta(name="smartnfvo-test-escalation"), rules=[]))
    assert exc.value.status == 403


def test_every_pod_running_with_an_ip(tenant, workload, pods):
    by_app = {}
    for pod in pods:
        by_app.setdefault(pod.metadata.labels["app"], []).append(pod)
        assert pod.status.pod_ip.startswith("10.244."), pod.status.pod_ip
        assert pod.spec.containers[0].image_pull_policy == "Never"
    assert len(by_app["web"]) == 3 and len(by_app["db"]) == 2
    assert sorted(p.metadata.name for p in by_app["db"]) == ["db-0", "db-1"]
    apps = k8s.AppsV1Api(tenant)
    assert apps.read_namespaced_deployment(name="web", namespace=workload).status.ready_replicas == 3
    assert apps.read_namespaced_stateful_set(name="db", namespace=workload).status.ready_replicas == 2


def test_exec_in_a_pod(workload, pods):
    out = _exec(workload, pods[0].metadata.name, ["sh", "-c", 'echo "$GREETING $(hostname)"'])
    assert out.strip() == "hello-from-configmap %s" % pods[0].metadata.name


def test_pod_to_pod_by_ip(workload, pods):
    client, server = pods[0], pods[-1]
    out = wait_until("%s answers %s by IP" % (server.metadata.name, client.metadata.name),
                     lambda: _exec(workload, client.metadata.name,
                                   ["nc", "-w", "3", server.status.pod_ip, str(PORT)]).strip(), timeout=30)
    assert out == "%s hello-from-configmap" % server.metadata.name


def test_pod_to_service_cluster_ip(tenant, workload, pods):
    svc = k8s.CoreV1Api(tenant).read_namespaced_service(name="web", namespace=workload)
    ip = svc.spec.cluster_ip
    assert ip.startswith("10.96."), ip
    web = {p.metadata.name for p in pods if p.metadata.labels["app"] == "web"}
    client = next(p for p in pods if p.metadata.labels["app"] == "db")
    seen = set()

    def answer():
        out = _exec(workload, client.metadata.name, ["nc", "-w", "3", ip, "80"]).split()
        if out:
            seen.add(out[0])
        return len(out) == 2 and out[0] in web

    wait_until("a web pod answers through ClusterIP %s:80" % ip, answer, timeout=60)
    assert seen <= web


def test_network_attachment_definition_is_stored(tenant, workload):
    custom = k8s.CustomObjectsApi(tenant)
    body = {"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition",
            "metadata": {"name": "sriov-a"}, "spec": {"config": '{"cniVersion": "0.4.0", "type": "bridge"}'}}
    custom.create_namespaced_custom_object("k8s.cni.cncf.io", "v1", workload, "network-attachment-definitions", body)
    got = custom.get_namespaced_custom_object("k8s.cni.cncf.io", "v1", workload, "network-attachment-definitions",
                                              "sriov-a")
    assert got["spec"]["config"].startswith("{")


def test_delete_everything(tenant, workload, pods):
    core, apps = k8s.CoreV1Api(tenant), k8s.AppsV1Api(tenant)
    apps.delete_namespaced_deployment("web", workload)
    apps.delete_namespaced_stateful_set("db", workload)
    # API 1.20 answers a Service delete with a Status the client 37 cannot
    # parse as a Service (the delete has happened): read the raw answer.
    core.delete_namespaced_service("web", workload, _preload_content=False)
    core.delete_namespaced_config_map("settings", workload)
    wait_until("the pods are gone", lambda: not core.list_namespaced_pod(workload).items, timeout=120)
    assert not core.list_namespaced_service(workload).items
    core.delete_namespace(workload, _preload_content=False)

    def gone():
        try:
            core.read_namespace(workload)
        except ApiException as exc:
            return exc.status == 404
        return False

    wait_until("namespace %s deleted" % workload, gone, timeout=120)
