# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A lean OpenStack reader for the vnfs inventory: the clouds.yaml entry and a few list calls, standard library only.

An inventory run is a short process. openstacksdk costs it about 0.3 s to import, two version discovery calls and
about 0.3 s of CPU to turn a few hundred resources into objects, on a machine whose CPU the cloud may share. For the
common clouds.yaml entry (password or application credential, Keystone v3, at most one region) this module finds
the entry where openstacksdk would, gets one token and makes plain GETs. Whatever it does not understand raises
Unsupported, and the caller uses openstacksdk instead: same records, slower.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import urllib.error
import urllib.parse

# Compute microversion of the list call: 2.26 puts tags in servers, 2.47 embeds the flavor (its original_name)
# as openstacksdk's negotiated version does. Nova has both since Pike.
COMPUTE_MICROVERSION = "2.47"
_ENTRY_KEYS = frozenset(("auth", "auth_type", "region_name", "interface", "identity_api_version", "verify", "insecure",
                         "cacert", "cert", "key", "api_timeout"))
_PASSWORD_KEYS = frozenset(("auth_url", "username", "user_id", "password", "project_name", "project_id", "tenant_name",
                            "tenant_id", "user_domain_name", "user_domain_id", "project_domain_name", "project_domain_id",
                            "domain_name", "domain_id"))
_APP_CREDENTIAL_KEYS = frozenset(("auth_url", "application_credential_id", "application_credential_secret"))
_SUFFIXES = (".yaml", ".yml", ".json")


class Unsupported(Exception):
    """This entry or cloud needs openstacksdk (the message says why)."""


class RestError(Exception):
    """A call the cloud answered with an error, or could not be made; the message names the call."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


def search_dirs():
    """openstacksdk's clouds.yaml search path on Linux (cwd, user config dirs, site config dirs)."""
    if not sys.platform.startswith("linux") or os.environ.get("SNAP_REAL_HOME"):
        raise Unsupported("the config search path of this platform")
    home = os.path.expanduser("~")
    user = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.join(home, ".config")
    site = (os.environ.get("XDG_CONFIG_DIRS", "").strip() or "/etc/xdg").split(":")[0]
    return [os.getcwd(), os.path.join(user, "openstack"), os.path.join(home, ".config", "openstack"),
            os.path.join(site, "openstack"), "/etc/openstack"]


def find_entry(cloud, config_files=None):
    """The clouds.yaml entry of `cloud` merged with its secure.yaml part, as openstacksdk reads them (first file that
    exists in each list), or None when no file names it (environment clouds, typos: openstacksdk says what is wrong)."""
    import yaml  # Ansible's own dependency; imported here so that the module stays importable without it

    def first(paths):
        for path in paths:
            if os.path.exists(path):
                try:
                    with open(path) as handle:
                        data = json.load(handle) if path.endswith(".json") else yaml.safe_load(handle)
                except OSError:
                    continue
                except (ValueError, yaml.YAMLError) as exc:
                    raise Unsupported("%s does not parse (%s)" % (path, exc)) from exc
                return data if isinstance(data, dict) else {}
        return {}
    dirs = None
    if config_files:
        clouds_files = list(config_files)
    else:
        dirs = search_dirs()
        clouds_files = [os.path.join(d, "clouds" + s) for d in dirs for s in _SUFFIXES]
    secure_files = [os.path.join(d, "secure" + s) for d in (dirs or search_dirs()) for s in _SUFFIXES]
    for variable, files in (("OS_CLIENT_CONFIG_FILE", clouds_files), ("OS_CLIENT_SECURE_FILE", secure_files)):
        if os.environ.get(variable):
            files.insert(0, os.environ[variable])
    entry = (first(clouds_files).get("clouds") or {}).get(cloud)
    if not isinstance(entry, dict):
        return None
    secure = (first(secure_files).get("clouds") or {}).get(cloud)
    return _merge(copy.deepcopy(entry), secure) if isinstance(secure, dict) else copy.deepcopy(entry)


