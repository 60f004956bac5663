"""The dashboard's browser tests: a real server on a real SQLite file, driven in real Chromium.

`served_dashboard` ingests the seed article (read in place from the shared data, published
2024-11-18), the examples in examples/ and a hostile article written here into a fresh SQLite
file with `eventwire ingest`, creates a review key with `eventwire keys create`, and starts
`eventwire serve` on a free loopback port. `dashboard_browser` is Debian's Chromium
(/usr/bin/chromium, installed by `make test`) driven by Playwright; Playwright's own browser
downloads are never used.

Screenshots go to $EVENTWIRE_ARTIFACTS or out/browser/ (git-ignored): look at them.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from eventwire.config import shared_data

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
EVENTWIRE = [str(Path(sys.executable).with_name("eventwire"))]

# An article a hostile site could serve: markup that would run if the dashboard ever parsed
# article text as HTML. Every payload sets window.__pwned (and the script ones raise a dialog).
HOSTILE_TITLE = 'Protest in Lviv <img src=x onerror="window.__pwned=\'title\'">'
HOSTILE_TEXT = (
    "Protest in Lviv over unpaid wages\n\n"
    "LVIV, Ukraine - Police fired tear gas at hundreds of protesters in Lviv on Monday, "
    "injuring 12 people, the city council said. <script>window.__pwned='script';"
    "alert('script')</script>\n\n"
    "Organisers posted <a href=\"javascript:window.__pwned='link'\">a link</a> and "
    "<img src=x onerror=\"window.__pwned='img';alert('img')\"> on their channel, and said "
    "the protest would go on <svg onload=\"window.__pwned='svg'\"></svg>.\n"
)
HOSTILE_URL = "javascript:window.__pwned='url'"
HOSTILE_PUBLISHED = "2024-11-25"

SEED_PUBLISHED = "2024-11-18"


def artifacts_dir() -> Path:
    """Where screenshots go: $EVENTWIRE_ARTIFACTS, else out/browser/ in the repository."""
    folder = Path(os.environ.get("EVENTWIRE_ARTIFACTS", REPO / "out" / "browser"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def seed_path() -> Path:
    return shared_data() / "seed" / "seed-article.txt"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args[1:])} failed ({done.returncode}):\n"
                             f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done


def _key_from(output: str) -> str:
    """The key `eventwire keys create` printed: the longest token that looks like one."""
    tokens = re.findall(r"[A-Za-z0-9_\-.]{20,}", output)
    if not tokens:
        raise AssertionError(f"no key in the output of keys create: {output!r}")
    return max(tokens, key=len)


@dataclass
class ServedDashboard:
    url: str
    key: str
    db: Path
    process: subprocess.Popen[str]
    log: Path
    ids: dict[str, str] = field(default_factory=dict)

    def api(self, path: str, **params: str) -> dict:
        response = httpx.get(f"{self.url}{path}", params=params, timeout=30)
        response.raise_for_status()
        return response.json()


def write_corpus(folder: Path) -> Path:
    """The seed (read in place) and the hostile article as JSON lines with their dates."""
    corpus = folder / "articles.jsonl"
    lines = [
        {"id": "seed", "text": seed_path().read_text(encoding="utf-8"),
         "published": SEED_PUBLISHED, "title": "Seed article",
         "url": "https://news.example/seed"},
        {"id": "hostile", "text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "url": HOSTILE_URL,
         "published": HOSTILE_PUBLISHED},
    ]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return corpus


def wait_until_up(url: str, process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"eventwire serve exited ({process.returncode}):\n"
                                 f"{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"eventwire serve did not answer in 120 s:\n{log.read_text()[-3000:]}")


def serve(db: Path, log: Path, env: dict[str, str], *,
          port: int | None = None) -> tuple[str, subprocess.Popen[str], Path]:
    """`eventwire serve` on `db` at `port` (a free loopback one), up and answering /healthz."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*EVENTWIRE, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        wait_until_up(url, process, log)
    except BaseException:
        process.terminate()
        raise
    return url, process, log


def start_dashboard(folder: Path) -> ServedDashboard:
    if not seed_path().exists():
        pytest.skip(f"seed article not found at {seed_path()} (set EVENTWIRE_SHARED_DATA)")
    db = folder / "dashboard.db"
    env = {**os.environ, "EVENTWIRE_DB": str(db)}
    corpus = write_corpus(folder)
    _run([*EVENTWIRE, "ingest", str(corpus), str(EXAMPLES), "--db", str(db), "--quiet"], env=env)
    key = _key_from(_run([*EVENTWIRE, "keys", "create", "analyst", "--db", str(db)],
                         env=env).stdout)
    url, process, log = serve(db, folder / "serve.log", env)
    return ServedDashboard(url=url, key=key, db=db, process=process, log=log)


def stop_dashboard(served: ServedDashboard) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait(timeout=10)


@dataclass
class PageWatch:
    """What a page did that it should not: errors, dialogs, requests off this machine."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


def watch(page, base_url: str) -> PageWatch:  # type: ignore[no-untyped-def]
    seen = PageWatch()

    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            seen.errors.append(message.text)

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request) -> None:  # type: ignore[no-untyped-def]
        if not (request.url.startswith(base_url) or request.url.startswith("data:")):
            seen.foreign_requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda err: seen.errors.append(f"pageerror: {err}"))
    page.on("dialog", on_dialog)
    page.on("request", on_request)
    return seen


def chromium_or_skip() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: `make test` installs Debian's chromium "
                    "(apt-get install -y chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def served_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedDashboard]:
    served = start_dashboard(tmp_path_factory.mktemp("dashboard"))
    try:
        yield served
    finally:
        stop_dashboard(served)


@pytest.fixture(scope="module")
def dashboard_browser() -> Iterator[object]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable),
                                             args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()
