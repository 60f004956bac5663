"""What makes two articles the same: a hash of their content and a canonical form of their URL."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import Article

_SPACE = re.compile(r"\s+")
# query parameters that track the reader and never change the page
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|_ga|ref|ref_src)$")


def content_hash(raw: str) -> str:
    """A hash of the article's content, blind to differences in whitespace."""
    normal = _SPACE.sub(" ", raw).strip().encode("utf-8", "surrogatepass")
    return hashlib.blake2b(normal, digest_size=16).hexdigest()


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
    """The identity of an article in the store: its id, content hash and canonical URL."""

    id: str
    content_hash: str
    canonical_url: str | None


def article_key(article: Article) -> ArticleKey:
    return ArticleKey(article.id, content_hash(article.raw), canonical_url(article.url))