def _merge(base, extra):
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def scope_key(cloud, entry):
    """What names the project an entry reads, for the inventory cache key (no secrets)."""
    auth = entry.get("auth") or {}
    parts = [cloud, entry.get("profile") or entry.get("cloud"), entry.get("region_name"), auth.get("auth_url"),
             auth.get("project_id") or auth.get("tenant_id"), auth.get("project_name") or auth.get("tenant_name"),
             auth.get("project_domain_name") or auth.get("domain_name"), auth.get("project_domain_id") or auth.get("domain_id"),
             auth.get("username"), auth.get("user_id"), auth.get("application_credential_id")]
    return "|".join(str(p or "") for p in parts)


def token_request(entry):
    """(Keystone v3 URL, body of POST /auth/tokens) for an entry this module can use; Unsupported otherwise."""
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise Unsupported("clouds.yaml keys %s" % ", ".join(unknown))
    if str(entry.get("identity_api_version", "3")) != "3":
        raise Unsupported("identity_api_version %s" % entry.get("identity_api_version"))
    region = entry.get("region_name")
    if region is not None and (not isinstance(region, str) or "," in region):
        raise Unsupported("several regions")
    auth = entry.get("auth") or {}
    auth_type = entry.get("auth_type") or "password"
    url = str(auth.get("auth_url") or "")
    if not url.startswith(("http://", "https://")) or "{" in url:
        raise Unsupported("auth_url %r" % url)
    base = url.rstrip("/")
    base = base if base.endswith("/v3") else base + "/v3"
    if auth_type in ("password", "v3password"):
        return base, _password_body(auth)
    if auth_type in ("v3applicationcredential", "application_credential"):
        if set(auth) - _APP_CREDENTIAL_KEYS or not auth.get("application_credential_id") \
                or not auth.get("application_credential_secret"):
            raise Unsupported("this application credential form")
        return base, {"auth": {"identity": {"methods": ["application_credential"], "application_credential": {
            "id": auth["application_credential_id"], "secret": auth["application_credential_secret"]}}}}
    raise Unsupported("auth_type %s" % auth_type)


def _password_body(auth):
    unknown = sorted(set(auth) - _PASSWORD_KEYS)
    if unknown:
        raise Unsupported("auth keys %s" % ", ".join(unknown))
    if auth.get("password") is None:
        raise Unsupported("no password in the entry")
    if auth.get("user_id"):
        user = {"id": auth["user_id"]}
    elif auth.get("username"):
        user = {"name": auth["username"], "domain": _domain(auth, "user")}
    else:
        raise Unsupported("no user in the entry")
    user["password"] = auth["password"]
    project_id = auth.get("project_id") or auth.get("tenant_id")
    project_name = auth.get("project_name") or auth.get("tenant_name")
    if project_id:
        project = {"id": project_id}
    elif project_name:
        project = {"name": project_name, "domain": _domain(auth, "project")}
    else:
        raise Unsupported("no project scope")
    return {"auth": {"identity": {"methods": ["password"], "password": {"user": user}}, "scope": {"project": project}}}


def _domain(auth, who):
    """A user's or project's domain; domain_id/domain_name stand for both, as in openstacksdk."""
    for key, field in (("%s_domain_id" % who, "id"), ("%s_domain_name" % who, "name"), ("domain_id", "id"), ("domain_name", "name")):
        if auth.get(key):
            return {field: auth[key]}
    raise Unsupported("no %s domain" % who)


