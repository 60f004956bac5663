"""Incidents across articles, scored on the Gun Violence Archive folder (``eval incidents``).

Rules (also written into every result's ``notes``):

- Every article of the folder is coded (its id, title, publication date, URL and text; never
  its gold ``incident_id``), and all their events are clustered together by ``cluster.cluster``,
  the code ingest runs.
- An article belongs to the incident of its main event: a counted event before any other, an
  attack before any other type, one with a toll before one without, then the earliest in the
  text. An article without events is an incident of its own.
- "Same incident" is scored over the articles against the gold ids: pairwise precision and
  recall over pairs of articles, and B-cubed precision, recall and F1 (Bagga and Baldwin 1998).
- Killed exact: for each gold incident, eventwire's incident is the one most of its articles
  belong to; its ``killed`` (none reported counts 0, as ACLED codes it) must equal the gold
  count.
- The folder's incidents are split in two by a hash of their id (``gva.half_of``): rules are
  tuned on "dev" and checked on "check"; the measures are given for all, and per half with the
  prefixes ``dev_`` and ``check_`` (the articles of both halves are clustered together).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..cluster import Incident, Mention, cluster, in_context, outlet_of
from ..config import Config
from ..model import COUNTED_STATUSES, Event
from .coding import Progress
from .gva import GvaArticle, GvaIncident, half_of, read_articles, read_incidents
from .result import ErrorCase, EvalResult

RULES = [" ".join(bullet.split()) for bullet in (__doc__ or "").split("\n- ")[1:]]


def main_event(events: Sequence[Event]) -> Event | None:
    """The event an article is mostly about (see the rules above)."""
    def rank(e: Event) -> tuple[bool, bool, bool, int]:
        return (e.status in COUNTED_STATUSES, e.type == "ASSAULT",
                e.killed is not None or e.injured is not None, -e.evidence.start)
    return max(events, key=rank, default=None)


def _pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, label in labels.items():
        groups[label].append(item)
    out = set()
    for members in groups.values():
        members.sort()
        out.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return out


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]
             ) -> tuple[float | None, float | None]:
    """Precision and recall of "same incident" over pairs of items."""
    g, p = _pairs(gold), _pairs(predicted)
    hits = len(g & p)
    return (hits / len(p) if p else None, hits / len(g) if g else None)


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]
           ) -> tuple[float | None, float | None, float | None]:
    """B-cubed precision, recall and F1: per item, the share of its predicted cluster in its
    gold cluster and the share of its gold cluster in its predicted one, averaged."""
    if not gold:
        return None, None, None
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        gold_sets[gold[item]].add(item)
        pred_sets[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        g, p = gold_sets[gold[item]], pred_sets[predicted[item]]
        both = len(g & p)
        precision += both / len(p)
        recall += both / len(g)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def article_labels(articles: Sequence[GvaArticle], events: Mapping[str, list[Event]],
                   incidents: Sequence[Incident]) -> dict[str, str]:
    """Each article's predicted incident id (its own id when it has no events)."""
    of_event = {m.id: inc.id for inc in incidents for m in inc.mentions}
    out = {}
    for article in articles:
        main = main_event(events.get(article.id, []))
        out[article.id] = of_event[main.id] if main is not None else f"article:{article.id}"
    return out


def score_clusters(articles: Sequence[GvaArticle], events: Mapping[str, list[Event]],
                   gold: Mapping[str, GvaIncident], *, result: EvalResult) -> list[Incident]:
    """Cluster the coded ``events`` of ``articles`` and add the measures to ``result``."""
    mentions = in_context([
        Mention(event=e, published=a.published, site=outlet_of(a.url), url=a.url, title=a.title)
        for a in articles for e in events.get(a.id, [])])
    incidents = cluster(mentions)
    by_id = {inc.id: inc for inc in incidents}
    predicted = article_labels(articles, events, incidents)
    gold_of = {a.id: a.incident_id for a in articles}
    for prefix, half in (("", None), ("dev_", "dev"), ("check_", "check")):
        chosen = [a.id for a in articles if half is None or half_of(a.incident_id) == half]
        g = {i: gold_of[i] for i in chosen}
        p = {i: predicted[i] for i in chosen}
        precision, recall = pairwise(g, p)
        b_p, b_r, b_f = bcubed(g, p)
        result.add(prefix + "pairwise_precision", precision, len(_pairs(p)),
                   "share of article pairs put in one incident that are one gold incident")
        result.add(prefix + "pairwise_recall", recall, len(_pairs(g)),
                   "share of gold same-incident article pairs eventwire links")
        result.add(prefix + "bcubed_precision", b_p, len(g))
        result.add(prefix + "bcubed_recall", b_r, len(g))
        result.add(prefix + "bcubed_f1", b_f, len(g), "B-cubed F1 of same incident")
        killed, injured = _tolls(g, p, by_id, gold)
        result.add(prefix + "killed_exact", killed[0], killed[1],
                   "gold incidents whose eventwire incident has the gold death toll")
        result.add(prefix + "injured_exact", injured[0], injured[1])
    _errors(articles, predicted, gold_of, events, result)
    return incidents


