"""Ingest: sources in, articles and events in the store, nothing lost and nothing twice.

    sources ─► partitions (one per file, WARC, feed or URL) ─► articles ─► batches
            ─► skip what the store holds ─► code (here, in N worker processes, or on Dask)
            ─► one writer: one transaction per batch (articles, their events, errors)

- Idempotent: an article whose id, content hash or canonical URL is stored is not coded again,
  and the writer ignores one that slips through (``ON CONFLICT DO NOTHING``).
- Resumable: each batch commits atomically, so a run killed at any point leaves whole batches;
  the next run skips them and codes the rest.
- Bad input isolated: a ``Failure`` from a reader or an error while coding one article becomes
  a row in ``ingest_errors`` and one line for the user; the batch goes on.
"""

from __future__ import annotations

import glob
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from ..bigtext import utf8_size
from ..config import Config
from ..errors import (
    CodingError,
    EventwireError,
    IdClashWarning,
    InputTooLargeError,
    UsageError,
)
from ..model import Article
from ..packed import Packed
from ..store import ArticleKey, CodedArticle, ErrorInfo, Store, identified
from . import Failure

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")
TEXT_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv")
KNOWN_SUFFIXES = WARC_SUFFIXES + FEED_SUFFIXES + TEXT_SUFFIXES + tuple(
    s + ".gz" for s in TEXT_SUFFIXES)
COUNT_LIMIT_BYTES = 1 << 30  # count articles up front (for the ETA) below this much input


@dataclass(frozen=True)
class IngestOptions:
    """How sources are read: file formats, feed following and fetch politeness."""

    follow: bool = False
    input_format: str = "auto"
    text_column: str = "text"
    fetch_delay: float = 1.0
    fetch_timeout: float = 20.0
    fetch_retries: int = 3
    published: date | None = None  # the publication date of articles that carry none
    url: str | None = None  # the URL of the one article a plain file holds (its identity)
    connect_timeout: float = 10.0  # seconds to reach the Dask scheduler


@dataclass
class IngestSummary:
    """What a run did: new articles and events stored, items skipped as known, errors."""

    run_id: int
    articles: int = 0
    skipped: int = 0
    events: int = 0
    errors: int = 0
    versions: int = 0  # stored articles whose text changed: stored as a new version
    filled: int = 0  # stored articles completed (URL, title, date) by a later copy
    warnings: int = 0
    items: int = 0  # items read, good or bad
    seconds: float = 0.0
    engine: str = "local"
    status: str = "running"

    @property
    def rate(self) -> float:
        """Articles coded and stored per second."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate": round(self.rate, 2)}


class Reporter(Protocol):
    """Progress hooks: the CLI shows a Rich bar; library callers may pass their own."""

    def start(self, total: int | None) -> None: ...
    def advance(self, summary: IngestSummary, items: int) -> None: ...
    def error(self, info: ErrorInfo) -> None: ...
    def finish(self, summary: IngestSummary) -> None: ...


class NullReporter:
    def start(self, total: int | None) -> None:
        pass

    def advance(self, summary: IngestSummary, items: int) -> None:
        pass

    def error(self, info: ErrorInfo) -> None:
        logger.warning("%s", info)

    def finish(self, summary: IngestSummary) -> None:
        pass


# -- sources -------------------------------------------------------------------------------

def _plain_file(partition: str) -> bool:
    """Whether a partition is a file that holds articles alone (not a WARC, feed or URL)."""
    lower = partition.lower()
    return not (_is_url(partition) or partition == "-"
                or lower.endswith(WARC_SUFFIXES + FEED_SUFFIXES))


def _is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def _known(path: str) -> bool:
    return path.lower().endswith(KNOWN_SUFFIXES)


def expand_sources(sources: Iterable[str]) -> list[str]:
    """One partition per file or URL: folders walked (known extensions), globs expanded.

    A source that names nothing is kept, so that reading it reports the error.
    """
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if _is_url(source) or source == "-":
            out.append(source)
        elif _is_dir(path):
            out.extend(_walk(path) or [source])
        elif not _exists(path) and any(ch in source for ch in "*?["):
            matches = sorted(m for m in glob.glob(source, recursive=True) if os.path.isfile(m))
            out.extend(matches or [source])
        else:
            out.append(source)
    return list(dict.fromkeys(out))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder on the way cannot be read: reading the source reports it
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _walk(folder: Path) -> list[str]:
    """The known files under ``folder``; unreadable sub-folders are left to ``read_source``."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda err: found.append(
            str(err.filename))):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files)
                     if _known(f) and not f.startswith("."))
    return found


