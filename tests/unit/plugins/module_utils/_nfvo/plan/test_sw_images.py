"""Software images shipped in VNF packages: located by the plan, verified before any VIM write, owned by the NS
that uploaded them (removed with it, never taken by another NS), and ignored by the local VIM."""
import hashlib
import io
import os

import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import csar
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import diff as lifecycle
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import sw_images
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity as vim_tags
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.local.driver import LocalDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import PlanError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.ns import run_ns

from fake_vim import FakeVim
from image_packages import IMAGE_FILE, VDU, vnf_package

IMAGE = "vnfc-image"


class GlanceVim(FakeVim):
    """FakeVim whose images behave as the OpenStack driver reads Glance: an NS finds the images tagged with it
    (uploaded for it) and, by name, shared ones (untagged), never those another NS uploaded."""

    def read_ns(self, ns_id, desired):
        state = super().read_ns(ns_id, desired)
        images = [r for r in self.records.values() if r["type"] == "image"]
        own = [dict(r) for r in images if vim_tags.owner_ns(r.get("tags")) == ns_id]
        wanted = set(r["name"] for r in desired if r["type"] == "image") - set(r["name"] for r in own)
        state["image"] = own + [dict(r) for r in images if r["name"] in wanted and vim_tags.owner_ns(r.get("tags")) is None]
        return state


def plan_of(path, **params):
    return build_plan(load_descriptor(path).model, params)


def image_of(plan):
    [image] = [r for r in plan["resources"] if r["type"] == "image"]
    return image


def ns_params(path, tmp_path, name="unit-img", **extra):
    return dict({"path": path, "ns_name": name, "key_dir": str(tmp_path / "keys"), "state": "present"}, **extra)


@pytest.mark.parametrize("as_zip", [False, True], ids=["csar-directory", "csar-zip"])
def test_plan_carries_where_the_artifact_is_read_at_apply_time(tmp_path, as_zip):
    path, data = vnf_package(tmp_path, IMAGE, as_zip=as_zip)
    plan = plan_of(path)
    image = image_of(plan)
    props = image["properties"]
    assert props["artifact"] == IMAGE_FILE and image["node"] == VDU
    assert os.path.isabs(props["artifact_path"]) and os.path.isfile(props["artifact_path"])
    if as_zip:
        # The zip's extraction is gone once loaded: the member is streamed from the zip itself.
        assert props["artifact_path"] == os.path.abspath(path) and props["artifact_member"] == IMAGE_FILE
        assert props["vnfd_file"] == "%s!Definitions/vnfd.yaml" % path
    else:
        assert props["artifact_path"] == os.path.join(path, IMAGE_FILE) and props["artifact_member"] is None
    with csar.open_member(props["artifact_path"], props["artifact_member"]) as (stream, size):
        assert stream.read() == data and size == len(data)
    assert image["tags"] == vim_tags.image_tags(plan["ns_instance_id"])
    assert sw_images.verify(image)[2:] == (len(data), "sha256", hashlib.sha256(data).hexdigest())


def test_a_mapped_image_is_neither_planned_nor_checked(tmp_path):
    path, _data = vnf_package(tmp_path, IMAGE, ship_image=False)
    plan = plan_of(path, image_map={VDU: "cirros"})
    assert not [r for r in plan["resources"] if r["type"] == "image"]
    assert lifecycle.diff(plan["resources"], {})["create"]


@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "apply"])
def test_missing_artifact_fails_before_any_vim_write(tmp_path, check_mode):
    path, _data = vnf_package(tmp_path, IMAGE, ship_image=False)
    plan_of(path)  # the descriptor itself is fine: descriptor_info and image_map still work
    vim = GlanceVim()
    with pytest.raises(PlanError) as caught:
        run_ns(ns_params(path, tmp_path), check_mode, vim)
    [problem] = caught.value.problems
    assert problem.file == os.path.join(path, "Definitions", "vnfd.yaml") and problem.node == VDU
    assert os.path.join(path, IMAGE_FILE) in problem.reason and "not in the package" in problem.reason
    assert vim.writes == 0 and not vim.records


