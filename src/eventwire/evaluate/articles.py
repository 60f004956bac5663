"""Whole news stories that each tell one shooting (GVA): does eventwire write one event for one
happening, and the right toll?

Rules (also written into every result's ``notes``):

- Text: each article of ``articles.jsonl`` whole, with its title, published date and URL (never
  its ``incident_id``, the gold answer); a text repeated at a second URL is read once.
- Violent event: an ``ASSAULT`` whose status counts (``occurred`` or ``ongoing``). A careful
  coder writes one for such a story (and maybe an arrest, which is not violent).
- Events per article: the mean number of violent events; "exactly one": the share of articles
  with exactly one.
- Killed, headline: the article's killed total, summed over its violent events (0 when none),
  equal to the incident's killed. It is what a store or a series adds up, so a toll repeated by
  a second copy of the shooting counts against it, as the issue asks.
- Killed, main event: the killed of the article's main violent event (the most confident, the
  earliest among equals; 0 when it has none), equal to the incident's: the toll read right,
  whatever the copies.
- ``half``: "dev" or "check" keeps one half of the incidents (``gva.half_of``), "all" both; with
  ``limit`` an even spread of that many articles.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Config
from ..model import COUNTED_STATUSES, Article, Event
from ..pipeline import Coded, Pipeline
from .coding import Progress, pick
from .datasets import sample
from .gva import GvaArticle, GvaIncident, read_articles, read_incidents
from .result import ErrorCase, EvalResult
from .scoring import share

logger = logging.getLogger(__name__)

RULES = [
    "text: whole article with title, published date and URL; repeated texts read once",
    "violent event: ASSAULT with status occurred or ongoing",
    "killed (headline): sum of killed over the violent events equals the incident's killed",
    "killed (main event): killed of the most confident violent event equals the incident's",
]

VIOLENT_TYPES = frozenset({"ASSAULT"})


def code_articles(articles: Iterable[Article], *, config: Config,
                  progress: Progress | None = None) -> Iterator[Coded]:
    """Each article coded whole through the batch API, in order (its document kept)."""
    for coded in Pipeline(config).process(articles):
        if coded.error is not None:
            logger.info("article %s not coded: %s", coded.article.id, coded.error)
        if progress is not None:
            progress(1)
        yield coded


def violent(events: list[Event]) -> list[Event]:
    """The events that are violent and happened (see the module's rules)."""
    return [e for e in events if e.type in VIOLENT_TYPES and e.status in COUNTED_STATUSES]


def killed_total(events: list[Event]) -> int:
    """Deaths summed over the violent events, 0 where none gives a toll."""
    return sum(e.killed.value for e in violent(events) if e.killed is not None)


def killed_of_main(events: list[Event]) -> int:
    """Deaths of the main violent event (most confident, earliest among equals), else 0."""
    main = pick(violent(events), lambda e: e.confidence)
    return main.killed.value if main is not None and main.killed is not None else 0


def load_gva(path: Path, *, half: str = "all", limit: int | None = None
             ) -> tuple[list[GvaArticle], dict[str, GvaIncident]]:
    """The articles of one half (an even spread of ``limit``) and all incidents, by id."""
    folder = path if path.is_dir() else path.parent
    incidents = read_incidents(folder)
    articles = [a for a in read_articles(folder, half=half) if a.incident_id in incidents]
    return sample(articles, limit), incidents


def _said(events: list[Event]) -> str:
    parts = []
    for event in violent(events):
        toll = f" killed {event.killed.value}" if event.killed is not None else ""
        parts.append(f"{event.trigger or event.type}{toll} @{event.evidence.start}")
    return f"{len(parts)} violent: " + "; ".join(parts) if parts else "no violent event"


def score_articles(
    path: Path,
    *,
    half: str = "all",
    limit: int | None = None,
    config: Config,
    progress: Progress | None = None,
    rows: tuple[list[GvaArticle], dict[str, GvaIncident]] | None = None,
) -> EvalResult:
    """Scores eventwire on whole GVA articles (see the module's rules)."""
    articles, incidents = rows if rows is not None else load_gva(path, half=half, limit=limit)
    started = time.perf_counter()
    coded = list(code_articles((a.to_article() for a in articles), config=config,
                               progress=progress))
    seconds = time.perf_counter() - started
    result = EvalResult("articles", str(path), len(articles), seconds,
                        {"trigger_shortcut": config.trigger_shortcut, "model": config.model,
                         "limit": limit, "half": half}, notes=list(RULES))
    counts: list[int] = []
    one, sum_hit, main_hit, injured_hit = [], [], [], []
    for article, done in zip(articles, coded, strict=True):
        incident = incidents[article.incident_id]
        events = done.events
        n = len(violent(events))
        counts.append(n)
        one.append(n == 1)
        total, main = killed_total(events), killed_of_main(events)
        sum_hit.append(total == incident.killed)
        main_hit.append(main == incident.killed)
        injured = sum(e.injured.value for e in violent(events) if e.injured is not None)
        injured_hit.append(injured == incident.injured)
        head = f"{article.title} | {article.text[:200]}"
        if n != 1:
            result.errors.append(ErrorCase(
                "events", article.id, head, "1 violent event", _said(events),
                abs(n - 1) / (abs(n - 1) + 1), note=f"incident {incident.incident_id}"))
        if total != incident.killed:
            gap = abs(total - incident.killed) / max(total, incident.killed, 1)
            result.errors.append(ErrorCase(
                "killed", article.id, head, f"killed {incident.killed}",
                f"killed total {total} (main event {main})", 0.2 + 0.6 * gap,
                note=f"incident {incident.incident_id}"))
    n_articles = len(articles)
    mean = sum(counts) / n_articles if n_articles else None
    result.add("violent_events_per_article", mean, n_articles,
               "mean occurred violent events per article (one is right)", unit="per_article")
    result.add("exactly_one_violent_share", share(one), n_articles,
               "articles with exactly one occurred violent event")
    result.add("no_violent_share", share([c == 0 for c in counts]), n_articles,
               "articles with no occurred violent event")
    result.add("killed_total_equal", share(sum_hit), n_articles,
               "headline: killed summed over violent events equals the incident's")
    result.add("killed_main_equal", share(main_hit), n_articles,
               "killed of the main violent event equals the incident's")
    result.add("injured_total_equal", share(injured_hit), n_articles,
               "injured summed over violent events equals the incident's")
    return result
