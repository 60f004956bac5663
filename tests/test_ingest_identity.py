"""Every article in once, in its latest version: ids that clash, stories corrected, files
edited, later copies that know more, and the articles/runs listings that show it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.config import load_config
from eventwire.ingest.run import IngestOptions, ingest

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")


def attack(killed: int, city: str = "Sumy") -> str:
    return (f"A Russian missile struck a residential building in {city} on Sunday, killing "
            f"{killed} people and wounding 20 others, the regional governor said. Rescue "
            f"workers searched the rubble through the night.")


def protest(n: int) -> str:
    return (f"Thousands of farmers marched in Nairobi on Tuesday to protest against a new "
            f"tax on fertiliser, police said. It was the {n}th march this year.")


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ingest_two_batches_numbered_from_one_are_both_stored(tmp_path: Path) -> None:
    first = jsonl(tmp_path / "monday.jsonl", [{"id": "1", "text": attack(6)},
                                             {"id": "2", "text": protest(3)}])
    second = jsonl(tmp_path / "tuesday.jsonl", [{"id": "1", "text": attack(4, "Kharkiv")},
                                               {"id": "2", "text": protest(5)}])
    config = load_config(db=str(tmp_path / "s.db"))
    ingest([str(first)], config=config)
    summary = ingest([str(second)], config=config)
    assert summary.articles == 2 and summary.skipped == 0
    assert rows(tmp_path / "s.db", "select count(*) from articles") == [(4,)]
    given = sorted(json.loads(m)["source_id"] for (m,) in rows(tmp_path / "s.db",
                                                               "select meta from articles"))
    assert given == ["1", "1", "2", "2"]  # the ids people gave are kept


def test_ingest_one_file_with_a_repeated_id_keeps_both_and_says_so(tmp_path: Path) -> None:
    batch = jsonl(tmp_path / "batch.jsonl", [{"id": "7", "text": attack(6)},
                                            {"id": "7", "text": protest(2)}])
    config = load_config(db=str(tmp_path / "s.db"))
    summary = ingest([str(batch)], config=config)
    assert summary.articles == 2 and summary.warnings == 1 and summary.errors == 0
    (code, message), = rows(tmp_path / "s.db", "select code, message from ingest_errors")
    assert code == "W101" and "'7'" in message
    again = ingest([str(batch)], config=config)  # a rerun adds nothing
    assert again.articles == 0 and again.versions == 0
    assert rows(tmp_path / "s.db", "select count(*) from articles") == [(2,)]


def _killed(db: Path) -> list[int]:
    return sorted(v for (v,) in rows(db, "select killed from events where killed is not null"))


def test_ingest_same_url_with_corrected_toll_is_a_new_version(tmp_path: Path) -> None:
    url = "https://news.example.com/2025/03/sumy-strike"
    config = load_config(db=str(tmp_path / "s.db"))
    ingest([str(jsonl(tmp_path / "a.jsonl", [{"url": url, "text": attack(6)}]))], config=config)
    assert _killed(tmp_path / "s.db") == [6]
    corrected = jsonl(tmp_path / "b.jsonl", [{"url": url + "?utm_source=rss",
                                              "text": attack(11)}])
    summary = ingest([str(corrected)], config=config)
    assert summary.versions == 1 and summary.articles == 0
    assert _killed(tmp_path / "s.db") == [11]  # the latest version counts, once
    assert rows(tmp_path / "s.db", "select version from articles") == [(2,)]
    assert rows(tmp_path / "s.db", "select version from article_versions order by 1") == [
        (1,), (2,)]


def test_ingest_edited_file_replaces_its_old_version(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(attack(6), encoding="utf-8")
    config = load_config(db=str(tmp_path / "s.db"))
    ingest([str(story)], config=config)
    story.write_text(attack(9), encoding="utf-8")
    summary = ingest([str(story)], config=config)
    assert summary.versions == 1
    assert rows(tmp_path / "s.db", "select count(*) from articles") == [(1,)]
    assert _killed(tmp_path / "s.db") == [9]


def test_ingest_later_copy_fills_the_date_and_url_the_first_lacked(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(attack(6), encoding="utf-8")
    config = load_config(db=str(tmp_path / "s.db"))
    ingest([str(story)], config=config)
    assert rows(tmp_path / "s.db", "select url, published from articles") == [(None, None)]
    fuller = jsonl(tmp_path / "wire.jsonl", [{"url": "https://wire.example.com/sumy",
                                              "published": "2025-03-17", "text": attack(6)}])
    summary = ingest([str(fuller)], config=config)
    assert summary.filled == 1 and summary.articles == 0
    assert rows(tmp_path / "s.db", "select url, published from articles") == [
        ("https://wire.example.com/sumy", "2025-03-17")]
    # coded again with the date: "on Sunday" now resolves to the Sunday before it
    assert rows(tmp_path / "s.db", "select date from events where killed = 6") == [
        ("2025-03-16",)]


def test_ingest_published_and_url_for_a_plain_file(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(attack(6), encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(story), "--db", db, "-q", "--published",
                                      "2025-03-17", "--url", "https://wire.example.com/x"])
    assert result.exit_code == 0, result.output
    assert rows(Path(db), "select url, published from articles") == [
        ("https://wire.example.com/x", "2025-03-17")]
    options = IngestOptions(url="https://wire.example.com/x")
    two = tmp_path / "two.txt"
    two.write_text(protest(1), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(story), str(two), "--db", db, "-q",
                                      "--url", "https://wire.example.com/x"])
    assert result.exit_code == 2 and "[E110]" in result.stderr and "--url" in result.stderr
    assert options.url  # one URL names one article


def test_cli_articles_lists_versions(tmp_path: Path) -> None:
    url = "https://news.example.com/story"
    db = tmp_path / "s.db"
    config = load_config(db=str(db))
    ingest([str(jsonl(tmp_path / "a.jsonl", [{"url": url, "text": attack(6)}]))], config=config)
    ingest([str(jsonl(tmp_path / "b.jsonl", [{"url": url, "text": attack(11)}]))], config=config)
    result = CliRunner().invoke(app, ["articles", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["url"] == url and article["version"] == 2
    assert [v["version"] for v in article["versions"]] == [1, 2]
    table = CliRunner().invoke(app, ["articles", "--db", str(db)])
    assert "v1" in table.stdout and "v2" in table.stdout


def test_cli_runs_marks_a_killed_run(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    corpus = jsonl(tmp_path / "c.jsonl", [{"id": str(i), "text": protest(i)} for i in range(3)])
    done = subprocess.run([EVENTWIRE, "ingest", "-q", str(corpus), "--db", str(db)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    # a run whose process is gone: a real process, started and killed with SIGKILL
    victim = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    with sqlite3.connect(db) as conn:
        conn.execute("insert into runs (started_at, status, engine, sources, options, articles,"
                     " skipped, events, errors, version, pid, host, heartbeat_at) values "
                     "(datetime('now'), 'running', 'local', '[]', '{}', 0, 0, 0, 0, 'x', ?, ?, "
                     "datetime('now'))", (victim.pid, os.uname().nodename))
    alive = CliRunner().invoke(app, ["runs", "--db", str(db), "--json"])
    assert [json.loads(x)["status"] for x in alive.stdout.splitlines()] == ["done", "running"]
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    time.sleep(0.1)
    killed = CliRunner().invoke(app, ["runs", "--db", str(db), "--json"])
    assert [json.loads(x)["status"] for x in killed.stdout.splitlines()] == ["done", "killed"]
    table = CliRunner().invoke(app, ["runs", "--db", str(db)])
    assert "killed" in table.stdout
