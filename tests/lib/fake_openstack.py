"""A tiny Keystone + Nova + Neutron over HTTP on 127.0.0.1 for the vnfs inventory's REST reader: it answers a token,
a catalog and list calls from in-memory JSON, pages servers, and records every request it gets."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenStack:
    """start() -> self; .url is Keystone's v3 URL; .requests lists (method, path, query, lower-cased headers) of each call."""

    def __init__(self, servers=(), ports=(), networks=(), subnets=(), page_size=None, password="secret",
                 max_microversion="2.93", region="RegionOne"):
        self.data = {"servers": list(servers), "ports": list(ports), "networks": list(networks), "subnets": list(subnets)}
        self.page_size, self.password, self.max_microversion, self.region = page_size, password, max_microversion, region
        self.requests = []
        self.token_bodies = []
        self.before_answer = None  # callable(kind), called before a list is answered: tests see the calls' order
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = "http://127.0.0.1:%d" % self._server.server_address[1]
        self.url = self.base + "/identity/v3"

    def start(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def catalog(self):
        def service(kind, url):
            return {"type": kind, "endpoints": [{"interface": i, "region": self.region, "region_id": self.region,
                                                 "url": url} for i in ("public", "internal")]}
        return [service("identity", self.url), service("compute", self.base + "/compute/v2.1"),
                service("network", self.base + "/networking")]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, headers=()):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(("POST", self.path, {}, dict(self.headers)))
                fake.token_bodies.append(body)
                if self.path != "/identity/v3/auth/tokens":
                    return self._send(404, {"error": "not found"})
                identity = body["auth"]["identity"]
                secret = (identity.get("password", {}).get("user", {}).get("password")
                          or identity.get("application_credential", {}).get("secret"))
                if secret != fake.password:
                    return self._send(401, {"error": {"message": "The request you have made requires authentication."}})
                self._send(201, {"token": {"catalog": fake.catalog()}}, [("X-Subject-Token", "tok-1")])

            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(parts.query)
                fake.requests.append(("GET", parts.path, query, dict((k.lower(), v) for k, v in self.headers.items())))
                if self.headers.get("X-Auth-Token") != "tok-1":
                    return self._send(401, {"error": "no token"})
                if parts.path == "/compute/v2.1/servers/detail":
                    version = (self.headers.get("OpenStack-API-Version") or "compute 2.1").split()[-1]
                    if tuple(map(int, version.split("."))) > tuple(map(int, fake.max_microversion.split("."))):
                        return self._send(406, {"computeFault": {"message": "Version %s is not supported" % version}})
                    return self._list("servers", query)
                if parts.path.startswith("/networking/v2.0/"):
                    return self._list(parts.path.rsplit("/", 1)[1], query)
                self._send(404, {"error": "not found"})

            def _list(self, kind, query):
                if fake.before_answer:
                    fake.before_answer(kind)
                items = [i for i in fake.data[kind] if _matches(i, query)]
                start = int(query.get("marker", ["0"])[0])
                body = {}
                if kind == "servers" and fake.page_size:
                    if start + fake.page_size < len(items):
                        next_query = dict(query, marker=[str(start + fake.page_size)])
                        body["servers_links"] = [{"rel": "next", "href": "%s/compute/v2.1/servers/detail?%s" % (
                            fake.base, urllib.parse.urlencode(next_query, doseq=True))}]
                    items = items[start:start + fake.page_size]
                if "fields" in query:
                    items = [dict((f, i.get(f)) for f in query["fields"]) for i in items]
                body[kind] = items
                self._send(200, body)
        return Handler


def _matches(item, query):
    if "tags" in query and not set(query["tags"]) <= set(item.get("tags") or ()):
        return False
    if "id" in query and item.get("id") not in query["id"]:
        return False
    return True
