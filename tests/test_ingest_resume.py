"""Ingest that can be trusted: a rerun adds nothing; a SIGKILLed run, rerun, loses nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CITIES = ["Kharkiv", "Sumy", "Odesa", "Gaza", "Khartoum", "Mogadishu", "Kabul", "Aleppo",
          "Goma", "Bamako"]
EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
ACTORS = ["Russian forces", "Israeli troops", "RSF fighters", "al-Shabaab militants",
          "government soldiers", "unidentified gunmen"]


def write_corpus(path: Path, n: int) -> Path:
    """``n`` short synthetic news articles (JSONL), each with an attack and a protest."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            city, actor = CITIES[i % len(CITIES)], ACTORS[i % len(ACTORS)]
            text = (f"{actor.capitalize()} attacked a market in {city} on Monday, killing "
                    f"{i % 17 + 2} people and wounding {i % 23 + 5} others, officials said. "
                    f"Hundreds of protesters marched in {CITIES[(i + 3) % len(CITIES)]} on "
                    f"Tuesday to demand an end to the fighting. Report number {i}.")
            out.write(json.dumps({"id": f"syn{i}", "text": text,
                                  "url": f"https://wire.example.com/{i}",
                                  "published": "2025-03-0" + str(i % 9 + 1)}) + "\n")
    return path


def run_cli(*args: str, **kw) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    env = {**os.environ, "EVENTWIRE_BATCH_SIZE": "8"}
    return subprocess.Popen([EVENTWIRE, "ingest", "-q", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def table(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def snapshot(db: Path) -> dict[str, object]:
    return {
        "articles": sorted(r[0] for r in table(db, "select id from articles")),
        "events": sorted(r[0] for r in table(db, "select id from events")),
        "hashes": len(table(db, "select distinct content_hash from articles")),
    }


@pytest.mark.slow
def test_ingest_sigkill_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 240)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"

    done = run_cli(str(corpus), "--db", str(whole))
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err.decode()
    expected = snapshot(whole)
    assert len(expected["articles"]) == 240 and expected["hashes"] == 240
    assert expected["events"], "the synthetic articles should give events"

    proc = run_cli(str(corpus), "--db", str(killed))
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if killed.exists():
            try:
                stored = table(killed, "select count(*) from articles")[0][0]
            except sqlite3.OperationalError:
                continue
            if stored >= 40:
                break
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = snapshot(killed)
    assert 40 <= len(partial["articles"]) < 240
    # whole batches only: every stored article has all its events
    per_doc = dict(table(killed, "select doc_id, count(*) from events group by doc_id"))
    counts = dict(table(whole, "select doc_id, count(*) from events group by doc_id"))
    assert all(per_doc.get(d, 0) == counts.get(d, 0) for d in partial["articles"])

    rerun = run_cli(str(corpus), "--db", str(killed))
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert snapshot(killed) == expected
    assert table(killed, "select count(*) from ingest_errors") == [(0,)]
    statuses = [r[0] for r in table(killed, "select status from runs order by id")]
    assert statuses == ["killed", "done"]  # the rerun found the killed run's process gone


def test_ingest_second_run_adds_nothing(tmp_path: Path) -> None:
    from eventwire.config import load_config
    from eventwire.ingest.run import ingest

    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    config = load_config(db=str(tmp_path / "x.db"), batch_size=5)
    first = ingest([str(corpus)], config=config)
    second = ingest([str(corpus)], config=config)
    assert (first.articles, first.skipped, first.errors) == (12, 0, 0)
    assert (second.articles, second.events, second.skipped, second.errors) == (0, 0, 12, 0)
    assert snapshot(tmp_path / "x.db")["hashes"] == 12


def test_ingest_bad_input_isolated(tmp_path: Path) -> None:
    from eventwire.config import load_config
    from eventwire.ingest.run import ingest
    from eventwire.store import Store, list_errors

    corpus = write_corpus(tmp_path / "c.jsonl", 6)
    with corpus.open("a") as out:
        out.write("{not json at all\n")
        out.write(json.dumps({"id": "big", "text": "word " * 5000}) + "\n")
        out.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    config = load_config(db=str(tmp_path / "x.db"), max_bytes=10_000)
    summary = ingest([str(corpus), str(tmp_path / "missing.txt")], config=config)
    assert summary.articles == 6
    codes = sorted(e["code"] for e in list_errors(Store(config.db).engine))
    assert summary.errors == len(codes) == 4
    assert {"E103", "E104"} <= set(codes)  # too large, malformed JSON
    out = subprocess.run([EVENTWIRE, "errors", "--db", config.db,
                          "--json"], capture_output=True, text=True, check=True)
    assert len(out.stdout.splitlines()) == 4


@pytest.mark.slow
def test_ingest_workers_same_as_one_process(tmp_path: Path) -> None:
    from eventwire.config import load_config
    from eventwire.ingest.run import ingest

    corpus = write_corpus(tmp_path / "c.jsonl", 30)
    one = load_config(db=str(tmp_path / "one.db"), batch_size=4)
    two = load_config(db=str(tmp_path / "two.db"), batch_size=4, workers=2)
    ingest([str(corpus)], config=one)
    summary = ingest([str(corpus)], config=two)
    assert summary.articles == 30
    assert snapshot(tmp_path / "one.db") == snapshot(tmp_path / "two.db")


@pytest.mark.slow
def test_ingest_workers_die_with_their_parent(tmp_path: Path) -> None:
    import psutil

    corpus = write_corpus(tmp_path / "c.jsonl", 400)
    proc = run_cli(str(corpus), "--db", str(tmp_path / "w.db"), "--workers", "2")
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 300
    children: list[psutil.Process] = []
    while time.monotonic() < deadline and proc.poll() is None:
        children = [c for c in parent.children(recursive=True)
                    if "spawn_main" in " ".join(c.cmdline())]
        if len(children) >= 2:
            break
        time.sleep(0.2)
    assert len(children) >= 2, "the workers never started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _gone, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"workers outlived their parent: {[p.pid for p in alive]}"
