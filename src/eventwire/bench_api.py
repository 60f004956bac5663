"""Load on the REST API: ``GET /api/events`` with filters from many clients at once.

``run(backend)``:

1. makes a database of its own (a SQLite file in a temporary folder, or a PostgreSQL schema
   made for the run and dropped after it) and fills it with synthetic events by direct
   inserts: varied countries, types, dates, places, casualties and evidence, shaped as the
   pipeline's records are;
2. starts ``uvicorn`` in a process of its own (``workers`` processes) on a free loopback port;
3. drives ``GET /api/events`` from ``clients`` concurrent clients for ``seconds`` (a mix of
   the dashboard's queries: filters by country, type, ACLED type, status, dates, box, actor
   and words, sorts, second pages through the cursor), each client sending its next request
   when the last is answered. The clients are keep-alive connections in the bench's own
   process (not the server's), speaking HTTP/1.1 by hand on one event loop, so that they
   cost a small part of the CPU the server gets (their CPU per request is reported);
4. half-way through, one client edits an event through ``POST /api/events/{id}/reviews`` with
   a key and reads it back at once, alone and in the page that lists it (which the server
   has just answered and may hold in its page cache): the bench fails unless both show it;
5. reports requests/s and p50/p95/p99 latency, errors, the server's and the clients' CPU
   time per request, the share of answers from the page cache, and the review check; and,
   measured first, the latency of one client alone (no request waits for another), which
   tells the server's own speed from the queueing of the load.

Only loopback is ever contacted, and the load stops by itself after ``seconds``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson

from .errors import EvaluationError
from .model import EVENT_TYPES

GOAL_P95_MS = 100.0
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"

# (ISO3, admin1 names, lat, lon) of the places the synthetic events happen in
_PLACES = [
    ("UKR", ["Sumy", "Odesa", "Kharkiv", "Donetsk", "Kyiv City"], 49.0, 32.0),
    ("RUS", ["Belgorod", "Kursk", "Moscow"], 55.0, 38.0),
    ("SYR", ["Aleppo", "Idlib", "Damascus"], 35.0, 38.0),
    ("SDN", ["Khartoum", "North Darfur", "Gezira"], 14.0, 30.0),
    ("MMR", ["Rakhine", "Sagaing", "Shan"], 21.0, 96.0),
    ("COD", ["North Kivu", "Ituri", "South Kivu"], -1.0, 29.0),
    ("NGA", ["Borno", "Zamfara", "Lagos"], 10.0, 8.0),
    ("KEN", ["Nairobi", "Mombasa"], -1.0, 37.0),
    ("PSE", ["Gaza Strip", "West Bank"], 31.5, 34.5),
    ("ISR", ["Southern District", "Northern District"], 31.5, 35.0),
    ("YEM", ["Sanaa", "Marib", "Taizz"], 15.0, 45.0),
    ("MLI", ["Mopti", "Gao"], 15.0, -2.0),
    ("BFA", ["Sahel", "Centre-Nord"], 13.0, -1.5),
    ("FRA", ["Ile-de-France", "Provence-Alpes-Cote d'Azur"], 47.0, 2.0),
    ("USA", ["California", "New York", "Texas"], 38.0, -97.0),
    ("IND", ["Manipur", "Delhi"], 23.0, 80.0),
    ("PAK", ["Khyber Pakhtunkhwa", "Balochistan"], 30.0, 70.0),
    ("MEX", ["Sinaloa", "Guerrero"], 23.0, -102.0),
    ("COL", ["Cauca", "Antioquia"], 4.0, -74.0),
    ("HTI", ["Ouest", "Artibonite"], 19.0, -72.5),
]
_ACLED = {
    "ASSAULT": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "PROTEST": ("Protests", "Peaceful protest"),
    "COERCE": ("Violence against civilians", "Attack"),
    "MOBILIZE": ("Strategic developments", "Disrupted weapons use"),
    "THREATEN": ("Strategic developments", "Other"),
}
_ACTORS = [("Russian", "Russia", "RUS", "MIL"), ("police", "Police", None, "GOV"),
           ("protesters", "Protesters", None, "CVL"), ("rebels", "Rebels", None, "REB"),
           ("the army", "Military Forces", None, "MIL"), ("gunmen", "Unidentified Armed Group",
                                                         None, "REB")]
_STATUSES = ["occurred"] * 8 + ["ongoing", "planned", "threatened", "denied"]
_WORDS = ["missile", "drone", "shelling", "protest", "march", "clashes", "airstrike",
          "raid", "blockade", "strike", "curfew", "ambush"]
FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365


@dataclass
class ApiBenchResult:
    backend: str
    events: int
    clients: int
    seconds: float
    workers: int
    requests: int = 0
    errors: int = 0
    requests_per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    fill_s: float = 0.0
    server_cpu_ms: float = 0.0  # the server's CPU time per request (user + system)
    client_cpu_ms: float = 0.0  # the load's own CPU time per request (the bench's process)
    # PostgreSQL's backends' CPU time per request (SQLite works inside the server's processes)
    database_cpu_ms: float | None = None
    cache_hits: float = 0.0  # % of the load's answers served from the server's page cache
    # one client alone, before the load: the time a request takes when none waits for another
    alone_p50_ms: float = 0.0
    alone_p95_ms: float = 0.0
    load_average: float = 0.0  # the machine's 1-minute load when the run ended
    review_read_back: bool = False
    review_ms: float = 0.0
    error_samples: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (self.errors == 0 and self.review_read_back and self.requests > 0
                and self.p95_ms < GOAL_P95_MS)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed, "goal_p95_ms": GOAL_P95_MS}


# -- synthetic data ---------------------------------------------------------------------------

def synthetic_rows(n_events: int, *, seed: int = 7, per_article: int = 5
                   ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(article row, its event rows) for ``n_events`` events, shaped as the writer's rows."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    for a in range(0, n_events, per_article):
        doc_id = f"bench{a // per_article:07d}"
        country, regions, lat0, lon0 = rng.choice(_PLACES)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        article = {
            "id": doc_id, "content_hash": uuid.uuid4().hex, "canonical_url":
            f"https://news.example.org/{doc_id}", "url": f"https://news.example.org/{doc_id}",
            "title": f"Report {doc_id} from {regions[0]}", "published": day,
            "site": "news.example.org", "language": "en", "source": "bench",
            "content_type": "text", "n_chars": 2000, "n_events": 0, "meta": None,
            "run_id": None, "ingested_at": now, "text": None,
        }
        events = []
        for i in range(min(per_article, n_events - a)):
            events.append(_event_row(rng, doc_id, i, country, regions, lat0, lon0, day))
        article["n_events"] = len(events)
        yield article, events


def _event_row(rng: random.Random, doc_id: str, i: int, country: str, regions: list[str],
               lat0: float, lon0: float, day: date) -> dict[str, Any]:
    type_ = rng.choice(list(_ACLED) * 3 + list(EVENT_TYPES))
    acled = _ACLED.get(type_)
    status = rng.choice(_STATUSES)
    admin1 = rng.choice(regions)
    lat = round(lat0 + rng.uniform(-3, 3), 4)
    lon = round(lon0 + rng.uniform(-3, 3), 4)
    killed = rng.choice([None] * 6 + [0, 1, 2, 3, 5, 8, 12, 30])
    injured = rng.choice([None] * 7 + [1, 4, 10, 25])
    actor_text, actor_name, actor_country, actor_sector = rng.choice(_ACTORS)
    when = day - timedelta(days=rng.choice([0, 0, 1, 2]))
    word = rng.choice(_WORDS)
    evidence = (f"The {word} near {admin1} on {when:%B %d} was reported by {actor_text}; "
                f"{killed or 'no'} people were killed.")
    start = 100 * i
    event_id = f"{doc_id}e{i}"
    confidence = round(rng.uniform(0.2, 0.99), 3)
    record = {
        "id": event_id, "doc_id": doc_id, "type": type_, "mode": None,
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        "cameo": None, "intensity": None, "status": status, "trigger": word,
        "actor": {"text": actor_text, "name": actor_name, "country": actor_country or country,
                  "sector": actor_sector, "start": None, "end": None, "basis": "text"},
        "recipient": None,
        "location": {"text": admin1, "name": admin1, "admin1": admin1, "country": country,
                     "lat": lat, "lon": lon, "geonameid": None, "precision": 2,
                     "feature": "admin1", "basis": "text", "start": None, "end": None},
        "date": {"value": when.isoformat(), "precision": "day", "basis": "explicit",
                 "text": None},
        "killed": {"value": killed, "low": None, "high": None, "children": None,
                   "text": f"{killed} killed"} if killed is not None else None,
        "injured": {"value": injured, "low": None, "high": None, "children": None,
                    "text": f"{injured} injured"} if injured is not None else None,
        "size": None, "weapon": None, "attribution": None,
        "evidence": {"text": evidence, "start": start, "end": start + len(evidence)},
        "confidence": confidence,
    }  # fmt: skip
    return {
        "id": event_id, "doc_id": doc_id, "incident_id": None, "type": type_, "mode": None,
        "status": status, "cameo": None, "intensity": None,
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
        "actor": actor_name, "actor_country": actor_country or country,
        "actor_sector": actor_sector, "recipient": None, "recipient_country": None,
        "recipient_sector": None, "actor_text": actor_text, "recipient_text": None,
        "location": admin1, "country": country, "admin1": admin1,
        "lat": lat, "lon": lon, "geonameid": None, "geo_precision": 2, "date": when,
        "date_precision": "day", "killed": killed, "injured": injured, "evidence": evidence,
        "confidence": confidence, "record": record, "run_id": None,
    }  # fmt: skip


def fill(db: str, n_events: int) -> float:
    """Migrate ``db`` and insert ``n_events`` synthetic events; returns the seconds it took."""
    from .store import open_store, schema

    started = time.perf_counter()
    engine = open_store(db)
    articles: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for article, rows in synthetic_rows(n_events):
            articles.append(article)
            events.extend(rows)
            if len(events) >= 5000:
                conn.execute(schema.articles.insert(), articles)
                conn.execute(schema.events.insert(), events)
                articles, events = [], []
        if articles:
            conn.execute(schema.articles.insert(), articles)
            conn.execute(schema.events.insert(), events)
    if engine.dialect.name == "postgresql":
        # as autovacuum leaves a table that has settled: statistics for the planner, and the
        # visibility map that lets index-only scans skip the rows (outside a transaction)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return time.perf_counter() - started


# -- the load ---------------------------------------------------------------------------------

def queries(rng: random.Random) -> dict[str, str]:
    """One request's query parameters, drawn from the mix a dashboard sends."""
    country, regions, lat0, lon0 = rng.choice(_PLACES)
    start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
    since, until = start.isoformat(), (start + timedelta(days=rng.choice([30, 90]))).isoformat()
    pick = rng.randrange(10)
    if pick == 0:
        return {}
    if pick == 1:
        return {"country": country}
    if pick == 2:
        return {"country": country, "since": since, "until": until}
    if pick == 3:
        return {"type": rng.choice(list(_ACLED)), "sort": "-killed"}
    if pick == 4:
        return {"bbox": f"{lon0 - 2},{lat0 - 2},{lon0 + 2},{lat0 + 2}", "since": since}
    if pick == 5:
        return {"acled_type": rng.choice(list(_ACLED.values()))[0], "status": "occurred"}
    if pick == 6:
        return {"country": country, "admin1": rng.choice(regions), "sort": "-confidence"}
    if pick == 7:
        return {"since": since, "until": until, "sort": "date"}
    if pick == 8:
        return {"q": rng.choice(_WORDS), "country": country}
    return {"actor": rng.choice(_ACTORS)[1].split()[0].lower(), "country": country}


