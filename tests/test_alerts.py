"""Alerts: a rules file fires exactly the expected alerts on batches of articles written here,
once per incident, with an update when outlets confirm a higher toll; stored, on stdout and
POSTed to a webhook served on 127.0.0.1 by the test. Real pipeline, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import _store_fixtures as fx
from eventwire.alerts import (
    Alert,
    EscalationFlag,
    IncidentWatch,
    list_alerts,
    load_rules,
    parse_rule,
)
from eventwire.cli import app
from eventwire.config import load_config
from eventwire.errors import ConfigError
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.store import CodedArticle, Store, article_key

db_url = fx.db_url
pg_url = fx.pg_url
runner = CliRunner()

ARTICLES = {
    "kyiv": ("https://kyivindependent.com/sumy-strike", "2024-11-17",
             "SUMY - A Russian ballistic missile struck a residential building in the centre of "
             "Sumy on Sunday morning, killing 11 people, including two children, and injuring 84 "
             "others, regional officials said."),
    "kharkiv": ("https://news.example.org/kharkiv-drone", "2024-11-18",
                "A Russian drone attack on the city of Kharkiv on Sunday killed two people and "
                "wounded five, the city's mayor said on Monday."),
    "wire": ("https://www.reuters.com/world/europe/missile-hits-sumy", "2024-11-17",
             "A Russian missile hit an apartment block in the Ukrainian city of Sumy on Sunday, "
             "killing 11 people and wounding dozens, Ukrainian officials said."),
    "ukrinform": ("https://www.ukrinform.net/rubric-regions/sumy-region-attack.html",
                  "2024-11-18",
                  "Russian troops launched a missile attack on Sumy region on Sunday, killing "
                  "nine civilians, the regional military administration said on Monday."),
    "suspilne": ("https://suspilne.media/sumy-toll", "2024-11-19",
                 "Twelve people were killed in Sunday's Russian missile strike on Sumy, regional "
                 "governor Volodymyr Artiukh said on Tuesday, as rescuers found another body."),
    "pravda": ("https://www.pravda.com.ua/eng/news/sumy-rubble", "2024-11-19",
               "Rescuers pulled another body from the rubble in Sumy, raising the toll of "
               "Sunday's Russian missile strike to 12 dead, officials said on Tuesday."),
}
RULES = """
rules:
  - name: mass-casualty strikes in Ukraine
    when: ASSAULT with killed >= 10 in UKR
  - name: strikes on Kharkiv oblast
    when: ASSAULT|COERCE in admin1 Kharkiv
  - name: North Korean mobilisation
    when: any MOBILIZE by PRK
  - name: strikes told by three outlets
    when: ASSAULT with sources >= 3 and killed >= 1
  - name: Sumy escalates
    when: escalation in admin1 Sumy
