"""Ingest throughput, side by side: coding alone, into SQLite, into PostgreSQL, on Dask.

``ingest_bench()`` returns articles/s for each and the ratios the project aims at: the
database costs at most 10% over coding alone, and Dask on 2 local workers is at least 1.7x
Dask on 1. Model loading and cluster start-up are kept out of the timings (each is warmed up
first); the up-front count for the progress bar and the skip-what-is-stored check are in.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..config import Config, load_config, shared_data
from ..errors import EventwireError
from ..store import database_url
from .run import IngestOptions, expand_sources, ingest, read_source

logger = logging.getLogger(__name__)

DEFAULT_CORPUS = "bench/scraped-news-2025/scraped-news-2025.csv"  # under shared_data()


def write_bench_corpus(csv_path: str | Path, out_dir: str | Path, *, articles: int = 200,
                       partitions: int = 4) -> list[Path]:
    """``articles`` articles from a CSV (category, url, text), repeated as needed with distinct
    ids and URLs, as ``partitions`` JSONL files in ``out_dir``; returns their paths.

    Each article goes to the partition with the least text so far, so that partitions weigh
    alike, as the files of a news archive do (one 1.2-million-character page must not make one
    worker the whole run's critical path).
    """
    csv.field_size_limit(sys.maxsize)
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get("text") or "").strip()]
    if not rows:
        raise EventwireError(f"no articles in {csv_path}")
    out = Path(out_dir)
    paths = [out / f"bench-{i}.jsonl" for i in range(partitions)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    weights = [0] * partitions
    try:
        for n in range(articles):
            row = rows[n % len(rows)]
            copy = n // len(rows)
            text = row["text"] if copy == 0 else f"{row['text']}\n\n(Copy {copy}.)"
            record = {"id": f"bench{n}", "text": text, "url": f"{row['url']}#copy{copy}"
                      if copy else row["url"]}
            lightest = min(range(partitions), key=weights.__getitem__)
            weights[lightest] += len(text)
            handles[lightest].write(json.dumps(record) + "\n")
    finally:
        for h in handles:
            h.close()
    return paths


def _coding_only(sources: list[str], config: Config) -> float:
    from ..pipeline import Pipeline

    pipeline = Pipeline(config)
    list(pipeline.process(list(_articles(sources[:1], config))[:4]))  # warm up
    articles = list(_articles(sources, config))
    started = time.perf_counter()
    for _ in pipeline.process(articles):
        pass
    return len(articles) / (time.perf_counter() - started)


def _articles(sources: list[str], config: Config) -> Any:
    from ..model import Article

    for source in expand_sources(sources):
        for item in read_source(source, config=config, options=IngestOptions()):
            if isinstance(item, Article):
                yield item


def _pg_schema_url(pg_url: str) -> tuple[str, str]:
    schema = "bench_" + uuid.uuid4().hex[:10]
    sep = "&" if "?" in pg_url else "?"
    return schema, f"{pg_url}{sep}options=-csearch_path%3D{schema}"


def _postgres(sources: list[str], config: Config, pg_url: str) -> float:
    import psycopg

    base = pg_url.replace("postgresql+psycopg://", "postgresql://")
    schema, url = _pg_schema_url(base)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        return ingest(sources, config=replace(config, db=url)).rate
    finally:
        from ..store.db import open_store

        open_store.cache_clear()
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _dask(sources: list[str], config: Config, workers: int, db: str) -> float:
    from dask.distributed import Client, LocalCluster

    from .scale import worker_pipeline

    worker_config = replace(config, workers=1)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        # load spaCy on every worker first, under the very config the tasks will use
        client.run(worker_pipeline, replace(worker_config, db=database_url(db)))
        summary = ingest(sources, config=replace(config, db=db, workers=workers),
                         engine="dask", scheduler=cluster.scheduler_address)
    return summary.rate


def bench_pg_url() -> str | None:
    """The PostgreSQL database the user names for the bench (``EVENTWIRE_BENCH_PG``): the bench
    never writes into a database nobody named (it works in a schema of its own, dropped after)."""
    return os.environ.get("EVENTWIRE_BENCH_PG") or None


def ingest_bench(corpus: str | Path | None = None, *, articles: int = 200,
                 partitions: int = 8, pg_url: str | None = None,
                 dask: bool = True, config: Config | None = None) -> dict[str, Any]:
    """Articles/s for coding alone, SQLite ingest, PostgreSQL ingest, Dask 1 and 2 workers.

    ``corpus`` is a CSV with a ``text`` and ``url`` column (default: the scraped-news bench
    corpus). SQLite goes to a file in a folder of the bench's own; PostgreSQL only to the
    database ``pg_url`` names (a schema of its own, dropped after): ``None`` or an unreachable
    server leaves it out; ``dask=False``
    leaves Dask out. Returns ``{"articles", "coding_only", "sqlite", "postgres", "dask_1",
    "dask_2", "sqlite_overhead", "postgres_overhead", "dask_speedup"}`` (rates in
    articles/s, overheads as fractions of the coding-alone time, speedup as dask_2/dask_1).
    """
    config = config or load_config()
    corpus = Path(corpus or shared_data() / DEFAULT_CORPUS)
    result: dict[str, Any] = {"articles": articles, "corpus": str(corpus)}
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        sources = [str(p) for p in write_bench_corpus(corpus, tmp, articles=articles,
                                                      partitions=partitions)]
        base = replace(config, workers=1)
        result["coding_only"] = _coding_only(sources, base)
        result["sqlite"] = ingest(sources, config=replace(base, db=f"{tmp}/s.db")).rate
        result["postgres"] = None
        if pg_url:
            try:
                result["postgres"] = _postgres(sources, base, pg_url)
            except Exception as err:  # no server: the figure is left out, not faked
                logger.warning("PostgreSQL left out of the bench: %s", err)
        if dask:
            result["dask_1"] = _dask(sources, base, 1, f"{tmp}/d1.db")
            result["dask_2"] = _dask(sources, base, 2, f"{tmp}/d2.db")
    coding = result["coding_only"]

    def overhead(rate: float | None) -> float | None:
        return None if not rate else round(coding / rate - 1, 3)

    result["sqlite_overhead"] = overhead(result["sqlite"])
    result["postgres_overhead"] = overhead(result["postgres"])
    if dask:
        result["dask_speedup"] = round(result["dask_2"] / result["dask_1"], 2)
    return result


def bench_rows(articles: list[Any], config: Config, workers: int) -> list[dict[str, Any]]:
    """The ingest figures as rows of ``eventwire bench`` (see ``eventwire.bench``).

    Runs on up to 120 articles of the default corpus beside the main figures; a quick run
    (fewer than 100 articles) leaves them out, since they take minutes.
    """
    if len(articles) < 100:
        return []
    pg_url = bench_pg_url()
    figures = ingest_bench(articles=min(len(articles), 120), config=config, pg_url=pg_url)

    def row(name: str, rate: float | None, note: str) -> dict[str, Any]:
        return {"name": name, "articles_per_s": rate, "note": note}

    rows = [
        row("ingest: coding alone", figures["coding_only"], "1 process, no database"),
        row("ingest: SQLite", figures["sqlite"],
            f"overhead {figures['sqlite_overhead']:+.0%} (goal <= +10%)"),
    ]
    if figures.get("postgres"):
        rows.append(row("ingest: PostgreSQL", figures["postgres"],
                        f"overhead {figures['postgres_overhead']:+.0%} (goal <= +10%); "
                        f"in a schema of its own in {_safe(pg_url)}, dropped after"))
    else:
        rows.append(row("ingest: PostgreSQL", None, "left out: name a database with "
                        "EVENTWIRE_BENCH_PG=postgresql://... to measure it"))
    if figures.get("dask_1"):
        rows.append(row("ingest: Dask, 1 worker", figures["dask_1"], "LocalCluster"))
        rows.append(row("ingest: Dask, 2 workers", figures["dask_2"],
                        f"{figures['dask_speedup']}x of 1 worker (goal >= 1.7x)"))
    rows.extend(memory_rows(articles))
    return rows


def _safe(url: str | None) -> str:
    """A database URL without its password, for printing."""
    if not url:
        return ""
    from sqlalchemy.engine import make_url

    try:
        return make_url(database_url(url)).render_as_string(hide_password=True)
    except Exception:  # a URL SQLAlchemy cannot read is still not printed whole
        return url.split("@")[-1]


# -- memory on long inputs ------------------------------------------------------------------

LONG_ARTICLE_BYTES = 4_200_000
BIG_FILE_BYTES = 60_000_000


def one_line_article(path: Path, size: int, texts: list[str]) -> Path:
    """A single-line article of ``size`` bytes made of ``texts`` (real articles) run together,
    as a scraped page without paragraph breaks is."""
    words = " ".join(" ".join(t.split()) for t in texts if t.strip()) or "No text."
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < size:
            piece = words[: size - written]
            out.write(piece + " ")
            written += len(piece.encode("utf-8")) + 1
    return path


def peak_rss_of(args: list[str]) -> tuple[int, float, int]:
    """(peak RSS in bytes, seconds, exit code) of ``eventwire ARGS`` in a child process.

    The peak is the program's own high-water mark (``VmHWM``, read while it runs): the
    ``ru_maxrss`` that ``wait4`` reports keeps the RSS of the forked copy of this process from
    before the exec, so a child of a large process (a test suite that has loaded models) would
    seem to take that process's memory."""
    import subprocess

    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "eventwire", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    status_file = Path(f"/proc/{child.pid}/status")
    peak = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _high_water(status_file))
        time.sleep(0.05)
    child.returncode = os.waitstatus_to_exitcode(status)
    return peak or usage.ru_maxrss * 1024, time.perf_counter() - started, child.returncode


