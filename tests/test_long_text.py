"""A long one-line article is coded in bounded memory, as a stream of windows (#12).

The fast tests pin the pieces (window cuts, shifted offset maps, packed events, whole-text
sizes and hashes read a megabyte at a time); the slow one codes a few megabytes of news on
one line in a child process and checks its peak memory and that the whole text was read.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import bigtext, clean
from eventwire.offsets import MappedText, OffsetMap
from eventwire.packed import CHUNK, Packed
from eventwire.store import keys

# --- window cuts -------------------------------------------------------------------------------


def test_windows_tile_the_text_and_cut_at_paragraph_then_sentence_ends() -> None:
    paragraph = "Troops shelled the town on Monday. Two people were killed. " * 20
    text = "\n\n".join([paragraph.strip()] * 30)
    cuts = list(clean.windows(text, 5000))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert all(end - start <= 5000 for start, end in cuts)
    assert all(text[end - 2:end] == "\n\n" for _, end in cuts[:-1])  # at a blank line
    one_line = paragraph * 40
    cuts = list(clean.windows(one_line, 5000))
    assert len(cuts) > 1 and all(one_line[end - 2:end] == ". " for _, end in cuts[:-1])


@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=1, max_value=60))
@settings(max_examples=200, deadline=None)
def test_windows_always_tile_within_the_size(text: str, size: int) -> None:
    cuts = list(clean.windows(text, size))
    assert "".join(text[a:b] for a, b in cuts) == text
    assert all(0 < b - a <= size for a, b in cuts)


def test_a_shifted_map_points_a_windows_spans_into_the_whole_text() -> None:
    source = "Intro line.   " + "Shelling  hit   Kharkiv." + " tail"
    window_start = 14
    window = source[window_start:window_start + 24]
    mapped = MappedText.of(window).sub(re.compile(r" {2,}"), " ")
    assert mapped.text == "Shelling hit Kharkiv."
    whole = mapped.map.shifted(window_start, len(source))
    start, end = whole.span(mapped.text.index("Kharkiv"), len(mapped.text) - 1)
    assert source[start:end] == "Kharkiv"
    assert whole.source_length == len(source)
    assert OffsetMap.identity(5).shifted(3, 10).span(0, 5) == (3, 8)


# --- whole-text measures a megabyte at a time --------------------------------------------------


@given(st.text(alphabet="aé😀 \n\t\u2003\x1c", max_size=80), st.integers(min_value=1, max_value=9))
@settings(max_examples=300, deadline=None)
def test_hashes_and_sizes_read_in_pieces_equal_the_whole_text_ones(text: str, chunk: int
                                                                   ) -> None:
    whole_hash = hashlib.blake2b(re.sub(r"\s+", " ", text).strip().encode(
        "utf-8", "surrogatepass"), digest_size=16).hexdigest()
    saved = bigtext.CHUNK_CHARS
    bigtext.CHUNK_CHARS = chunk
    try:
        assert keys.content_hash(text) == whole_hash
        assert bigtext.utf8_size(text) == len(text.encode("utf-8", "surrogatepass"))
        assert bigtext.blake2b_hex(text, digest_size=8) == hashlib.blake2b(
            text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        assert bigtext.is_blank(text) == (not text.strip())
        pieces = list(bigtext.word_cuts(text))
        assert "".join(text[a:b] for a, b in pieces) == text
        assert all(text[b - 1] != " " for _, b in pieces[:-1])
    finally:
        bigtext.CHUNK_CHARS = saved


# --- packed events -----------------------------------------------------------------------------


def test_packed_keeps_order_indexes_like_a_list_and_pickles_as_it_is_held() -> None:
    items = [{"n": n, "text": f"event {n}"} for n in range(CHUNK * 2 + 7)]
    packed: Packed[dict] = Packed(items)
    assert len(packed) == len(items) and list(packed) == items and packed == items
    assert packed[0] == items[0] and packed[-1] == items[-1] and packed[CHUNK] == items[CHUNK]
    assert packed[3:6] == items[3:6]
    with pytest.raises(IndexError):
        packed[len(items)]
    assert packed.nbytes() > 0
    again = pickle.loads(pickle.dumps(packed))
    assert isinstance(again, Packed) and list(again) == items
    assert Packed() == [] and packed != items[:-1]


# --- a long one-line article, coded in a child process ----------------------------------------

TOWNS = ["Kharkiv", "Sumy", "Aleppo", "Goma", "Mogadishu", "Khartoum", "Kabul", "Mosul"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUIET = [
    "The weather in the region stayed mild this week, with light rain expected on the coast.",
    "Farmers said the harvest of wheat and barley was better than last year.",
    "A new library opened in the old town, with shelves for more than ten thousand books.",
    "Prices for bread and vegetables were steady at the central market, traders said.",
    "The football club announced that its new stadium would be finished next spring.",
    "Teachers prepared for the start of the school year after the summer holidays.",
]
TOLD = [
    "Police arrested {n} protesters in {town} on {day}, officials said.",
    "Hundreds of people marched through {town} on {day} to demand higher wages.",
    "Gunmen attacked a police post near {town} on {day}, killing {n} officers.",
]
LAST_STRIKE = ("Artillery shelled the Zorvenko bridge in Odesa on Friday, killing 9 civilians, "
               "the regional governor said.")


def one_line_news(size: int, *, seed: int = 3) -> str:
    """About ``size`` characters of news on one line: quiet sentences, one in seven a
    happening, and near the very end one strike told nowhere else."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size - 3600:
        if rng.random() < 0.15:
            sentence = rng.choice(TOLD).format(n=rng.randint(2, 30), town=rng.choice(TOWNS),
                                               day=rng.choice(DAYS))
        else:
            sentence = rng.choice(QUIET)
        parts.append(sentence)
        length += len(sentence) + 1
    parts += [*(QUIET * 6), LAST_STRIKE, *QUIET[:3]]
    return " ".join(parts)


