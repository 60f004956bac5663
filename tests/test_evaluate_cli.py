"""`eventwire eval` end to end through the CLI, on small files written here (real pipeline)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()

SENTENCES = [
    ("ASSAULT", "Rebel fighters attacked an army post near the border on Monday, killing "
                "three soldiers."),
    ("PROTEST", "Thousands of teachers protested outside parliament demanding higher pay."),
    ("REQUEST", "The opposition demanded that the president resign."),
    ("AGREE", "The two governments agreed to reopen the border crossing."),
]


@pytest.fixture()
def plover_file(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.txt"
    records = [{"id": "D", "event": "DOCUMENT", "eventText": "header"}]
    records += [{"id": f"R-{i}", "event": {"REQUEST": "DEMAND"}.get(t, t), "text": text}
                for i, (t, text) in enumerate(SENTENCES)]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_eval_plover_prints_table_and_writes_json_and_report(
    plover_file: Path, tmp_path: Path
) -> None:
    out, html = tmp_path / "scores.json", tmp_path / "report.html"
    result = runner.invoke(app, ["eval", "plover", str(plover_file), "--json", str(out),
                                 "--report", str(html)])
    assert result.exit_code == 0, result.output
    assert "event_type_accuracy" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["dataset"] == "plover" and data["rows"] == len(SENTENCES)
    accuracy = data["measures"]["event_type_accuracy"]["value"]
    assert 0.0 <= accuracy <= 1.0
    labels = data["confusion"]["event_type"]["labels"]
    assert {"ASSAULT", "PROTEST", "REQUEST", "AGREE"} <= set(labels)
    assert sum(map(sum, data["confusion"]["event_type"]["matrix"])) == len(SENTENCES)
    assert "Confusion matrix" in html.read_text(encoding="utf-8")


def test_eval_acled_with_and_without_shortcut(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type",
                         "actor1", "inter1", "latitude", "longitude", "geo_precision",
                         "notes", "fatalities", "country", "iso3"])
        writer.writerow(["K1", "4-May-20", "Protests", "Peaceful protest", "Protesters (Kenya)",
                         "6", "-1.2864", "36.8172", "1",
                         "On 4 May 2020, traders protested in Nairobi against market closures. "
                         "[size=no report]", "0", "Kenya", "KEN"])
        writer.writerow(["N1", "5-May-20", "Battles", "Armed clash",
                         "Military Forces of Nigeria (2015-)", "1", "11.8333", "13.15", "1",
                         "On 5 May 2020, Nigerian troops clashed with Boko Haram fighters in "
                         "Maiduguri, killing 4 militants.", "4", "Nigeria", "NGA"])
    runs = {}
    for flag in ([], ["--no-shortcut"]):
        out = tmp_path / f"acled{len(flag)}.json"
        result = runner.invoke(app, ["eval", "acled", str(path), "--json", str(out),
                                     "--rows", "all", *flag])
        assert result.exit_code == 0, result.output
        runs[bool(flag)] = json.loads(out.read_text(encoding="utf-8"))
    assert runs[False]["config"]["trigger_shortcut"] is True
    assert runs[True]["config"]["trigger_shortcut"] is False
    for data in runs.values():
        assert data["rows"] == 2
        assert data["measures"]["fatalities_exact_deaths"]["n"] == 1
        assert data["measures"]["fatalities_zero_none"]["n"] == 1
        assert data["measures"]["actor1_country"]["n"] == 2


def test_eval_acled_scores_held_apart_rows_by_default_and_says_so(tmp_path: Path) -> None:
    # K1 falls outside the classifier's training half, N1 inside it
    # (eventwire.extract.classify.in_training_half)
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type",
                         "actor1", "inter1", "latitude", "longitude", "geo_precision",
                         "notes", "fatalities", "country", "iso3"])
        for row_id in ("K1", "N1"):
            writer.writerow([row_id, "4-May-20", "Protests", "Peaceful protest",
                             "Protesters (Kenya)", "6", "-1.2864", "36.8172", "1",
                             "On 4 May 2020, traders protested in Nairobi. [size=no report]",
                             "0", "Kenya", "KEN"])
    counts = {}
    for basis in ("heldout", "train", "all"):
        out = tmp_path / f"{basis}.json"
        args = ["eval", "acled", str(path), "--json", str(out)]
        result = runner.invoke(app, args if basis == "heldout" else [*args, "--rows", basis])
        assert result.exit_code == 0, result.output
        data = json.loads(out.read_text(encoding="utf-8"))
        counts[basis] = data["rows"]
        assert data["config"]["rows"] == basis
        assert any(note.startswith("rows: ") for note in data["notes"])
    assert counts == {"heldout": 1, "train": 1, "all": 2}
    assert "TRAINING half" in " ".join(json.loads((tmp_path / "train.json").read_text())["notes"])


def test_eval_unknown_dataset_fails_with_a_coded_error(plover_file: Path) -> None:
    result = runner.invoke(app, ["eval", "gdelt", str(plover_file)])
    assert result.exit_code == 1
    assert "E700" in result.output and "unknown dataset" in result.output


def test_eval_missing_file_fails_with_a_coded_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "acled", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "E700" in result.output
