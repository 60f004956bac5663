"""--engine dask on a LocalCluster of 2 workers gives the same articles and events as local."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.config import load_config
from eventwire.ingest.run import ingest
from test_ingest_resume import write_corpus


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(sql).fetchall())


@pytest.mark.slow
def test_dask_local_cluster_same_events_as_local(tmp_path: Path) -> None:
    parts = [write_corpus(tmp_path / f"part{i}.jsonl", 15) for i in range(3)]
    # the three partitions overlap: part files hold the same synthetic articles
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    sources = [str(p) for p in parts] + [str(broken)]
    local = load_config(db=str(tmp_path / "local.db"), batch_size=8)
    on_dask = load_config(db=str(tmp_path / "dask.db"), batch_size=8, workers=2)
    first = ingest(sources, config=local)
    summary = ingest(sources, config=on_dask, engine="dask")
    assert summary.status == "done" and summary.articles == first.articles == 15
    assert summary.errors == first.errors == 1
    for sql in ("select id, content_hash from articles",
                "select id, doc_id, type, status, country, killed, record from events",
                "select code, source from ingest_errors"):
        assert _rows(tmp_path / "dask.db", sql) == _rows(tmp_path / "local.db", sql)
    assert _rows(tmp_path / "dask.db", "select count(*) from events")[0][0] > 0
    again = ingest(sources, config=on_dask, engine="dask")
    assert again.articles == 0 and again.skipped == 45