def read_source(source: str, *, config: Config, options: IngestOptions,
                fetcher: Any = None) -> Iterator[Article | Failure]:
    """The articles of one partition, by kind: WARC, feed, URL (page or feed), or files."""
    from .feeds import PoliteFetcher, parse_feed, read_feed
    from .warc import read_warc

    lower = source.lower()
    if _is_url(source):
        own = fetcher is None
        fetcher = fetcher or PoliteFetcher(delay=options.fetch_delay,
                                           timeout=options.fetch_timeout,
                                           retries=options.fetch_retries)
        try:
            try:
                page = fetcher.fetch(source)
            except EventwireError as err:
                yield Failure(source, err)
                return
            if page.looks_like_feed():
                yield from parse_feed(page.content, source=source, follow=options.follow,
                                      fetcher=fetcher)
            else:
                from ..model import doc_id_for

                yield Article(id=doc_id_for("", page.final_url), raw=page.text,
                              content_type="html", url=page.final_url, source=source)
        finally:
            if own:
                fetcher.close()
    elif lower.endswith(WARC_SUFFIXES):
        yield from read_warc(source, max_bytes=config.max_bytes)
    elif lower.endswith(FEED_SUFFIXES):
        yield from read_feed(source, follow=options.follow, fetcher=fetcher)
    else:
        from .files import read_paths

        for item in read_paths([source], input_format=options.input_format,
                               text_column=options.text_column, max_bytes=config.max_bytes):
            if isinstance(item, Article):
                item = _with_options(item, source, options)
            yield item


def _with_options(article: Article, source: str, options: IngestOptions) -> Article:
    """The article with what the user said of it: its source, date (if it has none) and, for
    the one article of a plain file, its URL."""
    update: dict[str, Any] = {}
    if article.source is None:
        update["source"] = source
    if options.published is not None and article.published is None:
        update["published"] = options.published
    if options.url and article.url is None and article.source in (None, source):
        update["url"] = options.url
    return article.model_copy(update=update) if update else article


def count_items(partitions: Sequence[str], *, config: Config,
                options: IngestOptions) -> int | None:
    """How many items the partitions hold, for the ETA; ``None`` when that would be costly
    (URLs to fetch, or more than ``COUNT_LIMIT_BYTES`` of input)."""
    if any(_is_url(p) or p == "-" for p in partitions):
        return None
    size = 0
    for p in partitions:
        try:
            size += os.path.getsize(p) if os.path.isfile(p) else 0
        except OSError:
            continue
    if size > COUNT_LIMIT_BYTES:
        return None
    counting = IngestOptions(**{**asdict(options), "follow": False})
    return sum(1 for p in partitions for _ in read_source(p, config=config, options=counting))


# -- batches -------------------------------------------------------------------------------

@dataclass
class Prepared:
    """One batch read from the sources: what to code, what failed, how many were known."""

    articles: list[Article] = field(default_factory=list)
    keys: list[ArticleKey] = field(default_factory=list)
    errors: list[ErrorInfo] = field(default_factory=list)
    skipped: int = 0
    items: int = 0


def _error(err: EventwireError, *, partition: str, item: str | None) -> ErrorInfo:
    return ErrorInfo.from_error(err, source=partition, item=item)


def prepare(items: Sequence[tuple[str, Article | Failure]], *, config: Config,
            known: Callable[[list[ArticleKey]], set[str]], seen: dict[str, str]) -> Prepared:
    """Split a batch into articles to code (not stored, not seen in this run) and errors.

    ``seen`` maps each identity and content hash met in this run to the content hash it
    came with: the same text twice is coded once; one id given to two different texts in one
    input keeps both (the second by its content) and says so (W101).
    """
    out = Prepared(items=len(items))
    candidates: list[tuple[Article, ArticleKey]] = []
    for partition, item in items:
        if isinstance(item, Failure):
            out.errors.append(_error(item.error, partition=partition, item=item.source))
            continue
        size = utf8_size(item.raw)
        if size > config.max_bytes:
            err = InputTooLargeError(
                f"article of {size} bytes is over the limit of {config.max_bytes} "
                "(set max_bytes / EVENTWIRE_MAX_BYTES)", where=item.url or item.id)
            out.errors.append(_error(err, partition=partition, item=item.id))
            continue
        article, key = identified(item, partition, whole_file=_plain_file(partition))
        if key.content_hash in seen:
            out.skipped += 1
            continue
        if key.source_key and seen.get(key.identity, key.content_hash) != key.content_hash:
            where = item.source or partition
            out.errors.append(_error(IdClashWarning(
                f"id {key.given_id or key.source_key!r} is used again for a different text; "
                "both are stored, this one under its content", where=where),
                partition=partition, item=item.id))
            key = key.by_content()
            article = article.model_copy(update={"id": key.id})
        seen.setdefault(key.identity, key.content_hash)
        seen[key.content_hash] = key.content_hash
        candidates.append((article, key))
    stored = known([key for _, key in candidates])
    for article, key in candidates:
        if key.content_hash in stored:
            out.skipped += 1
            continue
        out.articles.append(article)
        out.keys.append(key)
    return out


