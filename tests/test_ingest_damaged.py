"""Archives read to the last good byte: a WARC, a gzip and a JSONL batch cut or broken anywhere;
every intact record is stored exactly once, every damaged one is reported with its code and
offset, and no record is ever stored with another's bytes or as whole when it was cut."""

from __future__ import annotations

import functools
import gzip
import io
import json
import sqlite3
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from eventwire.config import load_config
from eventwire.ingest import Failure
from eventwire.ingest.files import read_file
from eventwire.ingest.run import ingest
from eventwire.ingest.warc import read_warc
from eventwire.model import Article

CITIES = ["Nairobi", "Kampala", "Dakar", "Lima", "Quito", "Manila"]


def story(n: int) -> str:
    city = CITIES[n % len(CITIES)]
    return (f"Police in {city} arrested {n + 3} protesters on Monday after a march against "
            f"fuel prices turned violent, officials said. Witnesses said officers fired tear "
            f"gas at the crowd near the central market. Report marker-{n}-end.")


def page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>{story(n)}</p><p>The interior ministry said an inquiry would follow and "
            f"that the detained would appear in court on Wednesday.</p></article></body>"
            f"</html>").encode()


def url(n: int) -> str:
    return f"https://news.example.org/2025/story-{n}"


@dataclass
class Built:
    """A file's bytes and, per record, its number and byte span in the file."""

    data: bytes
    spans: list[tuple[int, int, int]]  # (record, start, end)
    blocks: list[tuple[int, int]]  # (start, end) of each record's block (plain WARC)


def warc_record(n: int, *, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    body = page(n)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    # a fixed record id and date (warcio would draw new ones): the same bytes on every run, so
    # a cut that fails once fails again at the same byte positions
    fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
             "WARC-Date": "2025-01-06T08:00:00Z"}
    writer.write_record(writer.create_warc_record(url(n), "response", payload=io.BytesIO(body),
                                                  length=len(body), http_headers=headers,
                                                  warc_headers_dict=fixed))
    return buf.getvalue()


@functools.cache
def build(kind: str, n: int) -> Built:
    parts: list[bytes] = []
    for i in range(n):
        if kind == "warc":
            parts.append(warc_record(i, compress=False))
        elif kind == "warc.gz":
            parts.append(warc_record(i, compress=True))
        elif kind == "jsonl":
            parts.append(json.dumps({"id": str(i), "text": story(i)}).encode() + b"\n")
        else:  # jsonl.gz: one gzip member per record, as bgzip and CC-NEWS write them
            line = json.dumps({"id": str(i), "text": story(i)}).encode() + b"\n"
            parts.append(gzip.compress(line, mtime=0))
    spans, blocks, at = [], [], 0
    for i, part in enumerate(parts):
        spans.append((i, at, at + len(part)))
        blocks.append((at + part.find(b"\r\n\r\n") + 4, at + len(part) - 4))
        at += len(part)
    return Built(b"".join(parts), spans, blocks)


def record_end(kind: str, start: int, end: int) -> int:
    """Where a record's own bytes end: a JSON line is whole without its newline."""
    return end - 1 if kind == "jsonl" else end


def stored_markers(db: Path) -> list[int]:
    with sqlite3.connect(db) as conn:
        texts = [r[0] for r in conn.execute("select text from articles")]
    found = []
    for text in texts:
        markers = [int(w.split("-")[1]) for w in text.split() if w.startswith("marker-")]
        assert len(markers) == 1, f"a stored article mixes records: {text!r}"
        assert story(markers[0]) in text, f"a stored article is not whole: {text!r}"
        found.append(markers[0])
    return sorted(found)


def error_codes(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("select code from ingest_errors")]


