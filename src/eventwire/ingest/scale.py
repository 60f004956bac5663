"""Ingest on a Dask cluster (dask.distributed): one task per partition, one writer.

Each worker process loads the spaCy pipeline once (``worker_pipeline`` caches it per process)
and codes whole partitions (a source file, a WARC file, a feed), skipping articles the store
already holds. The client writes each partition's results in batches, one transaction each,
as results arrive: the database sees one writer, SQLite or PostgreSQL alike. Without a
scheduler address a ``LocalCluster`` of ``config.workers`` processes is started.

The sources must be readable from the workers under the same paths (a shared file system, or
URLs), and for the skip-what-is-stored check the database must be reachable from them too
(PostgreSQL, or a SQLite file on a shared disk); when it is not, workers code everything and
the writer still stores each article once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..config import Config
from ..errors import EventwireError, SchedulerError, StoreError
from ..store import ArticleKey, CodedArticle, ErrorInfo, Store, database_url
from .run import (
    IngestOptions,
    IngestSummary,
    Reporter,
    _batches,
    code_articles,
    prepare,
    read_source,
    record_batch,
)

logger = logging.getLogger(__name__)

_pipelines: dict[str, Any] = {}
_stores: dict[str, Store | None] = {}


def worker_pipeline(config: Config) -> Any:
    """The pipeline for ``config``, loaded once per worker process."""
    key = repr(config)
    if key not in _pipelines:
        from ..pipeline import Pipeline

        _pipelines[key] = Pipeline(config)
    return _pipelines[key]


def _worker_store(db: str) -> Store | None:
    """The store as this worker sees it (to skip what is stored), opened once per process."""
    if db not in _stores:
        try:
            _stores[db] = Store(db)
        except EventwireError as err:
            logger.warning("workers cannot reach the store (%s): coding everything", err)
            _stores[db] = None
    return _stores[db]


def code_partition(partition: str, config: Config,
                   options: IngestOptions) -> tuple[list[CodedArticle], list[ErrorInfo], int, int]:
    """Read and code one partition on a worker: (coded, errors, skipped, items)."""
    pipeline = worker_pipeline(config)
    store = _worker_store(config.db)

    def known(keys: list[ArticleKey]) -> set[str]:
        if store is None:
            return set()
        try:
            return store.known(keys)
        except StoreError:
            return set()

    seen: dict[str, str] = {}
    coded: list[CodedArticle] = []
    errors: list[ErrorInfo] = []
    skipped = items = 0
    source = ((partition, item) for item in read_source(partition, config=config,
                                                        options=options))
    for chunk in _batches(source, config.batch_size):
        prepared = prepare(chunk, config=config, known=known, seen=seen)
        coded.extend(code_articles(pipeline, prepared.articles, prepared.keys))
        errors.extend(prepared.errors)
        skipped += prepared.skipped
        items += prepared.items
    return coded, errors, skipped, items


def ingest_dask(partitions: Sequence[str], *, config: Config, options: IngestOptions,
                store: Store, summary: IngestSummary, reporter: Reporter,
                scheduler: str | None, started: float,
                followup: Callable[[list[str]], Any] | None = None) -> None:
    """Code ``partitions`` on Dask and write the results here, batch by batch."""
    from dask.distributed import Client, LocalCluster, as_completed

    worker_config = replace(config, db=database_url(config.db), workers=1)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, config.workers), threads_per_worker=1,
                               processes=True, dashboard_address=None)
    try:
        client = Client(scheduler or cluster, timeout=f"{options.connect_timeout}s")
    except (OSError, TimeoutError) as err:
        if cluster is not None:
            cluster.close()
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {scheduler} within "
            f"{options.connect_timeout:g} s ({type(err).__name__}); start it "
            "(`dask scheduler`), check the address, raise --timeout, or leave out "
            "--scheduler to run a local cluster") from None
    try:
        begun = time.perf_counter()
        futures = [client.submit(code_partition, p, worker_config, options, pure=False,
                                 key=f"eventwire-{i}-{p}") for i, p in enumerate(partitions)]
        for future in as_completed(futures):
            coded, errors, skipped, items = future.result()
            future.release()
            batches = [coded[i:i + config.batch_size]
                       for i in range(0, len(coded), config.batch_size)] or [[]]
            for n, batch in enumerate(batches):
                record_batch(store, batch, errors if n == 0 else [], summary=summary,
                             reporter=reporter, skipped=skipped if n == 0 else 0,
                             items=len(batch) if n else items - len(coded) + len(batch),
                             started=started, followup=followup)
        logger.info("dask: %d partitions in %.1f s", len(partitions), time.perf_counter() - begun)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