def code_articles(pipeline: Any, articles: Sequence[Article],
                  keys: Sequence[ArticleKey]) -> list[CodedArticle]:
    """Code a batch with ``pipeline``; an article that breaks the pipeline fails alone."""
    if not articles:
        return []
    try:
        return [_coded(c, key) for c, key in zip(pipeline.process(articles), keys, strict=True)]
    except Exception as exc:
        if len(articles) == 1:
            article = articles[0]
            logger.debug("coding %s failed", article.id, exc_info=True)
            err = CodingError(f"coding this article failed unexpectedly ({type(exc).__name__}: "
                              f"{str(exc)[:200]}); a bug: please report it with the article",
                              where=article.url or article.id)
            return [CodedArticle(article, keys[0], error=ErrorInfo.from_error(
                err, source=article.source or "?", item=article.id))]
    # one article broke the batch: code them one by one to find it
    return [coded for article, key in zip(articles, keys, strict=True)
            for coded in code_articles(pipeline, [article], [key])]


def _coded(coded: Any, key: ArticleKey) -> CodedArticle:
    article = coded.article
    error = None
    if coded.error is not None:
        error = ErrorInfo.from_error(coded.error, source=article.source or "?", item=article.id)
    # a streamed article's events stay packed (a list of them would be ~6 KB an event)
    events = coded.events if isinstance(coded.events, Packed) else list(coded.events)
    return CodedArticle(article, key, document=coded.document, events=events,
                        error=error, text=coded.text)


# -- worker processes ----------------------------------------------------------------------

_worker_pipeline: Any = None


def _init_worker(config: Config, parent: int | None = None) -> None:
    global _worker_pipeline
    from ..pipeline import Pipeline

    die_with_parent(parent)
    logging.getLogger().setLevel(logging.WARNING)
    _worker_pipeline = Pipeline(config)


def die_with_parent(parent: int | None = None, every: float = 1.0) -> None:
    """End this worker process when its parent (``parent``: the pid that started it) dies:
    kill -9 of ``ingest --workers N`` leaves no orphan coding on."""
    parent = parent or os.getppid()
    if os.getppid() != parent:  # the parent died while this worker was starting
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def _code_in_worker(articles: list[Article], keys: list[ArticleKey]) -> list[CodedArticle]:
    return code_articles(_worker_pipeline, articles, keys)


def _batches(items: Iterator[tuple[str, Article | Failure]],
             size: int) -> Iterator[list[tuple[str, Article | Failure]]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _items(partitions: Sequence[str], *, config: Config, options: IngestOptions,
           fetcher: Any) -> Iterator[tuple[str, Article | Failure]]:
    for partition in partitions:
        for item in read_source(partition, config=config, options=options, fetcher=fetcher):
            yield partition, item


# -- the run -------------------------------------------------------------------------------

def ingest(sources: Sequence[str], *, config: Config, options: IngestOptions | None = None,
           engine: str = "local", scheduler: str | None = None,
           reporter: Reporter | None = None,
           items: Iterable[tuple[str, Article | Failure]] | None = None) -> IngestSummary:
    """Read ``sources``, code what is new, store it; returns what the run did.

    ``config.workers`` processes share the coding (1: in this process); ``engine="dask"``
    runs it on a Dask cluster (``scheduler`` address, or a LocalCluster of ``config.workers``).
    ``items`` (partition, article or failure), when given, are read instead of ``sources``
    (which then only name the run): ``eventwire watch`` hands on what it fetched.
    """
    options = options or IngestOptions()
    reporter = reporter or NullReporter()
    if engine not in {"local", "dask"}:
        raise UsageError(f"--engine {engine!r} is unknown; one of: local, dask")
    for name, value in (("--batch-size", config.batch_size), ("--workers", config.workers),
                        ("--max-bytes", config.max_bytes)):
        if value < 1:
            raise UsageError(f"{name} must be 1 or more, not {value}")
    partitions = expand_sources(sources) if items is None else list(sources)
    if items is not None and engine != "local":
        raise UsageError("items already read are coded with the local engine")
    if options.url and len(partitions) != 1:
        raise UsageError(f"--url names one article, but the sources hold {len(partitions)} "
                         "files: give one file with --url")
    store = Store(config.db)
    from ..alerts import IncidentWatch

    followup = IncidentWatch(store.engine, rules_path=config.alerts_rules or None,
                             webhook=config.alerts_webhook or None)
    followup.catch_up()  # a run killed between a batch and its clustering left it unclustered
    run_id = store.start_run(sources=list(sources), engine=engine, options={
        **asdict(options), "published": str(options.published) if options.published else None,
        "workers": config.workers, "batch_size": config.batch_size,
        "model": config.model, "max_bytes": config.max_bytes, "scheduler": scheduler})
    summary = IngestSummary(run_id=run_id, engine=engine)
    started = time.perf_counter()
    beating = _Heartbeat(store, run_id)
    try:
        total = None if engine == "dask" or items is not None else count_items(
            partitions, config=config, options=options)
        reporter.start(total)
        if engine == "dask":
            from .scale import ingest_dask

            ingest_dask(partitions, config=config, options=options, store=store,
                        summary=summary, reporter=reporter, scheduler=scheduler,
                        started=started, followup=followup)
        else:
            _ingest_local(partitions, config=config, options=options, store=store,
                          summary=summary, reporter=reporter, started=started, items=items,
                          followup=followup)
        summary.status = "done"
    except BaseException:
        summary.status = "failed"
        raise
    finally:
        beating.stop()
        summary.seconds = time.perf_counter() - started
        try:
            store.finish_run(run_id, status=summary.status, articles=summary.articles,
                             skipped=summary.skipped, events=summary.events,
                             errors=summary.errors)
        except EventwireError as err:
            logger.error("cannot record the end of run %s: %s", run_id, err)
        reporter.finish(summary)
    return summary


class _Heartbeat:
    """Beats for the run every ``every`` seconds while it lives, so `eventwire runs` can tell
    a long batch from a killed run."""

    def __init__(self, store: Store, run_id: int, every: float = 30.0) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, args=(store, run_id, every),
                                        name=f"eventwire-heartbeat-{run_id}", daemon=True)
        self._thread.start()

    def _beat(self, store: Store, run_id: int, every: float) -> None:
        while not self._stop.wait(every):
            try:
                store.heartbeat(run_id)
            except EventwireError as err:
                logger.info("heartbeat of run %s: %s", run_id, err)

    def stop(self) -> None:
        self._stop.set()


