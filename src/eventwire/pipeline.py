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

Memory is bounded whatever an article's length. An article whose stretches to parse exceed
``WINDOW_CHARS`` is parsed that many characters at a time. A plain text over ``STREAM_CHARS``
(a scraped page of megabytes on one line) is read as a stream of windows of
``STREAM_WINDOW_CHARS`` cut at paragraph or sentence ends (``clean.windows``): each window is
cleaned, parsed and coded as a short article would be, its spans moved to the text as given,
and everything but its events and places released before the next; those are kept pickled
(``Packed``, about 0.6 KB an event). Events and places are settled within their window: a
happening told in two windows is two events.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from . import clean as clean_stage
from . import geo
from .config import Config, load_config
from .errors import CodingError, EmptyInputError, EventwireError
from .extract import extract_events, select_spans
from .extract.actors import localise
from .model import Article, Document, Event, PlaceMention, doc_id_for
from .nlp import ParseMemo, Segment, bounded, load, parse_segments
from .offsets import OffsetMap, spans_to_source
from .packed import Packed

logger = logging.getLogger(__name__)

# an article whose stretches to parse are longer than this is coded window by window
WINDOW_CHARS = 50_000
# a plain text longer than this is cleaned and coded as a stream of windows of about
# STREAM_WINDOW_CHARS: cleaning a 60 MB line at once keeps several copies of it and its maps,
# and places would be settled against the whole text at every parsing window
STREAM_CHARS = 1_000_000
STREAM_WINDOW_CHARS = 500_000
# and parsed this many characters of stretches at a time (a Doc of 50,000 costs ~150 MB)
STREAM_PARSE_CHARS = 20_000
_MET_ABROAD = frozenset({"CONSULT"})  # meetings: held where their parties are not


@dataclass
class Coded:
    """What the pipeline made of one article: its document, events and places, or its error.

    Every offset in ``events`` and ``places`` indexes ``text``: the article as given for plain
    text (``text_is_input``), the cleaned ``document.text`` for an HTML page.

    A plain text coded as a stream of windows (longer than ``STREAM_CHARS``) has a document
    whose ``text`` is the text as given and whose ``paragraphs`` are the windows, and its
    events and places in a ``Packed`` sequence (read them by iterating).
    """

    article: Article
    document: Document | None = None
    events: Sequence[Event] = field(default_factory=list)
    places: Sequence[PlaceMention] = field(default_factory=list)
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
        streamed: set[int] = set()
        for index, coded in enumerate(batch):
            if _to_stream(coded.article):
                streamed.add(index)  # cleaned and coded alone, window by window
                continue
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
            if coded.document is None and index not in streamed:
                continue
            try:
                if index in streamed:
                    self._code_stream(coded)
                    continue  # its spans index the text as given already
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
        all_places: list[PlaceMention] = []
        all_events: list[Event] = []
        context = geo.document_context(document)  # read from the whole text once
        memo = ParseMemo()  # blocks the page repeats from one window to the next
        for window in _windows(stretches, WINDOW_CHARS):
            segments = parse_segments(self.nlp, window, batch_size=self.config.nlp_batch_size,
                                      memo=memo)
            places = geo.find_places(document, segments, context=context)
            events = geo.locate_events(extract_events(document, segments), places, document)
            all_places.extend(places)
            all_events.extend(_with_local_actors(event) for event in events)
        coded.places, coded.events = all_places, all_events

    def _code_stream(self, coded: Coded) -> None:
        """A long plain text as a stream of windows: each cleaned, parsed and coded as a short
        article would be, its spans moved to the text as given, then released; only its
        events and places are kept, pickled (see the module docstring)."""
        article, config = coded.article, self.config
        raw = article.raw
        clean_stage.check_input(raw, config, article.source or article.id)
        shortcut = config.trigger_shortcut and not self.all_places
        events: Packed[Event] = Packed()
        places: Packed[PlaceMention] = Packed()
        first: Document | None = None
        spans: list[tuple[int, int]] = []
        memo = ParseMemo()  # posts and blocks the page repeats from one window to the next
        for start, end in clean_stage.windows(raw, STREAM_WINDOW_CHARS):
            part = Article(id=article.id, raw=raw[start:end], url=article.url,
                           title=article.title if start == 0 else None,
                           published=first.published if first else article.published,
                           source=article.source)
            try:
                document, offset_map = clean_stage.clean_mapped(
                    part, config=config, head=start == 0, tail=end == len(raw))
            except EmptyInputError:
                continue  # a window of page chrome only
            assert offset_map is not None  # plain text
            first = first or document
            spans.append((start, end))
            to_source = offset_map.shifted(start, len(raw))
            stretches = [piece for span in select_spans(document, shortcut=shortcut)
                         for piece in bounded(*span)]
            # the countries of the whole window, read once for all its parsing windows
            context = geo.document_context(document) if stretches else None
            for window in _windows(stretches, STREAM_PARSE_CHARS):
                segments = parse_segments(self.nlp, window, batch_size=config.nlp_batch_size,
                                          memo=memo)
                found = geo.find_places(document, segments, context=context)
                # located once linked, as _code_large does: locating every mention first
                # weighs each against all the window's places (twice the time of the parse)
                located = geo.locate_events(extract_events(document, segments), found, document)
                for event in located:
                    events.append(_in_source(_with_local_actors(event), start, to_source,
                                             raw, document.text))
                places.extend(spans_to_source(p, to_source, raw, document.text) for p in found)
                del segments  # the window's Docs go before the next window is parsed
        if first is None:
            raise EmptyInputError("no article text left after removing page chrome",
                                  where=article.source or article.id)
        # the text as given stands for the cleaned text: every span indexes it
        coded.document = first.model_copy(update={"text": raw, "paragraphs": spans})
        coded.offset_map = OffsetMap.identity(len(raw))
        coded.events, coded.places = events, places

    def _code_document(self, coded: Coded, segments: list[Segment]) -> None:
        document = coded.document
        assert document is not None
        coded.places = geo.find_places(document, segments)
        events = extract_events(document, segments, places=coded.places)
        coded.events = [_with_local_actors(event) for event in events]