def test_an_image_already_on_the_vim_needs_no_artifact(tmp_path):
    path, _data = vnf_package(tmp_path, IMAGE, ship_image=False)
    vim = GlanceVim(images=[IMAGE])
    result = run_ns(ns_params(path, tmp_path), False, vim)
    assert "create image %s" % IMAGE not in result["changes"] and vim.of("server")


def test_checksum_mismatch_fails_before_any_vim_write_naming_both_hashes(tmp_path):
    path, data = vnf_package(tmp_path, IMAGE, wrong_checksum=True, as_zip=True)
    vim = GlanceVim()
    with pytest.raises(PlanError) as caught:
        run_ns(ns_params(path, tmp_path), False, vim)
    [problem] = caught.value.problems
    expected = hashlib.sha256(data + b"tampered").hexdigest()
    assert "sha-256 mismatch" in problem.reason and expected in problem.reason and hashlib.sha256(data).hexdigest() in problem.reason
    assert "%s!%s" % (path, IMAGE_FILE) in problem.reason and problem.node == VDU
    assert vim.writes == 0


@pytest.mark.parametrize("algorithm", ["sha-224", "sha-384", "sha-512"])
def test_the_checksum_algorithms_sol001_allows(tmp_path, algorithm):
    path, _data = vnf_package(tmp_path, IMAGE, algorithm=algorithm)
    sw_images.verify(image_of(plan_of(path)))


@pytest.mark.parametrize("algorithm,name", [("md5", "md5"), ("SHA3-256", "sha3_256"), ("SHA-256", "sha256")])
def test_other_spellings_of_checksum_algorithms(tmp_path, algorithm, name):
    """Glance's MD5, and the manifest's spellings, for descriptors outside SOL001 2.6.1's list."""
    path, data = vnf_package(tmp_path, IMAGE)
    image = image_of(plan_of(path))
    checksum = {"algorithm": algorithm, "hash": hashlib.new(name, data).hexdigest().upper()}
    assert sw_images.verify(dict(image, properties=dict(image["properties"], checksum=checksum)))[3] == name


def test_an_unknown_algorithm_or_an_artifact_outside_the_package_is_refused(tmp_path):
    path, _data = vnf_package(tmp_path, IMAGE)
    image = image_of(plan_of(path))
    unknown = dict(image, properties=dict(image["properties"], checksum={"algorithm": "crc32", "hash": "abc"}))
    with pytest.raises(PlanError, match="unknown checksum algorithm 'crc32'"):
        sw_images.verify(unknown)
    # An untrusted package must not make the NFVO read, let alone upload, a file of the host.
    for rel in ("../../etc/passwd", "/etc/passwd", "https://example.com/image.qcow2"):
        assert csar.locate_member(path, rel) is None and csar.locate_member(path + ".zip", rel) is None
    outside = dict(image, properties=dict(image["properties"], artifact="../../etc/passwd", artifact_path=None))
    with pytest.raises(PlanError, match="outside its package"):
        sw_images.verify(outside)


def test_removal_deletes_the_ns_own_images_only():
    ns_id, other = "ns-1", "ns-2"
    current = {"image": [{"type": "image", "name": "shared", "id": "1", "tags": []},
                         {"type": "image", "name": "own", "id": "2", "tags": vim_tags.image_tags(ns_id)}],
               "flavor": [{"type": "flavor", "name": "m1.tiny", "id": "3"}],
               "server": [{"type": "server", "name": "vm", "id": "4", "tags": vim_tags.tags_for(ns_id, "vnf", "vdu", 0)}]}
    deletes = lifecycle.removal(current)["delete"]
    assert [(r["type"], r["name"]) for r in deletes] == [("server", "vm"), ("image", "own")]
    assert lifecycle.owned({"tags": vim_tags.image_tags(other)}) and not lifecycle.owned({"tags": [vim_tags.TAG]})


