"""What makes two articles the same: a hash of their content and a canonical form of their URL."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import bigtext
from ..model import Article, doc_id_for

_SPACE = re.compile(r"\s+")
# query parameters that track the reader and never change the page
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|_ga|ref|ref_src)$")


def content_hash(raw: str) -> str:
    """A hash of the article's content, blind to differences in whitespace."""
    if len(raw) <= bigtext.CHUNK_CHARS:
        normal = _SPACE.sub(" ", raw).strip().encode("utf-8", "surrogatepass")
        return hashlib.blake2b(normal, digest_size=16).hexdigest()
    # a long text a megabyte at a time, cut where no run of spaces is cut: the same bytes
    # hashed as above without three whole copies of it
    digest = hashlib.blake2b(digest_size=16)
    pieces = list(bigtext.word_cuts(raw, bigtext.CHUNK_CHARS))
    for n, (start, end) in enumerate(pieces):
        normal_piece = _SPACE.sub(" ", raw[start:end])
        if n == 0:
            normal_piece = normal_piece.lstrip()
        if n == len(pieces) - 1:
            normal_piece = normal_piece.rstrip()
        digest.update(normal_piece.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def canonical_url(url: str | None) -> str | None:
    """``url`` in a canonical form, or ``None`` for no URL (or one that is not http/https).

    Scheme and host in lower case, ``http`` read as ``https``, ``www.`` and default ports
    dropped, fragment and tracking parameters removed, the rest of the query sorted, and no
    trailing slash: ``HTTP://www.Example.com:80/a/?utm_source=x&b=2#top`` is
    ``https://example.com/a?b=2``.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and port not in {80, 443}:
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k.lower()))
    # trailing slashes and white space both go, in any order, so that the result is stable
    path = re.sub(r"[/\s]+$", "", parts.path)
    return urlunsplit(("https", host, path, urlencode(query), ""))


@dataclass(frozen=True)
class ArticleKey:
    """The identity of an article in the store.

    An article is known by its canonical URL, else by its source and the id the source gave it
    (or the file it fills alone), else by its content. ``id`` is made from that identity, so
    two batches that both number their records from "1" are two sets of articles, and a story
    re-published under its URL with a corrected toll is the same article in a new version.
    ``given_id`` is the id the source gave, kept for people; ``published``, ``url`` and
    ``title`` say what this copy knows, so that a later, fuller copy fills what the store lacks.
    """

    id: str
    content_hash: str
    canonical_url: str | None
    source_key: str | None = None
    given_id: str | None = None
    has_published: bool = False
    has_title: bool = False

    @property
    def identity(self) -> str:
        if self.canonical_url:
            return "url:" + self.canonical_url
        if self.source_key:
            return "source:" + self.source_key
        return "content:" + self.content_hash

    def by_content(self) -> ArticleKey:
        """This key with its identity reduced to its content (for an id clash in one input)."""
        return replace(self, id=_id_of("content:" + self.content_hash), canonical_url=None,
                       source_key=None)


def _id_of(identity: str) -> str:
    return hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def source_key_of(article: Article, partition: str | None, *,
                  whole_file: bool = False) -> str | None:
    """The file and the source's own id (``path#id``), or the file alone when the article is
    the whole file (``whole_file``: a plain text or HTML file); ``None`` for standard input,
    URLs and records without an id."""
    if not partition or partition == "-" or "://" in partition:
        return None
    path = str(Path(partition).expanduser().resolve())
    given = given_id_of(article)
    if given is not None:
        return f"{path}#{given}"
    if whole_file and article.source == partition:
        return path
    return None


def given_id_of(article: Article) -> str | None:
    """The id the source gave the article, or ``None`` when the reader made it from content."""
    return None if article.id == doc_id_for(article.raw, article.url) else article.id


def article_key(article: Article, partition: str | None = None, *,
                whole_file: bool = False) -> ArticleKey:
    """The article's key. Read from ``partition`` (ingest), its id is made from its identity;
    without one (a caller that names its articles itself), the article's own id is kept."""
    url = canonical_url(article.url)
    key = ArticleKey(article.id, content_hash(article.raw), url,
                     source_key_of(article, partition, whole_file=whole_file),
                     given_id_of(article), article.published is not None,
                     article.title is not None)
    return replace(key, id=_id_of(key.identity)) if partition is not None else key


def identified(article: Article, partition: str | None = None, *,
               whole_file: bool = False) -> tuple[Article, ArticleKey]:
    """``article`` under the id the store knows it by, and its key."""
    key = article_key(article, partition, whole_file=whole_file)
    return article.model_copy(update={"id": key.id}), key