_CHILD = textwrap.dedent("""
    import json, resource, sys
    import eventwire
    from eventwire.config import load_config
    from dataclasses import replace

    config = replace(load_config(), max_bytes=50_000_000)
    def status(key):
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) * 1024 for l in f if l.startswith(key + ":"))

    eventwire.extract("Police clashed with protesters in Nairobi on Monday.", config=config)
    # the peak from here on: loading (or, when the shared cache was dropped, rebuilding) the
    # gazetteer is not the long text's
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        peak_of = lambda: status("VmHWM")
    except OSError:
        peak_of = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    base = status("VmRSS")
    text = open(sys.argv[1], encoding="utf-8").read()
    events = eventwire.extract(text, config=config)
    peak = peak_of()
    json.dump({"base": base, "peak": peak, "events": [
        {"id": e.id, "type": e.type, "start": e.evidence.start, "end": e.evidence.end,
         "text": e.evidence.text, "killed": e.killed.value if e.killed else None,
         "supports": [[s.start, s.end, s.text] for s in e.supports]} for e in events]},
        sys.stdout)
""")

LONG_CHARS = 3_000_000
# over the loaded pipeline: a window's Docs and maps, the text, the packed events (about
# 50 MB measured for 3 MB; cleaning and coding the whole text at once took 96 MB)
GROWTH_BOUND = 80 << 20


@pytest.mark.slow
def test_a_long_one_line_article_is_coded_in_bounded_memory_to_its_end(tmp_path: Path) -> None:
    text = one_line_news(LONG_CHARS)
    assert "\n" not in text and len(text) > 2_900_000
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                         text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout)
    assert out["peak"] < 1 << 30
    assert out["peak"] - out["base"] < GROWTH_BOUND, (out["base"] >> 20, out["peak"] >> 20)
    events = out["events"]
    # events from the whole text, each span indexing the text as given, ids all distinct
    assert len({e["id"] for e in events}) == len(events)
    assert all(text[e["start"]:e["end"]] == e["text"] for e in events)
    assert all(text[a:b] == told for e in events for a, b, told in e["supports"])
    starts = [e["start"] for e in events]
    tenths = {start * 10 // len(text) for start in starts}
    assert tenths == set(range(10))
    # the strike told once, near the very end, is coded, with its toll, where the input has
    # it (as an event's first sentence, or as a sentence of the happening before it: the
    # shortcut parses only a long paragraph's event sentences, and assembly may join them)
    told_at = len(text) - text[::-1].index(LAST_STRIKE[::-1]) - len(LAST_STRIKE)
    assert told_at > 0.99 * len(text)
    strike = [e for e in events if [told_at, told_at + len(LAST_STRIKE)] in (
        [[e["start"], e["end"]]] + [s[:2] for s in e["supports"]])]
    assert len(strike) == 1 and strike[0]["type"] == "ASSAULT" and strike[0]["killed"] == 9


@pytest.mark.slow
def test_bench_memory_rows_code_both_files_each_in_a_child_of_its_own() -> None:
    from eventwire.ingest.bench import memory_rows

    rows = memory_rows([one_line_news(200_000, seed=5)], sizes=(300_000, 1_100_000))
    assert [row["name"] for row in rows] == ["memory: baseline, a 2 kB article",
                                             "memory: 0.3 MB one-line article",
                                             "memory: 1 MB one-line file"]
    assert "over the baseline" not in rows[0]["note"]
    assert all("MiB over the baseline" in row["note"] for row in rows[1:])
    for row in rows:
        assert 50 << 20 < row["peak_rss"] < 1 << 30 and row["seconds"] > 0, rows
        assert "coded, " in row["note"] and "within the 1 GiB goal" in row["note"]
        assert int(re.search(r"coded, ([\d,]+) events", row["note"])[1].replace(",", "")) > 0
