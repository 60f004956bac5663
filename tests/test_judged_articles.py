"""Conflict articles judged by hand (tests/data/judged): the matcher that gives each written
event its verdict, the judgement files themselves, and today's precision and recall against
the floors pinned in tests/quality_floors.toml ([judged]).

The matcher is tested on a text of our own; the judged articles are read in place from the
shared data folder (``articles/``), and the tests that need them skip, saying why, when the
folder is absent or an article changed since it was judged.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from pydantic import Field

from eventwire.config import load_config, shared_data
from eventwire.errors import MalformedInputError
from eventwire.evaluate.gate import below_floors, load_floors
from eventwire.evaluate.judged import judge_events, load_judgements, score_judged
from eventwire.evaluate.judgements import (
    Aligner,
    GoldActor,
    GoldPlace,
    article_problem,
    load_judgement,
)
from eventwire.model import Actor, Count, Event, Evidence, Location

JUDGED = Path(__file__).with_name("data") / "judged"
ARTICLES = shared_data() / "articles"
FLOORS = Path(__file__).with_name("quality_floors.toml")

# a text of our own: a shelling, its toll told again, a statement, background, page chrome
TEXT = (
    "Shells hit the market in Northtown on Monday, killing four people.\n\n"
    "The  shelling also  wounded nine, officials said.\n\n"
    "The governor called on the army to protect the town.\n\n"
    "The town was last shelled in 1999.\n\n"
    "Related: Football club wins the cup"
)


def _span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


SHELLING = _span("Shells hit the market in Northtown on Monday, killing four people.")
TOLL = _span("The  shelling also  wounded nine, officials said.")
CALL = _span("The governor called on the army to protect the town.")
CHROME = _span("Related: Football club wins the cup")

YAML = f"""
article: northtown.txt
sha256: {hashlib.sha256(TEXT.encode()).hexdigest()}
published: 2026-03-02
kind: wire
half: check
happenings:
  - id: shelling
    plover: [ASSAULT]
    status: occurred
    actor: {{names: [army], country: XXA, sectors: [MIL]}}
    recipient: {{sectors: [CVL]}}
    place: {{names: [Northtown], country: XXA, lat: 10.0, lon: 20.0}}
    killed: 4
    anchors: [[{SHELLING[0]}, {SHELLING[1]}], [{TOLL[0]}, {TOLL[1]}]]
  - id: governor-call
    plover: [REQUEST]
    status: occurred
    anchors: [[{CALL[0]}, {CALL[1]}]]
  - id: old-shelling
    plover: [ASSAULT]
    status: occurred
    anchors: [[{_span("The town was last shelled in 1999.")[0]}, \
{_span("The town was last shelled in 1999.")[1]}]]
    optional: true
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "judged").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "judged" / "northtown.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "articles" / "northtown.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def _event(span: tuple[int, int], type_: str = "ASSAULT", status: str = "occurred",
           **fields: object) -> Event:
    # the cleaned text collapses runs of spaces, as the clean stage does
    text = " ".join(TEXT[span[0]:span[1]].split())
    return Event(id=f"{span[0]}-{type_}", doc_id="northtown", type=type_,  # type: ignore[arg-type]
                 status=status, evidence=Evidence(text=text, start=span[0], end=span[1]),
                 **fields)  # type: ignore[arg-type]


def _judge(folder: Path, events: list[Event]) -> list[tuple[str, str | None]]:
    judgement = load_judgement(folder / "judged" / "northtown.yaml", size=len(TEXT))
    verdicts = judge_events(judgement, events, Aligner(TEXT), "")
    return [(v.verdict, v.happening.id if v.happening else None) for v in verdicts]


def test_first_telling_is_right_the_next_a_repeat(folder: Path) -> None:
    verdicts = _judge(folder, [_event(TOLL), _event(SHELLING)])
    assert verdicts == [("right", "shelling"), ("repeat", "shelling")]  # text order


def test_statement_chrome_and_wrong_family(folder: Path) -> None:
    verdicts = _judge(folder, [
        _event(CALL, "REQUEST"),
        _event(CALL, "ASSAULT"),  # "protect the town" read as an attack: another family
        _event(CHROME, "AGREE"),
        _event(SHELLING, "ASSAULT", "planned"),  # the shelling, but not as happened
        _event(TOLL, "PROTEST"),  # the shelling read as a protest: not the same family
    ])
    assert verdicts == [("wrong kind", "shelling"), ("wrong kind", "shelling"),
                        ("right", "governor-call"), ("wrong kind", "governor-call"),
                        ("not an event", None)]


def test_optional_background_is_right_when_coded_and_costs_nothing_when_not(
        folder: Path, tmp_path: Path) -> None:
    old = _span("The town was last shelled in 1999.")
    assert _judge(folder, [_event(old)]) == [("right", "old-shelling")]
    judgement = load_judgement(folder / "judged" / "northtown.yaml")
    assert [h.id for h in judgement.required] == ["shelling", "governor-call"]


