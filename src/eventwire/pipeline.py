"""The one place that knows the order of the stages.

    article ─► clean ─► select ─► nlp ─► places ─► extract ─► locate ─► events

1. ``clean``: raw text or HTML to a ``Document`` (main text, paragraphs, metadata, language).
2. ``select``: the trigger lexicon (one Aho-Corasick automaton) marks the paragraphs that can
   hold an event; only those, plus the title, go through spaCy (``trigger_shortcut``; off, every
   paragraph does).
3. ``nlp``: the spaCy pipeline over the selected stretches, batched across articles.
4. ``places``: every place mention resolved to the gazetteer, settled by the article's context.
5. ``extract``: events with their roles, counts, dates, status, attribution and evidence.
6. ``locate``: each event gets the place its evidence supports.
7. ``offsets``: every span of every event and place moves from the cleaned text to the text as
   given (plain text; an HTML page's spans index its cleaned text, ``Coded.text``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from . import clean as clean_stage
from . import geo
from .config import Config, load_config
from .errors import CodingError, EventwireError
from .extract import extract_events, select_spans
from .extract.actors import localise
from .model import Article, Document, Event, PlaceMention, doc_id_for
from .nlp import Segment, bounded, load, parse_segments
from .offsets import OffsetMap, spans_to_source

logger = logging.getLogger(__name__)

# an article whose stretches to parse are longer than this is coded window by window
WINDOW_CHARS = 50_000


@dataclass
class Coded:
    """What the pipeline made of one article: its document, events and places, or its error.

    Every offset in ``events`` and ``places`` indexes ``text``: the article as given for plain
    text (``text_is_input``), the cleaned ``document.text`` for an HTML page.
    """

    article: Article
    document: Document | None = None
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    error: EventwireError | None = None
    offset_map: OffsetMap | None = field(default=None, repr=False)

    @property
    def text_is_input(self) -> bool:
        return self.offset_map is not None

    @property
    def text(self) -> str | None:
        """The text every offset of this article's events and places indexes."""
        if self.offset_map is not None:
            return self.article.raw
        return self.document.text if self.document is not None else None


class Pipeline:
    """Codes articles in batches. Holds the spaCy pipeline and the options, built once.

    >>> pipeline = Pipeline()
    >>> for coded in pipeline.process(articles):
    ...     print(coded.article.id, len(coded.events), coded.error)
    """

    def __init__(self, config: Config | None = None, *, all_places: bool = False) -> None:
        self.config = config or load_config()
        self.nlp = load(self.config.model)
        # `eventwire places` wants every place mention, so it parses every paragraph
        self.all_places = all_places

    def process(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """Code each article; an article that cannot be read yields a ``Coded`` with its error."""
        batch: list[Coded] = []
        for article in articles:
            batch.append(Coded(article))
            if len(batch) >= self.config.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Coded]) -> list[Coded]:
        stretches: list[tuple[int, str]] = []
        owners: list[int] = []
        large: dict[int, list[tuple[int, str]]] = {}
        for index, coded in enumerate(batch):
            try:
                coded.document, coded.offset_map = clean_stage.clean_mapped(
                    coded.article, config=self.config)
            except Exception as exc:
                _fail(coded, exc)
                continue
            shortcut = self.config.trigger_shortcut and not self.all_places
            # a megabyte-long line in pieces spaCy can take
            own = [piece for span in select_spans(coded.document, shortcut=shortcut)
                   for piece in bounded(*span)]
            if sum(len(text) for _, text in own) > WINDOW_CHARS:
                large[index] = own  # coded alone, window by window, in bounded memory
                continue
            stretches.extend(own)
            owners.extend([index] * len(own))
        segments = parse_segments(self.nlp, stretches, batch_size=self.config.nlp_batch_size)
        per_article: dict[int, list[Segment]] = {}
        for owner, segment in zip(owners, segments, strict=True):
            per_article.setdefault(owner, []).append(segment)
        for index, coded in enumerate(batch):
            if coded.document is None:
                continue
            try:
                if index in large:
                    self._code_large(coded, large[index])
                else:
                    self._code_document(coded, per_article.get(index, []))
                _to_source(coded)
            except Exception as exc:
                _fail(coded, exc)
        return batch

    def _code_large(self, coded: Coded, stretches: list[tuple[int, str]]) -> None:
        """An article too long to parse at once, a window of stretches at a time: memory is
        bounded by the window, whatever the article's length (places settle per window)."""
        document = coded.document
        assert document is not None
        coded.places, coded.events = [], []
        for window in _windows(stretches, WINDOW_CHARS):
            segments = parse_segments(self.nlp, window, batch_size=self.config.nlp_batch_size)
            places = geo.find_places(document, segments)
            events = geo.locate_events(extract_events(document, segments), places, document)
            coded.places.extend(places)
            coded.events.extend(_with_local_actors(event) for event in events)

    def _code_document(self, coded: Coded, segments: list[Segment]) -> None:
        document = coded.document
        assert document is not None
        coded.places = geo.find_places(document, segments)
        events = extract_events(document, segments, places=coded.places)
        coded.events = [_with_local_actors(event) for event in events]