def _high_water(status_file: Path) -> int:
    """A process's peak RSS in bytes from its ``/proc/PID/status`` (0 where unreadable)."""
    try:
        for line in status_file.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


# the 60 MB file is over the default --max-bytes (5 MB): the bench raises the limit to code it
BIG_FILE_MAX_BYTES = 100_000_000


BASELINE_BYTES = 2_000  # a short article: what the loaded pipeline alone takes


def memory_rows(articles: list[Any], *, sizes: tuple[int, int] | None = None
                ) -> list[dict[str, Any]]:
    """Peak RSS and time of ``eventwire ingest`` (a child process each, so that one peak is
    not another's; coding, storing and clustering incidents, as a user runs it) on a 4.2 MB
    one-line article and on a 60 MB one-line file, both coded (``--max-bytes`` raised to 5 MB
    and 100 MB), beside the baseline: the same command on a 2 kB article (the pipeline loaded,
    next to nothing coded). The files are made here from the corpus and deleted after.
    ``sizes`` replaces the two sizes (tests). The gazetteer is built first where it is not,
    in a child of its own: a one-off of the first run, not what coding takes."""
    peak_rss_of(["gazetteer", "build"])
    texts = [getattr(a, "raw", str(a)) for a in articles]
    long_size, big_size = sizes or (LONG_ARTICLE_BYTES, BIG_FILE_BYTES)
    rows: list[dict[str, Any]] = []
    base = 0
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-memory-") as tmp:
        folder = Path(tmp)
        for name, size, limit in (
                (f"baseline, a {BASELINE_BYTES / 1e3:.0f} kB article", BASELINE_BYTES, 0),
                (f"{long_size / 1e6:.1f} MB one-line article", long_size, 5_000_000),
                (f"{big_size / 1e6:.0f} MB one-line file", big_size, BIG_FILE_MAX_BYTES)):
            path = one_line_article(folder / f"{size}.txt", size, texts)
            db = folder / f"memory-{size}.db"
            max_bytes = max(limit, size + 1000)
            peak, seconds, code = peak_rss_of(["ingest", "-q", str(path), "--db", str(db),
                                               "--max-bytes", str(max_bytes)])
            outcome = {0: f"coded, {_stored_events(db):,} events", 1: "refused (E103)",
                       3: "refused (E103)"}.get(code, f"exit {code}")
            goal = "within" if peak < (1 << 30) else "OVER"
            mib = peak / (1 << 20)
            note = f"peak RSS {mib:,.0f} MiB ({goal} the 1 GiB goal"
            note += f"; {mib - base / (1 << 20):+,.0f} MiB over the baseline)" if base else ")"
            rows.append({"name": f"memory: {name}", "seconds": seconds, "peak_rss": peak,
                         "note": f"{note}; {outcome}; --max-bytes {max_bytes:,}"})
            base = base or peak
            path.unlink()
    return rows


def _stored_events(db: Path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
