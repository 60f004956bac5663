"""Readers: files, folders, globs, stdin, JSONL/JSON/CSV, gzip, URLs; bad items fail alone."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import random
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import (
    BadDateError,
    BinaryInputError,
    EmptyInputError,
    FetchError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from eventwire.ingest import Failure
from eventwire.ingest.files import is_url, read_inputs, read_paths
from eventwire.ingest.web import USER_AGENT, fetch_url
from eventwire.model import Article, doc_id_for

STORY = "Rebels attacked an army post near Goma on Sunday, killing four soldiers, officials said."


def _split(items: object) -> tuple[list[Article], list[Failure]]:
    articles, failures = [], []
    for item in items:  # type: ignore[attr-defined]
        (articles if isinstance(item, Article) else failures).append(item)
    return articles, failures


def test_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{STORY}</p></body></html>",
                                     encoding="utf-8")
    articles, failures = _split(read_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.html")]))
    assert not failures
    assert [a.content_type for a in articles] == ["text", "html"]
    assert articles[0].id == doc_id_for(STORY)
    assert articles[0].source == str(tmp_path / "a.txt")


def test_folder_is_read_recursively_with_known_extensions(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "two.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "sub" / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    articles, failures = _split(read_paths([str(tmp_path)]))
    assert not failures
    assert sorted(Path(a.source or "").name for a in articles) == ["one.txt", "two.txt.gz"]


def test_glob(tmp_path: Path) -> None:
    for name in ["x1.txt", "x2.txt", "y.txt"]:
        (tmp_path / name).write_text(STORY + name, encoding="utf-8")
    articles, _ = _split(read_paths([str(tmp_path / "x*.txt")]))
    assert len(articles) == 2


def test_missing_path_and_empty_glob_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    items = list(read_paths([str(tmp_path / "nope.txt"), str(tmp_path / "z*.txt"),
                             str(tmp_path / "ok.txt")]))
    assert [type(i).__name__ for i in items] == ["Failure", "Failure", "Article"]
    assert "no such file" in str(items[0])
    assert "no file matches" in str(items[1])


def test_bad_files_fail_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-blank.txt").write_bytes(b"  \n\n\t ")
    (tmp_path / "3-binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "4-good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "5-latin1.txt").write_bytes(("Protesters in Bogotá marched on Monday, "
                                              "police said. " * 5).encode("latin-1"))
    (tmp_path / "6-bad.txt.gz").write_bytes(b"not gzip at all")
    items = list(read_paths([str(tmp_path)]))
    by_name = {Path(i.source or "").name: i for i in items}
    assert isinstance(by_name["1-empty.txt"], Failure)
    assert isinstance(by_name["1-empty.txt"].error, EmptyInputError)
    assert isinstance(by_name["2-blank.txt"].error, EmptyInputError)  # type: ignore[union-attr]
    assert isinstance(by_name["3-binary.txt"].error, BinaryInputError)  # type: ignore[union-attr]
    assert isinstance(by_name["4-good.txt"], Article)
    latin = by_name["5-latin1.txt"]
    assert isinstance(latin, Article) and "Bogotá" in latin.raw
    assert isinstance(by_name["6-bad.txt.gz"], Failure)
    for item in items:
        if isinstance(item, Failure):
            assert str(item).startswith("[E1") and "\n" not in str(item)


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(random.Random(0).randbytes(5000).replace(b"\x00", b"\x01"))
    items = list(read_paths([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert isinstance(items[0].error, BinaryInputError)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a sparse 50 MB file: reading it would show
    items = list(read_paths([str(path)], max_bytes=5_000_000))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert isinstance(items[0].error, InputTooLargeError)
    assert "5,000,000" in str(items[0]) and "EVENTWIRE_MAX_BYTES" in str(items[0])


def test_huge_gzip_is_refused_by_reading_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 2_000_000))
    items = list(read_paths([str(path)], max_bytes=100_000))
    assert isinstance(items[0], Failure) and isinstance(items[0].error, InputTooLargeError)


def test_jsonl_records_and_a_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": STORY, "published": "2024-11-17",
                    "url": "https://example.org/a1", "title": "Goma attack"}),
        "{not json",
        json.dumps({"id": "a3", "html": f"<p>{STORY}</p>"}),
        "",
        json.dumps({"id": "a5", "text": STORY, "published": "someday"}),
        json.dumps({"id": "a6", "text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"text": STORY, "url": "https://example.org/x"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert len(items) == 7
    first = items[0]
    assert isinstance(first, Article)
    assert (first.id, first.published, first.url, first.title) == (
        "a1", date(2024, 11, 17), "https://example.org/a1", "Goma attack")
    assert isinstance(items[1], Failure) and isinstance(items[1].error, MalformedInputError)
    assert f"{path}:2" in str(items[1])
    assert isinstance(items[2], Article) and items[2].content_type == "html"
    assert isinstance(items[3], Failure) and isinstance(items[3].error, BadDateError)
    assert f"{path}:5" in str(items[3]) and "someday" in str(items[3])
    assert isinstance(items[4], Failure) and isinstance(items[4].error, EmptyInputError)
    assert isinstance(items[5], Failure) and isinstance(items[5].error, MalformedInputError)
    last = items[6]
    assert isinstance(last, Article) and last.id == doc_id_for(STORY, "https://example.org/x")


def test_jsonl_gz_and_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "feed.data.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "g", "text": STORY}) + "\n").encode()))
    articles, failures = _split(read_paths([str(path)], input_format="jsonl"))
    assert [a.id for a in articles] == ["g"] and not failures


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "o", "text": STORY}), encoding="utf-8")
    (tmp_path / "many.json").write_text(
        json.dumps([{"id": "m1", "text": STORY}, {"id": "m2"}]), encoding="utf-8")
    items = list(read_paths([str(tmp_path / "one.json"), str(tmp_path / "many.json")]))
    assert [getattr(i, "id", None) for i in items] == ["o", "m1", None]
    assert "many.json[1]" in str(items[2])


def test_csv_with_text_column_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "category,url,body,published\n"
        f'politics,https://example.org/1,"{STORY}",2025-01-02\n'
        "politics,https://example.org/2,,2025-01-02\n"
        f'sport,https://example.org/3,"{STORY} Again.",bad-date\n',
        encoding="utf-8",
    )
    items = list(read_paths([str(path)], text_column="body"))
    assert isinstance(items[0], Article)
    assert items[0].url == "https://example.org/1" and items[0].published == date(2025, 1, 2)
    assert isinstance(items[1], Failure) and f"{path}:3" in str(items[1])
    assert isinstance(items[2], Failure) and isinstance(items[2].error, BadDateError)


def test_csv_without_the_text_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "no 'text' column" in str(items[0]) and "--text-column" in str(items[0])


@pytest.fixture
def stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def put(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    yield put


@pytest.mark.parametrize(
    ("data", "content_type", "count"),
    [
        (STORY.encode(), "text", 1),
        (f"<html><body><p>{STORY}</p></body></html>".encode(), "html", 1),
        ((json.dumps({"id": "s1", "text": STORY}) + "\n"
          + json.dumps({"id": "s2", "text": STORY}) + "\n").encode(), "text", 2),
    ],
)
def test_stdin(stdin_bytes: object, data: bytes, content_type: str, count: int) -> None:
    stdin_bytes(data)  # type: ignore[operator]
    articles, failures = _split(read_paths(["-"]))
    assert not failures and len(articles) == count
    assert articles[0].content_type == content_type
    assert articles[0].source is not None and articles[0].source.startswith("<stdin>")


@pytest.mark.parametrize(
    ("arg", "url"),
    [("https://example.org/a", True), ("HTTP://example.org", True), ("example.org", False),
     ("./https:/x.txt", False), ("-", False), ("ftp://example.org/a", False)],
)
def test_is_url(arg: str, url: bool) -> None:
    assert is_url(arg) is url


class _Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list[str] = []  # noqa: RUF012 - shared across requests on purpose

    def do_GET(self) -> None:
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/article": (200, "text/html; charset=utf-8",
                         f"<html><head><title>Goma attack</title></head><body><article><p>"
                         f"{STORY}</p></article></body></html>".encode()),
            "/plain": (200, "text/plain", STORY.encode()),
            "/pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/gone": (404, "text/html", b"not here"),
            "/big": (200, "text/plain", b"x" * 50_000),
        }
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        status, mime, body = routes.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_html_follows_redirects(server: str) -> None:
    article = fetch_url(server + "/moved", timeout=5)
    assert isinstance(article, Article)
    assert article.content_type == "html" and STORY in article.raw
    assert article.url == server + "/article" and article.source == server + "/moved"
    assert article.id == doc_id_for(article.raw, server + "/article")
    assert _Handler.seen_agents[-1] == USER_AGENT and USER_AGENT.startswith("eventwire/")


@pytest.mark.parametrize(
    ("path", "error", "words"),
    [("/pdf", FetchError, "application/pdf"), ("/gone", FetchError, "404"),
     ("/big", InputTooLargeError, "limit")],
)
def test_fetch_failures(server: str, path: str, error: type, words: str) -> None:
    item = fetch_url(server + path, timeout=5, max_bytes=10_000)
    assert isinstance(item, Failure) and isinstance(item.error, error)
    assert words in str(item)


def test_fetch_unreachable_is_a_failure() -> None:
    item = fetch_url("http://127.0.0.1:9/nothing", timeout=2)
    assert isinstance(item, Failure) and isinstance(item.error, FetchError)


def test_read_inputs_mixes_urls_and_paths(server: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    items = list(read_inputs([server + "/plain", str(tmp_path / "a.txt"), "missing.txt"],
                             timeout=5))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Failure"]
    assert isinstance(items[2], Failure) and isinstance(items[2].error, InputError)
