"""WARC.gz built from real pages and a feed file, each with one corrupt record: the good ones
are all stored, the bad ones all logged. Plus polite fetching against a local HTTP server."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from eventwire.config import load_config, shared_data
from eventwire.errors import FetchError
from eventwire.ingest import Failure
from eventwire.ingest.feeds import PoliteFetcher, read_feed
from eventwire.ingest.run import ingest
from eventwire.ingest.warc import read_warc
from eventwire.model import Article
from eventwire.store import Store, list_errors

PAGES = shared_data() / "bench" / "html-pages"


def _record(url: str, payload: bytes, content_type: str = "text/html; charset=utf-8",
            record_type: str = "response") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, record_type, payload=io.BytesIO(payload),
                                                  length=len(payload), http_headers=headers))
    return buf.getvalue()


@pytest.fixture
def pages() -> list[Path]:
    if not PAGES.is_dir():
        pytest.skip(f"bench pages not found at {PAGES} (shared data is read in place)")
    return sorted(PAGES.glob("*.html"))[:6]


def build_warc(path: Path, pages: list[Path]) -> Path:
    """Each page as a response; a duplicate payload; a non-HTML response; one broken record."""
    parts = [_record(f"https://www.brookings.edu/p/{p.stem}", p.read_bytes()) for p in pages]
    broken = bytearray(_record("https://www.brookings.edu/broken", pages[0].read_bytes()[:5000]))
    broken[40:400] = b"\x00" * 360  # corrupt the deflate stream inside the gzip member
    parts.insert(3, bytes(broken))
    parts.insert(2, _record("https://www.brookings.edu/dup", pages[0].read_bytes()))
    parts.append(_record("https://www.brookings.edu/logo.png", b"\x89PNG....", "image/png"))
    path.write_bytes(b"".join(parts))
    return path


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>
<description>test feed</description>
<item><title>Clashes in Kharkiv</title><link>https://wire.example.com/a</link>
<pubDate>Mon, 17 Mar 2025 10:00:00 GMT</pubDate>
<description>Russian forces shelled Kharkiv on Monday, killing four civilians, officials said.
</description></item>
<item><title>Broken item</title><description>   </description></item>
<item><title>Protest in Nairobi</title><link>https://wire.example.com/b?utm_source=rss</link>
<pubDate>Tue, 18 Mar 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Thousands of <b>protesters</b> marched in Nairobi on Tuesday.</p>]]>
</description></item>
</channel></rss>
"""


def test_ingest_warc_reader_skips_what_is_not_html(tmp_path: Path, pages: list[Path]) -> None:
    items = list(read_warc(build_warc(tmp_path / "a.warc.gz", pages)))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == len(pages)  # the duplicate payload and the PNG are passed over
    assert all(a.content_type == "html" and a.url for a in articles)
    assert len(failures) == 1 and failures[0].error.code == "E108"  # corrupt, with its offset


def test_ingest_feed_reader(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    items = list(read_feed(feed))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["Clashes in Kharkiv", "Protest in Nairobi"]
    assert str(articles[0].published) == "2025-03-17"
    assert articles[1].content_type == "html"
    assert [i.error.code for i in items if isinstance(i, Failure)] == ["E101"]


@pytest.mark.parametrize("content", [b"this is not xml at all", b"<html><body>hi</body></html>",
                                     b"\x00\x01\x02binary"])
def test_ingest_feed_not_a_feed(tmp_path: Path, content: bytes) -> None:
    feed = tmp_path / "bad.xml.gz"
    feed.write_bytes(gzip.compress(content))
    (failure,) = list(read_feed(feed))
    assert isinstance(failure, Failure) and failure.error.code == "E104"


@pytest.mark.slow
def test_ingest_warc_and_feed_into_store(tmp_path: Path, pages: list[Path]) -> None:
    warc = build_warc(tmp_path / "cc-news.warc.gz", pages)
    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    config = load_config(db=str(tmp_path / "s.db"), batch_size=4)
    summary = ingest([str(warc), str(feed)], config=config)
    store = Store(config.db)
    urls = {r["url"] for r in _articles(store)}
    expected = {f"https://www.brookings.edu/p/{p.stem}" for p in pages}
    expected |= {"https://wire.example.com/a", "https://wire.example.com/b?utm_source=rss"}
    assert urls == expected
    errors = list_errors(store.engine)
    assert sorted(e["code"] for e in errors) == ["E101", "E108"]
    assert {e["source"] for e in errors} == {str(warc), str(feed)}
    assert summary.errors == 2 and summary.articles == len(expected)
    again = ingest([str(warc), str(feed)], config=config)
    assert again.articles == 0 and store.counts()["ingest_errors"] == 2


def _articles(store: Store) -> list[dict]:
    from sqlalchemy import select

    from eventwire.store import schema

    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(schema.articles))]


# -- polite fetching, against a real local server ----------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/robots.txt":
            body, status = b"User-agent: *\nDisallow: /private/\n", 200
        elif self.path == "/flaky" and self.hits[self.path] < 3:
            body, status = b"busy", 503
        elif self.path == "/feed.xml":
            port = self.server.server_address[1]
            body = FEED.replace("https://wire.example.com", f"http://127.0.0.1:{port}").encode()
            status = 200
        elif self.path == "/slow":
            import time

            time.sleep(2)
            body, status = b"late", 200
        elif self.path == "/gone":
            body, status = b"no", 404
        else:
            body = b"<html><body><p>Troops clashed with rebels near Goma.</p></body></html>"
            status = 200
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml" if self.path == "/feed.xml"
                         else "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits, _Handler.agents = {}, []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_ingest_fetch_is_polite(server: str) -> None:
    with PoliteFetcher(delay=0.0, timeout=1.0, retries=3, backoff=0.05) as fetcher:
        assert b"Goma" in fetcher.fetch(server + "/page").content
        assert fetcher.fetch(server + "/flaky").status == 200  # after two 503s
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.fetch(server + "/private/page")
        with pytest.raises(FetchError, match="timed out"):
            fetcher.fetch(server + "/slow")
        with pytest.raises(FetchError, match="HTTP 404"):
            fetcher.fetch(server + "/gone")
    assert _Handler.hits["/flaky"] == 3 and _Handler.hits["/gone"] == 1
    assert "/private/page" not in _Handler.hits
    assert all(agent.startswith("eventwire/") for agent in _Handler.agents)


def test_ingest_fetch_waits_between_requests_to_one_host(server: str) -> None:
    import time

    with PoliteFetcher(delay=0.3, timeout=2.0) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(server + "/page")
        assert time.monotonic() - started >= 0.85  # robots.txt + 3 pages, 0.3 s apart


def test_ingest_feed_url_follow(server: str) -> None:
    with PoliteFetcher(delay=0.0, timeout=2.0) as fetcher:
        items = list(read_feed(server + "/feed.xml", follow=True, fetcher=fetcher))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 2
    assert all("Goma" in a.raw and a.content_type == "html" for a in articles)
    assert _Handler.hits["/a"] == 1
