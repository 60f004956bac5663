"""`eventwire bench`: corpus loading, the spaCy baseline's splitting, and a quick run end to end
through the CLI on a small corpus written here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import bench
from eventwire.cli import app

runner = CliRunner()

ARTICLES = [
    "Police fired tear gas at protesters in Nairobi on Monday.\n\nTwo people were hurt, "
    "witnesses said.",
    "Russian missiles struck Sumy on Sunday, killing 11 people, officials said.\n\nThe "
    "regional governor called it a war crime.",
    "The finance minister presented the budget to parliament on Tuesday.",
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["category", "url", "text"])
        writer.writeheader()
        for n, text in enumerate(ARTICLES):
            writer.writerow({"category": "x", "url": f"https://example.org/{n}", "text": text})
    return path


def test_load_corpus_repeats_to_the_minimum_with_distinct_ids(corpus: Path) -> None:
    articles = bench.load_corpus(corpus, min_articles=7)
    assert len(articles) == 9  # three whole copies of three articles
    assert len({a.id for a in articles}) == 9
    assert [a.raw for a in articles[:3]] == ARTICLES
    assert len(bench.load_corpus(corpus, min_articles=7, limit=5)) == 5
    assert len(bench.load_corpus(corpus, min_articles=1)) == 3


def test_load_corpus_reads_a_folder_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "c.json").write_text("{}", encoding="utf-8")
    kinds = sorted(a.content_type for a in bench.load_corpus(tmp_path, min_articles=1))
    assert kinds == ["html", "text"]
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": str(n), "text": t})
                               for n, t in enumerate(ARTICLES)), encoding="utf-8")
    assert [a.raw for a in bench.load_corpus(jsonl, min_articles=1)] == ARTICLES


@pytest.mark.parametrize("length", [10, 99, 100, 101, 350])
def test_split_long_keeps_every_character_within_the_limit(length: int) -> None:
    text = "\n".join("word " * 3 for _ in range(length))
    pieces = bench.split_long(text, limit=100)
    assert "".join(pieces) == text
    assert all(len(p) <= 100 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])


def _ingest_figures(articles, config, workers):  # type: ignore[no-untyped-def]
    return [{"name": "ingest SQLite (test)", "articles_per_s": 12.5, "words": len(articles),
             "note": f"{workers} worker(s)"}]


def test_register_extra_adds_a_provider_once() -> None:
    bench.register_extra(_ingest_figures)
    bench.register_extra(_ingest_figures)
    try:
        assert list(bench._providers()).count(_ingest_figures) == 1
    finally:
        bench._registered.remove(_ingest_figures)


@pytest.mark.slow
def test_bench_quick_prints_both_engines_and_their_ratio(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    bench.register_extra(_ingest_figures)
    try:
        result = runner.invoke(app, ["bench", str(corpus), "--quick", "--workers", "1",
                                     "--json", str(out)])
    finally:
        bench._registered.remove(_ingest_figures)
    assert result.exit_code == 0, result.output
    assert "eventwire" in result.output and "spaCy nlp.pipe" in result.output
    assert "ratio" in result.output
    assert "ingest SQLite (test)" in result.output  # extra figures join the same table
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == bench.QUICK_ARTICLES
    for engine in ("eventwire", "spacy"):
        figures = data[engine]
        assert figures["articles"] == bench.QUICK_ARTICLES
        assert figures["words"] == data["words"] > 0
        assert figures["articles_per_s"] > 0 and figures["words_per_s"] > 0
        assert len(figures["peak_rss"]) == 1
        assert 50 * 2**20 < figures["max_rss"] < 8 * 2**30  # a loaded spaCy model, not junk
    assert data["extra"] == [{"name": "ingest SQLite (test)", "articles_per_s": 12.5,
                              "words": bench.QUICK_ARTICLES, "note": "1 worker(s)"}]
    assert data["ratio"] == pytest.approx(
        data["eventwire"]["articles_per_s"] / data["spacy"]["articles_per_s"])


def test_bench_writes_to_no_database_nobody_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.ingest import bench as ingest_bench_module

    monkeypatch.delenv("EVENTWIRE_BENCH_PG", raising=False)
    assert ingest_bench_module.bench_pg_url() is None
    monkeypatch.setenv("EVENTWIRE_BENCH_PG", "postgresql://postgres@127.0.0.1/mine")
    assert ingest_bench_module.bench_pg_url() == "postgresql://postgres@127.0.0.1/mine"
    import inspect

    assert inspect.signature(ingest_bench_module.ingest_bench).parameters["pg_url"].default is None


def test_bench_measures_a_childs_own_peak_memory(tmp_path: Path) -> None:
    from eventwire.ingest.bench import one_line_article, peak_rss_of

    path = one_line_article(tmp_path / "long.txt", 300_000, ["Talks resumed in Geneva."])
    assert path.read_text().count("\n") == 0 and path.stat().st_size >= 300_000
    peak, seconds, code = peak_rss_of(["--version"])
    assert code == 0 and 10 << 20 < peak < 1 << 30 and seconds > 0


def test_a_child_s_peak_memory_is_its_own_not_its_large_parent_s() -> None:
    """`wait4`'s ru_maxrss keeps the RSS of the forked copy of the parent: a test suite grown
    past a GiB made a 335 MiB ingest read 1.05 GB (stop 20's CI). The bench reads the child's own
    high-water mark."""
    from eventwire.ingest.bench import peak_rss_of

    ballast = bytearray(1200 << 20)
    ballast[:: 4096] = b"\x01" * len(ballast[:: 4096])  # resident, not only reserved
    peak, seconds, code = peak_rss_of(["gazetteer", "build"])
    assert code == 0 and seconds > 0
    assert 30 << 20 < peak < 600 << 20, peak >> 20
    del ballast
