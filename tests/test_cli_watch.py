"""eventwire watch against a real HTTP server on 127.0.0.1: conditional requests, what changed
stored (new articles, new versions), one line per cycle, killed and restarted with nothing lost
or doubled."""

from __future__ import annotations

import http.server
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")


def item(n: int) -> str:
    return (f"<item><title>Clash {n}</title><link>https://wire.example.com/clash-{n}</link>"
            f"<pubDate>Mon, 17 Mar 2025 10:00:00 GMT</pubDate><description>Troops clashed "
            f"with rebels near Goma on Monday, killing {n + 2} fighters, the army said."
            f"</description></item>")


def feed(items: int) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"{''.join(item(n) for n in range(items))}</channel></rss>").encode()


class _Feed(http.server.BaseHTTPRequestHandler):
    body: ClassVar[bytes] = feed(2)
    seen: ClassVar[list[tuple[str, str | None, int]]] = []

    def do_GET(self) -> None:
        etag = f'"v{len(self.body)}"'
        asked = self.headers.get("If-None-Match")
        status = 304 if asked == etag else 200
        self.seen.append((self.path, asked, status))
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        if status == 200:
            self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Feed.body, _Feed.seen = feed(2), []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    httpd.shutdown()


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def watch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EVENTWIRE, "watch", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_watch_polls_with_conditional_requests_and_stores_what_changed(
        server: str, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Police arrested 12 protesters in Dakar on Friday, officials said.")
    db = tmp_path / "w.db"
    first = watch(server, str(folder), "--every", "1s", "--cycles", "2", "--db", str(db))
    assert first.returncode == 0, first.stderr
    lines = [x for x in first.stderr.splitlines() if x.startswith("watch cycle")]
    assert len(lines) == 2, first.stderr  # one line per cycle, not on a terminal
    assert "2 sources, 2 changed" in lines[0] and "3 new articles" in lines[0]
    assert "0 changed, 2 unchanged" in lines[1] and "nothing to store" in lines[1]
    assert [s for _, _, s in _Feed.seen] == [200, 304]
    assert _Feed.seen[1][1] is not None  # the second request carried If-None-Match
    assert count(db, "select count(*) from articles") == 3

    _Feed.body = feed(3)  # one more item
    story.write_text("Police arrested 15 protesters in Dakar on Friday, officials said.")
    second = watch(server, str(folder), "--every", "1s", "--cycles", "1", "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "1 new articles, 1 new versions" in second.stderr
    assert count(db, "select count(*) from articles") == 4
    assert count(db, "select version from articles where source_key like '%story.txt'") == 2


@pytest.mark.slow
def test_watch_killed_and_restarted_loses_and_doubles_nothing(server: str,
                                                             tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    proc = subprocess.Popen([EVENTWIRE, "watch", server, "--every", "1s", "--db", str(db)],
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("watch cycle 1"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert count(db, "select count(*) from articles") == 2
    again = watch(server, "--every", "1s", "--cycles", "1", "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert _Feed.seen[-1][2] == 304  # what it had stored, it does not ask for again
    assert count(db, "select count(*) from articles") == 2
    runs = subprocess.run([EVENTWIRE, "runs", "--db", str(db), "--json"], capture_output=True,
                          text=True, check=True)
    assert '"status": "killed"' not in runs.stdout or '"status": "done"' in runs.stdout


def test_watch_every_must_be_a_duration(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["watch", "x", "--every", "soon", "--db",
                                      str(tmp_path / "w.db")])
    assert result.exit_code == 2 and "[E110]" in result.stderr and "--every" in result.stderr
