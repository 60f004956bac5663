"""Place mentions as written out: resolved candidates, and demonyms as their country."""

from __future__ import annotations

from ..model import Document, PlaceMention
from ..nlp import LazyTokens, Segment, capitalised
from .cues import Candidate
from .gazetteer import Gazetteer, Place, normalize
from .unknown import stand_ins


def demonym_mentions(
    document: Document, segments: list[Segment], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Demonyms and country adjectives ("Syrian", "North Korean") as mentions of their country,
    and adjectives of continents and regions ("European", "Latin American") as mentions of them.

    Not places: only for measures (GeoWebNews counts them) and users who ask for them.
    """
    out: list[PlaceMention] = []
    # each stretch's country (or None), asked once per article: capitalised words repeat
    found: dict[str, Place | None] = {}
    for seg in segments:
        tokens = LazyTokens(seg.doc)  # Token objects only for the tokens looked at
        upper = capitalised(seg.doc)
        i = 0
        while i < len(upper):
            if not upper[i]:
                i += 1
                continue
            tok = tokens[i]
            if not tok.is_alpha or tok.lower_ == "the":
                i += 1
                continue
            for width in (2, 1):
                if i + width > len(tokens) or not tokens[i + width - 1].is_alpha:
                    continue  # "Syrian-born": the adjective alone
                last = tokens[i + width - 1]
                # the span's text: the words with the space between them (Span.text)
                text = tok.text if width == 1 else tok.text_with_ws + last.text
                if text in found:
                    country = found[text]
                else:
                    country = found[text] = _demonym_country(normalize(text), gazetteer)
                if country is not None:
                    out.append(PlaceMention(
                        doc_id=document.doc_id, text=text,
                        start=seg.start + tok.idx, end=seg.start + last.idx + len(last.text),
                        name=country.name, geonameid=country.geonameid,
                        lat=round(country.lat, 5), lon=round(country.lon, 5),
                        country=country.country, feature="demonym",
                    ))  # fmt: skip
                    i += width - 1
                    break
            i += 1
    return out


def _demonym_country(norm: str, gazetteer: Gazetteer) -> Place | None:
    """The continent, region or nation an adjective names ("European", "English": the
    continent, region or nation, before a country it is also said of, England not the UK)."""
    country = gazetteer.region_demonyms.get(norm) or (
        gazetteer.region_demonyms.get(norm[:-1]) if norm.endswith("s") else None)
    if country is None:
        iso3 = gazetteer.demonyms.get(norm)
        if iso3 is None and norm.endswith("s"):
            iso3 = gazetteer.demonyms.get(norm[:-1])
        country = gazetteer.countries.get(iso3 or "")
    return country


def to_mentions(
    document: Document, resolved: list[tuple[Candidate, Place | None]], *, keep_unresolved: bool
) -> list[PlaceMention]:
    """The mentions written out, first of overlapping stretches winning. A place the gazetteer
    lacks that the text places (``unknown.stand_ins``) gets that place's point, with
    ``feature`` "inside" or "local"; other unresolved ones are kept without coordinates when
    ``keep_unresolved`` (and tagged as places by spaCy, or qualified by a unit)."""
    mentions: list[PlaceMention] = []
    standing = stand_ins(document, resolved) if keep_unresolved else {}
    last_end = -1
    for cand, place in resolved:
        if cand.start < last_end:
            continue  # overlapping stretches: the first wins
        if place is None and not (keep_unresolved and (cand.strong or cand.qualifier)) and (
            id(cand) not in standing
        ):
            continue
        last_end = cand.end
        feature = place.feature if place else None
        if place is None and id(cand) in standing:
            place, feature = standing[id(cand)]
        mentions.append(
            PlaceMention(
                doc_id=document.doc_id,
                text=document.text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                name=place.name if place else None,
                geonameid=place.geonameid if place else None,
                lat=round(place.lat, 5) if place else None,
                lon=round(place.lon, 5) if place else None,
                admin1=place.admin1 if place else None,
                country=place.country if place else None,
                feature=feature,
                population=place.population if place and place.population else None,
            )
        )
    return mentions
