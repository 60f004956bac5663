"""The API's security: keys (none, wrong, revoked; keyed reads), the URL fetcher's refusals
(private, loopback, link-local and metadata addresses, on the first hop and on redirects), the
body size limit, and the headers every response carries.

No test sends traffic anywhere but loopback: a tripwire on ``socket.connect`` fails any test
that tries, and the refusals must come before any connection.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import _api_fixtures as fx
from _api_fixtures import Api
from eventwire.api.fetch import FetchPolicy, check_url, is_public
from eventwire.cli import app as cli
from eventwire.errors import UnsafeUrlError
from eventwire.store import open_store, schema
from eventwire.store.apikeys import revoke_key

db_url, pg_url, api = fx.db_url, fx.pg_url, fx.api
runner = CliRunner()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test at once if anything connects to an address that is not loopback."""
    connect = socket.socket.connect

    def guarded(sock: socket.socket, address) -> object:  # type: ignore[no-untyped-def]
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                raise AssertionError(f"a test tried to connect to {host}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# -- keys ---------------------------------------------------------------------------------------

WRITES = [
    ("post", "/api/articles", {"text": "Police fired tear gas at protesters in Nairobi."}),
    ("post", "/api/events/{id}/reviews", {"verdict": "accept"}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
@pytest.mark.parametrize("key", ["none", "wrong", "revoked", "malformed"])
def test_api_writes_refuse_missing_wrong_and_revoked_keys(api: Api, method: str, path: str,
                                                          body: dict, key: str) -> None:
    event_id = api.events()[0]["id"]
    headers = {"none": {}, "wrong": api.headers("ew_" + "x" * 43),
               "malformed": {"Authorization": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"},
               "revoked": api.headers()}[key]
    if key == "revoked":
        assert [k.name for k in revoke_key(open_store(api.db), "analyst")] == ["analyst"]
    response = api.client.request(method, path.format(id=event_id), json=body,
                                  headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "E800"
    assert response.headers["www-authenticate"] == "Bearer"
    detail = api.client.get(f"/api/events/{event_id}").json()
    assert detail["history"] == []  # nothing was written


def test_api_reads_are_open_on_loopback_and_keyed_when_set(db_url: str) -> None:
    made = fx.make_api(db_url, reads="keyed")
    assert made.client.get("/api/events").status_code == 401
    assert made.client.get("/api/meta", headers=made.headers("ew_nope")).status_code == 401
    assert made.client.get("/api/events", headers=made.headers()).status_code == 200
    assert made.client.get("/api/export", headers=made.headers()).status_code == 200
    assert made.client.get("/healthz").status_code == 200  # health stays open


@pytest.mark.parametrize(("host", "keyed"), [("127.0.0.1", False), ("localhost", False),
                                             ("::1", False), ("0.0.0.0", True),
                                             ("192.0.2.7", True)])
def test_api_reads_keyed_by_default_off_loopback(host: str, keyed: bool) -> None:
    from eventwire.api import ApiSettings

    assert ApiSettings(host=host).reads_keyed is keyed
    assert ApiSettings(host=host, reads="open").reads_keyed is False


def test_keys_cli_shows_the_key_once_and_stores_only_its_hash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "keys.db")
    made = runner.invoke(cli, ["keys", "create", "amina", "--db", db])
    assert made.exit_code == 0, made.output
    key = made.stdout.strip().splitlines()[0]
    assert key.startswith("ew_") and len(key) > 40
    again = runner.invoke(cli, ["keys", "create", "amina", "--db", db])
    assert again.exit_code == 1 and "revoke it first" in again.output
    listed = runner.invoke(cli, ["keys", "list", "--db", db])
    assert "amina" in listed.stdout and key[:10] in listed.stdout and key not in listed.stdout
    with open_store(db).connect() as conn:
        stored = conn.execute(select(schema.api_keys)).one()
    assert key not in {str(v) for v in stored}
    assert runner.invoke(cli, ["keys", "revoke", "amina", "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["keys", "revoke", "amina", "--db", db]).exit_code == 1
    listed = runner.invoke(cli, ["keys", "list", "--db", db])
    assert listed.stdout.count("amina") == 1


def test_keys_revoked_by_cli_are_refused_by_the_running_app(api: Api) -> None:
    event_id = api.events()[0]["id"]
    assert api.client.post(f"/api/events/{event_id}/reviews", json={"verdict": "accept"},
                           headers=api.headers()).status_code == 201
    assert runner.invoke(cli, ["keys", "revoke", "analyst", "--db", api.db]).exit_code == 0
    assert api.client.post(f"/api/events/{event_id}/reviews", json={"verdict": "accept"},
                           headers=api.headers()).status_code == 401


# -- the URL fetcher ------------------------------------------------------------------------

PAGE = (b"<html><head><title>Clashes in Nairobi</title></head><body><article><p>Police "
        b"fired tear gas at protesters in Nairobi on Tuesday, witnesses said. Two people were "
        b"killed in the clashes.</p></article></body></html>")


class _Handler(BaseHTTPRequestHandler):
    """/page: an article; /redirect?to=URL: a 302 to URL."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", parse_qs(parts.query)["to"][0])
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """A web server of the test's own on 127.0.0.1; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.0.0.1/news", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/", "http://localhost/", "http://2130706433/", "http://0.0.0.0/",
    "http://[::ffff:169.254.169.254]/", "http://192.168.1.1:8080/", "http://100.64.0.1/",
])
def test_fetch_refuses_non_public_addresses_before_connecting(url: str) -> None:
    with pytest.raises(UnsafeUrlError, match="not a public address"):
        check_url(url, FetchPolicy())


@pytest.mark.parametrize(("url", "code"), [("file:///etc/passwd", "E200"),
                                           ("ftp://example.org/", "E200"),
                                           ("http://user:pw@127.0.0.1/", "E200")])
def test_fetch_refuses_other_schemes_and_credentials(url: str, code: str) -> None:
    with pytest.raises(Exception) as info:
        check_url(url, FetchPolicy())
    assert info.value.code == code  # type: ignore[attr-defined]


def test_fetch_public_address_check() -> None:
    assert is_public(ipaddress.ip_address("93.184.216.34"))
    assert not is_public(ipaddress.ip_address("fd00:ec2::254"))
    assert not is_public(ipaddress.ip_address("::ffff:10.0.0.1"))
    assert not is_public(ipaddress.ip_address("224.0.0.1"))


@pytest.mark.parametrize("target", ["http://127.0.0.1/", "http://10.0.0.1/",
                                    "http://169.254.169.254/latest/meta-data/"])
def test_api_post_url_refuses_non_public_addresses(api: Api, target: str) -> None:
    response = api.client.post("/api/articles", json={"url": target}, headers=api.headers())
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "E201"


def test_api_post_url_fetches_an_allowed_origin_and_codes_it(db_url: str, site: str) -> None:
    made = fx.make_api(db_url, fetch_allow_hosts=[site.removeprefix("http://")])
    response = made.client.post("/api/articles", json={"url": f"{site}/page"},
                                headers=made.headers())
    assert response.status_code == 201, response.text
    article = response.json()
    assert article["url"] == f"{site}/page" and "tear gas" in article["text"]
    assert any(e["type"] in ("COERCE", "PROTEST", "ASSAULT") for e in article["events"])


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/",
    "http://localhost:{port}/page", "http://127.0.0.1:{other}/page",
])
def test_api_post_url_refuses_redirects_to_non_public_addresses(db_url: str, site: str,
                                                                target: str) -> None:
    # loopback is allowed for the test's own origin only: the first hop
    port = int(site.rsplit(":", 1)[1])
    made = fx.make_api(db_url, fetch_allow_hosts=[f"127.0.0.1:{port}"])
    target = target.format(port=port, other=port + 1 if port < 65535 else port - 1)
    response = made.client.post("/api/articles", json={"url": f"{site}/redirect?to={target}"},
                                headers=made.headers())
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "E201"


def test_api_post_url_stops_after_five_redirects(db_url: str, site: str) -> None:
    made = fx.make_api(db_url, fetch_allow_hosts=[site.removeprefix("http://")])
    url = f"{site}/page"
    for _ in range(6):
        url = f"{site}/redirect?to={url.replace('&', '%26').replace('?', '%3F')}"
    response = made.client.post("/api/articles", json={"url": url}, headers=made.headers())
    assert response.status_code == 502 and "redirects" in response.json()["detail"]


def test_api_post_url_can_be_switched_off(db_url: str) -> None:
    made = fx.make_api(db_url, fetch_urls=False)
    response = made.client.post("/api/articles", json={"url": "https://example.org/"},
                                headers=made.headers())
    assert response.status_code == 400 and "does not fetch" in response.json()["detail"]


# -- body limit, headers --------------------------------------------------------------------

def test_api_body_over_the_limit_gets_413_before_it_is_read(db_url: str) -> None:
    made = fx.make_api(db_url, max_body_bytes=2000)
    event_id = made.events()[0]["id"]
    big = {"verdict": "accept", "comment": "x" * 4000}
    declared = made.client.post(f"/api/events/{event_id}/reviews", json=big,
                                headers=made.headers())
    assert declared.status_code == 413 and declared.json()["code"] == "E103"
    assert declared.headers["x-content-type-options"] == "nosniff"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        yield b'{"verdict": "accept", "comment": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    streamed = made.client.post(f"/api/events/{event_id}/reviews", content=chunks(),
                                headers={**made.headers(), "Content-Type": "application/json"})
    assert streamed.status_code == 413 and streamed.json()["code"] == "E103"
    assert made.client.get(f"/api/events/{event_id}").json()["history"] == []
    small = made.client.post(f"/api/events/{event_id}/reviews", json={"verdict": "accept"},
                             headers=made.headers())
    assert small.status_code == 201


@pytest.mark.parametrize("path", ["/healthz", "/api/events", "/api/meta", "/openapi.json",
                                  "/api/events/nope", "/nowhere"])
def test_api_every_response_has_csp_and_nosniff(api: Api, path: str) -> None:
    response = api.client.get(path)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "script-src" not in csp or "'unsafe" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_api_article_markup_comes_back_as_json_text_only(api: Api) -> None:
    html = ('<html><body><article><p>Police fired tear gas at protesters in Nairobi on '
            'Tuesday.<script>alert(1)</script> <img src=x onerror="alert(2)"> '
            '<a href="javascript:alert(3)">more</a></p></article></body></html>')
    made = api.client.post("/api/articles", json={"html": html, "published": "2024-06-25"},
                           headers=api.headers())
    assert made.status_code == 201, made.text
    read = api.client.get(f"/api/articles/{made.json()['id']}")
    assert read.headers["content-type"] == "application/json"
    assert "<script>" not in read.json()["text"]  # the cleaner keeps the text, not the markup


def test_api_serves_the_dashboard_files_with_the_same_headers(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    web = tmp_path / "web"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text('<!doctype html><script src="/assets/app.js"></script>')
    (web / "assets" / "app.js").write_text("document.title = 'eventwire';")
    made = fx.make_api(db_url, web_dir=str(web))
    page = made.client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    script = made.client.get("/assets/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.headers["x-content-type-options"] == "nosniff"
    assert made.client.get("/assets/missing.js").status_code == 404
    assert "/" not in made.client.get("/openapi.json").json()["paths"]