def test_each_ns_uploads_and_removes_its_own_copy(tmp_path):
    path, _data = vnf_package(tmp_path, IMAGE)
    vim = GlanceVim(images=["unrelated"])
    first = run_ns(ns_params(path, tmp_path, "first"), False, vim)
    second = run_ns(ns_params(path, tmp_path, "second"), False, vim)
    # The first NS's image has the name, but it goes when that NS terminates: the second uploads its own.
    assert "create image %s" % IMAGE in first["changes"] and "create image %s" % IMAGE in second["changes"]
    owners = sorted(vim_tags.owner_ns(r["tags"]) for r in vim.records.values() if r["type"] == "image" and r["name"] == IMAGE)
    assert owners == sorted([first["ns_instance_id"], second["ns_instance_id"]])
    again = run_ns(ns_params(path, tmp_path, "first"), False, vim)
    assert not again["changed"]
    writes = vim.writes
    check = run_ns(ns_params(path, tmp_path, "first", state="absent"), True, vim)
    assert "delete image %s" % IMAGE in check["changes"] and vim.writes == writes
    run_ns(ns_params(path, tmp_path, "first", state="absent"), False, vim)
    [left] = [r for r in vim.records.values() if r["type"] == "image" and r["name"] == IMAGE]
    assert vim_tags.owner_ns(left["tags"]) == second["ns_instance_id"]
    # Terminated by name, without the descriptor: the NS's image is found by its tag all the same.
    run_ns({"ns_name": "second", "key_dir": str(tmp_path / "keys"), "state": "absent"}, False, vim)
    assert vim.of("image") == ["unrelated"] and vim.of("flavor") and not vim.of("server")


def test_an_upload_of_ours_that_failed_is_replaced():
    broken = {"type": "image", "name": IMAGE, "id": "9", "status": "queued", "tags": vim_tags.image_tags("ns")}
    desired = [{"type": "image", "name": IMAGE, "tags": vim_tags.image_tags("ns"), "depends_on": [], "properties": {}}]
    actions = lifecycle.diff(desired, {"image": [broken]})
    assert actions["delete"] == [broken] and [r["name"] for r in actions["create"]] == [IMAGE]
    assert lifecycle.diff(desired, {"image": [dict(broken, status="active")]})["create"] == []


def test_the_upload_stream_hashes_in_chunks_and_reports_each_tenth():
    data = os.urandom(10 * 1024 + 7)
    seen = []
    stream = sw_images.UploadStream(io.BytesIO(data), len(data), "sha256", lambda sent, total: seen.append(sent * 10 // total))
    body = b"".join(iter(lambda: stream.read(1024), b""))
    assert body == data and len(stream) == len(data) and stream.hexdigest() == hashlib.sha256(data).hexdigest()
    assert seen == list(range(1, 11))
    assert bool(sw_images.UploadStream(io.BytesIO(b""), 0, "md5"))


def test_the_digest_is_computed_again_when_the_file_changes(tmp_path):
    image = tmp_path / "image.img"
    image.write_bytes(b"one")
    first = sw_images.file_digest(str(image), None, "sha256")
    image.write_bytes(b"two!")
    assert first == hashlib.sha256(b"one").hexdigest()
    assert sw_images.file_digest(str(image), None, "sha256") == hashlib.sha256(b"two!").hexdigest()


def test_the_local_vim_uploads_nothing_so_a_package_with_an_image_instantiates(tmp_path):
    """VNFCs on the local VIM run the host's OS: the image (even an unverifiable one) is never created."""
    path, _data = vnf_package(tmp_path, IMAGE, wrong_checksum=True)
    desired = plan_of(path)["resources"]
    driver = LocalDriver(str(tmp_path / "local-vim"), check=False)
    empty = dict((kind, []) for kind in ("network", "subnet", "port", "server", "server_group", "keypair"))
    driver.snapshot = lambda: ({}, empty)
    actions = lifecycle.diff(desired, driver.read_ns(plan_of(path)["ns_instance_id"], desired))
    assert not [r for r in actions["create"] if r["type"] in ("image", "flavor")]
    assert [r["name"] for r in actions["keep"] if r["type"] == "image"] == [IMAGE]
    assert lifecycle.removal(driver.read_ns("x", desired))["delete"] == []
