"""Throughput and memory: eventwire end to end beside bare spaCy, from one run.

``run_bench`` codes a corpus twice over the same articles with the same number of processes:

1. eventwire end to end (clean, select, nlp, extract, geo; no database) through
   ``Pipeline.process`` in a pool of ``workers`` processes (spawned, each loading the pipeline
   once; the clock starts when every worker is loaded and warm);
2. bare spaCy: the full pipeline as ``spacy.load`` gives it (``nlp.pipe`` with
   ``n_process=workers``) over the same articles, cleaned once beforehand (cleaning is not
   timed for spaCy).

Both rates count the words of the cleaned texts (whitespace-split), so words/s compare like
with like. Peak RSS is measured per working process: a sampler thread reads every process's
resident set (psutil) ten times a second, and each eventwire worker also reports its own
``ru_maxrss``. Other figures (ingest into SQLite/PostgreSQL, Dask) join the same report
through ``register_extra``.
"""

from __future__ import annotations

import csv
import json
import logging
import multiprocessing
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

import psutil

from . import clean as clean_stage
from .config import Config, load_config
from .errors import EmptyInputError, EvaluationError, EventwireError, MalformedInputError
from .model import Article

logger = logging.getLogger(__name__)

DEFAULT_CORPUS = "bench/scraped-news-2025/scraped-news-2025.csv"  # under ../shared/data
QUICK_ARTICLES = 40
MAX_PIECE_CHARS = 100_000  # longest text given to the spaCy baseline in one piece
GOAL_RATIO = 2.0
GOAL_RSS_BYTES = 1 << 30

Progress = Callable[[int], None]


@dataclass
class EngineFigures:
    """What one engine did with the corpus: counts, wall time, peak RSS per working process."""

    name: str
    articles: int
    words: int
    seconds: float
    peak_rss: list[int] = field(default_factory=list)  # bytes, one per working process
    events: int | None = None
    errors: int = 0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def max_rss(self) -> int:
        return max(self.peak_rss, default=0)


@dataclass
class BenchResult:
    corpus: str
    articles: int
    words: int
    workers: int
    model: str
    eventwire: EngineFigures
    spacy: EngineFigures
    extra: list[dict[str, Any]] = field(default_factory=list)  # rows from register_extra

    @property
    def ratio(self) -> float:
        """How many times faster eventwire is than bare spaCy (articles/s over articles/s)."""
        base = self.spacy.articles_per_s
        return self.eventwire.articles_per_s / base if base > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("eventwire", "spacy"):
            figures: EngineFigures = getattr(self, key)
            out[key].update(articles_per_s=figures.articles_per_s,
                            words_per_s=figures.words_per_s, max_rss=figures.max_rss)
        out.update(ratio=self.ratio, goal_ratio=GOAL_RATIO, goal_rss_bytes=GOAL_RSS_BYTES)
        return out

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")


# --- extra figures (hook for the ingest benchmarks) ----------------------------------------

# A provider gets the corpus articles, the options and the number of workers, and returns rows
# of figures: {"name": "ingest SQLite", "articles_per_s": ..., "words_per_s": ..., "note": ...}
# (any keys; the CLI prints each row). Register one with ``register_extra``, or name it here as
# "module:function"; a named module that does not import is skipped with a log line.
ExtraProvider = Callable[[list[Article], Config, int], list[dict[str, Any]]]
EXTRA_PROVIDERS: list[str] = ["eventwire.ingest.bench:bench_rows", "eventwire.bench:cluster_rows"]
_registered: list[ExtraProvider] = []


def register_extra(provider: ExtraProvider) -> None:
    """Adds a provider of extra figures (ingest, Dask, ...) to every ``run_bench``."""
    if provider not in _registered:
        _registered.append(provider)


