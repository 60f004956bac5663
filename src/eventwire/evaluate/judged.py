"""Real conflict articles judged by hand: every event eventwire writes, matched against the
happenings a careful coder lists (``judgements``).

Rules (also written into every result's ``notes``):

- Text: the article file whole, with its published date (no title: the files carry none, and
  the anchors index the file). Each event's evidence, and any supporting span it carries, is
  found again in the file (``judgements.Aligner``).
- Events are taken in text order. An event is "right" when one of its spans overlaps (by at
  least ``MIN_OVERLAP`` characters) an anchor of a happening not yet matched whose type is in
  the event type's family (PLOVER's quad classes, material conflict split into protest, force
  and pressure; ``judgements.TYPE_FAMILIES``) and whose status is of the same kind
  (happened: occurred/ongoing; not real: planned/threatened/hypothetical; denied/negated); a
  "repeat" when every such happening is already matched; "wrong kind" when it overlaps only
  happenings of another family or status; "not an event" when it overlaps none.
- Precision: right events / events written. Recall: required happenings matched / required
  happenings listed (optional happenings, which a coder may leave out, count as right when
  coded and cost nothing when not).
- Fields, among right events whose happening gives them: actor, recipient and place agree as
  ``GoldActor.agrees`` / ``GoldPlace.agrees`` say; killed equal; type exactly one listed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import EvaluationError
from ..model import Article, Event
from .articles import code_articles
from .coding import Progress
from .judgements import (
    STATUS_GROUPS,
    TYPE_FAMILIES,
    Aligner,
    Happening,
    Judgement,
    article_problem,
    load_judgement,
)
from .result import ErrorCase, EvalResult

RULES = [
    "text: the article file whole with its published date; spans found again in the file",
    "right: a span overlaps an anchor of an unmatched happening of the same type family "
    "(PLOVER quad class; protest, force, pressure apart) and status kind; repeat: its "
    "happening already matched; "
    "wrong kind: overlaps only other families/statuses; not an event: overlaps none",
    "precision = right / written; recall = required happenings matched / listed",
    "fields among right events: actor, recipient, place (25 km or name), killed, exact type",
]

MIN_OVERLAP = 5  # characters: sentence splits that differ by a word do not make an overlap
VERDICTS = ("right", "repeat", "wrong kind", "not an event")
SUPPORT_FIELDS = ("supports", "supporting", "mentions")  # lists of spans an event may carry


@dataclass
class Verdict:
    """What one written event is, judged against the happenings."""

    event: Event
    spans: list[tuple[int, int]]  # in the article file
    verdict: str
    happening: Happening | None = None
    fields: dict[str, bool] = field(default_factory=dict)  # field -> agrees (gold gives it)


@dataclass
class ArticleJudged:
    judgement: Judgement
    verdicts: list[Verdict]

    @property
    def found(self) -> set[str]:
        return {v.happening.id for v in self.verdicts
                if v.verdict == "right" and v.happening is not None}

    def count(self, verdict: str) -> int:
        return sum(v.verdict == verdict for v in self.verdicts)


def event_spans(event: Event, aligner: Aligner, text: str) -> list[tuple[int, int]]:
    """The event's evidence and supporting spans as offsets in the article file (the evidence
    first). ``text`` is the text the offsets index (the file as given: a plain text's offsets
    index it, not the cleaned text); without it each span's own text is looked for."""
    stretches = [(event.evidence.start, event.evidence.end, event.evidence.text)]
    for name in SUPPORT_FIELDS:
        for item in getattr(event, name, None) or []:
            start, end = getattr(item, "start", None), getattr(item, "end", None)
            if isinstance(start, int) and isinstance(end, int):
                stretches.append((start, end, str(getattr(item, "text", "") or "")))
    spans: list[tuple[int, int]] = []
    for start, end, own in stretches:
        found = aligner.locate(text[start:end] if text else own, near=start)
        if found is not None and found not in spans:
            spans.append(found)
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _touches(spans: list[tuple[int, int]], happening: Happening) -> int:
    return max((_overlap(s, a) for s in spans for a in happening.anchors), default=0)


def compatible(event: Event, happening: Happening) -> bool:
    return (TYPE_FAMILIES[event.type] in happening.families
            and STATUS_GROUPS[event.status] in happening.status_groups)