def _to_source(coded: Coded) -> None:
    """Every span of the events and places re-pointed at the text the user gave, where the
    offsets index a cleaned text that differs from it."""
    document = coded.document
    if coded.offset_map is None or document is None or document.text == coded.article.raw:
        return
    source, cleaned = coded.article.raw, document.text
    coded.events = [spans_to_source(e, coded.offset_map, source, cleaned) for e in coded.events]
    coded.places = [spans_to_source(p, coded.offset_map, source, cleaned) for p in coded.places]


def _windows(stretches: list[tuple[int, str]],
             limit: int) -> Iterator[list[tuple[int, str]]]:
    """Consecutive stretches in groups of at most ``limit`` characters (one stretch at least)."""
    window: list[tuple[int, str]] = []
    size = 0
    for stretch in stretches:
        if window and size + len(stretch[1]) > limit:
            yield window
            window, size = [], 0
        window.append(stretch)
        size += len(stretch[1])
    if window:
        yield window


def _fail(coded: Coded, exc: Exception) -> None:
    """Record why an article could not be coded; the rest of the batch goes on."""
    if isinstance(exc, EventwireError):
        coded.error = exc
        logger.info("skipped %s: %s", coded.article.id, exc)
        return
    logger.exception("coding %s failed unexpectedly", coded.article.id)
    coded.error = CodingError(
        f"coding this article failed unexpectedly ({type(exc).__name__}: {str(exc)[:200]}); "
        "a bug: please report it with the article",
        where=coded.article.source or coded.article.id,
    )


def _with_local_actors(event: Event) -> Event:
    """Actors named without a country ("police", "protesters") belong where the event was."""
    country = event.location.country if event.location else None
    actor, recipient = localise(event.actor, country), localise(event.recipient, country)
    if actor is event.actor and recipient is event.recipient:
        return event
    return event.model_copy(update={"actor": actor, "recipient": recipient})


def _article(
    text_or_html: str, *, url: str | None, published: date | str | None, doc_id: str | None
) -> Article:
    return Article(
        id=doc_id or doc_id_for(text_or_html, url),
        raw=text_or_html,
        content_type="html" if clean_stage.looks_like_html(text_or_html) else "text",
        url=url,
        published=clean_stage.parse_published(published),
    )


_default_pipeline: Pipeline | None = None


def _pipeline(config: Config | None, *, all_places: bool = False) -> Pipeline:
    global _default_pipeline
    if config is not None or all_places:
        return Pipeline(config, all_places=all_places)
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline


def _code_one(
    text_or_html: str | bytes,
    *,
    url: str | None,
    published: date | str | None,
    doc_id: str | None,
    config: Config | None,
    all_places: bool = False,
) -> Coded:
    if isinstance(text_or_html, (bytes, bytearray)):  # bytes: decoded as a file's would be
        from .ingest.files import decode_bytes

        text_or_html = decode_bytes(bytes(text_or_html), where=doc_id or "<bytes>")
    elif not isinstance(text_or_html, str):
        from .errors import InputError

        raise InputError(f"an article is text (str) or bytes, not {type(text_or_html).__name__}")
    article = _article(text_or_html, url=url, published=published, doc_id=doc_id)
    coded = next(_pipeline(config, all_places=all_places).process([article]))
    if coded.error is not None:
        raise coded.error
    return coded


def extract(
    text_or_html: str,
    *,
    url: str | None = None,
    published: date | str | None = None,
    doc_id: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """The events of one article (plain text or HTML). Raises ``EventwireError`` on bad input."""
    return _code_one(
        text_or_html, url=url, published=published, doc_id=doc_id, config=config
    ).events


def places(
    text_or_html: str,
    *,
    url: str | None = None,
    doc_id: str | None = None,
    config: Config | None = None,
) -> list[PlaceMention]:
    """Every place mention of one article, resolved to the gazetteer."""
    return _code_one(
        text_or_html, url=url, published=None, doc_id=doc_id, config=config, all_places=True
    ).places