def _tolls(gold_labels: Mapping[str, str], predicted: Mapping[str, str],
           incidents: Mapping[str, Incident], gold: Mapping[str, GvaIncident]
           ) -> tuple[tuple[float | None, int], tuple[float | None, int]]:
    members: dict[str, list[str]] = defaultdict(list)
    for item, label in gold_labels.items():
        members[label].append(item)
    killed = injured = 0
    for incident_id, items in members.items():
        label = Counter(predicted[i] for i in sorted(items)).most_common(1)[0][0]
        mine = incidents.get(label)
        told_killed = mine.killed.value if mine is not None else None
        told_injured = mine.injured.value if mine is not None else None
        killed += (told_killed or 0) == gold[incident_id].killed
        injured += (told_injured or 0) == gold[incident_id].injured
    n = len(members)
    return ((killed / n if n else None, n), (injured / n if n else None, n))


def _errors(articles: Sequence[GvaArticle], predicted: Mapping[str, str],
            gold_of: Mapping[str, str], events: Mapping[str, list[Event]],
            result: EvalResult) -> None:
    """False links (two gold incidents in one) and missed links, one case per article."""
    by_label: dict[str, list[GvaArticle]] = defaultdict(list)
    for article in articles:
        by_label[predicted[article.id]].append(article)
    by_gold: dict[str, list[GvaArticle]] = defaultdict(list)
    for article in articles:
        by_gold[article.incident_id].append(article)

    def told(article: GvaArticle) -> str:
        main = main_event(events.get(article.id, []))
        if main is None:
            return "(no event)"
        loc = main.location.name if main.location else "?"
        when = main.date.value if main.date else "?"
        return f"{main.type} {loc} {when} killed={main.killed.value if main.killed else '-'}"

    for members in by_label.values():
        golds = {a.incident_id for a in members}
        if len(golds) > 1:
            first = members[0]
            for other in members[1:]:
                if other.incident_id != first.incident_id:
                    result.errors.append(ErrorCase(
                        "false link", other.id, other.title, f"gold {other.incident_id}",
                        f"linked to {first.id} (gold {first.incident_id}): {told(first)}",
                        1.0, told(other)))
    for members in by_gold.values():
        labels = {predicted[a.id] for a in members}
        if len(labels) > 1:
            first = members[0]
            for other in members[1:]:
                if predicted[other.id] != predicted[first.id]:
                    result.errors.append(ErrorCase(
                        "missed link", other.id, other.title, f"same as {first.id}: "
                        f"{told(first)}", told(other), 0.5))


def score_incidents(path: Path, *, limit: int | None = None, config: Config,
                    progress: Progress | None = None,
                    on_total: Callable[[int], None] | None = None,
                    coded: Mapping[str, list[Event]] | None = None) -> EvalResult:
    """Code the folder's articles (or take ``coded`` events by article id), cluster, score.

    ``limit`` keeps the articles of that many incidents (an even spread of incident ids).
    """
    from ..pipeline import Pipeline

    started = time.perf_counter()
    articles = list(read_articles(path))
    gold = read_incidents(path)
    if limit:
        ids = sorted({a.incident_id for a in articles})
        step = max(1, len(ids) // limit)
        keep = set(ids[::step][:limit])
        articles = [a for a in articles if a.incident_id in keep]
    if on_total is not None:
        on_total(len(articles))
    events: dict[str, list[Event]] = {}
    if coded is not None:
        events = {a.id: list(coded.get(a.id, [])) for a in articles}
    else:
        for item in Pipeline(config).process(a.to_article() for a in articles):
            events[item.article.id] = list(item.events)
            if progress is not None:
                progress(1)
    result = EvalResult("incidents", str(path), len(articles), 0.0,
                        {"limit": limit, "model": config.model}, notes=list(RULES))
    incidents = score_clusters(articles, events, gold, result=result)
    result.add("incidents", float(len(incidents)), len(incidents), "incidents eventwire made",
               unit="count")
    result.seconds = time.perf_counter() - started
    return result


def load_coded(path: Path) -> dict[str, list[Event]]:
    """Events cached as JSON lines ``{"id": article id, "events": [...]}`` (a dev shortcut)."""
    import json

    out: dict[str, list[Event]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item: dict[str, Any] = json.loads(line)
            out[item["id"]] = [Event.model_validate(e) for e in item["events"]]
    return out