"""


@pytest.fixture(scope="module")
def coded() -> dict[str, CodedArticle]:
    articles = [Article(id=i, raw=text, url=url, published=date.fromisoformat(published))
                for i, (url, published, text) in ARTICLES.items()]
    return {c.article.id: CodedArticle(c.article, article_key(c.article), document=c.document,
                                       events=list(c.events))
            for c in Pipeline(load_config()).process(articles)}


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def webhook():  # type: ignore[no-untyped-def]
    _Hook.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", _Hook.received
    server.shutdown()
    server.server_close()


def test_rules_fire_once_per_incident_and_update_on_a_higher_toll(
        db_url: str, coded: dict[str, CodedArticle], webhook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, received = webhook
    rules_file = tmp_path / "alerts.yaml"
    rules_file.write_text(RULES, encoding="utf-8")
    seen: list[Alert] = []
    store = Store(db_url)
    watch = IncidentWatch(store.engine, rules_path=str(rules_file), webhook=url,
                          sinks=[seen.append])

    def stored(*ids: str) -> list[str]:
        """The ids the store knows the articles by."""
        return [coded[i].key.id for i in ids]

    def batch(*ids: str) -> list[tuple[str, bool, int | None]]:
        store.write_batch([coded[i] for i in ids])
        return sorted((a.rule, a.update, a.killed) for a in watch(stored(*ids)))

    # the Sumy strike (11 killed, one outlet) and the Kharkiv strike fire their rules
    assert batch("kyiv", "kharkiv") == [
        ("mass-casualty strikes in Ukraine", False, 11),
        ("strikes on Kharkiv oblast", False, 2),
    ]
    # two more outlets tell the Sumy strike (11, 9): the same incident, the same toll: no new
    # alert, but three outlets now tell it
    assert batch("wire", "ukrinform") == [("strikes told by three outlets", False, 11)]
    # the same batch again: nothing
    assert watch(stored("wire", "ukrinform")) == []
    # two outlets confirm 12 dead: the alerts on that incident are updated, once each
    assert batch("suspilne", "pravda") == [
        ("mass-casualty strikes in Ukraine", True, 12),
        ("strikes told by three outlets", True, 12),
    ]
    stored = list_alerts(store.engine)
    assert sorted((a["rule"], a["killed"], a["updates"]) for a in stored) == [
        ("mass-casualty strikes in Ukraine", 12, 1),
        ("strikes on Kharkiv oblast", 2, 0),
        ("strikes told by three outlets", 12, 1),
    ]
    sumy = next(a for a in stored if a["rule"].startswith("mass"))
    assert sumy["record"]["sources"] == 5 and sumy["delivered"] == "204"
    assert "UPDATE" in sumy["message"] and "Sumy" in sumy["message"]
    assert len(seen) == 5
    assert [(r["rule"], r["update"]) for r in received] == [(a.rule, a.update) for a in seen]
    assert received[0]["incident"]["location"]["name"] in {"Sumy", "Kharkiv"}

    # an escalation flag fires its rule once per place and period, nothing else
    flag = EscalationFlag(country="UKR", admin1="Sumy", period=date(2024, 11, 11),
                          method="acled-surge", detail={"count": 9, "baseline": 2.5})
    assert watch.alerts is not None
    assert [a.rule for a in watch.alerts.on_escalation(flag)] == ["Sumy escalates"]
    assert watch.alerts.on_escalation(flag) == []
    other = EscalationFlag(country="UKR", admin1="Kharkiv", period=date(2024, 11, 11),
                           method="acled-surge")
    assert watch.alerts.on_escalation(other) == []
    assert len(list_alerts(store.engine)) == 4

    result = runner.invoke(app, ["alerts", "--db", db_url, "--json"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 4
    result = runner.invoke(app, ["alerts", "--db", db_url])
    assert result.exit_code == 0 and "mass-casualty" in result.stdout


def test_ingest_fires_alerts_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    from eventwire.ingest.run import ingest

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "url": u, "published": p, "text": t})
                                for i, (u, p, t) in ARTICLES.items()), encoding="utf-8")
    rules_file = tmp_path / "alerts.yaml"
    rules_file.write_text(RULES, encoding="utf-8")
    db = str(tmp_path / "ingest.db")
    ingest([str(corpus)], config=load_config(db=db, alerts_rules=str(rules_file),
                                             batch_size=2))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()
             if line.startswith('{"alert"')]
    firsts = sorted(line["alert"] for line in lines if not line["update"])
    assert firsts == ["mass-casualty strikes in Ukraine", "strikes on Kharkiv oblast",
                      "strikes told by three outlets"]


@pytest.mark.parametrize(("when", "kind", "types", "country", "admin1", "actor", "conditions"), [
    ("ASSAULT with killed >= 10 in UKR", "incident", {"ASSAULT"}, "UKR", None, None,
     ["killed >= 10"]),
    ("any MOBILIZE by PRK", "incident", {"MOBILIZE"}, None, None, "PRK", []),
    ("escalation in admin1 Sumy", "escalation", set(), None, "Sumy", None, []),
    ("escalation in ukr", "escalation", set(), "UKR", None, None, []),
    ("PROTEST|RIOT with sources >= 3 and injured > 0", None, None, None, None, None, None),
    ("any with killed >= 100", "incident", set(), None, None, None, ["killed >= 100"]),
    ("ASSAULT|COERCE in admin1 North Kivu by Rwanda", "incident", {"ASSAULT", "COERCE"}, None,
     "North Kivu", "Rwanda", []),
    ("ASSAULT in Ukraine", None, None, None, None, None, None),
    ("ASSAULT with deaths >= 3", None, None, None, None, None, None),
])
def test_parse_rule(when: str, kind: str | None, types: set[str] | None, country: str | None,
                    admin1: str | None, actor: str | None, conditions: list[str] | None) -> None:
    if kind is None:
        with pytest.raises(ConfigError):
            parse_rule("r", when)
        return
    rule = parse_rule("r", when)
    assert (rule.kind, set(rule.types), rule.country, rule.admin1, rule.actor) == (
        kind, types, country, admin1, actor)
    assert [str(c) for c in rule.conditions] == conditions


def test_example_rules_file_reads_and_a_bad_one_says_why(tmp_path: Path) -> None:
    from importlib import resources

    example = resources.files("eventwire.resources").joinpath("alerts.yaml")
    names = [r.name for r in load_rules(str(example)).rules]
    assert "mass-casualty strikes in Ukraine" in names
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - name: x\n    when: BOMBING in UKR\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a PLOVER type"):
        load_rules(str(bad))
    result = runner.invoke(app, ["alerts", "--check", str(bad)])
    assert result.exit_code == 1 and "[E500]" in result.output and "Traceback" not in result.output


# towns of Sumy oblast, one strike on each on its own day: seven incidents in one week
_SUMY_TOWNS = [("Sumy", 50.9216, 34.80029), ("Shostka", 51.86296, 33.4698),
               ("Konotop", 51.24032, 33.20263), ("Okhtyrka", 50.31036, 34.89879),
               ("Romny", 50.75, 33.47), ("Lebedyn", 50.58518, 34.4849),
               ("Hlukhiv", 51.67822, 33.9162)]


def test_escalation_rule_fires_once_when_a_place_jumps(tmp_path: Path) -> None:
    from datetime import timedelta

    from eventwire.model import DateValue, Evidence, Location
    from eventwire.store import identified

    rules_file = tmp_path / "alerts.yaml"
    rules_file.write_text("rules:\n  - name: Sumy escalates\n    when: escalation in admin1 "
                          "Sumy\n  - name: Odesa escalates\n    when: escalation in admin1 "
                          "Odesa\n", encoding="utf-8")
    store = Store(str(tmp_path / "esc.db"))
    watch = IncidentWatch(store.engine, rules_path=str(rules_file), sinks=[])
    first_day = date(2024, 10, 7)  # a Monday; the jump comes six weeks later
    days = [first_day] + [first_day + timedelta(weeks=6, days=n) for n in range(7)]
    towns = [_SUMY_TOWNS[0], *_SUMY_TOWNS]

    def coded(n: int, day: date, town: tuple[str, float, float]) -> CodedArticle:
        article, key = identified(Article(id=f"s{n}", raw=f"Strike {n} on {town[0]}.",
                                          url=f"https://news.example.org/sumy/{n}",
                                          published=day))
        text = f"A Russian drone struck {town[0]} on {day:%A}, killing one person."
        event = fx.make_event(
            article.id, n, date=DateValue(value=day, precision="day"),
            location=Location(text=town[0], name=town[0], admin1="Sumy", country="UKR",
                              lat=town[1], lon=town[2], precision=1, feature="city"),
            evidence=Evidence(text=text, start=0, end=len(text)))
        return CodedArticle(article, key, events=[event])

    batch = [coded(n, day, town) for n, (day, town) in enumerate(zip(days, towns, strict=True))]
    store.write_batch(batch)
    fired = watch([c.key.id for c in batch])
    escalations = [a for a in fired if a.kind == "escalation"]
    assert [a.rule for a in escalations] == ["Sumy escalates"]
    assert escalations[0].record["period"] == (first_day + timedelta(weeks=6)).isoformat()
    assert watch([c.key.id for c in batch]) == []  # once per place and week