def field_agreement(event: Event, happening: Happening) -> dict[str, bool]:
    """Each field the happening gives: whether the event agrees."""
    agree: dict[str, bool] = {"type": event.type in happening.types}
    if happening.actor is not None:
        agree["actor"] = happening.actor.agrees(event.actor)
    if happening.recipient is not None:
        agree["recipient"] = happening.recipient.agrees(event.recipient)
    if happening.place is not None:
        agree["place"] = happening.place.agrees(event.location)
    if happening.killed is not None:
        agree["killed"] = event.killed is not None and event.killed.value == happening.killed
    return agree


def judge_events(judgement: Judgement, events: list[Event], aligner: Aligner, text: str
                 ) -> list[Verdict]:
    """A verdict for each event (see the module's rules), in text order."""
    placed = [(event_spans(e, aligner, text), e) for e in events]
    placed.sort(key=lambda p: (p[0][0][0] if p[0] else len(aligner.original),
                               p[1].evidence.start))
    matched: set[str] = set()
    verdicts = []
    for spans, event in placed:
        touched = [h for h in judgement.happenings if _touches(spans, h) >= MIN_OVERLAP]
        if not touched:
            verdicts.append(Verdict(event, spans, "not an event"))
            continue
        fitting = [h for h in touched if compatible(event, h)]
        # a happening of the event's very type first, open or already matched, before one
        # that is merely of its family: the gunfire of a clash already coded is a repeat of
        # the clash, not the first telling of a protest in the same sentence
        exact = [h for h in fitting if event.type in h.types]
        for pool in (exact, fitting):
            open_ = [h for h in pool if h.id not in matched]
            if open_:
                # the happening the evidence itself tells before one only a support tells
                best = max(open_, key=lambda h: (_touches(spans[:1], h) >= MIN_OVERLAP,
                                                 not h.optional, _touches(spans, h)))
                matched.add(best.id)
                verdicts.append(Verdict(event, spans, "right", best,
                                        field_agreement(event, best)))
                break
            if pool:
                verdicts.append(Verdict(event, spans, "repeat", pool[0]))
                break
        else:
            verdicts.append(Verdict(event, spans, "wrong kind", touched[0]))
    return verdicts


def load_judgements(folder: Path, articles: Path, *, half: str = "all"
                    ) -> tuple[list[Judgement], list[str]]:
    """The usable judgements of ``folder`` (one half or all) and why any others are left out."""
    if not folder.is_dir():
        raise EvaluationError("no such folder of judgements", where=str(folder))
    usable, problems = [], []
    for path in sorted(folder.glob("*.yaml")):
        judgement = load_judgement(path)
        if half != "all" and judgement.half != half:
            continue
        problem = article_problem(judgement, articles)
        if problem is not None:
            problems.append(problem)
            continue
        text = (articles / judgement.article).read_text(encoding="utf-8")
        usable.append(load_judgement(path, size=len(text)))  # anchors checked against it
    return usable, problems


