"""Incidents across articles: the event mentions of many outlets that tell one happening.

    mentions ─► blocks (place cell x date bucket; country x date bucket for coarse places)
             ─► pairs within neighbouring blocks, never two of one article
             ─► ``extract.happening.same_happening`` (the one rule, shared with the mentions
                of one article) at or above ``link_threshold``
             ─► connected components ─► one ``Incident`` each, summarised

Why connected components: an incident is then a property of the pairs alone, so the partition
does not depend on the order articles arrive in, and a new article joins the incidents its
events link to (merging them if it links several) without reclustering the rest. The incident
id is a hash of its smallest event id, so any order of arrival also gives the same ids.

Blocking keeps the work about linear: a mention is compared only with mentions in its own and
the neighbouring place cells (``cell_km`` wide) and date buckets (``bucket_days`` long). A
mention placed only at a region, a country or not by coordinates is compared with every
mention of its country in the neighbouring buckets. Unplaced and undated mentions stay alone:
nothing says where or when they were.

The summary follows ACLED: one type, place and date; killed and injured as the most
conservative well-sourced figure (the largest toll at least two outlets confirm; one outlet's
own when only one reports), with the low-high range across outlets. Knobs:
``resources/incidents.yaml``.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .extract.happening import (
    dates_compatible,
    evidence_signature,
    evidence_similarity,
    family,
    place_contains,
    places_compatible,
    same_happening,
)
from .model import COUNTED_STATUSES, AcledType, Actor, Count, DateValue, Event, Evidence, Location
from .resources import load_yaml

KM_PER_DEGREE = 111.2
_FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "sea": 3, "country": 4,
                 "continent": 5}


@dataclass(frozen=True)
class ClusterRules:
    link_threshold: float
    min_evidence_similarity: float
    min_evidence_similarity_undated: float
    cell_km: float
    bucket_days: int
    fine_features: frozenset[str]
    fine_max_precision: int
    unlinked_features: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> ClusterRules:
    data = load_yaml("incidents.yaml")["clustering"]
    return ClusterRules(
        link_threshold=float(data["link_threshold"]),
        min_evidence_similarity=float(data["min_evidence_similarity"]),
        min_evidence_similarity_undated=float(data["min_evidence_similarity_undated"]),
        cell_km=float(data["cell_km"]),
        bucket_days=int(data["bucket_days"]),
        fine_features=frozenset(data["fine_features"]),
        fine_max_precision=int(data["fine_max_precision"]),
        unlinked_features=frozenset(data["unlinked_features"]),
    )


_ARCHIVES = frozenset({"web.archive.org", "archive.org", "archive.ph", "archive.today"})


@lru_cache(maxsize=4096)  # every mention of an article asks it of the same URL
def outlet_of(url: str | None) -> str | None:
    """The outlet of a URL: its host without ``www.``, looking through a web archive's address
    (``web.archive.org/web/2014.../http://www.wkrn.com/...``) to the page it archived."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if host in _ARCHIVES:
        inner = parts.path.split("/", 3)[-1] if parts.path.count("/") >= 3 else ""
        if "://" in inner:
            return outlet_of(inner)
    return host or None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as an article told it, with what clustering needs of the article."""

    event: Event
    published: date | None = None
    site: str | None = None  # the outlet: its site name or URL host
    url: str | None = None
    title: str | None = None
    incident_id: str | None = None  # where the store has put it so far
    # the names the whole article gives for its events (``in_context``)
    signature: frozenset[str] = frozenset()
    # the place the whole article tells its events at most (``in_context``)
    article_place: Location | None = None
    # copies of the event's ids, read millions of times while clustering
    id: str = field(init=False, repr=False)
    doc_id: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.event.id)
        object.__setattr__(self, "doc_id", self.event.doc_id)

    @property
    def outlet(self) -> str:
        """Who told it: the site, else the URL's host (through web archives), else the article."""
        if self.site and self.site not in _ARCHIVES:
            return self.site
        return outlet_of(self.url) or self.site or self.event.doc_id

    @property
    def day(self) -> date | None:
        """The day the blocking files it under: its date, else its article's publication."""
        return self.event.date.value if self.event.date is not None else self.published

    @property
    def counted(self) -> bool:
        return self.event.status in COUNTED_STATUSES


# -- blocking ------------------------------------------------------------------------------

def _is_fine(event: Event) -> bool:
    loc = event.location
    return (loc is not None and loc.lat is not None and loc.lon is not None
            and (loc.feature or "city") in rules().fine_features
            and loc.precision <= rules().fine_max_precision)


def _row(lat: float) -> int:
    return math.floor(lat * KM_PER_DEGREE / rules().cell_km)


def _col(lon: float, row: int) -> int:
    """Columns are ``cell_km`` wide at the row's middle latitude, so cells stay square-ish."""
    middle = (row + 0.5) * rules().cell_km / KM_PER_DEGREE
    width = KM_PER_DEGREE * max(math.cos(math.radians(middle)), 0.05)
    return math.floor(lon * width / rules().cell_km)


def _bucket(day: date) -> int:
    return day.toordinal() // rules().bucket_days


def _blockable(mention: Mention) -> bool:
    """Whether a mention can link to another article's: placed more finely than a country,
    and dated (by the text or its publication)."""
    loc = mention.event.location
    return (loc is not None and (loc.feature or "city") not in rules().unlinked_features
            and mention.day is not None)


def fine_cell(mention: Mention) -> tuple[int, int] | None:
    """The place cell of a precisely placed mention, else ``None``."""
    if not _is_fine(mention.event):
        return None
    loc = mention.event.location
    assert loc is not None and loc.lat is not None and loc.lon is not None
    row = _row(loc.lat)
    return row, _col(loc.lon, row)


class Blocks:
    """Mentions filed by place cell and date bucket, to find each one's neighbours fast."""

    def __init__(self) -> None:
        self.fine: dict[tuple[int, int, int], list[Mention]] = defaultdict(list)
        self.by_country: dict[tuple[str | None, int], list[Mention]] = defaultdict(list)
        self.coarse: dict[tuple[str | None, int], list[Mention]] = defaultdict(list)
        # by name too: "Springfield" in one story may be the other's Springfield 400 km off
        self.by_name: dict[tuple[str | None, str, int], list[Mention]] = defaultdict(list)

    def add(self, mention: Mention) -> None:
        if not _blockable(mention):
            return
        assert mention.day is not None and mention.event.location is not None
        bucket = _bucket(mention.day)
        country = mention.event.location.country
        cell = fine_cell(mention)
        if cell is not None:
            self.fine[(cell[0], cell[1], bucket)].append(mention)
            self.by_name[(country, _place_name(mention), bucket)].append(mention)
        else:
            self.coarse[(country, bucket)].append(mention)
        self.by_country[(country, bucket)].append(mention)

    def neighbours(self, mention: Mention) -> Iterator[Mention]:
        """Every filed mention that may tell the same happening as ``mention`` (a superset)."""
        if not _blockable(mention):
            return
        assert mention.day is not None and mention.event.location is not None
        bucket = _bucket(mention.day)
        country = mention.event.location.country
        buckets = (bucket - 1, bucket, bucket + 1)
        if fine_cell(mention) is None:
            for b in buckets:
                yield from self.by_country.get((country, b), ())
            return
        loc = mention.event.location
        assert loc.lat is not None and loc.lon is not None
        row = _row(loc.lat)
        for r in (row - 1, row, row + 1):
            col = _col(loc.lon, r)
            for c in (col - 1, col, col + 1):
                for b in buckets:
                    yield from self.fine.get((r, c, b), ())
        for b in buckets:
            yield from self.coarse.get((country, b), ())
            yield from self.by_name.get((country, _place_name(mention), b), ())


def _place_name(mention: Mention) -> str:
    location = mention.event.location
    return location.name.casefold() if location is not None else ""


# -- linking -------------------------------------------------------------------------------

def link_score(a: Mention, b: Mention, *, similarity: float | None = None) -> float:
    """How likely two mentions of different articles tell one happening; 0.0 if they cannot.

    Across articles both must be placed in agreement: a place left unsaid by one outlet is
    too weak a tie between two reports (within one article, the discourse supplies it).
    ``similarity``: their signatures' ``evidence_similarity``, if the caller knows it.
    """
    if a.doc_id == b.doc_id:
        return 0.0
    if similarity is None:  # the cheapest test first
        similarity = evidence_similarity(a.signature, b.signature)
    if similarity < rules().min_evidence_similarity:
        return 0.0
    placed = _placed_alike(a, b)
    if placed is None:
        return 0.0
    event_a, event_b = a.event, b.event
    if placed != (event_a.location, event_b.location):
        event_a = event_a.model_copy(update={"location": placed[0]})
        event_b = event_b.model_copy(update={"location": placed[1]})
    if (similarity < rules().min_evidence_similarity_undated
            and dates_compatible(event_a, event_b, a.published, b.published) is not True):
        return 0.0
    return same_happening(event_a, event_b, published_a=a.published, published_b=b.published,
                          across_articles=True)


def _placed_alike(a: Mention, b: Mention) -> tuple[Location, Location] | None:
    """Whether two reports place their happening alike: by the events' own places, or, when
    those disagree, by the place either whole article tells its events at (one outlet's
    sentence may name a street's namesake or a county where the rest of its story, like the
    other outlet's, names the city)."""
    for one in (a.event.location, a.article_place):
        for other in (b.event.location, b.article_place):
            if (one is not None and other is not None and places_compatible(one, other) is True
                    and place_contains(one, other)):
                return one, other
    return None


def _at_article_place(mention: Mention) -> Mention | None:
    """The mention as if told at its article's place, for blocking, when that differs."""
    place = mention.article_place
    own = mention.event.location
    if place is None or own is None or (
            (place.name, place.country, place.admin1) == (own.name, own.country, own.admin1)):
        return None
    return replace(mention, event=mention.event.model_copy(update={"location": place}))


def in_context(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions as clustering reads them, with what their whole article says.

    Each gets its article's evidence signature (the names in its title and in every event
    sentence), and an unplaced event the place its article's other events are told at most
    (precision at least 2, basis "article"): a report that says "the victim died at the
    scene" tells it where the rest of the article is. ``mentions`` must hold every event of
    each article they come from, so the result does not depend on which were loaded.
    """
    read: dict[str, ArticleContext] = {}
    for mention in mentions:
        read.setdefault(mention.doc_id, ArticleContext()).add(mention)
    context = {doc: told.result() for doc, told in read.items()}
    return [with_context(mention, *context[mention.doc_id]) for mention in mentions]


Context = tuple[frozenset[str], Location | None]


class ArticleContext:
    """What ``in_context`` reads of one whole article, fed one mention at a time, so that a
    long article's events need not all be held whole to read it: the names of its title and
    of every sentence its events are told with, and its most told place (the first told, by
    evidence offset then arrival, of the most frequent name; ties to the smallest)."""

    def __init__(self) -> None:
        self.title = ""
        self.names: set[str] = set()
        self.places: Counter[tuple[str, str | None, str | None]] = Counter()
        self.first: dict[tuple[str, str | None, str | None], tuple[int, int, Location]] = {}
        self.seen = 0

    def add(self, mention: Mention) -> None:
        if not self.title and mention.title:
            self.title = mention.title
        self.names.update(evidence_signature(_told([mention])))
        loc = mention.event.location
        if loc is not None:
            key = (loc.name, loc.country, loc.admin1)
            self.places[key] += 1
            rank = (mention.event.evidence.start, self.seen)
            if key not in self.first or rank < self.first[key][:2]:
                self.first[key] = (*rank, loc)
        self.seen += 1

    def result(self) -> Context:
        signature = frozenset(self.names | evidence_signature([headline_of(self.title)]))
        if not self.places:
            return signature, None
        # namesakes in different states are different places ("Dayton")
        name = min(self.places, key=lambda v: (-self.places[v], str(v)))
        chosen = self.first[name][2]
        return signature, chosen.model_copy(update={"precision": max(chosen.precision, 2),
                                                    "basis": "article"})


def with_context(mention: Mention, signature: frozenset[str], place: Location | None
                 ) -> Mention:
    """``mention`` with its article's signature and place (``in_context``)."""
    event = mention.event
    if event.location is None and place is not None:
        event = event.model_copy(update={"location": place})
    return replace(mention, event=event, signature=signature, article_place=place)


# what linking reads of an event (``link_score``, ``Blocks``): the rest of a stored record
# (its sentences, supports, weapon, size...) is left out of a lean event
_LEAN_FIELDS = ("id", "doc_id", "type", "mode", "acled", "status", "actor", "recipient",
                "location", "date", "killed")
_LEAN_PARTS: dict[str, tuple[type[Any], frozenset[str], dict[str, Any]]] = {
    "acled": (AcledType, frozenset(), {}),
    "actor": (Actor, frozenset({"start", "end"}), {}),
    "recipient": (Actor, frozenset({"start", "end"}), {}),
    "location": (Location, frozenset({"text", "start", "end"}), {}),
    "date": (DateValue, frozenset({"text"}), {}),
    "killed": (Count, frozenset({"text", "children"}), {"text": ""}),
}
_NO_EVIDENCE = Evidence(text="", start=0, end=0)
# every other field at its default, given (pydantic finds a default factory's signature
# each time it constructs one)
_LEAN_DEFAULTS: dict[str, Any] = {
    name: field.default for name, field in Event.model_fields.items()
    if name not in _LEAN_FIELDS and field.default_factory is None}
_LEAN_DEFAULTS["evidence"] = _NO_EVIDENCE


class LeanEvents:
    """Stored event records as lean ``Event``s, for linking many mentions in little memory:
    only the fields ``link_score`` and blocking read, no evidence text, and equal parts
    (the place, the date, an actor) one shared object. A lean event is never summarised:
    ``summarize`` reads whole records."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}
        self._fields: dict[frozenset[str], set[str]] = {}

    def __call__(self, record: dict[str, Any]) -> Event:
        """The lean event of a stored record (validated when it was stored: its parts are
        validated once each here, the event itself is constructed)."""
        values: dict[str, Any] = {**_LEAN_DEFAULTS, "supports": []}
        for name in _LEAN_FIELDS:
            value = record.get(name)
            if isinstance(value, dict):
                model, dropped, filler = _LEAN_PARTS[name]
                kept = tuple(sorted((k, v) for k, v in value.items() if k not in dropped))
                key = (model.__name__, kept)
                part = self._parts.get(key)
                if part is None:
                    part = self._parts[key] = model.model_validate({**dict(kept), **filler})
                value = part
            if value is not None:
                values[name] = value
        values["id"] = sys.intern(values["id"])
        values["doc_id"] = sys.intern(values["doc_id"])
        # one set of field names for all: pydantic copies it before changing it (model_copy)
        given = frozenset(k for k in values if k in _LEAN_FIELDS or k == "evidence")
        fields = self._fields.setdefault(given, set(given))
        return Event.model_construct(fields, **values)


_TITLE_PARTS = re.compile(r"\s+[-|–—]\s+|\s*\|\s*")


def headline_of(title: str | None) -> str:
    """The headline of a page title, without the outlet's name that pages append ("Man shot
    on Elm St - WSFA.com Montgomery Alabama news"): every page of one outlet shares those
    names, and they would make two of its stories on two shootings look alike."""
    if not title:
        return ""
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    # the headline leads; a section name before it ("News | ...") is shorter than a headline
    return next((p for p in parts if len(p.split()) >= 3), title)


def _told(own: Sequence[Mention]) -> Iterator[str]:
    """Every sentence an article tells its events with: each event's evidence and every span
    that supports it (the victim's name is often in the sentence that gives the toll)."""
    for mention in own:
        yield mention.event.evidence.text
        for support in mention.event.supports:
            yield support.text


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent.setdefault(parent, parent)
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id roots the component: deterministic, whatever the order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def incident_id(event_ids: Iterable[str]) -> str:
    """A stable id for the incident of these events: a hash of the smallest event id."""
    return hashlib.blake2b(min(event_ids).encode(), digest_size=10).hexdigest()


def components(mentions: Sequence[Mention], *, fresh: set[str] | None = None,
               threshold: float | None = None) -> list[list[Mention]]:
    """The mentions grouped into connected components of "same happening" links.

    With ``fresh`` (ids of new mentions), only pairs involving a fresh mention are scored, and
    mentions sharing a stored ``incident_id`` start joined: the incremental case, where the
    stored incidents are the components of the pairs scored before.
    """
    threshold = rules().link_threshold if threshold is None else threshold
    uf = _UnionFind()
    blocks = Blocks()
    by_incident: dict[str, str] = {}
    similarities: dict[tuple[int, int], float] = {}
    # mentions of one article are never linked here (``link_score``): one article alone (a
    # long one: 100,000 events) needs no blocking, nor a copy of each mention to block with
    linking = len({m.doc_id for m in mentions}) > 1
    elsewhere = {m.id: _at_article_place(m) if linking else None for m in mentions}
    for mention in mentions:
        uf.find(mention.id)
        if linking:
            blocks.add(mention)
        if elsewhere[mention.id] is not None:
            blocks.add(elsewhere[mention.id])  # type: ignore[arg-type]
        if fresh is not None and mention.incident_id and mention.id not in fresh:
            first = by_incident.setdefault(mention.incident_id, mention.id)
            uf.union(first, mention.id)
    for mention in mentions if linking else ():
        if fresh is not None and mention.id not in fresh:
            continue
        probes = [p for p in (mention, elsewhere[mention.id]) if p is not None]
        for other in (o for p in probes for o in blocks.neighbours(p)):
            # each pair once: from its smaller id when both are to be scored from
            if other.id <= mention.id and (fresh is None or other.id in fresh):
                continue
            if other.doc_id == mention.doc_id or uf.find(mention.id) == uf.find(other.id):
                continue
            # once per pair of signatures (an article's mentions share one: a long article's
            # holds thousands of names)
            pair = (id(mention.signature), id(other.signature))
            similarity = similarities.get(pair)
            if similarity is None:
                similarity = similarities[pair] = evidence_similarity(mention.signature,
                                                                      other.signature)
            if link_score(mention, other, similarity=similarity) >= threshold:
                uf.union(mention.id, other.id)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[uf.find(mention.id)].append(mention)
    return [sorted(group, key=lambda m: m.id) for _, group in sorted(groups.items())]


# -- the incident ----------------------------------------------------------------------------

@dataclass
class Figure:
    """Killed or injured across outlets: the chosen value, its range, each outlet's figure."""

    value: int | None = None
    low: int | None = None
    high: int | None = None
    by_source: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high,
                "by_source": dict(sorted(self.by_source.items()))}


@dataclass
class Incident:
    """One happening told by one or more articles, summarised the way ACLED codes an event."""

    id: str
    mentions: list[Mention]
    type: str
    family: str
    status: str
    date: date | None
    date_precision: str | None
    location: dict[str, Any] | None
    killed: Figure
    injured: Figure
    sources: list[dict[str, Any]]
    acled: dict[str, Any] | None = None
    actor: dict[str, Any] | None = None
    recipient: dict[str, Any] | None = None

    @property
    def event_ids(self) -> list[str]:
        return [m.id for m in self.mentions]

    @property
    def doc_ids(self) -> list[str]:
        return sorted({m.doc_id for m in self.mentions})

    @property
    def n_sources(self) -> int:
        return len({m.outlet for m in self.mentions})

    @property
    def first_report(self) -> date | None:
        return min((m.published for m in self.mentions if m.published), default=None)

    @property
    def last_report(self) -> date | None:
        return max((m.published for m in self.mentions if m.published), default=None)

    @property
    def counted(self) -> bool:
        return self.status in COUNTED_STATUSES

    @property
    def title(self) -> str | None:
        firsts = sorted(self.sources, key=lambda s: (s["published"] or "9999", s["doc_id"]))
        return next((s["title"] for s in firsts if s.get("title")), None)

    def record(self) -> dict[str, Any]:
        """The incident as JSON: what ``eventwire incidents --format jsonl`` prints."""
        first, last = self.first_report, self.last_report
        return {
            "id": self.id,
            "type": self.type,
            "family": self.family,
            "status": self.status,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "location": self.location,
            "killed": self.killed.value,
            "injured": self.injured.value,
            "fatalities": self.killed.as_dict(),
            "injuries": self.injured.as_dict(),
            "acled": self.acled,
            "actor": self.actor,
            "recipient": self.recipient,
            "sources": self.n_sources,
            "first_report": first.isoformat() if first else None,
            "last_report": last.isoformat() if last else None,
            "doc_ids": self.doc_ids,
            "event_ids": self.event_ids,
            "articles": self.sources,
            "evidence": [m.event.evidence.text for m in self.mentions][:20],
        }


def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent value; ties go to the smallest, so the choice is deterministic."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def toll(mentions: Sequence[Mention], attribute: str) -> Figure:
    """Killed or injured of one incident, as ACLED codes it.

    Each outlet's figure is what its latest article says (tolls are revised up as the dead are
    found; the largest figure of that article's events). The incident's figure is the largest
    toll at least two outlets confirm (two outlets saying 11 and 8 confirm 8), or the one
    outlet's figure when only one gives one: the most conservative well-sourced figure.
    """
    latest: dict[str, tuple[date, str, int]] = {}
    for mention in mentions:
        count = getattr(mention.event, attribute)
        if count is None or not mention.counted:
            continue
        told = (mention.published or date.min, mention.doc_id, count.value)
        if mention.outlet not in latest or told > latest[mention.outlet]:
            latest[mention.outlet] = told
    by_source = {outlet: value for outlet, (_, _, value) in latest.items()}
    if not by_source:
        return Figure()
    figures = sorted(by_source.values(), reverse=True)
    value = figures[1] if len(figures) >= 2 else figures[0]
    return Figure(value=value, low=min(figures), high=max(figures), by_source=by_source)


def _location(mentions: Sequence[Mention]) -> dict[str, Any] | None:
    placed = [m.event.location for m in mentions if m.event.location is not None]
    if not placed:
        return None
    best = min(placed, key=lambda loc: (loc.precision, _FEATURE_RANK.get(loc.feature or "", 3)))
    peers = [loc for loc in placed if (loc.precision, loc.feature) == (best.precision,
                                                                         best.feature)]
    name = _most_common(loc.name for loc in peers)
    chosen = next(loc for loc in peers if loc.name == name)
    return chosen.model_dump(mode="json", exclude={"text", "start", "end", "basis"})


def _date(mentions: Sequence[Mention]) -> tuple[date | None, str | None]:
    dated = [m.event.date for m in mentions if m.event.date is not None]
    for told in ([d for d in dated if d.basis != "published" and d.precision == "day"],
                 [d for d in dated if d.basis != "published"], dated):
        if told:
            value = _most_common(d.value for d in told)
            return value, next(d.precision for d in told if d.value == value)
    published = min((m.published for m in mentions if m.published), default=None)
    return published, "day" if published else None


def _actor(mentions: Sequence[Mention], role: str) -> dict[str, Any] | None:
    actors = [getattr(m.event, role) for m in mentions if getattr(m.event, role) is not None]
    named = [a for a in actors if a.basis == "text"] or actors
    if not named:
        return None
    name = _most_common(a.name or a.text for a in named)
    chosen = next(a for a in named if (a.name or a.text) == name)
    return chosen.model_dump(mode="json", exclude={"start", "end"})


def _sources(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    out = []
    for doc_id, told in sorted(by_doc.items()):
        m = told[0]
        own = [x for x in told if x.counted]
        killed = max((x.event.killed.value for x in own if x.event.killed), default=None)
        injured = max((x.event.injured.value for x in own if x.event.injured), default=None)
        out.append({"doc_id": doc_id, "site": m.outlet, "url": m.url, "title": m.title,
                    "published": m.published.isoformat() if m.published else None,
                    "killed": killed, "injured": injured})
    return out


def summarize(mentions: Sequence[Mention]) -> Incident:
    """The incident these mentions tell: one type, place, date and toll, and its sources."""
    mentions = sorted(mentions, key=lambda m: m.id)
    core = [m for m in mentions if m.counted] or list(mentions)
    type_ = _most_common(m.event.type for m in core)
    typed = [m for m in core if m.event.type == type_]
    status = _most_common(m.event.status for m in core)
    when, precision = _date(core)
    acled = _most_common((m.event.acled.event_type, m.event.acled.sub_event_type)
                         for m in typed if m.event.acled is not None)
    return Incident(
        id=incident_id(m.id for m in mentions),
        mentions=list(mentions),
        type=type_,
        family=family(typed[0].event),
        status=status,
        date=when,
        date_precision=precision,
        location=_location(core),
        killed=toll(mentions, "killed"),
        injured=toll(mentions, "injured"),
        sources=_sources(mentions),
        acled={"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        actor=_actor(typed, "actor"),
        recipient=_actor(typed, "recipient"),
    )


def cluster(mentions: Sequence[Mention]) -> list[Incident]:
    """Every incident these mentions tell (a rebuild from scratch), ordered by id."""
    return sorted((summarize(group) for group in components(mentions)), key=lambda i: i.id)
