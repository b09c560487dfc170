"""How the OpenStack driver reads Glance images for an NS, against a fake Glance answering GET /images: the NS's
own images by its tag (whatever their status), shared ones by name or checksum, never another NS's; and only an
image SmartNFVO uploaded is ever deleted. (Uploads run against the test cloud: tests/integration/openstack.)"""
import pytest

pytest.importorskip("openstack", reason="openstacksdk is not installed")

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity as vim_tags  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack.driver import OpenStackDriver  # noqa: E402
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import VimError  # noqa: E402

NS, OTHER = "11111111-aaaa", "22222222-bbbb"
MD5 = "9e107d9d372bb6826bd81d3542a419d6"


class Response:
    status_code = 200

    def __init__(self, images):
        self._images = images

    def json(self):
        return {"images": self._images}


class FakeGlance:
    """GET /images with Glance's filters (tag, name, any attribute); deletes are recorded."""

    def __init__(self, images):
        self.images = images
        self.queries = []
        self.deleted = []

    def get(self, url, params=None):
        assert url == "/images"
        query = dict(params or {})
        assert query.pop("limit") == 1000
        self.queries.append(query)
        return Response([i for i in self.images if all(
            value in i.get("tags", ()) if key == "tag" else i.get(key) == value for key, value in query.items())])

    def delete_image(self, ident, ignore_missing=True):
        self.deleted.append(ident)


class NoCalls:
    """Nova and Neutron proxies that these tests must not use."""

    def __getattr__(self, name):
        def call(*args, **kwargs):
            raise AssertionError("unexpected call %s%r" % (name, args))
        return call


def driver_on(images):
    driver = OpenStackDriver.__new__(OpenStackDriver)  # no connection: only the image proxy is used
    driver.image, driver.compute, driver.net = FakeGlance(images), NoCalls(), NoCalls()
    return driver


def image(ident, name, status="active", tags=(), **extra):
    return dict({"id": ident, "name": name, "status": status, "tags": list(tags)}, **extra)


def planned(name, algorithm="sha-256", digest="ab" * 32):
    return {"type": "image", "name": name, "properties": {"checksum": {"algorithm": algorithm, "hash": digest}}}


def test_the_ns_finds_its_own_images_by_tag_and_never_another_ns_image():
    driver = driver_on([image("own", "vnfc", tags=vim_tags.image_tags(NS)),
                        image("broken", "old", status="queued", tags=vim_tags.image_tags(NS)),
                        image("theirs", "cirros", tags=vim_tags.image_tags(OTHER)),
                        image("shared", "cirros", tags=["team-image"]),
                        image("stale", "debian", status="deactivated")])
    found = driver._read_images(NS, [planned("vnfc"), planned("cirros"), planned("debian")])
    assert [(r["name"], r["id"], r["status"]) for r in found] == [("vnfc", "own", "active"), ("old", "broken", "queued"),
                                                                  ("cirros", "shared", "active")]
    # One GET for the NS's own, then by name for each planned image it does not own (and by checksum when absent).
    assert driver.image.queries[0] == {"tag": vim_tags.ns_tag(NS)}
    assert {"name": "vnfc"} not in driver.image.queries and {"name": "cirros"} in driver.image.queries


def test_by_checksum_glance_md5_or_os_hash_value_and_not_for_placeholder_hashes():
    driver = driver_on([image("by-md5", "named-otherwise", checksum=MD5),
                        image("by-sha", "also-otherwise", os_hash_value="cd" * 64),
                        image("theirs", "x", checksum="ef" * 16, tags=vim_tags.image_tags(OTHER))])
    assert driver._find_image(planned("vnfc", "md5", MD5.upper()))["id"] == "by-md5"
    assert driver._find_image(planned("vnfc", "sha-512", "cd" * 64))["vim_name"] == "also-otherwise"
    assert driver._find_image(planned("vnfc", "md5", "ef" * 16)) is None
    before = len(driver.image.queries)
    assert driver._find_image(planned("vnfc", "sha-256", "0" * 64)) is None
    assert driver.image.queries[before:] == [{"name": "vnfc"}]


def test_only_an_image_smartnfvo_uploaded_is_ever_deleted():
    driver = driver_on([])
    driver.delete({"type": "image", "name": "vnfc", "id": "own", "tags": vim_tags.image_tags(NS)})
    with pytest.raises(VimError, match="shared images are never deleted"):
        driver.delete({"type": "image", "name": "cirros", "id": "shared", "tags": []})
    assert driver.image.deleted == ["own"]
