"""One article from a URL, fetched with httpx. Used only when the user passes a URL."""

from __future__ import annotations

import logging
from importlib import metadata

import httpx

from ..errors import BadUrlError, EventwireError, FetchError, InputTooLargeError
from ..model import Article, doc_id_for
from . import Failure
from .files import DEFAULT_MAX_BYTES, decode_bytes

logger = logging.getLogger(__name__)

_ACCEPTED = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


def _version() -> str:
    try:
        return metadata.version("eventwire")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"eventwire/{_version()} (news event coder; +https://pypi.org/project/eventwire/)"


def fetch_url(
    url: str, *, timeout: float = 20.0, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | Failure:
    """The page at ``url`` as an ``Article`` (following redirects), or a ``Failure`` saying why."""
    try:
        httpx.URL(url)
        from urllib.parse import urlsplit

        if not urlsplit(url).hostname:
            raise BadUrlError("not a valid URL (no host)", where=url)
    except (ValueError, httpx.InvalidURL) as err:
        return Failure(url, BadUrlError(f"not a valid URL ({err})", where=url))
    except BadUrlError as err:
        return Failure(url, err)
    try:
        return _fetch(url, timeout=timeout, max_bytes=max_bytes)
    except EventwireError as err:
        logger.info("skipped %s", err)
        return Failure(url, err)
    except httpx.TimeoutException:
        return Failure(url, FetchError(f"no answer within {timeout:g} s", where=url))
    except httpx.HTTPError as err:
        return Failure(url, FetchError(f"cannot fetch: {err}", where=url))


def _fetch(url: str, *, timeout: float, max_bytes: int) -> Article:
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain"}
    with httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client, \
            client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}",
                             where=url)
        mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
        content_type = _ACCEPTED.get(mime)
        if content_type is None:
            raise FetchError(
                f"not a web page: content-type {mime or 'missing'} "
                "(eventwire reads text/html and text/plain)",
                where=url,
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise InputTooLargeError(
                f"{int(declared):,} bytes is over the limit of {max_bytes:,}; raise it with "
                "EVENTWIRE_MAX_BYTES or max_bytes in your config",
                where=url,
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise InputTooLargeError(
                    f"over the limit of {max_bytes:,} bytes; raise it with "
                    "EVENTWIRE_MAX_BYTES or max_bytes in your config",
                    where=url,
                )
            chunks.append(chunk)
        data = b"".join(chunks)
        final_url = str(response.url)
        encoding = response.charset_encoding
    text = None
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text = decode_bytes(data, where=url)
    return Article(
        id=doc_id_for(text, final_url),
        raw=text,
        content_type=content_type,  # type: ignore[arg-type]
        url=final_url,
        source=url,
    )