class _Merged(Event):
    """An event that keeps the other sentences telling its happening (the core's ``supports``)."""

    supports: list[Evidence] = Field(default_factory=list)


def test_supporting_spans_count_and_the_evidence_comes_first(folder: Path) -> None:
    judgement = load_judgement(folder / "judged" / "northtown.yaml")
    call = Evidence(text=TEXT[CALL[0]:CALL[1]], start=CALL[0], end=CALL[1])
    toll = Evidence(text=TEXT[TOLL[0]:TOLL[1]], start=TOLL[0], end=TOLL[1])
    headline_only = _Merged(**{**_event(CHROME, "ASSAULT").model_dump(), "supports": [toll]})
    (verdict,) = judge_events(judgement, [headline_only], Aligner(TEXT), "")
    assert (verdict.verdict, verdict.happening and verdict.happening.id) == ("right", "shelling")
    # an event told by the sentence of the old shelling whose supports stray into Monday's: it
    # is matched to the happening its evidence tells, though the other is not optional
    old = _span("The town was last shelled in 1999.")
    strayed = _Merged(**{**_event(old).model_dump(), "supports": [toll, call]})
    (verdict,) = judge_events(judgement, [strayed], Aligner(TEXT), "")
    assert verdict.happening is not None and verdict.happening.id == "old-shelling"


def test_field_agreement_of_a_right_event(folder: Path) -> None:
    judgement = load_judgement(folder / "judged" / "northtown.yaml")
    good = _event(SHELLING, actor=Actor(text="the army", country="XXA", sector="MIL"),
                  recipient=Actor(text="people", sector="CVL"),
                  location=Location(name="Northtown", lat=10.05, lon=20.0),
                  killed=Count(value=4, text="killing four"))
    bad = _event(SHELLING, actor=Actor(text="rebels", country="XXA", sector="REB"),
                 location=Location(name="Capital", lat=12.0, lon=22.0),
                 killed=Count(value=8, text="killing four"))
    for event, expected in ((good, True), (bad, False)):
        (verdict,) = judge_events(judgement, [event], Aligner(TEXT), "")
        assert verdict.verdict == "right"
        assert verdict.fields["actor"] is expected
        assert verdict.fields["place"] is expected
        assert verdict.fields["killed"] is expected
        assert verdict.fields["recipient"] is expected


@pytest.mark.parametrize(
    ("gold", "actor", "agrees"),
    [
        (GoldActor(names=("Taliban",)), Actor(text="Taliban fighters"), True),
        (GoldActor(names=("US",)), Actor(text="USAID officials"), False),  # whole words only
        (GoldActor(country="RUS"), Actor(text="Moscow", country="RUS", sector="GOV"), True),
        (GoldActor(country="RUS", sectors=("MIL",)), Actor(text="Kremlin", country="RUS",
                                                          sector="GOV"), False),
        (GoldActor(names=("Putin",)), None, False),
    ],
)
def test_gold_actor_agreement(gold: GoldActor, actor: Actor | None, agrees: bool) -> None:
    assert gold.agrees(actor) is agrees


@pytest.mark.parametrize(
    ("gold", "location", "agrees"),
    [
        (GoldPlace(country="UKR"), Location(name="Kyiv", country="UKR", lat=50.45, lon=30.52),
         True),
        (GoldPlace(names=("Kharkiv",), lat=49.99, lon=36.23),
         Location(name="Kyiv", country="UKR", lat=50.45, lon=30.52), False),
        (GoldPlace(names=("Logar",), country="AFG", lat=34.0, lon=69.1, km=60),
         Location(name="Lōgar", country="AFG", lat=34.1, lon=69.2), True),
        (GoldPlace(names=("Assam",), country="IND"), Location(name="Assam", country="IND"),
         True),
        (GoldPlace(names=("Birmingham",), country="GBR"),
         Location(name="Birmingham", country="USA"), False),
    ],
)
def test_gold_place_agreement(gold: GoldPlace, location: Location, agrees: bool) -> None:
    assert gold.agrees(location) is agrees


def test_aligner_finds_cleaned_text_in_the_original() -> None:
    original = "A  soft\u00adhyphen\n\nand a zero\u200bwidth space. A  soft\u00adhyphen"
    aligner = Aligner(original)
    start, end = aligner.locate("A softhyphen and a zerowidth space.", near=0)
    assert (start, end) == (0, original.index(".") + 1)
    assert aligner.locate("A softhyphen", near=len(original))[0] > 10  # the nearer copy
    assert aligner.locate("not in it") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("plover: [REQUEST]", "plover: [DEMAND]"), "PLOVER types expected"),
        (("status: occurred", "status: rumoured"), "status"),
        (("half: check", "half: train"), "half must be"),
        (("- id: governor-call", "- id: shelling"), "given twice"),
    ],
)
def test_broken_judgement_is_one_coded_error(folder: Path, change: tuple[str, str],
                                             message: str) -> None:
    path = folder / "judged" / "northtown.yaml"
    path.write_text(YAML.replace(*change, 1), encoding="utf-8")
    with pytest.raises(MalformedInputError, match=message):
        load_judgement(path)


