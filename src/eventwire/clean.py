"""Boilerplate and metadata: a raw article (HTML or scraped text) to a ``Document``.

1. Refuse what cannot be an article: too large, binary, empty.
2. HTML: main content and metadata (title, date, site, URL) with trafilatura, precision first.
3. Normalise: NFC, odd spaces and zero-width characters, one space between words.
4. Cut the text into blocks (lines, and stretches that scraped text runs together; a line a
   wrap broke mid-sentence joins the next) and drop page chrome by the rules in
   ``resources/boilerplate.yaml`` (``chrome.py``; a user file can add rules). Rules never drop
   the only content: a text that is only a headline, a flash or a post is its own body. Each
   block loses an opening alert label and a closing credit; one in capitals is recased.
5. Title: the given one, the HTML's, or the headline line of a scraped page's header.
6. Paragraphs joined by a blank line; ``Document.paragraphs`` are their spans in the text.
   An HTML page's title, when known, is the first paragraph, so no sentence spans header and
   body. For plain text, every step keeps a map from the text back to the input
   (``clean_mapped``), through which the pipeline moves every span.
7. Dateline ("KYIV, Ukraine (Reuters) -") into ``Document.dateline``; the text stays whole.
8. Language of the first ~2000 characters (py3langid); one not in ``config.languages`` is refused.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .bigtext import is_blank, utf8_size
from .chrome import TERMINAL as _TERMINAL
from .chrome import TRIM as _TRIM
from .chrome import (
    ChromeRules,
    heads_a_list,
    is_chrome,
    is_chrome_line,
    load_rules,
    trim_block,
)
from .chrome import rules_for as _rules_for
from .chrome import words as _words
from .config import Config
from .errors import (
    BadDateError,
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UnsupportedLanguageError,
)
from .model import Article, Document
from .offsets import MappedText, OffsetMap, join
from .resources import load_yaml

logger = logging.getLogger(__name__)

LANGUAGE_SAMPLE_CHARS = 2000
MIN_LETTERS_FOR_LANGUAGE = 20
# below this normalised probability a foreign verdict is not trusted (names, lists, headlines)
LANGUAGE_MIN_CONFIDENCE = 0.8
_TITLE_MAX_WORDS = 30

# ---------------------------------------------------------------------------------------------
# publication dates


def parse_published(value: date | str | None) -> date | None:
    """A publication date from a ``date``, ``datetime`` or string; ``None`` stays ``None``.

    Strings may be ISO 8601 ("2024-11-17", "2024-11-17T08:30:00Z") or a written date with day,
    month and year ("17 November 2024", "Nov. 17, 2024"). Raises ``BadDateError`` otherwise.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    parsed = _parse_date_text(text)
    if parsed is None:
        raise BadDateError(
            f"cannot read the publication date {text[:80]!r}: give it as YYYY-MM-DD"
        )
    if not 1800 <= parsed.year <= 2200:
        raise BadDateError(f"publication date {text[:80]!r} is out of range (year {parsed.year})")
    return parsed


def _parse_date_text(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if len(text) > 60 or not re.search(r"\d", text):
        return None
    import dateparser  # slow to import; only written dates need it

    settings: Any = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date() if found else None



# ---------------------------------------------------------------------------------------------
# normalisation and blocks

_SPACE_CHARS = "\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 "
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
# what collapsing changes: runs of two or more, or one space that is not a plain one
_ODD_SPACES = re.compile(f"[{_SPACE_CHARS}]{{2,}}|[{_SPACE_CHARS[:-1]}]")
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x85]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# where scraped text runs blocks together: tab runs, or 2+ spaces after a sentence end
_BLOCK_BREAK = re.compile(r"[ \u00a0]*\t[\s]*|(?<=[.!?\"”’)])[ \u00a0]{2,}")
# a plural's possessive written with a typographic apostrophe ("Kiev forces’ shelling"): the
# tagger reads "’" there as a closing quote and loses the possessor (it knows "forces'"
# and "army’s" alike)
_PLURAL_POSSESSIVE = re.compile(r"(?<=[a-z]s)’(?= )")


