"""Offsets that hold: every span eventwire prints indexes the text exactly as the user gave it.

Plain text and JSONL records are cleaned (line breaks, odd spaces, chrome, paragraphs) before
coding; every span of every event and place is moved back to the input (``eventwire.offsets``),
so ``input[start:end]`` is the printed text. An HTML page's spans index its cleaned text, which
``--format json`` carries once per document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from eventwire.clean import clean_mapped
from eventwire.cli import app
from eventwire.config import Config
from eventwire.errors import EventwireError
from eventwire.model import Actor, Article, Evidence, Location
from eventwire.offsets import MappedText, OffsetMap, join, spans_to_source
from eventwire.pipeline import Coded, Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# sentences written for these tests: events, places, numbers, names
SENTENCES = [
    "Russian shelling killed two civilians in Kherson on Monday, the regional governor said.",
    "Hundreds of teachers protested outside parliament in Nairobi over unpaid salaries.",
    "Police arrested 14 opposition activists in Tbilisi after the rally.",
    "Gunmen attacked a village near Maiduguri, killing nine people and burning homes.",
    "A drone struck an apartment block in Odesa overnight, wounding five residents.",
    "Talks between the two delegations resumed in Doha on Tuesday.",
    "Troops clashed with rebels near Goma for a second day",
    "Three soldiers were wounded when their vehicle hit a mine in Kidal.",
]
HEADLINES = ["Shelling kills two in Kherson", "Teachers rally in Nairobi",
             "BREAKING: Drone hits Odesa block - Reuters", "GUNMEN RAID VILLAGE NEAR MAIDUGURI"]
CHROME = ["Share this article", "Advertisement", "Published on 12 March 2024",
          "By Jane Example", "Read more: Why the talks stalled", "Follow us on Telegram"]
BREAKS = ["\n", "\r\n", "\n\n", "\r\n\r\n", "\n \n", "\u2029", "\u2028", "\r", "\t", "  "]
SPACES = [" ", "  ", "\t", "\u00a0", " \u00a0 ", "\u2009", " \t "]


def _spans(value: object) -> list[tuple[str, int, int]]:
    """Every (text, start, end) in a record: any part with a text and int start and end."""
    found: list[tuple[str, int, int]] = []
    if isinstance(value, BaseModel):
        start, end, text = (getattr(value, n, None) for n in ("start", "end", "text"))
        if isinstance(start, int) and isinstance(end, int) and isinstance(text, str):
            found.append((text, start, end))
        for name in type(value).model_fields:
            found.extend(_spans(getattr(value, name)))
    elif isinstance(value, list):
        for item in value:
            found.extend(_spans(item))
    return found


def _assert_spans_index(coded: Coded, text: str) -> int:
    checked = 0
    for record in [*coded.events, *coded.places]:
        for span_text, start, end in _spans(record):
            assert 0 <= start <= end <= len(text)
            assert text[start:end] == span_text, (record, text)
            checked += 1
    return checked


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


# ---------------------------------------------------------------------------------------------
# the map itself


def test_map_of_collapsed_spaces_and_joined_lines() -> None:
    raw = "  Hello\u00a0\u00a0world\r\n\r\nSecond   line here  \n"
    text = MappedText.of(raw).sub(re.compile("\r\n"), "\n")
    parts = []
    pos = 0
    for line in text.text.split("\n"):
        part = text.slice(pos, pos + len(line)).strip().sub(re.compile(r"\s{2,}|\u00a0+"), " ")
        pos += len(line) + 1
        if part.text:
            parts.append(part)
    joined = join(parts, "\n\n")
    assert joined.text == "Hello world\n\nSecond line here"
    assert raw[slice(*joined.map.span(0, 11))] == "Hello\u00a0\u00a0world"
    assert raw[slice(*joined.map.span(13, 19))] == "Second"
    assert raw[slice(*joined.map.span(0, len(joined.text)))] == raw.strip()


def test_map_composes_and_keeps_deletions_out() -> None:
    raw = "ab\u00adcd  ef"
    text = MappedText.of(raw).sub(re.compile("\u00ad"), "").sub(re.compile(" +"), " ")
    assert text.text == "abcd ef"
    assert raw[slice(*text.map.span(0, 4))] == "ab\u00adcd"
    assert raw[slice(*text.map.span(5, 7))] == "ef"
    assert text.map.span(2, 4) == (3, 5)


def test_identity_map() -> None:
    mapping = OffsetMap.identity(10)
    assert mapping.span(3, 7) == (3, 7)
    assert mapping.span(0, 10) == (0, 10)


def test_spans_to_source_moves_every_part_and_leaves_other_texts() -> None:
    raw = "Police  arrested\r\nfour men in  Tbilisi."
    cleaned = "Police arrested four men in Tbilisi."
    mapping = OffsetMap([(0, 6, 0, 6), (6, 7, 6, 8), (7, 15, 8, 16), (15, 16, 16, 18),
                         (16, 27, 18, 29), (27, 28, 29, 31), (28, 36, 31, 39)], 36, 39)
    location = Location(text="Tbilisi", name="Tbilisi", start=28, end=35)
    actor = Actor(text="Police", start=0, end=6, name="POLICE")
    evidence = Evidence(text=cleaned, start=0, end=36)
    for part in (location, actor, evidence):
        moved = spans_to_source(part, mapping, raw, cleaned)
        assert raw[moved.start:moved.end] == moved.text  # type: ignore[attr-defined]
    assert spans_to_source(actor, mapping, raw, cleaned).name == "POLICE"
    renamed = Actor(text="the police", start=0, end=6)  # a text that is not its span's
    assert spans_to_source(renamed, mapping, raw, cleaned).text == "the police"


_RAW_ALPHABET = st.sampled_from(
    [*"abc XYZ.,", "\n", "\r\n", "\t", "\u00a0", "\u00ad", "\u200b", "e\u0301", "\u2029",
     "\x07", "  ", "\ufeff", "Kyiv", "shelling", "killed"])
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_RAW_ALPHABET, max_size=80).map("".join))
def test_every_word_of_the_cleaned_text_maps_to_itself_in_the_input(raw: str) -> None:
    try:
        document, mapping = clean_mapped(Article(id="p", raw=raw), config=Config())
    except EventwireError:
        return
    assert mapping is not None
    for match in re.finditer(r"\w+", document.text):
        start, end = mapping.span(match.start(), match.end())
        given_word = unicodedata.normalize("NFC", _INVISIBLE.sub("", raw[start:end]))
        assert given_word.casefold() == match.group().casefold(), (raw, match.group())


# ---------------------------------------------------------------------------------------------
# through the pipeline


@st.composite
def _articles(draw: st.DrawFn) -> str:
    """A short article: chrome, a headline, sentences, with varied breaks and spaces."""
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(CHROME)))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(HEADLINES)))
    for sentence in draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)):
        words = sentence.split(" ")
        spaced = words[0]
        for word in words[1:]:
            spaced += draw(st.sampled_from(SPACES)) + word
        parts.append(spaced)
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(CHROME)))
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(BREAKS)) + part
    lead = draw(st.sampled_from(["", "\n", "\r\n\r\n", "  ", "\ufeff", "\t"]))
    trail = draw(st.sampled_from(["", "\n", "\r\n", "   ", "\n\n\n"]))
    return lead + text + trail


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_articles())
def test_every_span_indexes_the_text_as_given(pipeline: Pipeline, text: str) -> None:
    coded = next(pipeline.process([Article(id="o", raw=text)]))
    assert coded.error is None, coded.error
    assert coded.text_is_input and coded.text == text
    _assert_spans_index(coded, text)


def test_spans_after_many_paragraphs_do_not_drift(pipeline: Pipeline) -> None:
    text = "\r\n\r\n".join(
        f"Advertisement\r\n\r\n{s.replace(' ', '  ')}" for s in SENTENCES * 3
    )
    coded = next(pipeline.process([Article(id="d", raw=text)]))
    assert coded.events
    # the repeats are one happening each now (their sentences are its supports): the spans
    # that must not drift are in the second half of the text all the same
    assert max(span.start for event in coded.events
               for span in (event.evidence, *event.supports)) > len(text) // 2
    assert _assert_spans_index(coded, text) > len(coded.events)


def test_html_spans_index_the_cleaned_text(pipeline: Pipeline) -> None:
    page = (EXAMPLES / "tbilisi-arrest.html").read_text(encoding="utf-8")
    coded = next(pipeline.process([Article(id="h", raw=page, content_type="html")]))
    assert coded.events
    assert not coded.text_is_input
    assert coded.document is not None and coded.text == coded.document.text
    _assert_spans_index(coded, coded.document.text)


# ---------------------------------------------------------------------------------------------
# through the CLI

_FILE_TEXT = (
    "\ufeffShare this article\r\n\r\n"
    "Shelling   kills two in Kherson\r\n\r\n"
    "Russian shelling killed two civilians\tin Kherson on Monday,\r\n"
    "the regional governor said.\r\n\r\n"
    "Advertisement\r\n\r\n"
    "Separately, police  arrested 14 opposition activists in\u00a0Tbilisi after the rally.\r\n"
)


def _records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _record_spans(value: object) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    if isinstance(value, dict):
        start, end, text = value.get("start"), value.get("end"), value.get("text")
        if isinstance(start, int) and isinstance(end, int) and isinstance(text, str):
            found.append((text, start, end))
        for item in value.values():
            found.extend(_record_spans(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_record_spans(item))
    return found


def test_cli_file_offsets_index_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(_FILE_TEXT.encode("utf-8"))
    given_text = path.read_bytes().decode("utf-8-sig")  # a BOM is not text
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    assert len(records) >= 2
    spans = [s for record in records for s in _record_spans(record)]
    assert any(text == "Tbilisi" for text, _, _ in spans)
    for text, start, end in spans:
        assert given_text[start:end] == text
    assert all("text" not in record["source"] for record in records)  # type: ignore[operator]
    places = CliRunner().invoke(app, ["places", str(path), "--format", "jsonl"])
    assert places.exit_code == 0, places.output
    for record in _records(places.stdout):
        assert given_text[record["start"]:record["end"]] == record["text"]  # type: ignore[index]


def test_cli_jsonl_offsets_index_each_records_text(tmp_path: Path) -> None:
    texts = [_FILE_TEXT.lstrip("\ufeff"), "In the Donetsk region,  the Russians killed three and "
             "wounded eight civilians\nin a day", "Troops clashed with rebels near Goma"]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    by_doc = {f"r{i}": t for i, t in enumerate(texts)}
    assert {r["doc_id"] for r in records} == set(by_doc)
    for record in records:
        given_text = by_doc[record["doc_id"]]  # type: ignore[index]
        for text, start, end in _record_spans(record):
            assert given_text[start:end] == text


def test_cli_html_json_carries_the_text_once_per_document() -> None:
    page = EXAMPLES / "tbilisi-arrest.html"
    result = CliRunner().invoke(app, ["extract", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records
    carrying = [r for r in records if "text" in r["source"]]
    assert len(carrying) == 1
    text = carrying[0]["source"]["text"]
    assert "<" not in text[:200]
    for record in records:
        for span_text, start, end in _record_spans(record):
            assert text[start:end] == span_text
