"""`eventwire eval incidents`: the same-incident measures on hand-made partitions, and a run end
to end on a small folder of the GVA shape written here (texts of our own)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.cluster import outlet_of
from eventwire.evaluate.incidents import bcubed, pairwise

runner = CliRunner()

# (id, gold incident, title, published, url, text)
ARTICLES = [
    ("a1", "1001", "Man killed, two wounded outside Springfield bar", "2016-03-05",
     "http://web.archive.org/web/20160306000000/http://www.sj-r.com/news/a1",
     "SPRINGFIELD, Ill. - A gunman killed Marcus Delaney, 24, and wounded two other people "
     "outside a bar on Cook Street in Springfield early Saturday."),
    ("a2", "1001", "Police seek gunman in Cook Street shooting", "2016-03-06",
     "https://www.wics.com/news/a2",
     "Police in Springfield are searching for the gunman who killed Marcus Delaney and wounded "
     "two others outside a Cook Street bar on Saturday."),
    ("b1", "1002", "Teen shot near Reed Park", "2016-03-06", "https://www.tulsaworld.com/b1",
     "TULSA, Okla. - A gunman wounded Darnell Pike, 16, near Reed Park in Tulsa on Saturday "
     "night."),
    ("b2", "1002", "Teen wounded in Tulsa shooting", "2016-03-06", "https://www.newson6.com/b2",
     "Darnell Pike, 16, was wounded by gunfire near Reed Park in Tulsa on Saturday night, his "
     "mother said."),
    ("c1", "1003", "Two shot dead in Spokane home", "2016-03-07",
     "https://www.spokesman.com/c1",
     "Two people were shot dead in a home in Spokane on Monday, police said."),
]
INCIDENTS = [("1001", "2016-03-05", "Illinois", "Springfield", 1, 2),
             ("1002", "2016-03-05", "Oklahoma", "Tulsa", 0, 1),
             ("1003", "2016-03-07", "Washington", "Spokane", 2, 0)]


def test_pairwise_and_bcubed_by_hand() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert pairwise(gold, gold) == (1.0, 1.0)
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    split = {"a": "x", "b": "x", "c": "y", "d": "z"}  # one gold incident split in two
    assert pairwise(gold, split) == (1.0, pytest.approx(1 / 3))
    precision, recall, f1 = bcubed(gold, split)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert precision == 1.0
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    merged = {"a": "x", "b": "x", "c": "x", "d": "x"}  # everything in one
    assert pairwise(gold, merged) == (0.5, 1.0)
    assert bcubed(gold, merged)[0] == pytest.approx((3 / 4 * 3 + 1 / 4) / 4)
    assert pairwise({"a": "1"}, {"a": "x"}) == (None, None)


def test_outlet_sees_through_web_archives() -> None:
    assert outlet_of("http://web.archive.org/web/2014/http://www.wkrn.com:80/story/1") == (
        "wkrn.com")
    assert outlet_of("https://www.reuters.com/world/x") == "reuters.com"
    assert outlet_of(None) is None


def test_eval_incidents_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "gva"
    folder.mkdir()
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, incident, title, published, url, text in ARTICLES:
            out.write(json.dumps({"id": doc_id, "incident_id": incident, "title": title,
                                  "published": published, "url": url, "text": text}) + "\n")
    with (folder / "incidents.jsonl").open("w", encoding="utf-8") as out:
        for incident, day, state, city, killed, injured in INCIDENTS:
            out.write(json.dumps({"incident_id": incident, "date": day, "state": state,
                                  "city": city, "address": "", "killed": killed,
                                  "injured": injured, "n_articles": 2}) + "\n")
    scores = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", "incidents", str(folder), "--json", str(scores)])
    assert result.exit_code == 0, result.output
    assert "bcubed_f1" in result.output
    measures = json.loads(scores.read_text(encoding="utf-8"))["measures"]
    value = {name: m["value"] for name, m in measures.items()}
    # each story's two reports are linked, the three stories kept apart
    assert value["pairwise_precision"] == 1.0 and value["pairwise_recall"] == 1.0
    assert value["bcubed_f1"] == 1.0
    assert value["incidents"] == 3
    assert measures["killed_exact"]["n"] == 3
    assert value["dev_bcubed_f1"] is not None and value["check_bcubed_f1"] is not None