def test_anchor_past_the_end_of_the_article_is_refused(folder: Path) -> None:
    with pytest.raises(MalformedInputError, match="outside the article"):
        load_judgement(folder / "judged" / "northtown.yaml", size=40)


def test_changed_or_absent_article_is_left_out_with_its_reason(folder: Path) -> None:
    (folder / "articles" / "northtown.txt").write_text(TEXT + " Updated.", encoding="utf-8")
    usable, problems = load_judgements(folder / "judged", folder / "articles")
    assert usable == [] and "changed since it was judged" in problems[0]
    (folder / "articles" / "northtown.txt").unlink()
    judgement = load_judgement(folder / "judged" / "northtown.yaml")
    assert "absent" in str(article_problem(judgement, folder / "articles"))


# --- the judgements kept in the repository ------------------------------------------------


def _judgement_files() -> list[Path]:
    return sorted(JUDGED.glob("*.yaml"))


def test_at_least_fifteen_articles_judged_in_two_halves() -> None:
    judgements = [load_judgement(p) for p in _judgement_files()]
    assert len(judgements) >= 15
    halves = [j.half for j in judgements]
    assert halves.count("check") >= 5 and halves.count("dev") >= 5
    assert sum(len(j.required) for j in judgements) >= 50
    assert all(p.stem == Path(j.article).stem for p, j in zip(_judgement_files(), judgements,
                                                              strict=True))


@pytest.mark.parametrize("path", _judgement_files(), ids=lambda p: p.stem[:24])
def test_judgement_matches_its_article(path: Path) -> None:
    judgement = load_judgement(path)
    problem = article_problem(judgement, ARTICLES)
    if problem is not None:
        pytest.skip(problem)
    text = (ARTICLES / judgement.article).read_text(encoding="utf-8")
    load_judgement(path, size=len(text))  # every anchor within the article
    for happening in judgement.happenings:
        for start, end in happening.anchors:
            assert text[start:end].strip(), f"{happening.id}: empty anchor {start}-{end}"


@pytest.mark.slow
def test_judged_articles_hold_their_floors() -> None:
    usable, problems = load_judgements(JUDGED, ARTICLES)
    if problems or not usable:
        pytest.skip("; ".join(problems) or f"no judged article found in {ARTICLES}")
    result = score_judged(JUDGED, articles=ARTICLES, config=load_config())
    assert result.rows == len(_judgement_files())
    per_article = [r for r in result.details if r["row"] == "article"]
    assert len(per_article) == result.rows
    assert result.value("events_written") == sum(r["written"] for r in per_article)
    assert result.value("right_events") == sum(r["right"] for r in per_article)
    right, written = result.value("right_events"), result.value("events_written")
    assert result.value("precision") == pytest.approx(right / written)
    floors = load_floors(FLOORS).get("judged")
    assert floors, "no [judged] floors in quality_floors.toml"
    failures = below_floors(result, floors)
    assert not failures, "judged articles:\n" + "\n".join(failures)


def test_judgement_reads_its_published_date(folder: Path) -> None:
    judgement = load_judgement(folder / "judged" / "northtown.yaml")
    assert judgement.published == date(2026, 3, 2)


def test_spans_are_read_where_the_offsets_point_after_dropped_chrome(tmp_path: Path) -> None:
    """The offsets of a plain text index the file as given, chrome and all: the judge reads
    each event's spans there, not in the cleaned text (which lacks the dropped lines)."""
    chrome = "Share this article\n\nAdvertisement\n\nRelated articles\n\nCup final tickets\n\n"
    text = chrome + TEXT
    yaml_text = YAML.replace(hashlib.sha256(TEXT.encode()).hexdigest(),
                             hashlib.sha256(text.encode()).hexdigest())
    old = _span("The town was last shelled in 1999.")
    for start, end in (SHELLING, TOLL, CALL, old):
        yaml_text = yaml_text.replace(f"[{start}, {end}]",
                                      f"[{start + len(chrome)}, {end + len(chrome)}]")
    (tmp_path / "judged").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "judged" / "northtown.yaml").write_text(yaml_text, encoding="utf-8")
    (tmp_path / "articles" / "northtown.txt").write_text(text, encoding="utf-8")
    result = score_judged(tmp_path / "judged", articles=tmp_path / "articles",
                          config=load_config())
    listed = {r["happening"]: r["verdict"] for r in result.details if r["row"] == "event"}
    assert listed.get("shelling") == "right", result.details
    assert result.value("recall") == 1.0
