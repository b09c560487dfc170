"""smartnfvo.nfvo.ns with VNF packages that ship their software image, on the OpenStack test cloud (non-admin).

Two NSs use packages that ship an image of the same name with different bytes (one a CSAR directory, one a CSAR
zip, whose extraction does not outlive loading). Check mode plans the upload and uploads nothing. Each NS uploads
its own copy (private, tagged with the NS, active, Glance's checksum that of the file) and its server goes ACTIVE
on it; a re-run writes nothing; terminating one NS removes its image and leaves the other's. A package whose
checksum is wrong fails before anything is created. Every NS is terminated at teardown, whatever happened.
"""

import hashlib

import pytest

from conftest import CLOUD, run_module
from image_packages import VDU, vnf_package

pytest.importorskip("openstack", reason="openstacksdk is not installed")

# The non-admin user cannot create flavors; m1.tiny (1 GiB disk, 512 MiB) holds the image's min_disk and min_ram.
FLAVOR_MAP = {VDU: "m1.tiny"}


def ns_tag(ns_id):
    return "smartnfvo:ns=" + ns_id


def tagged(conn, ns_id):
    """What the cloud holds of an NS, read directly (not through the collection), its images included."""
    tag = ns_tag(ns_id)
    return {"network": list(conn.network.networks(tags=tag)), "subnet": list(conn.network.subnets(tags=tag)),
            "port": list(conn.network.ports(tags=tag)), "server": list(conn.compute.servers(tags=tag)),
            "image": list(conn.image.images(tag=tag))}


def counts(found):
    return dict((kind, len(records)) for kind, records in found.items())


@pytest.fixture(scope="module")
def setup(conn, run_id, tmp_path_factory):
    """Module args of the two NSs (CSAR directory and CSAR zip) and their image bytes; both terminated at teardown."""
    image_name = "it-image-%s" % run_id
    cases = {}
    for label, as_zip in (("dir", False), ("zip", True)):
        root = tmp_path_factory.mktemp("package-" + label)
        path, data = vnf_package(root, image_name, size=8192, as_zip=as_zip)
        cases[label] = {"args": {"cloud": CLOUD, "path": path, "ns_name": "it-img-%s-%s" % (label, run_id),
                                 "key_dir": str(root / "keys"), "flavor_map": FLAVOR_MAP},
                        "data": data}
    yield image_name, cases
    for case in cases.values():
        run_module("ns", dict(case["args"], state="absent"), tmp_path_factory.mktemp("teardown"))


def instantiate(case, tmp_path):
    result = run_module("ns", case["args"], tmp_path)
    assert not result.get("failed"), result.get("msg")
    return result


def test_check_mode_plans_the_upload_and_uploads_nothing(conn, setup, tmp_path):
    image_name, cases = setup
    result = run_module("ns", cases["dir"]["args"], tmp_path, check=True)
    assert not result.get("failed"), result.get("msg")
    assert "create image %s" % image_name in result["changes"]
    assert set(result["api_calls"]) == {"GET"}, result["api_calls"]
    assert not list(conn.image.images(name=image_name))
    assert counts(tagged(conn, result["ns_instance_id"])) == dict.fromkeys(("network", "subnet", "port", "server", "image"), 0)


def _assert_own_image(conn, result, image_name, data):
    found = tagged(conn, result["ns_instance_id"])
    [image] = found["image"]
    assert image.name == image_name and image.status == "active" and image.visibility == "private"
    assert image.checksum == hashlib.md5(data).hexdigest()  # Glance's own hash of what it stored
    assert (image.disk_format, image.container_format, image.min_disk, image.min_ram) == ("raw", "bare", 1, 64)
    assert ns_tag(result["ns_instance_id"]) in image.tags
    [server] = found["server"]
    assert server.status == "ACTIVE" and server.image.id == image.id
    return image


def test_instantiate_uploads_the_image_from_a_csar_directory_and_boots_on_it(conn, setup, tmp_path):
    image_name, cases = setup
    result = instantiate(cases["dir"], tmp_path)
    assert result["changed"] and "create image %s" % image_name in result["changes"]
    _assert_own_image(conn, result, image_name, cases["dir"]["data"])
    uploads = [e["detail"] for e in result["progress"] if e["event"] == "upload"]
    assert uploads and uploads[-1].startswith("image %s: 100%% of 8192 bytes from " % image_name), result["progress"]


def test_second_run_finds_the_uploaded_image_and_writes_nothing(setup, tmp_path):
    _image_name, cases = setup
    result = instantiate(cases["dir"], tmp_path)
    assert not result["changed"] and result["changes"] == [] and result["created"] == []
    assert set(result["api_calls"]) == {"GET"}, result["api_calls"]


def test_another_ns_uploads_its_own_copy_from_a_csar_zip(conn, setup, tmp_path):
    """The first NS's image has the same name, but it is that NS's: the second NS does not take it."""
    image_name, cases = setup
    result = instantiate(cases["zip"], tmp_path)
    assert "create image %s" % image_name in result["changes"]
    own = _assert_own_image(conn, result, image_name, cases["zip"]["data"])
    assert len(list(conn.image.images(name=image_name))) == 2 and own.checksum != hashlib.md5(cases["dir"]["data"]).hexdigest()
    assert set(instantiate(cases["zip"], tmp_path)["api_calls"]) == {"GET"}


def test_terminate_removes_the_ns_image_and_leaves_the_other_ns_image(conn, setup, tmp_path):
    image_name, cases = setup
    first = run_module("ns", dict(cases["dir"]["args"], state="absent"), tmp_path)
    assert not first.get("failed"), first.get("msg")
    assert "delete image %s" % image_name in first["changes"]
    assert counts(tagged(conn, first["ns_instance_id"])) == dict.fromkeys(("network", "subnet", "port", "server", "image"), 0)
    [left] = list(conn.image.images(name=image_name))
    assert left.checksum == hashlib.md5(cases["zip"]["data"]).hexdigest() and left.status == "active"
    second = run_module("ns", dict(cases["zip"]["args"], state="absent"), tmp_path)
    assert not second.get("failed"), second.get("msg")
    assert counts(tagged(conn, second["ns_instance_id"])) == dict.fromkeys(("network", "subnet", "port", "server", "image"), 0)
    assert not list(conn.image.images(name=image_name))
    assert not [k for k in conn.compute.keypairs() if k.name.startswith("smartnfvo-" + cases["zip"]["args"]["ns_name"])]


def test_wrong_checksum_fails_before_anything_is_created(conn, run_id, tmp_path):
    image_name = "it-image-bad-%s" % run_id
    path, _data = vnf_package(tmp_path, image_name, wrong_checksum=True, as_zip=True)
    args = {"cloud": CLOUD, "path": path, "ns_name": "it-img-bad-%s" % run_id, "key_dir": str(tmp_path / "keys"),
            "flavor_map": FLAVOR_MAP}
    try:
        result = run_module("ns", args, tmp_path)
        assert result["failed"]
        for words in (VDU, "Definitions/vnfd.yaml", "Files/images/vnfc.img", "sha-256 mismatch", "the file's is"):
            assert words in result["msg"], result["msg"]
        # Nothing at all: the error comes from the plan's check, before the first VIM write.
        assert not list(conn.image.images(name=image_name))
        assert not [n for n in conn.network.networks() if n.name.startswith(args["ns_name"])]
        assert not [k for k in conn.compute.keypairs() if k.name.startswith("smartnfvo-" + args["ns_name"])]
    finally:
        run_module("ns", dict(args, state="absent"), tmp_path)