def _to_source(coded: Coded) -> None:
    """Every span of the events and places re-pointed at the text the user gave, where the
    offsets index a cleaned text that differs from it. (A span's text is the document's own
    already, never a token's as the parser saw it: ``nlp.span_text``.)"""
    document = coded.document
    if coded.offset_map is None or document is None or document.text == coded.article.raw:
        return
    source, cleaned = coded.article.raw, document.text
    coded.events = [spans_to_source(e, coded.offset_map, source, cleaned) for e in coded.events]
    coded.places = [spans_to_source(p, coded.offset_map, source, cleaned) for p in coded.places]


def _to_stream(article: Article) -> bool:
    """Whether ``article`` is a plain text long enough to be coded as a stream of windows."""
    return (len(article.raw) > STREAM_CHARS and article.content_type == "text"
            and not clean_stage.looks_like_html(article.raw))


def _in_source(event: Event, window_start: int, to_source: OffsetMap, source: str,
               derived: str) -> Event:
    """A window's event with its spans in the text as given. Its id, made from offsets in the
    window, would come again in the next window: past the first, it is made unique with the
    window's start."""
    moved = spans_to_source(event, to_source, source, derived)
    if window_start == 0:
        return moved
    unique = hashlib.blake2b(f"{event.id}@{window_start}".encode(), digest_size=10).hexdigest()
    return moved.model_copy(update={"id": unique})


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
    """Actors named without a country ("police", "protesters") belong where the event was;
    but envoys meeting in Abu Dhabi are no government of the Emirates: talks are held abroad."""
    country = event.location.country if event.location else None
    if event.type in _MET_ABROAD:
        country = None
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
    return list(_code_one(
        text_or_html, url=url, published=published, doc_id=doc_id, config=config
    ).events)  # a list, also for a long text whose events were kept packed


def places(
    text_or_html: str,
    *,
    url: str | None = None,
    doc_id: str | None = None,
    config: Config | None = None,
) -> list[PlaceMention]:
    """Every place mention of one article, resolved to the gazetteer."""
    return list(_code_one(
        text_or_html, url=url, published=None, doc_id=doc_id, config=config, all_places=True
    ).places)