def _providers() -> Iterator[ExtraProvider]:
    yield from _registered
    for dotted in EXTRA_PROVIDERS:
        module_name, _, name = dotted.partition(":")
        try:
            yield getattr(import_module(module_name), name)
        except (ImportError, AttributeError) as err:
            logger.info("bench extra %s skipped: %s", dotted, err)


# --- corpus ----------------------------------------------------------------------------------


def load_corpus(
    path: Path, *, min_articles: int = 1000, limit: int | None = None
) -> list[Article]:
    """Articles of a corpus, repeated until there are at least ``min_articles`` (each copy its
    own id), then cut to ``limit``.

    A corpus is a CSV with a ``text`` column (and optionally ``url``), a JSONL file of
    ``{"text" or "html", "id"?, "url"?}``, or a folder of ``.txt``/``.html`` files.
    """
    base = _read_corpus(path)
    if not base:
        raise EmptyInputError("no articles in the corpus", where=str(path))
    articles: list[Article] = []
    copy = 0
    target = max(min_articles, 1) if limit is None else min(max(min_articles, 1), limit)
    while len(articles) < target or copy == 0:
        articles.extend(a.model_copy(update={"id": f"{a.id}#{copy}"}) for a in base)
        copy += 1
    return articles[:limit] if limit is not None else articles


def _read_corpus(path: Path) -> list[Article]:
    if not path.exists():
        raise EvaluationError("no such corpus", where=str(path))
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in {".txt", ".html", ".htm"})
        return [Article(id=p.stem, raw=p.read_text(encoding="utf-8", errors="replace"),
                        content_type="text" if p.suffix.lower() == ".txt" else "html",
                        source=str(p)) for p in files]
    try:
        if path.suffix.lower() == ".jsonl":
            articles = []
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if line.strip():
                    item = json.loads(line)
                    html = "html" in item and "text" not in item
                    articles.append(Article(id=str(item.get("id", n)),
                                            raw=item["html" if html else "text"],
                                            content_type="html" if html else "text",
                                            url=item.get("url")))
            return articles
        csv.field_size_limit(sys.maxsize)
        with path.open(encoding="utf-8", newline="") as handle:
            return [Article(id=str(n), raw=row["text"], url=row.get("url") or None)
                    for n, row in enumerate(csv.DictReader(handle)) if row.get("text")]
    except (OSError, UnicodeDecodeError, KeyError, ValueError, csv.Error) as err:
        raise MalformedInputError(f"cannot read the corpus: {err}", where=str(path)) from None


# --- workers ---------------------------------------------------------------------------------

_worker_pipeline: Any = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(config)
    # warm up: the first document pays for lazy loading (gazetteer, lexicons)
    list(_worker_pipeline.process([Article(id="warm-up", raw=_WARM_UP)]))


_WARM_UP = ("Police clashed with protesters in Nairobi on Monday, killing two people, "
            "officials said.\n\nThe army shelled positions near Donetsk on Sunday.")


def _ready(_: int) -> tuple[int, int]:
    import os

    time.sleep(0.3)  # long enough that every worker of the pool gets one of these
    return os.getpid(), _max_rss_self()


def _code_chunk(articles: list[Article]) -> tuple[int, int, int, int, int, int]:
    """(articles, words, events, errors, pid, ru_maxrss bytes) for one chunk."""
    import os

    words = events = errors = 0
    for coded in _worker_pipeline.process(articles):
        if coded.error is not None or coded.document is None:
            errors += 1
            continue
        words += len(coded.document.text.split())
        events += len(coded.events)
    return len(articles), words, events, errors, os.getpid(), _max_rss_self()


def _max_rss_self() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes


class RssSampler:
    """Samples the resident set of this process and its children; keeps each one's peak."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self._helpers: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        for proc in [me, *me.children(recursive=True)]:
            if proc.pid in self._helpers:
                continue
            try:
                if proc.pid != me.pid and proc.pid not in self.peaks and any(
                        "resource_tracker" in part or "forkserver" in part
                        for part in proc.cmdline()):
                    self._helpers.add(proc.pid)  # multiprocessing's helpers do no coding
                    continue
                rss = proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)
        self._sample()


def _chunks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def bench_eventwire(
    articles: list[Article], *, config: Config, workers: int, progress: Progress | None = None
) -> EngineFigures:
    """eventwire end to end over ``articles`` in ``workers`` spawned processes."""
    context = multiprocessing.get_context("spawn")
    chunk = max(config.batch_size, 8)
    reported: dict[int, int] = {}
    figures = EngineFigures("eventwire", 0, 0, 0.0, events=0)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(config,)) as pool, RssSampler() as sampler:
        reported.update(pool.map(_ready, range(workers)))
        started = time.perf_counter()
        for n, words, events, errors, pid, rss in pool.map(_code_chunk,
                                                            _chunks(articles, chunk)):
            figures.articles += n
            figures.words += words
            figures.events = (figures.events or 0) + events
            figures.errors += errors
            reported[pid] = max(reported.get(pid, 0), rss)
            if progress is not None:
                progress(n)
        figures.seconds = time.perf_counter() - started
    # only the pool's workers: not this process, nor multiprocessing's resource tracker
    figures.peak_rss = [max(rss, sampler.peaks.get(pid, 0)) for pid, rss in reported.items()]
    return figures


def bench_spacy(
    texts: list[str], *, config: Config, workers: int, progress: Progress | None = None
) -> EngineFigures:
    """Bare spaCy: the full pipeline over ``texts`` with ``n_process=workers``, as spaCy loads
    it (its own attribute ruler and lemmatizer, not eventwire's look-up twins)."""
    from .nlp import load

    nlp = load(config.model, fast_rules=False)
    list(nlp.pipe([_WARM_UP]))
    words = sum(len(t.split()) for t in texts)
    pieces = [(n, piece) for n, text in enumerate(texts) for piece in split_long(text)]
    with RssSampler() as sampler:
        started = time.perf_counter()
        done = 0
        docs = nlp.pipe((p for _, p in pieces), batch_size=config.batch_size, n_process=workers)
        for (owner, _), _doc in zip(pieces, docs, strict=True):
            if progress is not None and owner >= done:
                progress(owner + 1 - done)
                done = owner + 1
        seconds = time.perf_counter() - started
    me = psutil.Process().pid
    children = [rss for pid, rss in sampler.peaks.items() if pid != me]
    peaks = children if workers > 1 and children else [sampler.peaks.get(me, 0)]
    return EngineFigures("spaCy nlp.pipe", len(texts), words, seconds, peaks)


def split_long(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line breaks where possible.

    spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and advises splitting
    long ones; a scraped page can be that long. Pieces add up to the whole text.
    """
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def clean_texts(articles: list[Article], *, config: Config) -> list[str]:
    """The cleaned main text of each readable article (what the spaCy baseline reads)."""
    texts = []
    for article in articles:
        try:
            texts.append(clean_stage.clean(article, config=config).text)
        except EventwireError as err:
            logger.info("bench: %s not cleaned: %s", article.id, err)
    return texts


def run_bench(
    articles: list[Article],
    *,
    corpus: str = "",
    workers: int = 1,
    config: Config | None = None,
    progress: Progress | None = None,
) -> BenchResult:
    """Both engines over the same articles with the same number of processes, then extras.

    ``progress`` is called with articles done; it runs to twice ``len(articles)``.
    """
    config = config or load_config()
    workers = max(1, workers)
    mine = bench_eventwire(articles, config=config, workers=workers, progress=progress)
    texts = clean_texts(articles, config=config)
    if progress is not None and len(texts) < len(articles):
        progress(len(articles) - len(texts))
    base = bench_spacy(texts, config=config, workers=workers, progress=progress)
    result = BenchResult(corpus, len(articles), base.words, workers, config.model, mine, base)
    for provider in _providers():
        try:
            result.extra.extend(provider(articles, config, workers))
        except EventwireError as err:
            logger.warning("bench extra %s failed: %s", getattr(provider, "__name__", "?"), err)
    return result


# --- clustering incidents (cluster.py) at two sizes ---------------------------------------------

CLUSTER_SIZES = (10_000, 100_000)
_HOTSPOTS = [("Sumy", 50.91, 34.80, "UKR"), ("Kharkiv", 49.99, 36.23, "UKR"),
             ("Aleppo", 36.20, 37.16, "SYR"), ("Gaza", 31.50, 34.47, "PSE"),
             ("Khartoum", 15.50, 32.56, "SDN"), ("Mogadishu", 2.04, 45.34, "SOM"),
             ("Goma", -1.68, 29.22, "COD"), ("Chicago", 41.85, -87.65, "USA")]


def _word(rng: Any) -> str:
    """A made-up name ("Bakelo"), as news names victims, towns and streets."""
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()


def synthetic_mentions(n: int, *, seed: int = 7) -> list[Any]:
    """``n`` event mentions as outlets tell happenings: one to five reports each, at a steady
    60 happenings a day (so a larger ``n`` is a longer period, as a growing archive is), a
    fifth of them in eight hot spots and the rest in 3,000 towns across the world; the reports
    of one happening share its place, day and victim's name, their tolls differ."""
    import random
    from datetime import date, timedelta

    from .cluster import Mention
    from .model import Count, DateValue, Event, Evidence, Location

    rng = random.Random(seed)
    towns = [(_word(rng), rng.uniform(-35, 60), rng.uniform(-120, 150), "XXX")
             for _ in range(3000)]
    out: list[Mention] = []
    start = date(2024, 1, 1)
    happening = 0
    while len(out) < n:
        hot = rng.random() < 0.2
        name, lat, lon, country = rng.choice(_HOTSPOTS if hot else towns)
        jitter = 0.3 if hot else 0.0
        lat, lon = lat + rng.uniform(-jitter, jitter), lon + rng.uniform(-jitter, jitter)
        day = start + timedelta(days=happening // 60)
        victim = f"{_word(rng)} {_word(rng)}"
        for report in range(rng.randint(1, 5)):
            doc = f"h{happening}r{report}"
            text = (f"{victim} and {rng.randint(2, 9)} others were killed in {name} on {day}.")
            out.append(Mention(event=Event(
                id=Event.make_id(doc, 0, len(text), "ASSAULT"), doc_id=doc, type="ASSAULT",
                location=Location(name=name, country=country, lat=lat, lon=lon,
                                  feature="city"),
                date=DateValue(value=day), killed=Count(value=rng.randint(2, 9), text="x"),
                evidence=Evidence(text=text, start=0, end=len(text))),
                published=day + timedelta(days=report), site=f"outlet{report}.example"))
        happening += 1
    return out[:n]


def cluster_rows(articles: list[Article], config: Config, workers: int) -> list[dict[str, Any]]:
    """Clustering time for 10k and 100k synthetic mentions, side by side (one process): with
    blocking by place cell and date bucket it grows about linearly, 10x for 10x the events.
    A quick run (fewer than 100 articles) leaves it out."""
    from .cluster import cluster, in_context

    if len(articles) < 100:
        return []
    rows: list[dict[str, Any]] = []
    for size in CLUSTER_SIZES:
        mentions = in_context(synthetic_mentions(size))
        started = time.perf_counter()
        incidents = cluster(mentions)
        seconds = time.perf_counter() - started
        growth = (f"; {seconds / rows[0]['seconds']:.1f}x the time of {CLUSTER_SIZES[0]:,} for "
                  f"{size / CLUSTER_SIZES[0]:.0f}x the events" if rows else "")
        rows.append({"name": f"cluster {size:,} events", "articles_per_s": size / seconds,
                     "seconds": seconds, "note": f"events/s; {len(incidents):,} incidents"
                                                 f"{growth}"})
    return rows
