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
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from ..config import Config
from ..errors import CodingError, EventwireError, InputTooLargeError
from ..model import Article
from ..store import ArticleKey, CodedArticle, ErrorInfo, Store, article_key
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


@dataclass
class IngestSummary:
    """What a run did: new articles and events stored, items skipped as known, errors."""

    run_id: int
    articles: int = 0
    skipped: int = 0
    events: int = 0
    errors: int = 0
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
        elif path.is_dir():
            out.extend(sorted(str(p) for p in path.rglob("*") if p.is_file() and _known(p.name)
                              and not any(part.startswith(".")
                                          for part in p.relative_to(path).parts)))
        elif not path.exists() and any(ch in source for ch in "*?["):
            matches = sorted(m for m in glob.glob(source, recursive=True) if os.path.isfile(m))
            out.extend(matches or [source])
        else:
            out.append(source)
    return list(dict.fromkeys(out))


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
            if isinstance(item, Article) and item.source is None:
                item = item.model_copy(update={"source": source})
            yield item


def count_items(partitions: Sequence[str], *, config: Config,
                options: IngestOptions) -> int | None:
    """How many items the partitions hold, for the ETA; ``None`` when that would be costly
    (URLs to fetch, or more than ``COUNT_LIMIT_BYTES`` of input)."""
    if any(_is_url(p) or p == "-" for p in partitions):
        return None
    size = sum(os.path.getsize(p) for p in partitions if os.path.isfile(p))
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
            known: Callable[[list[ArticleKey]], set[str]], seen: set[str]) -> Prepared:
    """Split a batch into articles to code (not stored, not seen in this run) and errors."""
    out = Prepared(items=len(items))
    candidates: list[tuple[Article, ArticleKey]] = []
    for partition, item in items:
        if isinstance(item, Failure):
            out.errors.append(_error(item.error, partition=partition, item=item.source))
            continue
        size = len(item.raw.encode("utf-8", "surrogatepass"))
        if size > config.max_bytes:
            err = InputTooLargeError(
                f"article of {size} bytes is over the limit of {config.max_bytes} "
                "(set max_bytes / EVENTWIRE_MAX_BYTES)", where=item.url or item.id)
            out.errors.append(_error(err, partition=partition, item=item.id))
            continue
        candidates.append((item, article_key(item)))
    stored = known([key for _, key in candidates])
    for article, key in candidates:
        names = {key.id, key.content_hash} | ({key.canonical_url} if key.canonical_url else set())
        if names & (stored | seen):
            out.skipped += 1
            continue
        seen.update(names)
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
    return CodedArticle(article, key, document=coded.document, events=list(coded.events),
                        error=error)


# -- worker processes ----------------------------------------------------------------------

_worker_pipeline: Any = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    from ..pipeline import Pipeline

    logging.getLogger().setLevel(logging.WARNING)
    _worker_pipeline = Pipeline(config)


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
           reporter: Reporter | None = None) -> IngestSummary:
    """Read ``sources``, code what is new, store it; returns what the run did.

    ``config.workers`` processes share the coding (1: in this process); ``engine="dask"``
    runs it on a Dask cluster (``scheduler`` address, or a LocalCluster of ``config.workers``).
    """
    options = options or IngestOptions()
    reporter = reporter or NullReporter()
    if engine not in {"local", "dask"}:
        raise ValueError("engine must be 'local' or 'dask'")
    store = Store(config.db)
    from ..alerts import IncidentWatch

    followup = IncidentWatch(store.engine, rules_path=config.alerts_rules or None,
                             webhook=config.alerts_webhook or None)
    followup.catch_up()  # a run killed between a batch and its clustering left it unclustered
    partitions = expand_sources(sources)
    run_id = store.start_run(sources=list(sources), engine=engine, options={
        **asdict(options), "workers": config.workers, "batch_size": config.batch_size,
        "model": config.model, "max_bytes": config.max_bytes, "scheduler": scheduler})
    summary = IngestSummary(run_id=run_id, engine=engine)
    started = time.perf_counter()
    try:
        total = None if engine == "dask" else count_items(partitions, config=config,
                                                           options=options)
        reporter.start(total)
        if engine == "dask":
            from .scale import ingest_dask

            ingest_dask(partitions, config=config, options=options, store=store,
                        summary=summary, reporter=reporter, scheduler=scheduler,
                        started=started, followup=followup)
        else:
            _ingest_local(partitions, config=config, options=options, store=store,
                          summary=summary, reporter=reporter, started=started,
                          followup=followup)
        summary.status = "done"
    except BaseException:
        summary.status = "failed"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        try:
            store.finish_run(run_id, status=summary.status, articles=summary.articles,
                             skipped=summary.skipped, events=summary.events,
                             errors=summary.errors)
        except EventwireError as err:
            logger.error("cannot record the end of run %s: %s", run_id, err)
        reporter.finish(summary)
    return summary


def record_batch(store: Store, coded: Sequence[CodedArticle], errors: Sequence[ErrorInfo], *,
                 summary: IngestSummary, reporter: Reporter, skipped: int, items: int,
                 started: float, followup: Callable[[list[str]], Any] | None = None) -> None:
    """Write one batch and account for it (the one writer of a run); then ``followup`` (the
    incidents and alerts) gets the ids of the batch's articles with events."""
    counts = store.write_batch(coded, errors, run_id=summary.run_id)
    if followup is not None:
        followup([c.article.id for c in coded if c.error is None and c.events])
    for info in list(errors) + [c.error for c in coded if c.error is not None]:
        reporter.error(info)
    summary.articles += counts.articles
    summary.events += counts.events
    summary.errors += counts.errors
    summary.skipped += skipped + counts.duplicates
    summary.seconds = time.perf_counter() - started
    reporter.advance(summary, items)


def _ingest_local(partitions: Sequence[str], *, config: Config, options: IngestOptions,
                  store: Store, summary: IngestSummary, reporter: Reporter,
                  started: float, followup: Callable[[list[str]], Any] | None = None) -> None:
    from .feeds import PoliteFetcher

    seen: set[str] = set()
    fetcher = PoliteFetcher(delay=options.fetch_delay, timeout=options.fetch_timeout,
                            retries=options.fetch_retries)
    pool: ProcessPoolExecutor | None = None
    pipeline = None
    if config.workers > 1:
        pool = ProcessPoolExecutor(max_workers=config.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(config,))
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
        items = _items(partitions, config=config, options=options, fetcher=fetcher)
        for chunk in _batches(items, config.batch_size):
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
