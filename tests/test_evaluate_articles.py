"""The GVA readers and ``eventwire eval articles``: whole news stories, one shooting each.

The readers are tested on small files written here (texts of our own); the real folder
(``../shared/data/eval/gva-incidents``) is read in place where present, else those tests skip.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.config import shared_data
from eventwire.errors import MalformedInputError
from eventwire.evaluate.articles import killed_of_main, killed_total, violent
from eventwire.evaluate.gva import half_of, in_half, read_articles, read_incidents
from eventwire.model import Count, Event, Evidence

GVA = shared_data() / "eval" / "gva-incidents"


def _write(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    _write(tmp_path / "incidents.jsonl", [
        {"incident_id": "11", "date": "2015-03-02", "state": "Ohio", "city": "Dayton",
         "address": "10 Main St", "killed": 1, "injured": 2, "n_articles": 2},
        {"incident_id": "12", "date": "not a date", "state": "Ohio", "city": "Akron",
         "address": "", "killed": 0, "injured": 1, "n_articles": 1},
        {"incident_id": "13", "date": "2016-07-09", "state": "Iowa", "city": "Ames",
         "address": "", "killed": "", "injured": None},
    ])
    _write(tmp_path / "articles.jsonl", [
        {"id": "a", "incident_id": "11", "title": "Man shot dead in Dayton",
         "published": "2015-03-03", "url": "http://example.org/a",
         "text": "A man was shot dead on Monday night in Dayton, police said."},
        {"id": "b", "incident_id": "11", "title": "Update: man shot dead in Dayton",
         "published": "2015-03-04", "url": "http://example.org/b",
         "text": "A man was shot dead on Monday night in Dayton, police said."},
        {"id": "c", "incident_id": "13", "title": "", "published": "", "url": "",
         "text": "Two people were hurt."},
        {"id": "d", "incident_id": "13", "title": "Empty", "published": "2016-07-10",
         "url": "", "text": "   "},
    ])
    return tmp_path


def test_read_incidents_types_and_skips(folder: Path) -> None:
    incidents = read_incidents(folder)
    assert set(incidents) == {"11", "13"}  # "12" has no valid date
    dayton = incidents["11"]
    assert (dayton.date, dayton.city, dayton.killed, dayton.injured) == (
        date(2015, 3, 2), "Dayton", 1, 2)
    assert (incidents["13"].killed, incidents["13"].injured) == (0, 0)


def test_read_articles_drops_repeated_texts_and_empty_ones(folder: Path) -> None:
    ids = [a.id for a in read_articles(folder / "articles.jsonl")]
    assert ids == ["a", "c"]
    assert [a.id for a in read_articles(folder, unique_texts=False)] == ["a", "b", "c"]


def test_article_given_to_eventwire_hides_the_incident(folder: Path) -> None:
    first = next(read_articles(folder))
    article = first.to_article()
    assert (article.id, article.title, article.published) == (
        "a", "Man shot dead in Dayton", date(2015, 3, 3))
    assert "11" not in article.model_dump_json()
    blank = next(a for a in read_articles(folder) if a.id == "c").to_article()
    assert (blank.title, blank.published, blank.url) == (None, None, None)


def test_halves_split_incidents_deterministically_and_completely() -> None:
    ids = [str(n) for n in range(1000, 1400)]
    halves = [half_of(i) for i in ids]
    assert halves == [half_of(i) for i in ids]
    assert 150 < halves.count("dev") < 250
    assert all(in_half(i, "all") for i in ids)
    assert all(in_half(i, "dev") != in_half(i, "check") for i in ids)
    with pytest.raises(ValueError, match="unknown half"):
        in_half("1", "train")


def test_half_keeps_every_article_of_an_incident_together(folder: Path) -> None:
    dev = {a.id for a in read_articles(folder, half="dev", unique_texts=False)}
    check = {a.id for a in read_articles(folder, half="check", unique_texts=False)}
    assert dev | check == {"a", "b", "c"} and not dev & check
    assert ({"a", "b"} <= dev) or ({"a", "b"} <= check)


@pytest.mark.parametrize("line", ["{not json", "[1, 2]"])
def test_broken_line_is_one_coded_error(tmp_path: Path, line: str) -> None:
    (tmp_path / "incidents.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match="line 1"):
        read_incidents(tmp_path)


def test_missing_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(MalformedInputError):
        list(read_articles(tmp_path))


def test_real_folder_reads_whole() -> None:
    if not (GVA / "articles.jsonl").exists():
        pytest.skip(f"GVA folder absent: {GVA} (set EVENTWIRE_SHARED_DATA)")
    incidents = read_incidents(GVA)
    articles = list(read_articles(GVA))
    assert len(incidents) > 1500
    assert len(articles) > 2500
    assert all(a.incident_id in incidents for a in articles)
    dev = sum(in_half(a.incident_id, "dev") for a in articles)
    assert 0.4 < dev / len(articles) < 0.6


# --- eval articles: the measures ------------------------------------------------------------


def _event(start: int, type_: str = "ASSAULT", status: str = "occurred",
           killed: int | None = None, confidence: float = 0.5) -> Event:
    return Event(id=str(start), doc_id="d", type=type_, status=status,  # type: ignore[arg-type]
                 evidence=Evidence(text="x", start=start, end=start + 1),
                 killed=Count(value=killed, text=str(killed)) if killed is not None else None,
                 confidence=confidence)


def test_violent_events_are_assaults_that_happened() -> None:
    events = [_event(0), _event(5, status="ongoing"), _event(9, status="planned"),
              _event(12, "COERCE"), _event(20, "PROTEST")]
    assert [e.evidence.start for e in violent(events)] == [0, 5]


def test_killed_total_sums_copies_and_main_takes_one() -> None:
    copies = [_event(0, killed=2, confidence=0.6), _event(40, killed=2, confidence=0.9),
              _event(80, status="hypothetical", killed=5)]
    assert killed_total(copies) == 4  # the toll told twice counts twice
    assert killed_of_main(copies) == 2
    assert killed_of_main([_event(0, confidence=0.9), _event(9, killed=3)]) == 0
    assert (killed_total([]), killed_of_main([])) == (0, 0)


@pytest.mark.slow
def test_eval_articles_command_on_a_few_real_stories(tmp_path: Path) -> None:
    if not (GVA / "articles.jsonl").exists():
        pytest.skip(f"GVA folder absent: {GVA} (set EVENTWIRE_SHARED_DATA)")
    from typer.testing import CliRunner

    from eventwire.cli import app

    out = tmp_path / "scores.json"
    run = CliRunner().invoke(app, ["eval", "articles", str(GVA), "--limit", "6", "--half",
                                   "check", "--json", str(out), "--errors", "3"])
    assert run.exit_code == 0, run.output
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["rows"] == 6 and scores["config"]["half"] == "check"
    per_article = scores["measures"]["violent_events_per_article"]
    assert per_article["unit"] == "per_article" and per_article["value"] >= 0
    for name in ("exactly_one_violent_share", "killed_total_equal", "killed_main_equal"):
        assert 0 <= scores["measures"][name]["value"] <= 1


def test_eval_articles_refuses_an_unknown_half(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    run = CliRunner().invoke(app, ["eval", "articles", str(tmp_path), "--half", "train"])
    assert run.exit_code == 1
    assert "unknown half" in run.output