class _Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand: the load's clients must cost the
    machine far less than the server they measure (an httpx request costs about as much CPU
    as a cached answer takes to serve, and would steal the server's cores)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> _Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def get(self, target: str) -> tuple[int, bytes, bytes]:
        """(status, head, body) of ``GET target``."""
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        at = head.lower().find(b"\r\ncontent-length:")
        if at < 0:
            raise ValueError("an answer without Content-Length")
        length = int(head[at + 17:head.index(b"\r\n", at + 2)])
        return status, head, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


def next_cursor(body: bytes) -> str | None:
    """The page's ``next_cursor``; ``ValueError`` unless the body is an event page."""
    at = body.rfind(b'"next_cursor":')
    if not body.startswith(b'{"items":[') or at < 0:
        raise ValueError("not an event page")
    value = orjson.loads(body[at + 14:-1])
    if value is not None and not isinstance(value, str):
        raise ValueError("next_cursor is neither a string nor null")
    return value


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    hits: int = 0


async def _client(port: int, n: int, deadline: float, tally: _Tally) -> None:
    """One client: a request, its answer, the next request, until ``deadline``."""
    rng = random.Random(n)
    conn = await _Connection.open(port)
    try:
        while time.perf_counter() < deadline:
            params = queries(rng)
            params["limit"] = "50"
            for _page in range(2 if rng.random() < 0.2 else 1):  # a fifth read a second page
                began = time.perf_counter()
                try:
                    status, head, body = await conn.get("/api/events?" + urlencode(params))
                    cursor = next_cursor(body) if status == 200 else None
                except (OSError, asyncio.IncompleteReadError, ValueError) as err:
                    tally.latencies.append(time.perf_counter() - began)
                    tally.errors.append(f"{type(err).__name__}: {err} for {params}")
                    conn.close()
                    conn = await _Connection.open(port)
                    break
                tally.latencies.append(time.perf_counter() - began)
                tally.hits += b"x-eventwire-cache: hit" in head
                if status != 200:
                    tally.errors.append(f"HTTP {status} for {params}")
                    break
                if not cursor:
                    break
                params["cursor"] = cursor
    finally:
        conn.close()


async def _review_check(client: httpx.AsyncClient, key: str, at: float,
                        result: ApiBenchResult) -> None:
    """Half-way: edit an event's death toll, then read it straight back, alone and in the
    page that lists it (which the server has just answered, so it may hold it cached)."""
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    listing_params = {"limit": "1", "sort": "-date"}
    listing = (await client.get("/api/events", params=listing_params)).json()
    event = listing["items"][0]
    shown = (event.get("killed") or {}).get("value")
    machine = event["machine"].get("killed", shown)
    value = random.choice([v for v in range(4000, 4010) if v not in (shown, machine)])
    began = time.perf_counter()
    posted = await client.post(f"/api/events/{event['id']}/reviews",
                               headers={"Authorization": f"Bearer {key}"},
                               json={"verdict": "edit", "fields": {"killed": value},
                                     "comment": "bench: edited under load"})
    read = await client.get(f"/api/events/{event['id']}")
    listed = await client.get("/api/events", params=listing_params)
    result.review_ms = (time.perf_counter() - began) * 1000
    body = read.json() if read.status_code == 200 else {}
    page = listed.json()["items"] if listed.status_code == 200 else []

    def edited(item: dict[str, Any]) -> bool:
        return ((item.get("killed") or {}).get("value") == value
                and item.get("review", {}).get("state") == "edited"
                and item.get("machine", {}).get("killed") == machine)

    result.review_read_back = (posted.status_code == 201 and edited(body)
                               and bool(page) and page[0]["id"] == event["id"]
                               and edited(page[0]))


def _percentiles(result: ApiBenchResult, latencies: list[float]) -> None:
    latencies.sort()
    if not latencies:
        return

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1)

    result.p50_ms, result.p95_ms, result.p99_ms = pct(0.50), pct(0.95), pct(0.99)
    result.max_ms = round(latencies[-1] * 1000, 1)