def ingest_bytes(kind: str, data: bytes) -> tuple[list[int], list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"batch.{kind}"
        path.write_bytes(data)
        db = Path(folder) / "s.db"
        summary = ingest([str(path)], config=load_config(db=str(db), batch_size=4))
        markers, codes = stored_markers(db), error_codes(db)
        assert summary.errors == len(codes)
        return markers, codes


KINDS = ["warc", "warc.gz", "jsonl", "jsonl.gz"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_ingest_whole_archive_stores_every_record(kind: str) -> None:
    built = build(kind, 5)
    markers, codes = ingest_bytes(kind, built.data)
    assert markers == [0, 1, 2, 3, 4] and codes == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # shrinking is slow here
@given(data=st.data())
def test_ingest_cut_anywhere_intact_stored_once_damaged_reported(kind: str,
                                                                 data: st.DataObject) -> None:
    built = build(kind, 5)
    size = len(built.data)
    if kind == "jsonl":  # a line has no length or checksum: only cutting short is detectable
        start = data.draw(st.integers(0, size - 1), label="cut at")
        stop = size
    elif kind == "warc" and data.draw(st.booleans(), label="cut out of the middle"):
        # the header lines of an uncompressed WARC carry no checksum: a stretch cut out of
        # them can leave a record that is well-formed (a .warc.gz member has its CRC), e.g.
        # one record's first header lines glued to a later record's last ones, which then
        # reads as that later record whole; a line cut in two is seen (not "Name: value").
        # The block has its length and digest, so stretches cut from block to block are seen
        first = data.draw(st.integers(0, len(built.blocks) - 1), label="from block")
        last = data.draw(st.integers(first, len(built.blocks) - 1), label="to block")
        start = data.draw(st.integers(*built.blocks[first]), label="cut from")
        stop = data.draw(st.integers(max(start + 1, built.blocks[last][0]),
                                     max(start + 1, built.blocks[last][1])), label="cut to")
    elif kind == "warc":  # cut short (a stretch cut out of the middle: the branch above)
        start = data.draw(st.integers(0, size - 1), label="cut at")
        stop = size
    else:  # cut short, or a stretch cut out of the middle
        start = data.draw(st.integers(0, size - 1), label="cut from")
        stop = data.draw(st.sampled_from([size, data.draw(st.integers(start + 1, size))]),
                         label="cut to")
    check_cut(kind, start, stop)


def check_cut(kind: str, start: int, stop: int) -> None:
    """Bytes ``start`` to ``stop`` cut out of the archive of five records: the intact records
    stored once each, none stored cut, the damaged ones reported."""
    built = build(kind, 5)
    damaged_bytes = built.data[:start] + built.data[stop:]
    intact = [n for n, s, e in built.spans if record_end(kind, s, e) <= start or s >= stop]
    damaged = [n for n, s, e in built.spans
               if not (record_end(kind, s, e) <= start or s >= stop) and not (
                   s >= start and e <= stop)]  # records cut out whole leave no trace
    markers, codes = ingest_bytes(kind, damaged_bytes)
    assert len(markers) == len(set(markers))  # nothing twice
    assert set(intact) <= set(markers)  # every intact record stored
    # a damaged record is stored only when its own bytes all came through and were checked
    # (a cut that took a byte equal to the one that follows it); it is never stored cut
    assert set(markers) <= set(intact) | set(damaged)
    if set(damaged) - set(markers):
        assert codes and all(c in {"E104", "E107", "E108"} for c in codes), codes
    else:
        assert codes == []


@pytest.mark.parametrize(("kind", "start", "stop"), [("warc.gz", 1113, 2104)])
def test_a_member_glued_to_a_later_ones_tail_hides_no_record_after_it(kind: str, start: int,
                                                                      stop: int) -> None:
    """A cut the property test once drew: record 1's head glued to record 3's tail. Deflate
    checks nothing before its end, so record 1's data reads on, without error, over record 4
    to the end of the file; reading stopped there as at a file cut short, and record 4 was
    lost. It is stored now, and the stretch reported."""
    built = build(kind, 5)
    glued = built.data[:start] + built.data[stop:]
    head = next(s for _, s, e in built.spans if s <= start < e)
    inflater = zlib.decompressobj(31)
    inflater.decompress(glued[head:])
    assert not inflater.eof  # the example still runs to the end of the file unended
    check_cut(kind, start, stop)


@pytest.mark.parametrize("kind", ["warc.gz", "warc"])
def test_ingest_warc_cut_short_is_an_error_not_silence(kind: str, tmp_path: Path) -> None:
    built = build(kind, 3)
    path = tmp_path / f"cc-news.{kind}"
    path.write_bytes(built.data[: built.spans[2][1] + 200])  # the last record cut
    items = list(read_warc(path))
    assert [a.url for a in items if isinstance(a, Article)] == [url(0), url(1)]
    (failure,) = [f for f in items if isinstance(f, Failure)]
    assert failure.error.code == "E107" and f"@{built.spans[2][1]}" in str(failure)


def test_ingest_corrupt_gzip_member_loses_only_itself(tmp_path: Path) -> None:
    built = build("jsonl.gz", 4)
    broken = bytearray(built.data)
    _, start, _ = built.spans[1]
    broken[start + 20:start + 40] = b"\x00" * 20  # inside the second member's deflate data
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(bytes(broken))
    items = list(read_file(str(path)))
    texts = [a.raw for a in items if isinstance(a, Article)]
    assert texts == [story(0), story(2), story(3)]
    (failure,) = [f for f in items if isinstance(f, Failure)]
    assert failure.error.code == "E108" and f"@{start}" in str(failure)
    assert "Error -3" not in str(failure)


def test_ingest_warc_record_cut_mid_file_never_takes_the_next_records_bytes(
        tmp_path: Path) -> None:
    built = build("warc", 3)
    _, start, end = built.spans[1]
    data = built.data[: start + 600] + built.data[end - 10:] + warc_record(3, compress=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data)
    items = list(read_warc(path))
    articles = [a for a in items if isinstance(a, Article)]
    assert [a.url for a in articles] == [url(0), url(2), url(3)]  # the cut record alone lost
    assert all(f"marker-{n}-end" in a.raw for a, n in zip(articles, (0, 2, 3), strict=True))
    codes = [f.error.code for f in items if isinstance(f, Failure)]
    assert codes and set(codes) <= {"E107", "E108"}


def test_ingest_jsonl_half_record_at_the_end_is_reported(tmp_path: Path) -> None:
    built = build("jsonl", 3)
    path = tmp_path / "batch.jsonl"
    path.write_bytes(built.data[: built.spans[2][1] + 30])
    items = list(read_file(str(path)))
    assert [a.id for a in items if isinstance(a, Article)] == ["0", "1"]
    (failure,) = [f for f in items if isinstance(f, Failure)]
    assert failure.error.code == "E107" and "batch.jsonl:3" in str(failure)


def test_a_warc_header_line_cut_in_two_is_reported(tmp_path: Path) -> None:
    built = build("warc", 3)
    start = built.data.index(b"WARC-Type") + 6  # "WARC-Type: response" loses its middle
    damaged = built.data[:start] + built.data[start + 11:]
    markers, codes = ingest_bytes("warc", damaged)
    assert markers == [1, 2] and codes == ["E108"]