class Session:
    """One token and the catalog's endpoints of one cloud entry; list calls that follow the pages."""

    def __init__(self, entry):
        self.auth_url, self._body = token_request(entry)
        self.interface = str(entry.get("interface") or "public").replace("URL", "")
        self.region = entry.get("region_name") or None
        self.timeout = entry.get("api_timeout") or None
        self._entry = entry
        self._openers = {}  # "http"/"https" -> opener; the https one carries the TLS context (verify, cacert, cert)
        self.token = None
        self.catalog = []

    def authorize(self):
        """POST /auth/tokens. A rejected login is an error; a Keystone that wants something else is Unsupported."""
        try:
            with self._open(self.auth_url + "/auth/tokens", json.dumps(self._body).encode("utf-8")) as answer:
                self.token = answer.headers.get("X-Subject-Token")
                self.catalog = (json.load(answer).get("token") or {}).get("catalog") or []
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                raise RestError("Keystone %s refused the credentials (HTTP 401: %s)" % (self.auth_url, _reason(exc)), 401) from exc
            raise Unsupported("Keystone answered HTTP %s" % exc.code) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise RestError("cannot reach Keystone at %s: %s" % (self.auth_url, getattr(exc, "reason", exc))) from exc
        if not self.token:
            raise Unsupported("Keystone gave no token")

    def endpoint(self, service_type):
        for service in self.catalog:
            if service.get("type") != service_type:
                continue
            for endpoint in service.get("endpoints") or ():
                if endpoint.get("interface") == self.interface and \
                        (self.region is None or self.region in (endpoint.get("region"), endpoint.get("region_id"))):
                    return endpoint["url"].rstrip("/")
        raise RestError("the catalog has no %s endpoint for interface %s%s" % (
            service_type, self.interface, " in region %s" % self.region if self.region else ""))

    def compute_url(self):
        url = self.endpoint("compute")
        if "/v2.1" not in urllib.parse.urlsplit(url).path:
            raise Unsupported("compute endpoint %s is not v2.1" % url)
        return url

    def network_url(self):
        url = self.endpoint("network")
        return url if url.endswith("/v2.0") else url + "/v2.0"

    def list(self, url, key, query=(), headers=None):
        """Every item of a list call: `key` of each page, following the `<key>_links` next pages."""
        url = url + ("?" + urllib.parse.urlencode(list(query)) if query else "")
        items = []
        while url:
            try:
                with self._open(url, headers=headers) as answer:
                    page = json.load(answer)
            except urllib.error.HTTPError as exc:
                reason = _reason(exc)
                if exc.code == 406 or (exc.code == 400 and headers and "version" in reason.lower()):
                    raise Unsupported("%s rejected the API version" % url) from exc
                raise RestError("GET %s: HTTP %s: %s" % (url.split("?")[0], exc.code, reason), exc.code) from exc
            except (urllib.error.URLError, OSError) as exc:
                raise RestError("GET %s: %s" % (url.split("?")[0], getattr(exc, "reason", exc))) from exc
            items.extend(page.get(key) or ())
            url = next((link.get("href") for link in page.get(key + "_links") or () if link.get("rel") == "next"), None)
        return items

    def servers(self, query):
        return self.list(self.compute_url() + "/servers/detail", "servers", query,
                         {"OpenStack-API-Version": "compute " + COMPUTE_MICROVERSION,
                          "X-OpenStack-Nova-API-Version": COMPUTE_MICROVERSION})

    def network_list(self, resource, query):
        return self.list(self.network_url() + "/" + resource, resource, query)

    def _open(self, url, data=None, headers=None):
        import urllib.request  # pylint: disable=import-outside-toplevel  # not needed when the cache serves the run
        request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
        request.add_header("Accept", "application/json")
        request.add_header("User-Agent", "smartnfvo-inventory")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("X-Auth-Token", self.token)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        scheme = "https" if url.startswith("https:") else "http"
        if scheme not in self._openers:
            # Proxy environment variables count, as in requests. The CA store is loaded only when https is used.
            handlers = [urllib.request.HTTPSHandler(context=_tls_context(self._entry))] if scheme == "https" else []
            self._openers[scheme] = urllib.request.build_opener(*handlers)
        return self._openers[scheme].open(request, timeout=self.timeout)


def _tls_context(entry):
    """Verification as openstacksdk does it: verify (or not insecure), cacert, a client cert and key."""
    import ssl  # pylint: disable=import-outside-toplevel
    verify = entry.get("verify", True)
    if isinstance(verify, str):
        verify = verify.strip().lower() not in ("false", "no", "0", "off")
    insecure = entry.get("insecure", False)
    if isinstance(insecure, str):
        insecure = insecure.strip().lower() in ("true", "yes", "1", "on")
    cafile = entry.get("cacert") or os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None
    context = ssl.create_default_context(cafile=cafile)
    if not verify or insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if entry.get("cert"):
        context.load_cert_chain(entry["cert"], entry.get("key") or None)
    return context


def _reason(exc):
    try:
        text = exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the status is enough when the body cannot be read
        text = ""
    return " ".join(text.split())[:300] or str(exc.reason)
