# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OpenStack VIM driver (openstacksdk): plan resources <-> Neutron, Nova, Glance objects.

One authenticated connection serves every call (threads included). State is read with one list call
per resource type, filtered by the NS tag (identity); untagged kinds (flavors, images, server groups,
keypairs) are found by name or content. Images the NS uploaded from its VNF packages carry its tags.

Transient faults (no answer, 502/503/504) are retried with the run's Retry policy: reads, deletes, tag and drift
updates (PUTs that set values) as they are; a create only after a read by its unique name (and tags) shows that the failed attempt did not make it
(landed.py); if it did, its object is adopted. Each retry is a progress event and an entry of .retries.
"""

from __future__ import annotations

import base64
import re
import threading
from collections import Counter

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor import csar
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import drift
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import sw_images
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan import identity
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import capabilities as cap
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim import phase as phases
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.protocol import VimDriver
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.vim.openstack import landed
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError, NfvoError, VimError, VimUnavailable
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import RetriesExhausted
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.retry import NO_RETRY, Retry, retrying
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle.waiting import Wait, poll

try:
    import openstack
    from keystoneauth1 import exceptions as ksa_exceptions
    from openstack import exceptions as sdk_exceptions
    from openstack.image.v2 import image as glance_image
    # keystoneauth's errors (API unreachable, token refused) reach us unwrapped by openstacksdk.
    _CLIENT_ERRORS = (sdk_exceptions.SDKException, ksa_exceptions.ClientException)
except ImportError:  # reported by connect()
    openstack = None
    ksa_exceptions = sdk_exceptions = glance_image = None
    _CLIENT_ERRORS = ()

_READS = ("GET", "HEAD")
# Calls that may be sent again as they are: a repeat does what the first would have done (a 404 on delete is success,
# tags and extra specs are set, not added). Creates go through _create; power actions are not repeated (a start
# that landed makes the next one a 409).
_IDEMPOTENT = ("list", "read", "list extensions", "delete", "tag", "extra specs", "update")
# An answer that says "not now": a proxy or the API's own front without a worker (Nova, Neutron, Keystone alike).
_TRANSIENT_STATUS = (502, 503, 504)
_SERVICE = {"network": "Neutron", "subnet": "Neutron", "port": "Neutron", "image": "Glance"}  # the rest is Nova's
# Glance statuses an image does not come back from (an upload that failed, a delete under way).
_IMAGE_FAILED = ("killed", "deleted", "pending_delete", "deactivated")
_SUBNET_KEYS = ("cidr", "ip_version", "enable_dhcp", "gateway_ip", "allocation_pools", "dns_nameservers", "host_routes",
                "ipv6_address_mode", "ipv6_ra_mode")


def connection_kwargs(params):
    """connect() arguments from openstack.cloud-style options (unset ones left to clouds.yaml)."""
    kwargs = dict((k, params.get(k)) for k in ("cloud", "auth", "region_name", "validate_certs", "interface"))
    if params.get("auth_type"):
        kwargs["auth_type"] = params["auth_type"]
    if params.get("ca_cert"):
        kwargs["cacert"] = params["ca_cert"]
    if params.get("api_timeout"):
        kwargs["api_timeout"] = params["api_timeout"]
    return kwargs


def connect(cloud=None, auth=None, region_name=None, validate_certs=None, interface=None, **extra):
    """An authenticated openstacksdk connection from openstack.cloud-style options."""
    if openstack is None:
        raise VimUnavailable("the OpenStack driver needs the Python library 'openstacksdk'")
    kwargs = dict(extra)
    for key, value in (("cloud", cloud), ("auth", auth), ("region_name", region_name), ("interface", interface)):
        if value:
            kwargs[key] = value
    if validate_certs is not None:
        kwargs["verify"] = validate_certs
    try:
        conn = openstack.connect(**kwargs)
        conn.authorize()
    except _CLIENT_ERRORS as exc:
        raise VimUnavailable("cannot connect to OpenStack%s: %s" % (" cloud '%s'" % cloud if cloud else "", _reason(exc)))
    return conn


def _reason(exc):
    if isinstance(exc, ksa_exceptions.ConnectionError):
        # "Unable to establish connection to URL: HTTPConnectionPool(...): ... [Errno 111] Connection refused')"
        text = str(exc)
        url = re.search(r"connection to (\S+?):? ", text)
        cause = re.search(r"\[Errno -?\d+\] ([^\"'()]+)", text)
        return "no answer from %s (%s)" % (url.group(1) if url else "the VIM API",
                                           cause.group(1).strip() if cause else type(exc).__name__)
    details = getattr(exc, "details", None)
    status = _status(exc)
    text = str(details or exc).strip()
    return "%s (HTTP %s)" % (text, status) if status and "(HTTP %s)" % status not in text else text


def _status(exc):
    # openstacksdk's HttpException has status_code; keystoneauth's HttpError (a token request) http_status.
    return getattr(exc, "status_code", None) or getattr(exc, "http_status", None)


def _drift_fields(kind, obj):
    """What a record carries for drift repair (lifecycle.drift.OWNED) besides what reporting needs; None when the cloud
    does not say (the port-security extension off, an old Neutron): such a property is not compared."""
    if kind == "network":
        return {"mtu": getattr(obj, "mtu", None), "port_security_enabled": getattr(obj, "is_port_security_enabled", None)}
    if kind == "subnet":
        return {"enable_dhcp": getattr(obj, "is_dhcp_enabled", None)}
    if kind == "port":
        return {"port_security_enabled": getattr(obj, "is_port_security_enabled", None),
                "security_group_ids": list(getattr(obj, "security_group_ids", None) or [])}
    return {}


def _assign_port_security(state):
    """A port created without planned port security took its network's (Neutron's rule): that is its "assigned" value,
    which drift repair puts back. Ports on networks the NS does not own (ext_networks) get none: not compared."""
    networks = dict((n["id"], n.get("port_security_enabled")) for n in state.get("network", ()))
    for port in state.get("port", ()):
        value = networks.get(port.get("network_id"))
        if value is not None:
            port["assigned"] = {"port_security_enabled": value}


def _transient(exc):
    """Why exc is worth another try (the API did not answer, or answered that it cannot now), else None. Anything
    the API decided (4xx, 500) is not: the same request would get the same answer."""
    if isinstance(exc, (ksa_exceptions.ConnectFailure, ksa_exceptions.ConnectTimeout)) or (
            isinstance(exc, _CLIENT_ERRORS) and _status(exc) in _TRANSIENT_STATUS):
        return _reason(exc)
    return None


class OpenStackDriver(VimDriver):
    vim_type = "openstack"
    name = "openstack"  # the modules name it after the cloud
    # No SSH: whether the controller reaches a server's management network depends on the cloud's routing.
    capabilities = frozenset((cap.FIXED_IPS, cap.POWER, cap.IMAGE_UPLOAD, cap.AVAILABILITY_ZONES, cap.MULTI_VIM))
    boot_timeout = 300  # a guest OS boots before its sshd answers
    retry = Retry()     # until a run binds its own (bind_run): the reads before a run use this
    _run_wait = _run_progress = None  # see bind_run
    _given_up = frozenset()  # services whose retry budget ran out in this run: further calls are tried once

    def __init__(self, conn):
        self.conn = conn
        self.calls = Counter()
        self._lock = threading.Lock()
        self._tag_on_create = None
        self._existing = {}  # (flavor|image, name) -> id of an existing one, looked up once per run
        self._lookup_lock = threading.Lock()
        self.retries = []  # one dict per retry (operation, kind, name, attempt, reason; adopted), see retry.summary
        self._count_requests()
        # Build the service proxies once, before threads share them.
        self.net, self.compute, self.image = conn.network, conn.compute, conn.image

    # -- request accounting (idempotence is checked on the wire, not on our own bookkeeping) --
    def _count_requests(self):
        session = self.conn.session
        original = session.request

        def counting(url, method, *args, **kwargs):
            with self._lock:
                self.calls[method.upper()] += 1
            return original(url, method, *args, **kwargs)
        session.request = counting

    def write_calls(self):
        return sum(n for method, n in self.calls.items() if method not in _READS)

    def bind_run(self, wait=None, on_progress=None, retry=None):
        """The wait, progress callback (event, detail) and retry policy of the run applying actions: an image upload
        reports and waits for Glance as the run's server waits do, and retries show among the run's events."""
        self._run_wait, self._run_progress = wait, on_progress
        if retry is not None:
            self.retry = retry

    def _progress(self, event, detail):
        if self._run_progress is not None:
            self._run_progress(event, detail)

    def call_counts(self):
        return dict(self.calls)

    def _call(self, _kind, _label, _operation, _func, *args, **kwargs):
        """_func(*args, **kwargs), retried on transient faults when _operation is _IDEMPOTENT, with openstacksdk
        errors turned into a VimError naming the resource."""
        policy = self.retry if _operation in _IDEMPOTENT else NO_RETRY
        return self._retrying(_kind, _label, _operation, lambda: _func(*args, **kwargs), policy)

    def _find(self, kind, label, func, *args, **kwargs):
        """func(*args, **kwargs), or None when the VIM says it does not exist."""
        def attempt():
            try:
                return func(*args, **kwargs)
            except sdk_exceptions.NotFoundException:
                return None
        return self._retrying(kind, label, "read", attempt, self.retry)

    def _create(self, kind, name, post, find):
        """post() makes the resource. After a transient fault it is posted again only if find() (landed.py) does
        not see it: the failed attempt may have made it before its answer was lost. If it did, it is adopted."""
        posts = []

        def attempt():
            if posts:
                found = find()
                if found is not None:
                    self._note_retry("create", kind, name, len(posts) + 1, "created by an attempt whose answer was lost",
                                     adopted=True)
                    return found
            posts.append(name)
            return post()
        return self._retrying(kind, name, "create", attempt, self.retry)

    def _retrying(self, kind, label, operation, attempt, policy):
        service = _SERVICE.get(kind, "Nova")
        if service in self._given_up:
            policy = NO_RETRY  # one outage costs the run one retry budget, not one per call (a rollback's deletes)
        try:
            value = retrying(attempt, policy, _transient,
                             on_retry=lambda number, why, pause: self._note_retry(operation, kind, label, number, why))
        except RetriesExhausted as exc:
            self._given_up = self._given_up | {service}
            raise VimError(kind, label, "%s: %s" % (service, exc), operation) from exc.error
        except _CLIENT_ERRORS as exc:
            raise VimError(kind, label, _reason(exc), operation)
        if service in self._given_up:
            self._given_up = self._given_up - {service}
        return value

    def _note_retry(self, operation, kind, label, attempt, why, adopted=False):
        """A retry (or an adoption) in .retries and as a progress event of the run."""
        event = {"operation": operation, "kind": kind, "name": label, "attempt": attempt, "reason": why}
        if adopted:
            event["adopted"] = True
            detail = "%s %s %s: adopted, %s (attempt %d does not post it again)" % (operation, kind, label, why, attempt)
        else:
            detail = "%s %s %s: attempt %d, after %s: %s" % (operation, kind, label, attempt, _SERVICE.get(kind, "Nova"), why)
        with self._lock:
            self.retries.append(event)
        self._progress("retry", detail)

    # -- reading -----------------------------------------------------------------------------
    def read_ns(self, ns_id, desired):
        tag = identity.ns_tag(ns_id)
        state = self._tagged(tag)
        names = dict((kind, set(r["name"] for r in desired if r["type"] == kind))
                     for kind in ("server_group", "keypair", "flavor", "image"))
        # Also the groups named after the NS id (identity.server_group_name): terminate needs no plan to find them.
        groups = self._call("server_group", "*", "list", lambda: list(self.compute.server_groups()))
        state["server_group"] = [self._record("server_group", g) for g in groups
                                 if g.name in names["server_group"] or identity.is_ns_server_group(g.name, ns_id)]
        state["keypair"] = []
        for name in names["keypair"]:
            found = self._find("keypair", name, self.compute.get_keypair, name)
            if found is not None:
                state["keypair"].append({"type": "keypair", "name": found.name, "id": found.name})
        flavors = [r for r in desired if r["type"] == "flavor"]
        state["flavor"] = self._match_flavors(flavors) if flavors else []
        state["image"] = self._read_images(ns_id, [r for r in desired if r["type"] == "image"])
        return state

    def read_all(self):
        return self._tagged(identity.TAG)

    def _tagged(self, tag):
        lists = (("network", self.net.networks), ("subnet", self.net.subnets), ("port", self.net.ports),
                 ("server", self.compute.servers))
        state = dict((kind, [self._record(kind, x) for x in self._call(kind, tag, "list", lambda f=func: list(f(tags=tag)))])
                     for kind, func in lists)
        _assign_port_security(state)
        return state

    def _match_flavors(self, planned):
        """Planned flavor -> an existing flavor of the same name, else of the same vcpus/ram/disk/extra specs."""
        existing = self._call("flavor", "*", "list", lambda: list(self.compute.flavors(details=True)))
        found = []
        for resource in planned:
            props = resource["properties"]
            specs = dict((k, str(v)) for k, v in (props.get("extra_specs") or {}).items())
            same_name = [f for f in existing if f.name == resource["name"]]
            same_shape = [f for f in existing if (f.vcpus, f.ram, f.disk) == (props["vcpus"], props["ram"], props["disk"])
                          and dict((k, str(v)) for k, v in (f.extra_specs or {}).items()) == specs]
            match = (same_name or sorted(same_shape, key=lambda f: f.name))[:1]
            if match:
                found.append({"type": "flavor", "name": resource["name"], "id": match[0].id, "vim_name": match[0].name})
        return found

    def _read_images(self, ns_id, planned):
        """The NS's own images (uploaded for it: by its tag, whatever their status, plan or not, so that terminate
        finds them), then for every planned image it does not own a shared one, by name or checksum."""
        tag = identity.ns_tag(ns_id)
        own = [self._image_record(i["name"], i) for i in self._images(tag, tag=tag)]
        names = set(r["name"] for r in own)
        return own + [m for m in (self._find_image(r) for r in planned if r["name"] not in names) if m]

    def _find_image(self, resource):
        """An active image for a planned one, by name, else by checksum; never one that another NS uploaded
        (it goes when that NS terminates)."""
        name = resource["name"]

        def usable(images):
            return [i for i in images if i.get("status") == "active" and identity.owner_ns(i.get("tags")) is None]
        images = usable(self._images(name, name=name))
        checksum = resource["properties"].get("checksum") or {}
        value = str(checksum.get("hash") or "").strip().lower()
        if not images and value and set(value) != {"0"}:
            # Glance keeps an MD5 "checksum" and an os_hash_value (SHA-512 unless configured otherwise).
            field = "checksum" if sw_images.hash_name(checksum.get("algorithm")) == "md5" else "os_hash_value"
            images = usable(self._images(name, **{field: value}))
        if images:
            return self._image_record(name, images[0])
        return None

    def _images(self, label, **query):
        """Glance images matching query, as dicts: one GET (Glance filters on any attribute, os_hash_value and
        checksum included, which openstacksdk's images() refuses). One page of up to 1000: name, checksum and NS
        tag queries match a few."""
        return self._call("image", label, "list", self._query_images, **query)

    def _query_images(self, **query):
        response = self.image.get("/images", params=dict(query, limit=1000))
        sdk_exceptions.raise_from_response(response)
        return list(response.json().get("images") or [])

    def _queued_image(self, name, tags):
        """The image record a lost POST /images made: this name, all the NS's tags, no data yet (landed.py's kind)."""
        found = [i for i in self._query_images(name=name, tag=list(tags)) if i.get("status") == "queued"]
        return self.image.get_image(found[0]["id"]) if found else None

    @staticmethod
    def _image_record(name, image):
        """name: the planned image's; vim_name: Glance's. Tags say whether the NS owns it (lifecycle.owned)."""
        return {"type": "image", "name": name, "id": image["id"], "vim_name": image.get("name"),
                "status": image.get("status"), "tags": list(image.get("tags") or [])}

    @staticmethod
    def _record(kind, obj):
        record = {"type": kind, "name": obj.name, "id": obj.id}
        if kind in ("network", "subnet", "port", "server"):
            record["tags"] = list(obj.tags or [])
        if kind == "network":
            record["subnet_ids"] = list(obj.subnet_ids or [])
        elif kind == "subnet":
            record.update(cidr=obj.cidr, network_id=obj.network_id, gateway_ip=obj.gateway_ip, ip_version=obj.ip_version)
        elif kind == "port":
            record.update(network_id=obj.network_id, mac_address=obj.mac_address, status=obj.status,
                          fixed_ips=[dict(ip) for ip in obj.fixed_ips or []], device_id=obj.device_id)
        elif kind == "server":
            fault = obj.fault or {}
            record.update(status=obj.status, metadata=dict(obj.metadata or {}),
                          fault=fault.get("message") if isinstance(fault, dict) else str(fault),
                          # What the vnfs inventory publishes too (inventory_sources._server), for the modules' hosts.
                          key_name=obj.key_name, availability_zone=obj.availability_zone,
                          flavor={"id": getattr(obj.flavor, "id", None),
                                  "name": getattr(obj.flavor, "original_name", None) or getattr(obj.flavor, "name", None)}
                          if obj.flavor else {},
                          image={"id": getattr(obj.image, "id", None), "name": getattr(obj.image, "name", None)} if obj.image else {})
        elif kind == "server_group":
            record["policy"] = obj.policy or (list(obj.policies or []) or [None])[0]
        record.update(_drift_fields(kind, obj))
        return record

    # -- creating ----------------------------------------------------------------------------
    def create(self, resource, refs):
        kind = resource["type"]
        return getattr(self, "_create_" + kind)(resource, resource["properties"], refs)

    def _tags_in_body(self):
        # Neutron accepts tags in POST only with the tag-creation extension; otherwise one PUT per resource.
        if self._tag_on_create is None:
            aliases = self._call("network", "*", "list extensions", lambda: [e.alias for e in self.net.extensions()])
            self._tag_on_create = "tag-creation" in aliases
        return self._tag_on_create

    def _neutron(self, kind, resource, create, **body):
        tags = list(resource["tags"])
        if self._tags_in_body():
            body["tags"] = tags
        lister = getattr(self.net, kind + "s")
        obj = self._create(kind, resource["name"], lambda: create(name=resource["name"], **body),
                           lambda: landed.neutron_object(lister, resource, untagged_too=not self._tags_in_body()))
        if not self._tags_in_body():
            obj.tags = self._call(kind, resource["name"], "tag", self.net.set_tags, obj, tags).tags
        return self._record(kind, obj)

    def _create_network(self, resource, props, refs):
        body = dict((k, props[k]) for k in ("mtu", "description") if props.get(k) is not None)
        if props.get("network_type"):
            body["provider_network_type"] = props["network_type"]
        if props.get("segmentation_id") is not None:
            body["provider_segmentation_id"] = props["segmentation_id"]
        return self._neutron("network", resource, self.net.create_network, **body)

    def _create_subnet(self, resource, props, refs):
        network = refs("network", resource["depends_on"][0])
        body = dict((k, props[k]) for k in _SUBNET_KEYS if props.get(k) is not None)
        return self._neutron("subnet", resource, self.net.create_subnet, network_id=network["id"], **body)

    def _create_port(self, resource, props, refs):
        if props.get("network"):
            network_id = refs("network", props["network"])["id"]
        elif props.get("existing_network"):
            found = self._find("port", resource["name"], self.net.find_network, props["existing_network"], ignore_missing=False)
            if found is None:
                raise VimError("port", resource["name"], "network '%s' does not exist" % props["existing_network"])
            network_id = found.id
        else:
            raise VimError("port", resource["name"], "its CP is attached to no network; give one in ext_networks")
        body = {"network_id": network_id, "binding_vnic_type": props.get("vnic_type") or "normal"}
        if props.get("port_security_enabled") is not None:
            body["port_security_enabled"] = props["port_security_enabled"]
        subnet_id = refs("subnet", props["subnet"])["id"] if props.get("subnet") else None
        if props.get("fixed_ips"):
            body["fixed_ips"] = [dict({"ip_address": ip}, **({"subnet_id": subnet_id} if subnet_id else {}))
                                 for ip in props["fixed_ips"]]
        elif subnet_id:
            body["fixed_ips"] = [{"subnet_id": subnet_id}]
        return self._neutron("port", resource, self.net.create_port, **body)

    def _create_flavor(self, resource, props, refs):
        name = resource["name"]

        def post():
            try:
                return self.compute.create_flavor(name=name, vcpus=props["vcpus"], ram=props["ram"], disk=props["disk"])
            except sdk_exceptions.ForbiddenException as exc:
                raise VimError("flavor", name, "no existing flavor has vcpus=%s ram=%s disk=%s extra_specs=%s, and creating "
                               "one needs admin rights (%s); map the VDU to an existing flavor with flavor_map" % (
                                   props["vcpus"], props["ram"], props["disk"], props.get("extra_specs") or {}, _reason(exc)))
        flavor = self._create("flavor", name, post, lambda: landed.by_name(self.compute.flavors(), name))
        if props.get("extra_specs"):
            self._call("flavor", name, "extra specs", self.compute.create_flavor_extra_specs, flavor,
                       dict((k, str(v)) for k, v in props["extra_specs"].items()))
        return {"type": "flavor", "name": name, "id": flavor.id, "vim_name": name}

    def _create_image(self, resource, props, refs):
        """Upload a software image from its VNF package: verified against its checksum first, then streamed,
        private, tagged as the NS's own; awaited until active. A failed upload is deleted."""
        name = resource["name"]
        if not props.get("artifact"):
            raise VimError("image", name, "no active image of this name (or checksum) in Glance, and the VNF package ships no "
                           "image file; upload it, or map the software image to an existing one with image_map")
        try:
            path, member, size, algorithm, expected = sw_images.verify(resource)
        except DescriptorError as exc:
            raise VimError("image", name, "; ".join(str(p) for p in exc.problems))
        missing = [k for k in ("disk_format", "container_format") if not props.get(k)]
        if missing:
            raise VimError("image", name, "sw_image_data gives no %s, which Glance needs" % " nor ".join(missing))
        body = {"name": name, "disk_format": props["disk_format"], "container_format": props["container_format"],
                "visibility": "private", "tags": list(resource["tags"]), "min_disk": int(props.get("min_disk_gb") or 0),
                "min_ram": int(props.get("min_ram_mb") or 0)}
        image = self._create("image", name, lambda: glance_image.Image.new(connection=self.conn, **body).create(self.image),
                             lambda: self._queued_image(name, resource["tags"]))
        shown = sw_images.display(props)
        try:
            with csar.open_member(path, member) as (stream, _size):
                image.data = sw_images.UploadStream(stream, size, algorithm, lambda sent, total: self._progress(
                    "upload", "image %s: %d%% of %d bytes from %s" % (name, sent * 100 // max(total, 1), total, shown)))
                response = image.upload(self.image)
                sdk_exceptions.raise_from_response(response)
            if image.data.hexdigest() != expected:
                raise VimError("image", name, "%s changed while it was uploaded (%s %s, expected %s)" % (
                    shown, props["checksum"].get("algorithm"), image.data.hexdigest(), expected))
            return self._wait_image(image.id, name, size)
        except OSError as exc:
            self._discard_image(image.id)
            raise VimError("image", name, "cannot read %s: %s" % (shown, exc))
        except _CLIENT_ERRORS as exc:
            self._discard_image(image.id)
            raise VimError("image", name, _reason(exc))
        except NfvoError:
            self._discard_image(image.id)
            raise

    def _wait_image(self, image_id, name, size):
        """One GET per poll until Glance has the image active (after a PUT upload it mostly is at once), all of it."""
        def check():
            image = self._call("image", name, "read", self.image.get_image, image_id)
            if image.status in _IMAGE_FAILED:
                raise VimError("image", name, "went to %s in Glance after the upload" % image.status)
            if image.status != "active":
                return False, ["image %s (%s)" % (name, image.status)]
            if image.size is not None and image.size != size:
                raise VimError("image", name, "Glance stored %s bytes of the file's %d" % (image.size, size))
            return True, self._image_record(name, {"id": image.id, "name": image.name, "status": image.status, "tags": image.tags})
        return poll(check, self._run_wait or Wait(), "image %s to become active" % name,
                    on_progress=lambda pending: self._progress("wait", pending))

    def _discard_image(self, image_id):
        try:
            self.image.delete_image(image_id, ignore_missing=True)
        except _CLIENT_ERRORS:
            pass  # it carries the NS tag: terminate (or the next run, as it is not active) removes it

    def _create_server_group(self, resource, props, refs):
        name = resource["name"]
        group = self._create("server_group", name, lambda: self.compute.create_server_group(
            name=name, policies=[props.get("policy") or "anti-affinity"]), lambda: landed.by_name(self.compute.server_groups(), name))
        return self._record("server_group", group)

    def _create_keypair(self, resource, props, refs):
        name = resource["name"]
        key = self._create("keypair", name, lambda: self.compute.create_keypair(name=name, public_key=props["public_key"]),
                           lambda: landed.by_name(self.compute.keypairs(), name))
        return {"type": "keypair", "name": key.name, "id": key.name}

    def _create_server(self, resource, props, refs):
        body = {"name": resource["name"], "flavor_id": self._lookup("flavor", props["flavor"], refs, resource),
                "image_id": self._lookup("image", props["image"], refs, resource),
                "networks": [{"port": refs("port", p)["id"]} for p in props["ports"]],
                "metadata": props.get("metadata") or {}, "tags": list(resource["tags"])}
        if props.get("key_name"):
            body["key_name"] = props["key_name"]
        if props.get("availability_zone"):
            body["availability_zone"] = props["availability_zone"]
        if props.get("user_data"):
            body["user_data"] = base64.b64encode(str(props["user_data"]).encode()).decode()
        if props.get("server_group"):
            body["scheduler_hints"] = {"group": refs("server_group", props["server_group"])["id"]}
        try:
            server = self._create("server", resource["name"], lambda: self.compute.create_server(**body),
                                  lambda: landed.server(self.compute, resource))
        except VimError as exc:
            if body.get("availability_zone") and "availability zone" in exc.reason:
                # Nova does not say which zone it refused.
                raise VimError("server", resource["name"], "%s; availability_zone was '%s'" % (exc.reason, body["availability_zone"]), "create")
            raise
        record = {"type": "server", "name": resource["name"], "id": server.id, "status": server.status or "BUILD",
                  "tags": list(resource["tags"]), "metadata": dict(body["metadata"]), "fault": None}
        return record

    def _lookup(self, kind, name, refs, resource):
        """A planned flavor/image (a record of this run or found earlier), else an existing one by name or id."""
        try:
            return refs(kind, name)["id"]
        except VimError:
            pass
        # Once per name, not once per server: the servers of a wave share a few flavors and images, and every
        # find costs Nova or Glance two requests.
        with self._lookup_lock:
            if (kind, name) not in self._existing:
                finder = self.compute.find_flavor if kind == "flavor" else self.image.find_image
                found = self._find("server", resource["name"], finder, name, ignore_missing=False)
                if found is None:
                    raise VimError("server", resource["name"], "%s '%s' does not exist" % (kind, name))
                self._existing[(kind, name)] = found.id
            return self._existing[(kind, name)]

    # -- updating (drift repair) -------------------------------------------------------------
    def update(self, record, changes, resource):
        """Put back what drifted (lifecycle.drift): one Neutron PUT of a port's, network's or subnet's changed
        properties, one PUT of its tags (the user's own kept), or Nova's server metadata (set, and SmartNFVO keys that
        are not planned removed) and tags. Retried on transient faults like the other writes (a PUT sets values).
        Turning port security back on gives a port without security groups the project's default one, as Neutron
        does at create; turning it off removes them (Neutron refuses it otherwise)."""
        kind, name = record["type"], record["name"]
        body = dict((p, after) for p, (_before, after) in changes.items() if p not in ("tags", "metadata"))
        new = dict(record)
        if kind == "port" and "port_security_enabled" in body:
            if not body["port_security_enabled"]:
                body["security_groups"] = []
            elif not record.get("security_group_ids"):
                body["security_groups"] = [self._default_security_group(name)]
        if "fixed_ips" in body:
            body["fixed_ips"] = [{"ip_address": address} for address in body["fixed_ips"]]  # Neutron finds the subnet
        if body:
            if kind not in ("port", "network", "subnet"):
                raise VimError(kind, name, "%s cannot be changed in place" % ", ".join(sorted(body)), "update")
            obj = self._call(kind, name, "update", getattr(self.net, "update_" + kind), record["id"], **body)
            new.update(self._record(kind, obj))
        if "tags" in changes:
            tags = [t for t in record.get("tags") or () if t not in drift.own_tags([t])] + list(changes["tags"][1])
            self._set_tags(kind, record, tags)
            new["tags"] = tags
        if "metadata" in changes:
            if kind != "server":
                raise VimError(kind, name, "only servers carry metadata", "update")
            before, after = changes["metadata"]
            self._call(kind, name, "update", self.compute.set_server_metadata, record["id"], **after)
            stale = sorted(set(before) - set(after))
            if stale:
                self._call(kind, name, "update", self.compute.delete_server_metadata, record["id"], stale)
            new["metadata"] = dict(((k, v) for k, v in (record.get("metadata") or {}).items() if k not in before), **after)
        return new

    def _set_tags(self, kind, record, tags):
        """PUT the whole tag list of a Neutron resource or Nova server (both replace it)."""
        from openstack.compute.v2 import server as nova_server  # pylint: disable=import-outside-toplevel
        from openstack.network.v2 import network as neutron_network  # pylint: disable=import-outside-toplevel
        from openstack.network.v2 import port as neutron_port  # pylint: disable=import-outside-toplevel
        from openstack.network.v2 import subnet as neutron_subnet  # pylint: disable=import-outside-toplevel
        classes = {"network": (neutron_network.Network, self.net), "subnet": (neutron_subnet.Subnet, self.net),
                   "port": (neutron_port.Port, self.net), "server": (nova_server.Server, self.compute)}
        if kind not in classes:
            raise VimError(kind, record["name"], "it takes no tags", "update")
        cls, proxy = classes[kind]
        self._call(kind, record["name"], "update", lambda: cls.existing(id=record["id"]).set_tags(proxy, tags))

    def _default_security_group(self, port_name):
        """The id of the project's security group named default (what Neutron gives a port created without any)."""
        project = self.conn.current_project_id
        groups = self._call("port", port_name, "list", lambda: list(self.net.security_groups(name="default", project_id=project)))
        if not groups:
            raise VimError("port", port_name, "port security is to be enabled again, and the project has no default "
                           "security group to give the port", "update")
        return groups[0].id

    # -- deleting ----------------------------------------------------------------------------
    def delete(self, record):
        kind, ident = record["type"], record["id"]
        deleters = {"server": self.compute.delete_server, "port": self.net.delete_port, "subnet": self.net.delete_subnet,
                    "network": self.net.delete_network, "server_group": self.compute.delete_server_group,
                    "keypair": self.compute.delete_keypair, "flavor": self.compute.delete_flavor,
                    "image": self.image.delete_image}
        if kind not in deleters:
            raise VimError(kind, record["name"], "deleting this kind of resource is not supported", "delete")
        if kind == "image" and identity.owner_ns(record.get("tags")) is None:
            # Only an image SmartNFVO uploaded (tagged with its NS) is ever removed; a shared one may serve anybody.
            raise VimError(kind, record["name"], "not uploaded by SmartNFVO for an NS; shared images are never deleted", "delete")
        self._call(kind, record["name"], "delete", deleters[kind], ident, ignore_missing=True)

    # -- waiting -----------------------------------------------------------------------------
    def power(self, record, on):
        action = self.compute.start_server if on else self.compute.stop_server
        self._call("server", record["name"], "start" if on else "stop", action, record["id"])

    def wait_servers(self, ns_id, ids, gone=False, wait=None, on_progress=None, phase=phases.READY):
        pending = set(ids)
        tag = identity.ns_tag(ns_id)

        def check():
            servers = dict((s.id, s) for s in self._call("server", tag, "list", lambda: list(self.compute.servers(tags=tag)))
                           if s.id in pending)
            if gone:
                left = sorted(s.name for s in servers.values())
                return not left, left
            for server in servers.values():
                if phases.of({"status": server.status}) == phases.FAILED:
                    raise VimError("server", server.name, "went to ERROR: %s" % phases.reason({"fault": server.fault}))
            missing = pending - set(servers)
            if missing:
                raise VimError("server", sorted(missing)[0], "disappeared while building")
            waiting = sorted(s.name for s in servers.values() if phases.of({"status": s.status}) != phase)
            return not waiting, (dict((i, self._record("server", s)) for i, s in servers.items()) if not waiting else waiting)
        what = "servers to be deleted" if gone else "servers to be " + phase
        return poll(check, wait or Wait(), what, on_progress=on_progress) if pending else {}