async def alone(base_url: str, *, seconds: float, result: ApiBenchResult) -> None:
    """One client for ``seconds``: latency without queueing (warms the server up, too)."""
    tally = _Tally()
    await _client(_port(base_url), 10_000, time.perf_counter() + seconds, tally)
    tally.latencies.sort()
    if tally.latencies:
        n = len(tally.latencies)
        result.alone_p50_ms = round(tally.latencies[n // 2] * 1000, 1)
        result.alone_p95_ms = round(tally.latencies[int(0.95 * (n - 1))] * 1000, 1)
    result.errors += len(tally.errors)
    result.error_samples += tally.errors[:5]


async def drive(base_url: str, *, clients: int, seconds: float, key: str,
                result: ApiBenchResult) -> None:
    """``clients`` connections asking at once for ``seconds``, and the review check."""
    tally = _Tally()
    cpu_before = time.process_time()
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0, trust_env=False) as client:
        started = time.perf_counter()
        deadline = started + seconds
        tasks = [_client(_port(base_url), n, deadline, tally) for n in range(clients)]
        tasks.append(_review_check(client, key, started + seconds / 2, result))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    result.requests = len(tally.latencies)
    result.errors += len(tally.errors)
    result.error_samples += tally.errors[:5]
    result.requests_per_s = round(len(tally.latencies) / elapsed, 1)
    result.cache_hits = round(100 * tally.hits / max(1, result.requests), 1)
    result.client_cpu_ms = round(1000 * (time.process_time() - cpu_before)
                                 / max(1, result.requests), 3)
    _percentiles(result, tally.latencies)


def _port(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1])


