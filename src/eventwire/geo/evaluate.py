"""Scoring the geoparser against GeoWebNews (Gritta et al. 2019).

``score_gwn(path)`` reads ``GWN.xml`` (200 news pages, toponyms with character offsets and
GeoNames coordinates), codes every article's text as given through the same path as
``eventwire places`` (``Pipeline(all_places=True)``, offsets into the text as given), and counts,
over all gold toponyms that carry coordinates, those eventwire found (a resolved mention
overlapping the gold span) and resolved within 161 km (the field's usual "accuracy@161km": a
gold toponym not found, or resolved farther, counts as wrong), within 25 km, and the median
error of the found ones. Demonyms and metonymic uses are in the gold set ("Syrian", "Moscow
said"); ``eventwire places`` writes demonyms as mentions of their country (feature
"demonym"), so they are scored as a user gets them. ``by_type`` shows where the misses fall.

``half`` keeps the articles of one half: "dev" to look at errors and make rules from, "check"
to see whether a rule holds on articles it was not made from (``half_of``, a hash of the
article's file number).
"""

from __future__ import annotations

import hashlib
import logging
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from ..config import Config, load_config
from ..errors import MalformedInputError
from ..model import Article, PlaceMention
from .gazetteer import haversine_km

logger = logging.getLogger(__name__)

HALVES = ("dev", "check", "all")


def half_of(article_id: str) -> Literal["dev", "check"]:
    """The half an article belongs to, "dev" or "check", fixed by a hash of its id."""
    digest = hashlib.sha256(f"gwn:{article_id}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "check"


def read_gwn(
    path: Path, *, limit: int | None = None, half: str = "all"
) -> list[dict[str, Any]]:
    """The articles of ``GWN.xml``: ``{"id", "text", "toponyms": [{start, end, lat, lon}]}``.

    ``path`` is the XML file or the dataset's folder that holds it; ``half`` keeps one half
    (``half_of``), ``limit`` the first that many articles of it."""
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}; known: {', '.join(HALVES)}")
    if path.is_dir():
        path = path / "GWN.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise MalformedInputError(f"cannot read GeoWebNews XML: {err}", where=str(path)) from err
    articles: list[dict[str, Any]] = []
    for number, article in enumerate(root.iter("article")):
        article_id = article.get("file") or str(number)
        if half != "all" and half_of(article_id) != half:
            continue
        toponyms = []
        for t in article.iter("toponym"):
            lat = (t.findtext("latitude") or "").strip()
            lon = (t.findtext("longitude") or "").strip()
            if not lat or not lon:
                continue
            toponyms.append({
                "start": int(t.findtext("start") or 0), "end": int(t.findtext("end") or 0),
                "lat": float(lat), "lon": float(lon), "type": t.findtext("type") or "",
                "name": t.findtext("extractedName") or "",
            })  # fmt: skip
        articles.append({
            "id": article_id,
            "text": article.findtext("text") or "",
            "title": article.findtext("title"),
            "toponyms": toponyms,
        })  # fmt: skip
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _matched(gold: dict[str, Any], resolved: list[PlaceMention]) -> PlaceMention | None:
    """The resolved mention that overlaps the gold span most, or ``None``."""
    overlapping = [m for m in resolved if m.start < gold["end"] and m.end > gold["start"]]
    if not overlapping:
        return None
    return max(overlapping,
               key=lambda m: min(m.end, gold["end"]) - max(m.start, gold["start"]))


def score_gwn(
    path: Path,
    *,
    limit: int | None = None,
    config: Config | None = None,
    model: str | None = None,
    min_population: int | None = None,
    misses: list[dict[str, Any]] | None = None,
    half: str = "all",
) -> dict[str, Any]:
    """Accuracy@161km, @25km and median km of ``eventwire places`` on GeoWebNews.

    ``misses``, when given, receives one record per gold toponym not resolved within 161 km.
    """
    from ..pipeline import Pipeline  # the pipeline imports geo

    # ``places`` parses every paragraph whatever the trigger shortcut says
    config = config or load_config(model=model, gazetteer_min_population=min_population)
    articles = read_gwn(Path(path), limit=limit, half=half)
    pipeline = Pipeline(config, all_places=True)
    gold_total = found = within161 = within25 = 0
    errors: list[float] = []
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    output_mentions = output_resolved = 0
    started = time.perf_counter()
    coded_all = pipeline.process(Article(id=a["id"], raw=a["text"]) for a in articles)
    for article, coded in zip(articles, coded_all, strict=True):
        if coded.error is not None:
            logger.warning("%s: %s", article["id"], coded.error)
        text = article["text"]
        output_mentions += len(coded.places)
        resolved = [m for m in coded.places if m.lat is not None and m.lon is not None]
        output_resolved += len(resolved)
        for gold in article["toponyms"]:
            gold_total += 1
            by_type[gold["type"]] += 1
            best = _matched(gold, resolved)
            km = None
            if best is not None:
                assert best.lat is not None and best.lon is not None
                km = haversine_km(best.lat, best.lon, gold["lat"], gold["lon"])
                found += 1
                errors.append(km)
                within161 += km <= 161
                within25 += km <= 25
                if km <= 161:
                    by_type_ok[gold["type"]] += 1
            if (km is None or km > 161) and misses is not None:
                misses.append({
                    "article": article["id"], "gold": gold["name"], "type": gold["type"],
                    "got": best.name if best else None,
                    "country": best.country if best else None,
                    "feature": best.feature if best else None,
                    "km": None if km is None else round(km), "start": gold["start"],
                    "gold_lat": gold["lat"], "gold_lon": gold["lon"],
                    "context": text[max(0, gold["start"] - 40): gold["end"] + 30],
                })  # fmt: skip
    total = max(gold_total, 1)
    return {
        "articles": len(articles),
        "half": half,
        "gold_toponyms": gold_total,
        "found": found,
        "recall": round(found / total, 4),
        "accuracy_161km": round(within161 / total, 4),
        "accuracy_25km": round(within25 / total, 4),
        "accuracy_161km_of_found": round(within161 / max(found, 1), 4),
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "output_mentions": output_mentions,
        "output_resolved": output_resolved,
        "by_type": {
            t: {"gold": n, "ok_161km": by_type_ok[t], "accuracy": round(by_type_ok[t] / n, 3)}
            for t, n in by_type.most_common()
        },
        "seconds": round(time.perf_counter() - started, 2),
        "min_population": config.gazetteer_min_population,
    }
