"""`eventwire bench-api --quick`: the load bench end to end, small: a database filled, uvicorn
started on loopback, concurrent clients, a review read back under load, figures printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import bench_api
from eventwire.cli import app

runner = CliRunner()


def test_bench_api_synthetic_rows_are_shaped_like_the_writers() -> None:
    from eventwire.model import Event

    pairs = list(bench_api.synthetic_rows(12, per_article=5))
    assert [len(events) for _, events in pairs] == [5, 5, 2]
    for article, events in pairs:
        for row in events:
            event = Event.model_validate(row["record"])
            assert event.doc_id == article["id"] and row["id"] == event.id
            assert row["country"] == event.location.country


@pytest.mark.slow
def test_bench_api_quick_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = runner.invoke(app, ["bench-api", "--quick", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "requests/s" in result.output and "p95 ms" in result.output
    [figures] = json.loads(out.read_text())
    assert figures["backend"] == "sqlite" and figures["events"] == 2000
    assert figures["requests"] > 0 and figures["errors"] == 0
    assert figures["review_read_back"] is True
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