def record_batch(store: Store, coded: Sequence[CodedArticle], errors: Sequence[ErrorInfo], *,
                 summary: IngestSummary, reporter: Reporter, skipped: int, items: int,
                 started: float, followup: Callable[[list[str]], Any] | None = None) -> None:
    """Write one batch and account for it (the one writer of a run); then ``followup`` (the
    incidents and alerts) gets the ids of the batch's articles with events."""
    counts = store.write_batch(coded, errors, run_id=summary.run_id)
    if followup is not None:
        # the ids the store knows the articles by (their keys), which the incidents read
        followup([c.key.id or c.article.id for c in coded if c.error is None and c.events])
    for info in list(errors) + [c.error for c in coded if c.error is not None]:
        reporter.error(info)
    summary.articles += counts.articles
    summary.events += counts.events
    summary.errors += counts.errors
    summary.versions += counts.versions
    summary.filled += counts.filled
    summary.warnings += counts.warnings
    summary.items += items
    summary.skipped += skipped + counts.duplicates
    summary.seconds = time.perf_counter() - started
    reporter.advance(summary, items)


def _ingest_local(partitions: Sequence[str], *, config: Config, options: IngestOptions,
                  store: Store, summary: IngestSummary, reporter: Reporter,
                  started: float,
                  items: Iterable[tuple[str, Article | Failure]] | None = None,
                  followup: Callable[[list[str]], Any] | None = None) -> None:
    from .feeds import PoliteFetcher

    seen: dict[str, str] = {}
    fetcher = PoliteFetcher(delay=options.fetch_delay, timeout=options.fetch_timeout,
                            retries=options.fetch_retries)
    pool: ProcessPoolExecutor | None = None
    pipeline = None
    if config.workers > 1:
        pool = ProcessPoolExecutor(max_workers=config.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(config, os.getpid()))
    else:
        from ..pipeline import Pipeline

        pipeline = Pipeline(config)
    pending: deque[tuple[Future[list[CodedArticle]] | list[CodedArticle], Prepared]] = deque()

    def drain_one() -> None:
        job, prepared = pending.popleft()
        coded = job.result() if isinstance(job, Future) else job
        record_batch(store, coded, prepared.errors, summary=summary, reporter=reporter,
                     skipped=prepared.skipped, items=prepared.items, started=started,
                     followup=followup)

    try:
        source = iter(items) if items is not None else _items(
            partitions, config=config, options=options, fetcher=fetcher)
        for chunk in _batches(source, config.batch_size):
            prepared = prepare(chunk, config=config, known=store.known, seen=seen)
            if pool is not None:
                job: Any = pool.submit(_code_in_worker, prepared.articles, prepared.keys)
            else:
                job = code_articles(pipeline, prepared.articles, prepared.keys)
            pending.append((job, prepared))
            while len(pending) > (2 * config.workers if pool else 0):
                drain_one()
        while pending:
            drain_one()
    finally:
        fetcher.close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
