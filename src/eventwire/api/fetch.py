"""Fetching an article's URL for ``POST /api/articles`` without becoming a proxy into the
server's network (server-side request forgery).

Every hop is checked before anything connects: the host is resolved once, every address it
resolves to must be public (not private, loopback, link-local such as the 169.254.169.254
metadata service, shared, reserved or multicast), and the connection goes to that resolved
address, with the name kept for the Host header and TLS, so that a second lookup cannot answer
differently (DNS rebinding). Redirects are followed here, at most ``max_redirects``, each
target checked the same way. Operators may allow non-public addresses wholesale
(``fetch_allow_private``) or a few origins by name (``fetch_allow_hosts``: ``host`` or
``host:port``), which is checked on every hop as well.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, InputTooLargeError, UnsafeUrlError
from ..ingest.files import decode_bytes
from ..ingest.web import USER_AGENT
from ..model import Article, doc_id_for

logger = logging.getLogger(__name__)

_ACCEPTED = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_REDIRECTS = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    allow_hosts: frozenset[str] = field(default_factory=frozenset)
    timeout: float = 20.0
    max_redirects: int = 5
    max_bytes: int = 5_000_000


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is on the public internet (IPv4-mapped IPv6 read as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Destination:
    """One checked hop: the URL, its host and port, and the address to connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: IPAddress


def check_url(url: str, policy: FetchPolicy) -> Destination:
    """Resolve ``url``'s host and refuse it unless every address is allowed; nothing connects."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError("not a valid URL", where=url[:200]) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host:
        raise FetchError("only http and https URLs with a host can be fetched", where=url[:200])
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are not fetched", where=url[:200])
    port = port or (443 if scheme == "https" else 80)
    allowed = host in policy.allow_hosts or f"{host}:{port}" in policy.allow_hosts
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"cannot resolve {host}: {err}", where=url[:200]) from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0])
                                   for info in infos))
    if not addresses:
        raise FetchError(f"{host} resolves to no address", where=url[:200])
    if not (allowed or policy.allow_private):
        for address in addresses:
            if not is_public(address):
                raise UnsafeUrlError(
                    f"refused: {host} resolves to {address}, which is not a public address "
                    "(private, loopback, link-local or metadata); an operator may allow it "
                    "with fetch_allow_hosts", where=url[:200])
    return Destination(url, scheme, host, port, addresses[0])


def fetch_article(url: str, policy: FetchPolicy) -> Article:
    """The page at ``url`` as an ``Article``, each hop checked by ``check_url``."""
    try:
        return _fetch(url, policy)
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {policy.timeout:g} s", where=url[:200]) from None
    except httpx.HTTPError as err:
        raise FetchError(f"cannot fetch: {err}", where=url[:200]) from None


def _fetch(url: str, policy: FetchPolicy) -> Article:
    # trust_env off: a proxy from the environment would connect to names we did not check
    with httpx.Client(timeout=policy.timeout, trust_env=False, follow_redirects=False) as client:
        current = url
        for _ in range(policy.max_redirects + 1):
            hop = check_url(current, policy)
            with client.stream("GET", _pinned_url(hop), headers=_headers(hop),
                               extensions=_tls(hop)) as response:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} without a Location",
                                         where=current[:200])
                    current = urljoin(current, location)
                    continue
                return _read(response, hop, original=url, max_bytes=policy.max_bytes)
    raise FetchError(f"more than {policy.max_redirects} redirects", where=url[:200])


def _pinned_url(hop: Destination) -> str:
    """The hop's URL with its host replaced by the checked address."""
    parts = urlsplit(hop.url)
    address = f"[{hop.address}]" if hop.address.version == 6 else str(hop.address)
    netloc = f"{address}:{hop.port}"
    return parts._replace(netloc=netloc, fragment="").geturl()


def _headers(hop: Destination) -> dict[str, str]:
    default = 443 if hop.scheme == "https" else 80
    host = hop.host if hop.port == default else f"{hop.host}:{hop.port}"
    return {"Host": host, "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain"}


def _tls(hop: Destination) -> dict[str, str]:
    # the certificate must name the host asked for, not the address connected to
    return {"sni_hostname": hop.host} if hop.scheme == "https" else {}


def _read(response: httpx.Response, hop: Destination, *, original: str,
          max_bytes: int) -> Article:
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}",
                         where=hop.url[:200])
    mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
    content_type = _ACCEPTED.get(mime)
    if content_type is None:
        raise FetchError(f"not a web page: content-type {mime or 'missing'}",
                         where=hop.url[:200])
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLargeError(f"{int(declared):,} bytes is over the limit of {max_bytes:,}",
                                 where=hop.url[:200])
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLargeError(f"over the limit of {max_bytes:,} bytes",
                                     where=hop.url[:200])
        chunks.append(chunk)
    data = b"".join(chunks)
    text = None
    if response.charset_encoding:
        try:
            text = data.decode(response.charset_encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text = decode_bytes(data, where=hop.url[:200])
    return Article(id=doc_id_for(text, hop.url), raw=text,
                   content_type=content_type,  # type: ignore[arg-type]
                   url=hop.url, source=original)


__all__ = ["Destination", "FetchPolicy", "check_url", "fetch_article",
           "is_public"]