def _normalise(text: str) -> MappedText:
    """NFC, one kind of line break, no invisible or control characters, a plural's possessive
    with a plain apostrophe; mapped to ``text``."""
    mapped = MappedText.of(text)
    if not unicodedata.is_normalized("NFC", text):
        mapped = mapped.replace(_nfc_changes(text))
    return (mapped.sub(_NEWLINES, "\n").sub(_INVISIBLE, "").sub(_CONTROL, " ")
            .sub(_PLURAL_POSSESSIVE, "'"))


def _nfc_changes(text: str) -> list[tuple[int, int, str]]:
    """Each character with the combining marks after it, where NFC changes them."""
    changes: list[tuple[int, int, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        group = text[start:index]
        composed = unicodedata.normalize("NFC", group)
        if composed != group:
            changes.append((start, index, composed))
        start = index
    return changes


def _blocks(text: MappedText) -> list[MappedText]:
    """Lines, further split where scraped text runs blocks together; whitespace collapsed.

    A line that breaks a sentence off (no end mark, and the next line goes on in lower case)
    is joined to the next: text wrapped by a mail client or a feed is one sentence again.
    """
    out: list[MappedText] = []

    def add(start: int, end: int, *, may_continue: bool) -> None:
        raw = text.text[start:end]
        left, right = len(raw) - len(raw.lstrip()), len(raw.rstrip())
        if right <= left:
            return
        piece = text.slice(start + left, start + right)
        if _ODD_SPACES.search(piece.text):
            piece = piece.sub(_ODD_SPACES, " ")
        if out and may_continue and _goes_on(out[-1].text, piece.text):
            out[-1] = join([out[-1], piece], " ")
        else:
            out.append(piece)

    line_start = 0
    after_blank = True
    for line in text.text.split("\n"):
        piece_start = line_start
        for match in _BLOCK_BREAK.finditer(line):
            add(piece_start, line_start + match.start(),
                may_continue=piece_start > line_start or not after_blank)
            piece_start = line_start + match.end()
        add(piece_start, line_start + len(line),
            may_continue=piece_start > line_start or not after_blank)
        after_blank = not line.strip()
        line_start += len(line) + 1
    return out


def _goes_on(block: str, following: str) -> bool:
    """Whether ``following`` continues the sentence ``block`` leaves open: it starts in lower
    case, and ``block`` stops on a comma or dash, or is a long line ending on a lower-case word
    (a short one is a headline: "Explosions in Kharkiv" over "the mayor reports ...")."""
    if not following[:1].islower() or _TERMINAL.search(block):
        return False
    if block[-1:] in _OPEN_ENDS:
        return True
    last = block.rsplit(" ", 1)[-1]
    return _words(block) >= _WRAPPED_LINE_WORDS and last[:1].islower()


_OPEN_ENDS = frozenset(",;–—-(")
_WRAPPED_LINE_WORDS = 8


def _is_prose(block: str) -> bool:
    """A block of running text, as opposed to a headline, label or caption."""
    return (_words(block) >= 12 and bool(re.search(r"[.!?][\"'”’)]*(\s|$)", block))) or (
        _words(block) >= 8 and bool(_TERMINAL.search(block))
    )


_DATE_LINE = re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?P<date>.+)", re.I)


def _date_from_chrome(block: str) -> date | None:
    core = block.strip(_TRIM)
    match = _DATE_LINE.fullmatch(core)
    candidate = match.group("date") if match else core
    if not re.search(r"\d{4}", candidate) or _words(candidate) > 8:
        return None
    try:
        return parse_published(candidate)
    except BadDateError:
        return None


# ---------------------------------------------------------------------------------------------
# datelines

_DATELINE = re.compile(
    r"""^(?P<place>
        [A-Z][A-Za-z'’.\-]*(?:\ [A-Za-z][A-Za-z'’.\-]*){0,3}      # KYIV / Odesa / NEW DELHI
        (?:,\ [A-Z][A-Za-z'’.\-]*(?:\ [A-Za-z][A-Za-z'’.\-]*){0,2})?  # , Ukraine
    )
    (?:
        \s*\((?P<agency>[A-Za-z][A-Za-z .&/\-]{1,30})\)\s*(?:[-–—:]{1,2}\s*)   # (Reuters) -
      | \s*(?P<dash>[-–—]{1,2}|:)\s+                                       # — or :
    )""",
    re.X,
)


def find_dateline(paragraph: str) -> str | None:
    """The place named by a dateline opening ``paragraph``, or None.

    "KYIV, Ukraine (Reuters) - ..." gives "KYIV, Ukraine"; "Odesa (AFP) – ..." gives "Odesa".

    Without an agency in brackets, the place's first word must be in capitals ("SUMY, Ukraine —",
    "NEW DELHI:"), so that "Officials said: ..." is not a dateline.
    """
    found = dateline_span(paragraph)
    return found[0] if found else None


def dateline_span(paragraph: str) -> tuple[str, int] | None:
    """The dateline's place and where the story after it starts, or None (see find_dateline)."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place")
    first = place.split(",")[0].split()[0]
    if match.group("agency") is None:
        letters = [c for c in first if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters):
            return None
    rest = paragraph[match.end():]
    if not rest[:1].isalnum() and rest[:1] not in "\"“'‘(":
        return None
    return place.strip(), match.end()


# ---------------------------------------------------------------------------------------------
# language


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    found = found or pycountry.languages.get(alpha_3=code)
    return found.name if found is not None else code


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of ``text``'s first ~2000 characters; None if too short."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS_FOR_LANGUAGE:
        return None
    code, prob = _language_identifier().classify(sample)
    return _creole_or_lexifier(str(code), sample), float(prob)


@lru_cache(maxsize=1)
def _creoles() -> dict[str, dict]:
    return load_yaml("languages.yaml").get("creoles") or {}


def _creole_or_lexifier(code: str, sample: str) -> str:
    """A creole the identifier names for a text without the creole's own grammar words is the
    language its words come from (``languages.yaml``: Nigerian English headlines read as
    Nigerian Pidgin)."""
    creole = _creoles().get(code)
    if creole is None:
        return code
    markers = {str(w) for w in creole.get("markers") or []}
    found = sum(1 for word in re.findall(r"[^\W\d_]+", sample) if word in markers)
    return code if found >= int(creole.get("min_markers", 1)) else str(creole["lexifier"])


def _check_language(text: str, config: Config, where: str) -> str | None:
    found = detect_language(text)
    if found is None:
        return None
    code, prob = found
    if code in config.languages:
        return code
    if prob < LANGUAGE_MIN_CONFIDENCE:
        logger.debug("%s: language unsure (%s %.2f); reading it anyway", where, code, prob)
        return None
    raise UnsupportedLanguageError(
        f"nothing to code in {language_name(code)} ({code}) yet; "
        f"eventwire codes: {', '.join(config.languages)}",
        where=where,
    )


def _paragraph_in(block: str, config: Config) -> bool:
    """Whether one paragraph is in a language we code (too short to tell counts as no)."""
    found = detect_language(block)
    return found is not None and found[0] in config.languages


# ---------------------------------------------------------------------------------------------
# input checks


def check_input(raw: str, config: Config, where: str) -> None:
    """Refuse what cannot be an article: too large, binary, empty (coded errors)."""
    if len(raw) > config.max_bytes or (
        len(raw) * 4 > config.max_bytes and utf8_size(raw) > config.max_bytes
    ):
        raise InputTooLargeError(
            f"larger than the limit of {config.max_bytes:,} bytes; raise it with "
            "EVENTWIRE_MAX_BYTES or max_bytes in your config",
            where=where,
        )
    head = raw[:8192]
    if "\x00" in head:
        raise BinaryInputError("binary data (NUL bytes), not text", where=where)
    if head:
        odd = sum(1 for c in head if (unicodedata.category(c) in {"Cc", "Co", "Cn", "Cs"}
                                      and c not in "\t\n\r\x0c") or c == "\ufffd")
        if odd / len(head) > 0.1:
            raise BinaryInputError("mostly non-text characters; not an article", where=where)
    if is_blank(raw):
        raise EmptyInputError("nothing to read (empty or only whitespace)", where=where)


_LEADING_SPACE = re.compile(r"\s*")


def looks_like_html(raw: str) -> bool:
    start = _LEADING_SPACE.match(raw).end()  # type: ignore[union-attr]  # (lstrip copies)
    head = raw[start:start + 1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and bool(re.search(r"<(body|article|p|div|head|title)\b", head))
    )


# ---------------------------------------------------------------------------------------------
# HTML


@dataclass
class _Html:
    text: str
    title: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None


def _trafilatura(raw: str, url: str | None, where: str) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, favor_precision=True, include_comments=False,
            include_tables=False, include_images=False, include_links=False,
        )
    except Exception as err:  # lxml and trafilatura raise many kinds on broken markup
        logger.debug("%s: trafilatura failed: %r", where, err)
        return None


def _all_text(raw: str) -> str:
    """Every text node of a page or fragment: the last resort for broken markup."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(raw)
    except Exception:  # lxml raises ParserError, ValueError, XMLSyntaxError, ...
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


def _from_html(raw: str, url: str | None, where: str) -> _Html:
    result = _trafilatura(raw, url, where)
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text and "<body" not in raw[:100_000].lower():
        # a fragment: give it the document around it that trafilatura expects
        result = _trafilatura(f"<html><body>{raw}</body></html>", url, where) or result
        text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        text = _all_text(raw).strip()
    result_meta = result
    if not text:
        raise EmptyInputError("no text in the HTML page", where=where)
    out = _Html(text=text)
    if result_meta is not None:
        out.title = (getattr(result_meta, "title", None) or "").strip() or None
        out.site = (getattr(result_meta, "sitename", None) or "").strip() or None
        out.url = getattr(result_meta, "url", None) or None
        try:
            out.published = parse_published(getattr(result_meta, "date", None))
        except BadDateError:
            out.published = None
    return out


# ---------------------------------------------------------------------------------------------
# the stage


def _strip_cut(blocks: list[MappedText], rules: ChromeRules) -> list[MappedText]:
    """Drop a page footer: from the first cut marker in the text's last part to the end."""
    if rules.cut is None or not blocks:
        return blocks
    total = sum(len(b.text) + 1 for b in blocks)
    threshold = total * (1 - rules.cut_after)
    pos = 0
    for index, block in enumerate(blocks):
        end = pos + len(block.text)
        if end >= threshold:  # a footer starts in the text's last part: search only there
            match = rules.cut.search(block.text, max(0, math.ceil(threshold) - pos))
            if match is not None:
                head = block.slice(0, match.start()).strip()
                return [*blocks[:index], *([head] if head.text else [])]
        pos = end + 1
    return blocks


def _could_be_title(block: str) -> bool:
    """A headline: 3 to 30 words, mostly words (not a ticker of numbers), no final period."""
    tokens = block.split()
    wordy = sum(1 for t in tokens if sum(c.isalpha() for c in t) >= max(1, len(t) // 2))
    return (3 <= len(tokens) <= _TITLE_MAX_WORDS and wordy >= 0.6 * len(tokens)
            and not block.endswith("."))


def _is_caption(block: str) -> bool:
    """A Title Case line without sentence punctuation: a caption or a linked headline."""
    words = [w for w in block.split() if w[:1].isalpha()]
    if not words or _TERMINAL.search(block) or _words(block) > _TITLE_MAX_WORDS:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised / len(words) >= 0.8


def _headline_cased(block: str) -> bool:
    """Title Case, as headlines are set and sentences never are: most words capitalised."""
    words = [w for w in block.split() if w[:1].isalpha()]
    if len(words) < 3 or len(words) > _TITLE_MAX_WORDS:
        return False
    return sum(1 for w in words if w[:1].isupper()) >= _HEADLINE_CASED_SHARE * len(words)


_HEADLINE_CASED_SHARE = 0.7
# a page's closing list of other stories ("More from ...", headlines with no header at all)
_TRAILING_LIST_MIN = 3


def _cut_trailing_headlines(kept: list[MappedText]) -> tuple[list[MappedText], list[MappedText]]:
    """Split off a run of Title Case lines that closes a story told in sentences: the page's
    list of other stories' headlines, printed without a header (scrapes often lose it)."""
    start = len(kept)
    while start > 0 and _headline_cased(kept[start - 1].text):
        start -= 1
    body = kept[:start]
    if len(kept) - start < _TRAILING_LIST_MIN or not any(_is_prose(b.text) for b in body):
        return kept, []
    return body, kept[start:]


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s).casefold().strip()

    return key(a) == key(b)


def clean(article: Article, *, config: Config) -> Document:
    """The cleaned ``Document`` of one article; raises a coded ``InputError`` on bad input."""
    return clean_mapped(article, config=config)[0]


def clean_mapped(article: Article, *, config: Config, head: bool = True, tail: bool = True
                 ) -> tuple[Document, OffsetMap | None]:
    """The cleaned ``Document`` and, for plain text, the map from its text to ``article.raw``.

    An HTML page has no map: offsets into it index ``Document.text`` (the page's main text as
    trafilatura gives it, cleaned), which the exports carry. A title given apart from plain
    text stays metadata unless the text repeats it, so that every offset indexes the input.

    ``article`` may be one window of a longer plain text (``windows``): ``head`` says it holds
    the text's start (header, headline, dateline, language are read there only), ``tail`` its
    end (a footer is cut there only).
    """
    where = article.source or article.id
    raw = article.raw
    check_input(raw, config, where)
    rules = _rules_for(config)

    title = (article.title or "").strip() or None
    published = article.published
    site = None
    url = article.url
    is_html = article.content_type == "html" or looks_like_html(raw)
    if is_html:
        page = _from_html(raw, article.url, where)
        body = page.text
        title = title or page.title
        published = published or page.published
        site = page.site
        url = url or page.url
    else:
        body = raw

    blocks = _blocks(_normalise(body))
    if tail:
        blocks = _strip_cut(blocks, rules)

    # header: blocks before the first running text; the headline is found there. A text with no
    # running text at all (a headline, a list of flashes or posts) has no header: each line is
    # its own news, none is a title over the others
    first_prose = next((i for i, b in enumerate(blocks) if _is_prose(b.text)), len(blocks)) \
        if head else 0  # a later window has no header: it starts in the body
    has_body = first_prose < len(blocks)
    kept: list[MappedText] = []
    # blocks dropped by a guess (a rule's pattern, a label, a caption), not a known chrome line
    guessed: list[MappedText] = []
    header_title: MappedText | None = None
    in_list = False  # under "Related articles": other stories' headlines, up to a sentence
    for index, block in enumerate(blocks):
        text = block.text
        in_header = index < first_prose
        if is_chrome(text, rules):
            if in_header and published is None:
                published = _date_from_chrome(text)
            if not is_chrome_line(text, rules):
                guessed.append(block)
            in_list = heads_a_list(text, rules) or in_list
            continue
        in_list = in_list and not _TERMINAL.search(text) and _words(text) <= rules.list_max_words
        if in_list:
            guessed.append(block)
            continue
        if in_header and not is_html:
            if _words(text) <= 2 and not _TERMINAL.search(text):
                guessed.append(block)
                continue  # a section label or stray word, not a sentence
            if has_body and header_title is None and title is None and _could_be_title(text):
                header_title = block
            elif has_body and (header_title or title) and _is_caption(text):
                guessed.append(block)
                continue  # a photo caption or related headline under the title
        kept.append(block)
    if tail and has_body:
        kept, listed = _cut_trailing_headlines(kept)
        guessed.extend(listed)
    if not kept:
        # chrome rules remove page furniture, never the only content ("Source: ..." alone)
        kept = guessed
    kept = [trim_block(block, rules) for block in kept]

    try:
        # a later window was read in the language its text's start was
        language = _check_language("\n".join(b.text for b in kept), config,
                                   where) if head else None
    except UnsupportedLanguageError:
        # a story with a paragraph or two in our language among others ("Soldiers killed in
        # Ukraine;" over Russian lines) keeps those; one with none stays refused
        ours = [b for b in kept if _paragraph_in(b.text, config)]
        if not ours or len(ours) == len(kept):
            raise
        kept, language = ours, config.languages[0]
    if not kept:
        raise EmptyInputError("no article text left after removing page chrome", where=where)
    if not any(ch.isalnum() for block in kept for ch in block.text):
        raise EmptyInputError("no words to read, only symbols", where=where)

    if is_html and title is not None:
        # the page's title leads its text, once
        title = _SPACES.sub(" ", _normalise(title).text).strip() or None
        if title is not None:
            kept = [b for b in kept[:3] if not _same(b.text, title)] + kept[3:]
            kept.insert(0, MappedText.of(title))
    elif header_title is not None:
        title = header_title.text
        # a page that prints its headline twice keeps the first
        first = next((i for i, b in enumerate(kept) if b is header_title), len(kept))
        kept = kept[:first + 1] + [b for b in kept[first + 1:first + 3]
                                   if not _same(b.text, title)] + kept[first + 3:]
    elif title is not None:
        title = _SPACES.sub(" ", _normalise(title).text).strip() or None

    if len(kept) == 1 and title is not None and _same(kept[0].text, title):
        title = None  # a text that is only a headline is its own body, coded as such

    joined = join(kept, _PARAGRAPH_BREAK)
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in kept:
        spans.append((pos, pos + len(block.text)))
        pos += len(block.text) + len(_PARAGRAPH_BREAK)

    dateline = None
    for block in kept[:2] if head else ():
        dateline = find_dateline(block.text)
        if dateline:
            break

    document = Document(
        doc_id=article.id, text=joined.text, paragraphs=spans, title=title,
        published=published, url=url, site=site, language=language, dateline=dateline,
    )
    return document, None if is_html else joined.map


_PARAGRAPH_BREAK = "\n\n"


# ---------------------------------------------------------------------------------------------
# long texts in windows

# a sentence: up to an end mark followed by space and a capital (or the end of the text); a
# cheap cut for choosing what to parse and for measuring a long paragraph, not spaCy's
SENTENCE = re.compile(r"\S.*?(?:[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|$)", re.DOTALL)
# where a long text may be cut, best first: a blank line, a line break, a sentence end
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


def windows(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``text`` as consecutive ``(start, end)`` windows of at most ``size`` characters that
    tile it, each cut in its second half at the last paragraph break, else line break, else
    sentence end, else space (else at ``size``): a plain text too long to clean and parse at
    once is coded window by window, no sentence cut in two where the text has sentence ends."""
    start, length = 0, len(text)
    while length - start > size:
        low, limit = start + size // 2, start + size
        cut = text.rfind("\n\n", low, limit)
        if cut >= 0:
            cut += 2
        else:
            cut = text.rfind("\n", low, limit) + 1
        if cut <= 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, low, limit)]
            cut = ends[-1] if ends else text.rfind(" ", low, limit) + 1
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    if start < length:
        yield start, length

__all__ = [
    "ChromeRules",
    "check_input",
    "clean",
    "clean_mapped",
    "dateline_span",
    "detect_language",
    "find_dateline",
    "is_chrome",
    "language_name",
    "load_rules",
    "looks_like_html",
    "parse_published",
    "windows",
]