def _run_loop(coroutine: Any) -> Any:
    """``asyncio.run`` on uvloop when it is there (uvicorn's standard extras bring it), the
    lighter loop for the clients."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


# -- the server ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and its children (uvicorn's workers)."""
    import psutil

    process = psutil.Process(pid)
    total = 0.0
    for proc in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def database_cpu(db: str) -> dict[int, float] | None:
    """CPU time (user + system) of each PostgreSQL backend serving the bench's server, by
    process id, when the database runs on this machine and its processes can be read;
    ``None`` otherwise (and for SQLite, whose work is in the server's own processes)."""
    import psutil
    import psycopg
    from sqlalchemy.engine import make_url

    if "://" not in db:
        return None
    url = make_url(db)
    name = url.query.get("application_name")
    if url.host not in ("127.0.0.1", "localhost", "::1") or not name:
        return None
    with psycopg.connect(db, autocommit=True, connect_timeout=5) as conn:
        pids = [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s"
            " AND pid <> pg_backend_pid()", [name])]
    out: dict[int, float] = {}
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:  # a connection closed meanwhile
            continue
        except psutil.Error:
            return None
        out[pid] = times.user + times.system
    return out


@contextlib.contextmanager
def server(db: str, *, workers: int = 1) -> Iterator[tuple[str, int]]:
    """uvicorn serving the API for ``db`` on a free loopback port; yields its base URL and
    process id."""
    port = _free_port()
    env = {**os.environ, "EVENTWIRE_API_DB": db, "EVENTWIRE_API_READS": "open",
           "EVENTWIRE_API_HOST": "127.0.0.1"}
    command = [sys.executable, "-m", "uvicorn", "eventwire.api.serve_app:app", "--host",
               "127.0.0.1", "--port", str(port), "--workers", str(workers), "--log-level",
               "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, process)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise EvaluationError(f"the API server stopped at start: {err[-500:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise EvaluationError("the API server did not answer /healthz within 60 s")


@contextlib.contextmanager
def database(backend: str, pg: str | None) -> Iterator[str]:
    """A database of the bench's own: a SQLite file, or a PostgreSQL schema, removed after."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="eventwire-bench-api-") as folder:
            yield os.path.join(folder, "bench.db")
        return
    import psycopg

    base = pg or os.environ.get("EVENTWIRE_BENCH_PG") or PG_DEFAULT
    schema_name = "bench_api_" + uuid.uuid4().hex[:10]
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE SCHEMA "{schema_name}"')
    except psycopg.Error as err:
        raise EvaluationError(f"PostgreSQL at {base} cannot be used: {err}") from None
    try:
        # the application name finds the server's backends (their CPU time is reported)
        yield f"{base}?options=-csearch_path%3D{schema_name}&application_name={schema_name}"
    finally:
        from .store.db import open_store

        open_store.cache_clear()
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema_name}" CASCADE')


def run(backend: str, *, events: int = 100_000, clients: int = 50, seconds: float = 30.0,
        pg: str | None = None, workers: int = 1) -> ApiBenchResult:
    """The whole bench on one backend (``sqlite`` or ``postgres``)."""
    from .store import open_store
    from .store.apikeys import create_key

    result = ApiBenchResult(backend, events, clients, seconds, workers)
    with database(backend, pg) as db:
        result.fill_s = round(fill(db, events), 1)
        key, _ = create_key(open_store(db), "bench")
        with server(db, workers=workers) as (base, pid):
            _run_loop(alone(base, seconds=min(5.0, seconds / 3), result=result))
            cpu_before, db_before = cpu_seconds(pid), database_cpu(db)
            _run_loop(drive(base, clients=clients, seconds=seconds, key=key, result=result))
            cpu, db_after = cpu_seconds(pid) - cpu_before, database_cpu(db)
        result.server_cpu_ms = round(1000 * cpu / max(1, result.requests), 2)
        if db_before is not None and db_after is not None:
            db_cpu = sum(t - db_before.get(p, 0.0) for p, t in db_after.items())
            result.database_cpu_ms = round(1000 * db_cpu / max(1, result.requests), 2)
        result.load_average = round(os.getloadavg()[0], 1)
    return result


def table(results: list[ApiBenchResult]) -> Any:
    """One column per database, one row per figure (fits a narrow terminal)."""
    from rich.table import Table

    out = Table(title=f"GET /api/events under load\n(goal: p95 < {GOAL_P95_MS:g} ms, no "
                "errors, a review read back at once)")
    out.add_column("")
    for r in results:
        out.add_column(r.backend, justify="right")
    rows = [
        ("events", lambda r: f"{r.events:,}"),
        ("seconds", lambda r: f"{r.seconds:g}"),
        ("server processes", lambda r: f"{r.workers} (uvicorn)"),
        ("clients", lambda r: f"{r.clients} in 1 process"),
        ("requests", lambda r: f"{r.requests:,}"),
        ("requests/s", lambda r: f"{r.requests_per_s:,.0f}"),
        ("p50 ms", lambda r: f"{r.p50_ms:.1f}"),
        ("p95 ms", lambda r: f"{r.p95_ms:.1f}"),
        ("p99 ms", lambda r: f"{r.p99_ms:.1f}"),
        ("errors", lambda r: str(r.errors)),
        ("one client alone: p50 ms", lambda r: f"{r.alone_p50_ms:.1f}"),
        ("one client alone: p95 ms", lambda r: f"{r.alone_p95_ms:.1f}"),
        ("server CPU ms/request", lambda r: f"{r.server_cpu_ms:.2f}"),
        ("database CPU ms/request", lambda r: "in the server's" if r.database_cpu_ms is None
         else f"{r.database_cpu_ms:.2f}"),
        ("clients' CPU ms/request", lambda r: f"{r.client_cpu_ms:.2f}"),
        ("answers from the page cache", lambda r: f"{r.cache_hits:.0f}%"),
        ("machine load (1 min)", lambda r: f"{r.load_average:.1f}"),
        ("review read back", lambda r: f"yes, {r.review_ms:.0f} ms" if r.review_read_back
         else "NO"),
        ("goal", lambda r: "met" if r.passed else "missed"),
    ]
    for name, show in rows:
        out.add_row(name, *(show(r) for r in results))
    return out


__all__ = ["GOAL_P95_MS", "ApiBenchResult", "drive", "fill", "run", "server",
           "synthetic_rows", "table"]
