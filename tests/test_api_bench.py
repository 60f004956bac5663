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
    # the mix repeats its common queries: some answers come from the page cache, not all
    assert 0 < figures["cache_hits"] < 100
    assert figures["client_cpu_ms"] > 0 and figures["server_cpu_ms"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_bench_api_review_is_read_back_from_every_server_process(backend: str) -> None:
    """Two uvicorn processes, each with its page cache warm: a review posted to one is in
    the very next page either gives."""
    import httpx

    from eventwire.store import open_store
    from eventwire.store.apikeys import create_key

    with bench_api.database(backend, None) as db:
        bench_api.fill(db, 300)
        key, _ = create_key(open_store(db), "analyst")
        with bench_api.server(db, workers=2) as (base, _pid):
            params = {"country": "UKR", "limit": "20"}

            def fresh_get() -> httpx.Response:  # a new connection: either process answers
                return httpx.get(f"{base}/api/events", params=params, trust_env=False)

            states = [fresh_get().headers["x-eventwire-cache"] for _ in range(30)]
            assert states.count("hit") >= 20  # both processes hold the page
            event = fresh_get().json()["items"][0]
            posted = httpx.post(f"{base}/api/events/{event['id']}/reviews",
                                headers={"Authorization": f"Bearer {key}"},
                                json={"verdict": "edit", "fields": {"killed": 4321}},
                                trust_env=False)
            assert posted.status_code == 201, posted.text
            for _ in range(12):
                response = fresh_get()
                first = response.json()["items"][0]
                assert first["id"] == event["id"] and first["killed"]["value"] == 4321
                assert first["review"]["state"] == "edited"