def _share(hits: list[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def _summary(done: ArticleJudged) -> dict[str, Any]:
    """One article's figures: events by verdict, precision, recall, fields agreed."""
    listed = {h.id for h in done.judgement.required}
    written = len(done.verdicts)
    row: dict[str, Any] = {
        "row": "article", "article": done.judgement.article, "half": done.judgement.half,
        "kind": done.judgement.kind, "written": written,
        **{verdict: done.count(verdict) for verdict in VERDICTS},
        "precision": done.count("right") / written if written else None,
        "required": len(listed), "found": len(listed & done.found),
        "recall": len(listed & done.found) / len(listed) if listed else None,
    }
    for name in ("actor", "recipient", "place"):
        hits = [v.fields[name] for v in done.verdicts if name in v.fields]
        row[name] = f"{sum(hits)}/{len(hits)}"
    return row


def _listing(done: ArticleJudged) -> list[dict[str, Any]]:
    rows = []
    for v in done.verdicts:
        e = v.event
        rows.append({
            "row": "event", "article": done.judgement.article, "verdict": v.verdict,
            "happening": v.happening.id if v.happening else None,
            "type": e.type, "status": e.status, "trigger": e.trigger,
            "spans": v.spans, "evidence": e.evidence.text[:160],
            "actor": e.actor.name or e.actor.text if e.actor else None,
            "recipient": e.recipient.name or e.recipient.text if e.recipient else None,
            "place": e.location.name if e.location else None,
            "killed": e.killed.value if e.killed else None,
            "fields": v.fields,
        })
    for h in done.judgement.happenings:
        if h.id not in done.found:
            rows.append({"row": "missed", "article": done.judgement.article,
                         "verdict": "missed (optional)" if h.optional else "missed",
                         "happening": h.id, "type": "/".join(h.types),
                         "status": "/".join(h.statuses), "spans": list(h.anchors),
                         "evidence": h.summary})
    return rows


def score_judged(
    folder: Path,
    *,
    articles: Path | None = None,
    half: str = "all",
    limit: int | None = None,
    config: Config,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> EvalResult:
    """Scores eventwire on the articles judged in ``folder`` (see the module's rules).

    ``articles`` is the folder of the article files (default: ``articles`` in the shared data);
    ``limit`` keeps the first N judgements. Articles absent or changed are left out, and named
    in the result's notes.
    """
    if articles is None:
        from ..config import shared_data

        articles = shared_data() / "articles"
    judgements, problems = load_judgements(folder, articles, half=half)
    judgements = judgements[:limit] if limit is not None else judgements
    if on_total is not None:
        on_total(len(judgements))
    texts = {j.article: (articles / j.article).read_text(encoding="utf-8") for j in judgements}
    started = time.perf_counter()
    coded = list(code_articles(
        (Article(id=j.article, raw=texts[j.article], published=j.published) for j in judgements),
        config=config, progress=progress))
    seconds = time.perf_counter() - started
    result = EvalResult("judged", str(folder), len(judgements), seconds,
                        {"trigger_shortcut": config.trigger_shortcut, "model": config.model,
                         "limit": limit, "half": half, "articles": str(articles)},
                        notes=[*RULES, *(f"left out: {p}" for p in problems)])
    done = []
    for judgement, item in zip(judgements, coded, strict=True):
        text = texts[judgement.article]
        verdicts = judge_events(judgement, item.events, Aligner(text), text)
        done.append(ArticleJudged(judgement, verdicts))
    _add_measures(result, done)
    return result


def _add_measures(result: EvalResult, done: list[ArticleJudged]) -> None:
    written = sum(len(d.verdicts) for d in done)
    right = sum(d.count("right") for d in done)
    required = sum(len(d.judgement.required) for d in done)
    found = sum(len({h.id for h in d.judgement.required} & d.found) for d in done)
    result.add("precision", right / written if written else None, written,
               "right events / events written")
    result.add("recall", found / required if required else None, required,
               "required happenings found / listed")
    for verdict in ("repeat", "not an event", "wrong kind"):
        count = sum(d.count(verdict) for d in done)
        result.add(f"{verdict.replace(' ', '_')}s", count, written,
                   f"events judged '{verdict}'", unit="count")
    result.add("events_written", written, len(done), "events eventwire wrote", unit="count")
    result.add("right_events", right, written, "events that tell a listed happening first",
               unit="count")
    result.add("happenings_listed", required, len(done),
               "required happenings (optional ones aside)", unit="count")
    for name in ("actor", "recipient", "place", "killed", "type"):
        hits = [v.fields[name] for d in done for v in d.verdicts if name in v.fields]
        result.add(f"{name}_agreement", _share(hits), len(hits),
                   f"right events whose {name} agrees with the judge's"
                   if name != "type" else "right events whose type is one the judge lists")
    for d in done:
        result.details.append(_summary(d))
        for row in _listing(d):
            result.details.append(row)
            if row["verdict"] in ("right",):
                continue
            severity = {"missed": 0.9, "not an event": 0.7, "repeat": 0.6, "wrong kind": 0.8,
                        "missed (optional)": 0.1}[row["verdict"]]
            result.errors.append(ErrorCase(
                row["verdict"], row["article"], row["evidence"] or "",
                row["happening"] or "-",
                "(none)" if row["verdict"].startswith("missed")
                else f"{row['type']} {row['status']}", severity))
